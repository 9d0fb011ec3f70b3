// Several fiscal years side by side: the respondent pages with no cycle and with a cycle whose
// windows are past (a bilingual "closed" page, never a 404/500), the year switcher and its read-only
// past year (every kind of admin write refused with nothing written), the results page's year on
// year, the system administrator's /admin/cycles pages, and registerAgenciesForCycle.
import { beforeAll, describe, expect, it } from "vitest";
import { defaultWindows } from "~/domain/collection";
import { dbTarget, prisma } from "~/db.server";
import { createAgency, registerAgenciesForCycle } from "~/models/agency.server";
import { createCycle, getCurrentCycle, invalidateCycle } from "~/models/cycle.server";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import * as layoutRoute from "~/routes/admin";
import * as cyclesRoute from "~/routes/admin.cycles._index";
import * as cycleWindowsRoute from "~/routes/admin.cycles.$year";
import * as newCycleRoute from "~/routes/admin.cycles.new";
import * as yearRoute from "~/routes/admin.year";
import * as dashboardRoute from "~/routes/admin.agencies.$slug._index";
import * as eit2Route from "~/routes/admin.agencies.$slug.eit2";
import * as oitRoute from "~/routes/admin.agencies.$slug.oit";
import * as planRoute from "~/routes/admin.agencies.$slug.plan._index";
import * as resultsRoute from "~/routes/admin.agencies.$slug.results";
import * as homeRoute from "~/routes/_index";
import * as iitRoute from "~/routes/iit._index";
import * as eitLandingRoute from "~/routes/e.$slug._index";
import { createFiscalYear } from "~/services/fiscal-years.server";
import { closeWindows } from "../fixtures/db";
import { addResponses, agency as newAgency, get, post, signedIn } from "../fixtures/oversight";

const PAST = { iit: "2023-03-01..2023-07-31", eit: "2023-03-01..2023-07-31", oit: "2023-03-01..2023-08-31" };

describe(`respondent pages before any cycle exists (${dbTarget.provider})`, () => {
  it("home, IIT and an agency's EIT page answer 200 with the bilingual closed notice's data", async () => {
    const lonely = await createAgency({ slug: "no-cycle-yet", nameTh: "หน่วยงานไร้รอบ", nameEn: "No cycle agency", kind: "local_sao" });
    expect(await getCurrentCycle()).toBeNull();
    const home = await get(homeRoute.loader, "/", "");
    expect(home.status).toBe(200);
    expect(home.body).toMatchObject({ cycle: null, collecting: false });
    const iit = await get(iitRoute.loader, "/iit", "");
    expect(iit.status).toBe(200);
    expect(iit.body.open).toBe(false);
    const eit = await get(eitLandingRoute.loader, `/e/${lonely.slug}`, "", { slug: lonely.slug });
    expect(eit.status).toBe(200);
    expect(eit.body).toMatchObject({ open: false, cycleClosed: true, fiscalYear: null });
  });
});

/** Everything a refused write must leave as it was, for one agency. */
async function footprint(agencyId: string) {
  const participations = await prisma.agencyCycle.findMany({ where: { agencyId }, orderBy: { cycleId: "asc" } });
  const ids = participations.map((row) => row.id);
  return {
    participations,
    responses: await prisma.response.count({ where: { agencyId } }),
    tallies: await prisma.responseTally.findMany({ where: { agencyId }, orderBy: [{ cycleId: "asc" }, { instrument: "asc" }] }),
    oit: await prisma.oitScore.count({ where: { agencyCycleId: { in: ids } } }),
    plans: await prisma.improvementPlan.count({ where: { agencyId } }),
    audit: await prisma.auditLog.count(),
  };
}

