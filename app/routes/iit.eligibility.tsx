import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChoiceGroup } from "~/components/choice-group";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/error-summary";
import { screeningBlock, screeningQuestions, screeningSchema } from "~/domain/screening";
import { endSurveySession, saveScreening } from "~/models/survey-session.server";
import { readForm } from "~/utils/http.server";
import { translate } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";
import { answeredMark, readAnswered, surveyCookie } from "~/utils/survey-cookie.server";
import { fieldErrors, requireSurveySession } from "~/utils/survey.server";

// The form schema comes from the ruleset: screeningSchema(ruleset, "iit").

const screeningFieldId = (key: string) => `screening-${key}`;

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const session = await requireSurveySession(request, "iit", "/iit");
  const answeredHere = (await readAnswered(request)).includes(answeredMark("iit", session.cycleId, session.agencyId));
  return {
    lang,
    agencyName: lang === "th" ? session.agency.nameTh : session.agency.nameEn,
    answeredHere,
    questions: screeningQuestions(session.ruleset, "iit").map((question) => ({
      code: question.code,
      question: question.question[lang],
      options: question.options.map((option) => ({ value: option.code, label: option.label[lang] })),
    })),
    chosen: session.screening ?? {},
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const session = await requireSurveySession(request, "iit", "/iit");
  const form = await readForm(request);
  const parsed = screeningSchema(session.ruleset, "iit").safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error.issues), blocked: null }, { status: 400 });
  }
  const block = screeningBlock(session.ruleset, "iit", parsed.data);
  if (block) {
    // Not eligible: nothing is recorded and the session ends.
    await endSurveySession(session.id);
    return data(
      { errors: {}, blocked: block[lang] },
      { status: 200, headers: { "Set-Cookie": await surveyCookie.serialize("", { maxAge: 0 }) } },
    );
  }
  await saveScreening(session.id, parsed.data);
  return redirect("/iit/survey");
}

export default function IitEligibilityPage() {
  const { lang, agencyName, answeredHere, questions, chosen } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string>) => translate(lang, key, vars);
  if (result?.blocked) {
    return (
      <>
        <h1>{t("iit.title")}</h1>
        <p className="notice" role="status">
          {result.blocked}
        </p>
        <p>
          <Link to="/">{t("error.home")}</Link>
        </p>
      </>
    );
  }
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <>
      <h1>{t("iit.eligibility.title")}</h1>
      <p className="agency-name">{t("iit.agency", { name: agencyName })}</p>
      <p className="muted">
        {t("iit.agency.check")} <Link to="/iit">{t("iit.startOver")}</Link>
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
            value={(chosen as Record<string, string>)[question.code]}
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
