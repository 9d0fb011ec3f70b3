// The fiscal-year rules: which cycle is current, how an operator's window dates are read, what a
// window change may do (decision 012), and the ruleset diff shown before an import.
import { describe, expect, it } from "vitest";
import { bangkokMidnight, currentCycle, defaultWindows, type CycleWindows } from "~/domain/collection";
import { checkWindowChange, checkWindows, formatWindowRange, parseDay, parseWindowRange, withWindows } from "~/domain/cycle-windows";
import { diffRulesets, formatRulesetDiff } from "~/domain/ruleset-diff";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import type { Ruleset } from "~/domain/ruleset";

const DAY = 86_400_000;

describe("currentCycle", () => {
  const cycle = (fiscalYear: number) => ({ fiscalYear, ...defaultWindows(fiscalYear) });
  const c2568 = cycle(2568);
  const c2569 = cycle(2569);
  const c2570 = cycle(2570);

  it("is the cycle whose windows contain now, even when a later year exists", () => {
    const now = new Date("2026-05-01T05:00:00Z"); // FY 2569's surveys (1 Mar – 31 Jul 2026)
    expect(currentCycle([c2568, c2570, c2569], now)?.fiscalYear).toBe(2569);
  });

  it("between collections it is the latest year (6 Dec 2026: 2569 closed, 2570 not yet open)", () => {
    expect(currentCycle([c2569, c2570, c2568], new Date("2026-12-06T03:00:00Z"))?.fiscalYear).toBe(2570);
  });

  it("the OIT window counts: August of 2569 is still 2569", () => {
    expect(currentCycle([c2569, c2570], new Date("2026-08-15T00:00:00Z"))?.fiscalYear).toBe(2569);
    // …until 00:00 Bangkok on 1 September (the OIT closes, half-open).
    expect(currentCycle([c2569, c2570], bangkokMidnight(2026, 9, 1))?.fiscalYear).toBe(2570);
    expect(currentCycle([c2569, c2570], new Date(bangkokMidnight(2026, 9, 1).getTime() - 1))?.fiscalYear).toBe(2569);
  });

  it("two cycles open at once: the later year; no cycle: null", () => {
    const now = new Date("2026-05-01T05:00:00Z");
    const stretched = { ...c2568, oitClosesAt: new Date(now.getTime() + DAY) };
    expect(currentCycle([stretched, c2569], now)?.fiscalYear).toBe(2569);
    expect(currentCycle([], now)).toBeNull();
  });
});

