// One fiscal year's ITA definition (ruleset) as validated data: parts and weights, indicators,
// items and their wording, answer option sets and points, minimum-sample rules, rating bands and
// screening questions. ITA 2568: "keep the rules as versioned data (fiscalYear: 2568) so 2569 can
// change them without code surgery", and the assessor imports the official wording as a validated
// JSON file per fiscal year — parseRuleset() is that validation.
import { z } from "zod";

// ───────────────────────────── building blocks ─────────────────────────────

const CodeSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: "must be a code (letters, digits, '.', '_', '-')" });

const TextSchema = z.string().trim().min(1, { error: "must not be empty" });

/** A bilingual text: Thai first, English second. */
export const LocalizedTextSchema = z.strictObject({ th: TextSchema, en: TextSchema });

/** Question wording; `provisional` marks text reconstructed until the official manual is imported. */
export const WordingSchema = z.strictObject({
  th: TextSchema,
  en: TextSchema,
  provisional: z.boolean().optional(),
});

const PointsSchema = z.number().min(0, { error: "must be between 0 and 100" }).max(100, { error: "must be between 0 and 100" });

export const OptionSchema = z.strictObject({ label: LocalizedTextSchema, points: PointsSchema });

/** An answer option set; an answer is stored as the 0-based index of the chosen option. */
export const OptionSetSchema = z.strictObject({
  code: CodeSchema,
  name: LocalizedTextSchema.optional(),
  options: z.array(OptionSchema).min(2, { error: "needs at least 2 options" }),
});

export const PART_CODES = ["iit", "eit1", "eit2", "oit"] as const;
export const PartCodeSchema = z.enum(PART_CODES);

export const INSTRUMENT_CODES = ["iit", "eit", "oit"] as const;
export const InstrumentCodeSchema = z.enum(INSTRUMENT_CODES);

/** The perception instruments (answered by people, stored in response rows). */
export const PERCEPTION_INSTRUMENTS = ["iit", "eit"] as const;

/** Storage has p1…p30 / sum1…sum30 per response / tally row (docs/decisions/002). */
export const PERCEPTION_ITEM_SLOTS = 30;

/** Which instrument each scored part uses: EIT parts 1 and 2 share the EIT items. */
export const PART_INSTRUMENT = { iit: "iit", eit1: "eit", eit2: "eit", oit: "oit" } as const;

const PartSchema = z.strictObject({
  name: LocalizedTextSchema,
  weight: z.number().min(0, { error: "must be between 0 and 100" }).max(100, { error: "must be between 0 and 100" }),
});

export const SubIndicatorSchema = z.strictObject({ code: CodeSchema, name: LocalizedTextSchema });

export const IndicatorSchema = z.strictObject({
  code: CodeSchema,
  instrument: InstrumentCodeSchema,
  name: LocalizedTextSchema,
  subIndicators: z.array(SubIndicatorSchema).optional(),
});

export const SubItemSchema = z.strictObject({
  code: CodeSchema,
  wording: WordingSchema,
  optionSet: CodeSchema,
});

export const ItemSchema = z.strictObject({
  code: CodeSchema,
  indicator: CodeSchema,
  /** OIT only: the sub-indicator (e.g. "9.1") the item belongs to. */
  subIndicator: CodeSchema.optional(),
  /** What the item measures, in a few words. */
  topic: LocalizedTextSchema.optional(),
  /** ITA 2568: the topic is confirmed from the agency's analysis of its weak items. */
  topicConfirmed: z.boolean().optional(),
  wording: WordingSchema,
  /** IIT/EIT items without sub-items. */
  optionSet: CodeSchema.optional(),
  /** IIT/EIT items answered in parts; the item's points are the mean of its sub-items' points. */
  subItems: z.array(SubItemSchema).min(1, { error: "must list at least 1 sub-item" }).optional(),
  /** Display label used by some reports (e.g. "ES2"); the code stays the key. */
  alias: TextSchema.optional(),
});

const CountSchema = z.number().int({ error: "must be a whole number" }).min(0, { error: "must not be negative" });

export const SamplingRulesSchema = z.strictObject({
  /** ITA 2568: minimum = 20 % of N. Whole percent, so ceil(N·percent/100) stays exact in integers. */
  percent: z.number().int({ error: "must be a whole percent" }).min(1).max(100),
  /** … but at least 30 … */
  floor: CountSchema,
  /** … if N < 30, all N … */
  allOfPopulationBelow: CountSchema,
  /** … if N > 2,000, at least 400 (the minimum is 400 there). */
  largePopulationAbove: CountSchema,
  largePopulationMinimum: CountSchema,
  /** ITA 2568: EIT part 2 = at least 20 % of the EIT part 1 minimum, and at least 20. */
  eitPart2: z.strictObject({
    percentOfPart1: z.number().int({ error: "must be a whole percent" }).min(1).max(100),
    floor: CountSchema,
  }),
  /** A cycle may instead carry a fixed EIT-1 minimum per agency group (e.g. a size-M municipality → 70). */
  fixedEit1MinimumByGroup: z.record(CodeSchema, CountSchema).default({}),
});

