// ITA 2568 minimum samples: "minimum = 20 % of N, but at least 30; if N < 30, all N; if N > 2,000,
// at least 400 … Round up to whole people." EIT part 2: "at least 20 % of the EIT part 1 minimum,
// and at least 20".
import { describe, expect, it } from "vitest";
import { ita2568 } from "../../../app/domain/rulesets/ita-2568";
import { eitPart1Minimum, eitPart2Minimum, minimumSample } from "../../../app/domain/sampling";

describe("minimumSample (IIT, EIT part 1)", () => {
  it.each([
    [0, 0], // nobody to sample
    [1, 1], // N < 30 → all N
    [12, 12], // worked value in the rules
    [29, 29], // N < 30 → all N
    [30, 30], // 20 % = 6 → floor 30
    [149, 30], // 20 % = 29.8 → 30 (floor 30 anyway)
    [150, 30], // 20 % = 30 exactly
    [151, 31], // 20 % = 30.2 → rounded up to 31
    [1000, 200], // 20 % = 200
    [1999, 400], // 20 % = 399.8 → rounded up to 400
    [2000, 400], // 20 % = 400
    [2001, 400], // N > 2,000 → 400 (20 % would be 400.2 → 401)
    [5000, 400], // worked value: N > 2,000 → 400
    [10000, 400], // N > 2,000 → 400 (20 % would be 2,000)
  ])("N = %i → %i", (population, expected) => {
    expect(minimumSample(population)).toBe(expected);
  });

  it("computes 20 % in integers: no N in 30…2,000 lands off by float error", () => {
    for (let n = 30; n <= 2000; n++) {
      // ⌈N/5⌉ by integer division, independent of the implementation's formula.
      const twentyPercentUp = Math.floor((n + 4) / 5);
      expect(minimumSample(n)).toBe(Math.max(30, twentyPercentUp));
    }
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects population %s with a RangeError", (population) => {
    expect(() => minimumSample(population)).toThrow(RangeError);
    expect(() => minimumSample(population)).toThrow(/Population must be a whole number/);
  });

  it("reads its numbers from the rules data (a 2569 change needs no code)", () => {
    const rules = { ...ita2568.sampling, percent: 10, floor: 50, allOfPopulationBelow: 50 };
    expect(minimumSample(49, rules)).toBe(49); // N < 50 → all N
    expect(minimumSample(600, rules)).toBe(60); // 10 % of 600
    expect(minimumSample(100, rules)).toBe(50); // floor 50
  });

  it("applies the large-population minimum only above the threshold", () => {
    // Rules where the boundary shows: above 1,000 the minimum is 150 (the 20 % rule would give 201+).
    const rules = { ...ita2568.sampling, largePopulationAbove: 1000, largePopulationMinimum: 150 };
    expect(minimumSample(1000, rules)).toBe(200); // not above 1,000: 20 %
    expect(minimumSample(1001, rules)).toBe(150); // above: the fixed minimum
  });
});

describe("eitPart2Minimum", () => {
  it.each([
    [200, 40], // 20 % of 200 = 40 (worked value)
    [30, 20], // 20 % = 6 → floor 20 (worked value)
    [100, 20], // 20 % = 20
    [101, 21], // 20 % = 20.2 → rounded up to 21
    [400, 80], // 20 % of the largest percentage-rule minimum
    [0, 20], // "and at least 20"
  ])("EIT-1 minimum %i → %i", (part1, expected) => {
    expect(eitPart2Minimum(part1)).toBe(expected);
  });

  it("rejects an invalid EIT-1 minimum", () => {
    expect(() => eitPart2Minimum(-5)).toThrow(RangeError);
    expect(() => eitPart2Minimum(2.5)).toThrow(RangeError);
  });
});

describe("eitPart1Minimum", () => {
  const withTable = { ...ita2568.sampling, fixedEit1MinimumByGroup: { "local_subdistrict-M": 70 } };

  it("uses the percentage rule by default (the 2568 table is empty)", () => {
    expect(ita2568.sampling.fixedEit1MinimumByGroup).toEqual({});
    expect(eitPart1Minimum(1000, "local_subdistrict-M")).toBe(200);
  });

  it("uses the cycle's fixed minimum for the agency's group, even without N", () => {
    expect(eitPart1Minimum(1000, "local_subdistrict-M", withTable)).toBe(70);
    expect(eitPart1Minimum(null, "local_subdistrict-M", withTable)).toBe(70);
  });

  it("falls back to the percentage rule for a group not in the table", () => {
    expect(eitPart1Minimum(151, "local_city-L", withTable)).toBe(31);
  });

  it("is unknown (null) without N and without a fixed figure", () => {
    expect(eitPart1Minimum(null)).toBeNull();
    expect(eitPart1Minimum(undefined, "local_city-L", withTable)).toBeNull();
  });
});
