import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { metaT, type Lang, type MessageKey } from "~/utils/i18n";
import type { eligibilityAction, eligibilityLoader, surveyAction, surveyLoader } from "~/services/survey-flow.server";
import type { ResumeView } from "~/services/survey-resume.server";
import { ChoiceGroup } from "./choice-group";
import { ErrorSummary } from "./error-summary";
import { answerFieldId, SurveyForm } from "./survey-form";
import { useLang, useT } from "~/utils/use-lang";

const screeningFieldId = (key: string) => `screening-${key}`;

/** "14:35" in Bangkok time: what a respondent's clock says. */
function clock(iso: string, lang: Lang) {
  return new Intl.DateTimeFormat(lang === "th" ? "th-TH" : "en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Bangkok" }).format(new Date(iso));
}

type Timing = { expiresAt: string; secondsLeft: number; minutes: number; maxHours: number };

/**
 * The time limit, stated on the page (WCAG 2.2.1), and the warning public/citizen.js shows a few
 * minutes before it runs out, whose button extends the session by a small POST to `extendPath`.
 * Without JavaScript the stated limit and the kept answers suffice.
 */
export function TimeLimit({ timing, instrument, extendPath }: { timing: Timing; instrument: "iit" | "eit1"; extendPath: string }) {
  const lang = useLang();
  const t = useT();
  const vars = { minutes: timing.minutes, max: timing.maxHours, time: clock(timing.expiresAt, lang) };
  return (
    <>
      <p className="muted time-limit" data-testid="time-limit">
        {t(instrument === "iit" ? "timing.limit.iit" : "timing.limit.eit", vars)}
      </p>
      <div
        className="time-warning"
        role="alert"
        hidden
        data-expires-at={timing.expiresAt}
        data-seconds-left={timing.secondsLeft}
        data-extend-path={extendPath}
        data-lang={lang}
        data-text-warn={t("timing.warn", { time: "{time}" })}
        data-text-extended={t("timing.extended", { time: "{time}" })}
        data-text-maximum={t("timing.atMaximum", { max: timing.maxHours })}
        data-text-gone={t("timing.gone")}
      >
        <p className="time-warning-text" />
        <button type="button" className="button time-extend">
          {t("timing.extend")}
        </button>
      </div>
    </>
  );
}

