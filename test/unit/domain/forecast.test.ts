// Shortfall forecast: at the recent daily rate, will an instrument reach its minimum sample before
// its window closes? Every expected figure below is worked out by hand in the comment beside it.
import { describe, expect, it } from "vitest";
import { RECENT_DAYS, recentPeriodDays, shortfallForecast, type ForecastInput } from "../../../app/domain/forecast";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const input = (overrides: Partial<ForecastInput>): ForecastInput => ({
  responses: 10,
  minimum: 30,
  recentResponses: 14,
  recentDays: 7,
  daysLeft: 12,
  ...overrides,
});

describe("shortfallForecast: the five statuses", () => {
  it("reached: responses ≥ minimum (a floor, so no projection and no daily need)", () => {
    // rate = 21 / 7 = 3 a day; 30 ≥ 30 → reached; projected and neededPerDay not applicable.
    expect(shortfallForecast(input({ responses: 30, minimum: 30, recentResponses: 21, daysLeft: 5 }))).toEqual({
      status: "reached",
      dailyRate: 3,
      projected: null,
      neededPerDay: null,
      daysLeft: 5,
    });
    // Above the minimum too: 45 ≥ 30.
    expect(shortfallForecast(input({ responses: 45 })).status).toBe("reached");
  });

  it("reached wins over a closed window (the minimum was met before closing)", () => {
    // 30 ≥ 30 → reached, even though daysLeft −2 → clamped to 0.
    expect(shortfallForecast(input({ responses: 30, daysLeft: -2 }))).toEqual({
      status: "reached",
      dailyRate: 2, // 14 / 7
      projected: null,
      neededPerDay: null,
      daysLeft: 0,
    });
  });

  it("reached with a minimum of 0 (N = 0) and no responses", () => {
    // 0 ≥ 0 → reached.
    expect(shortfallForecast(input({ responses: 0, minimum: 0, recentResponses: 0 })).status).toBe("reached");
  });

  it("on-track: the projection passes the minimum before closing", () => {
    // rate = 14 / 7 = 2; projected = 10 + 2 · 12 = 34 ≥ 30 → on-track.
    // neededPerDay = ⌈(30 − 10) / 12 · 10⌉ / 10 = ⌈16.67⌉ / 10 = 1.7.
    expect(shortfallForecast(input({}))).toEqual({
      status: "on-track",
      dailyRate: 2,
      projected: 34,
      neededPerDay: 1.7,
      daysLeft: 12,
    });
  });

  it("on-track when the projection equals the minimum exactly", () => {
    // rate = 14 / 7 = 2; projected = 10 + 2 · 10 = 30 = minimum → on-track (≥, not >).
    // neededPerDay = (30 − 10) / 10 = 2 exactly → 2.
    expect(shortfallForecast(input({ daysLeft: 10 }))).toEqual({
      status: "on-track",
      dailyRate: 2,
      projected: 30,
      neededPerDay: 2,
      daysLeft: 10,
    });
  });

  it("at-risk: the projection falls short of the minimum", () => {
    // rate = 7 / 7 = 1; projected = 10 + 1 · 5 = 15 < 30 → at-risk.
    // neededPerDay = (30 − 10) / 5 = 4 exactly → 4.
    expect(shortfallForecast(input({ recentResponses: 7, daysLeft: 5 }))).toEqual({
      status: "at-risk",
      dailyRate: 1,
      projected: 15,
      neededPerDay: 4,
      daysLeft: 5,
    });
  });

  it("at-risk just below the boundary", () => {
    // rate = 2; projected = 10 + 2 · 9.99 = 29.98 < 30 → at-risk; shown floored: 29.
    // neededPerDay = ⌈20 / 9.99 · 10⌉ / 10 = ⌈20.02⌉ / 10 = 2.1.
    expect(shortfallForecast(input({ daysLeft: 9.99 }))).toMatchObject({ status: "at-risk", projected: 29, neededPerDay: 2.1 });
  });

  it("missed: the window closed (daysLeft = 0) below the minimum", () => {
    // 10 < 30 and daysLeft 0 → missed; nothing to project.
    expect(shortfallForecast(input({ daysLeft: 0 }))).toEqual({
      status: "missed",
      dailyRate: 2,
      projected: null,
      neededPerDay: null,
      daysLeft: 0,
    });
  });

  it("missed: daysLeft < 0 is reported as 0", () => {
    // −3.5 → clamped to 0 → missed.
    expect(shortfallForecast(input({ daysLeft: -3.5 }))).toEqual({
      status: "missed",
      dailyRate: 2,
      projected: null,
      neededPerDay: null,
      daysLeft: 0,
    });
  });

  it("unknown: no minimum (population not entered), whatever else holds", () => {
    // minimum null → unknown; the rate is still reported: 14 / 7 = 2.
    expect(shortfallForecast(input({ minimum: null }))).toEqual({
      status: "unknown",
      dailyRate: 2,
      projected: null,
      neededPerDay: null,
      daysLeft: 12,
    });
    // unknown comes first: closed (daysLeft −1 → 0) and 500 responses do not change it.
    expect(shortfallForecast(input({ minimum: null, responses: 500, daysLeft: -1 }))).toMatchObject({ status: "unknown", daysLeft: 0 });
  });
});

