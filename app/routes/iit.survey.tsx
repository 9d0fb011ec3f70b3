import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SurveyForm } from "~/components/survey-form";
import { answersSchema } from "~/domain/answers";
import { getAgencyCycle } from "~/models/agency.server";
import { isWindowOpen } from "~/models/cycle.server";
import { findSubmission, submitResponse, SUBMISSION_KEY_PATTERN } from "~/models/submission.server";
import { randomToken } from "~/utils/crypto.server";
import { readForm } from "~/utils/http.server";
import { translate, type MessageKey } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";
import { answeredCookie, answeredMark, readAnswered, surveyCookie } from "~/utils/survey-cookie.server";
import { surveyView } from "~/utils/survey-view";
import { fieldErrors, requireSurveySession } from "~/utils/survey.server";

// The form schema is answersSchema(ruleset, "iit"): exactly the 15 items' answer keys, each an
// option index within its scale, nothing else — built from the cycle's ruleset, used by the action.

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const session = await requireSurveySession(request, "iit", "/iit");
  if (!session.screening) throw redirect("/iit/eligibility");
  return {
    lang,
    agencyName: lang === "th" ? session.agency.nameTh : session.agency.nameEn,
    view: surveyView(session.ruleset, "iit", lang),
    // A fresh key per page view: a double click or a retry of THIS form is one response.
    submissionKey: randomToken(16),
  };
}

type ActionResult = { formError: MessageKey | null; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const { submissionKey, ...fields } = Object.fromEntries(form) as Record<string, string>;
  if (typeof submissionKey !== "string" || !SUBMISSION_KEY_PATTERN.test(submissionKey)) {
    return data<ActionResult>({ formError: "error.400", errors: {}, values: fields }, { status: 400 });
  }
  // A retry of a submit that already committed answers as the first time did.
  const previous = await findSubmission(submissionKey);
  if (previous?.status === "accepted") return redirect("/iit/thanks", { headers: await thanksCookies(request, null) });

  const session = await requireSurveySession(request, "iit", "/iit");
  if (!session.screening) throw redirect("/iit/eligibility");
  const agencyCycle = await getAgencyCycle(session.agencyId, session.cycleId);
  if (!agencyCycle || !isWindowOpen(session.cycle, "iit")) {
    return data<ActionResult>({ formError: "iit.closed", errors: {}, values: fields }, { status: 403 });
  }
  if (!agencyCycle.iitOpen) return data<ActionResult>({ formError: "iit.closed.agency", errors: {}, values: fields }, { status: 403 });

  const parsed = answersSchema(session.ruleset, "iit").safeParse(fields);
  if (!parsed.success) {
    return data<ActionResult>({ formError: null, errors: fieldErrors(parsed.error.issues), values: fields }, { status: 400 });
  }
  let outcome;
  try {
    outcome = await submitResponse({
      submissionKey,
      session,
      screening: session.screening,
      answers: parsed.data,
      ruleset: session.ruleset,
      cap: agencyCycle.internalPopulation ?? 0, // no declared headcount → no room (the code page says so)
    });
  } catch (error) {
    // Database down, timeout, disk full: nothing was committed, so say so and keep the answers.
    console.error("[iit] submit not saved:", error instanceof Error ? error.message : error);
    return data<ActionResult>({ formError: "survey.notSaved", errors: {}, values: fields }, { status: 503 });
  }
  if (outcome.status === "accepted") {
    return redirect("/iit/thanks", { headers: await thanksCookies(request, answeredMark("iit", session.cycleId, session.agencyId)) });
  }
  if (outcome.reason === "session-gone") throw redirect("/iit?expired=1");
  return data<ActionResult>({ formError: "iit.full", errors: {}, values: fields }, { status: 409 });
}

/** End the survey cookie; remember (softly, without identity) that this browser answered. */
async function thanksCookies(request: Request, mark: string | null) {
  const headers = new Headers();
  headers.append("Set-Cookie", await surveyCookie.serialize("", { maxAge: 0 }));
  if (mark) {
    const marks = new Set(await readAnswered(request));
    marks.add(mark);
    headers.append("Set-Cookie", await answeredCookie.serialize([...marks]));
  }
  return headers;
}

export default function IitSurveyPage() {
  const { lang, agencyName, view, submissionKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <h1>{translate(lang, "iit.title")}</h1>
      <p className="agency-name">{translate(lang, "iit.agency", { name: agencyName })}</p>
      <SurveyForm
        view={view}
        lang={lang}
        submissionKey={submissionKey}
        values={result?.values}
        errors={result?.errors}
        formError={result?.formError ? translate(lang, result.formError) : null}
        submitting={navigation.state === "submitting"}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
