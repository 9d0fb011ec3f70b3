import { Form } from "@remix-run/react";
import { useState } from "react";
import { translate, type Lang } from "~/utils/i18n";
import type { SurveyView } from "~/utils/survey-view";
import { ChoiceGroup } from "./choice-group";
import { ErrorSummary } from "./error-summary";

export const answerFieldId = (key: string) => `answer-${key.replace(/\W/g, "-")}`;

/**
 * The IIT / EIT questionnaire: grouped by indicator, one radio group per answer key, a plain POST
 * (works without JavaScript), a progress line, and the submission key that makes retries safe.
 */
export function SurveyForm({
  view,
  lang,
  submissionKey,
  values,
  errors,
  formError,
  submitting,
  extraQuestion,
}: {
  view: SurveyView;
  lang: Lang;
  submissionKey: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  formError?: string | null;
  submitting?: boolean;
  /** One more single-choice question before the items (e.g. the stakeholder type for EIT-2). */
  extraQuestion?: { name: string; legend: string; options: { value: string; label: string }[] };
}) {
  const [answered, setAnswered] = useState(() => new Set(Object.keys(values ?? {}).filter((key) => view.answerKeys.includes(key))));
  const markAnswered = (name: string) => setAnswered((previous) => new Set(previous).add(name));
  return (
    <Form method="post" noValidate className="survey-form">
      <input type="hidden" name="submissionKey" value={submissionKey} />
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <ErrorSummary title={translate(lang, "survey.errors.title")} errors={errors ?? {}} fieldId={answerFieldId} />
      {/* data-template: public/citizen.js updates the line on pages that ship no framework JS. */}
      <p className="progress" aria-live="polite" data-template={translate(lang, "survey.progress", { done: "{done}", total: "{total}" })}>
        <progress max={view.answerKeys.length} value={answered.size} />{" "}
        <span className="progress-text">{translate(lang, "survey.progress", { done: answered.size, total: view.answerKeys.length })}</span>
      </p>
      {extraQuestion ? (
        <ChoiceGroup
          id={answerFieldId(extraQuestion.name)}
          name={extraQuestion.name}
          legend={extraQuestion.legend}
          options={extraQuestion.options}
          value={values?.[extraQuestion.name]}
          error={errors?.[extraQuestion.name]}
        />
      ) : null}
      {view.indicators.map((indicator) => (
        <section key={indicator.code} className="indicator">
          <h2>
            {translate(lang, "survey.indicator", { code: indicator.code })}: {indicator.name}
          </h2>
          {indicator.items.map((item) =>
            item.answers.length === 1 && item.answers[0].wording === null ? (
              <ChoiceGroup
                key={item.code}
                id={answerFieldId(item.answers[0].key)}
                name={item.answers[0].key}
                legend={
                  <>
                    <span className="item-code">{item.label}</span> {item.wording}
                  </>
                }
                options={item.answers[0].options}
                value={values?.[item.answers[0].key]}
                error={errors?.[item.answers[0].key]}
                onChange={markAnswered}
              />
            ) : (
              <div key={item.code} className="item-with-parts">
                <p className="item-stem">
                  <span className="item-code">{item.label}</span> {item.wording}
                </p>
                {item.answers.map((answer) => (
                  <ChoiceGroup
                    key={answer.key}
                    id={answerFieldId(answer.key)}
                    name={answer.key}
                    legend={answer.wording}
                    options={answer.options}
                    value={values?.[answer.key]}
                    error={errors?.[answer.key]}
                    onChange={markAnswered}
                  />
                ))}
              </div>
            ),
          )}
        </section>
      ))}
      {view.provisional ? <p className="muted">{translate(lang, "survey.provisional")}</p> : null}
      <p className="muted">{translate(lang, "survey.anonymous")}</p>
      <button type="submit" className="button" disabled={submitting}>
        {translate(lang, "survey.submit")}
      </button>
    </Form>
  );
}
