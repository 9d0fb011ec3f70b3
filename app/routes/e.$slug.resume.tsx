import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { isResumeView, respondentTitle, ResumeStep } from "~/components/survey-steps";
import { eitFlow, markingErrors } from "~/services/survey-flow.server";
import { resumeAction } from "~/services/survey-resume.server";
import { getLang } from "~/utils/lang.server";
import { SURVEY_SESSION_TTL_SECONDS } from "~/models/survey-session.server";
import { useT } from "~/utils/use-lang";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

// Schema: the survey's answersSchema and screeningSchema (the kept answers, checked before the code
// is), then a new OTP as on /e/<agency> and its verify page — all in resumeAction (app/services/survey-resume.server.ts).

// Reached by a POST from the "time ran out, your answers are kept" page; opened directly, it has
// nothing to resume and says where to start.
export async function loader({ request }: LoaderFunctionArgs) {
  return { lang: await getLang(request), minutes: SURVEY_SESSION_TTL_SECONDS / 60 };
}

export const action = ({ request, params, context }: ActionFunctionArgs) =>
  markingErrors(context, () => resumeAction(request, eitFlow(params.slug ?? ""), context?.clientAddress ?? "unknown"));

export const meta: MetaFunction<typeof loader> = ({ matches }) => respondentTitle(matches, "page.step.expired", "eit1", true);

export default function EitResumePage() {
  const { minutes } = useLoaderData<typeof loader>();
  const params = useParams();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      {isResumeView(result) ? (
        <ResumeStep data={result} />
      ) : (
        <>
          <h1>{t("eit.title")}</h1>
          <p className="notice">{t("survey.sessionGone.eit", { minutes })}</p>
          <p>
            <Link to={`/e/${encodeURIComponent(params.slug ?? "")}`}>{t("eit.verify.resend")}</Link>
          </p>
        </>
      )}
      <AboutAnswersLink />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