describe("window dates", () => {
  it("reads real days only", () => {
    expect(parseDay("2027-03-01")).toEqual({ year: 2027, month: 3, day: 1 });
    expect(parseDay("2027-02-29")).toBeNull(); // 2027 is not a leap year
    expect(parseDay("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDay("2027-04-31")).toBeNull();
    expect(parseDay("27-04-01")).toBeNull();
    expect(parseDay("2027-4-1")).toBeNull();
  });

  it("OPEN is 00:00 Bangkok of its day, CLOSE the end of its day (00:00 Bangkok the next day)", () => {
    const parsed = parseWindowRange("2027-03-01..2027-07-31");
    expect(parsed).toEqual({ ok: true, window: { opensAt: new Date("2027-02-28T17:00:00Z"), closesAt: new Date("2027-07-31T17:00:00Z") } });
    // The same as the default windows of FY 2570, and printed back as typed.
    const defaults = defaultWindows(2570);
    expect(parsed.ok && parsed.window).toEqual({ opensAt: defaults.iitOpensAt, closesAt: defaults.iitClosesAt });
    expect(formatWindowRange({ opensAt: defaults.oitOpensAt, closesAt: defaults.oitClosesAt })).toBe("2027-03-01..2027-08-31");
  });

  it("a one-day window is fine; close before open, bad dates and bad shapes are not", () => {
    const one = parseWindowRange("2027-03-01..2027-03-01");
    expect(one.ok && one.window.closesAt.getTime() - one.window.opensAt.getTime()).toBe(DAY);
    expect(parseWindowRange("2027-03-02..2027-03-01")).toEqual({ ok: false, problem: "close-before-open" });
    expect(parseWindowRange("2027-02-30..2027-03-01")).toEqual({ ok: false, problem: "date" });
    expect(parseWindowRange("2027-03-01")).toEqual({ ok: false, problem: "format" });
    expect(parseWindowRange("2027-03-01..2027-03-05..2027-03-09")).toEqual({ ok: false, problem: "format" });
  });
});

describe("window rules", () => {
  const windows: CycleWindows = defaultWindows(2570);

  it("the default windows pass", () => {
    expect(checkWindows(windows)).toEqual([]);
  });

  it("refuses an OIT window that ends before a survey window, and a window closing before it opens", () => {
    expect(checkWindows({ ...windows, oitClosesAt: new Date(windows.eitClosesAt.getTime() - DAY) })).toEqual([
      { code: "oit-ends-before-surveys", window: "oit" },
    ]);
    expect(checkWindows({ ...windows, iitClosesAt: windows.iitOpensAt })).toContainEqual({ code: "close-before-open", window: "iit" });
  });

  it("decision 012: a closed window may move earlier, never later; an open one may move either way", () => {
    const stored = defaultWindows(2569); // surveys closed at 00:00 Bangkok, 1 Aug 2026
    const now = new Date("2026-12-06T03:00:00Z");
    const later = withWindows(stored, { eit: { opensAt: stored.eitOpensAt, closesAt: new Date(now.getTime() + 10 * DAY) } });
    expect(checkWindowChange(stored, later, now)).toContainEqual({ code: "closed-window-moved-later", window: "eit" });
    const earlier = withWindows(stored, { eit: { opensAt: stored.eitOpensAt, closesAt: new Date(stored.eitClosesAt.getTime() - DAY) } });
    expect(checkWindowChange(stored, earlier, now)).toEqual([]);
    // While it is still open (May 2026), moving the close later is allowed.
    expect(
      checkWindowChange(
        stored,
        withWindows(stored, { eit: { opensAt: stored.eitOpensAt, closesAt: new Date(stored.eitClosesAt.getTime() + DAY) } }),
        new Date("2026-05-01T00:00:00Z"),
      ),
    ).toEqual([]);
  });
});

describe("ruleset diff", () => {
  const copy = (): Ruleset => structuredClone(ita2568);

  it("no change: one line saying so", () => {
    expect(diffRulesets(ita2568, copy())).toEqual([]);
    expect(formatRulesetDiff([])).toHaveLength(1);
  });

  it("names changed wording (items and sub-items), option labels and points, added and removed items", () => {
    const after = copy();
    const item = after.items[0];
    const oldWording = item.wording.th;
    item.wording = { ...item.wording, th: "ข้อความใหม่" };
    const withSub = after.items.find((candidate) => candidate.subItems?.length)!;
    withSub.subItems![0].wording = { ...withSub.subItems![0].wording, en: "New sub wording" };
    after.optionSets[0].options[1] = { label: { th: "น้อยมาก", en: "Little" }, points: 30 };
    const removed = after.items.pop()!;
    after.items.push({ ...removed, code: "NEW1" });
    after.meta.rulesVersion = "2570-test";

    const changes = diffRulesets(ita2568, after);
    expect(changes).toContainEqual({ kind: "meta", field: "rulesVersion", before: ita2568.meta.rulesVersion, after: "2570-test" });
    expect(changes).toContainEqual({ kind: "item-wording", code: item.code, lang: "th", before: oldWording, after: "ข้อความใหม่" });
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: "item-wording", code: `${withSub.code}.${withSub.subItems![0].code}`, lang: "en", after: "New sub wording" }),
    );
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: "option-label", optionSet: after.optionSets[0].code, index: 1, lang: "th", after: "น้อยมาก" }),
    );
    expect(changes).toContainEqual(expect.objectContaining({ kind: "option-points", optionSet: after.optionSets[0].code, index: 1, after: 30 }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: "item-added", code: "NEW1" }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: "item-removed", code: removed.code }));
    const text = formatRulesetDiff(changes).join("\n");
    expect(text).toContain(`~ ${item.code} (th):\n  - ${oldWording}\n  + ข้อความใหม่`);
    expect(text).toContain(`- ${removed.code}:`);
  });
});

describe("year on year", () => {
  it("a change only between two shown figures; unknown parts and indicators have no previous figure", async () => {
    const { compareYears, figureChange } = await import("~/domain/year-on-year");
    expect(figureChange(88.5, 80.25)).toBe(8.25);
    expect(figureChange(null, 80)).toBeNull();
    expect(figureChange(80, null)).toBeNull();
    const changes = compareYears(
      [
        { code: "iit", score: 90, indicators: { "1": 92.5, "2": null, "9": 70 } },
        { code: "eit1", score: null, indicators: { "6": null } },
      ],
      [{ code: "iit", score: 85.55, indicators: { "1": 90, "2": 88 } }],
    );
    expect(changes[0]).toEqual({
      code: "iit",
      previous: 85.55,
      change: 4.45,
      indicators: { "1": { previous: 90, change: 2.5 }, "2": { previous: 88, change: null }, "9": { previous: null, change: null } },
    });
    expect(changes[1]).toEqual({ code: "eit1", previous: null, change: null, indicators: { "6": { previous: null, change: null } } });
  });
});
