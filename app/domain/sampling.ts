// Minimum samples. These are floors: collection goes on after they are reached.
import type { SamplingRules } from "./ruleset";
import { ita2568 } from "./rulesets/ita-2568";

const DEFAULT_RULES: SamplingRules = ita2568.sampling;

function assertCount(value: number, what: string): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole number ≥ 0 (got ${String(value)})`);
  }
}

/** ceil(n · percent / 100) in integers: n·percent is exact, so no 0.2·n float error. */
function percentRoundedUp(n: number, percent: number): number {
  return Math.ceil((n * percent) / 100);
}

/**
 * Minimum sample of IIT or EIT part 1 from the population N.
 *
 * ITA 2568: "minimum = 20 % of N, but at least 30; if N < 30, all N; if N > 2,000, at least 400
 * (i.e. the 20 % rule would exceed 400 there — the floor is 400). Round up to whole people."
 * So: N < 30 → N; N > 2,000 → 400; otherwise max(30, ⌈20 % · N⌉) (1,999 → ⌈399.8⌉ = 400).
 * Worked values: 12 → 12, 30 → 30, 149 → 30, 151 → 31, 1,000 → 200, 2,000 → 400, 5,000 → 400.
 *
 * @throws RangeError when N is negative, fractional or not a number.
 */
export function minimumSample(population: number, rules: SamplingRules = DEFAULT_RULES): number {
  assertCount(population, "Population");
  if (population < rules.allOfPopulationBelow) return population;
  if (population > rules.largePopulationAbove) return rules.largePopulationMinimum;
  const minimum = Math.max(rules.floor, percentRoundedUp(population, rules.percent));
  // Nobody can be asked twice: a floor above N (possible only with unusual rules data) means all N.
  return Math.min(minimum, population);
}

/**
 * ITA 2568: EIT part 2 — "at least 20 % of the EIT part 1 minimum, and at least 20".
 * Examples: 200 → 40, 30 → 20, 101 → ⌈20.2⌉ = 21.
 */
export function eitPart2Minimum(eitPart1Minimum: number, rules: SamplingRules = DEFAULT_RULES): number {
  assertCount(eitPart1Minimum, "EIT part 1 minimum");
  return Math.max(rules.eitPart2.floor, percentRoundedUp(eitPart1Minimum, rules.eitPart2.percentOfPart1));
}

/**
 * Minimum sample of EIT part 1. ITA 2568 allows a cycle to carry a fixed EIT-1 minimum per agency
 * group instead of the percentage rule (the NACC manual's table, e.g. size-M subdistrict
 * municipality → 70); when the agency's group is in that table, the fixed figure applies and N is
 * not needed. Otherwise the percentage rule applies to N; with no N the minimum is unknown (null).
 */
export function eitPart1Minimum(population: number | null | undefined, group?: string | null, rules: SamplingRules = DEFAULT_RULES): number | null {
  if (group != null && Object.hasOwn(rules.fixedEit1MinimumByGroup, group)) {
    return rules.fixedEit1MinimumByGroup[group];
  }
  if (population == null) return null;
  return minimumSample(population, rules);
}
