// ITA 2568 scoring: item → indicator (OIT: → sub-indicator → indicator) → part → weighted total
// (0.30·IIT + 0.15·EIT-1 + 0.15·EIT-2 + 0.40·OIT) → rating band on the published 2-decimal figures.
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../prisma/factories";
import { parseRuleset } from "../../../app/domain/ruleset";
import { ita2568, ita2568Definition } from "../../../app/domain/rulesets/ita-2568";
import { indicatorScore, ratingBand, roundHalfUp2, scoreAssessment, type AssessmentInput } from "../../../app/domain/scoring";

const codes = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
const scores = (prefix: string, values: number[]) => Object.fromEntries(values.map((v, i) => [`${prefix}${i + 1}`, v]));
const uniform = (prefix: string, count: number, value: number) => Object.fromEntries(codes(prefix, count).map((c) => [c, value]));

// The full hand-computed example (also test/fixtures/score/full-example.json):
// IIT items   i1–i3: 90 95 100 → ind 1 = 95      i4–i6: 80 90 100 → ind 2 = 90
//             i7–i9: 85 90 95  → ind 3 = 90      i10–i12: 100 100 100 → ind 4 = 100
//             i13–i15: 70 80 90 → ind 5 = 80     IIT = (95+90+90+100+80)/5 = 455/5 = 91
// EIT-1       e1–e3: 90 90 90 → 90; e4–e6: 80 85 90 → 85; e7–e9: 100 95 90 → 95; EIT-1 = 270/3 = 90
// EIT-2       e1–e3: 100 90 80 → 90; e4–e6: 95 90 100 → 95; e7–e9: 92 93 94 → 93;
//             EIT-2 = 278/3 = 92.6666… → published 92.67
// OIT         all 100 except o4 = 0 and o27 = 0:
//             9.1 = (100+100+100+0)/4 = 75; 9.2–9.5 = 100 → ind 9 = (75+100·4)/5 = 95
//             10.1 = 100; 10.2 = (100+100+0+100)/4 = 75 → ind 10 = 87.5; OIT = (95+87.5)/2 = 91.25
// Total       0.30·91 + 0.15·90 + 0.15·(278/3) + 0.40·91.25 = 27.3 + 13.5 + 13.9 + 36.5 = 91.20
// Rating      total ≥ 85, every part ≥ 85 (91, 90, 92.67, 91.25) but not all ≥ 95 → pass-good
function fullExample(): AssessmentInput {
  const oit = uniform("o", 28, 100);
  oit.o4 = 0;
  oit.o27 = 0;
  return {
    iit: { items: scores("i", [90, 95, 100, 80, 90, 100, 85, 90, 95, 100, 100, 100, 70, 80, 90]), respondents: 40, minimumSample: 30 },
    eit1: { items: scores("e", [90, 90, 90, 80, 85, 90, 100, 95, 90]), respondents: 250, population: 1000 },
    eit2: { items: scores("e", [100, 90, 80, 95, 90, 100, 92, 93, 94]), respondents: 40 },
    oit: { items: oit },
  };
}

/** Every part present and processed, each part's items all equal to its value. */
function flatInput(values: { iit: number; eit1: number; eit2: number; oit: number }): AssessmentInput {
  return {
    iit: { items: uniform("i", 15, values.iit) },
    eit1: { items: uniform("e", 9, values.eit1) },
    eit2: { items: uniform("e", 9, values.eit2) },
    oit: { items: uniform("o", 28, values.oit) },
  };
}

