import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CLOSED_NOTICE_KEYS, ClosedNotice } from "~/components/closed-notice";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { windowState } from "~/domain/collection";
import { getCurrentCycle, getCycleRuleset } from "~/models/cycle.server";
import { createSurveySession, SURVEY_SESSION_TTL_SECONDS } from "~/models/survey-session.server";
import { readForm } from "~/utils/http.server";
import type { MessageKey } from "~/utils/i18n";
import { inBothLangs, isMessageKey } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { surveyCookie } from "~/services/survey-cookies.server";
import { iitFlow, markingErrors, pageHasError, screenedOutMessage } from "~/services/survey-flow.server";
import { admitIitCode } from "~/services/survey-resume.server";
import { respondentTitle } from "~/components/survey-steps";
import { formatThaiDate } from "~/utils/dates";
import { useT } from "~/utils/use-lang";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

const CodeFormSchema = z.strictObject({
  code: z.string({ error: "iit.code.required" }).trim().min(1, { error: "iit.code.required" }).max(64, { error: "iit.code.invalid" }),
});

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  respondentTitle(matches, data && !data.open ? "page.step.closed" : "page.step.code", "iit", Boolean(error) || data?.pageError || data?.expired);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const pageError = pageHasError(context);
  const cycle = await getCurrentCycle();
  const url = new URL(request.url);
  const expired = url.searchParams.has("expired");
  const minutes = SURVEY_SESSION_TTL_SECONDS / 60;
  const closedNotice = inBothLangs(CLOSED_NOTICE_KEYS);
  if (!cycle) return { lang, open: false, window: null, expired, screened: null, pageError, minutes, closedNotice };
  return {
    lang,
    // Screened out at the eligibility step: the ruleset's "not for you, thank you" (attack L3).
    screened: screenedOutMessage(getCycleRuleset(cycle), iitFlow, url, lang),
    open: windowState(cycle, "iit") === "open",
    window: { opens: formatThaiDate(cycle.iitOpensAt, lang), closes: formatThaiDate(cycle.iitClosesAt, lang) },
    expired,
    pageError,
    minutes,
    closedNotice,
  };
}

type ActionResult = { error: MessageKey; vars?: Record<string, string | number> };

export const action = (args: ActionFunctionArgs) => markingErrors(args.context, () => codeAction(args));

async function codeAction({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = CodeFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message;
    return data<ActionResult>({ error: isMessageKey(message) ? message : "iit.code.invalid" }, { status: 400 });
  }

  // The same checks a submit after expiry makes when it asks for the code again (survey-resume.server.ts).
  const admitted = await admitIitCode(parsed.data.code, context?.clientAddress ?? "unknown");
  if (!admitted.ok) return data<ActionResult>({ error: admitted.error, vars: admitted.vars }, { status: admitted.status, headers: admitted.headers });

  const token = await createSurveySession({ agencyId: admitted.agencyId, cycleId: admitted.cycleId, instrument: "iit" });
  return redirect("/iit/eligibility", { headers: { "Set-Cookie": await surveyCookie.serialize(token) } });
}

export default function IitCodePage() {
  const { open, window, expired, screened, minutes, closedNotice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const error = result ? t(result.error, result.vars) : null;
  return (
    <>
      <h1>{t("iit.title")}</h1>
      {screened ? (
        <p className="notice" role="status" data-testid="screened-out">
          {screened}
        </p>
      ) : null}
      {expired && !error ? (
        <div className="error-summary" role="alert" tabIndex={-1} autoFocus>
          <p className="form-error">{t("survey.sessionGone.iit", { minutes })}</p>
        </div>
      ) : null}
      {open ? (
        <Form method="post" className="code-form" noValidate>
          <label htmlFor="code">{t("iit.code.label")}</label>
          <p className="hint" id="code-hint">
            {t("iit.code.hint")}
          </p>
          {error ? (
            <p className="field-error" id="code-error" role="alert" tabIndex={-1} autoFocus>
              {error}
            </p>
          ) : null}
          <input
            id="code"
            name="code"
            type="text"
            className="code-input"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={64}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "code-hint code-error" : "code-hint"}
          />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("iit.code.submit")}
          </button>
          <p className="muted">{t("iit.code.private")}</p>
        </Form>
      ) : (
        <>
          <ClosedNotice texts={closedNotice} />
          <section className="notice">
            <p>{t("iit.closed")}</p>
            {window ? <p>{t("iit.closed.window", window)}</p> : null}
          </section>
        </>
      )}
      <p className="muted">{t("survey.anonymous")}</p>
      <AboutAnswersLink />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
