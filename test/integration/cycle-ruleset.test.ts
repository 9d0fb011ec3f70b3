import { describe, expect, it } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { prisma } from "~/db.server";
import { createCycle, getCycleRuleset, getCycleRulesetAt } from "~/models/cycle.server";

const before = JSON.stringify(ita2568);
const official = before.replace("ตามขั้นตอนที่กำหนด", "ตามขั้นตอนที่กำหนX"); // same length, new wording

describe("getCycleRuleset", () => {
  it("an imported definition of the same length is not served from the cache", () => {
    expect(official.length).toBe(before.length);
    expect(JSON.stringify(getCycleRuleset({ id: "c1", definitionJson: before }))).toContain("ตามขั้นตอนที่กำหนด");
    expect(JSON.stringify(getCycleRuleset({ id: "c1", definitionJson: official }))).toContain("ตามขั้นตอนที่กำหนX");
  });

  it("the submit path's ruleset by cycle id follows the cycle's version, or a page view at once", async () => {
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
    expect(text((await getCycleRulesetAt(cycle.id, 0))?.ruleset)).toContain("ตามขั้นตอนที่กำหนด");

    // The official wording replaces the provisional one, with its version bumped (as the model does).
    await prisma.cycle.update({ where: { id: cycle.id }, data: { definitionJson: cycle.definitionJson.replace("ตามขั้นตอนที่กำหนด", "ตามขั้นตอนที่กำหนX") } });
    await prisma.cacheVersion.create({ data: { key: `cycle:${cycle.id}`, version: 1 } });
    expect(text((await getCycleRulesetAt(cycle.id, 0))?.ruleset)).toContain("ตามขั้นตอนที่กำหนด"); // asked at the old version: cached
    const read = await getCycleRulesetAt(cycle.id, 1);
    expect(read?.version).toBe(1);
    expect(text(read?.ruleset)).toContain("ตามขั้นตอนที่กำหนX"); // read again

    // Put back by hand (no bump): a page that reads the cycle's text replaces the entry at once;
    // its version unknown, the submit path reads the text again.
    const restored = await prisma.cycle.update({ where: { id: cycle.id }, data: { definitionJson: cycle.definitionJson } });
    getCycleRuleset(restored);
    expect(text((await getCycleRulesetAt(cycle.id, 1))?.ruleset)).toContain("ตามขั้นตอนที่กำหนด");

    expect(await getCycleRulesetAt("no-such-cycle", 0)).toBeNull();
  });
});
