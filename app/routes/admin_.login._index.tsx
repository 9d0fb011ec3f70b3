import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { createAdminSession } from "~/models/admin-session.server";
import { recordAudit } from "~/models/audit.server";
import { admitLoginAttempt, auditAccount, settleLoginAttempt } from "~/models/login-throttle.server";
import { recordSignIn, verifyLogin } from "~/models/user.server";
import { adminCookie, twoFactorRequired } from "~/services/admin-guard.server";
import { actionError } from "~/utils/action-result";
import { readForm, safeRedirectPath } from "~/utils/http.server";
import { getLang } from "~/utils/lang.server";
import { PasswordHashingBusy } from "~/utils/password.server";
import { useT } from "~/utils/use-lang";
import { LoginSchema } from "~/services/forms/admin-sign-in.server";
import adminStylesheet from "~/styles/admin.css";
import { useRejectedForm } from "~/components/rejected-form";
import { metaT } from "~/utils/i18n";

// Reflow at 320 px (issue 20 §3): the admin pages' own rules, beside app.css.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStylesheet }];

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("admin.login.title")} — ITA` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  return { lang: await getLang(request), redirectTo: safeRedirectPath(redirectTo, "/admin") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = LoginSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return actionError(400, { message: "admin.login.required" });
  const { email, password } = parsed.data;
  // Failure slots per (account, client), per client and in the global budget (models/login-throttle:
  // a flood from elsewhere never locks the owner out); a correct password gives them back.
  const admission = await admitLoginAttempt(email, context?.clientAddress ?? "unknown");
  if (!admission.ok) {
    await recordAudit({ action: "admin.login", outcome: `refused:${admission.reason}`, detail: { account: auditAccount(email) } });
    if (admission.reason === "busy") return busy(admission.retryAfterSeconds);
    const minutes = Math.ceil(admission.retryAfterSeconds / 60);
    return actionError(429, { message: "admin.login.limited", messageVars: { minutes } }, { headers: { "Retry-After": String(admission.retryAfterSeconds) } });
  }
  const { attempt } = admission;
  let user: Awaited<ReturnType<typeof verifyLogin>>;
  try {
    user = await verifyLogin(email, password);
  } catch (error) {
    if (!(error instanceof PasswordHashingBusy)) throw error;
    // Attack M1: password hashing is bounded; beyond its queue, fail fast instead of waiting.
    await settleLoginAttempt(attempt, "not-checked");
    return busy(BUSY_RETRY_SECONDS);
  }
  if (!user) {
    await settleLoginAttempt(attempt, "failed");
    await recordAudit({ action: "admin.login", outcome: "failed", detail: { account: auditAccount(attempt) } });
    return actionError(401, { message: "admin.login.failed" });
  }
  await settleLoginAttempt(attempt, "ok");
  // Without 2FA enrolled (and 2FA required), the session can only reach the enrolment page.
  const verified = !user.totpEnabledAt && !twoFactorRequired();
  const token = await createAdminSession(user.id, verified);
  await recordAudit({ action: "admin.login", outcome: verified ? "ok" : "ok:password", actorId: user.id });
  if (verified) await recordSignIn(user.id); // otherwise when the second factor passes
  const next = user.totpEnabledAt ? "/admin/login/2fa" : verified ? safeRedirectPath(parsed.data.redirectTo, "/admin") : "/admin/2fa/setup";
  return redirect(next, { headers: { "Set-Cookie": await adminCookie.serialize(token) } });
}

const BUSY_RETRY_SECONDS = 5;

function busy(retryAfterSeconds: number) {
  return actionError(503, { message: "admin.login.busy" }, { headers: { "Retry-After": String(retryAfterSeconds) } });
}

export default function AdminLoginPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const navigation = useNavigation();
  const t = useT();
  return (
    <>
      <h1>{t("admin.login.title")}</h1>
      <Form method="post" className="code-form" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {result?.message ? (
          <p className="form-error" role="alert">
            {t(result.message, result.messageVars)}
          </p>
        ) : null}
        {/* The refusals (wrong pair, limited, busy) are about the sign-in, not one field: said above. */}
        <Field name="email" label={t("admin.login.email")} inputProps={{ type: "email", autoComplete: "username", className: "text-input", required: true }} />
        <Field
          name="password"
          label={t("admin.login.password")}
          inputProps={{ type: "password", autoComplete: "current-password", className: "text-input", required: true }}
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("admin.login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/admin/password/forgot">{t("people.forgot.link")}</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
