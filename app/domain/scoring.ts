// The one scoring core: item → (sub-indicator) → indicator → instrument part → weighted total →
// rating band, for one agency in one fiscal year. Pure: the caller supplies item scores (item means
// for IIT / EIT, the assessor's scores for OIT) and the sample figures.
import { instrumentIndicators, instrumentItems, PART_CODES, type Indicator, type PartCode, type Ruleset } from "./ruleset";
import { eitPart1Minimum, eitPart2Minimum, minimumSample } from "./sampling";

// ───────────────────────────── rounding ─────────────────────────────

/**
 * Round half up to 2 decimals, as published. ITA 2568: "publish every score rounded half-up to 2
 * decimals". A double cannot hold 84.995 (it is 84.99499999999999744…), so naive
 * Math.round(x·100)/100 gives 84.99. We round the number's 15-significant-digit decimal form — the
 * precision a double reliably carries — so float noise never decides a band: 84.995 → 85,
 * 1.005 → 1.01, 84.994999 → 84.99. Negative values round half away from zero.
 */
export function roundHalfUp2(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`Cannot round ${x}`);
  if (x < 0) return -roundHalfUp2(-x) || 0;
  // toPrecision switches to exponent notation below 1e-6 (→ 0.00) and at 1e21; beyond 1e15 a
  // double has no hundredths left to round.
  if (x < 1e-6) return 0;
  if (x >= 1e15) return x;
  // Fast path (the national re-score rounds ~100k figures): away from a tie, plain rounding of
  // x·100 decides the same way as the decimal form below (a property test checks this).
  const scaled = x * 100;
  const below = Math.floor(scaled);
  const rest = scaled - below;
  if (x < 1e9 && Math.abs(rest - 0.5) > 1e-6) return (rest > 0.5 ? below + 1 : below) / 100;
  const [whole, fraction = ""] = x.toPrecision(15).split(".");
  const digits = fraction.padEnd(3, "0");
  let cents = BigInt(whole) * 100n + BigInt(digits.slice(0, 2));
  if (digits.charCodeAt(2) >= "5".charCodeAt(0)) cents += 1n;
  return Number(cents) / 100;
}

function roundOrNull(x: number | null): number | null {
  return x === null ? null : roundHalfUp2(x);
}

// ───────────────────────────── input and output ─────────────────────────────

/** Item scores may be null (e.g. an item mean with no responses yet): the part is then incomplete. */
export type ItemScores = Record<string, number | null | undefined>;

export type PerceptionPartInput = {
  /** Item code → item score 0–100 (the mean over respondents), full precision. */
  items: ItemScores;
  respondents?: number | null;
  /** Given directly; otherwise computed from `population` (EIT-2: from EIT-1's minimum). */
  minimumSample?: number | null;
  /** Population N. `null` or 0 means "not entered" → IIT / EIT-1 not processed. */
  population?: number | null;
  /** The part is declared not processed for a reason decided outside (a reason code or text). */
  notProcessedReason?: string;
};

export type OitPartInput = {
  /** Item code → the assessor's score 0–100. */
  items?: ItemScores;
  /** Or sub-indicator code ("9.1") → score 0–100, when only those are known. Not both. */
  subIndicators?: ItemScores;
  notProcessedReason?: string;
};

export type AssessmentInput = {
  /** ITA 2568: an agency that did not register has nothing processed. Default true. */
  registered?: boolean;
  /** The agency's group, for a cycle with a fixed EIT-1 minimum per group. */
  group?: string | null;
  iit?: PerceptionPartInput;
  eit1?: PerceptionPartInput;
  eit2?: PerceptionPartInput;
  oit?: OitPartInput;
};

export type NotProcessedReasonCode = "not-registered" | "missing" | "population-missing" | "below-minimum" | "incomplete" | "declared";

export type NotProcessedReason = {
  code: NotProcessedReasonCode;
  th: string;
  en: string;
  /** incomplete: the item (OIT: item or sub-indicator) codes without a score. */
  missing?: string[];
  /** declared: the reason given by the caller. */
  detail?: string;
};

