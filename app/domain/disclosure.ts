// The disclosure rule, in one place: which figures computed from answers (item and indicator means,
// part scores, totals, ratings) any role may see, so that no combination of what a role can see and
// submit isolates a response (shared/security.md → small cells; docs/decisions/012-disclosure.md).
// The dashboard, the results page, the overview, the exports and the improvement-plan report all
// read it from here (through models/scores.server.ts and models/progress.server.ts).
//
// The rule (issue 19, attacks H1 and H2): while an instrument is collecting, everyone sees counts,
// live, and no figure computed from answers. Once its window has closed by date — the agency
// closing its own survey does not count, it can reopen — or the assessor has published the agency,
// the final figures are shown, and only from at least max(MIN_CELL, minimum sample) responses.
// Stepped means during collection were not enough: an agency admin holds the IIT code, so it can
// fill a step with known answers and difference two views to recover one colleague's answers.
import type { CollectionState } from "./collection";

/** No item mean from fewer than this many responses. */
export const MIN_CELL = 5;

/** Why an instrument's figures are not shown: still collecting, or too few responses in the end. */
export type Disclosure = { shown: true } | { shown: false; reason: "collecting" | "too-few" | "not-registered" };

/**
 * May the figures computed from an instrument's answers be shown (to any role)? `state` is the
 * instrument's collectionState; `responses` the final count; `minimum` its minimum sample (null:
 * no population entered, so the part is not processed and has no figures).
 */
export function instrumentDisclosure(input: { state: CollectionState; responses: number; minimum: number | null }): Disclosure {
  // Not registered: nothing is collected or processed (ITA 2568), so no figure ever, and not
  // "collecting" either: it must not hold back the total (0) and rating of an unregistered agency.
  if (input.state === "not-registered") return { shown: false, reason: "not-registered" };
  const final = input.state === "closed-window" || input.state === "published";
  if (!final) return { shown: false, reason: "collecting" };
  if (input.minimum === null || input.responses < Math.max(MIN_CELL, input.minimum)) return { shown: false, reason: "too-few" };
  return { shown: true };
}

/**
 * Totals and ratings combine every instrument: they may be shown once no instrument is still
 * collecting (a part with too few responses is not processed and adds 0, which reveals nothing).
 */
export function totalDisclosed(disclosures: Disclosure[]): boolean {
  return disclosures.every((d) => d.shown || d.reason !== "collecting");
}

/** The means to score and show for an instrument: its final means when disclosed, else none. */
export function disclosedMeans(disclosure: Disclosure, meansOf: () => Record<string, number | null>): Record<string, number | null> {
  return disclosure.shown ? meansOf() : {};
}

// ── The stepped snapshots (TallySnapshot) below are still written by the response writers but no
// longer shown: the rule above replaced them. Drop them with a migration (noted in decision 012).

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
