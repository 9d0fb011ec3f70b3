import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { isResumeView, respondentTitle, ResumeStep } from "~/components/survey-steps";
import { iitFlow, markingErrors } from "~/services/survey-flow.server";
import { resumeAction } from "~/services/survey-resume.server";
import { getLang } from "~/utils/lang.server";
import { SURVEY_SESSION_TTL_SECONDS } from "~/models/survey-session.server";
import { useT } from "~/utils/use-lang";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

// Schema: the survey's answersSchema and screeningSchema (the kept answers, checked before the code
// is), then the code as on /iit — all in resumeAction (app/services/survey-resume.server.ts).

// Reached by a POST from the "time ran out, your answers are kept" page; opened directly, it has
// nothing to resume and says where to start.
export async function loader({ request }: LoaderFunctionArgs) {
  return { lang: await getLang(request), minutes: SURVEY_SESSION_TTL_SECONDS / 60 };
}

export const action = ({ request, context }: ActionFunctionArgs) =>
  markingErrors(context, () => resumeAction(request, iitFlow, context?.clientAddress ?? "unknown"));

export const meta: MetaFunction<typeof loader> = ({ matches }) => respondentTitle(matches, "page.step.expired", "iit", true);

export default function IitResumePage() {
  const { minutes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      {isResumeView(result) ? (
        <ResumeStep data={result} />
      ) : (
        <>
          <h1>{t("iit.title")}</h1>
          <p className="notice">{t("survey.sessionGone.iit", { minutes })}</p>
          <p>
            <Link to="/iit">{t("iit.startOver")}</Link>
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
