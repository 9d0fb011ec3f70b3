import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, useParams, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { isResumeView, respondentTitle, ResumeStep, SurveyStep } from "~/components/survey-steps";
import { eitFlow, surveyLoader } from "~/services/survey-flow.server";
import { surveyActionOnce } from "~/services/survey-fast-path.server";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

// Schema: answersSchema(ruleset, "eit") — exactly the 9 items' answer keys, each an option index
// within its scale, nothing else — applied in surveyAction, which also writes the once-per-phone marker atomically.

export const loader = ({ request, params, context }: LoaderFunctionArgs) => surveyLoader(request, eitFlow(params.slug ?? ""), context);
// serve.js may have run it already for this request (docs/decisions/008): then that outcome.
export const action = ({ request, params, context }: ActionFunctionArgs) => surveyActionOnce(request, eitFlow(params.slug ?? ""), context);

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  const kept = isRouteErrorResponse(error) && isResumeView(error.data) ? error.data : null;
  if (kept) return respondentTitle(matches, "page.step.expired", "eit1", true);
  return respondentTitle(matches, "page.step.items", "eit1", Boolean(error) || data?.pageError);
};

export default function EitSurveyPage() {
  const params = useParams();
  return (
    <>
      <SurveyStep titleKey="eit.title" instrument="eit1" extendPath={`/e/${encodeURIComponent(params.slug ?? "")}/session`} />
      <AboutAnswersLink />
    </>
  );
}

export function ErrorBoundary() {
  // A submit after the session expired: the answers come back with a new OTP asked for.
  const error = useRouteError();
  if (isRouteErrorResponse(error) && isResumeView(error.data)) return <ResumeStep data={error.data} />;
  return <GeneralErrorBoundary />;
}
