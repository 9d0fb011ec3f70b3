import { describe, expect, it } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { getCycleRuleset } from "~/models/cycle.server";

describe("getCycleRuleset", () => {
  it("an imported definition of the same length is not served from the cache", () => {
    const before = JSON.stringify(ita2568);
    const official = before.replace("ตามขั้นตอนที่กำหนด", "ตามขั้นตอนที่กำหนX"); // same length, new wording
    expect(official.length).toBe(before.length);
    expect(JSON.stringify(getCycleRuleset({ id: "c1", definitionJson: before }))).toContain("ตามขั้นตอนที่กำหนด");
    expect(JSON.stringify(getCycleRuleset({ id: "c1", definitionJson: official }))).toContain("ตามขั้นตอนที่กำหนX");
  });
});
