import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { respondentTitle, ThanksStep } from "~/components/survey-steps";
import { getLang } from "~/utils/lang.server";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  return { lang: await getLang(request) };
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => respondentTitle(matches, "page.step.thanks", "iit", false);

export default function IitThanksPage() {
  return (
    <>
      <ThanksStep />
      <AboutAnswersLink />
    </>
  );
}
