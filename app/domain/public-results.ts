// The public results (issue 20 §1): what the NACC-style public pages and open data show of an
// agency once the assessor has published it, and the national picture over the published agencies.
// Pure: the caller gives the scoring core's result and the disclosure verdicts (./disclosure.ts,
// the one rule of what may be shown); nothing here decides disclosure again.
import type { Disclosure } from "./disclosure";
import { instrumentIndicators, PART_CODES, PART_INSTRUMENT, type PartCode, type Ruleset } from "./ruleset";
import { PASS_MARK, roundHalfUp2, type AssessmentResult, type NotProcessedReasonCode } from "./scoring";

/**
 * ITA 2568: "the national target: at least 84 % of agencies score ≥ 85" (shared/ita-2568.md). The
 * ruleset format (./ruleset.ts) carries no target, so it is this constant; a year whose target
 * differs needs a ruleset field first.
 */
export const NATIONAL_TARGET_PERCENT = 84;

/** The total an agency needs to count towards the national target (the same 85 as an indicator's pass). */
export const TARGET_TOTAL = PASS_MARK;

/** Why a part shows no figure on the public pages: the scoring core's reason, or "too-few" when the
 * disclosure rule held its means back (fewer than max(5, minimum sample) responses). */
export type PublicReason = NotProcessedReasonCode | "too-few";

export type PublicIndicator = { code: string; score: number | null; pass: boolean | null };

export type PublicPart = {
  code: PartCode;
  /** the part's weight in the total, in percent (OIT 40) */
  weight: number;
  processed: boolean;
  reason: PublicReason | null;
  /** the published 2-decimal score; null when not processed */
  score: number | null;
  /** what the part adds to the total: score × weight / 100, 2 decimals (OIT 38.31 of 40); 0 when not processed */
  points: number;
  /** responses counted; null for OIT and for a part whose figures are not disclosed */
  respondents: number | null;
  indicators: PublicIndicator[];
};

/** Weighted points of a part, as the NACC's reports show them ("OIT 38.31 / 40"). */
export function weightedPoints(score: number | null, weight: number): number {
  return score === null ? 0 : roundHalfUp2((score * weight) / 100);
}

/**
 * The public figures of a published agency's parts. A perception part shows figures only when the
 * disclosure rule says so (its means were then scored); a part that is not processed shows none.
 */
export function publicParts(
  ruleset: Ruleset,
  assessment: AssessmentResult,
  disclosure: Record<"iit" | "eit1" | "eit2", Disclosure>,
  counts: Record<"iit" | "eit1" | "eit2", number>,
): PublicPart[] {
  return PART_CODES.map((code): PublicPart => {
    const part = assessment.parts[code];
    const shown = code === "oit" || disclosure[code].shown;
    const processed = part.processed && shown;
    // Hidden means leave the part without items: the core says "incomplete"; the truth is "too few".
    const reason: PublicReason | null = processed
      ? null
      : !shown && (!part.reason || part.reason.code === "incomplete")
        ? "too-few"
        : (part.reason?.code ?? "too-few");
    const score = processed ? part.score : null;
    return {
      code,
      weight: part.weight,
      processed,
      reason,
      score,
      points: weightedPoints(score, part.weight),
      respondents: code !== "oit" && shown ? counts[code] : null,
      indicators: instrumentIndicators(ruleset, PART_INSTRUMENT[code]).map((indicator) => {
        const value = processed ? (part.indicators[indicator.code] ?? null) : null;
        return { code: indicator.code, score: value, pass: value === null ? null : value >= PASS_MARK };
      }),
    };
  });
}

export type BandCount = { code: string; th: string; en: string; agencies: number };

/** The national (or a province's) picture over published agencies' totals and ratings. */
export type ResultsPicture = {
  published: number;
  /** mean of the published totals, 2 decimals; null with none */
  mean: number | null;
  /** agencies at TARGET_TOTAL or above, and their share in percent (2 decimals) */
  atTarget: number;
  atTargetPercent: number | null;
  /** the share meets NATIONAL_TARGET_PERCENT */
  meetsTarget: boolean | null;
  /** every rating band of the ruleset, best first, with its count (0 included) */
  bands: BandCount[];
};

export function resultsPicture(ruleset: Ruleset, results: readonly { total: number; rating: { code: string } }[]): ResultsPicture {
  const published = results.length;
  const atTarget = results.filter((result) => result.total >= TARGET_TOTAL).length;
  const atTargetPercent = published ? roundHalfUp2((atTarget / published) * 100) : null;
  return {
    published,
    mean: published ? roundHalfUp2(results.reduce((sum, result) => sum + result.total, 0) / published) : null,
    atTarget,
    atTargetPercent,
    meetsTarget: atTargetPercent === null ? null : atTargetPercent >= NATIONAL_TARGET_PERCENT,
    bands: ruleset.ratingBands.map((band) => ({
      code: band.code,
      th: band.label.th,
      en: band.label.en,
      agencies: results.filter((result) => result.rating.code === band.code).length,
    })),
  };
}
