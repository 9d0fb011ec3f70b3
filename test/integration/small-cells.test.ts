// Small cells and differencing (shared/security.md → Anonymity; decision 012, attacks H1/H2): a
// property test over random response counts 0–50 and populations. After every single added
// response the agency is read again through every view a role can see — the dashboard loader, the
// results loader, the overview row and the JSON export — while its instrument collects: counts are
// live and no figure computed from answers (item or indicator mean, part score, total, rating) is
// there, at any count. Closing its own survey (the agency's switch, it can reopen) reveals nothing
// either. Once the windows have closed BY DATE, every view shows the final figures, exactly the live
// tally's means, iff the responses reach max(5, minimum sample); otherwise none.
import { beforeAll, describe, expect, it } from "vitest";
import { itemMeansFromTally } from "~/domain/answers";
import { MIN_CELL } from "~/domain/disclosure";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { scoreAssessment } from "~/domain/scoring";
import type { Instrument } from "~/generated/sqlite/enums";
import { dbTarget, prisma } from "~/db.server";
import { updateAgencyCycle } from "~/models/agency.server";
import { getAgencyProgress, minimumsFor } from "~/models/progress.server";
import { getTally, recordResponse, rulesetInstrument } from "~/models/response.server";
import { hashSeed, randomAnswers, seededRandom } from "../../prisma/factories";
import { closeWindows, openCycle } from "../fixtures/db";
import { agency, dashboard, exportFile, newProvince, overview, results, signedIn } from "../fixtures/oversight";

const INSTRUMENTS: Instrument[] = ["iit", "eit1", "eit2"];
const PARTS = ["iit", "eit1", "eit2"] as const;

// Reproducible: one seed for the whole property run. Edge counts first (around 5 and around a
// minimum below 5, where MIN_CELL is what binds), then 12 random ones with random populations.
// 12, not 32: each sequence costs ~3.5 s per database (four views after every response), and this
// file was the long pole of both integration runs in CI's 30 minutes; the seed is fixed, so the
// edge cases above and the same random ones run every time.
const random = seededRandom(hashSeed("small-cells-property"));
const RANDOM_SEQUENCES = 12;
const INTERNAL = [3, 12, 40, 60];
const EXTERNAL = [3, 12, 30, 500];
type Sequence = { count: number; instrument: Instrument; internalPopulation: number; externalPopulation: number };
const sequences = [
  ...[0, 4, 5, 6, 50].map((count, index): Sequence => ({ count, instrument: INSTRUMENTS[index % 3], internalPopulation: 40, externalPopulation: 30 })),
  // minimum 3 (all of N = 3): 3 and 4 responses reach the minimum but not MIN_CELL; 5 and 6 do.
  ...[3, 4, 5].map((count): Sequence => ({ count, instrument: "iit", internalPopulation: 3, externalPopulation: 30 })),
  ...[4, 6].map((count): Sequence => ({ count, instrument: "eit1", internalPopulation: 40, externalPopulation: 3 })),
  ...Array.from({ length: RANDOM_SEQUENCES }, (): Sequence => ({
    count: Math.floor(random() * 51), // 0–50
    instrument: INSTRUMENTS[Math.floor(random() * 3)],
    internalPopulation: INTERNAL[Math.floor(random() * INTERNAL.length)],
    externalPopulation: EXTERNAL[Math.floor(random() * EXTERNAL.length)],
  })),
].map((sequence, index) => ({
  ...sequence,
  seed: hashSeed(`small-cells-${index}`),
  label: `#${index}: ${sequence.count} × ${sequence.instrument} (N ${sequence.internalPopulation}/${sequence.externalPopulation})`,
}));

type Means = { asOfResponses: number; items: Record<string, number | null>; indicators: Record<string, number | null> } | null;
type DashboardRow = { instrument: Instrument; responses: number; means: Means; meansHiddenBecause: string | null };
type ResultsPart = { code: string; score: number | null; collecting?: boolean; processed: boolean; indicators: { code: string; score: number | null }[] };
type Views = {
  dashboard: DashboardRow[];
  results: { total: number | null; rating: string | null; parts: ResultsPart[] };
  overviewRow: { total: number | null; rating: string | null; cells: { instrument: Instrument; responses: number }[] };
  json: Record<string, any>;
};

/** What an agency's sequence left behind, for the check after the windows close. */
type Done = { slug: string; agencyId: string; instrument: Instrument; count: number; threshold: number; minimum: number | null };
const done: Done[] = [];
const world = {} as { provinceId: string; coordinator: string; cycle: Awaited<ReturnType<typeof openCycle>> };

