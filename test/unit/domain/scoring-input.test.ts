// The CLI / export input contract: errors name the offending field.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ita2568 } from "../../../app/domain/rulesets/ita-2568";
import { parseScoringInput } from "../../../app/domain/scoring-input";

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../fixtures/score", name), "utf8")) as Record<string, any>;

function errorsOf(json: unknown): string[] {
  const result = parseScoringInput(json);
  if (result.ok) throw new Error("expected the input to be rejected");
  return result.errors;
}

describe("parseScoringInput", () => {
  it("accepts the full example and picks the 2568 ruleset", () => {
    const result = parseScoringInput(fixture("full-example.json"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ruleset).toBe(ita2568);
    expect(result.input.iit?.items.i1).toBe(90);
    expect(result.input.eit1?.population).toBe(1000);
    expect("fiscalYear" in result.input).toBe(false);
  });

  it("accepts OIT by sub-indicators and a null population", () => {
    const input = fixture("oit-sub-indicators.json");
    input.iit.population = null;
    expect(parseScoringInput(input).ok).toBe(true);
  });

  it("names the field of each fault", () => {
    const full = () => fixture("full-example.json");

    expect(errorsOf({ ...full(), fiscalYear: 2570 })).toEqual(["fiscalYear: unknown fiscal year 2570"]);
    expect(errorsOf({ iit: {} })).toEqual(["fiscalYear: required"]);
    expect(errorsOf([])).toEqual(["(input): must be a JSON object"]);
    expect(errorsOf({ ...full(), eit3: {} })).toEqual(["eit3: unknown part or field"]);

    const missing = full();
    delete missing.iit.items.i7;
    expect(errorsOf(missing)).toEqual(["iit.items.i7: required"]);

    expect(errorsOf(fixture("bad-item-range.json"))).toEqual(["eit1.items.e3: must be between 0 and 100"]);

    const negative = full();
    negative.eit2.items.e9 = -0.5;
    expect(errorsOf(negative)).toEqual(["eit2.items.e9: must be between 0 and 100"]);

    const text = full();
    text.iit.items.i2 = "95";
    expect(errorsOf(text)).toEqual(["iit.items.i2: must be a number"]);

    const unknownItem = full();
    unknownItem.iit.items.i16 = 50;
    expect(errorsOf(unknownItem)).toEqual(["iit.items.i16: unknown item code"]);

    const eitInIit = full();
    eitInIit.eit1.items.i1 = 50;
    expect(errorsOf(eitInIit)).toEqual(["eit1.items.i1: unknown item code"]);

    const respondents = full();
    respondents.iit.respondents = -1;
    respondents.eit1.respondents = 2.5;
    expect(errorsOf(respondents)).toEqual(["iit.respondents: must be a whole number ≥ 0", "eit1.respondents: must be a whole number ≥ 0"]);

    const unknownField = full();
    unknownField.iit.respondentz = 40;
    expect(errorsOf(unknownField)).toEqual(["iit.respondentz: unknown field"]);
  });

  it("requires OIT one way, complete", () => {
    const full = () => fixture("full-example.json");
    const both = full();
    both.oit.subIndicators = fixture("oit-sub-indicators.json").oit.subIndicators;
    expect(errorsOf(both)).toEqual(["oit: give items or subIndicators, not both"]);

    expect(errorsOf({ ...full(), oit: {} })).toEqual(["oit: give items or subIndicators"]);

    const incomplete = full();
    delete incomplete.oit.items.o13;
    expect(errorsOf(incomplete)).toEqual(["oit.items.o13: required"]);

    const subIncomplete = fixture("oit-sub-indicators.json");
    delete subIncomplete.oit.subIndicators["10.2"];
    expect(errorsOf(subIncomplete)).toEqual(["oit.subIndicators.10.2: required"]);
  });
});