describe(`several fiscal years (${dbTarget.provider})`, () => {
  let admin: { cookie: string; user: { id: string } };
  let agencyAdmin: { cookie: string };
  let slug = "";
  let agencyId = "";
  let c2568Id = "";

  beforeAll(async () => {
    const { cycle, agency } = await newAgency({ internalPopulation: 10, externalPopulation: 10 });
    c2568Id = cycle.id;
    slug = agency.slug;
    agencyId = agency.id;
    // The past year 2566, its windows long closed, with the same agencies and populations.
    await createFiscalYear({ fiscalYear: 2566, copyRulesetFrom: 2568, windows: PAST, populationsFrom: 2568, via: "cli" });
    admin = await signedIn({ role: "system_admin" });
    agencyAdmin = await signedIn({ role: "agency_admin", agencyId: agency.id });
  });

  it("the current cycle is the open 2568; the switcher lists both years and marks a chosen past year read-only", async () => {
    expect((await getCurrentCycle())?.fiscalYear).toBe(2568);
    const now = await get(layoutRoute.loader, "/admin", admin.cookie);
    expect(now.body.years).toEqual({ years: [2568, 2566], chosen: 2568, current: 2568, readOnly: false });
    const viaUrl = await get(layoutRoute.loader, "/admin?year=2566", admin.cookie);
    expect(viaUrl.body.years).toMatchObject({ chosen: 2566, readOnly: true });

    const switched = await post(yearRoute.action, "/admin/year", agencyAdmin.cookie, { year: "2566", redirectTo: `/admin/agencies/${slug}?year=2568&x=1` });
    expect(switched.status).toBe(302);
    expect(switched.headers.get("Location")).toBe(`/admin/agencies/${slug}?x=1`);
    const cookie = `${agencyAdmin.cookie}; ${switched.headers.get("Set-Cookie")!.split(";")[0]}`;
    const page = await get(dashboardRoute.loader, `/admin/agencies/${slug}`, cookie, { slug });
    expect(page.status).toBe(200);
    expect(page.body.fiscalYear).toBe(2566); // every role may look back
    // An unknown year is refused by the switcher; an unknown ?year= shows the current one.
    expect((await post(yearRoute.action, "/admin/year", admin.cookie, { year: "2599" })).status).toBe(404);
    expect((await get(dashboardRoute.loader, `/admin/agencies/${slug}?year=2599`, admin.cookie, { slug })).body.fiscalYear).toBe(2568);
  });

  it("a past year is read-only: every kind of write is refused with 409 and writes nothing (by ?year= and by the cookie)", async () => {
    const switched = await post(yearRoute.action, "/admin/year", admin.cookie, { year: "2566" });
    const pastCookie = `${admin.cookie}; ${switched.headers.get("Set-Cookie")!.split(";")[0]}`;
    const writes: Array<[string, unknown, string, Record<string, string>]> = [
      ["populations", dashboardRoute.action, `/admin/agencies/${slug}`, { intent: "set-populations", internalPopulation: "77", externalPopulation: "88" }],
      ["IIT code", dashboardRoute.action, `/admin/agencies/${slug}`, { intent: "rotate-code" }],
      ["collection switch", dashboardRoute.action, `/admin/agencies/${slug}`, { intent: "set-open", instrument: "iit", open: "false" }],
      ["EIT-2 entry", eit2Route.action, `/admin/agencies/${slug}/eit2`, { submissionKey: "k-past-year", "respondent-type": "citizen" }],
      ["OIT", oitRoute.action, `/admin/agencies/${slug}/oit`, { intent: "assessor" }],
      ["plan", planRoute.action, `/admin/agencies/${slug}/plan`, { intent: "save" }],
      ["publication", resultsRoute.action, `/admin/agencies/${slug}/results`, { intent: "publish", confirm: "yes" }],
    ];
    const before = await footprint(agencyId);
    for (const [kind, action, url, fields] of writes) {
      for (const [how, target, cookie] of [
        ["?year=", `${url}?year=2566`, admin.cookie],
        ["cookie", url, pastCookie],
      ] as const) {
        const refused = await post(action, target, cookie, fields, { slug });
        expect(refused.status, `${kind} by ${how}`).toBe(409);
        expect(refused.text, `${kind} by ${how}`).toMatch(/2566 is a past year, read-only/);
        expect(refused.text).toMatch(/ปีที่ผ่านมา/);
      }
    }
    expect(await footprint(agencyId)).toEqual(before);
    // The same write in the current year goes through (the refusal was the year's).
    const saved = await post(
      dashboardRoute.action,
      `/admin/agencies/${slug}`,
      admin.cookie,
      { intent: "set-populations", internalPopulation: "10", externalPopulation: "11" },
      { slug },
    );
    expect(saved.status).toBe(200);
    expect((await prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId, cycleId: c2568Id } } })).externalPopulation).toBe(11);
  });

  it("results: the previous year's shown figures and the change; no change from a hidden figure", async () => {
    const c2566 = await prisma.cycle.findUniqueOrThrow({ where: { fiscalYear: 2566 } });
    await addResponses({ agencyId, cycleId: c2566.id }, { iit: 10, eit1: 3 }, { seed: 7, favourable: 0.6 }); // EIT-1: too few to show
    await addResponses({ agencyId, cycleId: c2568Id }, { iit: 10, eit1: 10 }, { seed: 8, favourable: 0.9 });

    // 2568 still collecting: its figures are hidden, so no change; 2566's are final and shown.
    const collecting = await get(resultsRoute.loader, `/admin/agencies/${slug}/results`, admin.cookie, { slug });
    expect(collecting.status).toBe(200);
    const yoy = collecting.body.yearOnYear;
    expect(yoy.fiscalYear).toBe(2566);
    const iit = yoy.parts.find((part: { code: string }) => part.code === "iit");
    expect(iit.previous).toEqual(expect.any(Number));
    expect(iit.change).toBeNull();
    expect(Object.values(iit.indicators).every((indicator: any) => indicator.change === null)).toBe(true);

    // 2568's windows close: its figures are final; the change is this − previous, per part and indicator.
    await closeWindows(c2568Id);
    const closed = await get(resultsRoute.loader, `/admin/agencies/${slug}/results`, admin.cookie, { slug });
    const now = closed.body.parts.find((part: { code: string }) => part.code === "iit");
    const change = closed.body.yearOnYear.parts.find((part: { code: string }) => part.code === "iit");
    expect(change.change).toBeCloseTo(now.score - change.previous, 2);
    const first = now.indicators[0];
    expect(change.indicators[first.code].change).toBeCloseTo(first.score - change.indicators[first.code].previous, 2);
    // EIT-1 of 2566 had 3 responses (< 5): hidden then, so no previous figure and no change now.
    const eit1 = closed.body.yearOnYear.parts.find((part: { code: string }) => part.code === "eit1");
    expect(eit1.previous).toBeNull();
    expect(eit1.change).toBeNull();
  });

  it("/admin/cycles is the system administrator's: list, the new year's default windows, create, refusals, windows", async () => {
    expect((await get(cyclesRoute.loader, "/admin/cycles", agencyAdmin.cookie)).status).toBe(403);
    expect((await get(newCycleRoute.loader, "/admin/cycles/new", agencyAdmin.cookie)).status).toBe(403);
    expect((await post(newCycleRoute.action, "/admin/cycles/new", agencyAdmin.cookie, { fiscalYear: "2575" })).status).toBe(403);
    expect((await post(cycleWindowsRoute.action, "/admin/cycles/2568", agencyAdmin.cookie, {}, { year: "2568" })).status).toBe(403);

    const list = await get(cyclesRoute.loader, "/admin/cycles", admin.cookie);
    expect(list.body.cycles.map((cycle: { fiscalYear: number }) => cycle.fiscalYear)).toEqual([2568, 2566]);
    const preview = await get(newCycleRoute.loader, "/admin/cycles/new?fiscalYear=2575", admin.cookie);
    expect(preview.body).toMatchObject({ fiscalYear: 2575, windows: { iitOpen: "2032-03-01", iitClose: "2032-07-31", oitClose: "2032-08-31" } });

    const form = { fiscalYear: "2575", copyFrom: "2568", populationsFrom: "2568", ...preview.body.windows };
    const audits = await prisma.auditLog.count();
    const refused = await post(newCycleRoute.action, "/admin/cycles/new", admin.cookie, { ...form, fiscalYear: "2566" });
    expect(refused.status).toBe(409);
    expect(refused.body.errors.form).toMatch(/2566 already has a cycle/);
    const badOit = await post(newCycleRoute.action, "/admin/cycles/new", admin.cookie, { ...form, oitClose: "2032-04-30" });
    expect(badOit.status).toBe(400);
    expect(badOit.body.errors.oit).toMatch(/OIT: must not close before/);
    expect([await prisma.cycle.count(), await prisma.auditLog.count()]).toEqual([2, audits]);

    const created = await post(newCycleRoute.action, "/admin/cycles/new", admin.cookie, form);
    expect(created.status).toBe(302);
    const c2575 = await prisma.cycle.findUniqueOrThrow({ where: { fiscalYear: 2575 } });
    expect(c2575.iitOpensAt).toEqual(defaultWindows(2575).iitOpensAt);
    expect((await prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId, cycleId: c2575.id } } })).externalPopulation).toBe(11);
    expect(await prisma.auditLog.count({ where: { action: "cycle.create", target: "cycle:2575", actorId: admin.user.id } })).toBe(1);

    // Windows: a closed window may not move later (decision 012); an open one may.
    const editPast = await get(cycleWindowsRoute.loader, "/admin/cycles/2566", admin.cookie, { year: "2566" });
    const pastWindows = editPast.body.windows;
    const later = await post(cycleWindowsRoute.action, "/admin/cycles/2566", admin.cookie, { ...pastWindows, eitClose: "2023-08-20" }, { year: "2566" });
    expect(later.status).toBe(409);
    expect(later.body.errors.eit).toMatch(/EIT: this window has closed/);
    const moved = await post(
      cycleWindowsRoute.action,
      "/admin/cycles/2575",
      admin.cookie,
      { ...preview.body.windows, iitOpen: "2032-02-01" },
      { year: "2575" },
    );
    expect(moved.status).toBe(200);
    expect((await prisma.cycle.findUniqueOrThrow({ where: { fiscalYear: 2575 } })).iitOpensAt).toEqual(new Date("2032-01-31T17:00:00Z"));
    expect((await get(cycleWindowsRoute.loader, "/admin/cycles/2599", admin.cookie, { year: "2599" })).status).toBe(404);
  });

  it("respondents: with every window past, home, IIT and EIT show the closed page (200), and a code is refused 403", async () => {
    const DAY = 86_400_000;
    const past = { iitOpensAt: new Date(Date.now() - 9 * DAY), iitClosesAt: new Date(Date.now() - 2 * DAY), eitOpensAt: new Date(Date.now() - 9 * DAY) };
    await prisma.cycle.update({
      where: { id: c2568Id },
      data: { ...past, eitClosesAt: new Date(Date.now() - 2 * DAY), oitOpensAt: past.iitOpensAt, oitClosesAt: new Date(Date.now() - DAY) },
    });
    invalidateCycle(c2568Id);
    // 2575 is the latest and not open yet; nothing collects.
    expect((await getCurrentCycle())?.fiscalYear).toBe(2575);
    const home = await get(homeRoute.loader, "/", "");
    expect(home.body).toMatchObject({ collecting: false, cycle: { fiscalYear: 2575 } });
    const iit = await get(iitRoute.loader, "/iit", "");
    expect(iit.body.open).toBe(false);
    const eit = await get(eitLandingRoute.loader, `/e/${slug}`, "", { slug });
    expect(eit.status).toBe(200);
    expect(eit.body).toMatchObject({ open: false, cycleClosed: true });
    const contact = await post(eitLandingRoute.action, `/e/${slug}`, "", { contact: "0812345678", formToken: eit.body.formToken }, { slug });
    expect(contact.status).toBe(403);
    expect(contact.body).toMatchObject({ error: "eit.closed" });
  });
});

