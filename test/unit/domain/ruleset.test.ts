// The ruleset is data validated by parseRuleset (ITA 2568: "keep the rules as versioned data"; the
// assessor imports the official wording as a validated JSON file per fiscal year).
import { describe, expect, it } from "vitest";
import { instrumentIndicators, instrumentItems, parseRuleset, type RulesetInput } from "../../../app/domain/ruleset";
import { builtinRulesets, getBuiltinRuleset } from "../../../app/domain/rulesets";
import { ita2568, ita2568Definition } from "../../../app/domain/rulesets/ita-2568";

/** A deep copy of the 2568 definition to break. */
function definition(): RulesetInput {
  return structuredClone(ita2568Definition) as RulesetInput;
}

function errorsOf(json: unknown): string[] {
  const result = parseRuleset(json);
  if (result.ok) throw new Error("expected the ruleset to be rejected");
  return result.errors;
}

describe("the ITA 2568 default ruleset", () => {
  it("parses, also after a JSON round trip (as stored in Cycle.definitionJson)", () => {
    expect(parseRuleset(ita2568Definition).ok).toBe(true);
    const roundTrip = parseRuleset(JSON.parse(JSON.stringify(ita2568)));
    expect(roundTrip).toEqual({ ok: true, ruleset: ita2568 });
  });

  it("is versioned and marked provisional", () => {
    expect(ita2568.meta).toMatchObject({ fiscalYear: 2568, rulesVersion: "2568.1-provisional", provisionalWording: true });
    expect(ita2568.items.every((item) => item.wording.provisional === true)).toBe(true);
    expect(ita2568.items.flatMap((item) => item.subItems ?? []).every((sub) => sub.wording.provisional === true)).toBe(true);
  });

  it("has 15 IIT items, 9 EIT items and 28 OIT items, in order", () => {
    expect(instrumentItems(ita2568, "iit").map((item) => item.code)).toEqual(Array.from({ length: 15 }, (_, i) => `i${i + 1}`));
    expect(instrumentItems(ita2568, "eit").map((item) => item.code)).toEqual(Array.from({ length: 9 }, (_, i) => `e${i + 1}`));
    expect(instrumentItems(ita2568, "oit").map((item) => item.code)).toEqual(Array.from({ length: 28 }, (_, i) => `o${i + 1}`));
  });

  it("gives each IIT indicator (1–5) and EIT indicator (6–8) three consecutive items", () => {
    for (const instrument of ["iit", "eit"] as const) {
      const items = instrumentItems(ita2568, instrument);
      instrumentIndicators(ita2568, instrument).forEach((indicator, i) => {
        expect(items.filter((item) => item.indicator === indicator.code).map((item) => item.code)).toEqual(
          items.slice(3 * i, 3 * i + 3).map((item) => item.code),
        );
      });
    }
    expect(instrumentIndicators(ita2568, "iit").map((i) => i.code)).toEqual(["1", "2", "3", "4", "5"]);
    expect(instrumentIndicators(ita2568, "eit").map((i) => i.code)).toEqual(["6", "7", "8"]);
  });

  it("groups the OIT items into sub-indicators 9.1–9.5 and 10.1–10.2 as listed", () => {
    const bySub = (code: string) =>
      instrumentItems(ita2568, "oit")
        .filter((item) => item.subIndicator === code)
        .map((item) => Number(item.code.slice(1)));
    expect(bySub("9.1")).toEqual([1, 2, 3, 4]);
    expect(bySub("9.2")).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(bySub("9.3")).toEqual([12, 13]);
    expect(bySub("9.4")).toEqual([14, 15, 16]);
    expect(bySub("9.5")).toEqual([17, 18, 19, 20]);
    expect(bySub("10.1")).toEqual([21, 22, 23, 24]);
    expect(bySub("10.2")).toEqual([25, 26, 27, 28]);
  });

  it("has sub-items exactly where the legacy wording lists them, each with its option set", () => {
    const subItems = Object.fromEntries(
      ita2568.items.filter((item) => item.subItems).map((item) => [item.code, item.subItems!.map((s) => `${s.code}:${s.optionSet}`)]),
    );
    expect(subItems).toEqual({
      i1: ["i1.1:extent-positive", "i1.2:extent-positive"],
      i3: ["i3.1:yesno-bad", "i3.2:yesno-bad", "i3.3:yesno-bad"],
      i4: ["i4.1:extent-positive", "i4.2:extent-positive"],
      i6: ["i6.1:extent-positive", "i6.2:extent-negative"], // favouring a supplier is reverse-scored
      i15: ["i15.1:extent-positive", "i15.2:extent-positive", "i15.3:extent-positive", "i15.4:extent-positive"],
      e1: ["e1.1:extent-positive", "e1.2:extent-positive"],
      e3: ["e3.1:yesno-bad", "e3.2:yesno-bad", "e3.3:yesno-bad"],
    });
  });

  it("scores the reverse-worded IIT items with the negative set", () => {
    const set = (code: string) => ita2568.items.find((item) => item.code === code)?.optionSet;
    expect(["i5", "i8", "i9", "i11"].map(set)).toEqual(["extent-negative", "extent-negative", "extent-negative", "extent-negative"]);
    expect(["i2", "i7", "i10", "i12", "i13", "i14"].every((code) => set(code) === "extent-positive")).toBe(true);
  });

  it("has the option sets and points of the NACC form", () => {
    const points = Object.fromEntries(ita2568.optionSets.map((set) => [set.code, set.options.map((o) => o.points)]));
    expect(points).toEqual({
      "extent-positive": [0, 33.33, 66.67, 100],
      "extent-negative": [100, 66.67, 33.33, 0],
      "yesno-bad": [0, 100],
      "yesno-good": [100, 0],
    });
    const labels = ita2568.optionSets.find((set) => set.code === "yesno-bad")!.options.map((o) => o.label.th);
    expect(labels).toEqual(["มี", "ไม่มี"]);
  });

  it("carries weights, sampling rules and rating bands as data", () => {
    expect(Object.fromEntries(Object.entries(ita2568.parts).map(([part, p]) => [part, p.weight]))).toEqual({
      iit: 30,
      eit1: 15,
      eit2: 15,
      oit: 40,
    });
    expect(ita2568.sampling).toEqual({
      percent: 20,
      floor: 30,
      allOfPopulationBelow: 30,
      largePopulationAbove: 2000,
      largePopulationMinimum: 400,
      eitPart2: { percentOfPart1: 20, floor: 20 },
      fixedEit1MinimumByGroup: {},
    });
    expect(ita2568.ratingBands.map((b) => [b.code, b.minTotal, b.minEveryPart ?? null, b.label.th])).toEqual([
      ["pass-excellent", 85, 95, "ผ่านดีเยี่ยม"],
      ["pass-good", 85, 85, "ผ่านดี"],
      ["pass", 85, null, "ผ่าน"],
      ["needs-improvement", 70, null, "ต้องปรับปรุง"],
      ["needs-urgent-improvement", 0, null, "ต้องปรับปรุงโดยด่วน"],
    ]);
  });

  it("screens IIT by position group and tenure, EIT by respondent type and dealings in 2568", () => {
    const summary = (questions: typeof ita2568.screening.iit) =>
      questions.map((q) => [q.code, q.options.map((o) => (o.blocks ? `${o.label.th}!` : o.label.th))]);
    expect(summary(ita2568.screening.iit)).toEqual([
      ["position", ["ผู้บริหาร", "ผู้อำนวยการ/หัวหน้า", "ข้าราชการ/พนักงาน", "ลูกจ้าง/พนักงานจ้าง"]],
      ["tenure", ["ใช่", "ไม่ใช่!"]],
    ]);
    expect(summary(ita2568.screening.eit)).toEqual([
      ["respondent-type", ["บุคคล", "นิติบุคคล", "บริษัทเอกชน", "หน่วยงานของรัฐอื่น"]],
      ["dealt-in-year", ["ใช่", "ไม่ใช่!"]],
    ]);
  });

  it("leaves display aliases unset (ES2 etc. are not known for sure)", () => {
    expect(ita2568.items.some((item) => item.alias !== undefined)).toBe(false);
    const withAlias = definition();
    withAlias.items[16] = { ...withAlias.items[16], alias: "ES2" };
    expect(parseRuleset(withAlias).ok).toBe(true);
  });

  it("is registered by fiscal year", () => {
    expect(getBuiltinRuleset(2568)).toBe(ita2568);
    expect(getBuiltinRuleset(2569)).toBeUndefined();
    expect(Object.keys(builtinRulesets)).toEqual(["2568"]);
  });
});

