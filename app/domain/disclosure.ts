// The small-cell (disclosure) rule, in one place: which item means an admin view may show, so that
// comparing two views can never isolate one response (shared/security.md → small cells). The
// dashboard (models/progress.server.ts), the national overview (models/overview.server.ts), the
// response writers (models/response.server.ts) and the national seed all read it from here: to
// change the rule, change this file.

/** No item mean from fewer than this many responses. */
export const MIN_CELL = 5;

/** Item means shown to admins move only every this many responses: the tally is copied into its
 * snapshot (TallySnapshot) when the count reaches a multiple of the step. */
export const SNAPSHOT_STEP = 5;

/** True when a tally that went from `before` to `after` responses crossed a step (5, 10, 15 …):
 * the writer copies the tally into its snapshot then. */
export function snapshotDue(before: number, after: number): boolean {
  return Math.floor(after / SNAPSHOT_STEP) !== Math.floor(before / SNAPSHOT_STEP);
}

/** The response count the snapshot holds once `responses` have been counted (the last step reached). */
export function snapshotResponses(responses: number): number {
  return Math.floor(responses / SNAPSHOT_STEP) * SNAPSHOT_STEP;
}

/** May the means of a snapshot holding `responses` responses be shown while collection runs? */
export function snapshotShowable(responses: number): boolean {
  return responses >= MIN_CELL;
}

/**
 * The item means an admin view may show for one instrument: once the assessor has published, the
 * final means of the live tally (the numbers are frozen then); while collecting, the means of the
 * last snapshot if it holds at least MIN_CELL responses, else none (`{}`).
 * `meansOf` turns a tally into item means; the tallies are whatever the caller stores.
 */
export function shownMeans<T extends { responses: number }>(
  tallies: { published: boolean; live: T; snapshot: T },
  meansOf: (tally: T) => Record<string, number | null>,
): Record<string, number | null> {
  if (tallies.published) return meansOf(tallies.live);
  return snapshotShowable(tallies.snapshot.responses) ? meansOf(tallies.snapshot) : {};
}
