// Shortfall reminders (issue 20 §2): who gets which reminder e-mail, under which period key, and
// what it says — as data. Pure: the service hands in the overview rows (the one shortfall forecast,
// models/overview.server.ts), the people and the clock; the text is rendered from this data by the
// service with the messages of app/utils/messages/reminders.ts. Counts against floors only: no
// respondent data ever reaches a reminder.
//
// Rules (docs/decisions/024-reminders.md):
// - an instrument is reminded about while its window is open and its forecast says "at-risk"
//   (it will miss its minimum at the recent rate); how many more responses, and the days left;
// - an agency not registered for the cycle, or registered with a population missing, is reminded
//   of that FIRST (it is what must be fixed) from SETUP_LEAD_DAYS before the first survey window
//   opens until the last one closes;
// - agency admins get their agencies; a provincial coordinator one digest of their province; a
//   national assessor one national digest (per-province counts + the CAP largest shortfalls);
// - one mail per person per period with all their sections; nobody when nothing is at risk for
//   them; never someone who turned reminders off, is disabled, or has no password yet;
// - the period is the ISO week in Bangkok ("2570-W49", Buddhist-era week-year), or the Bangkok day
//   ("2570-12-07", Buddhist-era year) when anything in the person's mail is in its window's last
//   LAST_WEEK_DAYS days: weekly normally, daily in the last week, however often the job runs.
import { collectionWindow, windowState, type CollectionWindows, type SurveyInstrument } from "./collection";
import type { ForecastStatus } from "./forecast";
import type { HeldGrant } from "./roles";

export const REMINDER_INSTRUMENTS: readonly SurveyInstrument[] = ["iit", "eit1", "eit2"];
/** "The last week" of a window: a reminder goes out daily from this many days before it closes. */
export const LAST_WEEK_DAYS = 7;
/** Registration and populations are reminded from this many days before the first window opens. */
export const SETUP_LEAD_DAYS = 14;
/** The national digest lists at most this many agencies (the largest shortfalls first). */
export const NATIONAL_LIST_CAP = 50;
/** The provincial digest lists at most this many agencies (a province has ≈ 150; most are fine). */
export const PROVINCE_LIST_CAP = 50;
/** The server's daily run: 08:00 Bangkok (the start of the office day). */
export const DAILY_RUN_HOUR_BANGKOK = 8;

const DAY_MS = 86_400_000;
const BANGKOK_OFFSET_MS = 7 * 3600_000;
const BE_OFFSET = 543;

// ───────────────────────── the period key ─────────────────────────

/** The Bangkok calendar date of an instant, as UTC fields of a Date. */
function bangkokDate(now: Date): Date {
  const shifted = new Date(now.getTime() + BANGKOK_OFFSET_MS);
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
}

