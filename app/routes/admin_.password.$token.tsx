// /admin/password/<token>: set a password through admin:create's link (24 h) or a "forgot password"
// link (1 h). Single use; every session of the user ends; then the user signs in (and, the first
// time, enrols TOTP). A dead link is a clear 410 page, never a 500.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DeadLink } from "~/components/dead-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { describePasswordLink, PeopleRefusal, setPasswordWithLink } from "~/services/people.server";
import { actionError } from "~/utils/action-result";
import { readForm } from "~/utils/http.server";
import { metaT, type MessageKey } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";
import { SetPasswordSchema } from "~/services/forms/admin-sign-in.server";
import adminStylesheet from "~/styles/admin.css";
import { useRejectedForm } from "~/components/rejected-form";

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

// Reflow at 320 px (issue 20 §3): the admin pages' own rules, beside app.css.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStylesheet }];

// The title in the page's language (2.4.2, 3.1.1), as every other page.
export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("people.reset.title")} — ITA` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const state = TOKEN.test(params.token ?? "") ? await describePasswordLink(params.token!) : ({ ok: false, reason: "unknown" } as const);
  if (!state.ok) return data({ lang, state: { ok: false as const, reason: state.reason } }, { status: 410 });
  return { lang, state: { ok: true as const, email: state.email } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const token = params.token ?? "";
  if (!TOKEN.test(token)) return actionError(410, { message: "people.link.unknown" });
  const parsed = SetPasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return actionError(400, { message: "people.refuse.invalid" });
  try {
    await setPasswordWithLink(token, parsed.data.password);
  } catch (error) {
    if (!(error instanceof PeopleRefusal)) throw error;
    return actionError(error.status, { message: error.key, ...(error.key.startsWith("people.password.") ? { errors: { password: error.key } } : {}) });
  }
  return redirect("/admin/login?password=set");
}

export default function SetPasswordPage() {
  const { state } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const t = useT();
  if (!state.ok) return <DeadLink reason={state.reason} />;
  const dead = result?.message?.startsWith("people.link.") ? (result.message.slice("people.link.".length) as "unknown" | "expired" | "used") : null;
  if (dead) return <DeadLink reason={dead} />;
  return (
    <>
      <h1>{t("people.reset.title")}</h1>
      <p>{t("people.reset.body", { email: state.email })}</p>
      <Form method="post" className="code-form" noValidate>
        {result?.message ? (
          <p className="form-error" role="alert">
            {t(result.message, result.messageVars)}
          </p>
        ) : null}
        <Field
          name="password"
          label={t("people.reset.password")}
          hint={t("people.password.hint")}
          error={result?.errors?.password ? t(result.errors.password as MessageKey) : null}
          inputProps={{ type: "password", className: "text-input", autoComplete: "new-password", minLength: 12, required: true }}
        />
        <button type="submit" className="button">
          {t("people.reset.submit")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
