// toScoringInputJson: the app's exports write each agency's scoring input in the CLI's JSON format,
// so anyone can re-score an export with `npm run score`. The contract checked here: the JSON parses
// with parseScoringInput and scores exactly as the app's own input does.
import { describe, expect, it } from "vitest";
import { hashSeed, seededRandom } from "../../../prisma/factories";
import { instrumentIndicators, instrumentItems, parseRuleset, PART_CODES, type Ruleset } from "../../../app/domain/ruleset";
import { ita2568, ita2568Definition } from "../../../app/domain/rulesets/ita-2568";
import { parseScoringInput, toScoringInputJson } from "../../../app/domain/scoring-input";
import { scoreAssessment, type AssessmentInput, type ItemScores, type PerceptionPartInput } from "../../../app/domain/scoring";

const IIT = instrumentItems(ita2568, "iit").map((item) => item.code); // i1 … i15
const EIT = instrumentItems(ita2568, "eit").map((item) => item.code); // e1 … e9
const OIT = instrumentItems(ita2568, "oit").map((item) => item.code); // o1 … o28
const OIT_SUBS = instrumentIndicators(ita2568, "oit").flatMap((indicator) => (indicator.subIndicators ?? []).map((sub) => sub.code));

const all = (codes: string[], value: number) => Object.fromEntries(codes.map((code) => [code, value]));

/** Through a file, as an export is used: stringify, parse, validate. */
function roundTrip(ruleset: Ruleset, input: AssessmentInput, resolve: (fiscalYear: number) => Ruleset | undefined = () => ruleset) {
  const json = JSON.parse(JSON.stringify(toScoringInputJson(ruleset, input)));
  const parsed = parseScoringInput(json, resolve);
  if (!parsed.ok) throw new Error(`export does not parse: ${parsed.errors.join("; ")}\n${JSON.stringify(json)}`);
  return { json, input: parsed.input, ruleset: parsed.ruleset };
}

/** The figures an export's reader would compare: total, rating, every part's score and processed. */
function figures(input: AssessmentInput, ruleset: Ruleset = ita2568) {
  const result = scoreAssessment(input, ruleset);
  return {
    total: result.total,
    rating: result.rating,
    parts: Object.fromEntries(PART_CODES.map((part) => [part, { score: result.parts[part].score, processed: result.parts[part].processed }])),
  };
}

function expectSameScore(input: AssessmentInput, ruleset: Ruleset = ita2568) {
  const exported = roundTrip(ruleset, input);
  expect(figures(exported.input, exported.ruleset)).toEqual(figures(input, ruleset));
  return exported;
}

// The full example of test/unit/domain/scoring.test.ts (total 91.20, pass-good, hand-computed there).
function fullExample(): AssessmentInput {
  const oit = all(OIT, 100);
  oit.o4 = 0;
  oit.o27 = 0;
  return {
    iit: {
      items: Object.fromEntries(IIT.map((code, i) => [code, [90, 95, 100, 80, 90, 100, 85, 90, 95, 100, 100, 100, 70, 80, 90][i]])),
      respondents: 40,
      minimumSample: 30,
    },
    eit1: { items: Object.fromEntries(EIT.map((code, i) => [code, [90, 90, 90, 80, 85, 90, 100, 95, 90][i]])), respondents: 250, population: 1000 },
    eit2: { items: Object.fromEntries(EIT.map((code, i) => [code, [100, 90, 80, 95, 90, 100, 92, 93, 94][i]])), respondents: 40 },
    oit: { items: oit },
  };
}