/** Collecting states in which the old rule (stepped means from 5) would have shown means, and how
 * many of them had live means that the shown ones could have leaked. */
let oldRuleWouldShow = 0;

beforeAll(async () => {
  world.cycle = await openCycle();
  const province = await newProvince("จังหวัดเซลล์เล็ก", "Small cells");
  world.provinceId = province.id;
  // A read-only role that sees every view of these agencies: dashboard, results, overview, export.
  world.coordinator = (await signedIn({ role: "province_coordinator", provinceId: province.id })).cookie;
});

/** Every view a role can read for one agency, as its loader returns it. */
async function views(slug: string): Promise<Views> {
  const board = await dashboard(slug, world.coordinator);
  const page = await results(slug, world.coordinator);
  const listing = await overview(world.coordinator, { q: slug });
  const json = await exportFile(world.coordinator, `agency:${slug}`, "json");
  for (const reply of [board, page, listing, json]) expect(reply.status).toBe(200);
  const row = listing.body.rows.find((r: { slug: string }) => r.slug === slug);
  expect(row, `overview row of ${slug}`).toBeDefined();
  return { dashboard: board.body.progress, results: page.body, overviewRow: row, json: json.body };
}

/** While collecting: counts only, in every view. */
function expectNoFigures(v: Views, at: string) {
  for (const row of v.dashboard) {
    expect(row.means, `${at}: dashboard ${row.instrument} means`).toBeNull();
    expect(row.meansHiddenBecause, `${at}: dashboard ${row.instrument}`).toBe("collecting");
  }
  expect(v.results.total, `${at}: results total`).toBeNull();
  expect(v.results.rating, `${at}: results rating`).toBeNull();
  for (const part of v.results.parts.filter((p) => p.code !== "oit")) {
    expect(part.score, `${at}: results ${part.code} score`).toBeNull();
    expect(part.collecting, `${at}: results ${part.code}`).toBe(true);
    for (const indicator of part.indicators) expect(indicator.score, `${at}: results ${part.code} ${indicator.code}`).toBeNull();
  }
  expect(v.overviewRow.total, `${at}: overview total`).toBeNull();
  expect(v.overviewRow.rating, `${at}: overview rating`).toBeNull();
  for (const part of PARTS) expect(v.json[part], `${at}: export ${part}`).toBeUndefined();
}

const liveFigures = async (agencyId: string, instrument: Instrument) => {
  const items = itemMeansFromTally(ita2568, rulesetInstrument(instrument), await getTally(agencyId, world.cycle.id, instrument));
  const indicators = scoreAssessment({ [instrument]: { items } }, ita2568).parts[instrument].indicators;
  return { items, indicators };
};