export const RatingBandSchema = z.strictObject({
  code: CodeSchema,
  label: LocalizedTextSchema,
  /** The published (2-decimal) total must be at least this. */
  minTotal: z.number().min(0).max(100),
  /** Every part's published score must be at least this (a not-processed part fails it). */
  minEveryPart: z.number().min(0).max(100).optional(),
});

export const ScreeningOptionSchema = z.strictObject({
  code: CodeSchema,
  label: LocalizedTextSchema,
  /** Choosing this option ends the survey: the person is not eligible to answer. */
  blocks: z.boolean().optional(),
});

export const ScreeningQuestionSchema = z.strictObject({
  code: CodeSchema,
  question: LocalizedTextSchema,
  options: z.array(ScreeningOptionSchema).min(2, { error: "needs at least 2 options" }),
  blockedMessage: LocalizedTextSchema.optional(),
});

export const RulesetMetaSchema = z.strictObject({
  fiscalYear: z.number().int().min(2500, { error: "must be a Buddhist-era year" }).max(2700, { error: "must be a Buddhist-era year" }),
  rulesVersion: TextSchema,
  provisionalWording: z.boolean(),
  source: TextSchema,
});

export const RulesetSchema = z.strictObject({
  meta: RulesetMetaSchema,
  instruments: z.strictObject({
    iit: z.strictObject({ name: LocalizedTextSchema }),
    eit: z.strictObject({ name: LocalizedTextSchema }),
    oit: z.strictObject({ name: LocalizedTextSchema }),
  }),
  parts: z.strictObject({ iit: PartSchema, eit1: PartSchema, eit2: PartSchema, oit: PartSchema }),
  optionSets: z.array(OptionSetSchema).min(1),
  indicators: z.array(IndicatorSchema).min(1),
  items: z.array(ItemSchema).min(1),
  sampling: SamplingRulesSchema,
  ratingBands: z.array(RatingBandSchema).min(1),
  screening: z.strictObject({
    iit: z.array(ScreeningQuestionSchema),
    eit: z.array(ScreeningQuestionSchema),
  }),
});

export type LocalizedText = z.infer<typeof LocalizedTextSchema>;
export type Wording = z.infer<typeof WordingSchema>;
export type AnswerOption = z.infer<typeof OptionSchema>;
export type OptionSet = z.infer<typeof OptionSetSchema>;
export type PartCode = z.infer<typeof PartCodeSchema>;
export type InstrumentCode = z.infer<typeof InstrumentCodeSchema>;
export type PerceptionInstrument = (typeof PERCEPTION_INSTRUMENTS)[number];
export type Indicator = z.infer<typeof IndicatorSchema>;
export type SubIndicator = z.infer<typeof SubIndicatorSchema>;
export type Item = z.infer<typeof ItemSchema>;
export type SubItem = z.infer<typeof SubItemSchema>;
export type SamplingRules = z.infer<typeof SamplingRulesSchema>;
export type RatingBand = z.infer<typeof RatingBandSchema>;
export type ScreeningQuestion = z.infer<typeof ScreeningQuestionSchema>;
export type Ruleset = z.infer<typeof RulesetSchema>;
/** The JSON accepted by parseRuleset (defaults not yet applied). */
export type RulesetInput = z.input<typeof RulesetSchema>;

export type ParseRulesetResult = { ok: true; ruleset: Ruleset } | { ok: false; errors: string[] };

// ───────────────────────────── parsing ─────────────────────────────

/** `items[3].optionSet` from ["items", 3, "optionSet"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function formatIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown field`);
  }
  const where = formatPath(issue.path);
  return [`${where || "(root)"}: ${issue.message}`];
}

/** Validate a ruleset (structure, then cross-references). Errors name the path of the fault. */
export function parseRuleset(json: unknown): ParseRulesetResult {
  const parsed = RulesetSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.flatMap(formatIssue) };
  const errors = crossCheck(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, ruleset: parsed.data };
}

/** parseRuleset for built-in data: a fault there is a programming error, so it throws. */
export function mustParseRuleset(json: unknown): Ruleset {
  const result = parseRuleset(json);
  if (!result.ok) throw new Error(`Invalid ITA ruleset:\n  ${result.errors.join("\n  ")}`);
  return result.ruleset;
}

