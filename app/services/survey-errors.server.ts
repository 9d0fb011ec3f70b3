// Error wording for the respondent forms (WCAG 3.3.1, 3.1.2; issue 20 §3): one language (the
// page's), the question as the respondent sees it — its number on the page and the start of its
// text — never an internal code such as "i3.2", which the domain's bilingual schema messages name.
import type { Ruleset, PerceptionInstrument } from "~/domain/ruleset";
import { screeningQuestions } from "~/domain/screening";
import { type Lang } from "~/utils/i18n";
import { translate } from "~/utils/i18n.server";
import type { SurveyView } from "~/utils/survey-view";

/** The first words of a question: enough to recognise it, short enough for a list of errors. */
export function stemStart(text: string, max = 48): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** How each answer key is named to the respondent: the item's number on the page, its stem, its part. */
export function answerNames(view: SurveyView): Map<string, { label: string; stem: string; part: string | null }> {
  const names = new Map<string, { label: string; stem: string; part: string | null }>();
  for (const indicator of view.indicators) {
    for (const item of indicator.items) {
      for (const answer of item.answers) names.set(answer.key, { label: item.label, stem: stemStart(item.wording), part: answer.wording });
    }
  }
  return names;
}

type Issue = { path: PropertyKey[]; code?: string };

/**
 * Field errors for the items in the page's language, in page order. `unknown` is true when the
 * form held a field that is no question of this survey (a stale or forged form): the page says
 * "reload", never the field's name.
 */
export function answerErrors(view: SurveyView, fields: Record<string, unknown>, issues: Issue[], lang: Lang) {
  const names = answerNames(view);
  const wrong = new Set(issues.map((issue) => String(issue.path[0] ?? "")));
  const errors: Record<string, string> = {};
  for (const [key, name] of names) {
    if (!wrong.has(key)) continue;
    const value = fields[key];
    const missing = value === undefined || value === null || value === "";
    const vars = { label: name.label, stem: name.stem, part: name.part ?? "" };
    errors[key] = translate(lang, name.part ? (missing ? "answer.missingPart" : "answer.invalidPart") : missing ? "answer.missing" : "answer.invalid", vars);
  }
  // A field that is no question of this survey (a stale or forged form): listed under its own key
  // so the summary counts it, worded as "reload the page", never by its name.
  let unknown = false;
  for (const issue of issues as (Issue & { keys?: string[] })[]) {
    const keys = issue.code === "unrecognized_keys" ? (issue.keys ?? []) : names.has(String(issue.path[0] ?? "")) ? [] : [String(issue.path[0] ?? "form")];
    for (const key of keys) {
      unknown = true;
      errors[key] ??= translate(lang, "answer.unknown");
    }
  }
  return { errors, unknown };
}

/** Screening field errors in the page's language, named by the question's own words. */
export function screeningErrors(ruleset: Ruleset, instrument: PerceptionInstrument, fields: Record<string, unknown>, issues: Issue[], lang: Lang) {
  const wrong = new Set(issues.map((issue) => String(issue.path[0] ?? "")));
  const errors: Record<string, string> = {};
  let unknown = false;
  for (const issue of issues) if (issue.code === "unrecognized_keys") unknown = true;
  for (const question of screeningQuestions(ruleset, instrument)) {
    if (!wrong.has(question.code)) continue;
    const value = fields[question.code];
    const missing = value === undefined || value === null || value === "";
    errors[question.code] = translate(lang, missing ? "screening.missing" : "screening.invalid", { question: stemStart(question.question[lang], 80) });
  }
  return { errors, unknown };
}