describe("parseRuleset rejects a broken ruleset, naming the path", () => {
  it("a typo in an option set", () => {
    const broken = definition();
    broken.items[4] = { ...broken.items[4], optionSet: "extent-postive" }; // i5
    expect(errorsOf(broken)).toEqual(['items[4].optionSet: unknown option set "extent-postive"']);
  });

  it("a typo in a sub-item's option set", () => {
    const broken = definition();
    broken.items[0].subItems![1].optionSet = "extent-postive";
    expect(errorsOf(broken)).toEqual(['items[0].subItems[1].optionSet: unknown option set "extent-postive"']);
  });

  it("a duplicate item code", () => {
    const broken = definition();
    broken.items[2] = { ...broken.items[2], code: "i2", subItems: undefined, optionSet: "yesno-bad" };
    expect(errorsOf(broken)).toContain('items[2].code: duplicate item code "i2" (first at items[1].code)');
  });

  it("a duplicate option set code", () => {
    const broken = definition();
    broken.optionSets[3].code = "yesno-bad";
    expect(errorsOf(broken)).toContain('optionSets[3].code: duplicate option set code "yesno-bad" (first at optionSets[2].code)');
  });

  it("weights that do not sum to 100", () => {
    const broken = definition();
    broken.parts.oit.weight = 35;
    expect(errorsOf(broken)).toEqual(["parts: weights must sum to 100 (got 95)"]);
  });

  it("an item of an unknown indicator", () => {
    const broken = definition();
    broken.items[6] = { ...broken.items[6], indicator: "11" };
    expect(errorsOf(broken)).toEqual(['items[6].indicator: unknown indicator "11"']);
  });

  it("an indicator left without items", () => {
    const broken = definition();
    // Move i13–i15 (indicator 5) to indicator 4.
    for (const index of [12, 13, 14]) broken.items[index] = { ...broken.items[index], indicator: "4" };
    expect(errorsOf(broken)).toEqual(["indicators[4]: indicator 5 has no item"]);
  });

  it("an OIT sub-indicator left without items, and an item of an unknown sub-indicator", () => {
    const broken = definition();
    for (const index of [35, 36]) broken.items[index] = { ...broken.items[index], subIndicator: "9.9" }; // o12, o13
    expect(errorsOf(broken)).toEqual([
      'items[35].subIndicator: unknown sub-indicator "9.9" of indicator 9',
      'items[36].subIndicator: unknown sub-indicator "9.9" of indicator 9',
      "indicators[8].subIndicators[2]: sub-indicator 9.3 has no item",
    ]);
  });

  it("more IIT items than the 30 storage slots", () => {
    const broken = definition();
    const extra = Array.from({ length: 16 }, (_, i) => ({
      code: `ix${i}`,
      indicator: "1",
      wording: { th: "ข้อเพิ่ม", en: "Extra" },
      optionSet: "extent-positive",
    }));
    broken.items.splice(15, 0, ...extra);
    expect(errorsOf(broken)).toEqual(["items: iit has 31 items, storage holds at most 30"]);
  });

  it("an item with neither option set nor sub-items, and a sub-item code not under its item", () => {
    const broken = definition();
    broken.items[1] = { ...broken.items[1], optionSet: undefined };
    broken.items[0].subItems![0].code = "x1.1";
    expect(errorsOf(broken)).toEqual(['items[0].subItems[0].code: must start with "i1."', "items[1].optionSet: required (or give subItems)"]);
  });

  it("structural faults: an unknown field, a missing wording, points out of range", () => {
    const broken = definition() as Record<string, unknown> & RulesetInput;
    (broken.items[0] as Record<string, unknown>).optionSett = "extent-positive";
    (broken.items[1] as Record<string, unknown>).wording = undefined;
    broken.optionSets[0].options[3].points = 101;
    expect(errorsOf(broken)).toEqual([
      "optionSets[0].options[3].points: must be between 0 and 100",
      "items[0].optionSett: unknown field",
      "items[1].wording: Invalid input: expected object, received undefined",
    ]);
  });

  it("rating bands that do not catch every total", () => {
    const broken = definition();
    broken.ratingBands.pop();
    expect(errorsOf(broken)).toEqual(["ratingBands[3]: the last band must catch every total (minTotal 0, no part condition)"]);
  });

  it("a blocking screening option without a message", () => {
    const broken = definition();
    delete broken.screening.iit[1].blockedMessage;
    expect(errorsOf(broken)).toEqual(["screening.iit[1].blockedMessage: required when an option blocks"]);
  });

  it("not an object at all", () => {
    expect(errorsOf(null)[0]).toMatch(/^\(root\): /);
  });
});
