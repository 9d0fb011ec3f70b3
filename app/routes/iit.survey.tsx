import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { isResumeView, respondentTitle, ResumeStep, SurveyStep } from "~/components/survey-steps";
import { surveyLoader, iitFlow } from "~/services/survey-flow.server";
import { surveyActionOnce } from "~/services/survey-fast-path.server";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

// Schema: answersSchema(ruleset, "iit") — exactly the 15 items' answer keys, each an option index
// within its scale, nothing else — applied in surveyAction with the IIT headcount cap.

export const loader = ({ request, context }: LoaderFunctionArgs) => surveyLoader(request, iitFlow, context);
// serve.js may have run it already for this request (docs/decisions/008): then that outcome.
export const action = ({ request, context }: ActionFunctionArgs) => surveyActionOnce(request, iitFlow, context);

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  const kept = isRouteErrorResponse(error) && isResumeView(error.data) ? error.data : null;
  if (kept) return respondentTitle(matches, "page.step.expired", "iit", true);
  return respondentTitle(matches, "page.step.items", "iit", Boolean(error) || data?.pageError);
};

export default function IitSurveyPage() {
  return (
    <>
      <SurveyStep titleKey="iit.title" instrument="iit" extendPath="/iit/session" />
      <AboutAnswersLink />
    </>
  );
}

export function ErrorBoundary() {
  // A submit after the session expired: the answers come back with the code asked again.
  const error = useRouteError();
  if (isRouteErrorResponse(error) && isResumeView(error.data)) return <ResumeStep data={error.data} />;
  return <GeneralErrorBoundary />;
}
