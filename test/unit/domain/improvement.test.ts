// The improvement-plan report (issue 7): per-indicator analysis against hand-computed figures,
// EIT-1/EIT-2 combined by part weight, the methodology text from the rules, Thai digits, and the
// editor's form read into plan content.
import { describe, expect, it } from "vitest";
import { analyseIndicators, methodology, reportScores } from "~/domain/improvement";
import { PASS_MARK } from "~/domain/scoring";
import { instrumentItems, parseRuleset, type Ruleset } from "~/domain/ruleset";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { suggestedMeasures } from "~/domain/rulesets/measures-2568";
import { scoreAssessment, type AssessmentInput } from "~/domain/scoring";
import { emptyPlan, planFromForm, PlanContentSchema } from "~/utils/plan-schema";
import { withDigits } from "~/utils/thai-digits";

const INDICATORS = ita2568.indicators.map((indicator) => indicator.code);
const wording = (code: string) => ita2568.items.find((item) => item.code === code)!.wording;
const itemCodes = (instrument: "iit" | "eit" | "oit") => instrumentItems(ita2568, instrument).map((item) => item.code);
const uniform = (codes: string[], value: number) => Object.fromEntries(codes.map((code) => [code, value]));

/** Scores where every item and indicator is 100, then the given overrides. */
function allHundred(overrides: { indicators?: Record<string, number | null>; items?: Record<string, number | null> } = {}) {
  return {
    indicators: { ...uniform(INDICATORS, 100), ...overrides.indicators },
    items: { ...uniform([...itemCodes("iit"), ...itemCodes("eit"), ...itemCodes("oit")], 100), ...overrides.items },
  };
}

const byCode = (analyses: ReturnType<typeof analyseIndicators>, code: string) => analyses.find((analysis) => analysis.code === code)!;

