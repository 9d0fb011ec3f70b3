// Is collection open? The one answer for an agency and a survey at an instant, from the cycle's
// windows and the agency's participation (registered, its own open/close switches, publication).
// The IIT and EIT pages, the survey submit, the dashboard, the overview and publication all ask
// here; models pass plain rows in. Also the fiscal-year calendar and a cycle's default windows.

/** The surveys collected per agency. EIT parts 1 and 2 share the EIT window and the agency's EIT switch. */
export type SurveyInstrument = "iit" | "eit1" | "eit2";

/** A cycle's survey windows: each half-open, [opensAt, closesAt). */
export type CollectionWindows = { iitOpensAt: Date; iitClosesAt: Date; eitOpensAt: Date; eitClosesAt: Date };

/** All of a cycle's windows, as stored on the Cycle row. */
export type CycleWindows = CollectionWindows & { oitOpensAt: Date; oitClosesAt: Date };

/** What collection needs of the agency's participation row (AgencyCycle); none: not registered. */
export type ParticipationFlags = { registered: boolean; iitOpen: boolean; eitOpen: boolean; publishedAt: Date | null };

export type CollectionState =
  | "open"
  /** the survey's window has not opened yet */
  | "not-yet-open"
  /** the survey's window has closed */
  | "closed-window"
  /** the agency closed its own survey (it may reopen it) */
  | "closed-by-agency"
  /** the assessor published the agency's results: its numbers are frozen (final) */
  | "published"
  /** the agency did not register for the cycle (ITA 2568: nothing is processed) */
  | "not-registered";

export function collectionWindow(cycle: CollectionWindows, instrument: SurveyInstrument): { opensAt: Date; closesAt: Date } {
  return instrument === "iit" ? { opensAt: cycle.iitOpensAt, closesAt: cycle.iitClosesAt } : { opensAt: cycle.eitOpensAt, closesAt: cycle.eitClosesAt };
}

/** The cycle-wide part: is the survey's window open at `now`? Open from `opensAt` on, closed from `closesAt` on. */
export function windowState(cycle: CollectionWindows, instrument: SurveyInstrument, now: Date = new Date()): "open" | "not-yet-open" | "closed-window" {
  const { opensAt, closesAt } = collectionWindow(cycle, instrument);
  if (now.getTime() < opensAt.getTime()) return "not-yet-open";
  if (now.getTime() >= closesAt.getTime()) return "closed-window";
  return "open";
}

/** The agency-wide part: registered, and not yet published (publication closes every survey for good). */
export function participationState(
  participation: Pick<ParticipationFlags, "registered" | "publishedAt"> | null | undefined,
): "not-registered" | "published" | "participating" {
  if (!participation?.registered) return "not-registered";
  if (participation.publishedAt) return "published";
  return "participating";
}

/**
 * Whether the agency's survey is collecting at `now`, and if not, why. The first reason that holds
 * wins, most final first: not registered, published (final even after the window closed), then the
 * window (not yet open, closed), then the agency's own switch.
 */
export function collectionState(
  cycle: CollectionWindows,
  participation: ParticipationFlags | null | undefined,
  instrument: SurveyInstrument,
  now: Date = new Date(),
): CollectionState {
  const agency = participationState(participation);
  if (agency !== "participating") return agency;
  const window = windowState(cycle, instrument, now);
  if (window !== "open") return window;
  const openByAgency = instrument === "iit" ? participation!.iitOpen : participation!.eitOpen;
  return openByAgency ? "open" : "closed-by-agency";
}

// ───────────────────────── the fiscal-year calendar ─────────────────────────

/** Bangkok is UTC+7 all year (no daylight saving). */
const BANGKOK_OFFSET_MS = 7 * 3600_000;

/** 00:00 in Bangkok on a Gregorian day (month 1–12). */
export function bangkokMidnight(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - BANGKOK_OFFSET_MS);
}