describe("shortfallForecast: rates and rounding", () => {
  it("projected is floored; neededPerDay is rounded UP to one decimal", () => {
    // rate = 5 / 2 = 2.5; projected = 10 + 2.5 · 3.3 = 18.25 → floor 18 < 30 → at-risk.
    // neededPerDay = ⌈(30 − 10) / 3.3 · 10⌉ / 10 = ⌈60.6⌉ / 10 = 6.1.
    expect(shortfallForecast(input({ recentResponses: 5, recentDays: 2, daysLeft: 3.3 }))).toEqual({
      status: "at-risk",
      dailyRate: 2.5,
      projected: 18,
      neededPerDay: 6.1,
      daysLeft: 3.3,
    });
  });

  it.each([
    // [responses, minimum, daysLeft, neededPerDay]  — ⌈(minimum − responses) / daysLeft · 10⌉ / 10
    [0, 10, 3, 3.4], //   10 / 3 = 3.333… → ⌈33.3⌉ = 34 → 3.4 (up, not to nearest 3.3)
    [0, 1, 3, 0.4], //     1 / 3 = 0.333… → ⌈3.33⌉ = 4 → 0.4
    [0, 2, 3, 0.7], //     2 / 3 = 0.666… → ⌈6.67⌉ = 7 → 0.7
    [20, 27, 10, 0.7], //  7 / 10 = 0.7 → 7 exactly → 0.7 (no float creep to 0.8)
    [0, 11, 10, 1.1], //  11 / 10 = 1.1 → 11 exactly → 1.1
    [5, 6, 20, 0.1], //    1 / 20 = 0.05 → ⌈0.5⌉ = 1 → 0.1 (any shortfall needs > 0 a day)
    [0, 400, 0.5, 800], // 400 / 0.5 = 800 → 800
    [29, 30, 0.25, 4], //  1 / 0.25 = 4 → 4
  ])("responses %i of %i with %f days left need %f a day", (responses, minimum, daysLeft, needed) => {
    expect(shortfallForecast({ responses, minimum, recentResponses: 0, recentDays: 7, daysLeft }).neededPerDay).toBe(needed);
  });

  it("zero recent responses: rate 0, the projection is the current count", () => {
    // rate = 0 / 7 = 0; projected = 10 + 0 = 10 < 30 → at-risk; needed = 20 / 12 → 1.7.
    expect(shortfallForecast(input({ recentResponses: 0 }))).toEqual({
      status: "at-risk",
      dailyRate: 0,
      projected: 10,
      neededPerDay: 1.7,
      daysLeft: 12,
    });
  });

  it("zero recent responses and nothing yet: projected 0", () => {
    // rate 0; projected = 0 + 0 · 20 = 0 < 30 → at-risk; needed = 30 / 20 = 1.5.
    expect(shortfallForecast({ responses: 0, minimum: 30, recentResponses: 0, recentDays: 3, daysLeft: 20 })).toEqual({
      status: "at-risk",
      dailyRate: 0,
      projected: 0,
      neededPerDay: 1.5,
      daysLeft: 20,
    });
  });

  it("a recent period of 0 days gives rate 0 rather than dividing by zero", () => {
    // recentDays 0 → rate 0 (guard), projected = 10 → at-risk.
    expect(shortfallForecast(input({ recentDays: 0 }))).toMatchObject({ dailyRate: 0, projected: 10, status: "at-risk" });
  });

  it("a fractional rate is kept at full precision", () => {
    // rate = 10 / 3 = 3.333… (not rounded to 3.33).
    const forecast = shortfallForecast({ responses: 0, minimum: 20, recentResponses: 10, recentDays: 3, daysLeft: 9 });
    expect(forecast.dailyRate).toBeCloseTo(10 / 3, 12);
    // projected = 0 + (10 / 3) · 9 = 30 (exactly 30 in doubles too) → projected 30 ≥ 20 → on-track; needed = 20 / 9 = 2.22… → 2.3.
    expect(forecast).toMatchObject({ status: "on-track", projected: 30, neededPerDay: 2.3 });
  });
});