/** Screening questions from the ruleset; an ineligible answer ends politely. */
export function EligibilityStep({ instrument, extendPath }: { instrument: "iit" | "eit1"; extendPath: string }) {
  const { startPath, agencyName, answeredHere, questions, chosen, timing } = useLoaderData<typeof eligibilityLoader>();
  const result = useActionData<typeof eligibilityAction>();
  const t = useT();
  const { form: formError, ...errors } = result?.errors ?? {};
  return (
    <>
      <h1>{t("iit.eligibility.title")}</h1>
      <p className="agency-name">{t("iit.agency", { name: agencyName })}</p>
      <p className="muted">
        {t("iit.agency.check")} <Link to={startPath}>{t("iit.startOver")}</Link>
      </p>
      {answeredHere ? <p className="notice">{t("iit.answeredHere")}</p> : null}
      <TimeLimit timing={timing} instrument={instrument} extendPath={extendPath} />
      <Form method="post" noValidate>
        <ErrorSummary title={t("survey.errors.title")} errors={errors} formError={formError} fieldId={screeningFieldId} />
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
export function SurveyStep({ titleKey, instrument, extendPath }: { titleKey: MessageKey; instrument: "iit" | "eit1"; extendPath: string }) {
  const { agencyName, view, submissionKey, screening, timing } = useLoaderData<typeof surveyLoader>();
  const result = useActionData<typeof surveyAction>();
  const navigation = useNavigation();
  const t = useT();
  return (
    <>
      <h1>{t(titleKey)}</h1>
      <p className="agency-name">{t("iit.agency", { name: agencyName })}</p>
      <TimeLimit timing={timing} instrument={instrument} extendPath={extendPath} />
      <SurveyForm
        view={view}
        submissionKey={result?.submissionKey ?? submissionKey}
        values={result?.values}
        errors={result?.errors}
        formError={result?.formError ? t(result.formError) : null}
        submitting={navigation.state === "submitting"}
        hidden={Object.fromEntries(Object.entries(screening ?? {}).map(([code, value]) => [`screening:${code}`, value]))}
      />
    </>
  );
}

/** Is this a thrown or returned "time ran out, answers kept" page? */
export function isResumeView(value: unknown): value is ResumeView {
  return typeof value === "object" && value !== null && (value as { resume?: unknown }).resume === true;
}

/**
 * A submit after the session expired: every answer still chosen, and only the code (IIT) or a new
 * OTP (EIT) asked again, then the same submit (decision 025).
 */
export function ResumeStep({ data }: { data: ResumeView }) {
  const t = useT();
  const iit = data.instrument === "iit";
  const fieldId = iit || data.stage === "otp" ? "code" : "contact";
  const fieldError = data.fieldError;
  const verification = (
    <section className="resume-verify" aria-labelledby="resume-verify-title">
      <h2 id="resume-verify-title">{t("expired.verify")}</h2>
      {data.notice ? (
        <p className="notice" role="status">
          {data.notice}
        </p>
      ) : null}
      {data.formToken && !iit ? <input type="hidden" name="formToken" value={data.formToken} /> : null}
      <div className="code-form">
        <label htmlFor={fieldId}>
          {t(iit ? "iit.code.label" : data.stage === "otp" ? "eit.verify.label" : data.allowEmail ? "eit.contact.labelEmail" : "eit.contact.label")}
        </label>
        {fieldError ? (
          <p className="field-error" id={`${fieldId}-error`}>
            {fieldError}
          </p>
        ) : null}
        {fieldId === "contact" ? (
          <input
            id="contact"
            name="contact"
            type={data.allowEmail ? "text" : "tel"}
            inputMode={data.allowEmail ? "email" : "tel"}
            autoComplete={data.allowEmail ? "email" : "tel"}
            className="text-input"
            defaultValue={data.contact}
            maxLength={260}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? "contact-error" : undefined}
          />
        ) : (
          <input
            id="code"
            name="code"
            type="text"
            className="code-input"
            autoComplete={iit ? "off" : "one-time-code"}
            inputMode={iit ? undefined : "numeric"}
            autoCapitalize={iit ? "characters" : undefined}
            spellCheck={false}
            maxLength={64}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? "code-error" : undefined}
          />
        )}
        <ResumeButton data={data} />
      </div>
      {data.screeningQuestions.length > 0 ? (
        <details open={Object.keys(data.screening).length < data.screeningQuestions.length}>
          <summary>{t("page.step.eligibility")}</summary>
          {data.screeningQuestions.map((question) => (
            <ChoiceGroup
              key={question.code}
              id={answerFieldId(`screening:${question.code}`)}
              name={`screening:${question.code}`}
              legend={question.question}
              options={question.options}
              value={data.screening[question.code]}
              error={data.errors[question.code]}
            />
          ))}
        </details>
      ) : null}
    </section>
  );
  const { screeningErrors, answerErrors } = splitErrors(data);
  return (
    <>
      <h1>{t("expired.title")}</h1>
      {data.agencyName ? <p className="agency-name">{data.agencyName}</p> : null}
      <p className="muted">{t("expired.answered", { count: Object.keys(data.values).length })}</p>
      <SurveyForm
        view={data.view}
        action={data.action}
        submissionKey={data.submissionKey}
        values={data.values}
        errors={{ ...screeningErrors, ...answerErrors, ...(fieldError ? { [fieldId]: fieldError } : {}) }}
        formError={t(iit ? "expired.body.iit" : "expired.body.eit")}
        fieldId={(key) => (key === "code" || key === "contact" ? key : answerFieldId(key))}
        before={verification}
        submit={<ResumeButton data={data} />}
      />
      <p>
        {t("expired.restart")}: <Link to={data.startPath}>{t(iit ? "iit.startOver" : "eit.verify.changeNumber")}</Link>
      </p>
    </>
  );
}

function ResumeButton({ data }: { data: ResumeView }) {
  const t = useT();
  if (data.instrument !== "iit" && data.stage === "contact") {
    return (
      <button type="submit" className="button" name="intent" value="send">
        {t("eit.contact.submit")}
      </button>
    );
  }
  return (
    <button type="submit" className="button" name={data.instrument === "iit" ? undefined : "intent"} value={data.instrument === "iit" ? undefined : "verify"}>
      {t("expired.submit")}
    </button>
  );
}

function splitErrors(data: ResumeView) {
  const screeningErrors: Record<string, string> = {};
  const answerErrors: Record<string, string> = {};
  for (const [key, message] of Object.entries(data.errors)) {
    if (data.view.answerKeys.includes(key)) answerErrors[key] = message;
    else screeningErrors[`screening:${key}`] = message;
  }
  return { screeningErrors, answerErrors };
}

export function ThanksStep() {
  const t = useT();
  return (
    <section className="thanks">
      <h1>{t("survey.thanks.title")}</h1>
      <p>{t("survey.thanks.body")}</p>
      <p>
        <Link to="/">{t("error.home")}</Link>
      </p>
    </section>
  );
}

/**
 * A respondent page's <title> (WCAG 2.4.2): its step, its survey, and "ข้อผิดพลาด: " first on an
 * error state (3.3.1), in the page's language.
 */
export function respondentTitle(matches: Parameters<typeof metaT>[0], step: MessageKey, instrument: "iit" | "eit1", error: boolean | undefined) {
  const t = metaT(matches);
  const survey = t(instrument === "iit" ? "page.survey.iit" : "page.survey.eit");
  return [{ title: `${error ? t("page.title.error") : ""}${t("page.title", { step: t(step), survey })}` }];
}