/** Buddhist era = Gregorian + 543. */
const BE_OFFSET = 543;

/** The Thai fiscal year (Buddhist era) begins 1 October of the previous Gregorian year: FY 2570 began 00:00 Bangkok, 1 Oct 2026. */
export function fiscalYearStart(fiscalYear: number): Date {
  return bangkokMidnight(fiscalYear - BE_OFFSET - 1, 10, 1);
}

/** The instant the fiscal year ends (exclusive): the next one's start, 00:00 Bangkok on 1 October. */
export function fiscalYearEnd(fiscalYear: number): Date {
  return fiscalYearStart(fiscalYear + 1);
}

/**
 * A cycle's default windows, for an operator creating a fiscal year's cycle before the NACC's
 * calendar is entered. NOT the NACC's dates (it publishes its calendar each year; enter those).
 * Rule: the fiscal year runs 1 October (Gregorian year fiscalYear − 544) to 30 September (year
 * fiscalYear − 543). Within it:
 * - October–February: registration, populations, the IIT code (nothing to collect yet);
 * - IIT and EIT: 1 March – 31 July, the same window for both surveys (the EIT asks about services
 *   used "during the fiscal year", so it runs late in it);
 * - OIT: 1 March – 31 August: the agency submits URLs alongside the surveys and the assessor keeps
 *   scoring a month after they close (the seed and factories also close OIT after the surveys);
 * - September: scoring, appeals and publication, inside the fiscal year.
 * Each window opens at 00:00 Bangkok on its first day and closes at 00:00 Bangkok the day after its
 * last day (windows are half-open). FY 2570: surveys 1 Mar 2027 – 31 Jul 2027, OIT to 31 Aug 2027.
 */
export function defaultWindows(fiscalYear: number): CycleWindows {
  const year = fiscalYear - BE_OFFSET; // the Gregorian year of March–September
  const surveysOpen = () => bangkokMidnight(year, 3, 1);
  const surveysClose = () => bangkokMidnight(year, 8, 1); // after 31 July
  return {
    iitOpensAt: surveysOpen(),
    iitClosesAt: surveysClose(),
    eitOpensAt: surveysOpen(),
    eitClosesAt: surveysClose(),
    oitOpensAt: surveysOpen(),
    oitClosesAt: bangkokMidnight(year, 9, 1), // after 31 August
  };
}

// ───────────────────────── the current cycle ─────────────────────────

/** What choosing the current cycle needs of a cycle row. */
export type DatedCycle = { fiscalYear: number } & CycleWindows;

/** A cycle's whole collecting period: from its first window's opening to its last window's close. */
export function collectingPeriod(cycle: CycleWindows): { opensAt: Date; closesAt: Date } {
  const opens = [cycle.iitOpensAt, cycle.eitOpensAt, cycle.oitOpensAt].map((date) => date.getTime());
  const closes = [cycle.iitClosesAt, cycle.eitClosesAt, cycle.oitClosesAt].map((date) => date.getTime());
  return { opensAt: new Date(Math.min(...opens)), closesAt: new Date(Math.max(...closes)) };
}

/**
 * The cycle that pages show by default and respondents answer: the one whose windows contain `now`
 * (from its first window's opening to its last one's close; the latest fiscal year if two overlap),
 * else the latest fiscal year (between collections an operator prepares the newest year: its
 * registrations, populations, codes). Null when there is no cycle at all.
 */
export function currentCycle<C extends DatedCycle>(cycles: readonly C[], now: Date = new Date()): C | null {
  const latestFirst = [...cycles].sort((a, b) => b.fiscalYear - a.fiscalYear);
  const collecting = latestFirst.find((cycle) => {
    const { opensAt, closesAt } = collectingPeriod(cycle);
    return opensAt.getTime() <= now.getTime() && now.getTime() < closesAt.getTime();
  });
  return collecting ?? latestFirst[0] ?? null;
}
