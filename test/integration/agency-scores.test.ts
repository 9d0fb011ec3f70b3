// One scoring read per question: the results page, the improvement-plan report, the exports and
// the overview all take an agency's scores from the same model function, in one pass of the
// scoring core; the results loader's query count is pinned so a regression shows.
import { describe, expect, it, vi } from "vitest";
import { instrumentItems } from "~/domain/ruleset";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { scoreAssessment } from "~/domain/scoring";
import { onQuery, prisma } from "~/db.server";
import { createAdminSession } from "~/models/admin-session.server";
import { buildExport } from "~/models/export.server";
import { getImprovementReport } from "~/models/improvement-plan.server";
import { improvementReportView } from "~/services/improvement-report-view";
import { getCycleOverview } from "~/models/overview.server";
import { getAgencyScores } from "~/models/scores.server";
import { recordResponses } from "~/models/response.server";
import { createUser, type RoleScope } from "~/models/user.server";
import * as resultsRoute from "~/routes/admin.agencies.$slug.results";
import { adminCookie } from "~/services/admin-guard.server";
import { randomId } from "~/utils/crypto.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { closeWindows, registeredAgency, reopenWindows } from "../fixtures/db";
import { outcome } from "../fixtures/http";

// Count the passes of the scoring core (the real function runs).
vi.mock("~/domain/scoring", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/domain/scoring")>();
  return { ...original, scoreAssessment: vi.fn(original.scoreAssessment) };
});

async function cookieFor(scope: RoleScope) {
  const user = await createUser({ email: `${randomId().slice(0, 8)}@test.local`, name: "ผู้ทดสอบ", password: "correct horse battery", scope });
  return adminCookie.serialize(await createAdminSession(user.id, true));
}

/** The SQL statements the Prisma client sends while `run` runs. */
async function queriesDuring(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  let counting = false;
  const stop = onQuery((event) => {
    if (counting) seen.push(event.query);
  });
  counting = true;
  try {
    await run();
  } finally {
    counting = false;
    stop();
  }
  return seen;
}

