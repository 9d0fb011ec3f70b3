import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SurveyStep } from "~/components/survey-steps";
import { eitFlow, surveyLoader } from "~/services/survey-flow.server";
import { surveyActionOnce } from "~/services/survey-fast-path.server";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

// Schema: answersSchema(ruleset, "eit") — exactly the 9 items' answer keys, each within its
// scale — applied in surveyAction, which also writes the once-per-phone marker atomically.
export const loader = ({ request, params }: LoaderFunctionArgs) => surveyLoader(request, eitFlow(params.slug ?? ""));
// serve.js may have run it already for this request (docs/decisions/008): then that outcome.
export const action = ({ request, params, context }: ActionFunctionArgs) => surveyActionOnce(request, eitFlow(params.slug ?? ""), context);

export default function EitSurveyPage() {
  return (
    <>
      <SurveyStep titleKey="eit.title" />
      <AboutAnswersLink />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
