import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getAgencyBySlug } from "~/models/agency.server";
import { hasAnswered, verifyOtp } from "~/models/otp.server";
import { createSurveySession } from "~/models/survey-session.server";
import { invariantResponse, readForm } from "~/utils/http.server";
import { type MessageKey, localName } from "~/utils/i18n";
import { bothLangs } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { otpCookie, surveyCookie } from "~/services/survey-cookies.server";
import { useT } from "~/utils/use-lang";
import { AboutAnswersLink } from "~/components/about-answers-link";
import { respondentTitle } from "~/components/survey-steps";
import { markingErrors, pageHasError } from "~/services/survey-flow.server";

// A respondent page: plain HTML forms, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

const THAI_DIGITS = /[๐-๙]/g;

const VerifySchema = z.strictObject({
  // Thai numerals (๐–๙) and spaces are accepted: people type what their keyboard gives them.
  code: z
    .string({ error: "eit.verify.format" })
    .transform((value) => value.replace(THAI_DIGITS, (digit) => String(digit.charCodeAt(0) - 0x0e50)).replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, { error: "eit.verify.format" })),
});

async function agencyFor(slug: string | undefined) {
  const agency = slug ? await getAgencyBySlug(slug) : null;
  invariantResponse(agency, bothLangs("refuse.agencyNotFound"), { status: 404 });
  return agency;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const agency = await agencyFor(params.slug);
  const token = await otpCookie.parse(request.headers.get("Cookie"));
  // The code's cookie is gone (10 minutes): the phone page says why (never a bare phone form).
  if (typeof token !== "string") throw redirect(`/e/${agency.slug}?expired=otp`);
  return { lang, slug: agency.slug, agencyName: localName(agency, lang), pageError: pageHasError(context) };
}

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  respondentTitle(matches, "page.step.verify", "eit1", Boolean(error) || data?.pageError);

type ActionResult = { error: MessageKey; attemptsLeft?: number; already?: boolean };

export const action = (args: ActionFunctionArgs) => markingErrors(args.context, () => verifyAction(args));

async function verifyAction({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const agency = await agencyFor(params.slug);
  const parsed = VerifySchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ error: "eit.verify.format" }, { status: 400 });
  const token = await otpCookie.parse(request.headers.get("Cookie"));
  const result = await verifyOtp(typeof token === "string" ? token : null, parsed.data.code);
  if (result.status === "limited")
    return data<ActionResult>({ error: "error.429" }, { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
  if (result.status === "wrong") return data<ActionResult>({ error: "eit.verify.wrong", attemptsLeft: result.attemptsLeft }, { status: 400 });
  if (result.status === "dead" || result.challenge.agencyId !== agency.id) return data<ActionResult>({ error: "eit.verify.dead" }, { status: 400 });

  const { challenge } = result;
  const headers = new Headers({ "Set-Cookie": await otpCookie.serialize("", { maxAge: 0 }) });
  // Shown only now, after the code proved control of the number (no enumeration before).
  if (await hasAnswered(challenge.cycleId, challenge.agencyId, challenge.contactHash)) {
    return data<ActionResult>({ error: "eit.already", already: true }, { status: 409, headers });
  }
  const surveyToken = await createSurveySession({
    agencyId: challenge.agencyId,
    cycleId: challenge.cycleId,
    instrument: "eit1",
    contactHash: challenge.contactHash,
  });
  headers.append("Set-Cookie", await surveyCookie.serialize(surveyToken));
  return redirect(`/e/${agency.slug}/eligibility`, { headers });
}

export default function EitVerifyPage() {
  const { slug, agencyName } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  if (result?.already) {
    return (
      <>
        <h1>{t("eit.title")}</h1>
        <p className="agency-name">{agencyName}</p>
        <p className="notice" role="status">
          {t("eit.already")}
        </p>
        <p>
          <Link to="/">{t("error.home")}</Link>
        </p>
      </>
    );
  }
  const error = result ? t(result.error) : null;
  return (
    <>
      <h1>{t("eit.verify.title")}</h1>
      <p className="agency-name">{agencyName}</p>
      <p>{t("eit.verify.sent")}</p>
      <Form method="post" className="code-form" noValidate>
        <label htmlFor="code">{t("eit.verify.label")}</label>
        {error ? (
          <p className="field-error" id="code-error" role="alert" tabIndex={-1} autoFocus>
            {error}
            {result?.attemptsLeft ? ` — ${t("eit.verify.attemptsLeft", { count: result.attemptsLeft })}` : null}
          </p>
        ) : null}
        <input
          id="code"
          name="code"
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          // public/citizen.js: where WebOTP exists, the code of the SMS ending "@<this host> #<code>" is
          // filled in and sent once the person allows it (decision 029). Typing it works everywhere.
          data-webotp=""
          maxLength={12}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "code-error" : undefined}
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("eit.verify.submit")}
        </button>
      </Form>
      <p>
        <Link to={`/e/${slug}`}>
          {t("eit.verify.resend")} / {t("eit.verify.changeNumber")}
        </Link>
      </p>
      <AboutAnswersLink />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
