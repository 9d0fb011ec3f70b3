import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { revokeAdminSession, rotateAdminSession } from "~/models/admin-session.server";
import { recordAudit } from "~/models/audit.server";
import { countEvent } from "~/models/rate-limit.server";
import { acceptTotp, useRecoveryCode } from "~/models/user.server";
import { adminCookie, requirePasswordSession } from "~/utils/admin.server";
import { readForm } from "~/utils/http.server";
import { translate, type MessageKey } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";

const SecondFactorSchema = z.strictObject({ code: z.string().trim().min(6).max(20) });
const MAX_FAILURES_PER_SESSION = 5; // then the whole sign-in starts again

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
  const viaTotp = /^\d{6}$/.test(code.replace(/\s/g, "")) && (await acceptTotp(session.user, code));
  const viaRecovery = !viaTotp && code.length >= 10 && (await useRecoveryCode(session.user.id, code));
  if (!viaTotp && !viaRecovery) {
    const [failures] = await countEvent(`admin-2fa:${session.id}`, [{ seconds: 3600, limit: MAX_FAILURES_PER_SESSION }]);
    await recordAudit({ action: "admin.2fa", outcome: "failed", actorId: session.userId });
    if (failures >= MAX_FAILURES_PER_SESSION) {
      await revokeAdminSession(session.id);
      throw redirect("/admin/login", { headers: { "Set-Cookie": await adminCookie.serialize("", { maxAge: 0 }) } });
    }
    return data<{ error: MessageKey }>({ error: "admin.2fa.wrong" }, { status: 401 });
  }
  await recordAudit({ action: "admin.2fa", outcome: viaTotp ? "ok:totp" : "ok:recovery-code", actorId: session.userId });
  const token = await rotateAdminSession(session.id, session.userId);
  return redirect("/admin", { headers: { "Set-Cookie": await adminCookie.serialize(token) } });
}

export default function AdminSecondFactorPage() {
  const { lang } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = (key: MessageKey) => translate(lang, key);
  return (
    <>
      <h1>{t("admin.2fa.title")}</h1>
      <Form method="post" className="code-form" noValidate>
        {result ? (
          <p className="form-error" role="alert">
            {t(result.error)}
          </p>
        ) : null}
        <label htmlFor="code">{t("admin.2fa.code")}</label>
        <input id="code" name="code" className="code-input" inputMode="numeric" autoComplete="one-time-code" maxLength={20} />
        <button type="submit" className="button">
          {t("admin.2fa.submit")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