describe("analyseIndicators", () => {
  // Indicator 1 (การปฏิบัติหน้าที่): i1 = 100, i2 = 70, i3 = 90 → (100 + 70 + 90) / 3 = 86.666… → 86.67.
  const indicator1 = () => allHundred({ items: { i1: 100, i2: 70, i3: 90 }, indicators: { "1": (100 + 70 + 90) / 3 } });

  it("one analysis per indicator of the ruleset, in order, with name and instrument", () => {
    const analyses = analyseIndicators(ita2568, allHundred());
    expect(analyses.map((analysis) => analysis.code)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(analyses.map((analysis) => analysis.instrument)).toEqual(["iit", "iit", "iit", "iit", "iit", "eit", "eit", "eit", "oit", "oit"]);
    expect(byCode(analyses, "1").name.th).toBe("การปฏิบัติหน้าที่");
    expect(PASS_MARK).toBe(85);
  });

  it("threshold 85 (default): indicator 1 = 86.67 passes, weak items [i2 70.00] with the Thai wording", () => {
    const analysis = byCode(analyseIndicators(ita2568, indicator1()), "1");
    expect(analysis.score).toBe(86.67);
    expect(analysis.passed).toBe(true);
    expect(analysis.strong).toBe(false);
    expect(analysis.weakItems).toEqual([{ code: "i2", wording: wording("i2"), score: 70 }]);
    expect(analysis.text.th).toBe("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ ได้คะแนน 86.67 คะแนน ผ่านเกณฑ์ ประเด็นที่ควรพัฒนา (ต่ำกว่า 85 คะแนน) มี 1 ข้อ ได้แก่ ข้อ i2 (70.00)");
    expect(analysis.text.en).toContain("86.67, passing");
    expect(analysis.text.en).toContain("i2 (70.00)");
    expect(analysis.text.th).not.toContain("รักษามาตรฐาน");
  });

  it("threshold 95: [i2 70, i3 90], weakest first; the text names both with 2 decimals", () => {
    const analysis = byCode(analyseIndicators(ita2568, indicator1(), 95), "1");
    expect(analysis.weakItems.map((item) => [item.code, item.score])).toEqual([
      ["i2", 70],
      ["i3", 90],
    ]);
    expect(analysis.weakItems[1].wording.th).toBe(wording("i3").th);
    expect(analysis.passed).toBe(true); // pass/fail stays at 85 whatever the threshold
    expect(analysis.text.th).toContain("(ต่ำกว่า 95 คะแนน) มี 2 ข้อ ได้แก่ ข้อ i2 (70.00), ข้อ i3 (90.00)");
  });

  it("threshold 60: no item of indicator 1 below → strong, the maintain-the-standard text", () => {
    const analysis = byCode(analyseIndicators(ita2568, indicator1(), 60), "1");
    expect(analysis.weakItems).toEqual([]);
    expect(analysis.strong).toBe(true);
    expect(analysis.text.th).toContain("ไม่มีข้อใดต่ำกว่า 60 คะแนน");
    expect(analysis.text.th).toContain("รักษามาตรฐาน");
  });

  it("a strong indicator (all items ≥ 85, indicator ≥ 85) keeps the standard; ties and exactly 85 are not weak", () => {
    // Indicator 2: i4 = 85, i5 = 90, i6 = 100 → 275 / 3 = 91.666… → 91.67.
    const analyses = analyseIndicators(ita2568, allHundred({ items: { i4: 85, i5: 90, i6: 100 }, indicators: { "2": 275 / 3 } }));
    const analysis = byCode(analyses, "2");
    expect(analysis).toMatchObject({ score: 91.67, passed: true, strong: true, weakItems: [] });
    expect(analysis.text.th).toBe(
      "ตัวชี้วัดที่ 2 การใช้งบประมาณ ได้คะแนน 91.67 คะแนน ผ่านเกณฑ์ และไม่มีข้อใดต่ำกว่า 85 คะแนน หน่วยงานควรรักษามาตรฐานการดำเนินงานในเรื่องนี้ไว้อย่างต่อเนื่อง",
    );
    expect(analysis.text.en).toContain("maintain this standard");
    // Every other indicator is 100 throughout: all strong.
    expect(analyses.filter((a) => a.strong).map((a) => a.code)).toEqual(INDICATORS);
  });

  it("scores are compared as published (half up to 2 decimals): 84.995 is 85.00, 84.994 is 84.99", () => {
    const analyses = analyseIndicators(ita2568, allHundred({ items: { i7: 84.995, i8: 84.994, i9: 100 }, indicators: { "3": 84.995 } }));
    const analysis = byCode(analyses, "3");
    expect(analysis.score).toBe(85);
    expect(analysis.passed).toBe(true);
    expect(analysis.weakItems).toEqual([{ code: "i8", wording: wording("i8"), score: 84.99 }]);
  });

  it("a failing indicator lists every item below the threshold, weakest first, and says it is below 85", () => {
    // Indicator 3: i7 = 33.33, i8 = 66.67, i9 = 80 → 180 / 3 = 60.
    const analysis = byCode(analyseIndicators(ita2568, allHundred({ items: { i7: 33.33, i8: 66.67, i9: 80 }, indicators: { "3": 60 } })), "3");
    expect(analysis.score).toBe(60);
    expect(analysis.passed).toBe(false);
    expect(analysis.strong).toBe(false);
    expect(analysis.weakItems.map((item) => [item.code, item.score])).toEqual([
      ["i7", 33.33],
      ["i8", 66.67],
      ["i9", 80],
    ]);
    expect(analysis.text.th).toBe(
      "ตัวชี้วัดที่ 3 การใช้อำนาจ ได้คะแนน 60.00 คะแนน ต่ำกว่าเกณฑ์ 85 คะแนน ประเด็นที่ควรพัฒนา (ต่ำกว่า 85 คะแนน) มี 3 ข้อ ได้แก่ ข้อ i7 (33.33), ข้อ i8 (66.67), ข้อ i9 (80.00)",
    );
    expect(analysis.text.en).toContain("below the pass mark of 85");
  });

  it("equal scores are ordered by code, numerically (i10 before i12, o4 before o27)", () => {
    const analyses = analyseIndicators(ita2568, allHundred({ items: { i12: 50, i10: 50, i11: 50 }, indicators: { "4": 50 } }));
    expect(byCode(analyses, "4").weakItems.map((item) => item.code)).toEqual(["i10", "i11", "i12"]);
  });

  it("a failing indicator with no item below a low threshold: the below-85 verdict without a list", () => {
    const analysis = byCode(analyseIndicators(ita2568, allHundred({ items: { e1: 70, e2: 80, e3: 75 }, indicators: { "6": 75 } }), 50), "6");
    expect(analysis).toMatchObject({ passed: false, strong: false, weakItems: [] });
    expect(analysis.text.th).toBe("ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน ได้คะแนน 75.00 คะแนน ต่ำกว่าเกณฑ์ 85 คะแนน");
  });

  it("an indicator with no score says so: passed null, not strong", () => {
    const analysis = byCode(analyseIndicators(ita2568, allHundred({ indicators: { "8": null }, items: { e7: null, e8: null, e9: null } })), "8");
    expect(analysis).toMatchObject({ score: null, passed: null, strong: false, weakItems: [] });
    expect(analysis.text.th).toBe("ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน ยังไม่มีผลคะแนนในรอบนี้");
    expect(analysis.text.en).toContain("has no score");
    // Missing from the records altogether is the same as null.
    const empty = analyseIndicators(ita2568, { indicators: {}, items: {} });
    expect(empty.every((a) => a.score === null && a.passed === null && a.weakItems.length === 0)).toBe(true);
  });

  it("OIT items scored 0 are listed with their wording (indicator 9 = 95 passes, not strong)", () => {
    const analyses = analyseIndicators(ita2568, allHundred({ items: { o4: 0, o27: 0 }, indicators: { "9": 95, "10": 87.5 } }));
    const nine = byCode(analyses, "9");
    expect(nine).toMatchObject({ score: 95, passed: true, strong: false });
    expect(nine.weakItems).toEqual([{ code: "o4", wording: wording("o4"), score: 0 }]);
    expect(nine.weakItems[0].wording.th).toBe("ข่าวประชาสัมพันธ์");
    expect(nine.text.th).toContain("ข้อ o4 (0.00)");
    expect(byCode(analyses, "10").weakItems.map((item) => item.code)).toEqual(["o27"]);
  });
});

// ───────────── reportScores: EIT-1 and EIT-2 combined by part weight ─────────────

const IIT = itemCodes("iit");
const EIT = itemCodes("eit");
const OIT = itemCodes("oit");

function eitInput(eit1: number[], eit2: number[] | null): AssessmentInput {
  return {
    iit: { items: uniform(IIT, 100), respondents: 40, minimumSample: 30 },
    eit1: { items: Object.fromEntries(EIT.map((code, i) => [code, eit1[i]])), respondents: 40, minimumSample: 30 },
    ...(eit2 ? { eit2: { items: Object.fromEntries(EIT.map((code, i) => [code, eit2[i]])), respondents: 20, minimumSample: 20 } } : {}),
    oit: { items: { ...uniform(OIT, 100), o4: 0 } },
  };
}

describe("reportScores", () => {
  // EIT-1 e1–e9: 90 90 90 | 80 85 90 | 100 95 90 → ind 6 = 90, ind 7 = 85, ind 8 = 95
  // EIT-2 e1–e9: 100 90 80 | 95 90 100 | 92 93 94 → ind 6 = 90, ind 7 = 95, ind 8 = 93
  // Report (15/15 = plain mean): ind 6 = 90, ind 7 = 90, ind 8 = 94; e1 = 95, e3 = 85, e4 = 87.5, e7 = 96
  const eit1 = [90, 90, 90, 80, 85, 90, 100, 95, 90];
  const eit2 = [100, 90, 80, 95, 90, 100, 92, 93, 94];

  it("averages EIT-1 and EIT-2 by weight (15/15): indicators and items", () => {
    const input = eitInput(eit1, eit2);
    const scores = reportScores(ita2568, input, scoreAssessment(input, ita2568));
    expect(scores.indicators["6"]).toBeCloseTo(90, 10);
    expect(scores.indicators["7"]).toBeCloseTo(90, 10);
    expect(scores.indicators["8"]).toBeCloseTo(94, 10);
    expect(scores.items.e1).toBeCloseTo(95, 10);
    expect(scores.items.e3).toBeCloseTo(85, 10);
    expect(scores.items.e4).toBeCloseTo(87.5, 10);
    expect(scores.items.e7).toBeCloseTo(96, 10);
    // IIT and OIT pass through: ind 9 = (75 + 100·4) / 5 = 95, o4 = 0.
    expect(scores.indicators["1"]).toBe(100);
    expect(scores.indicators["9"]).toBe(95);
    expect(scores.indicators["10"]).toBe(100);
    expect(scores.items.i1).toBe(100);
    expect(scores.items.o4).toBe(0);
    expect(Object.keys(scores.indicators).sort()).toEqual([...INDICATORS].sort());
    expect(Object.keys(scores.items).sort()).toEqual([...IIT, ...EIT, ...OIT].sort());
  });

  it("uses EIT-1 alone when EIT-2 has no data, and item by item when an EIT-2 item is missing", () => {
    const only1 = eitInput(eit1, null);
    const alone = reportScores(ita2568, only1, scoreAssessment(only1, ita2568));
    expect(alone.indicators["7"]).toBe(85);
    expect(alone.items.e4).toBe(80);

    const gap = eitInput(eit1, eit2);
    gap.eit2!.items.e4 = null; // EIT-2 indicator 7 has no score, its e4 neither
    const partly = reportScores(ita2568, gap, scoreAssessment(gap, ita2568));
    expect(partly.indicators["7"]).toBe(85); // EIT-1's only
    expect(partly.items.e4).toBe(80); // EIT-1's only
    expect(partly.items.e5).toBeCloseTo((85 + 90) / 2, 10); // both
    expect(partly.indicators["6"]).toBeCloseTo(90, 10);
  });

  it("uses EIT-2 alone when EIT-1 has none; nothing anywhere → null", () => {
    const input: AssessmentInput = { eit2: { items: Object.fromEntries(EIT.map((code, i) => [code, eit2[i]])), respondents: 20, minimumSample: 20 } };
    const scores = reportScores(ita2568, input, scoreAssessment(input, ita2568));
    expect(scores.indicators["7"]).toBe(95);
    expect(scores.items.e1).toBe(100);
    expect(scores.indicators["1"]).toBeNull();
    expect(scores.items.i1).toBeNull();
    expect(scores.indicators["9"]).toBeNull();
    expect(scores.items.o1).toBeNull();
  });

  it("weights other than 15/15 weigh the parts: EIT-1 20, EIT-2 10 → (2·EIT-1 + EIT-2) / 3", () => {
    const definition = JSON.parse(JSON.stringify(ita2568));
    definition.parts.eit1.weight = 20;
    definition.parts.eit2.weight = 10;
    const parsed = parseRuleset(definition);
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    const ruleset: Ruleset = parsed.ruleset;
    const input = eitInput(eit1, eit2);
    const scores = reportScores(ruleset, input, scoreAssessment(input, ruleset));
    // ind 7: (85·20 + 95·10) / 30 = 2650 / 30 = 88.333…; e1: (90·20 + 100·10) / 30 = 93.333…
    expect(scores.indicators["7"]).toBeCloseTo(2650 / 30, 10);
    expect(scores.items.e1).toBeCloseTo(2800 / 30, 10);
    // and the analysis publishes them rounded: 88.33, e1 93.33 (not weak at 85), e4: (80·20 + 95·10)/30 = 85 → not weak
    const seven = byCode(analyseIndicators(ruleset, scores), "7");
    expect(seven.score).toBe(88.33);
    expect(seven.weakItems).toEqual([]);
  });

  it("end to end with the analysis: EIT-1 e4 = 66.67 and EIT-2 e4 = 100 → e4 = 83.335 → 83.34, weak", () => {
    const input = eitInput(
      [100, 100, 100, 66.67, 100, 100, 100, 100, 100],
      EIT.map(() => 100),
    );
    const scores = reportScores(ita2568, input, scoreAssessment(input, ita2568));
    const seven = byCode(analyseIndicators(ita2568, scores), "7");
    // EIT-1 ind 7 = (66.67 + 200) / 3 = 88.89 (published), EIT-2 = 100 → (88.89 + 100) / 2 = 94.445 → 94.45
    expect(seven.score).toBe(94.45);
    expect(seven.weakItems).toEqual([{ code: "e4", wording: wording("e4"), score: 83.34 }]);
  });
});

// ───────────── methodology ─────────────

describe("methodology", () => {
  const sections = methodology(ita2568);
  const thai = sections.flatMap((section) => section.lines.map((line) => line.th)).join("\n");
  const english = sections.flatMap((section) => section.lines.map((line) => line.en)).join("\n");

  it("four sections: instruments, weights, minimum samples, rating bands", () => {
    expect(sections.map((section) => section.heading.th)).toEqual(["เครื่องมือการประเมิน", "น้ำหนักคะแนน", "จำนวนผู้ตอบขั้นต่ำ", "ระดับผลการประเมิน"]);
    expect(sections.map((section) => section.heading.en)).toEqual(["Instruments", "Weights", "Minimum samples", "Rating bands"]);
  });

  it("instrument lines count the items and indicators: IIT 15/5, EIT 9/3, OIT 28/2", () => {
    const [iit, eit, oit] = sections[0].lines;
    expect(iit.th).toContain("(IIT) จำนวน 15 ข้อ 5 ตัวชี้วัด");
    expect(eit.th).toContain("(EIT) จำนวน 9 ข้อ 3 ตัวชี้วัด");
    expect(oit.th).toContain("(OIT) จำนวน 28 ข้อ 2 ตัวชี้วัด");
    expect(oit.en).toContain("28 items, 2 indicators");
  });

  it("the weights 30/15/15/40", () => {
    const [weights] = sections[1].lines;
    expect(weights.th).toBe("คะแนนรวม = IIT ร้อยละ 30 + EIT ส่วนที่ ๑ ร้อยละ 15 + EIT ส่วนที่ ๒ ร้อยละ 15 + OIT ร้อยละ 40");
    expect(weights.en).toBe("Total = 30 % IIT + 15 % EIT part 1 + 15 % EIT part 2 + 40 % OIT");
  });

  it("the sampling numbers: 20 %, at least 30, all below 30, 400 above 2,000; EIT-2 20 % and 20", () => {
    const [part1, part2] = sections[2].lines;
    expect(part1.th).toBe("IIT และ EIT ส่วนที่ 1: ร้อยละ 20 ของจำนวนประชากร (N) แต่ไม่น้อยกว่า 30 คน หาก N น้อยกว่า 30 ใช้ทั้งหมด หาก N มากกว่า 2,000 ใช้ 400 คน");
    expect(part1.en).toContain("2,000");
    expect(part1.en).toContain("400");
    expect(part2.th).toBe("EIT ส่วนที่ 2: ไม่น้อยกว่าร้อยละ 20 ของจำนวนขั้นต่ำของ EIT ส่วนที่ 1 และไม่น้อยกว่า 20 คน");
  });

  it("every rating band label with its bounds", () => {
    for (const band of ita2568.ratingBands) {
      expect(thai).toContain(band.label.th);
      expect(english).toContain(band.label.en);
    }
    expect(sections[3].lines.map((line) => line.th)).toEqual([
      "ผ่านดีเยี่ยม: คะแนนรวมตั้งแต่ 85 และทุกแบบวัดตั้งแต่ 95",
      "ผ่านดี: คะแนนรวมตั้งแต่ 85 และทุกแบบวัดตั้งแต่ 85",
      "ผ่าน: คะแนนรวมตั้งแต่ 85",
      "ต้องปรับปรุง: คะแนนรวมตั้งแต่ 70",
      "ต้องปรับปรุงโดยด่วน: คะแนนรวมตั้งแต่ 0",
    ]);
  });

  it("follows the ruleset: another fiscal year's numbers give another text", () => {
    const definition = JSON.parse(JSON.stringify(ita2568));
    definition.sampling.floor = 25;
    definition.parts.iit.weight = 25;
    definition.parts.oit.weight = 45;
    const parsed = parseRuleset(definition);
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    const lines = methodology(parsed.ruleset).flatMap((section) => section.lines.map((line) => line.th));
    expect(lines.join("\n")).toContain("IIT ร้อยละ 25");
    expect(lines.join("\n")).toContain("OIT ร้อยละ 45");
    expect(lines.join("\n")).toContain("ไม่น้อยกว่า 25 คน");
  });
});

// ───────────── suggested measures ─────────────

describe("suggestedMeasures", () => {
  it("perception items have their own list; OIT items publish what the item asks for; unknown → none", () => {
    expect(suggestedMeasures(ita2568, "i10")[0].th).toContain("คู่มือ/แนวปฏิบัติการยืมทรัพย์สินของราชการ");
    expect(suggestedMeasures(ita2568, "e2").length).toBe(2);
    const o4 = suggestedMeasures(ita2568, "o4");
    expect(o4[0].th).toContain('"ข่าวประชาสัมพันธ์"');
    expect(o4[0].th).toContain("ข้อ o4");
    expect(suggestedMeasures(ita2568, "x99")).toEqual([]);
    // every IIT/EIT/OIT item has at least one suggestion
    for (const code of [...IIT, ...EIT, ...OIT]) expect(suggestedMeasures(ita2568, code).length).toBeGreaterThan(0);
  });
});

// ───────────── Thai digits ─────────────

describe("withDigits", () => {
  it("scores, dates and counts in Thai digits", () => {
    expect(withDigits("85.50", "thai")).toBe("๘๕.๕๐");
    expect(withDigits("1 เมษายน 2569", "thai")).toBe("๑ เมษายน ๒๕๖๙");
    expect(withDigits("1 เมษายน 2569 – 30 กันยายน 2569", "thai")).toBe("๑ เมษายน ๒๕๖๙ – ๓๐ กันยายน ๒๕๖๙");
    expect(withDigits("2,000", "thai")).toBe("๒,๐๐๐");
    expect(withDigits("0123456789", "thai")).toBe("๐๑๒๓๔๕๖๗๘๙");
  });

  it("item codes keep their digits; numbers next to them do not", () => {
    expect(withDigits("i12", "thai")).toBe("i12");
    expect(withDigits("o3", "thai")).toBe("o3");
    expect(withDigits("ข้อ i2 (70.00), ข้อ o27 (0.00)", "thai")).toBe("ข้อ i2 (๗๐.๐๐), ข้อ o27 (๐.๐๐)");
    expect(withDigits("ตัวชี้วัดที่ 10 ได้คะแนน 86.67", "thai")).toBe("ตัวชี้วัดที่ ๑๐ ได้คะแนน ๘๖.๖๗");
  });

  it("Arabic style leaves the text as it is", () => {
    for (const text of ["85.50", "1 เมษายน 2569", "i12", "o3", "ข้อ i2 (70.00)"]) expect(withDigits(text, "arabic")).toBe(text);
  });
});

// ───────────── the editor's form ─────────────

const CODES = INDICATORS;

describe("planFromForm", () => {
  it("an empty form is the empty plan (threshold 85, Thai digits, no measures)", () => {
    const { content, errors } = planFromForm({}, CODES);
    expect(errors).toEqual({});
    expect(content).toEqual({
      ...emptyPlan(),
      notes: Object.fromEntries(CODES.map((code) => [code, ""])),
      measures: Object.fromEntries(CODES.map((code) => [code, []])),
    });
  });

  it("reads measures in row order, trims, drops blank rows and removed rows; notes, threshold, digits", () => {
    const { content, errors } = planFromForm(
      {
        threshold: "90",
        digits: "arabic",
        "note.1": "  บุคลากรยังไม่ทราบขั้นตอน  ",
        "m.1.2.title": "อบรมบุคลากร",
        "m.1.2.unit": "สำนักปลัด",
        "m.1.0.title": " จัดทำคู่มือการให้บริการ ",
        "m.1.0.steps": "1. ร่างคู่มือ 2. ประกาศใช้",
        "m.1.0.start": "2026-04-01",
        "m.1.0.end": "2026-09-30",
        "m.1.0.unit": "กองคลัง",
        "m.1.0.item": "i2",
        // a blank row (what the page always offers) is dropped
        "m.1.1.title": "",
        "m.1.1.steps": "  ",
        "m.1.1.start": "",
        "m.1.1.end": "",
        "m.1.1.unit": "",
        "m.1.1.item": "",
        // a removed row is dropped even when invalid
        "m.1.3.title": "",
        "m.1.3.steps": "ขั้นตอนที่ถูกลบ",
        "m.1.3.remove": "1",
        "m.9.0.title": "เผยแพร่ข่าวประชาสัมพันธ์",
        // not an indicator of the ruleset: ignored
        "m.99.0.title": "ไม่มีตัวชี้วัดนี้",
      },
      CODES,
    );
    expect(errors).toEqual({});
    expect(content!.threshold).toBe(90);
    expect(content!.digits).toBe("arabic");
    expect(content!.notes["1"]).toBe("บุคลากรยังไม่ทราบขั้นตอน");
    expect(content!.measures["1"]).toEqual([
      { title: "จัดทำคู่มือการให้บริการ", steps: "1. ร่างคู่มือ 2. ประกาศใช้", start: "2026-04-01", end: "2026-09-30", unit: "กองคลัง", item: "i2" },
      { title: "อบรมบุคลากร", steps: "", start: "", end: "", unit: "สำนักปลัด", item: "" },
    ]);
    expect(content!.measures["9"]).toEqual([{ title: "เผยแพร่ข่าวประชาสัมพันธ์", steps: "", start: "", end: "", unit: "", item: "" }]);
    expect(content!.measures["99"]).toBeUndefined();
    expect(PlanContentSchema.safeParse(content).success).toBe(true);
  });

  it("a row with other fields but no title → error keyed m.<c>.<k>.title, no content", () => {
    const { content, errors } = planFromForm({ "m.3.1.steps": "ขั้นตอน", "m.3.1.unit": "กองช่าง" }, CODES);
    expect(content).toBeNull();
    expect(Object.keys(errors)).toEqual(["m.3.1.title"]);
    expect(errors["m.3.1.title"]).toContain("กรุณากรอกมาตรการ");
  });

  it("end before start → error on .end; the same day is fine", () => {
    const bad = planFromForm({ "m.2.0.title": "ก", "m.2.0.start": "2026-09-30", "m.2.0.end": "2026-04-01" }, CODES);
    expect(bad.content).toBeNull();
    expect(Object.keys(bad.errors)).toEqual(["m.2.0.end"]);
    expect(bad.errors["m.2.0.end"]).toContain("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม");
    expect(planFromForm({ "m.2.0.title": "ก", "m.2.0.start": "2026-04-01", "m.2.0.end": "2026-04-01" }, CODES).content).not.toBeNull();
    // one side only is fine
    expect(planFromForm({ "m.2.0.title": "ก", "m.2.0.end": "2026-04-01" }, CODES).content).not.toBeNull();
  });

  it("a date that is not YYYY-MM-DD or not a date → error on that field", () => {
    for (const value of ["1/4/2569", "2026-4-1", "2026-13-01", "tomorrow"]) {
      const { content, errors } = planFromForm({ "m.5.0.title": "ก", "m.5.0.start": value }, CODES);
      expect(content, value).toBeNull();
      expect(errors["m.5.0.start"], value).toContain("วันที่ไม่ถูกต้อง");
    }
  });

  it("threshold out of range or not a number → error keyed threshold; bad digits → keyed digits", () => {
    for (const value of ["101", "-1", "abc"]) {
      const { content, errors } = planFromForm({ threshold: value }, CODES);
      expect(content, value).toBeNull();
      expect(Object.keys(errors), value).toEqual(["threshold"]);
    }
    expect(planFromForm({ threshold: "0" }, CODES).content!.threshold).toBe(0);
    expect(planFromForm({ threshold: "100" }, CODES).content!.threshold).toBe(100);
    expect(planFromForm({ threshold: "87.5" }, CODES).content!.threshold).toBe(87.5);
    expect(Object.keys(planFromForm({ digits: "roman" }, CODES).errors)).toEqual(["digits"]);
  });

  it("too long a note → error keyed note.<c>; too long a title → keyed on the title", () => {
    expect(Object.keys(planFromForm({ "note.4": "ก".repeat(4001) }, CODES).errors)).toEqual(["note.4"]);
    expect(Object.keys(planFromForm({ "m.4.0.title": "ก".repeat(501) }, CODES).errors)).toEqual(["m.4.0.title"]);
  });

  it("signatures parsed and trimmed; too long a name → error keyed sig.<who>.name", () => {
    const { content } = planFromForm(
      {
        "sig.officer.name": " นางสาวสมใจ ใจดี ",
        "sig.officer.position": "นักวิเคราะห์นโยบายและแผน",
        "sig.secretary.name": "นายสมชาย รักงาน",
        "sig.secretary.position": "ปลัดองค์การบริหารส่วนตำบล",
        "sig.executive.name": "นายก อบต.",
      },
      CODES,
    );
    expect(content!.signatures).toEqual({
      officer: { name: "นางสาวสมใจ ใจดี", position: "นักวิเคราะห์นโยบายและแผน" },
      secretary: { name: "นายสมชาย รักงาน", position: "ปลัดองค์การบริหารส่วนตำบล" },
      executive: { name: "นายก อบต.", position: "" },
    });
    const long = planFromForm({ "sig.executive.name": "ก".repeat(201) }, CODES);
    expect(long.content).toBeNull();
    expect(Object.keys(long.errors)).toEqual(["sig.executive.name"]);
  });

  it("several errors at once: each keyed by its field", () => {
    const { content, errors } = planFromForm(
      { threshold: "200", "m.1.0.steps": "x", "m.6.4.title": "ก", "m.6.4.start": "2026-05-01", "m.6.4.end": "2026-01-01" },
      CODES,
    );
    expect(content).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(["m.1.0.title", "m.6.4.end", "threshold"]);
  });
});

// Bugs found while writing these tests, now fixed.
describe("planFromForm: fixed bugs", () => {
  // Date.parse("2026-02-30T00:00:00Z") rolls over to 2 March: the date must read back the same.
  it("an impossible calendar date (30 February) is refused", () => {
    const { content, errors } = planFromForm({ "m.1.0.title": "ก", "m.1.0.start": "2026-02-30" }, CODES);
    expect(content).toBeNull();
    expect(errors["m.1.0.start"]).toContain("วันที่ไม่ถูกต้อง");
  });

  // The limit used to be reported on ["measures", c], a path no form field has: a 400 with no error.
  it("more than 30 measures for an indicator gives an error the page can show", () => {
    const fields = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`m.1.${i}.title`, `มาตรการ ${i}`]));
    const { content, errors } = planFromForm(fields, CODES);
    expect(content).toBeNull();
    expect(Object.keys(errors).length).toBeGreaterThan(0);
  });
});