describe("roundHalfUp2", () => {
  it.each([
    [84.995, 85], // a double holds 84.99499999999999744…; the published figure is 85.00
    [84.994999, 84.99],
    [84.9949, 84.99],
    [1.005, 1.01], // 1.00499999999999989…
    [2.675, 2.68],
    [64.085, 64.09], // Math.round(64.085 · 100) / 100 gives 64.08
    [64.115, 64.12], // … and 64.11
    [0.125, 0.13],
    [92.66666666666667, 92.67],
    [91.25, 91.25],
    [69.994, 69.99],
    [69.995, 70],
    [99.999, 100],
    [100, 100],
    [0, 0],
    [0.004, 0],
    [0.005, 0.01],
    [-1.005, -1.01],
  ])("%d → %d", (x, expected) => {
    expect(roundHalfUp2(x)).toBe(expected);
  });

  it("rounds float noise from arithmetic the way the decimals read", () => {
    // 0.1 + 0.2 = 0.30000000000000004; (84.99 + 85) / 2 = 84.995 in decimals.
    expect(roundHalfUp2(0.1 + 0.2)).toBe(0.3);
    expect(roundHalfUp2((84.99 + 85) / 2)).toBe(85);
    expect(roundHalfUp2(0.15 * (278 / 3))).toBe(13.9);
  });

  it("always returns 2 decimals at most", () => {
    for (let i = 0; i < 500; i++) {
      const x = (i * 7.123456) % 100;
      const rounded = roundHalfUp2(x);
      expect(Number.isInteger(Math.round(rounded * 100))).toBe(true);
      expect(rounded.toString()).toMatch(/^\d+(\.\d{1,2})?$/);
      expect(Math.abs(rounded - x)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it("takes the fast path only where it agrees with the 15-significant-digit rule", () => {
    // The reference: round the decimal form, as the published rule reads (no fast path).
    const byDecimals = (x: number) => {
      const [whole, fraction = ""] = x.toPrecision(15).split(".");
      const digits = fraction.padEnd(3, "0");
      let cents = BigInt(whole) * 100n + BigInt(digits.slice(0, 2));
      if (digits.charCodeAt(2) >= 53) cents += 1n;
      return Number(cents) / 100;
    };
    const random = seededRandom(2568);
    const samples: number[] = [];
    for (let i = 0; i < 200_000; i++) samples.push(random() * 100, Math.round(random() * 100_000) / 1000, Math.round(random() * 20_000) / 200 + 0.005);
    for (let n = 1; n <= 500; n++) for (let d = 1; d <= 12; d++) samples.push(n / d, (n * 100) / (d * 3), n / 200);
    const disagreements = samples.filter((x) => x >= 1e-6 && roundHalfUp2(x) !== byDecimals(x));
    expect(disagreements).toEqual([]);
  });

  it("rejects NaN and infinities", () => {
    expect(() => roundHalfUp2(Number.NaN)).toThrow(RangeError);
    expect(() => roundHalfUp2(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("ratingBand", () => {
  const parts = (value: number | null) => ({ iit: value, eit1: value, eit2: value, oit: value });
  const band = (total: number, partScores: Record<string, number | null>) => ratingBand(total, partScores, ita2568).code;

  it("total exactly 85.00 passes; the band depends on the parts", () => {
    expect(band(85, parts(95))).toBe("pass-excellent"); // every part exactly 95
    expect(band(85, parts(85))).toBe("pass-good"); // every part exactly 85
    expect(band(85, { ...parts(95), oit: 84.99 })).toBe("pass"); // one part below 85
    expect(band(85, { ...parts(96), eit2: 94.99 })).toBe("pass-good"); // all ≥ 85, one < 95
  });

  it("classifies on the published 2-decimal figures", () => {
    expect(band(84.995, parts(90))).toBe("pass-good"); // 84.995 → 85.00
    expect(band(84.99, parts(90))).toBe("needs-improvement");
    expect(band(84.994999, parts(90))).toBe("needs-improvement"); // → 84.99
    expect(band(90, parts(94.995))).toBe("pass-excellent"); // parts → 95.00
    expect(band(90, parts(94.994))).toBe("pass-good"); // parts → 94.99
    expect(band(90, parts(84.995))).toBe("pass-good"); // parts → 85.00
  });

  it("70.00 needs improvement, 69.99 needs urgent improvement", () => {
    expect(band(70, parts(70))).toBe("needs-improvement");
    expect(band(69.995, parts(70))).toBe("needs-improvement"); // → 70.00
    expect(band(69.99, parts(70))).toBe("needs-urgent-improvement");
    expect(band(0, parts(null))).toBe("needs-urgent-improvement");
  });

  it("a part not processed fails the per-part conditions", () => {
    expect(band(90, { ...parts(100), eit2: null })).toBe("pass");
    expect(band(90, { iit: 100, eit1: 100, oit: 100 })).toBe("pass"); // eit2 absent
  });

  it("returns the Thai and English label", () => {
    expect(ratingBand(85, parts(85), ita2568)).toEqual({ code: "pass-good", th: "ผ่านดี", en: "Pass — good" });
    expect(ratingBand(50, parts(50), ita2568)).toEqual({
      code: "needs-urgent-improvement",
      th: "ต้องปรับปรุงโดยด่วน",
      en: "Needs urgent improvement",
    });
  });
});

describe("indicatorScore", () => {
  it("is the mean of its items, or null when one is missing", () => {
    expect(indicatorScore([90, 95, 100])).toBe(95);
    expect(indicatorScore([90, null, 100])).toBeNull();
  });
});

describe("scoreAssessment: the full hand-computed example", () => {
  const result = scoreAssessment(fullExample(), ita2568);

  it("publishes every score to 2 decimals", () => {
    expect(result.fiscalYear).toBe(2568);
    expect(result.rulesVersion).toBe("2568.1-provisional");
    expect(result.parts.iit.indicators).toEqual({ "1": 95, "2": 90, "3": 90, "4": 100, "5": 80 });
    expect(result.parts.iit.score).toBe(91);
    expect(result.parts.eit1.indicators).toEqual({ "6": 90, "7": 85, "8": 95 });
    expect(result.parts.eit1.score).toBe(90);
    expect(result.parts.eit2.indicators).toEqual({ "6": 90, "7": 95, "8": 93 });
    expect(result.parts.eit2.score).toBe(92.67);
    expect(result.parts.oit.subIndicators).toEqual({ "9.1": 75, "9.2": 100, "9.3": 100, "9.4": 100, "9.5": 100, "10.1": 100, "10.2": 75 });
    expect(result.parts.oit.indicators).toEqual({ "9": 95, "10": 87.5 });
    expect(result.parts.oit.score).toBe(91.25);
    expect(result.total).toBe(91.2);
    expect(result.rating).toEqual({ code: "pass-good", th: "ผ่านดี", en: "Pass — good" });
  });

  it("reports samples: IIT given, EIT-1 from N = 1,000 (→ 200), EIT-2 from EIT-1's minimum (→ 40)", () => {
    expect(result.parts.iit).toMatchObject({ minimumSample: 30, respondents: 40, processed: true, reason: null });
    expect(result.parts.eit1).toMatchObject({ minimumSample: 200, respondents: 250, processed: true, reason: null });
    expect(result.parts.eit2).toMatchObject({ minimumSample: 40, respondents: 40, processed: true, reason: null });
    expect(result.parts.oit).toMatchObject({ processed: true, reason: null });
    expect(Object.values(result.parts).map((part) => part.weight)).toEqual([30, 15, 15, 40]);
  });

  it("OIT by sub-indicators gives the same result as by items", () => {
    const input = fullExample();
    input.oit = { subIndicators: { "9.1": 75, "9.2": 100, "9.3": 100, "9.4": 100, "9.5": 100, "10.1": 100, "10.2": 75 } };
    const bySub = scoreAssessment(input, ita2568);
    expect(bySub.parts.oit.indicators).toEqual({ "9": 95, "10": 87.5 });
    expect(bySub.parts.oit.score).toBe(91.25);
    expect(bySub.total).toBe(91.2);
  });

  it("EIT-2 one respondent short of its derived minimum: not processed, scores 0 in the total", () => {
    const input = fullExample();
    input.eit2!.respondents = 39;
    const short = scoreAssessment(input, ita2568);
    expect(short.parts.eit2.processed).toBe(false);
    expect(short.parts.eit2.score).toBe(92.67); // still shown
    expect(short.parts.eit2.reason).toMatchObject({ code: "below-minimum", en: "39 of 40 respondents: below the minimum sample" });
    expect(short.parts.eit2.reason?.th).toContain("39 จากขั้นต่ำ 40");
    // 27.3 + 13.5 + 0 + 36.5 = 77.30 → needs improvement
    expect(short.total).toBe(77.3);
    expect(short.rating.code).toBe("needs-improvement");
  });
});

describe("scoreAssessment: precision and bands", () => {
  it("keeps full precision inside: the total comes from unrounded part scores", () => {
    // Only OIT, every item 50.0125: OIT = 50.0125 (published 50.01).
    // Total = 0.40 · 50.0125 = 20.005 → 20.01; from the published part it would be 0.40 · 50.01 = 20.004 → 20.00.
    const result = scoreAssessment({ oit: { items: uniform("o", 28, 50.0125) } }, ita2568);
    expect(result.parts.oit.score).toBe(50.01);
    expect(result.total).toBe(20.01);
  });

  it("all parts 84.995: published 85.00 everywhere → pass-good", () => {
    const result = scoreAssessment(flatInput({ iit: 84.995, eit1: 84.995, eit2: 84.995, oit: 84.995 }), ita2568);
    expect(Object.values(result.parts).map((p) => p.score)).toEqual([85, 85, 85, 85]);
    expect(result.total).toBe(85);
    expect(result.rating.code).toBe("pass-good");
  });

  it("all parts 84.994: published 84.99 → needs-improvement", () => {
    const result = scoreAssessment(flatInput({ iit: 84.994, eit1: 84.994, eit2: 84.994, oit: 84.994 }), ita2568);
    expect(result.total).toBe(84.99);
    expect(result.rating.code).toBe("needs-improvement");
  });

  it("every part 95 → pass-excellent; one part at 94.995 still publishes 95.00", () => {
    expect(scoreAssessment(flatInput({ iit: 95, eit1: 95, eit2: 95, oit: 95 }), ita2568).rating.code).toBe("pass-excellent");
    expect(scoreAssessment(flatInput({ iit: 100, eit1: 94.995, eit2: 100, oit: 100 }), ita2568).rating.code).toBe("pass-excellent");
    expect(scoreAssessment(flatInput({ iit: 100, eit1: 94.99, eit2: 100, oit: 100 }), ita2568).rating.code).toBe("pass-good");
  });

  it("a part below 85 caps the band at pass", () => {
    // 0.30·100 + 0.15·100 + 0.15·100 + 0.40·80 = 30 + 15 + 15 + 32 = 92
    const result = scoreAssessment(flatInput({ iit: 100, eit1: 100, eit2: 100, oit: 80 }), ita2568);
    expect(result.total).toBe(92);
    expect(result.rating.code).toBe("pass");
  });

  it("70 and 69.99 overall", () => {
    expect(scoreAssessment(flatInput({ iit: 70, eit1: 70, eit2: 70, oit: 70 }), ita2568).rating.code).toBe("needs-improvement");
    expect(scoreAssessment(flatInput({ iit: 69.99, eit1: 69.99, eit2: 69.99, oit: 69.99 }), ita2568).rating.code).toBe("needs-urgent-improvement");
  });
});

describe("scoreAssessment: not processed, and why", () => {
  it("an agency that did not register has nothing processed", () => {
    const result = scoreAssessment({ ...fullExample(), registered: false }, ita2568);
    for (const part of Object.values(result.parts)) {
      expect(part.processed).toBe(false);
      expect(part.reason?.code).toBe("not-registered");
    }
    expect(result.parts.iit.score).toBe(91); // computed, shown, not counted
    expect(result.total).toBe(0);
    expect(result.rating.code).toBe("needs-urgent-improvement");
  });

  it("an absent part is missing and counts 0; a not-processed part fails the part conditions", () => {
    const input = flatInput({ iit: 100, eit1: 100, eit2: 100, oit: 100 });
    delete input.eit2;
    const result = scoreAssessment(input, ita2568);
    expect(result.parts.eit2).toMatchObject({ score: null, processed: false, indicators: { "6": null, "7": null, "8": null } });
    expect(result.parts.eit2.reason).toMatchObject({ code: "missing", th: "ไม่มีข้อมูลส่วนนี้", en: "No data for this part" });
    // 30 + 15 + 0 + 40 = 85.00, every present part 100 but EIT-2 not processed → pass (not excellent)
    expect(result.total).toBe(85);
    expect(result.rating.code).toBe("pass");
  });

  it("no population entered (null or 0): IIT / EIT-1 not processed", () => {
    const input = fullExample();
    input.iit = { ...input.iit!, minimumSample: undefined, population: null };
    input.eit1 = { ...input.eit1!, population: 0 };
    const result = scoreAssessment(input, ita2568);
    expect(result.parts.iit).toMatchObject({ processed: false, minimumSample: null, reason: { code: "population-missing" } });
    expect(result.parts.eit1).toMatchObject({ processed: false, minimumSample: null, reason: { code: "population-missing" } });
    // EIT-2's minimum cannot come from EIT-1 now, and none is given: checked on completeness only.
    expect(result.parts.eit2).toMatchObject({ processed: true, minimumSample: null });
  });

  it("fewer IIT respondents than the minimum from N: not processed, '29 of 30'", () => {
    const input = fullExample();
    input.iit = { ...input.iit!, minimumSample: undefined, population: 149, respondents: 29 };
    const result = scoreAssessment(input, ita2568);
    expect(result.parts.iit).toMatchObject({ processed: false, minimumSample: 30, respondents: 29 });
    expect(result.parts.iit.reason?.code).toBe("below-minimum");
    expect(result.parts.iit.reason?.en).toContain("29 of 30");
    input.iit.respondents = 30;
    expect(scoreAssessment(input, ita2568).parts.iit.processed).toBe(true);
  });

  it("missing items: incomplete, listing the codes; computable indicators still shown", () => {
    const input = fullExample();
    delete input.iit!.items.i7;
    input.iit!.items.i9 = null; // e.g. an item mean with no responses yet
    const result = scoreAssessment(input, ita2568);
    expect(result.parts.iit).toMatchObject({ processed: false, score: null });
    expect(result.parts.iit.indicators).toEqual({ "1": 95, "2": 90, "3": null, "4": 100, "5": 80 });
    expect(result.parts.iit.reason).toMatchObject({ code: "incomplete", missing: ["i7", "i9"] });
    expect(result.parts.iit.reason?.en).toBe("No score yet for i7, i9");
    // 0 + 13.5 + 13.9 + 36.5 = 63.90
    expect(result.total).toBe(63.9);
  });

  it("an incomplete OIT lists its missing items; OIT by sub-indicators lists missing sub-indicators", () => {
    const input = fullExample();
    delete input.oit!.items!.o28;
    expect(scoreAssessment(input, ita2568).parts.oit.reason).toMatchObject({ code: "incomplete", missing: ["o28"] });
    const bySub = scoreAssessment({ ...input, oit: { subIndicators: { "9.1": 100 } } }, ita2568).parts.oit;
    expect(bySub.reason?.missing).toEqual(["9.2", "9.3", "9.4", "9.5", "10.1", "10.2"]);
    expect(bySub.subIndicators["9.1"]).toBe(100);
  });

  it("respondents or minimum unknown: processed when every item is scored", () => {
    const result = scoreAssessment(flatInput({ iit: 90, eit1: 90, eit2: 90, oit: 90 }), ita2568);
    expect(Object.values(result.parts).every((part) => part.processed)).toBe(true);
    expect(result.parts.iit).toMatchObject({ minimumSample: null, respondents: null });
  });

  it("a declared reason (e.g. OIT not answered as required) is kept", () => {
    const input = fullExample();
    input.oit!.notProcessedReason = "not answered as required";
    const oit = scoreAssessment(input, ita2568).parts.oit;
    expect(oit).toMatchObject({ processed: false, score: 91.25 });
    expect(oit.reason).toMatchObject({ code: "declared", detail: "not answered as required" });
  });
});

describe("scoreAssessment: EIT-2 minimum", () => {
  const eit = (respondents: number) => ({ items: uniform("e", 9, 90), respondents });

  it("derives from EIT-1's population: N = 1,000 → EIT-1 200 → EIT-2 40", () => {
    const result = scoreAssessment({ eit1: { ...eit(200), population: 1000 }, eit2: eit(40) }, ita2568);
    expect(result.parts.eit1.minimumSample).toBe(200);
    expect(result.parts.eit2).toMatchObject({ minimumSample: 40, processed: true });
  });

  it("derives from a small EIT-1: N = 100 → EIT-1 30 → EIT-2 20; N = 3,000 → 400 → 80", () => {
    expect(scoreAssessment({ eit1: { ...eit(30), population: 100 }, eit2: eit(19) }, ita2568).parts.eit2).toMatchObject({
      minimumSample: 20,
      processed: false,
      reason: { code: "below-minimum" },
    });
    expect(scoreAssessment({ eit1: { ...eit(400), population: 3000 }, eit2: eit(80) }, ita2568).parts.eit2).toMatchObject({
      minimumSample: 80,
      processed: true,
    });
  });

  it("a population given with EIT-2 is read as the external N when EIT-1's minimum is unknown", () => {
    const result = scoreAssessment({ eit2: { ...eit(40), population: 1000 } }, ita2568);
    expect(result.parts.eit2.minimumSample).toBe(40); // 1,000 → 200 → 40
  });

  it("an explicit EIT-2 minimum wins", () => {
    const result = scoreAssessment({ eit1: { ...eit(200), population: 1000 }, eit2: { ...eit(25), minimumSample: 25 } }, ita2568);
    expect(result.parts.eit2).toMatchObject({ minimumSample: 25, processed: true });
  });

  it("a cycle with a fixed EIT-1 minimum per group uses it (and EIT-2 follows)", () => {
    const definition = structuredClone(ita2568Definition);
    definition.sampling.fixedEit1MinimumByGroup = { "local_subdistrict-M": 70 } as typeof definition.sampling.fixedEit1MinimumByGroup;
    const parsed = parseRuleset(definition);
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    const result = scoreAssessment({ group: "local_subdistrict-M", eit1: { ...eit(70), population: null }, eit2: eit(20) }, parsed.ruleset);
    // Fixed 70 (no N needed); EIT-2 = max(20, ⌈20 % · 70⌉ = 14) = 20
    expect(result.parts.eit1).toMatchObject({ minimumSample: 70, processed: true });
    expect(result.parts.eit2).toMatchObject({ minimumSample: 20, processed: true });
  });
});

describe("scoreAssessment rejects malformed input", () => {
  it("unknown codes, scores outside 0–100, OIT given both ways, negative counts", () => {
    expect(() => scoreAssessment({ iit: { items: { i99: 50 } } }, ita2568)).toThrow(/iit\.items\.i99: unknown code/);
    expect(() => scoreAssessment({ iit: { items: { i1: 101 } } }, ita2568)).toThrow(RangeError);
    expect(() => scoreAssessment({ oit: { items: {}, subIndicators: {} } }, ita2568)).toThrow(/not both/);
    expect(() => scoreAssessment({ iit: { items: uniform("i", 15, 90), respondents: -1 } }, ita2568)).toThrow(RangeError);
    expect(() => scoreAssessment({ iit: { items: uniform("i", 15, 90), population: 1.5 } }, ita2568)).toThrow(RangeError);
  });
});
