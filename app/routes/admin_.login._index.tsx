import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { createAdminSession } from "~/models/admin-session.server";
import { recordAudit } from "~/models/audit.server";
import { giveBackSlot, takeSlot, type Window } from "~/models/rate-limit.server";
import { verifyLogin } from "~/models/user.server";
import { adminCookie, twoFactorRequired } from "~/services/admin-guard.server";
import { keyedHash } from "~/utils/crypto.server";
import { readForm, safeRedirectPath } from "~/utils/http.server";
import type { MessageKey } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";
import { PASSWORD_MAX_LENGTH } from "~/utils/password.server";
import { useT } from "~/utils/use-lang";

const LoginSchema = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  redirectTo: z.string().max(2000).optional(),
});

// Per account and per client, so neither one address nor many addresses can guess freely.
const ACCOUNT_WINDOWS: Window[] = [{ seconds: 15 * 60, limit: 5 }];
const CLIENT_WINDOWS: Window[] = [{ seconds: 15 * 60, limit: 20 }];

export const meta: MetaFunction = () => [{ title: "Admin — ITA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  return { lang: await getLang(request), redirectTo: safeRedirectPath(redirectTo, "/admin") };
}

type ActionResult = { error: MessageKey; vars?: Record<string, number> };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = LoginSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ error: "admin.login.required" }, { status: 400 });
  const { email, password } = parsed.data;
  const accountKey = `admin-login:${keyedHash("rate-limit-account", email.toLowerCase())}`;
  const clientKey = `admin-login-client:${keyedHash("rate-limit-client", context?.clientAddress ?? "unknown")}`;
  // Each attempt takes a failure slot for the account and the client (atomic: parallel guesses
  // cannot overrun); a correct password gives them back.
  for (const [key, windows] of [[accountKey, ACCOUNT_WINDOWS], [clientKey, CLIENT_WINDOWS]] as const) {
    const slot = await takeSlot(key, windows);
    if (!slot.ok) {
      if (key === clientKey) await giveBackSlot(accountKey, ACCOUNT_WINDOWS);
      await recordAudit({ action: "admin.login", outcome: "refused:throttled", detail: { account: accountKey.slice(-16) } });
      const minutes = Math.ceil(slot.retryAfterSeconds / 60);
      return data<ActionResult>({ error: "admin.login.limited", vars: { minutes } }, { status: 429, headers: { "Retry-After": String(slot.retryAfterSeconds) } });
    }
  }
  const user = await verifyLogin(email, password);
  if (!user) {
    await recordAudit({ action: "admin.login", outcome: "failed", detail: { account: accountKey.slice(-16) } });
    return data<ActionResult>({ error: "admin.login.failed" }, { status: 401 });
  }
  await giveBackSlot(accountKey, ACCOUNT_WINDOWS);
  await giveBackSlot(clientKey, CLIENT_WINDOWS);
  // Without 2FA enrolled (and 2FA required), the session can only reach the enrolment page.
  const verified = !user.totpEnabledAt && !twoFactorRequired();
  const token = await createAdminSession(user.id, verified);
  await recordAudit({ action: "admin.login", outcome: verified ? "ok" : "ok:password", actorId: user.id });
  const next = user.totpEnabledAt ? "/admin/login/2fa" : verified ? safeRedirectPath(parsed.data.redirectTo, "/admin") : "/admin/2fa/setup";
  return redirect(next, { headers: { "Set-Cookie": await adminCookie.serialize(token) } });
}

export default function AdminLoginPage() {
  const { lang, redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT(lang);
  return (
    <>
      <h1>{t("admin.login.title")}</h1>
      <Form method="post" className="code-form" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {result ? (
          <p className="form-error" role="alert">
            {t(result.error, result.vars)}
          </p>
        ) : null}
        <label htmlFor="email">{t("admin.login.email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" className="text-input" required />
        <label htmlFor="password">{t("admin.login.password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" className="text-input" required />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("admin.login.submit")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
