import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EligibilityStep, respondentTitle } from "~/components/survey-steps";
import { eitFlow, eligibilityAction, eligibilityLoader, markingErrors } from "~/services/survey-flow.server";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

// Schema: screeningSchema(ruleset, "eit"), applied in eligibilityAction.
export const loader = ({ request, params, context }: LoaderFunctionArgs) => eligibilityLoader(request, eitFlow(params.slug ?? ""), context);
export const action = ({ request, params, context }: ActionFunctionArgs) =>
  markingErrors(context, () => eligibilityAction(request, eitFlow(params.slug ?? "")));

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  respondentTitle(matches, "page.step.eligibility", "eit1", Boolean(error) || data?.pageError);

export default function EitEligibilityPage() {
  const params = useParams();
  return (
    <>
      <EligibilityStep instrument="eit1" extendPath={`/e/${encodeURIComponent(params.slug ?? "")}/session`} />
      <AboutAnswersLink />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
