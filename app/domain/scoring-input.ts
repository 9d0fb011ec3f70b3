// The JSON input of the scoring CLI (scripts/score.ts), also the shape of the app's JSON export:
//
//   { "fiscalYear": 2568,
//     "registered": true,                       // optional, default true
//     "group": "local_subdistrict-M",           // optional: agency group for a fixed EIT-1 minimum
//     "iit":  { "items": { "i1": 97.5, … all 15 }, "respondents": 40, "minimumSample": 30 },
//     "eit1": { "items": { "e1": …, … all 9 }, "respondents": 250, "population": 1000 },
//     "eit2": { "items": { … all 9 }, "respondents": 40 },
//     "oit":  { "items": { "o1": 100, … all 28 } }  |  { "subIndicators": { "9.1": 100, … all 7 } } }
//
// Parts are optional (an absent part is "not processed: missing"); a present IIT / EIT part must
// score every item, and OIT every item or every sub-indicator. Item scores are 0–100. Counts
// (respondents, minimumSample, population) are whole numbers ≥ 0; population may be null ("not
// entered"). Every part may carry "notProcessedReason": "<text>".
import { z } from "zod";
import { formatPath, instrumentIndicators, instrumentItems, type Ruleset } from "./ruleset";
import { getBuiltinRuleset } from "./rulesets";
import { scoreAssessment, type AssessmentInput } from "./scoring";

const scoreSchema = z
  .number({ error: (issue) => (issue.input === undefined ? "required" : "must be a number") })
  .min(0, { error: "must be between 0 and 100" })
  .max(100, { error: "must be between 0 and 100" });

const countSchema = z
  .number({ error: "must be a whole number ≥ 0" })
  .int({ error: "must be a whole number ≥ 0" })
  .min(0, { error: "must be a whole number ≥ 0" });

function scoresSchema(codes: string[], unknown: string) {
  return z.strictObject(Object.fromEntries(codes.map((code) => [code, scoreSchema])), {
    error: (issue) => (issue.code === "unrecognized_keys" ? unknown : issue.input === undefined ? "required" : "must be an object"),
  });
}

const reasonSchema = z.string({ error: "must be a text" }).trim().min(1, { error: "must not be empty" });

/** The input schema for a ruleset: item codes, sub-indicators and required items come from it. */
export function scoringInputSchema(ruleset: Ruleset) {
  const perceptionPart = (instrument: "iit" | "eit") =>
    z.strictObject(
      {
        items: scoresSchema(
          instrumentItems(ruleset, instrument).map((item) => item.code),
          "unknown item code",
        ),
        respondents: countSchema.optional(),
        minimumSample: countSchema.optional(),
        population: countSchema.nullable().optional(),
        notProcessedReason: reasonSchema.optional(),
      },
      { error: (issue) => (issue.code === "unrecognized_keys" ? "unknown field" : "must be an object") },
    );
  const oitIndicators = instrumentIndicators(ruleset, "oit");
  const oitPart = z
    .strictObject(
      {
        items: scoresSchema(
          instrumentItems(ruleset, "oit").map((item) => item.code),
          "unknown item code",
        ).optional(),
        subIndicators: scoresSchema(
          oitIndicators.flatMap((indicator) => (indicator.subIndicators ?? []).map((sub) => sub.code)),
          "unknown sub-indicator code",
        ).optional(),
        notProcessedReason: reasonSchema.optional(),
      },
      { error: (issue) => (issue.code === "unrecognized_keys" ? "unknown field" : "must be an object") },
    )
    .superRefine((oit, ctx) => {
      if (oit.items && oit.subIndicators) ctx.addIssue({ code: "custom", message: "give items or subIndicators, not both" });
      if (!oit.items && !oit.subIndicators) ctx.addIssue({ code: "custom", message: "give items or subIndicators" });
    });

  return z.strictObject(
    {
      fiscalYear: z.literal(ruleset.meta.fiscalYear, { error: `must be ${ruleset.meta.fiscalYear}` }),
      registered: z.boolean({ error: "must be true or false" }).optional(),
      group: z.string({ error: "must be a text" }).min(1, { error: "must not be empty" }).nullable().optional(),
      iit: perceptionPart("iit").optional(),
      eit1: perceptionPart("eit").optional(),
      eit2: perceptionPart("eit").optional(),
      oit: oitPart.optional(),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? "unknown part or field" : "must be a JSON object") },
  );
}