describe("recentPeriodDays", () => {
  const opensAt = new Date("2025-01-01T00:00:00Z");
  const after = (ms: number) => new Date(opensAt.getTime() + ms);

  it("is RECENT_DAYS (7) once the window has been open a week or longer", () => {
    expect(RECENT_DAYS).toBe(7);
    // 40 days → min(7, 40) = 7
    expect(recentPeriodDays(opensAt, after(40 * DAY_MS))).toBe(7);
    // exactly 7 days → ⌈7⌉ = 7
    expect(recentPeriodDays(opensAt, after(7 * DAY_MS))).toBe(7);
    // 7 days + 1 ms → ⌈7.00000001⌉ = 8 → clamped to 7
    expect(recentPeriodDays(opensAt, after(7 * DAY_MS + 1))).toBe(7);
  });

  it("counts partial days since opening, rounded up", () => {
    // 2.5 days → ⌈2.5⌉ = 3
    expect(recentPeriodDays(opensAt, after(2.5 * DAY_MS))).toBe(3);
    // exactly 3 days → 3
    expect(recentPeriodDays(opensAt, after(3 * DAY_MS))).toBe(3);
    // 3 days + 1 hour → ⌈3.04⌉ = 4
    expect(recentPeriodDays(opensAt, after(3 * DAY_MS + HOUR_MS))).toBe(4);
    // 6 days + 1 ms → ⌈6.00000001⌉ = 7
    expect(recentPeriodDays(opensAt, after(6 * DAY_MS + 1))).toBe(7);
  });

  it("is at least 1 day: just opened, at the opening instant, or not yet open", () => {
    // 1 hour → ⌈0.0417⌉ = 1
    expect(recentPeriodDays(opensAt, after(HOUR_MS))).toBe(1);
    // 1 ms → 1
    expect(recentPeriodDays(opensAt, after(1))).toBe(1);
    // 0 → ⌈0⌉ = 0 → clamped to 1
    expect(recentPeriodDays(opensAt, opensAt)).toBe(1);
    // opens in 2 days: −2 → clamped to 1
    expect(recentPeriodDays(opensAt, after(-2 * DAY_MS))).toBe(1);
  });

  it("feeds the forecast: 6 responses 2.5 days after opening", () => {
    // recentDays = ⌈2.5⌉ = 3; rate = 6 / 3 = 2; projected = 6 + 2 · 10 = 26 < 30 → at-risk;
    // needed = (30 − 6) / 10 = 2.4.
    const recentDays = recentPeriodDays(opensAt, after(2.5 * DAY_MS));
    expect(shortfallForecast({ responses: 6, minimum: 30, recentResponses: 6, recentDays, daysLeft: 10 })).toEqual({
      status: "at-risk",
      dailyRate: 2,
      projected: 26,
      neededPerDay: 2.4,
      daysLeft: 10,
    });
  });
});
