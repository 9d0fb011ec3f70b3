import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SurveyStep } from "~/components/survey-steps";
import { surveyLoader, iitFlow } from "~/services/survey-flow.server";
import { surveyActionOnce } from "~/services/survey-fast-path.server";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

// Schema: answersSchema(ruleset, "iit") — exactly the 15 items' answer keys, each an option index
// within its scale, nothing else — applied in surveyAction with the IIT headcount cap.

export const loader = ({ request }: LoaderFunctionArgs) => surveyLoader(request, iitFlow);
// serve.js may have run it already for this request (docs/decisions/008): then that outcome.
export const action = ({ request, context }: ActionFunctionArgs) => surveyActionOnce(request, iitFlow, context);

export default function IitSurveyPage() {
  return (
    <>
      <SurveyStep titleKey="iit.title" />
      <AboutAnswersLink />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
