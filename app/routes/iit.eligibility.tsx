import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EligibilityStep, respondentTitle } from "~/components/survey-steps";
import { eligibilityAction, eligibilityLoader, iitFlow, markingErrors } from "~/services/survey-flow.server";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

// Schema: screeningSchema(ruleset, "iit"), applied in eligibilityAction.

export const loader = ({ request, context }: LoaderFunctionArgs) => eligibilityLoader(request, iitFlow, context);
export const action = ({ request, context }: ActionFunctionArgs) => markingErrors(context, () => eligibilityAction(request, iitFlow));

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  respondentTitle(matches, "page.step.eligibility", "iit", Boolean(error) || data?.pageError);

export default function IitEligibilityPage() {
  return (
    <>
      <EligibilityStep instrument="iit" extendPath="/iit/session" />
      <AboutAnswersLink />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
