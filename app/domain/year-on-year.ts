// The results page's year-on-year change: this year's figures beside the previous year's, per part
// (instrument) and indicator. A figure is what the disclosure rules (./disclosure.ts, decision 012)
// let the page show for ITS year: null when hidden (still collecting, too few) or not processed. A
// change is computed only from two shown figures, so it can never reveal a hidden one.

/** One year's shown figures of a part: its score and its indicators' scores, null where not shown. */
export type PartFigures = { code: string; score: number | null; indicators: Record<string, number | null> };

export type Change = { previous: number | null; change: number | null };

export type PartChange = Change & { code: string; indicators: Record<string, Change> };

/** this − previous, to 2 decimals (the published precision), or null unless both are shown. */
export function figureChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return Math.round((current - previous) * 100) / 100;
}

/**
 * Per part of this year, the previous year's figure and the change. Parts and indicators are
 * matched by code; one the previous year did not have has no previous figure.
 */
export function compareYears(current: readonly PartFigures[], previous: readonly PartFigures[]): PartChange[] {
  const before = new Map(previous.map((part) => [part.code, part]));
  return current.map((part) => {
    const old = before.get(part.code);
    const indicators: Record<string, Change> = {};
    for (const [code, score] of Object.entries(part.indicators)) {
      const was = old?.indicators[code] ?? null;
      indicators[code] = { previous: was, change: figureChange(score, was) };
    }
    const was = old?.score ?? null;
    return { code: part.code, previous: was, change: figureChange(part.score, was), indicators };
  });
}
