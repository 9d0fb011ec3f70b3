// The stuffing rules of attack M7 (app/domain/integrity-flags.ts), day by day.
import { describe, expect, it } from "vitest";
import { BURST_MIN_RESPONSES, integrityFlags, type IntegrityInput } from "~/domain/integrity-flags";

const base: IntegrityInput = { internalPopulation: 40, populationChanges: [], codeRotations: [], daily: [] };
const iit = (day: string, responses: number) => ({ day, instrument: "iit", responses });

describe("integrityFlags", () => {
  it("a normal pattern raises none: populations entered before collecting, staff answering in a burst with the first code", () => {
    expect(
      integrityFlags({
        ...base,
        populationChanges: [
          { day: "2026-05-01", internalPopulation: 40, externalPopulation: 300, previous: { internalPopulation: null, externalPopulation: null } },
        ],
        daily: [iit("2026-05-02", 30), iit("2026-05-03", 8)],
      }),
    ).toBeNull();
  });

  it("a population changed before the first response, or entered for the first time, is no flag", () => {
    expect(
      integrityFlags({
        ...base,
        populationChanges: [
          { day: "2026-05-01", internalPopulation: 40, externalPopulation: null },
          { day: "2026-05-01", internalPopulation: 45, externalPopulation: 300 },
        ],
        daily: [iit("2026-05-02", 3), { day: "2026-05-02", instrument: "eit1", responses: 2 }],
      }),
    ).toBeNull();
  });

  it("a change on or after the first day with responses counts, per instrument, raised or lowered", () => {
    const flags = integrityFlags({
      ...base,
      populationChanges: [
        { day: "2026-05-01", internalPopulation: 40, externalPopulation: 300 },
        { day: "2026-05-03", internalPopulation: 400, externalPopulation: 300 },
        { day: "2026-05-04", internalPopulation: 35, externalPopulation: 100 },
      ],
      daily: [iit("2026-05-02", 3), { day: "2026-05-04", instrument: "eit1", responses: 2 }],
    });
    expect(flags).toMatchObject({ staffPopulationChanges: 2, staffPopulationRaised: 1, externalPopulationChanges: 1, burstsAfterRotation: 0 });
  });

  it("a rotation followed by a burst on that day or the next is flagged; a trickle is not", () => {
    expect(integrityFlags({ ...base, codeRotations: ["2026-05-05"], daily: [iit("2026-05-05", 4), iit("2026-05-06", 26)] })).toMatchObject({
      burstsAfterRotation: 1,
      responsesAfterRotation: 30,
    });
    expect(integrityFlags({ ...base, codeRotations: ["2026-05-05"], daily: [iit("2026-05-05", BURST_MIN_RESPONSES - 1), iit("2026-05-07", 30)] })).toBeNull();
    // A big agency: 20 % of 1,000 staff is the bar, not 10.
    expect(integrityFlags({ ...base, internalPopulation: 1000, codeRotations: ["2026-05-05"], daily: [iit("2026-05-05", 150)] })).toBeNull();
  });
});