describe("toScoringInputJson: complete inputs", () => {
  it("the full example exports, parses and scores the same: 91.20, pass-good", () => {
    const { json, input } = expectSameScore(fullExample());
    expect(json.fiscalYear).toBe(2568);
    expect(json.registered).toBe(true); // the default, written out
    expect(json.iit).toEqual({ items: fullExample().iit!.items, respondents: 40, minimumSample: 30 });
    expect(json.eit1).toEqual({ items: fullExample().eit1!.items, respondents: 250, population: 1000 });
    expect(json.eit2).toEqual({ items: fullExample().eit2!.items, respondents: 40 });
    expect(Object.keys(json.oit)).toEqual(["items"]);
    const result = scoreAssessment(input, ita2568);
    expect(result.total).toBe(91.2);
    expect(result.rating.code).toBe("pass-good");
  });

  it("registered: false is kept, and nothing is processed on either side", () => {
    const { json } = expectSameScore({ ...fullExample(), registered: false });
    expect(json.registered).toBe(false);
  });

  it("the app's shape (assessmentInput in progress.server.ts): populations, counts, no minimums", () => {
    const input: AssessmentInput = {
      registered: true,
      group: null,
      iit: { items: all(IIT, 96.5), respondents: 45, population: 120 }, // minimum ⌈0.2 · 120⌉ = 24 → 30 (floor)
      eit1: { items: all(EIT, 91.25), respondents: 210, population: 1000 }, // minimum 200
      eit2: { items: all(EIT, 88), respondents: 41 }, // minimum max(20, ⌈0.2 · 200⌉) = 40
      oit: { items: all(OIT, 100) },
    };
    expectSameScore(input);
    // Below a minimum: eit2 40 → 39 of 40 respondents: not processed on both sides.
    const below = structuredClone(input);
    below.eit2!.respondents = 39;
    expect(figures(roundTrip(ita2568, below).input).parts.eit2.processed).toBe(false);
    expectSameScore(below);
  });

  it("group is written when given, omitted when null, undefined or empty", () => {
    expect(toScoringInputJson(ita2568, { ...fullExample(), group: "local_subdistrict-M" }).group).toBe("local_subdistrict-M");
    expect("group" in toScoringInputJson(ita2568, { ...fullExample(), group: null })).toBe(false);
    expect("group" in toScoringInputJson(ita2568, fullExample())).toBe(false);
    expect("group" in toScoringInputJson(ita2568, { ...fullExample(), group: "" })).toBe(false);
    // Omitting a null group still parses (the schema would take null too).
    expectSameScore({ ...fullExample(), group: null });
  });

  it("a group with a fixed EIT-1 minimum keeps deciding after the round trip", () => {
    // A cycle whose table gives local_subdistrict-M a fixed EIT-1 minimum of 70 (EIT-2: max(20, ⌈14⌉) = 20).
    const definition = structuredClone(ita2568Definition) as { sampling: { fixedEit1MinimumByGroup: Record<string, number> } };
    definition.sampling.fixedEit1MinimumByGroup = { "local_subdistrict-M": 70 };
    const parsedRuleset = parseRuleset(definition);
    if (!parsedRuleset.ok) throw new Error(parsedRuleset.errors.join("; "));
    const ruleset = parsedRuleset.ruleset;
    const input: AssessmentInput = {
      group: "local_subdistrict-M",
      iit: { items: all(IIT, 90), respondents: 30, population: 100 },
      // 69 respondents < 70 (the group's minimum; the percentage rule on N = 100 would say 30).
      eit1: { items: all(EIT, 90), respondents: 69, population: 100 },
      eit2: { items: all(EIT, 90), respondents: 20 },
      oit: { items: all(OIT, 90) },
    };
    const original = figures(input, ruleset);
    expect(original.parts.eit1.processed).toBe(false);
    const exported = roundTrip(ruleset, input);
    expect(exported.json.group).toBe("local_subdistrict-M");
    expect(figures(exported.input, ruleset)).toEqual(original);
  });

  it("population null is kept (not entered → population-missing on both sides)", () => {
    const input: AssessmentInput = { ...fullExample(), iit: { items: all(IIT, 90), respondents: 12, population: null } };
    const { json, input: parsed } = expectSameScore(input);
    expect(json.iit).toEqual({ items: all(IIT, 90), respondents: 12, population: null });
    expect(scoreAssessment(parsed, ita2568).parts.iit.reason?.code).toBe("population-missing");
    expect(scoreAssessment(input, ita2568).parts.iit.reason?.code).toBe("population-missing");
  });

  it("population 0 is kept as 0; an absent population stays absent", () => {
    const zero = toScoringInputJson(ita2568, { ...fullExample(), eit1: { items: all(EIT, 90), respondents: 5, population: 0 } });
    expect(zero.eit1).toEqual({ items: all(EIT, 90), respondents: 5, population: 0 });
    const absent = toScoringInputJson(ita2568, { ...fullExample(), eit1: { items: all(EIT, 90) } });
    expect(absent.eit1).toEqual({ items: all(EIT, 90) });
    expectSameScore({ ...fullExample(), eit1: { items: all(EIT, 90), respondents: 5, population: 0 } });
  });

  it("null respondents and minimumSample are left out (the schema takes only numbers)", () => {
    const json = toScoringInputJson(ita2568, { iit: { items: all(IIT, 80), respondents: null, minimumSample: null } });
    expect(json.iit).toEqual({ items: all(IIT, 80) });
    expectSameScore({ iit: { items: all(IIT, 80), respondents: null, minimumSample: null } });
  });

  it("only the ruleset's item codes are written, in ruleset order", () => {
    const json = toScoringInputJson(ita2568, fullExample());
    expect(Object.keys(json.iit!.items)).toEqual(IIT);
    expect(Object.keys(json.eit1!.items)).toEqual(EIT);
    expect(Object.keys(json.oit!.items!)).toEqual(OIT);
  });
});