describe(`registerAgenciesForCycle (${dbTarget.provider})`, () => {
  it("adds participations and their three tallies, keeps or updates populations, leaves published ones", async () => {
    const cycle = await createCycle({ ...ita2568, meta: { ...ita2568.meta, fiscalYear: 2560 } }, defaultWindows(2560));
    const make = (slug: string) => createAgency({ slug, nameTh: slug, nameEn: slug, kind: "local_sao" });
    const [kept, published, fresh] = await Promise.all([make("reg-kept"), make("reg-published"), make("reg-fresh")]);
    await registerAgenciesForCycle(cycle.id, [
      { agencyId: kept.id, internalPopulation: 30, externalPopulation: 300 },
      { agencyId: published.id, internalPopulation: 40, externalPopulation: 400 },
    ]);
    await prisma.agencyCycle.update({ where: { agencyId_cycleId: { agencyId: published.id, cycleId: cycle.id } }, data: { publishedAt: new Date() } });

    const result = await registerAgenciesForCycle(cycle.id, [
      { agencyId: kept.id, internalPopulation: 35 }, // external left out: kept
      { agencyId: published.id, internalPopulation: 99, externalPopulation: 999 },
      { agencyId: fresh.id, externalPopulation: 50 },
    ]);
    expect(result).toEqual({ added: 1, updated: 1 });
    const row = (agencyId: string) => prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId, cycleId: cycle.id } } });
    expect(await row(kept.id)).toMatchObject({ internalPopulation: 35, externalPopulation: 300 });
    expect(await row(published.id)).toMatchObject({ internalPopulation: 40, externalPopulation: 400 });
    expect(await row(fresh.id)).toMatchObject({ registered: true, internalPopulation: null, externalPopulation: 50 });
    expect(await prisma.responseTally.count({ where: { cycleId: cycle.id, agencyId: fresh.id } })).toBe(3);
    expect(await prisma.responseTally.count({ where: { cycleId: cycle.id } })).toBe(9);
  });
});
