import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SecondFactorForm } from "~/components/second-factor-form";
import { revokeAdminSession, rotateAdminSession } from "~/models/admin-session.server";
import { recordAudit } from "~/models/audit.server";
import { countEvent, giveBackSlot, takeSlot, type Window } from "~/models/rate-limit.server";
import { acceptTotp, recordSignIn, useRecoveryCode } from "~/models/user.server";
import { adminCookie, requirePasswordSession } from "~/services/admin-guard.server";
import { actionError } from "~/utils/action-result";
import { readForm } from "~/utils/http.server";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";
import { SecondFactorSchema } from "~/services/forms/admin-sign-in.server";
import adminStylesheet from "~/styles/admin.css";
import { useRejectedForm } from "~/components/rejected-form";

const MAX_FAILURES_PER_SESSION = 5; // then the whole sign-in starts again
// Per account, across sessions: 5 wrong codes per 15 min, 20 per day.
const SECOND_FACTOR_WINDOWS: Window[] = [
  { seconds: 15 * 60, limit: 5 },
  { seconds: 24 * 60 * 60, limit: 20 },
];

// Reflow at 320 px (issue 20 §3): the admin pages' own rules, beside app.css.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStylesheet }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePasswordSession(request);
  if (session.twoFactorVerifiedAt) throw redirect("/admin");
  if (!session.user.totpEnabledAt) throw redirect("/admin/2fa/setup");
  return { lang: await getLang(request) };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const session = await requirePasswordSession(request);
  const parsed = SecondFactorSchema.safeParse(Object.fromEntries(form));
  const code = parsed.success ? parsed.data.code : "";
  // A failure slot per ACCOUNT is taken before the code is checked (atomic, so parallel guesses
  // cannot overrun it, and new sessions do not reset it); a correct code gives it back.
  const accountKey = `admin-2fa-user:${session.userId}`;
  const slot = await takeSlot(accountKey, SECOND_FACTOR_WINDOWS);
  if (!slot.ok) {
    await recordAudit({ action: "admin.2fa", outcome: "refused:throttled", actorId: session.userId });
    return actionError(
      429,
      { message: "admin.login.limited", messageVars: { minutes: Math.ceil(slot.retryAfterSeconds / 60) } },
      { headers: { "Retry-After": String(slot.retryAfterSeconds) } },
    );
  }
  const viaTotp = /^\d{6}$/.test(code.replace(/\s/g, "")) && (await acceptTotp(session.user, code));
  const viaRecovery = !viaTotp && code.length >= 10 && (await useRecoveryCode(session.user.id, code));
  if (!viaTotp && !viaRecovery) {
    const [failures] = await countEvent(`admin-2fa:${session.id}`, [{ seconds: 3600, limit: MAX_FAILURES_PER_SESSION }]);
    await recordAudit({ action: "admin.2fa", outcome: "failed", actorId: session.userId });
    if (failures >= MAX_FAILURES_PER_SESSION) {
      await revokeAdminSession(session.id);
      throw redirect("/admin/login", { headers: { "Set-Cookie": await adminCookie.serialize("", { maxAge: 0 }) } });
    }
    return actionError(401, { message: "admin.2fa.wrong" });
  }
  await giveBackSlot(accountKey, SECOND_FACTOR_WINDOWS);
  // Rotation refuses a session that was revoked meanwhile (e.g. by parallel wrong guesses).
  const token = await rotateAdminSession(session.id, session.userId);
  if (!token) throw redirect("/admin/login", { headers: { "Set-Cookie": await adminCookie.serialize("", { maxAge: 0 }) } });
  await recordAudit({ action: "admin.2fa", outcome: viaTotp ? "ok:totp" : "ok:recovery-code", actorId: session.userId });
  await recordSignIn(session.userId);
  return redirect("/admin", { headers: { "Set-Cookie": await adminCookie.serialize(token) } });
}

export default function AdminSecondFactorPage() {
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const t = useT();
  return (
    <>
      <h1>{t("admin.2fa.title")}</h1>
      <SecondFactorForm error={result?.message ? t(result.message, result.messageVars) : null} maxLength={20} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