export type ScoringInput = z.infer<ReturnType<typeof scoringInputSchema>>;

export type ParseScoringInputResult = { ok: true; ruleset: Ruleset; input: AssessmentInput } | { ok: false; errors: string[] };

function formatIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => `${formatPath([...issue.path, key])}: ${issue.message}`);
  }
  return [`${formatPath(issue.path) || "(input)"}: ${issue.message}`];
}

const EnvelopeSchema = z.looseObject({
  fiscalYear: z.number({ error: (issue) => (issue.input === undefined ? "required" : "must be a number") }).int({
    error: "must be a whole number",
  }),
});

/**
 * Validate CLI / export JSON: pick the ruleset of its fiscal year, then check every field against
 * it. Errors read "iit.items.i7: required", "eit1.items.e3: must be between 0 and 100".
 */
export function parseScoringInput(json: unknown, resolveRuleset: (fiscalYear: number) => Ruleset | undefined = getBuiltinRuleset): ParseScoringInputResult {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { ok: false, errors: ["(input): must be a JSON object"] };
  }
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, errors: envelope.error.issues.flatMap(formatIssue) };
  const ruleset = resolveRuleset(envelope.data.fiscalYear);
  if (!ruleset) return { ok: false, errors: [`fiscalYear: unknown fiscal year ${envelope.data.fiscalYear}`] };

  const parsed = scoringInputSchema(ruleset).safeParse(json);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.flatMap(formatIssue) };
  const { fiscalYear: _fiscalYear, ...input } = parsed.data;
  return { ok: true, ruleset, input };
}

/**
 * The CLI's JSON for an assessment input, so the app's exports can be scored outside the app. A
 * part without a score for every item is left out (the CLI reads it as "not processed: missing",
 * as the app reads it as incomplete or below the minimum; either way it counts 0).
 */
export function toScoringInputJson(ruleset: Ruleset, input: AssessmentInput): ScoringInput {
  const complete = (scores: Record<string, number | null | undefined> | undefined, codes: string[]) =>
    scores && codes.every((code) => typeof scores[code] === "number") ? Object.fromEntries(codes.map((code) => [code, scores[code] as number])) : null;
  const json: Record<string, unknown> = { fiscalYear: ruleset.meta.fiscalYear, registered: input.registered ?? true };
  if (input.group) json.group = input.group;
  for (const [part, instrument] of [
    ["iit", "iit"],
    ["eit1", "eit"],
    ["eit2", "eit"],
  ] as const) {
    const given = input[part];
    const items = complete(
      given?.items,
      instrumentItems(ruleset, instrument).map((item) => item.code),
    );
    if (!given || !items) continue;
    json[part] = {
      items,
      ...(given.respondents != null ? { respondents: given.respondents } : {}),
      ...(given.minimumSample != null ? { minimumSample: given.minimumSample } : {}),
      ...(given.population !== undefined ? { population: given.population } : {}),
    };
  }
  // EIT-2's minimum comes from EIT-1's: if EIT-1 is left out, carry EIT-2's own minimum, or the CLI
  // would have none and process EIT-2 where the app does not.
  const eit2 = json.eit2 as { minimumSample?: number } | undefined;
  if (eit2 && !json.eit1 && eit2.minimumSample === undefined) {
    const minimum = scoreAssessment(input, ruleset).parts.eit2.minimumSample;
    if (minimum !== null) eit2.minimumSample = minimum;
  }
  const oitItems = complete(
    input.oit?.items,
    instrumentItems(ruleset, "oit").map((item) => item.code),
  );
  const subCodes = instrumentIndicators(ruleset, "oit").flatMap((indicator) => (indicator.subIndicators ?? []).map((sub) => sub.code));
  const oitSubs = oitItems ? null : complete(input.oit?.subIndicators, subCodes);
  if (oitItems) json.oit = { items: oitItems };
  else if (oitSubs) json.oit = { subIndicators: oitSubs };
  return json as ScoringInput;
}