describe("toScoringInputJson: incomplete parts are left out", () => {
  it.each(["iit", "eit1", "eit2"] as const)("%s with any null item is omitted", (part) => {
    const input = fullExample();
    const items = input[part]!.items;
    items[Object.keys(items)[3]] = null;
    const json = toScoringInputJson(ita2568, input);
    expect(part in json).toBe(false);
    // The other parts are still there.
    for (const other of ["iit", "eit1", "eit2", "oit"] as const) if (other !== part) expect(other in json).toBe(true);
    // App: incomplete, CLI: missing — either way not processed, no score, counted 0.
    const { input: parsed } = roundTrip(ita2568, input);
    expect(scoreAssessment(input, ita2568).parts[part].reason?.code).toBe("incomplete");
    expect(scoreAssessment(parsed, ita2568).parts[part].reason?.code).toBe("missing");
  });

  it("a part with an item missing (undefined) or no items at all is omitted", () => {
    const input = fullExample();
    delete input.iit!.items.i15;
    input.eit1!.items = {};
    const json = toScoringInputJson(ita2568, input);
    expect("iit" in json).toBe(false);
    expect("eit1" in json).toBe(false);
  });

  it("OIT with every item scored → items", () => {
    const json = toScoringInputJson(ita2568, { oit: { items: all(OIT, 100) } });
    expect(json.oit).toEqual({ items: all(OIT, 100) });
    expectSameScore({ oit: { items: all(OIT, 100) } });
  });

  it("OIT with some items unscored (null or absent) → omitted", () => {
    const nulls: ItemScores = { ...all(OIT, 100), o28: null };
    expect("oit" in toScoringInputJson(ita2568, { oit: { items: nulls } })).toBe(false);
    const partial: ItemScores = all(OIT.slice(0, 10), 100);
    expect("oit" in toScoringInputJson(ita2568, { oit: { items: partial } })).toBe(false);
    expect("oit" in toScoringInputJson(ita2568, { oit: { items: {} } })).toBe(false);
    expectSameScore({ ...fullExample(), oit: { items: nulls } });
  });

  it("OIT by sub-indicators → subIndicators", () => {
    // 9.1 … 9.5 = 100, 90, 80, 70, 60 → ind 9 = 80; 10.1, 10.2 = 100, 50 → ind 10 = 75; OIT = 77.5.
    const subs: ItemScores = Object.fromEntries(OIT_SUBS.map((code, i) => [code, [100, 90, 80, 70, 60, 100, 50][i]]));
    const json = toScoringInputJson(ita2568, { oit: { subIndicators: subs } });
    expect(json.oit).toEqual({ subIndicators: subs });
    const { input } = expectSameScore({ ...fullExample(), oit: { subIndicators: subs } });
    expect(scoreAssessment(input, ita2568).parts.oit.score).toBe(77.5);
  });

  it("OIT by sub-indicators with one null → omitted", () => {
    const subs: ItemScores = { ...all(OIT_SUBS, 100), "10.2": null };
    expect("oit" in toScoringInputJson(ita2568, { oit: { subIndicators: subs } })).toBe(false);
  });

  it("no parts at all: just the envelope, which parses and scores 0", () => {
    const json = toScoringInputJson(ita2568, {});
    expect(json).toEqual({ fiscalYear: 2568, registered: true });
    expectSameScore({});
    expect(figures(roundTrip(ita2568, {}).input).total).toBe(0);
  });

  // EIT-2's minimum is derived from EIT-1's. When EIT-1 is left out of the export (an item mean
  // missing, e.g. fewer than 5 EIT-1 responses while collecting), the export carries EIT-2's own
  // minimum, so the CLI does not process EIT-2 where the app does not.
  it("EIT-2 below its minimum stays not processed when EIT-1 is left out", () => {
    const input: AssessmentInput = {
      iit: { items: all(IIT, 100), respondents: 40, population: 100 }, // min 30 → processed
      // EIT-1 minimum from N = 1000 is 200; one item has no mean yet → EIT-1 not exported.
      eit1: { items: { ...all(EIT, 100), e9: null }, respondents: 3, population: 1000 },
      // EIT-2 minimum = max(20, ⌈0.2 · 200⌉) = 40; 25 < 40 → below-minimum in the app.
      eit2: { items: all(EIT, 100), respondents: 25 },
      oit: { items: all(OIT, 100) },
    };
    // App: 0.30 · 100 + 0.40 · 100 = 70.00 (without the minimum the CLI would add 0.15 · 100 → 85.00).
    expect(toScoringInputJson(ita2568, input).eit2?.minimumSample).toBe(40);
    expect(figures(input).total).toBe(70);
    expect(figures(input).parts.eit2.processed).toBe(false);
    expectSameScore(input);
  });
});

// ───────────────────────── property: random inputs ─────────────────────────

type Random = () => number;
const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)];
const int = (random: Random, low: number, high: number) => Math.floor(low + random() * (high - low + 1));