async function agencyWithAnswers(counts: { iit: number; eit1: number; eit2: number }) {
  const fx = await registeredAgency({ internalPopulation: 30, externalPopulation: 30 });
  const random = seededRandom(counts.iit + 100 * counts.eit1);
  await prisma.$transaction(async (tx) => {
    for (const instrument of ["iit", "eit1", "eit2"] as const) {
      const batch = Array.from({ length: counts[instrument] }, () => ({
        screening: {},
        answers: randomAnswers(ita2568, instrument === "iit" ? "iit" : "eit", random, 0.8),
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
      score: item.code === "o2" ? 0 : 100,
    })),
  });
  return fx;
}

type ResultsView = { final: boolean; total: number | null; rating: string | null; canPublish: boolean; parts: { code: string; score: number | null }[] };

async function loadResults(slug: string, cookie: string) {
  const request = new Request(`http://localhost/admin/agencies/${slug}/results`, { headers: { Cookie: cookie } });
  return outcome(() => resultsRoute.loader({ request, params: { slug }, context: { clientAddress: "192.0.2.71" } }));
}

/** The queries and scoring passes of one results page load (after a warm-up load). */
async function measureResults(slug: string, cookie: string) {
  await loadResults(slug, cookie); // warm: the cycle's ruleset is parsed once per process
  vi.mocked(scoreAssessment).mockClear();
  let view: unknown;
  const queries = await queriesDuring(async () => {
    view = (await loadResults(slug, cookie)).data;
  });
  return { queries, passes: vi.mocked(scoreAssessment).mock.calls.length, view: view as ResultsView };
}

describe("the results page's reads", () => {
  // 9 are the guards' (admin session + user + grants with their agency and province, the agency
  // by slug + its province, the current cycle: the cycles' dates, then the chosen row), 3 the
  // scores' (participation, the live tallies, OIT scores) and 1 the previous fiscal year's cycle
  // (year on year; none here, so no second scoring). Before getAgencyScores: 16 queries and 3 scoring passes; before the disclosure
  // rule (decision 012): 12, with a read of the live counts AND one of the stepped snapshots
  // (TallySnapshot). The two were replaced by one read of the live tallies (counts and sums): the
  // means are used only once disclosed, so no snapshot is read any more.
  it("the results loader makes 13 queries and one scoring pass while collecting", async () => {
    const fx = await agencyWithAnswers({ iit: 12, eit1: 31, eit2: 7 });
    const { queries, passes, view } = await measureResults(fx.agency.slug, await cookieFor({ role: "agency_admin", agencyId: fx.agency.id }));
    expect(view.final).toBe(false);
    expect(passes).toBe(1);
    expect(queries, queries.join("\n")).toHaveLength(13);
    expect(
      queries.some((query) => query.includes("TallySnapshot")),
      "no snapshot read",
    ).toBe(false);
  });

  // Before the disclosure rule a published agency cost one more query (its live tallies, fetched
  // on their own); the live tallies are now the one tally read in every case.
  it("once published: the same 13 queries (the live tallies are read in any case), still one scoring pass", async () => {
    const fx = await agencyWithAnswers({ iit: 30, eit1: 30, eit2: 20 });
    await prisma.agencyCycle.update({ where: { agencyId_cycleId: { agencyId: fx.agency.id, cycleId: fx.cycle.id } }, data: { publishedAt: new Date() } });
    const { queries, passes, view } = await measureResults(fx.agency.slug, await cookieFor({ role: "national_assessor" }));
    expect(view.final).toBe(true);
    expect(passes).toBe(1);
    expect(queries, queries.join("\n")).toHaveLength(13);
  });
});

describe("one scoring read per question", () => {
  it("the results page, the plan report, the exports and the overview give the same scores", async () => {
    const collecting = await agencyWithAnswers({ iit: 23, eit1: 34, eit2: 21 });
    // While collecting: the same answer everywhere too, no figure computed from answers.
    const hidden = await getAgencyScores(collecting.cycle, collecting.agency, ita2568);
    expect(hidden.totalShown).toBe(false);
    const hiddenView = (await loadResults(collecting.agency.slug, await cookieFor({ role: "national_assessor" }))).data as ResultsView;
    expect(hiddenView.total).toBeNull();
    expect(hiddenView.rating).toBeNull();
    expect(hiddenView.parts.filter((part) => part.code !== "oit").map((part) => part.score)).toEqual([null, null, null]);
    const hiddenReport = await getImprovementReport(collecting.agency.id, collecting.cycle, ita2568);
    expect(hiddenReport.total).toBeNull();
    // The printed/docx report: dashes, and "still collecting" is not "not processed".
    const printed = improvementReportView(hiddenReport, ita2568, "th");
    expect([printed.total, printed.rating]).toEqual(["—", "—"]);
    expect(printed.parts.slice(0, 3).map((part) => [part.score, part.processed, part.reason])).toEqual([
      ["—", true, null],
      ["—", true, null],
      ["—", true, null],
    ]);
    const [hiddenRow] = await getCycleOverview({ all: false, agencyIds: [collecting.agency.id], provinceIds: [] }, collecting.cycle, ita2568);
    expect(hiddenRow.total).toBeNull();

    // The figures themselves: final ones, once the windows closed by date.
    const closed = await closeWindows(collecting.cycle.id);
    try {
      for (const publish of [false, true]) {
        await compareScores(publish, closed);
      }
    } finally {
      await reopenWindows(collecting.cycle.id);
    }
  });
});

/** One agency, windows closed by date, published or not: every view gives getAgencyScores's figures. */
async function compareScores(publish: boolean, cycle: Awaited<ReturnType<typeof closeWindows>>) {
  const fx = { ...(await agencyWithAnswers({ iit: 23, eit1: 34, eit2: 21 })), cycle };
  if (publish)
    await prisma.agencyCycle.update({ where: { agencyId_cycleId: { agencyId: fx.agency.id, cycleId: fx.cycle.id } }, data: { publishedAt: new Date() } });
  const scores = await getAgencyScores(fx.cycle, fx.agency, ita2568);
  expect(scores.published).toBe(publish);
  expect(scores.totalShown).toBe(true);
  expect(scores.assessment.total).toBeGreaterThan(0);

  const view = (await loadResults(fx.agency.slug, await cookieFor({ role: "national_assessor" }))).data as ResultsView;
  expect(view.final).toBe(publish);
  expect(view.total).toBe(scores.assessment.total);
  expect(view.rating).toBe(scores.assessment.rating.th);
  expect(view.parts.map((part) => part.score)).toEqual(["iit", "eit1", "eit2", "oit"].map((code) => scores.assessment.parts[code as "iit"].score));

  const report = await getImprovementReport(fx.agency.id, fx.cycle, ita2568);
  expect(report.total).toBe(scores.assessment.total);
  expect(report.parts).toEqual(scores.assessment.parts);

  const [row] = await getCycleOverview({ all: false, agencyIds: [fx.agency.id], provinceIds: [] }, fx.cycle, ita2568);
  expect(row.input).toEqual(scores.input);
  expect(row.assessment).toEqual(scores.assessment);

  const document = await buildExport({ kind: "agency", agencyId: fx.agency.id, slug: fx.agency.slug }, fx.cycle, ita2568);
  expect(document.rows[0].assessment).toEqual(scores.assessment);
}
