// A cycle's windows as an operator types them (`--iit 2027-03-01..2027-07-31`, the /admin/cycles
// forms) and the rules a new or changed set of windows must keep. Dates are Bangkok calendar days:
// a window OPENS at 00:00 Bangkok on its first day and CLOSES at 00:00 Bangkok the day after its
// last day, so "2027-03-01..2027-07-31" collects all of 1 March to all of 31 July (windows are
// half-open, [opensAt, closesAt), like defaultWindows and windowState in ./collection).
import { bangkokMidnight, type CycleWindows } from "./collection";

export const WINDOW_NAMES = ["iit", "eit", "oit"] as const;
export type WindowName = (typeof WINDOW_NAMES)[number];

export type Window = { opensAt: Date; closesAt: Date };

const DAY_MS = 86_400_000;
const BANGKOK_OFFSET_MS = 7 * 3600_000;

/** A Gregorian calendar day "YYYY-MM-DD" (a real day: no 31 April), or null. */
export function parseDay(text: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** The Bangkok calendar day an instant falls on, as "YYYY-MM-DD". */
export function bangkokDay(instant: Date): string {
  return new Date(instant.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

export type WindowParse = { ok: true; window: Window } | { ok: false; problem: "format" | "date" | "close-before-open" };

/**
 * "OPEN..CLOSE" (both YYYY-MM-DD, Bangkok days, both included) → the half-open window: opens at
 * 00:00 Bangkok on OPEN, closes at 00:00 Bangkok the day after CLOSE. A one-day window
 * ("2027-03-01..2027-03-01") is allowed; CLOSE before OPEN is not.
 */
export function parseWindowRange(text: string): WindowParse {
  const parts = text.trim().split("..");
  if (parts.length !== 2) return { ok: false, problem: "format" };
  const open = parseDay(parts[0]);
  const close = parseDay(parts[1]);
  if (!open || !close) return { ok: false, problem: "date" };
  const opensAt = bangkokMidnight(open.year, open.month, open.day);
  const closesAt = new Date(bangkokMidnight(close.year, close.month, close.day).getTime() + DAY_MS);
  if (closesAt.getTime() <= opensAt.getTime()) return { ok: false, problem: "close-before-open" };
  return { ok: true, window: { opensAt, closesAt } };
}

/** The window back as the operator types it: "2027-03-01..2027-07-31" (CLOSE = the last day collected). */
export function formatWindowRange(window: Window): string {
  return `${bangkokDay(window.opensAt)}..${bangkokDay(new Date(window.closesAt.getTime() - 1))}`;
}

export function windowOf(windows: CycleWindows, name: WindowName): Window {
  if (name === "iit") return { opensAt: windows.iitOpensAt, closesAt: windows.iitClosesAt };
  if (name === "eit") return { opensAt: windows.eitOpensAt, closesAt: windows.eitClosesAt };
  return { opensAt: windows.oitOpensAt, closesAt: windows.oitClosesAt };
}

/** `windows` with some of its windows replaced. */
export function withWindows(windows: CycleWindows, changes: Partial<Record<WindowName, Window>>): CycleWindows {
  const out = { ...windows };
  if (changes.iit) Object.assign(out, { iitOpensAt: changes.iit.opensAt, iitClosesAt: changes.iit.closesAt });
  if (changes.eit) Object.assign(out, { eitOpensAt: changes.eit.opensAt, eitClosesAt: changes.eit.closesAt });
  if (changes.oit) Object.assign(out, { oitOpensAt: changes.oit.opensAt, oitClosesAt: changes.oit.closesAt });
  return out;
}

export type WindowProblem =
  /** the window closes at or before it opens */
  | { code: "close-before-open"; window: WindowName }
  /** OIT scoring runs alongside and after the surveys: its window may not end before theirs */
  | { code: "oit-ends-before-surveys"; window: "oit" }
  /** decision 012: a window that has closed may not be moved later or reopened (its figures are out) */
  | { code: "closed-window-moved-later"; window: WindowName };

/** What is wrong with a cycle's windows on their own (empty: nothing). */
export function checkWindows(windows: CycleWindows): WindowProblem[] {
  const problems: WindowProblem[] = [];
  for (const name of WINDOW_NAMES) {
    const { opensAt, closesAt } = windowOf(windows, name);
    if (closesAt.getTime() <= opensAt.getTime()) problems.push({ code: "close-before-open", window: name });
  }
  if (windows.oitClosesAt.getTime() < Math.max(windows.iitClosesAt.getTime(), windows.eitClosesAt.getTime())) {
    problems.push({ code: "oit-ends-before-surveys", window: "oit" });
  }
  return problems;
}

/**
 * What is wrong with changing a cycle's windows from `stored` to `proposed` at `now`: the rules of
 * checkWindows, and (decision 012) a window that has closed by `now` keeps its close or moves it
 * earlier: moving it later would reopen collection after the final figures were shown. An open or
 * future window may be moved freely (closing it early included).
 */
export function checkWindowChange(stored: CycleWindows, proposed: CycleWindows, now: Date = new Date()): WindowProblem[] {
  const problems: WindowProblem[] = [];
  for (const name of WINDOW_NAMES) {
    const before = windowOf(stored, name);
    const after = windowOf(proposed, name);
    const closed = now.getTime() >= before.closesAt.getTime();
    if (closed && after.closesAt.getTime() > before.closesAt.getTime()) problems.push({ code: "closed-window-moved-later", window: name });
  }
  return [...problems, ...checkWindows(proposed)];
}
