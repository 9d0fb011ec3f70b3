// The bridge between a ruleset and storage / forms (docs/decisions/002-anonymous-responses.md):
// a response stores the option index per answer key ("i1.1", "i2", …) and, per item slot, the
// centipoints it gives that item summed over the item's sub-items; the running tally sums those.
// Item mean = Σ centipoints / (100 · responses · answer keys) — ITA 2568: the item's points are the
// mean of its sub-items' points, and the item score is the mean over respondents.
import { z } from "zod";
import {
  getOptionSet,
  instrumentItems,
  PERCEPTION_ITEM_SLOTS,
  type Item,
  type OptionSet,
  type PerceptionInstrument,
  type Ruleset,
  type Wording,
} from "./ruleset";

export type AnswerKey = { key: string; wording: Wording; optionSet: OptionSet };

export type PerceptionItem = Item & {
  /** 1-based storage slot (p1…p30, sum1…sum30): the item's position in the definition. */
  slot: number;
  /** The item code, or its sub-item codes in order ("i1.1", "i1.2"). */
  answerKeys: string[];
  /** The same keys with their wording and option set, for forms. */
  answers: AnswerKey[];
};

const itemsCache = new WeakMap<Ruleset, Map<PerceptionInstrument, PerceptionItem[]>>();

/** IIT or EIT items in definition order, with their storage slot and answer keys. */
export function perceptionItems(ruleset: Ruleset, instrument: PerceptionInstrument): PerceptionItem[] {
  const cached = itemsCache.get(ruleset)?.get(instrument);
  if (cached) return cached;
  const items = instrumentItems(ruleset, instrument).map((item, index): PerceptionItem => {
    const answers: AnswerKey[] = item.subItems
      ? item.subItems.map((sub) => ({ key: sub.code, wording: sub.wording, optionSet: getOptionSet(ruleset, sub.optionSet) }))
      : [{ key: item.code, wording: item.wording, optionSet: getOptionSet(ruleset, requireOptionSet(item)) }];
    return { ...item, slot: index + 1, answerKeys: answers.map((answer) => answer.key), answers };
  });
  if (items.length > PERCEPTION_ITEM_SLOTS) {
    throw new Error(`${instrument} has ${items.length} items; storage holds ${PERCEPTION_ITEM_SLOTS}`);
  }
  const perRuleset = itemsCache.get(ruleset) ?? new Map<PerceptionInstrument, PerceptionItem[]>();
  perRuleset.set(instrument, items);
  itemsCache.set(ruleset, perRuleset);
  return items;
}

function requireOptionSet(item: Item): string {
  if (!item.optionSet) throw new Error(`Item ${item.code} has neither an option set nor sub-items`);
  return item.optionSet;
}

const pleaseAnswer = (key: string) => `กรุณาตอบข้อ ${key} / Please answer item ${key}`;
const invalidOption = (key: string) => `ข้อ ${key}: ตัวเลือกไม่ถูกต้อง / Item ${key}: not a valid option`;

/** Form fields arrive as strings: accept "0"…"9…" only, so "", "1.5", "-1", " " stay invalid. */
function fromFormValue(value: unknown): unknown {
  return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
}

function optionIndexSchema(key: string, optionCount: number) {
  const isUnanswered = (input: unknown) => input === undefined || input === null || input === "";
  return z.preprocess(
    fromFormValue,
    z
      .number({ error: (issue) => (isUnanswered(issue.input) ? pleaseAnswer(key) : invalidOption(key)) })
      .int({ error: invalidOption(key) })
      .min(0, { error: invalidOption(key) })
      .max(optionCount - 1, { error: invalidOption(key) }),
  );
}

export type AnswersSchema = z.ZodType<Record<string, number>, Record<string, unknown>>;

const schemaCache = new WeakMap<Ruleset, Map<PerceptionInstrument, AnswersSchema>>();

/**
 * The answers of one IIT / EIT response: exactly one field per answer key, each the 0-based index
 * of an option of that key's option set. Unknown fields are rejected.
 */
export function answersSchema(ruleset: Ruleset, instrument: PerceptionInstrument): AnswersSchema {
  const cached = schemaCache.get(ruleset)?.get(instrument);
  if (cached) return cached;
  const shape: Record<string, ReturnType<typeof optionIndexSchema>> = {};
  for (const item of perceptionItems(ruleset, instrument)) {
    for (const answer of item.answers) shape[answer.key] = optionIndexSchema(answer.key, answer.optionSet.options.length);
  }
  // A strict object: a field that is not an answer key of this instrument is an error, not ignored.
  const schema = z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `ไม่มีข้อ ${issue.keys.join(", ")} ในแบบวัดนี้ / Not an item of this form: ${issue.keys.join(", ")}` : undefined,
  }) as unknown as AnswersSchema;
  const perRuleset = schemaCache.get(ruleset) ?? new Map<PerceptionInstrument, AnswersSchema>();
  perRuleset.set(instrument, schema);
  schemaCache.set(ruleset, perRuleset);
  return schema;
}

/** Points in hundredths as an integer (33.33 → 3333), so sums over responses stay exact. */
export function optionCentipoints(optionSet: OptionSet, index: number): number {
  const option = optionSet.options[index];
  if (!Number.isInteger(index) || !option) {
    throw new RangeError(`Option index ${String(index)} is not in option set ${optionSet.code}`);
  }
  return Math.round(option.points * 100);
}

/**
 * Centipoints per storage slot for one response: for each item, the sum over its answer keys of
 * round(points · 100) of the chosen option (i1 answered 2 and 3 → 6667 + 10000 = 16667).
 * Expects answers validated by answersSchema(); throws on a missing or invalid answer.
 */
export function itemCentipoints(ruleset: Ruleset, instrument: PerceptionInstrument, answers: Record<string, number>): Record<number, number> {
  const points: Record<number, number> = {};
  for (const item of perceptionItems(ruleset, instrument)) {
    let sum = 0;
    for (const answer of item.answers) {
      if (!Object.hasOwn(answers, answer.key)) throw new RangeError(`Missing answer for ${answer.key}`);
      sum += optionCentipoints(answer.optionSet, answers[answer.key]);
    }
    points[item.slot] = sum;
  }
  return points;
}

/**
 * An item's mean score (0–100, full precision) from its tally:
 * Σ centipoints / (100 · responses · answer keys). Null when nobody has answered.
 */
export function itemMeanFromTally(sumCentipoints: number | bigint, responses: number, answerKeyCount: number): number | null {
  if (!Number.isInteger(responses) || responses < 0) throw new RangeError(`responses must be a whole number ≥ 0 (got ${responses})`);
  if (!Number.isInteger(answerKeyCount) || answerKeyCount < 1) {
    throw new RangeError(`answerKeyCount must be a whole number ≥ 1 (got ${answerKeyCount})`);
  }
  if (responses === 0) return null;
  return Number(sumCentipoints) / (100 * responses * answerKeyCount);
}

export type PerceptionTally = { responses: number; sums: Record<number, number | bigint> };

/** Every item's mean from a running tally, keyed by item code. */
export function itemMeansFromTally(ruleset: Ruleset, instrument: PerceptionInstrument, tally: PerceptionTally): Record<string, number | null> {
  const means: Record<string, number | null> = {};
  for (const item of perceptionItems(ruleset, instrument)) {
    means[item.code] = itemMeanFromTally(tally.sums[item.slot] ?? 0, tally.responses, item.answerKeys.length);
  }
  return means;
}