/** ISO 8601 week of the Bangkok date: week-year (Gregorian) and week 1–53. */
export function isoWeek(now: Date): { year: number; week: number } {
  const date = bangkokDate(now);
  const weekday = date.getUTCDay() || 7; // Monday 1 … Sunday 7
  // The Thursday of this week decides the week-year (ISO 8601).
  const thursday = new Date(date.getTime() + (4 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return { year, week };
}

/** "2570-W49": the ISO week in Bangkok, with the Buddhist-era week-year. */
export function weeklyPeriod(now: Date): string {
  const { year, week } = isoWeek(now);
  return `${year + BE_OFFSET}-W${String(week).padStart(2, "0")}`;
}

/** "2570-12-07": the Bangkok day, with the Buddhist-era year. */
export function dailyPeriod(now: Date): string {
  const date = bangkokDate(now);
  const mm = String(date.getUTCMonth() + 1).padStart(2, "0");
  const dd = String(date.getUTCDate()).padStart(2, "0");
  return `${date.getUTCFullYear() + BE_OFFSET}-${mm}-${dd}`;
}

export function periodKey(now: Date, lastWeek: boolean): string {
  return lastWeek ? dailyPeriod(now) : weeklyPeriod(now);
}

/** The latest 08:00 Bangkok at or before `now`: the daily job is due when it last finished before this. */
export function lastDailyRunTimeBefore(now: Date): Date {
  const today = bangkokDate(now).getTime() - BANGKOK_OFFSET_MS + DAILY_RUN_HOUR_BANGKOK * 3600_000;
  return new Date(today <= now.getTime() ? today : today - DAY_MS);
}

// ───────────────────────── what is wrong at one agency ─────────────────────────

/** What the reminder needs of an overview row (models/overview.server.ts AgencyOverview fits). */
export type AgencyStatus = {
  id: string;
  slug: string;
  nameTh: string;
  nameEn: string;
  provinceId: string | null;
  registered: boolean;
  instruments: Record<SurveyInstrument, { responses: number; minimum: number | null; forecast: { status: ForecastStatus } }>;
};

export type AgencyIssue =
  | { kind: "not-registered"; daysLeft: number }
  | { kind: "no-population"; instruments: SurveyInstrument[]; daysLeft: number }
  | { kind: "at-risk"; instrument: SurveyInstrument; responses: number; minimum: number; needed: number; daysLeft: number };

export type AgencyReminder = {
  agencyId: string;
  slug: string;
  nameTh: string;
  nameEn: string;
  provinceId: string | null;
  /** setup issues first (what must be fixed), then the instruments at risk */
  issues: AgencyIssue[];
  /** responses still needed over the instruments at risk (the national list's order) */
  shortfall: number;
  /** an issue is in its window's last LAST_WEEK_DAYS days */
  lastWeek: boolean;
};

/** Whole days left until `closesAt`, counted up (16 hours left is "1 day"). */
const daysUntil = (closesAt: Date, now: Date) => Math.max(0, Math.ceil((closesAt.getTime() - now.getTime()) / DAY_MS));
const inLastWeek = (closesAt: Date, now: Date) => closesAt.getTime() > now.getTime() && closesAt.getTime() - now.getTime() <= LAST_WEEK_DAYS * DAY_MS;

/** The agency's issues at `now`, or null when there is nothing to remind anyone of. */
export function agencyReminder(agency: AgencyStatus, cycle: CollectionWindows, now: Date): AgencyReminder | null {
  const issues: AgencyIssue[] = [];
  let lastWeek = false;

  // Setup: from SETUP_LEAD_DAYS before the first window opens until the last one closes; the
  // days left run to the nearest close still ahead.
  const windows = REMINDER_INSTRUMENTS.map((instrument) => collectionWindow(cycle, instrument));
  const firstOpen = Math.min(...windows.map((w) => w.opensAt.getTime()));
  const aheadCloses = windows.map((w) => w.closesAt).filter((closesAt) => closesAt.getTime() > now.getTime());
  const setupTime = now.getTime() >= firstOpen - SETUP_LEAD_DAYS * DAY_MS && aheadCloses.length > 0;
  if (setupTime) {
    const nearestClose = new Date(Math.min(...aheadCloses.map((d) => d.getTime())));
    const noPopulation = REMINDER_INSTRUMENTS.filter((instrument) => agency.instruments[instrument].minimum === null);
    if (!agency.registered) issues.push({ kind: "not-registered", daysLeft: daysUntil(nearestClose, now) });
    else if (noPopulation.length > 0) issues.push({ kind: "no-population", instruments: noPopulation, daysLeft: daysUntil(nearestClose, now) });
    if (issues.length > 0) lastWeek ||= inLastWeek(nearestClose, now);
  }

  // Shortfall: the forecast already says "at-risk" only while responses can still come in; a
  // window not yet open is not reminded about (there is nothing to do but wait for it).
  let shortfall = 0;
  if (agency.registered) {
    for (const instrument of REMINDER_INSTRUMENTS) {
      const cell = agency.instruments[instrument];
      if (cell.forecast.status !== "at-risk" || cell.minimum === null) continue;
      if (windowState(cycle, instrument, now) !== "open") continue;
      const { closesAt } = collectionWindow(cycle, instrument);
      const needed = Math.max(0, cell.minimum - cell.responses);
      shortfall += needed;
      issues.push({ kind: "at-risk", instrument, responses: cell.responses, minimum: cell.minimum, needed, daysLeft: daysUntil(closesAt, now) });
      lastWeek ||= inLastWeek(closesAt, now);
    }
  }

  if (issues.length === 0) return null;
  return { agencyId: agency.id, slug: agency.slug, nameTh: agency.nameTh, nameEn: agency.nameEn, provinceId: agency.provinceId, issues, shortfall, lastWeek };
}

// ───────────────────────── digests ─────────────────────────

export type Province = { id: string; slug: string; nameTh: string; nameEn: string };

export type IssueCounts = { atRisk: number; notRegistered: number; noPopulation: number };

function countIssues(reminders: readonly AgencyReminder[]): IssueCounts {
  const counts: IssueCounts = { atRisk: 0, notRegistered: 0, noPopulation: 0 };
  for (const reminder of reminders) {
    if (reminder.issues.some((issue) => issue.kind === "not-registered")) counts.notRegistered++;
    if (reminder.issues.some((issue) => issue.kind === "no-population")) counts.noPopulation++;
    if (reminder.issues.some((issue) => issue.kind === "at-risk")) counts.atRisk++;
  }
  return counts;
}

/** Setup issues first (they must be fixed before anything can be collected), then the largest shortfall. */
function byUrgency(a: AgencyReminder, b: AgencyReminder): number {
  const setup = (r: AgencyReminder) => (r.issues[0].kind === "at-risk" ? 1 : 0);
  return setup(a) - setup(b) || b.shortfall - a.shortfall || a.nameTh.localeCompare(b.nameTh, "th");
}

export type ProvinceDigest = {
  provinceId: string;
  slug: string;
  nameTh: string;
  nameEn: string;
  counts: IssueCounts;
  /** agencies with issues, most urgent first, at most PROVINCE_LIST_CAP */
  agencies: AgencyReminder[];
  /** how many agencies have issues in all (the list may be capped) */
  total: number;
  lastWeek: boolean;
};

export type NationalDigest = {
  /** per province (central agencies under null), only those with issues, by agencies at risk */
  provinces: Array<{ provinceId: string | null; nameTh: string | null; nameEn: string | null; counts: IssueCounts }>;
  counts: IssueCounts;
  /** the NATIONAL_LIST_CAP largest shortfalls (agencies to fix first lead) */
  agencies: AgencyReminder[];
  total: number;
  lastWeek: boolean;
};

function provinceDigest(province: Province, reminders: readonly AgencyReminder[]): ProvinceDigest | null {
  const mine = reminders.filter((reminder) => reminder.provinceId === province.id);
  if (mine.length === 0) return null;
  return {
    provinceId: province.id,
    slug: province.slug,
    nameTh: province.nameTh,
    nameEn: province.nameEn,
    counts: countIssues(mine),
    agencies: [...mine].sort(byUrgency).slice(0, PROVINCE_LIST_CAP),
    total: mine.length,
    lastWeek: mine.some((reminder) => reminder.lastWeek),
  };
}

function nationalDigest(provinces: readonly Province[], reminders: readonly AgencyReminder[]): NationalDigest | null {
  if (reminders.length === 0) return null;
  const byProvince = new Map<string | null, AgencyReminder[]>();
  for (const reminder of reminders) byProvince.set(reminder.provinceId, [...(byProvince.get(reminder.provinceId) ?? []), reminder]);
  const names = new Map(provinces.map((province) => [province.id, province]));
  return {
    provinces: [...byProvince]
      .map(([provinceId, list]) => ({
        provinceId,
        nameTh: provinceId ? (names.get(provinceId)?.nameTh ?? null) : null,
        nameEn: provinceId ? (names.get(provinceId)?.nameEn ?? null) : null,
        counts: countIssues(list),
      }))
      .sort((a, b) => b.counts.atRisk - a.counts.atRisk || (a.nameTh ?? "").localeCompare(b.nameTh ?? "", "th")),
    counts: countIssues(reminders),
    agencies: [...reminders].sort(byUrgency).slice(0, NATIONAL_LIST_CAP),
    total: reminders.length,
    lastWeek: reminders.some((reminder) => reminder.lastWeek),
  };
}

// ───────────────────────── who gets what ─────────────────────────

export type ReminderRecipient = {
  userId: string;
  email: string;
  name: string;
  remindersOff: boolean;
  disabled: boolean;
  /** an active account: a password was set (an invitation accepted, a set-password link used) */
  hasPassword: boolean;
  grants: readonly HeldGrant[];
};

export type ReminderMail = {
  userId: string;
  email: string;
  name: string;
  period: string;
  lastWeek: boolean;
  /** the agencies this person administers that have issues */
  agencies: AgencyReminder[];
  /** one digest per province this person coordinates that has issues */
  provinces: ProvinceDigest[];
  national: NationalDigest | null;
};

export type ReminderInput = {
  now: Date;
  cycle: CollectionWindows;
  agencies: readonly AgencyStatus[];
  provinces: readonly Province[];
  recipients: readonly ReminderRecipient[];
};

/** Whether someone may be sent a reminder at all. */
export function mayBeReminded(recipient: ReminderRecipient): boolean {
  return !recipient.remindersOff && !recipient.disabled && recipient.hasPassword;
}

/** Every reminder mail due at `now`: one per person with anything at risk, all their sections in it. */
export function planReminderMails(input: ReminderInput): ReminderMail[] {
  const reminders = input.agencies.map((agency) => agencyReminder(agency, input.cycle, input.now)).filter((r): r is AgencyReminder => r !== null);
  const byAgency = new Map(reminders.map((reminder) => [reminder.agencyId, reminder]));
  const provinces = new Map(input.provinces.map((province) => [province.id, province]));
  let national: NationalDigest | null | undefined; // computed once, for the first assessor

  const mails: ReminderMail[] = [];
  for (const recipient of input.recipients) {
    if (!mayBeReminded(recipient)) continue;
    const agencyIds = new Set(recipient.grants.filter((g) => g.role === "agency_admin" && g.agencyId).map((g) => g.agencyId!));
    const provinceIds = new Set(recipient.grants.filter((g) => g.role === "province_coordinator" && g.provinceId).map((g) => g.provinceId!));
    const assessor = recipient.grants.some((g) => g.role === "national_assessor");

    const agencies = [...agencyIds].map((id) => byAgency.get(id)).filter((r): r is AgencyReminder => r !== undefined);
    agencies.sort(byUrgency);
    const digests = [...provinceIds]
      .map((id) => provinces.get(id))
      .filter((p): p is Province => p !== undefined)
      .map((province) => provinceDigest(province, reminders))
      .filter((d): d is ProvinceDigest => d !== null)
      .sort((a, b) => a.nameTh.localeCompare(b.nameTh, "th"));
    if (assessor && national === undefined) national = nationalDigest(input.provinces, reminders);
    const nationalPart = assessor ? (national ?? null) : null;

    if (agencies.length === 0 && digests.length === 0 && !nationalPart) continue;
    const lastWeek = agencies.some((r) => r.lastWeek) || digests.some((d) => d.lastWeek) || Boolean(nationalPart?.lastWeek);
    mails.push({
      userId: recipient.userId,
      email: recipient.email,
      name: recipient.name,
      period: periodKey(input.now, lastWeek),
      lastWeek,
      agencies,
      provinces: digests,
      national: nationalPart,
    });
  }
  return mails;
}

/** What the operator's record (ReminderSend.summary, the CLI) keeps of a mail: slugs and counts. */
export function mailSummary(mail: ReminderMail) {
  return {
    agencies: mail.agencies.map((r) => ({
      slug: r.slug,
      issues: r.issues.map((issue) => (issue.kind === "at-risk" ? `${issue.instrument}:+${issue.needed}` : issue.kind)),
    })),
    provinces: mail.provinces.map((d) => ({ slug: d.slug, ...d.counts })),
    national: mail.national ? { ...mail.national.counts, listed: mail.national.agencies.length } : null,
  };
}
