// Small cells (shared/security.md → Anonymity; issue 5 → dashboard means): a property test over
// random response counts 0–50. After every single added response the agency view is read again:
// no mean while fewer than 5 responses, means (items and indicators) that move only when the count
// crosses a multiple of 5, so comparing two views never isolates one answer; counts stay live.
import { describe, expect, it } from "vitest";
import { itemMeansFromTally } from "~/domain/answers";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { scoreAssessment } from "~/domain/scoring";
import type { Instrument } from "~/generated/sqlite/enums";
import { dbTarget, prisma } from "~/db.server";
import { MIN_CELL, SNAPSHOT_STEP } from "~/domain/disclosure";
import { getAgencyProgress } from "~/models/progress.server";
import { getTally, recordResponse, rulesetInstrument } from "~/models/response.server";
import { hashSeed, randomAnswers, seededRandom } from "../../prisma/factories";
import { registeredAgency } from "../fixtures/db";

const INSTRUMENTS: Instrument[] = ["iit", "eit1", "eit2"];

// Reproducible: one seed for the whole property run. Edge counts first, then ≥ 30 random ones.
const random = seededRandom(hashSeed("small-cells-property"));
const RANDOM_SEQUENCES = 32;
const sequences = [
  ...[0, 4, 5, 6, 50].map((count, index) => ({ count, instrument: INSTRUMENTS[index % 3] })),
  ...Array.from({ length: RANDOM_SEQUENCES }, () => ({
    count: Math.floor(random() * 51), // 0–50
    instrument: INSTRUMENTS[Math.floor(random() * 3)],
  })),
].map((sequence, index) => ({ ...sequence, seed: hashSeed(`small-cells-${index}`), label: `#${index}: ${sequence.count} × ${sequence.instrument}` }));

type Means = { asOfResponses: number; items: Record<string, number | null>; indicators: Record<string, number | null> } | null;

/** Whether some answer since the last step moved the live means while the shown ones stood still. */
let hiddenMovements = 0;

describe(`small cells (${dbTarget.provider})`, () => {
  it("the rule's constants: hidden below 5, steps of 5", () => {
    expect(MIN_CELL).toBe(5);
    expect(SNAPSHOT_STEP).toBe(5);
    expect(sequences.length).toBeGreaterThanOrEqual(35);
    expect(new Set(sequences.map((s) => s.count)).size).toBeGreaterThan(15);
  });

  it.each(sequences)("sequence $label, one response at a time", { timeout: 120_000 }, async ({ count, instrument, seed }) => {
    const { cycle, agency, ruleset } = await registeredAgency({ internalPopulation: 60, externalPopulation: 500 });
    const answersRandom = seededRandom(seed);
    const view = async () => (await getAgencyProgress(agency.id, cycle, ruleset)).progress;

    const initial = await view();
    for (const row of initial) {
      expect(row.responses).toBe(0);
      expect(row.means).toBeNull();
    }
    let previous: Means = null;
    let atLastStep: Means = null;
    for (let added = 1; added <= count; added++) {
      // Varied answers (favourable 0.3) so that nearly every response moves the live means.
      const answers = randomAnswers(ita2568, rulesetInstrument(instrument), answersRandom, 0.3);
      await prisma.$transaction((tx) =>
        recordResponse(tx, { cycleId: cycle.id, agencyId: agency.id, instrument, screening: {}, answers, ruleset: ita2568 }),
      );
      const progress = await view();
      const row = progress.find((r) => r.instrument === instrument)!;
      const at = `after response ${added}`;

      // Counts are live.
      expect(row.responses, at).toBe(added);
      // The other instruments of the agency did not move and show nothing.
      for (const other of progress.filter((r) => r.instrument !== instrument)) {
        expect(other.responses, at).toBe(0);
        expect(other.means, at).toBeNull();
      }

      if (added < MIN_CELL) {
        expect(row.means, at).toBeNull();
        previous = null;
        continue;
      }
      const means = row.means as Means;
      expect(means, at).not.toBeNull();
      expect(means!.asOfResponses % SNAPSHOT_STEP, at).toBe(0);
      expect(means!.asOfResponses, at).toBeLessThanOrEqual(added);
      expect(means!.asOfResponses, at).toBe(Math.floor(added / SNAPSHOT_STEP) * SNAPSHOT_STEP);
      for (const value of [...Object.values(means!.items), ...Object.values(means!.indicators)]) {
        expect(value === null || (value >= 0 && value <= 100), at).toBe(true);
      }

      const live = await getTally(agency.id, cycle.id, instrument);
      const liveItems = itemMeansFromTally(ruleset, rulesetInstrument(instrument), live);
      const crossed = added % SNAPSHOT_STEP === 0;
      if (crossed) {
        // At a step the shown means are exactly the live ones (items and indicators) …
        expect(means!.items, at).toEqual(liveItems);
        const liveIndicators = scoreAssessment({ [instrument]: { items: liveItems } }, ruleset).parts[instrument].indicators;
        expect(means!.indicators, at).toEqual(liveIndicators);
        expect(Object.values(means!.indicators).some((value) => value !== null), at).toBe(true);
        if (previous) expect(means!.asOfResponses, at).toBe(previous.asOfResponses + SNAPSHOT_STEP);
        atLastStep = means;
      } else {
        // … and between steps the view does not change at all, whatever the live means did.
        expect(previous, at).not.toBeNull();
        expect(means, at).toEqual(previous);
        expect(means, at).toEqual(atLastStep);
        if (JSON.stringify(liveItems) !== JSON.stringify(means!.items)) hiddenMovements++;
      }
      previous = means;
    }

    // The final state: live count, stepped means.
    const final = (await view()).find((r) => r.instrument === instrument)!;
    expect(final.responses).toBe(count);
    if (count < MIN_CELL) expect(final.means).toBeNull();
    else expect(final.means!.asOfResponses).toBe(count - (count % SNAPSHOT_STEP));
  });

  it("the property was not vacuous: live means moved between steps while the shown ones stood still", () => {
    expect(hiddenMovements).toBeGreaterThan(50);
  });
});