describe(`small cells (${dbTarget.provider})`, () => {
  it("the rule's constants and the run's spread", () => {
    expect(MIN_CELL).toBe(5);
    expect(sequences.length).toBeGreaterThanOrEqual(22);
    expect(new Set(sequences.map((s) => s.count)).size).toBeGreaterThan(15);
  });

  it.each(sequences)("sequence $label, one response at a time: while collecting, counts and no figure in any view", { timeout: 300_000 }, async (sequence) => {
    const { count, instrument, seed } = sequence;
    const made = await agency({
      provinceId: world.provinceId,
      internalPopulation: sequence.internalPopulation,
      externalPopulation: sequence.externalPopulation,
    });
    const { cycle } = world;
    const slug = made.agency.slug;
    const minimum = minimumsFor({ ...sequence, sizeGroup: made.agency.sizeGroup }, ita2568)[instrument];
    const threshold = Math.max(MIN_CELL, minimum ?? Infinity);
    const answersRandom = seededRandom(seed);
    // The model's view "as if the windows had closed now": what the dashboard would show then.
    const afterClose = new Date(Math.max(cycle.iitClosesAt.getTime(), cycle.eitClosesAt.getTime()) + 1000);

    expectNoFigures(await views(slug), "before any response");
    for (let added = 1; added <= count; added++) {
      // Varied answers (favourable 0.3) so that nearly every response moves the live means.
      const answers = randomAnswers(ita2568, rulesetInstrument(instrument), answersRandom, 0.3);
      await prisma.$transaction((tx) =>
        recordResponse(tx, { cycleId: cycle.id, agencyId: made.agency.id, instrument, screening: {}, answers, ruleset: ita2568 }),
      );
      const at = `after response ${added}`;
      const v = await views(slug);

      // Counts are live, in the dashboard and the overview; the other instruments did not move.
      for (const row of v.dashboard) expect(row.responses, `${at}: ${row.instrument}`).toBe(row.instrument === instrument ? added : 0);
      expect(v.overviewRow.cells.find((c) => c.instrument === instrument)!.responses, at).toBe(added);
      // No figure computed from answers, at any count.
      expectNoFigures(v, at);
      if (added >= MIN_CELL) oldRuleWouldShow++;

      // Had the windows closed by date now: the final means, exactly the live ones, iff enough.
      const closed = (await getAgencyProgress(made.agency.id, cycle, ita2568, afterClose)).progress.find((r) => r.instrument === instrument)!;
      if (added >= threshold) {
        const live = await liveFigures(made.agency.id, instrument);
        expect(closed.means, at).toEqual({ asOfResponses: added, items: live.items, indicators: live.indicators });
      } else {
        expect(closed.means, at).toBeNull();
        expect(closed.meansHiddenBecause, at).toBe("too-few");
      }
    }

    // The agency closes its own surveys early (it can reopen them): still nothing to see.
    await updateAgencyCycle(made.agency.id, cycle.id, { iitOpen: false, eitOpen: false });
    const closedByAgency = await views(slug);
    expectNoFigures(closedByAgency, "closed by the agency");
    expect(closedByAgency.dashboard.find((r) => r.instrument === instrument)!.responses).toBe(count);

    done.push({ slug, agencyId: made.agency.id, instrument, count, threshold, minimum });
  });

  it(
    "once the windows have closed by date: every view shows exactly the final live means iff responses ≥ max(5, minimum), else none",
    { timeout: 300_000 },
    async () => {
      expect(done).toHaveLength(sequences.length);
      await closeWindows(world.cycle.id);
      let shown = 0;
      let tooFewFromFive = 0;
      let minCellBinds = 0;
      for (const sequence of done) {
        const at = `${sequence.slug}: ${sequence.count} × ${sequence.instrument}, threshold ${sequence.threshold}`;
        const v = await views(sequence.slug);
        const live = await liveFigures(sequence.agencyId, sequence.instrument);
        const disclosed = sequence.count >= sequence.threshold;
        const row = v.dashboard.find((r) => r.instrument === sequence.instrument)!;
        const part = v.results.parts.find((p) => p.code === sequence.instrument)!;
        expect(row.responses, at).toBe(sequence.count);
        if (disclosed) {
          shown++;
          expect(row.means, at).toEqual({ asOfResponses: sequence.count, items: live.items, indicators: live.indicators });
          for (const indicator of part.indicators) expect(indicator.score, `${at} ${indicator.code}`).toBe(live.indicators[indicator.code]);
          expect(v.json[sequence.instrument].items, at).toEqual(live.items);
          expect(v.json[sequence.instrument].respondents, at).toBe(sequence.count);
        } else {
          if (sequence.count >= MIN_CELL) tooFewFromFive++;
          if (sequence.minimum !== null && sequence.count >= sequence.minimum && sequence.count > 0) minCellBinds++;
          expect(row.means, at).toBeNull();
          expect(row.meansHiddenBecause, at).toBe("too-few");
          expect(part.score, at).toBeNull();
          for (const indicator of part.indicators) expect(indicator.score, `${at} ${indicator.code}`).toBeNull();
          expect(v.json[sequence.instrument], at).toBeUndefined();
        }
        // The instruments without a response show nothing; the total and rating are now shown, the
        // same in the results page and the overview.
        for (const other of v.dashboard.filter((r) => r.instrument !== sequence.instrument)) {
          expect(other.means, at).toBeNull();
          expect(other.meansHiddenBecause, at).toBe("too-few");
        }
        expect(part.collecting, at).toBe(false);
        expect(v.results.total, at).not.toBeNull();
        expect(v.overviewRow.total, at).toBe(v.results.total);
        expect(v.overviewRow.rating, at).toBe(v.results.rating);
      }
      // Not vacuous: both sides of the threshold, and the case where only MIN_CELL holds figures back.
      expect(shown).toBeGreaterThanOrEqual(5);
      expect(tooFewFromFive).toBeGreaterThanOrEqual(3);
      expect(minCellBinds).toBeGreaterThanOrEqual(2);
    },
  );

  it("the property was not vacuous: in many collecting states the old rule (stepped means from 5) would have shown means", () => {
    expect(oldRuleWouldShow).toBeGreaterThan(200);
  });
});
