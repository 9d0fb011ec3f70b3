// What importing a ruleset would change, for a person to read before it is written
// (`ruleset:import --dry-run`, /admin/cycles): the wording of items and sub-items, which option set
// an item uses, and each option set's labels and points. Items are matched by code, option sets by
// code, options by position (an answer is stored as the option's index, so position is identity).
import type { LocalizedText, OptionSet, Ruleset } from "./ruleset";

export type RulesetChange =
  | { kind: "meta"; field: "rulesVersion" | "provisionalWording" | "source"; before: string; after: string }
  | { kind: "item-added"; code: string; wording: LocalizedText }
  | { kind: "item-removed"; code: string; wording: LocalizedText }
  | { kind: "item-wording"; code: string; lang: "th" | "en"; before: string; after: string }
  | { kind: "item-option-set"; code: string; before: string; after: string }
  | { kind: "option-set-added"; code: string }
  | { kind: "option-set-removed"; code: string }
  | { kind: "option-label"; optionSet: string; index: number; lang: "th" | "en"; before: string; after: string }
  | { kind: "option-points"; optionSet: string; index: number; before: number; after: number }
  | { kind: "option-added"; optionSet: string; index: number; label: LocalizedText; points: number }
  | { kind: "option-removed"; optionSet: string; index: number; label: LocalizedText; points: number };

type Question = { code: string; wording: LocalizedText; optionSet: string };

/** Items and sub-items as one list of questions ("IIT1", "IIT1.a" …): what a respondent reads. */
function questions(ruleset: Ruleset): Map<string, Question> {
  const out = new Map<string, Question>();
  for (const item of ruleset.items) {
    out.set(item.code, { code: item.code, wording: item.wording, optionSet: item.optionSet ?? "" });
    for (const sub of item.subItems ?? [])
      out.set(`${item.code}.${sub.code}`, { code: `${item.code}.${sub.code}`, wording: sub.wording, optionSet: sub.optionSet });
  }
  return out;
}

function diffOptionSet(code: string, before: OptionSet, after: OptionSet): RulesetChange[] {
  const changes: RulesetChange[] = [];
  const length = Math.max(before.options.length, after.options.length);
  for (let index = 0; index < length; index++) {
    const a = before.options[index];
    const b = after.options[index];
    if (a && !b) changes.push({ kind: "option-removed", optionSet: code, index, label: a.label, points: a.points });
    else if (!a && b) changes.push({ kind: "option-added", optionSet: code, index, label: b.label, points: b.points });
    else if (a && b) {
      for (const lang of ["th", "en"] as const) {
        if (a.label[lang] !== b.label[lang]) changes.push({ kind: "option-label", optionSet: code, index, lang, before: a.label[lang], after: b.label[lang] });
      }
      if (a.points !== b.points) changes.push({ kind: "option-points", optionSet: code, index, before: a.points, after: b.points });
    }
  }
  return changes;
}

/** Every change from `before` to `after`, in a stable order (meta, option sets, then items in `after`'s order, then removals). */
export function diffRulesets(before: Ruleset, after: Ruleset): RulesetChange[] {
  const changes: RulesetChange[] = [];
  for (const field of ["rulesVersion", "provisionalWording", "source"] as const) {
    if (before.meta[field] !== after.meta[field]) changes.push({ kind: "meta", field, before: String(before.meta[field]), after: String(after.meta[field]) });
  }
  const setsBefore = new Map(before.optionSets.map((set) => [set.code, set]));
  const setsAfter = new Map(after.optionSets.map((set) => [set.code, set]));
  for (const [code, set] of setsAfter) {
    const old = setsBefore.get(code);
    if (!old) changes.push({ kind: "option-set-added", code });
    else changes.push(...diffOptionSet(code, old, set));
  }
  for (const code of setsBefore.keys()) if (!setsAfter.has(code)) changes.push({ kind: "option-set-removed", code });

  const oldQuestions = questions(before);
  const newQuestions = questions(after);
  for (const [code, question] of newQuestions) {
    const old = oldQuestions.get(code);
    if (!old) {
      changes.push({ kind: "item-added", code, wording: question.wording });
      continue;
    }
    for (const lang of ["th", "en"] as const) {
      if (old.wording[lang] !== question.wording[lang])
        changes.push({ kind: "item-wording", code, lang, before: old.wording[lang], after: question.wording[lang] });
    }
    if (old.optionSet !== question.optionSet) changes.push({ kind: "item-option-set", code, before: old.optionSet, after: question.optionSet });
  }
  for (const [code, question] of oldQuestions) if (!newQuestions.has(code)) changes.push({ kind: "item-removed", code, wording: question.wording });
  return changes;
}

/** The changes as lines a person reads ("- before" / "+ after", like a diff); one line when there are none. */
export function formatRulesetDiff(changes: readonly RulesetChange[]): string[] {
  if (changes.length === 0) return ["ไม่มีการเปลี่ยนแปลงข้อความหรือตัวเลือก / no change to item texts or options"];
  const lines: string[] = [];
  for (const change of changes) {
    switch (change.kind) {
      case "meta":
        lines.push(`meta.${change.field}:`, `  - ${change.before}`, `  + ${change.after}`);
        break;
      case "item-added":
        lines.push(`+ ${change.code}: ${change.wording.th} / ${change.wording.en}`);
        break;
      case "item-removed":
        lines.push(`- ${change.code}: ${change.wording.th} / ${change.wording.en}`);
        break;
      case "item-wording":
        lines.push(`~ ${change.code} (${change.lang}):`, `  - ${change.before}`, `  + ${change.after}`);
        break;
      case "item-option-set":
        lines.push(`~ ${change.code} optionSet: ${change.before} → ${change.after}`);
        break;
      case "option-set-added":
        lines.push(`+ optionSet ${change.code}`);
        break;
      case "option-set-removed":
        lines.push(`- optionSet ${change.code}`);
        break;
      case "option-label":
        lines.push(`~ ${change.optionSet}[${change.index}] (${change.lang}):`, `  - ${change.before}`, `  + ${change.after}`);
        break;
      case "option-points":
        lines.push(`~ ${change.optionSet}[${change.index}] points: ${change.before} → ${change.after}`);
        break;
      case "option-added":
        lines.push(`+ ${change.optionSet}[${change.index}]: ${change.label.th} / ${change.label.en} (${change.points})`);
        break;
      case "option-removed":
        lines.push(`- ${change.optionSet}[${change.index}]: ${change.label.th} / ${change.label.en} (${change.points})`);
        break;
    }
  }
  return lines;
}