export type PartResult = {
  weight: number;
  /** Published (2 decimals); computed even when not processed, null when not computable. */
  score: number | null;
  indicators: Record<string, number | null>;
  minimumSample: number | null;
  respondents: number | null;
  processed: boolean;
  reason: NotProcessedReason | null;
};

export type OitPartResult = PartResult & { subIndicators: Record<string, number | null> };

export type Rating = { code: string; th: string; en: string };

export type AssessmentResult = {
  fiscalYear: number;
  rulesVersion: string;
  parts: { iit: PartResult; eit1: PartResult; eit2: PartResult; oit: OitPartResult };
  /** Published (2 decimals): Σ weight/100 · part score, a not-processed part counting 0. */
  total: number;
  rating: Rating;
};

// ───────────────────────────── reasons ─────────────────────────────

const notRegistered = (): NotProcessedReason => ({
  code: "not-registered",
  th: "หน่วยงานไม่ได้ลงทะเบียนเข้ารับการประเมิน",
  en: "The agency did not register for the assessment",
});

const missingPart = (): NotProcessedReason => ({
  code: "missing",
  th: "ไม่มีข้อมูลส่วนนี้",
  en: "No data for this part",
});

const populationMissing = (): NotProcessedReason => ({
  code: "population-missing",
  th: "ยังไม่ได้กรอกจำนวนประชากร (N)",
  en: "The population (N) has not been entered",
});

const belowMinimum = (respondents: number, minimum: number): NotProcessedReason => ({
  code: "below-minimum",
  th: `ผู้ตอบ ${respondents} จากขั้นต่ำ ${minimum} คน ยังไม่ถึงจำนวนขั้นต่ำ`,
  en: `${respondents} of ${minimum} respondents: below the minimum sample`,
});

const incomplete = (missing: string[]): NotProcessedReason => ({
  code: "incomplete",
  th: `ยังไม่มีคะแนนข้อ ${missing.join(", ")}`,
  en: `No score yet for ${missing.join(", ")}`,
  missing,
});

const declared = (detail: string): NotProcessedReason => ({
  code: "declared",
  th: `ไม่ประมวลผล: ${detail}`,
  en: `Not processed: ${detail}`,
  detail,
});

// ───────────────────────────── arithmetic ─────────────────────────────

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Mean of the values, or null if any is missing (a mean over part of the items is not the score). */
function meanOrNull(values: (number | null)[]): number | null {
  return values.length > 0 && values.every((value): value is number => value !== null) ? mean(values) : null;
}

function assertScore(value: number, where: string): void {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new RangeError(`${where}: score must be between 0 and 100 (got ${value})`);
  }
}

