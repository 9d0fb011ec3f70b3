// /admin/invite/<token>: accept an invitation (issue 15 → section 4). Outside the admin layout: the
// invitee has no account yet. Name and password → a password-only session → /admin/2fa/setup (TOTP
// enrolment, then the recovery codes shown once). An existing user with a password only accepts the
// grant and signs in as usual. A dead link (unknown, expired, used, revoked) is a clear 410 page.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DeadLink } from "~/components/dead-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { adminCookie } from "~/services/admin-guard.server";
import { acceptInvitation, describeInvitation } from "~/services/invitations.server";
import { PeopleRefusal } from "~/services/people.server";
import { actionError } from "~/utils/action-result";
import { readForm } from "~/utils/http.server";
import { localName, metaT, type MessageKey } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";
import { AcceptInvitationSchema } from "~/services/forms/admin-sign-in.server";
import adminStylesheet from "~/styles/admin.css";
import { useRejectedForm } from "~/components/rejected-form";

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

// Reflow at 320 px (issue 20 §3): the admin pages' own rules, beside app.css.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStylesheet }];

// The title in the page's language (2.4.2, 3.1.1), as every other page.
export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("people.invite.title")} — ITA` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const state = TOKEN.test(params.token ?? "") ? await describeInvitation(params.token!) : ({ ok: false, reason: "unknown" } as const);
  if (!state.ok) return data({ lang, state: { ok: false as const, reason: state.reason } }, { status: 410 });
  const scope = state.agency ? localName(state.agency, lang) : state.province ? localName(state.province, lang) : null;
  return { lang, state: { ok: true as const, email: state.email, name: state.name, role: state.role, scope, needsPassword: state.needsPassword } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const parsed = AcceptInvitationSchema.safeParse(Object.fromEntries(form));
  const token = params.token ?? "";
  if (!TOKEN.test(token)) return actionError(410, { message: "people.link.unknown" });
  if (!parsed.success) return actionError(400, { message: "people.refuse.invalid" });
  try {
    const accepted = await acceptInvitation(token, parsed.data);
    if (!accepted.sessionToken) return redirect("/admin/login");
    // Straight on to TOTP enrolment (and the recovery codes) with a password-only session.
    return redirect("/admin/2fa/setup", { headers: { "Set-Cookie": await adminCookie.serialize(accepted.sessionToken) } });
  } catch (error) {
    if (!(error instanceof PeopleRefusal)) throw error;
    const field = error.key.startsWith("people.password.") ? "password" : error.key === "people.refuse.nameInvalid" ? "name" : null;
    return actionError(error.status, {
      message: error.key,
      ...(field ? { errors: { [field]: error.key } } : {}),
      values: { name: parsed.data.name ?? "" },
    });
  }
}

export default function InvitationPage() {
  const { state } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const t = useT();
  if (!state.ok) return <DeadLink reason={state.reason} />;
  const dead = result?.message?.startsWith("people.link.") ? (result.message.slice("people.link.".length) as "unknown" | "expired" | "used" | "revoked") : null;
  if (dead) return <DeadLink reason={dead} />;
  const role = t(`people.role.${state.role}` as MessageKey);
  return (
    <>
      <h1>{t("people.invite.title")}</h1>
      <p>{t("people.invite.body", { role, scope: state.scope ?? t("people.scope.all"), email: state.email })}</p>
      {!state.needsPassword ? <p>{t("people.invite.existing")}</p> : null}
      <Form method="post" className="code-form" noValidate>
        {result?.message ? (
          <p className="form-error" role="alert">
            {t(result.message, result.messageVars)}
          </p>
        ) : null}
        {state.needsPassword ? (
          <>
            <Field
              name="name"
              label={t("people.invite.name")}
              error={result?.errors?.name ? t(result.errors.name as MessageKey) : null}
              inputProps={{ className: "text-input", autoComplete: "name", defaultValue: result?.values?.name ?? state.name, required: true }}
            />
            <Field
              name="password"
              label={t("people.invite.password")}
              hint={t("people.password.hint")}
              error={result?.errors?.password ? t(result.errors.password as MessageKey) : null}
              inputProps={{ type: "password", className: "text-input", autoComplete: "new-password", minLength: 12, required: true }}
            />
          </>
        ) : null}
        <button type="submit" className="button">
          {t("people.invite.accept")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
