// Answers ↔ storage: option indexes per answer key, centipoints per item slot, item means from
// running tallies (docs/decisions/002-anonymous-responses.md).
import { describe, expect, it } from "vitest";
import { answersSchema, itemCentipoints, itemMeanFromTally, itemMeansFromTally, perceptionItems } from "../../../app/domain/answers";
import { ita2568 } from "../../../app/domain/rulesets/ita-2568";

/** Every IIT answer key set to option `index` (valid for both 4-option and yes/no sets when ≤ 1). */
function allIit(index: number): Record<string, number> {
  return Object.fromEntries(perceptionItems(ita2568, "iit").flatMap((item) => item.answerKeys.map((key) => [key, index])));
}

describe("perceptionItems", () => {
  it("gives IIT items slots 1–15 and their answer keys", () => {
    const items = perceptionItems(ita2568, "iit");
    expect(items.map((item) => [item.slot, item.code, item.answerKeys.join(" ")])).toEqual([
      [1, "i1", "i1.1 i1.2"],
      [2, "i2", "i2"],
      [3, "i3", "i3.1 i3.2 i3.3"],
      [4, "i4", "i4.1 i4.2"],
      [5, "i5", "i5"],
      [6, "i6", "i6.1 i6.2"],
      [7, "i7", "i7"],
      [8, "i8", "i8"],
      [9, "i9", "i9"],
      [10, "i10", "i10"],
      [11, "i11", "i11"],
      [12, "i12", "i12"],
      [13, "i13", "i13"],
      [14, "i14", "i14"],
      [15, "i15", "i15.1 i15.2 i15.3 i15.4"],
    ]);
  });

  it("gives EIT items slots 1–9 (shared by parts 1 and 2)", () => {
    const items = perceptionItems(ita2568, "eit");
    expect(items.map((item) => item.slot)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(items[0].answerKeys).toEqual(["e1.1", "e1.2"]);
    expect(items[2].answers.map((a) => a.optionSet.code)).toEqual(["yesno-bad", "yesno-bad", "yesno-bad"]);
  });
});

describe("answersSchema", () => {
  const schema = answersSchema(ita2568, "iit");
  const messages = (input: Record<string, unknown>) => {
    const result = schema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };

  it("accepts a full valid set, form strings included, and returns numbers", () => {
    const form: Record<string, unknown> = Object.fromEntries(Object.entries(allIit(1)).map(([k, v]) => [k, String(v)]));
    form["i1.1"] = 3;
    const result = schema.safeParse(form);
    expect(result.success).toBe(true);
    expect(result.data?.["i1.1"]).toBe(3);
    expect(result.data?.["i2"]).toBe(1);
  });

  it("rejects a missing answer, naming the item in Thai and English", () => {
    const answers: Record<string, unknown> = allIit(1);
    delete answers["i3.2"];
    expect(messages(answers)).toEqual(["กรุณาตอบข้อ i3.2 / Please answer item i3.2"]);
    expect(messages({ ...allIit(1), "i3.2": "" })).toEqual(["กรุณาตอบข้อ i3.2 / Please answer item i3.2"]);
  });

  it("rejects an extra field", () => {
    expect(messages({ ...allIit(1), i16: 1 })).toEqual(["ไม่มีข้อ i16 ในแบบวัดนี้ / Not an item of this form: i16"]);
    expect(messages({ ...allIit(1), i1: 1 })).toHaveLength(1); // i1 is answered by i1.1 and i1.2
  });

  it.each([
    ["i3.1", 2], // yes/no has options 0 and 1 only
    ["i2", 4], // four options: 0–3
    ["i2", -1],
    ["i2", "-1"],
    ["i2", "1.5"],
    ["i2", 1.5],
    ["i2", "abc"],
  ])("rejects %s = %j as not a valid option", (key, value) => {
    expect(messages({ ...allIit(1), [key]: value })).toEqual([`ข้อ ${key}: ตัวเลือกไม่ถูกต้อง / Item ${key}: not a valid option`]);
  });
});

describe("itemCentipoints", () => {
  it("sums round(points · 100) over an item's answer keys", () => {
    const answers = { ...allIit(0), "i1.1": 2, "i1.2": 3, "i3.1": 1, "i3.2": 1, "i3.3": 0, "i6.1": 3, "i6.2": 0, i5: 1 };
    const points = itemCentipoints(ita2568, "iit", answers);
    expect(points[1]).toBe(16667); // i1: 66.67 + 100 → 6667 + 10000
    expect(points[2]).toBe(0); // i2: option 0 of extent + → 0
    expect(points[3]).toBe(20000); // i3: ไม่มี 100 + ไม่มี 100 + มี 0
    expect(points[5]).toBe(6667); // i5 (extent −): option 1 "น้อย" → 66.67
    expect(points[6]).toBe(20000); // i6: โปร่งใส "มากที่สุด" 100 + เอื้อประโยชน์ "น้อยที่สุด" (reversed) 100
    expect(points[8]).toBe(10000); // i8 (extent −): option 0 → 100
    expect(Object.keys(points)).toHaveLength(15);
  });

  it("throws on a missing or invalid answer (validate with answersSchema first)", () => {
    const answers = allIit(1);
    delete answers["i15.4"];
    expect(() => itemCentipoints(ita2568, "iit", answers)).toThrow(/i15\.4/);
    expect(() => itemCentipoints(ita2568, "iit", { ...allIit(1), "i3.1": 2 })).toThrow(RangeError);
  });
});

describe("item means from tallies", () => {
  // Three responses to i1 (two sub-items):
  //   A: i1.1 = 2 (66.67), i1.2 = 3 (100)   → 6667 + 10000 = 16667
  //   B: i1.1 = 3 (100),   i1.2 = 3 (100)   → 20000
  //   C: i1.1 = 1 (33.33), i1.2 = 2 (66.67) → 3333 + 6667 = 10000
  // Σ = 46667; mean = 46667 / (100 · 3 responses · 2 sub-items) = 77.778333…
  // Check by hand: item points per response = 83.335, 100, 50 → (83.335 + 100 + 50) / 3 = 77.778333…
  const responses = [
    { "i1.1": 2, "i1.2": 3 },
    { "i1.1": 3, "i1.2": 3 },
    { "i1.1": 1, "i1.2": 2 },
  ].map((i1) => itemCentipoints(ita2568, "iit", { ...allIit(1), ...i1 }));

  it("reproduces the hand-computed mean of i1", () => {
    const sum = responses.reduce((total, points) => total + points[1], 0);
    expect(sum).toBe(46667);
    expect(itemMeanFromTally(sum, 3, 2)).toBeCloseTo(77.778333333, 8);
    expect(itemMeanFromTally(BigInt(sum), 3, 2)).toBe(itemMeanFromTally(sum, 3, 2));
  });

  it("is null with no responses and rejects nonsense counts", () => {
    expect(itemMeanFromTally(0, 0, 2)).toBeNull();
    expect(() => itemMeanFromTally(100, -1, 1)).toThrow(RangeError);
    expect(() => itemMeanFromTally(100, 1, 0)).toThrow(RangeError);
  });

  it("maps a whole tally to item means by code", () => {
    const sums: Record<number, bigint> = {};
    for (const points of responses) for (const [slot, value] of Object.entries(points)) sums[Number(slot)] = (sums[Number(slot)] ?? 0n) + BigInt(value);
    const means = itemMeansFromTally(ita2568, "iit", { responses: 3, sums });
    expect(means.i1).toBeCloseTo(77.778333333, 8);
    expect(means.i2).toBeCloseTo(33.33, 10); // option 1 of extent + every time
    expect(means.i3).toBe(100); // option 1 of yes/no bad = ไม่มี, 3 sub-items
    expect(means.i5).toBeCloseTo(66.67, 10); // option 1 of extent − = 66.67
    expect(Object.keys(means)).toHaveLength(15);
    expect(itemMeansFromTally(ita2568, "eit", { responses: 0, sums: {} }).e1).toBeNull();
  });
});
