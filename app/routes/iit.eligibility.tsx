import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EligibilityStep } from "~/components/survey-steps";
import { eligibilityAction, eligibilityLoader, iitFlow } from "~/services/survey-flow.server";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

// Schema: screeningSchema(ruleset, "iit"), applied in eligibilityAction.

export const loader = ({ request }: LoaderFunctionArgs) => eligibilityLoader(request, iitFlow);
export const action = ({ request }: ActionFunctionArgs) => eligibilityAction(request, iitFlow);

export default function IitEligibilityPage() {
  return (
    <>
      <EligibilityStep titleKey="iit.title" />
      <AboutAnswersLink />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
