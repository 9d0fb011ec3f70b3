// Shortfall forecast (การคาดการณ์จำนวนผู้ตอบไม่ถึงขั้นต่ำ): at the recent daily rate, will an
// instrument reach its minimum sample before its window closes? A plain linear projection — the
// point is to flag agencies early enough for the coordinator to call them, not to model demand.

/** The recent rate is measured over the last 7 days (or since opening, if shorter). */
export const RECENT_DAYS = 7;

export type ForecastStatus =
  /** the minimum is reached (a floor: collection may go on) */
  | "reached"
  /** at the recent rate the minimum is reached before closing */
  | "on-track"
  /** at the recent rate the minimum is NOT reached before closing: flag it */
  | "at-risk"
  /** the window has closed below the minimum */
  | "missed"
  /** no minimum can be computed yet (population not entered) */
  | "unknown";

export type Forecast = {
  status: ForecastStatus;
  /** responses per day over the recent period */
  dailyRate: number;
  /** responses expected by closing time at that rate (null when no minimum or closed) */
  projected: number | null;
  /** responses per day needed from now on to reach the minimum (null when not applicable) */
  neededPerDay: number | null;
  daysLeft: number;
};

export type ForecastInput = {
  responses: number;
  minimum: number | null;
  /** responses counted over the recent period */
  recentResponses: number;
  /** length of the recent period in days (> 0) */
  recentDays: number;
  /** days until the window closes (fractional; ≤ 0 when closed) */
  daysLeft: number;
};

export function shortfallForecast(input: ForecastInput): Forecast {
  const dailyRate = input.recentDays > 0 ? input.recentResponses / input.recentDays : 0;
  const daysLeft = Math.max(0, input.daysLeft);
  const base = { dailyRate, daysLeft };
  if (input.minimum === null) return { ...base, status: "unknown", projected: null, neededPerDay: null };
  if (input.responses >= input.minimum) return { ...base, status: "reached", projected: null, neededPerDay: null };
  if (daysLeft <= 0) return { ...base, status: "missed", projected: null, neededPerDay: null };
  const projected = input.responses + dailyRate * daysLeft;
  const neededPerDay = Math.ceil(((input.minimum - input.responses) / daysLeft) * 10) / 10;
  return { ...base, status: projected >= input.minimum ? "on-track" : "at-risk", projected: Math.floor(projected), neededPerDay };
}

/** The recent period as of `now` for a window opened at `opensAt`: up to RECENT_DAYS whole days. */
export function recentPeriodDays(opensAt: Date, now: Date): number {
  const sinceOpen = (now.getTime() - opensAt.getTime()) / 86_400_000;
  return Math.max(1, Math.min(RECENT_DAYS, Math.ceil(sinceOpen)));
}