/** Collects "path: message" errors and reports the first place a code was used twice. */
function duplicateChecker(errors: string[], what: string) {
  const seen = new Map<string, string>();
  return (code: string, path: string) => {
    const first = seen.get(code);
    if (first !== undefined) errors.push(`${path}: duplicate ${what} "${code}" (first at ${first})`);
    else seen.set(code, path);
  };
}

function crossCheck(ruleset: Ruleset): string[] {
  const errors: string[] = [];

  const optionSetCodes = new Set<string>();
  const checkOptionSet = duplicateChecker(errors, "option set code");
  ruleset.optionSets.forEach((set, i) => {
    checkOptionSet(set.code, `optionSets[${i}].code`);
    optionSetCodes.add(set.code);
  });

  // Indicator and sub-indicator codes are keys of published results, so they are unique.
  const indicators = new Map<string, Indicator>();
  const subIndicatorOwner = new Map<string, string>();
  const checkIndicator = duplicateChecker(errors, "indicator code");
  const checkSubIndicator = duplicateChecker(errors, "sub-indicator code");
  ruleset.indicators.forEach((indicator, i) => {
    checkIndicator(indicator.code, `indicators[${i}].code`);
    indicators.set(indicator.code, indicator);
    if (indicator.subIndicators && indicator.instrument !== "oit") {
      errors.push(`indicators[${i}].subIndicators: only OIT indicators have sub-indicators`);
    }
    indicator.subIndicators?.forEach((sub, j) => {
      checkSubIndicator(sub.code, `indicators[${i}].subIndicators[${j}].code`);
      subIndicatorOwner.set(sub.code, indicator.code);
    });
  });
  for (const instrument of INSTRUMENT_CODES) {
    if (!ruleset.indicators.some((indicator) => indicator.instrument === instrument)) {
      errors.push(`indicators: instrument ${instrument} has no indicator`);
    }
  }

  // Item and sub-item codes share one namespace: they are the answer keys of a response.
  const checkItemCode = duplicateChecker(errors, "item code");
  const itemsPerIndicator = new Map<string, number>();
  const itemsPerSubIndicator = new Map<string, number>();
  const itemsPerInstrument = new Map<InstrumentCode, number>();
  ruleset.items.forEach((item, i) => {
    const at = `items[${i}]`;
    checkItemCode(item.code, `${at}.code`);
    item.subItems?.forEach((sub, j) => checkItemCode(sub.code, `${at}.subItems[${j}].code`));

    const indicator = indicators.get(item.indicator);
    if (!indicator) {
      errors.push(`${at}.indicator: unknown indicator "${item.indicator}"`);
      return;
    }
    itemsPerIndicator.set(indicator.code, (itemsPerIndicator.get(indicator.code) ?? 0) + 1);
    itemsPerInstrument.set(indicator.instrument, (itemsPerInstrument.get(indicator.instrument) ?? 0) + 1);

    if (indicator.instrument === "oit") {
      // OIT items are scored 0–100 by the assessor: no answer options.
      if (item.optionSet !== undefined) errors.push(`${at}.optionSet: OIT items are scored by the assessor, not answered`);
      if (item.subItems !== undefined) errors.push(`${at}.subItems: OIT items have no sub-items`);
      if (indicator.subIndicators?.length) {
        if (item.subIndicator === undefined) {
          errors.push(`${at}.subIndicator: required (indicator ${indicator.code} has sub-indicators)`);
        } else if (subIndicatorOwner.get(item.subIndicator) !== indicator.code) {
          errors.push(`${at}.subIndicator: unknown sub-indicator "${item.subIndicator}" of indicator ${indicator.code}`);
        } else {
          itemsPerSubIndicator.set(item.subIndicator, (itemsPerSubIndicator.get(item.subIndicator) ?? 0) + 1);
        }
      } else if (item.subIndicator !== undefined) {
        errors.push(`${at}.subIndicator: indicator ${indicator.code} has no sub-indicators`);
      }
      return;
    }

    if (item.subIndicator !== undefined) errors.push(`${at}.subIndicator: only OIT items belong to sub-indicators`);
    if (item.subItems) {
      if (item.optionSet !== undefined) {
        errors.push(`${at}.optionSet: an item with sub-items takes its options from each sub-item`);
      }
      item.subItems.forEach((sub, j) => {
        // "i1.1" names its item, so an answer key alone says which item slot it feeds.
        if (!sub.code.startsWith(`${item.code}.`)) {
          errors.push(`${at}.subItems[${j}].code: must start with "${item.code}."`);
        }
        if (!optionSetCodes.has(sub.optionSet)) {
          errors.push(`${at}.subItems[${j}].optionSet: unknown option set "${sub.optionSet}"`);
        }
      });
    } else if (item.optionSet === undefined) {
      errors.push(`${at}.optionSet: required (or give subItems)`);
    } else if (!optionSetCodes.has(item.optionSet)) {
      errors.push(`${at}.optionSet: unknown option set "${item.optionSet}"`);
    }
  });

  // ITA 2568: an indicator score is the mean of its items (OIT: of its sub-indicators), so none may be empty.
  ruleset.indicators.forEach((indicator, i) => {
    if (indicator.instrument === "oit" && indicator.subIndicators?.length) {
      indicator.subIndicators.forEach((sub, j) => {
        if (!itemsPerSubIndicator.get(sub.code)) {
          errors.push(`indicators[${i}].subIndicators[${j}]: sub-indicator ${sub.code} has no item`);
        }
      });
    } else if (!itemsPerIndicator.get(indicator.code)) {
      errors.push(`indicators[${i}]: indicator ${indicator.code} has no item`);
    }
  });

  for (const instrument of PERCEPTION_INSTRUMENTS) {
    const count = itemsPerInstrument.get(instrument) ?? 0;
    if (count > PERCEPTION_ITEM_SLOTS) {
      errors.push(`items: ${instrument} has ${count} items, storage holds at most ${PERCEPTION_ITEM_SLOTS}`);
    }
  }

  // ITA 2568: total = 0.30·IIT + 0.15·EIT-1 + 0.15·EIT-2 + 0.40·OIT — weights are percentages of 100.
  const weightSum = PART_CODES.reduce((sum, part) => sum + ruleset.parts[part].weight, 0);
  if (Math.abs(weightSum - 100) > 1e-9) errors.push(`parts: weights must sum to 100 (got ${weightSum})`);

  const checkBand = duplicateChecker(errors, "rating band code");
  ruleset.ratingBands.forEach((band, i) => {
    checkBand(band.code, `ratingBands[${i}].code`);
    const previous = ruleset.ratingBands[i - 1];
    // Bands are tried in order, best first; the first whose conditions hold is the rating.
    if (previous && band.minTotal > previous.minTotal) {
      errors.push(`ratingBands[${i}].minTotal: bands must be ordered from the highest minTotal down`);
    }
  });
  const lastBand = ruleset.ratingBands[ruleset.ratingBands.length - 1];
  if (lastBand && (lastBand.minTotal !== 0 || lastBand.minEveryPart !== undefined)) {
    errors.push(`ratingBands[${ruleset.ratingBands.length - 1}]: the last band must catch every total (minTotal 0, no part condition)`);
  }

  for (const instrument of PERCEPTION_INSTRUMENTS) {
    const checkQuestion = duplicateChecker(errors, "screening question code");
    ruleset.screening[instrument].forEach((question, i) => {
      const at = `screening.${instrument}[${i}]`;
      checkQuestion(question.code, `${at}.code`);
      const checkOption = duplicateChecker(errors, "option code");
      question.options.forEach((option, j) => checkOption(option.code, `${at}.options[${j}].code`));
      if (question.options.every((option) => option.blocks)) errors.push(`${at}.options: every option blocks`);
      if (question.options.some((option) => option.blocks) && !question.blockedMessage) {
        errors.push(`${at}.blockedMessage: required when an option blocks`);
      }
    });
  }

  return errors;
}

// ───────────────────────────── look-ups ─────────────────────────────

/** The instrument an item belongs to (through its indicator). */
export function itemInstrument(ruleset: Ruleset, item: Item): InstrumentCode {
  const indicator = ruleset.indicators.find((candidate) => candidate.code === item.indicator);
  if (!indicator) throw new Error(`Item ${item.code} has an unknown indicator ${item.indicator}`);
  return indicator.instrument;
}

/** Items of one instrument, in definition order. */
export function instrumentItems(ruleset: Ruleset, instrument: InstrumentCode): Item[] {
  const codes = new Set(ruleset.indicators.filter((i) => i.instrument === instrument).map((i) => i.code));
  return ruleset.items.filter((item) => codes.has(item.indicator));
}

/** Indicators of one instrument, in definition order. */
export function instrumentIndicators(ruleset: Ruleset, instrument: InstrumentCode): Indicator[] {
  return ruleset.indicators.filter((indicator) => indicator.instrument === instrument);
}

export function getOptionSet(ruleset: Ruleset, code: string): OptionSet {
  const set = ruleset.optionSets.find((candidate) => candidate.code === code);
  if (!set) throw new Error(`Unknown option set ${code}`);
  return set;
}
