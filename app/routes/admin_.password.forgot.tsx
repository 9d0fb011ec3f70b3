// /admin/password/forgot: "forgot password" without account enumeration — the same answer (and
// about the same time: the look-up and the mail happen after it) for known and unknown e-mails.
// Limited per client and per e-mail (services/people.server.ts).
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { PeopleRefusal, requestPasswordReset } from "~/services/people.server";
import { actionError, actionOk } from "~/utils/action-result";
import { readForm } from "~/utils/http.server";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";
import { ForgotPasswordSchema } from "~/services/forms/admin-sign-in.server";
import adminStylesheet from "~/styles/admin.css";
import { useRejectedForm } from "~/components/rejected-form";
import { metaT } from "~/utils/i18n";

// Reflow at 320 px (issue 20 §3): the admin pages' own rules, beside app.css.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStylesheet }];

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("people.forgot.title")} — ITA` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { lang: await getLang(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const parsed = ForgotPasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return actionError(400, { message: "people.refuse.emailInvalid", errors: { email: "people.refuse.emailInvalid" } });
  try {
    // Not awaited: the answer must not wait for (and so reveal) the look-up and the mail.
    await requestPasswordReset(parsed.data.email, context?.clientAddress ?? "unknown");
  } catch (error) {
    if (!(error instanceof PeopleRefusal)) throw error;
    const headers = error.status === 429 ? { "Retry-After": String(Number(error.vars?.minutes ?? 1) * 60) } : undefined;
    return actionError(error.status, { message: error.key, messageVars: error.vars }, { headers });
  }
  return actionOk({ message: "people.forgot.sent" });
}

export default function ForgotPasswordPage() {
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const t = useT();
  return (
    <>
      <h1>{t("people.forgot.title")}</h1>
      {result?.ok ? (
        <p className="notice" role="status">
          {t("people.forgot.sent")}
        </p>
      ) : (
        <>
          <p>{t("people.forgot.body")}</p>
          <Form method="post" className="code-form" noValidate>
            {result?.message ? (
              <p className="form-error" role="alert">
                {t(result.message, result.messageVars)}
              </p>
            ) : null}
            <Field
              name="email"
              label={t("people.forgot.email")}
              inputProps={{ type: "email", className: "text-input", autoComplete: "username", required: true }}
            />
            <button type="submit" className="button">
              {t("people.forgot.submit")}
            </button>
          </Form>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
