import { Form } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import type { SurveyView } from "~/utils/survey-view";
import { useT } from "~/utils/use-lang";
import { ChoiceGroup } from "./choice-group";
import { ErrorSummary } from "./error-summary";

export const answerFieldId = (key: string) => `answer-${key.replace(/\W/g, "-")}`;

/** The error summary lists this many questions, then "and N more below" (WCAG 3.3.1: a long list summarised). */
export const ERROR_LINKS_SHOWN = 5;

/**
 * The IIT / EIT questionnaire: grouped by indicator, one radio group per answer key, a plain POST
 * (works without JavaScript), a progress line, and the submission key that makes retries safe.
 * Every answer group is a fieldset named by its question (WCAG 1.3.1): an item in parts is a
 * fieldset whose legend is the item's stem, and each part's group is named "stem + part".
 */
export function SurveyForm({
  view,
  submissionKey,
  values,
  errors,
  formError,
  submitting,
  extraQuestion,
  action,
  hidden,
  before,
  submit,
  fieldId = answerFieldId,
}: {
  view: SurveyView;
  submissionKey: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  formError?: string | null;
  submitting?: boolean;
  /** One more single-choice question before the items (e.g. the stakeholder type for EIT-2). */
  extraQuestion?: { name: string; legend: string; options: { value: string; label: string }[] };
  /** Where the form posts (default: this page). */
  action?: string;
  /** More hidden fields (the survey pages' copy of the screening answers). */
  hidden?: Record<string, string>;
  /** Rendered inside the form before the items (the code or OTP of a submit after expiry). */
  before?: ReactNode;
  /** Replaces the submit button. */
  submit?: ReactNode;
  /** Where an error of the summary links to (default: the answer's group). */
  fieldId?: (key: string) => string;
}) {
  const t = useT();
  const [answered, setAnswered] = useState(() => new Set(Object.keys(values ?? {}).filter((key) => view.answerKeys.includes(key))));
  const markAnswered = (name: string) => setAnswered((previous) => new Set(previous).add(name));
  const allErrors = errors ?? {};
  const missing = Object.keys(allErrors).filter((key) => view.answerKeys.includes(key)).length;
  return (
    <Form method="post" action={action} noValidate className="survey-form">
      <input type="hidden" name="submissionKey" value={submissionKey} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <ErrorSummary
        title={t("survey.errors.title")}
        errors={allErrors}
        formError={formError}
        fieldId={fieldId}
        limit={ERROR_LINKS_SHOWN}
        countLabel={() => t("errors.unanswered", { count: missing })}
        moreLabel={(count) => t("errors.more", { count })}
      />
      {before}
      {/* data-template: public/citizen.js updates the line on pages that ship no framework JS. */}
      <p className="progress" aria-live="polite" data-template={t("survey.progress", { done: "{done}", total: "{total}" })}>
        <progress max={view.answerKeys.length} value={answered.size} />{" "}
        <span className="progress-text">{t("survey.progress", { done: answered.size, total: view.answerKeys.length })}</span>
      </p>
      {extraQuestion ? (
        <ChoiceGroup
          id={answerFieldId(extraQuestion.name)}
          name={extraQuestion.name}
          legend={extraQuestion.legend}
          options={extraQuestion.options}
          value={values?.[extraQuestion.name]}
          error={allErrors[extraQuestion.name]}
        />
      ) : null}
      {view.indicators.map((indicator) => (
        <section key={indicator.code} className="indicator">
          <h2>
            {t("survey.indicator", { code: indicator.code })}: {indicator.name}
          </h2>
          {indicator.items.map((item) =>
            item.answers.length === 1 && item.answers[0].wording === null ? (
              <ChoiceGroup
                key={item.code}
                id={answerFieldId(item.answers[0].key)}
                name={item.answers[0].key}
                legend={
                  <>
                    <span className="item-code">{item.label}.</span> {item.wording}
                  </>
                }
                options={item.answers[0].options}
                value={values?.[item.answers[0].key]}
                error={allErrors[item.answers[0].key]}
                onChange={markAnswered}
              />
            ) : (
              <fieldset key={item.code} className="item-with-parts" id={`item-${item.code.replace(/\W/g, "-")}`}>
                <legend className="item-stem" id={`stem-${item.code.replace(/\W/g, "-")}`}>
                  <span className="item-code">{item.label}.</span> {item.wording}
                </legend>
                {item.answers.map((answer) => (
                  <ChoiceGroup
                    key={answer.key}
                    id={answerFieldId(answer.key)}
                    name={answer.key}
                    legend={answer.wording}
                    stemId={`stem-${item.code.replace(/\W/g, "-")}`}
                    options={answer.options}
                    value={values?.[answer.key]}
                    error={allErrors[answer.key]}
                    onChange={markAnswered}
                  />
                ))}
              </fieldset>
            ),
          )}
        </section>
      ))}
      {view.provisional ? <p className="muted">{t("survey.provisional")}</p> : null}
      <p className="muted">{t("survey.anonymous")}</p>
      {submit ?? (
        <button type="submit" className="button" disabled={submitting}>
          {t("survey.submit")}
        </button>
      )}
    </Form>
  );
}