/** An item score as the app produces them: item means (full precision), round figures, 0 or 100. */
function itemScore(random: Random): number {
  const kind = random();
  if (kind < 0.1) return 100;
  if (kind < 0.15) return 0;
  if (kind < 0.35) return int(random, 0, 100);
  if (kind < 0.5) return int(random, 0, 10_000) / 100;
  return 50 + random() * 50; // a mean over respondents, e.g. 87.333…
}

function randomScores(random: Random, codes: string[], nullChance: number): ItemScores {
  return Object.fromEntries(codes.map((code) => [code, random() < nullChance ? null : itemScore(random)]));
}

function randomPerceptionPart(random: Random, codes: string[], nullChance: number): PerceptionPartInput | undefined {
  if (random() < 0.1) return undefined; // part not given at all
  const part: PerceptionPartInput = { items: randomScores(random, codes, nullChance) };
  const respondents = random();
  if (respondents < 0.7) part.respondents = int(random, 0, 600);
  else if (respondents < 0.8) part.respondents = null;
  const minimum = random();
  if (minimum < 0.2) part.minimumSample = int(random, 0, 400);
  else if (minimum < 0.3) part.minimumSample = null;
  const population = random();
  if (population < 0.6) part.population = int(random, 1, 5000);
  else if (population < 0.75) part.population = null;
  else if (population < 0.8) part.population = 0;
  return part;
}

function randomInput(random: Random, nullChance: number): AssessmentInput {
  const input: AssessmentInput = {};
  const registered = random();
  if (registered < 0.1) input.registered = false;
  else if (registered < 0.4) input.registered = true;
  const group = random();
  if (group < 0.2) input.group = pick(random, ["local_sao-S", "local_subdistrict-M", "ministry"]);
  else if (group < 0.4) input.group = null;
  const iit = randomPerceptionPart(random, IIT, nullChance);
  const eit1 = randomPerceptionPart(random, EIT, nullChance);
  const eit2 = randomPerceptionPart(random, EIT, nullChance);
  if (iit) input.iit = iit;
  if (eit1) input.eit1 = eit1;
  if (eit2) input.eit2 = eit2;
  const oit = random();
  if (oit < 0.55) input.oit = { items: randomScores(random, OIT, nullChance) };
  else if (oit < 0.9) input.oit = { subIndicators: randomScores(random, OIT_SUBS, nullChance) };
  return input;
}

describe("property: export → parse → score equals scoring the app's input", () => {
  // CPU-heavy (400 round trips): a generous limit so a busy machine does not fail it on time.
  it("400 random complete inputs (parts present or absent, every present part complete)", { timeout: 60_000 }, () => {
    const random = seededRandom(hashSeed("scoring-input-export/complete"));
    let processedParts = 0;
    for (let n = 0; n < 400; n++) {
      const input = randomInput(random, 0);
      const { json } = roundTrip(ita2568, input);
      // Every part given is complete, so every part given is exported.
      for (const part of PART_CODES) expect(part in json, `case ${n}: ${part}`).toBe(part in input);
      const exported = parseScoringInput(JSON.parse(JSON.stringify(json)));
      if (!exported.ok) throw new Error(exported.errors.join("; "));
      expect(figures(exported.input), `case ${n}: ${JSON.stringify(input)}`).toEqual(figures(input));
      processedParts += PART_CODES.filter((part) => scoreAssessment(input, ita2568).parts[part].processed).length;
    }
    // The generator is not degenerate: a fair share of parts is processed (and some are not).
    expect(processedParts).toBeGreaterThan(300);
    expect(processedParts).toBeLessThan(1400);
  });

  it("300 random inputs with unscored items: incomplete parts are omitted, the score is the same", () => {
    // Equality holds whenever EIT-2's minimum does not hang on a left-out EIT-1 (the known bug
    // above): such cases are given EIT-2 its own minimumSample, as a CLI input may.
    const random = seededRandom(hashSeed("scoring-input-export/incomplete"));
    let omitted = 0;
    for (let n = 0; n < 300; n++) {
      const input = randomInput(random, 0.02);
      const eit1Complete = input.eit1 && EIT.every((code) => typeof input.eit1!.items[code] === "number");
      if (input.eit1 && !eit1Complete && input.eit2 && input.eit2.minimumSample == null) input.eit2.minimumSample = int(random, 0, 80);
      const { json, input: parsed } = roundTrip(ita2568, input);
      for (const part of ["iit", "eit1", "eit2"] as const) {
        const given = input[part];
        const complete = given !== undefined && Object.values(given.items).every((score) => typeof score === "number");
        expect(part in json, `case ${n}: ${part}`).toBe(complete);
        if (given && !complete) omitted++;
      }
      expect(figures(parsed), `case ${n}: ${JSON.stringify(input)}`).toEqual(figures(input));
    }
    expect(omitted).toBeGreaterThan(50);
  });
});
