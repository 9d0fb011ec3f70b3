// Issue 19, attack M7: an agency admin holds its IIT code and sets its own staff cap, so it could
// stuff its IIT unseen. Replayed here: the admin rotates the code, then 30 IIT responses arrive the
// same day; and the admin raises its staff population after collection started. The province
// coordinator and the assessor must see flags (counts only) on the overview and the agency page;
// an agency with the normal pattern (populations set before collecting, the first code, a burst of
// staff answering) raises none. The agency admin is not shown the flags.
import { beforeAll, describe, expect, it } from "vitest";
import { dbTarget, prisma } from "~/db.server";
import { issueIitCode } from "~/models/iit-code.server";
import * as dashboardRoute from "~/routes/admin.agencies.$slug._index";
import { openCycle } from "../fixtures/db";
import { addResponses, agency, dashboard, newProvince, overview, post, signedIn } from "../fixtures/oversight";

const world = {} as {
  stuffed: { id: string; slug: string };
  inflated: { id: string; slug: string };
  normal: { id: string; slug: string };
  coordinator: string;
  assessor: string;
  stuffedAdmin: string;
  provinceSlug: string;
};

const act = (slug: string, cookie: string, fields: Record<string, string>) =>
  post(dashboardRoute.action, `/admin/agencies/${slug}?index`, cookie, fields, { slug });

beforeAll(async () => {
  const cycle = await openCycle();
  const province = await newProvince("จังหวัดตรวจสอบ", "Flag province");
  const [stuffed, inflated, normal] = await Promise.all(
    [1, 2, 3].map(() => agency({ provinceId: province.id, internalPopulation: null, externalPopulation: null })),
  );
  const stuffedAdmin = (await signedIn({ role: "agency_admin", agencyId: stuffed.agency.id })).cookie;
  const inflatedAdmin = (await signedIn({ role: "agency_admin", agencyId: inflated.agency.id })).cookie;
  const normalAdmin = (await signedIn({ role: "agency_admin", agencyId: normal.agency.id })).cookie;
  // Every agency: populations entered, the first code issued, before anyone answers.
  for (const [target, cookie] of [
    [stuffed, stuffedAdmin],
    [inflated, inflatedAdmin],
    [normal, normalAdmin],
  ] as const) {
    expect((await act(target.agency.slug, cookie, { intent: "set-populations", internalPopulation: "40", externalPopulation: "300" })).status).toBe(200);
    await issueIitCode(target.agency.id, cycle.id);
  }
  // Stuffing by rotation: the admin rotates the code (only it knows the new one), 30 IIT the same day.
  expect((await act(stuffed.agency.slug, stuffedAdmin, { intent: "rotate-code" })).status).toBe(200);
  await addResponses({ agencyId: stuffed.agency.id, cycleId: cycle.id }, { iit: 30 }, { seed: 21 });
  // Stuffing by the cap: staff answer, then the admin raises its staff population.
  await addResponses({ agencyId: inflated.agency.id, cycleId: cycle.id }, { iit: 12, eit1: 5 }, { seed: 22 });
  expect((await act(inflated.agency.slug, inflatedAdmin, { intent: "set-populations", internalPopulation: "400", externalPopulation: "300" })).status).toBe(
    200,
  );
  // Normal: 30 staff and 20 citizens answer with the first code; nothing changed.
  await addResponses({ agencyId: normal.agency.id, cycleId: cycle.id }, { iit: 30, eit1: 20 }, { seed: 23 });
  // Saving the same populations again is not a change.
  expect((await act(normal.agency.slug, normalAdmin, { intent: "set-populations", internalPopulation: "40", externalPopulation: "300" })).status).toBe(200);

  Object.assign(world, {
    stuffed: { id: stuffed.agency.id, slug: stuffed.agency.slug },
    inflated: { id: inflated.agency.id, slug: inflated.agency.slug },
    normal: { id: normal.agency.id, slug: normal.agency.slug },
    coordinator: (await signedIn({ role: "province_coordinator", provinceId: province.id })).cookie,
    assessor: (await signedIn({ role: "national_assessor" })).cookie,
    stuffedAdmin,
    provinceSlug: province.slug,
  });
});

type Row = { slug: string; integrity: Record<string, number> | null };

describe(`stuffing flags: counts for the coordinator and the assessor (${dbTarget.provider})`, () => {
  it("the province overview flags the rotation burst and the raised population, not the normal agency", async () => {
    for (const cookie of [world.coordinator, world.assessor]) {
      const page = await overview(cookie, { province: world.provinceSlug });
      expect(page.status).toBe(200);
      const rows = new Map((page.body.rows as Row[]).map((row) => [row.slug, row.integrity]));
      expect(rows.get(world.stuffed.slug)).toMatchObject({ burstsAfterRotation: 1, responsesAfterRotation: 30, staffPopulationChanges: 0 });
      expect(rows.get(world.inflated.slug)).toMatchObject({ staffPopulationChanges: 1, staffPopulationRaised: 1, burstsAfterRotation: 0 });
      expect(rows.get(world.normal.slug)).toBeNull();
    }
  });

  it("the agency page shows the flags to the coordinator and the assessor, not to the agency admin", async () => {
    for (const cookie of [world.coordinator, world.assessor]) {
      const page = await dashboard(world.stuffed.slug, cookie);
      expect(page.body).toMatchObject({ seesIntegrity: true, integrity: { burstsAfterRotation: 1, responsesAfterRotation: 30 } });
      expect((await dashboard(world.normal.slug, cookie)).body).toMatchObject({ seesIntegrity: true, integrity: null });
    }
    const own = await dashboard(world.stuffed.slug, world.stuffedAdmin);
    expect(own.body).toMatchObject({ seesIntegrity: false, integrity: null });
  });

  it("the flags hold counts and days only: the audit rows say the cycle, the values before and after, nothing about a response", async () => {
    const rows = await prisma.auditLog.findMany({ where: { agencyId: world.inflated.id, action: "agency.populations" }, orderBy: { at: "asc" } });
    expect(rows.map((row) => JSON.parse(row.detail!))).toEqual([
      { internalPopulation: 40, externalPopulation: 300, previous: { internalPopulation: null, externalPopulation: null } },
      { internalPopulation: 400, externalPopulation: 300, previous: { internalPopulation: 40, externalPopulation: 300 } },
    ]);
    const page = await overview(world.coordinator, { province: world.provinceSlug });
    const flags = (page.body.rows as Row[]).find((row) => row.slug === world.inflated.slug)!.integrity!;
    expect(Object.values(flags).every((value) => Number.isInteger(value))).toBe(true);
  });
});
