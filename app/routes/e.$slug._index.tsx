import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CLOSED_NOTICE_KEYS, ClosedNotice } from "~/components/closed-notice";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getEitLanding } from "~/models/agency.server";
import { getCycleRuleset } from "~/models/cycle.server";
import { collectionState, windowState } from "~/domain/collection";
import { isValidOtpFormToken, otpFormToken, requestOtp } from "~/models/otp.server";
import { parseContact } from "~/utils/contact";
import { invariantResponse, readForm } from "~/utils/http.server";
import { type MessageKey, localName } from "~/utils/i18n";
import { bothLangs, inBothLangs } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { emailDeliveryAvailable } from "~/utils/otp-delivery.server";
import { findLiveCounterId } from "~/models/service-counter.server";
import { counterCookie, otpCookie } from "~/services/survey-cookies.server";
import { otpMessage } from "~/services/otp-message.server";
import { eitFlow, markingErrors, pageHasError, screenedOutMessage } from "~/services/survey-flow.server";
import { SURVEY_SESSION_TTL_SECONDS } from "~/models/survey-session.server";
import { respondentTitle } from "~/components/survey-steps";
import { useT } from "~/utils/use-lang";
import { AboutAnswersLink } from "~/components/about-answers-link";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

const ContactFormSchema = z.strictObject({
  contact: z.string({ error: "eit.contact.required" }).max(260, { error: "eit.contact.phoneInvalid" }),
  counter: z.string().max(64).optional(), // ignored: posted by landing pages rendered before counters moved to a cookie
  // Signed by the page we served (agency + half hour): a request must come from our form.
  formToken: z.string().max(100).optional(),
});

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  respondentTitle(matches, data && !data.open ? "page.step.closed" : "page.step.contact", "eit1", Boolean(error) || data?.pageError || Boolean(data?.expired));

async function landing(slug: string | undefined) {
  const found = slug ? await getEitLanding(slug) : null;
  invariantResponse(found, bothLangs("refuse.agencyNotFound"), { status: 404 });
  const { agency, cycle, agencyCycle } = found;
  const open = Boolean(cycle && collectionState(cycle, agencyCycle, "eit1") === "open" && cycle.dedupeKeyEnc);
  // No cycle collecting the EIT (outside the window, or none at all): the assessment is closed.
  const cycleClosed = !cycle || windowState(cycle, "eit1") !== "open";
  const allowEmail = Boolean(agencyCycle?.eitAllowEmail && emailDeliveryAvailable());
  return { agency, cycle, open, cycleClosed, allowEmail };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const { agency, cycle, open, cycleClosed, allowEmail } = await landing(params.slug);
  // ?c= counts only as a registered, live counter of THIS agency, carried in its own cookie (never
  // beside the contact); anything else is ignored, silently — the citizen still answers.
  const counterId = await findLiveCounterId(agency.id, new URL(request.url).searchParams.get("c"));
  const headers = counterId ? { "Set-Cookie": await counterCookie.serialize(counterId) } : undefined;
  return data(
    {
      lang,
      agencyName: localName(agency, lang),
      fiscalYear: cycle?.fiscalYear ?? null,
      open,
      cycleClosed,
      allowEmail,
      formToken: otpFormToken(agency.id),
      // Sent back here by a page whose session or code ran out: say so, never a bare phone form.
      expired: expiredReason(new URL(request.url)),
      minutes: SURVEY_SESSION_TTL_SECONDS / 60,
      pageError: pageHasError(context),
      closedNotice: inBothLangs(CLOSED_NOTICE_KEYS),
      // Screened out at the eligibility step: the ruleset's "not for you, thank you" (attack L3).
      screened: cycle ? screenedOutMessage(getCycleRuleset(cycle), eitFlow(agency.slug), new URL(request.url), lang) : null,
    },
    { headers },
  );
}

type ActionResult = { error: MessageKey; contact: string };

/** The challenge this browser already holds: only its own code is voided by a resend (decision 004). */
async function heldChallenge(request: Request) {
  const token: unknown = await otpCookie.parse(request.headers.get("Cookie"));
  return typeof token === "string" ? token : null;
}

