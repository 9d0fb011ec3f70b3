import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SecondFactorForm } from "~/components/second-factor-form";
import { rotateAdminSession } from "~/models/admin-session.server";
import { recordAudit } from "~/models/audit.server";
import { acceptTotp, beginTotpEnrolment, issueRecoveryCodes, readTotpSecret, recordSignIn } from "~/models/user.server";
import { adminCookie, requirePasswordSession } from "~/services/admin-guard.server";
import { actionError, actionOk } from "~/utils/action-result";
import { readForm } from "~/utils/http.server";
import { getLang } from "~/utils/lang.server";
import { qrSvg, totpUri } from "~/utils/totp.server";
import { useT } from "~/utils/use-lang";
import { TotpConfirmSchema } from "~/services/forms/admin-sign-in.server";
import adminStylesheet from "~/styles/admin.css";
import { useRejectedForm } from "~/components/rejected-form";

/** Shown once, right after enrolment. */
type RecoveryCodes = { recoveryCodes?: string[] };

// Reflow at 320 px (issue 20 §3): the admin pages' own rules, beside app.css.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStylesheet }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePasswordSession(request);
  // Enrolment is for a session that has not passed a second factor; re-enrolling is an explicit
  // action of a fully signed-in admin (not offered yet).
  if (session.user.totpEnabledAt) {
    if (!session.twoFactorVerifiedAt) throw redirect("/admin/login/2fa");
    // Enrolled and verified: either this page's own action just enrolled it (Remix revalidates this
    // loader right after, and a redirect here would take the recovery codes, shown once, off the
    // screen before anyone could write them down) or someone came back to the page.
    return { lang: await getLang(request), enrolled: true, secret: null, qr: null };
  }
  const secret = readTotpSecret(session.user) ?? (await beginTotpEnrolment(session.userId));
  return { lang: await getLang(request), enrolled: false, secret, qr: await qrSvg(totpUri(secret, session.user.email)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const session = await requirePasswordSession(request);
  if (session.user.totpEnabledAt) throw redirect("/admin");
  const parsed = TotpConfirmSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success || !(await acceptTotp(session.user, parsed.data.code, new Date(), { enable: true }))) {
    await recordAudit({ action: "admin.2fa.enrol", outcome: "failed", actorId: session.userId });
    return actionError<RecoveryCodes>(400, { message: "admin.2fa.wrong" });
  }
  const recoveryCodes = await issueRecoveryCodes(session.userId);
  await recordAudit({ action: "admin.2fa.enrol", outcome: "ok", actorId: session.userId });
  await recordSignIn(session.userId);
  const token = await rotateAdminSession(session.id, session.userId);
  if (!token) throw redirect("/admin/login", { headers: { "Set-Cookie": await adminCookie.serialize("", { maxAge: 0 }) } });
  return actionOk<RecoveryCodes>({ recoveryCodes }, { headers: { "Set-Cookie": await adminCookie.serialize(token) } });
}

export default function AdminTwoFactorSetupPage() {
  const { enrolled, secret, qr } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const t = useT();
  if (result?.recoveryCodes) {
    return (
      <>
        <h1>{t("admin.2fa.recovery.title")}</h1>
        <p>{t("admin.2fa.recovery.body")}</p>
        <ol className="recovery-codes">
          {result.recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <Link className="button" to="/admin">
          {t("admin.2fa.continue")}
        </Link>
      </>
    );
  }
  if (enrolled || !secret || !qr) {
    return (
      <>
        <h1>{t("admin.2fa.setup.title")}</h1>
        <p>{t("admin.2fa.enrolled")}</p>
        <Link className="button" to="/admin">
          {t("admin.2fa.continue")}
        </Link>
      </>
    );
  }
  return (
    <>
      <h1>{t("admin.2fa.setup.title")}</h1>
      <p>{t("admin.2fa.setup.body")}</p>
      {/* qrcode's SVG output: generated server-side from our own otpauth URI, no user input. */}
      <div className="qr" dangerouslySetInnerHTML={{ __html: qr }} />
      <p>
        {t("admin.2fa.setup.key")}: <code className="totp-secret">{secret}</code>
      </p>
      <SecondFactorForm error={result?.message ? t(result.message) : null} maxLength={6} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
