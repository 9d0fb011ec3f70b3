import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EligibilityStep } from "~/components/survey-steps";
import { eitFlow, eligibilityAction, eligibilityLoader } from "~/services/survey-flow.server";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

// Schema: screeningSchema(ruleset, "eit"), applied in eligibilityAction.
export const loader = ({ request, params }: LoaderFunctionArgs) => eligibilityLoader(request, eitFlow(params.slug ?? ""));
export const action = ({ request, params }: ActionFunctionArgs) => eligibilityAction(request, eitFlow(params.slug ?? ""));

export default function EitEligibilityPage() {
  return (
    <>
      <EligibilityStep titleKey="eit.title" />
      <AboutAnswersLink />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