function expiredReason(url: URL): "session" | "otp" | null {
  const value = url.searchParams.get("expired");
  return value === null ? null : value === "otp" ? "otp" : "session";
}

export const action = (args: ActionFunctionArgs) => markingErrors(args.context, () => contactAction(args));

async function contactAction({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const lang = await getLang(request);
  const { agency, cycle, open, allowEmail } = await landing(params.slug);
  const parsed = ContactFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ error: "eit.contact.phoneInvalid", contact: "" }, { status: 400 });
  if (!open || !cycle) return data<ActionResult>({ error: "eit.closed", contact: parsed.data.contact }, { status: 403 });
  if (!isValidOtpFormToken(parsed.data.formToken, agency.id))
    return data<ActionResult>({ error: "eit.formExpired", contact: parsed.data.contact }, { status: 400 });
  const contact = parseContact(parsed.data.contact, { allowEmail });
  if (!contact.ok) return data<ActionResult>({ error: contact.error, contact: parsed.data.contact }, { status: 400 });

  const result = await requestOtp({
    cycle,
    agency,
    contact: contact.contact,
    channel: "qr", // never the counter: it stays out of the challenge row (shared/security.md → Anonymity)
    lang,
    clientAddress: context?.clientAddress ?? "unknown",
    resendOf: await heldChallenge(request),
    message: otpMessage(lang, agency, contact.contact),
  });
  if (result.status === "busy") {
    return data<ActionResult>(
      { error: "eit.busy", contact: parsed.data.contact },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  // The same answer for a new number, one that already answered, and one over its limit.
  return redirect(`/e/${agency.slug}/verify`, { headers: { "Set-Cookie": await otpCookie.serialize(result.challengeToken) } });
}

export default function EitLandingPage() {
  const { agencyName, fiscalYear, open, cycleClosed, allowEmail, formToken, screened, expired, minutes, closedNotice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const error = result ? t(result.error) : null;
  return (
    <>
      <h1>{t("eit.title")}</h1>
      <p className="agency-name">{agencyName}</p>
      {fiscalYear ? <p className="muted">{t("home.cycle", { year: fiscalYear })}</p> : null}
      {screened ? (
        <p className="notice" role="status" data-testid="screened-out">
          {screened}
        </p>
      ) : null}
      {expired && !error ? (
        <div className="error-summary" role="alert" tabIndex={-1} autoFocus data-testid="expired">
          <p className="form-error">{expired === "otp" ? t("eit.verify.gone") : t("survey.sessionGone.eit", { minutes })}</p>
        </div>
      ) : null}
      {!open ? (
        cycleClosed ? (
          <ClosedNotice texts={closedNotice} />
        ) : (
          <p className="notice">{t("eit.closed")}</p>
        )
      ) : (
        <>
          <section className="pdpa" aria-labelledby="pdpa-title">
            <h2 id="pdpa-title">{t("eit.pdpa.title")}</h2>
            <p>{t("eit.pdpa.body")}</p>
          </section>
          <Form method="post" className="code-form" noValidate>
            <input type="hidden" name="formToken" value={formToken} />
            <label htmlFor="contact">{t(allowEmail ? "eit.contact.labelEmail" : "eit.contact.label")}</label>
            <p className="hint" id="contact-hint">
              {t("eit.contact.hint")}
            </p>
            {error ? (
              <p className="field-error" id="contact-error" role="alert" tabIndex={-1} autoFocus>
                {error}
              </p>
            ) : null}
            <input
              id="contact"
              name="contact"
              type={allowEmail ? "text" : "tel"}
              inputMode={allowEmail ? "email" : "tel"}
              autoComplete={allowEmail ? "email" : "tel"}
              className="text-input"
              defaultValue={result?.contact ?? ""}
              maxLength={260}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "contact-hint contact-error" : "contact-hint"}
            />
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("eit.contact.submit")}
            </button>
          </Form>
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
