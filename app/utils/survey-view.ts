// What a survey page needs from the ruleset, in one language: indicators → items → answer keys
// with their options. Built by loaders (server) and rendered by <SurveyForm> (both sides).
import { perceptionItems } from "~/domain/answers";
import { instrumentIndicators, type PerceptionInstrument, type Ruleset } from "~/domain/ruleset";
import type { Lang } from "./i18n";

export type SurveyView = {
  indicators: {
    code: string;
    name: string;
    items: {
      code: string;
      label: string;
      wording: string;
      answers: { key: string; wording: string | null; options: { value: string; label: string }[] }[];
    }[];
  }[];
  answerKeys: string[];
  provisional: boolean;
};

export function surveyView(ruleset: Ruleset, instrument: PerceptionInstrument, lang: Lang): SurveyView {
  const items = perceptionItems(ruleset, instrument);
  // Respondents see items numbered 1, 2, 3 … in page order (the alias when the ruleset gives one),
  // never the storage code ("i3"): pages and error messages name a question by this number.
  const pageOrder = instrumentIndicators(ruleset, instrument).flatMap((indicator) => items.filter((item) => item.indicator === indicator.code));
  const number = new Map(pageOrder.map((item, index) => [item.code, item.alias ?? String(index + 1)]));
  return {
    indicators: instrumentIndicators(ruleset, instrument).map((indicator) => ({
      code: indicator.code,
      name: indicator.name[lang],
      items: items
        .filter((item) => item.indicator === indicator.code)
        .map((item) => ({
          code: item.code,
          label: number.get(item.code) ?? item.code,
          wording: item.wording[lang],
          answers: item.answers.map((answer) => ({
            key: answer.key,
            // An item without sub-items is answered under its own wording.
            wording: item.subItems ? answer.wording[lang] : null,
            options: answer.optionSet.options.map((option, index) => ({ value: String(index), label: option.label[lang] })),
          })),
        })),
    })),
    answerKeys: items.flatMap((item) => item.answerKeys),
    provisional: items.some((item) => item.wording.provisional),
  };
}
