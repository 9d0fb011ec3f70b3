// /admin/account: every admin's own account — change the password (the current one is needed; other
// sessions end), new recovery codes (the old ones die; the new ones are shown once), sign out
// every other session, and turn the shortfall reminder e-mails off or on (decision 024).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { requireAdmin } from "~/services/admin-guard.server";
import { changeOwnPassword, PeopleRefusal, regenerateRecoveryCodes, signOutOtherSessions } from "~/services/people.server";
import { getOwnRemindersOff, setOwnReminders } from "~/services/reminders.server";
import { actionError, actionOk } from "~/utils/action-result";
import { readForm } from "~/utils/http.server";
import { metaT, type MessageKey } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";
import { AccountActionSchema } from "~/services/forms/admin-sign-in.server";
import { useRejectedForm } from "~/components/rejected-form";

/** Recovery codes ride along once, right after they were made. */
type Shown = { recoveryCodes?: string[] };

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("people.account.title")} — ITA` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireAdmin(request);
  return { lang: await getLang(request), email: session.user.email, name: session.user.name, remindersOff: await getOwnRemindersOff(session.userId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const session = await requireAdmin(request);
  const parsed = AccountActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return actionError<Shown>(400, { message: "people.refuse.invalid" });
  const change = parsed.data;
  try {
    switch (change.intent) {
      case "change-password":
        await changeOwnPassword(session, change.currentPassword, change.newPassword);
        return actionOk<Shown>({ message: "people.account.password.changed" });
      case "recovery-codes":
        return actionOk<Shown>({ message: "people.account.recovery.shown", recoveryCodes: await regenerateRecoveryCodes(session.userId) });
      case "sign-out-others": {
        const count = await signOutOtherSessions(session);
        return actionOk<Shown>({ message: "people.account.sessions.done", messageVars: { count } });
      }
      case "reminders": {
        const off = change.remindersOff === "true";
        await setOwnReminders(session.userId, off);
        return actionOk<Shown>({ message: off ? "reminders.account.turnedOff" : "reminders.account.turnedOn" });
      }
    }
  } catch (error) {
    if (!(error instanceof PeopleRefusal)) throw error;
    const field = error.key === "people.password.wrongCurrent" ? "currentPassword" : error.key.startsWith("people.password.") ? "newPassword" : null;
    return actionError<Shown>(error.status, { message: error.key, messageVars: error.vars, ...(field ? { errors: { [field]: error.key } } : {}) });
  }
}

export default function AccountPage() {
  const { email, name, remindersOff } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const t = useT();
  return (
    <>
      <h1>{t("people.account.title")}</h1>
      <p>
        {name} — {email}
      </p>
      {result?.message ? (
        <p className={result.ok ? "notice" : "form-error"} role={result.ok ? "status" : "alert"}>
          {t(result.message, result.messageVars)}
        </p>
      ) : null}
      {result?.recoveryCodes ? (
        <ol className="recovery-codes">
          {result.recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
      ) : null}

      <h2>{t("people.account.password.title")}</h2>
      <Form method="post" className="settings-form" noValidate>
        <input type="hidden" name="intent" value="change-password" />
        <Field
          name="currentPassword"
          label={t("people.account.password.current")}
          error={result?.errors?.currentPassword ? t(result.errors.currentPassword as MessageKey) : null}
          inputProps={{ type: "password", className: "text-input", autoComplete: "current-password", required: true }}
        />
        <Field
          name="newPassword"
          label={t("people.account.password.new")}
          hint={t("people.password.hint")}
          error={result?.errors?.newPassword ? t(result.errors.newPassword as MessageKey) : null}
          inputProps={{ type: "password", className: "text-input", autoComplete: "new-password", minLength: 12, required: true }}
        />
        <button type="submit" className="button">
          {t("people.account.password.submit")}
        </button>
      </Form>

      <h2>{t("people.account.recovery.title")}</h2>
      <p>{t("people.account.recovery.body")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="recovery-codes" />
        <button type="submit" className="button">
          {t("people.account.recovery.submit")}
        </button>
      </Form>

      <h2>{t("people.account.sessions.title")}</h2>
      <p>{t("people.account.sessions.body")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="sign-out-others" />
        <button type="submit" className="button">
          {t("people.account.sessions.submit")}
        </button>
      </Form>

      <h2>{t("reminders.account.title")}</h2>
      <p>{t(remindersOff ? "reminders.account.off" : "reminders.account.on")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="reminders" />
        <input type="hidden" name="remindersOff" value={remindersOff ? "false" : "true"} />
        <button type="submit" className="button">
          {t(remindersOff ? "reminders.account.turnOn" : "reminders.account.turnOff")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