function assertCount(value: number, where: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${where} must be a whole number ≥ 0 (got ${value})`);
}

/** Scores by code, rejecting codes the ruleset does not know (a typo must not score silently). */
function readScores(scores: ItemScores, known: readonly string[], where: string): Map<string, number> {
  const knownSet = new Set(known);
  const read = new Map<string, number>();
  for (const [code, value] of Object.entries(scores)) {
    if (!knownSet.has(code)) throw new RangeError(`${where}.${code}: unknown code`);
    if (value === null || value === undefined) continue;
    assertScore(value, `${where}.${code}`);
    read.set(code, value);
  }
  return read;
}

/** ITA 2568: indicator = mean of its items (IIT, EIT). */
export function indicatorScore(itemScores: (number | null)[]): number | null {
  return meanOrNull(itemScores);
}

type PartScores = {
  score: number | null;
  indicators: Map<string, number | null>;
  subIndicators?: Map<string, number | null>;
  missing: string[];
};

function scorePerceptionPart(ruleset: Ruleset, instrument: "iit" | "eit", input: PerceptionPartInput, where: string): PartScores {
  const items = instrumentItems(ruleset, instrument);
  const scores = readScores(
    input.items,
    items.map((item) => item.code),
    `${where}.items`,
  );
  const indicators = new Map<string, number | null>();
  for (const indicator of instrumentIndicators(ruleset, instrument)) {
    const ofIndicator = items.filter((item) => item.indicator === indicator.code);
    indicators.set(indicator.code, indicatorScore(ofIndicator.map((item) => scores.get(item.code) ?? null)));
  }
  // ITA 2568: instrument = mean of its indicators.
  return {
    score: meanOrNull([...indicators.values()]),
    indicators,
    missing: items.filter((item) => !scores.has(item.code)).map((item) => item.code),
  };
}

function scoreOitPart(ruleset: Ruleset, input: OitPartInput): PartScores {
  if (input.items !== undefined && input.subIndicators !== undefined) {
    throw new RangeError("oit: give items or subIndicators, not both");
  }
  const indicatorsOfOit = instrumentIndicators(ruleset, "oit");
  const subCodes = (indicator: Indicator) => (indicator.subIndicators ?? []).map((sub) => sub.code);
  const allSubCodes = indicatorsOfOit.flatMap(subCodes);
  const items = instrumentItems(ruleset, "oit");
  const subIndicators = new Map<string, number | null>();
  const indicators = new Map<string, number | null>();
  let missing: string[];

  if (input.subIndicators !== undefined) {
    const given = readScores(input.subIndicators, allSubCodes, "oit.subIndicators");
    for (const code of allSubCodes) subIndicators.set(code, given.get(code) ?? null);
    missing = allSubCodes.filter((code) => !given.has(code));
    for (const indicator of indicatorsOfOit) {
      // An OIT indicator without sub-indicators can only be scored from its items.
      if (!indicator.subIndicators?.length) {
        indicators.set(indicator.code, null);
        missing.push(...items.filter((item) => item.indicator === indicator.code).map((item) => item.code));
      } else {
        indicators.set(indicator.code, meanOrNull(subCodes(indicator).map((code) => subIndicators.get(code) ?? null)));
      }
    }
  } else {
    const scores = readScores(
      input.items ?? {},
      items.map((item) => item.code),
      "oit.items",
    );
    const itemScore = (code: string) => scores.get(code) ?? null;
    missing = items.filter((item) => !scores.has(item.code)).map((item) => item.code);
    for (const indicator of indicatorsOfOit) {
      const ofIndicator = items.filter((item) => item.indicator === indicator.code);
      if (!indicator.subIndicators?.length) {
        indicators.set(indicator.code, meanOrNull(ofIndicator.map((item) => itemScore(item.code))));
        continue;
      }
      // ITA 2568: OIT sub-indicator = mean of its items; OIT indicator = mean of its sub-indicators.
      for (const code of subCodes(indicator)) {
        const ofSub = ofIndicator.filter((item) => item.subIndicator === code);
        subIndicators.set(code, meanOrNull(ofSub.map((item) => itemScore(item.code))));
      }
      indicators.set(indicator.code, meanOrNull(subCodes(indicator).map((code) => subIndicators.get(code) ?? null)));
    }
  }
  return { score: meanOrNull([...indicators.values()]), indicators, subIndicators, missing };
}

// ───────────────────────────── minimum samples ─────────────────────────────

type Minimum = { minimum: number | null; populationMissing: boolean };

/**
 * IIT / EIT-1: the given minimum, else the cycle's fixed EIT-1 minimum for the group, else the
 * percentage rule on N. ITA 2568: "No internal / external population entered → not processed":
 * population given as null or 0 (nobody to sample) with no other way to the minimum.
 */
function perceptionMinimum(ruleset: Ruleset, part: "iit" | "eit1", input: PerceptionPartInput, group: string | null | undefined): Minimum {
  if (input.minimumSample != null) {
    assertCount(input.minimumSample, `${part}.minimumSample`);
    return { minimum: input.minimumSample, populationMissing: false };
  }
  const population = input.population;
  if (population !== undefined && population !== null) assertCount(population, `${part}.population`);
  const populationEntered = population !== undefined && population !== null && population > 0;
  const minimum =
    part === "eit1"
      ? eitPart1Minimum(populationEntered ? population : null, group, ruleset.sampling)
      : populationEntered
        ? minimumSample(population, ruleset.sampling)
        : null;
  const populationMissing = minimum === null && "population" in input && !populationEntered;
  return { minimum, populationMissing };
}

/**
 * EIT-2: the given minimum, else ITA 2568 "at least 20 % of the EIT part 1 minimum, and at least
 * 20" from EIT-1's minimum; when EIT-1's minimum is unknown, a `population` given with EIT-2 is read
 * as the external population N that EIT-1's minimum comes from.
 */
function eitPart2MinimumFor(ruleset: Ruleset, input: PerceptionPartInput, eit1Minimum: number | null, group: string | null | undefined): number | null {
  if (input.minimumSample != null) {
    assertCount(input.minimumSample, "eit2.minimumSample");
    return input.minimumSample;
  }
  let part1 = eit1Minimum;
  if (part1 === null && input.population != null && input.population > 0) {
    assertCount(input.population, "eit2.population");
    part1 = eitPart1Minimum(input.population, group, ruleset.sampling);
  }
  return part1 === null ? null : eitPart2Minimum(part1, ruleset.sampling);
}

// ───────────────────────────── rating ─────────────────────────────

/** ITA 2568: an indicator "passes" at 85 in the published result table (the improvement report and the results page). */
export const PASS_MARK = 85;

/**
 * ITA 2568 rating bands, on the published 2-decimal figures: total ≥ 85 and every part ≥ 95 →
 * pass-excellent; total ≥ 85 and every part ≥ 85 → pass-good; total ≥ 85 → pass; 70 ≤ total < 85 →
 * needs-improvement; else needs-urgent-improvement. A part that is not processed (null or absent)
 * fails every per-part condition. Inputs are rounded here, so 84.995 counts as 85.00.
 */
export function ratingBand(total: number, partScores: Partial<Record<PartCode, number | null>>, ruleset: Ruleset): Rating {
  const publishedTotal = roundHalfUp2(total);
  const published = PART_CODES.map((part) => {
    const score = partScores[part];
    return score === null || score === undefined ? null : roundHalfUp2(score);
  });
  for (const band of ruleset.ratingBands) {
    if (publishedTotal < band.minTotal) continue;
    const minEveryPart = band.minEveryPart;
    if (minEveryPart !== undefined && !published.every((score) => score !== null && score >= minEveryPart)) continue;
    return { code: band.code, th: band.label.th, en: band.label.en };
  }
  // parseRuleset guarantees a last band with minTotal 0; only a negative total gets here.
  throw new RangeError(`No rating band for total ${total}`);
}

// ───────────────────────────── the assessment ─────────────────────────────

function toRecord(map: Map<string, number | null>): Record<string, number | null> {
  return Object.fromEntries([...map].map(([code, value]) => [code, roundOrNull(value)]));
}

function emptyScores(codes: string[]): Record<string, number | null> {
  return Object.fromEntries(codes.map((code) => [code, null]));
}

/**
 * Score one agency's assessment under a ruleset. Full precision inside; every published score
 * (indicator, sub-indicator, part, total) is rounded half up to 2 decimals and the rating is
 * classified on those figures. ITA 2568: a part that is not processed scores 0 in the weighted
 * total and fails the per-part rating conditions; its reason is reported.
 *
 * Processed = present, every item scored, and — when both are known — respondents ≥ minimumSample.
 * Reasons, first that applies: not-registered, missing, declared, population-missing,
 * below-minimum, incomplete.
 *
 * @throws RangeError on malformed input (unknown code, score outside 0–100, negative counts,
 * OIT given both ways) — validate untrusted input with scoring-input.ts first.
 */
export function scoreAssessment(input: AssessmentInput, ruleset: Ruleset): AssessmentResult {
  const registered = input.registered !== false;
  let fullTotal = 0;
  const processedScores: Partial<Record<PartCode, number | null>> = {};
  let eit1Minimum: number | null = null;

  const finish = <T extends PartResult>(part: PartCode, result: T, fullScore: number | null): T => {
    // ITA 2568: total = Σ weight · part score, a not-processed part counting 0.
    if (result.processed && fullScore !== null) fullTotal += (result.weight / 100) * fullScore;
    processedScores[part] = result.processed ? fullScore : null;
    return result;
  };

  const perceptionPart = (part: "iit" | "eit1" | "eit2"): PartResult => {
    const instrument = part === "iit" ? "iit" : "eit";
    const weight = ruleset.parts[part].weight;
    const partInput = input[part];
    const indicatorCodes = instrumentIndicators(ruleset, instrument).map((indicator) => indicator.code);
    if (!partInput) {
      const reason = registered ? missingPart() : notRegistered();
      const result = { weight, score: null, indicators: emptyScores(indicatorCodes), minimumSample: null, respondents: null, processed: false, reason };
      return finish(part, result, null);
    }
    const scores = scorePerceptionPart(ruleset, instrument, partInput, part);
    const respondents = partInput.respondents ?? null;
    if (respondents !== null) assertCount(respondents, `${part}.respondents`);
    let minimum: Minimum;
    if (part === "eit2") {
      minimum = { minimum: eitPart2MinimumFor(ruleset, partInput, eit1Minimum, input.group), populationMissing: false };
    } else {
      minimum = perceptionMinimum(ruleset, part, partInput, input.group);
      if (part === "eit1") eit1Minimum = minimum.minimum;
    }

    let reason: NotProcessedReason | null = null;
    if (!registered) reason = notRegistered();
    else if (partInput.notProcessedReason) reason = declared(partInput.notProcessedReason);
    else if (minimum.populationMissing) reason = populationMissing();
    // ITA 2568: fewer respondents than the minimum → not processed (checked only when both are known).
    else if (respondents !== null && minimum.minimum !== null && respondents < minimum.minimum) {
      reason = belowMinimum(respondents, minimum.minimum);
    } else if (scores.missing.length) reason = incomplete(scores.missing);

    const result: PartResult = {
      weight,
      score: roundOrNull(scores.score),
      indicators: toRecord(scores.indicators),
      minimumSample: minimum.minimum,
      respondents,
      processed: reason === null,
      reason,
    };
    return finish(part, result, scores.score);
  };

  // EIT-1 before EIT-2: EIT-2's minimum derives from EIT-1's.
  const iit = perceptionPart("iit");
  const eit1 = perceptionPart("eit1");
  const eit2 = perceptionPart("eit2");

  const oit = ((): OitPartResult => {
    const weight = ruleset.parts.oit.weight;
    const indicatorsOfOit = instrumentIndicators(ruleset, "oit");
    const base = { weight, minimumSample: null, respondents: null };
    if (!input.oit) {
      const result: OitPartResult = {
        ...base,
        score: null,
        indicators: emptyScores(indicatorsOfOit.map((indicator) => indicator.code)),
        subIndicators: emptyScores(indicatorsOfOit.flatMap((indicator) => (indicator.subIndicators ?? []).map((sub) => sub.code))),
        processed: false,
        reason: registered ? missingPart() : notRegistered(),
      };
      return finish("oit", result, null);
    }
    const scores = scoreOitPart(ruleset, input.oit);
    let reason: NotProcessedReason | null = null;
    if (!registered) reason = notRegistered();
    // ITA 2568: "OIT not answered as required → OIT not processed" is the assessor's call.
    else if (input.oit.notProcessedReason) reason = declared(input.oit.notProcessedReason);
    else if (scores.missing.length) reason = incomplete(scores.missing);
    const result: OitPartResult = {
      ...base,
      score: roundOrNull(scores.score),
      indicators: toRecord(scores.indicators),
      subIndicators: toRecord(scores.subIndicators ?? new Map()),
      processed: reason === null,
      reason,
    };
    return finish("oit", result, scores.score);
  })();

  const total = roundHalfUp2(fullTotal);
  return {
    fiscalYear: ruleset.meta.fiscalYear,
    rulesVersion: ruleset.meta.rulesVersion,
    parts: { iit, eit1, eit2, oit },
    total,
    rating: ratingBand(total, processedScores, ruleset),
  };
}
