import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { translate, type MessageKey } from "~/utils/i18n";
import type { eligibilityAction, eligibilityLoader, surveyAction, surveyLoader } from "~/services/survey-flow.server";
import { ChoiceGroup } from "./choice-group";
import { ErrorSummary } from "./error-summary";
import { SurveyForm } from "./survey-form";
import { useT } from "~/utils/use-lang";

const screeningFieldId = (key: string) => `screening-${key}`;

/** Screening questions from the ruleset; an ineligible answer ends politely. */
export function EligibilityStep({ titleKey }: { titleKey: MessageKey }) {
  const { lang, startPath, agencyName, answeredHere, questions, chosen } = useLoaderData<typeof eligibilityLoader>();
  const result = useActionData<typeof eligibilityAction>();
  const t = useT(lang);
  const errors = result?.errors ?? {};
  return (
    <>
      <h1>{t("iit.eligibility.title")}</h1>
      <p className="agency-name">{t("iit.agency", { name: agencyName })}</p>
      <p className="muted">
        {t("iit.agency.check")} <Link to={startPath}>{t("iit.startOver")}</Link>
      </p>
      {answeredHere ? <p className="notice">{t("iit.answeredHere")}</p> : null}
      <Form method="post" noValidate>
        <ErrorSummary title={t("survey.errors.title")} errors={errors} fieldId={screeningFieldId} />
        {questions.map((question) => (
          <ChoiceGroup
            key={question.code}
            id={screeningFieldId(question.code)}
            name={question.code}
            legend={question.question}
            options={question.options}
            value={chosen[question.code]}
            error={errors[question.code]}
          />
        ))}
        <button type="submit" className="button">
          {t("iit.eligibility.continue")}
        </button>
      </Form>
    </>
  );
}

/** The items, grouped by indicator. */
export function SurveyStep({ titleKey }: { titleKey: MessageKey }) {
  const { lang, agencyName, view, submissionKey } = useLoaderData<typeof surveyLoader>();
  const result = useActionData<typeof surveyAction>();
  const navigation = useNavigation();
  return (
    <>
      <h1>{translate(lang, titleKey)}</h1>
      <p className="agency-name">{translate(lang, "iit.agency", { name: agencyName })}</p>
      <SurveyForm
        view={view}
        lang={lang}
        submissionKey={result?.submissionKey ?? submissionKey}
        values={result?.values}
        errors={result?.errors}
        formError={result?.formError ? translate(lang, result.formError) : null}
        submitting={navigation.state === "submitting"}
      />
    </>
  );
}

export function ThanksStep({ lang }: { lang: "th" | "en" }) {
  return (
    <section className="thanks">
      <h1>{translate(lang, "survey.thanks.title")}</h1>
      <p>{translate(lang, "survey.thanks.body")}</p>
      <p>
        <Link to="/">{translate(lang, "error.home")}</Link>
      </p>
    </section>
  );
}
