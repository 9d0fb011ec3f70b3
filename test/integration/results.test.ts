// The agency results page: the one scoring core over the tallies and OIT scores, with the
// small-cell rule while collecting and the final figures once published.
import { describe, expect, it } from "vitest";
import { instrumentItems } from "~/domain/ruleset";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { prisma } from "~/db.server";
import { createAdminSession } from "~/models/admin-session.server";
import { recordResponses } from "~/models/response.server";
import { createUser, type RoleScope } from "~/models/user.server";
import * as resultsRoute from "~/routes/admin.agencies.$slug.results";
import { adminCookie } from "~/services/admin-guard.server";
import { randomId } from "~/utils/crypto.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { registeredAgency } from "../fixtures/db";
import { outcome } from "../fixtures/http";

type Results = {
  final: boolean;
  total: number;
  rating: string;
  parts: { code: string; score: number | null; processed: boolean; indicators: { code: string; score: number | null }[] }[];
};

async function cookieFor(scope: RoleScope) {
  const user = await createUser({ email: `${randomId().slice(0, 8)}@test.local`, name: "ผู้ทดสอบ", password: "correct horse battery", scope });
  return adminCookie.serialize(await createAdminSession(user.id, true));
}

async function results(slug: string, cookie: string) {
  const request = new Request(`http://localhost/admin/agencies/${slug}/results`, { headers: { Cookie: cookie } });
  return outcome(() => resultsRoute.loader({ request, params: { slug }, context: { clientAddress: "192.0.2.70" } }));
}

/** An agency whose every answer scores 100, with `counts` responses, and OIT all 100 but o4 = 0. */
async function fullAgency(counts: { iit: number; eit1: number; eit2: number }) {
  const fx = await registeredAgency({ internalPopulation: 30, externalPopulation: 30 }); // minimums 30, 30, 20
  const random = seededRandom(7);
  await prisma.$transaction(async (tx) => {
    for (const instrument of ["iit", "eit1", "eit2"] as const) {
      const batch = Array.from({ length: counts[instrument] }, () => ({
        screening: {},
        answers: randomAnswers(ita2568, instrument === "iit" ? "iit" : "eit", random, 1),
      }));
      await recordResponses(tx, { agencyId: fx.agency.id, cycleId: fx.cycle.id, instrument, ruleset: ita2568 }, batch);
    }
  });
  const agencyCycle = await prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId: fx.agency.id, cycleId: fx.cycle.id } } });
  await prisma.oitScore.createMany({
    data: instrumentItems(ita2568, "oit").map((item) => ({
      id: randomId(),
      agencyCycleId: agencyCycle.id,
      itemCode: item.code,
      score: item.code === "o4" ? 0 : 100,
    })),
  });
  return fx;
}

describe("agency results", () => {
  it("published: IIT, EIT-1, EIT-2 at 100 and OIT 97.5 → total 99.00, pass-excellent (hand-computed)", async () => {
    const fx = await fullAgency({ iit: 30, eit1: 30, eit2: 20 });
    await prisma.agencyCycle.update({ where: { agencyId_cycleId: { agencyId: fx.agency.id, cycleId: fx.cycle.id } }, data: { publishedAt: new Date() } });
    const view = (await results(fx.agency.slug, await cookieFor({ role: "agency_admin", agencyId: fx.agency.id }))).data as Results;
    expect(view.final).toBe(true);
    const part = (code: string) => view.parts.find((p) => p.code === code)!;
    expect(part("iit")).toMatchObject({ score: 100, processed: true });
    // OIT: 9.1 = (100+100+100+0)/4 = 75, indicator 9 = (75+100·4)/5 = 95, indicator 10 = 100 → 97.5
    expect(part("oit").indicators).toEqual([
      { code: "9", name: expect.any(String), score: 95 },
      { code: "10", name: expect.any(String), score: 100 },
    ]);
    // total = 0.30·100 + 0.15·100 + 0.15·100 + 0.40·97.5 = 99.00; every part ≥ 95 → ผ่านดีเยี่ยม
    expect(view.total).toBe(99);
    expect(view.rating).toBe("ผ่านดีเยี่ยม");
  });

  it("below the EIT-2 minimum → EIT-2 not processed, scores 0 in the total, and the rating falls", async () => {
    const fx = await fullAgency({ iit: 30, eit1: 30, eit2: 10 });
    await prisma.agencyCycle.update({ where: { agencyId_cycleId: { agencyId: fx.agency.id, cycleId: fx.cycle.id } }, data: { publishedAt: new Date() } });
    const view = (await results(fx.agency.slug, await cookieFor({ role: "national_assessor" }))).data as Results;
    expect(view.parts.find((p) => p.code === "eit2")).toMatchObject({ processed: false });
    // 0.30·100 + 0.15·100 + 0 + 0.40·97.5 = 84.00 → ต้องปรับปรุง
    expect(view.total).toBe(84);
    expect(view.rating).toBe("ต้องปรับปรุง");
  });

  it("while collecting, fewer than 5 responses show no score (small cells); other agencies' admins get 403", async () => {
    const fx = await fullAgency({ iit: 4, eit1: 0, eit2: 0 });
    const view = (await results(fx.agency.slug, await cookieFor({ role: "agency_admin", agencyId: fx.agency.id }))).data as Results;
    expect(view.final).toBe(false);
    expect(view.parts.find((p) => p.code === "iit")!.score).toBeNull();
    const other = await registeredAgency();
    expect((await results(fx.agency.slug, await cookieFor({ role: "agency_admin", agencyId: other.agency.id }))).status).toBe(403);
  });
});
