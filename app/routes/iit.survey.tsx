import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SurveyStep } from "~/components/survey-steps";
import { surveyAction, surveyLoader, iitFlow } from "~/utils/survey-steps.server";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

// Schema: answersSchema(ruleset, "iit") — exactly the 15 items' answer keys, each an option index
// within its scale, nothing else — applied in surveyAction with the IIT headcount cap.

export const loader = ({ request }: LoaderFunctionArgs) => surveyLoader(request, iitFlow);
export const action = ({ request }: ActionFunctionArgs) => surveyAction(request, iitFlow);

export default function IitSurveyPage() {
  return <SurveyStep titleKey="iit.title" />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
