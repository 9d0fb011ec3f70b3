import { describe, expect, it } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { prisma } from "~/db.server";
import { createCycle, getCycleRuleset, getCycleRulesetById } from "~/models/cycle.server";

const before = JSON.stringify(ita2568);
const official = before.replace("ตามขั้นตอนที่กำหนด", "ตามขั้นตอนที่กำหนX"); // same length, new wording

describe("getCycleRuleset", () => {
  it("an imported definition of the same length is not served from the cache", () => {
    expect(official.length).toBe(before.length);
    expect(JSON.stringify(getCycleRuleset({ id: "c1", definitionJson: before }))).toContain("ตามขั้นตอนที่กำหนด");
    expect(JSON.stringify(getCycleRuleset({ id: "c1", definitionJson: official }))).toContain("ตามขั้นตอนที่กำหนX");
  });

  it("the submit path's ruleset by cycle id follows a replaced definition within a minute, or at once after a page view", async () => {
    const ruleset = { ...ita2568, meta: { ...ita2568.meta, fiscalYear: 2650 } };
    const cycle =
      (await prisma.cycle.findUnique({ where: { fiscalYear: 2650 } })) ??
      (await createCycle(ruleset, {
        iitOpensAt: new Date(),
        iitClosesAt: new Date(),
        eitOpensAt: new Date(),
        eitClosesAt: new Date(),
        oitOpensAt: new Date(),
        oitClosesAt: new Date(),
      }));
    const text = (value: unknown) => JSON.stringify(value);
    const t0 = Date.now();
    expect(text(await getCycleRulesetById(cycle.id, t0))).toContain("ตามขั้นตอนที่กำหนด");

    // The official wording replaces the provisional one in the database.
    await prisma.cycle.update({ where: { id: cycle.id }, data: { definitionJson: cycle.definitionJson.replace("ตามขั้นตอนที่กำหนด", "ตามขั้นตอนที่กำหนX") } });
    expect(text(await getCycleRulesetById(cycle.id, t0 + 30_000))).toContain("ตามขั้นตอนที่กำหนด"); // cached
    expect(text(await getCycleRulesetById(cycle.id, t0 + 61_000))).toContain("ตามขั้นตอนที่กำหนX"); // read again

    // Put back; a page that reads the cycle's text tells the submit path at once.
    const restored = await prisma.cycle.update({ where: { id: cycle.id }, data: { definitionJson: cycle.definitionJson } });
    expect(text(await getCycleRulesetById(cycle.id, t0 + 62_000))).toContain("ตามขั้นตอนที่กำหนX");
    getCycleRuleset(restored, t0 + 63_000);
    expect(text(await getCycleRulesetById(cycle.id, t0 + 63_500))).toContain("ตามขั้นตอนที่กำหนด");

    expect(await getCycleRulesetById("no-such-cycle")).toBeNull();
  });
});
