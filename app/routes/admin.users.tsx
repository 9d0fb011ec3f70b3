// /admin/users: people and roles (issue 15 → section 4). The system administrator sees everyone;
// an assessor or a coordinator sees the same page limited to their scope (domain/roles.ts); an
// agency admin gets a 403. Users with roles, scope, 2FA, last sign-in; pending invitations (resend,
// withdraw); the invite form; per user grant/revoke, disable/enable, reset 2FA.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import { Field } from "~/components/field";
import { grantableRoles, managesPeople } from "~/domain/roles";
import { requireAdmin, type AdminSession } from "~/services/admin-guard.server";
import { inviteUser, resendInvitation, withdrawInvitation } from "~/services/invitations.server";
import {
  disableUser,
  enableUser,
  grantFromCodes,
  grantRole,
  listInvitationsInScope,
  listPeople,
  PeopleRefusal,
  resetTwoFactor,
  revokeGrantById,
  type Actor,
} from "~/services/people.server";
import { actionError, actionOk } from "~/utils/action-result";
import { formatThaiDateTime } from "~/utils/dates";
import { readForm } from "~/utils/http.server";
import { metaT, localName, type MessageKey } from "~/utils/i18n";
import { bothLangs } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { emailTransportName } from "~/utils/mailer.server";
import { useT } from "~/utils/use-lang";
import { PeopleActionSchema } from "~/services/forms/admin-settings.server";
import { useRejectedForm } from "~/components/rejected-form";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("people.users.title")} — ITA` }];

async function requirePeopleManager(request: Request): Promise<{ session: AdminSession; actor: Actor }> {
  const session = await requireAdmin(request);
  if (!managesPeople(session.user.grants)) throw new Response(bothLangs("people.refuse.scope"), { status: 403 });
  return { session, actor: { userId: session.userId, grants: session.user.grants } };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const { session, actor } = await requirePeopleManager(request);
  const [people, invitations] = await Promise.all([listPeople(actor), listInvitationsInScope(actor)]);
  const name = (named: { nameTh: string; nameEn: string } | null) => (named ? localName(named, lang) : null);
  return {
    lang,
    roles: grantableRoles(session.user.grants),
    mailAvailable: emailTransportName() !== null,
    people: people.map((person) => ({
      ...person,
      lastSignInAt: person.lastSignInAt ? formatThaiDateTime(person.lastSignInAt, lang) : null,
      grants: person.grants.map((grant) => ({
        ...grant,
        scope: grant.agency ? `${name(grant.agency)} (${grant.agency.code})` : grant.province ? `${name(grant.province)} (${grant.province.code})` : null,
      })),
    })),
    invitations: invitations.map((row) => ({
      ...row,
      expiresAt: formatThaiDateTime(row.expiresAt, lang),
      scope: row.agency ? `${name(row.agency)} (${row.agency.code})` : row.province ? `${name(row.province)} (${row.province.code})` : null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const { actor } = await requirePeopleManager(request);
  const parsed = PeopleActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return actionError(400, { message: "people.refuse.invalid" });
  const change = parsed.data;
  try {
    switch (change.intent) {
      case "invite": {
        if (!emailTransportName()) return actionError(503, { message: "people.refuse.noMail" });
        const scope = await grantFromCodes({ role: change.role, agencyCode: change.agency || null, provinceCode: change.province || null });
        const sent = await inviteUser({ email: change.email, name: change.name, ...scope, invitedBy: actor });
        return actionOk({ message: sent.messageId ? "people.users.invite.sent" : "people.users.invite.notSent" });
      }
      case "resend": {
        const sent = await resendInvitation(actor, change.invitationId);
        return actionOk({ message: sent.messageId ? "people.users.invite.sent" : "people.users.invite.notSent" });
      }
      case "withdraw":
        await withdrawInvitation(actor, change.invitationId);
        break;
      case "grant":
        await grantRole(
          actor,
          change.userId,
          await grantFromCodes({ role: change.role, agencyCode: change.agency || null, provinceCode: change.province || null }),
        );
        break;
      case "revoke":
        await revokeGrantById(actor, change.userId, change.grantId);
        break;
      case "disable":
        await disableUser(actor, change.userId);
        break;
      case "enable":
        await enableUser(actor, change.userId);
        break;
      case "reset-2fa":
        await resetTwoFactor(actor, change.userId);
        break;
    }
  } catch (error) {
    if (!(error instanceof PeopleRefusal)) throw error;
    return actionError(error.status, { message: error.key, messageVars: error.vars });
  }
  return actionOk({ message: "people.users.saved" });
}

function Intent({ name, label, fields }: { name: string; label: string; fields: Record<string, string> }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={name} />
      {Object.entries(fields).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <button type="submit" className="button button-small">
        {label}
      </button>
    </Form>
  );
}

function RoleFields({ roles, idPrefix }: { roles: string[]; idPrefix: string }) {
  const t = useT();
  return (
    <>
      <Field name="role" id={`${idPrefix}-role`} label={t("people.users.role")}>
        {(control) => (
          <select {...control} className="text-input">
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`people.role.${role}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="agency" id={`${idPrefix}-agency`} label={t("people.users.agency")} inputProps={{ className: "text-input", maxLength: 40 }} />
      <Field name="province" id={`${idPrefix}-province`} label={t("people.users.province")} inputProps={{ className: "text-input", maxLength: 40 }} />
    </>
  );
}

export default function PeoplePage() {
  const { roles, mailAvailable, people, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const t = useT();
  return (
    <>
      <h1>{t("people.users.title")}</h1>
      {result?.message ? (
        <p className={result.ok ? "notice" : "form-error"} role={result.ok ? "status" : "alert"}>
          {t(result.message, result.messageVars)}
        </p>
      ) : null}

      {people.length === 0 ? (
        <p>{t("people.users.none")}</p>
      ) : (
        <TableRegion label={t("people.users.title")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("people.users.email")}</th>
                <th scope="col">{t("people.users.name")}</th>
                <th scope="col">{t("people.users.roles")}</th>
                <th scope="col">{t("people.users.twoFactor")}</th>
                <th scope="col">{t("people.users.lastSignIn")}</th>
                <th scope="col">{t("people.users.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <td>
                    {person.email}
                    {person.disabled ? <strong> — {t("people.users.disabled")}</strong> : null}
                  </td>
                  <td>{person.name}</td>
                  <td>
                    <ul>
                      {person.grants.map((grant) => (
                        <li key={grant.id}>
                          {t(`people.role.${grant.role}` as MessageKey)}
                          {grant.scope ? ` — ${grant.scope}` : ""}{" "}
                          {grant.canRevoke ? <Intent name="revoke" label={t("people.users.revoke")} fields={{ userId: person.id, grantId: grant.id }} /> : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{person.twoFactor ? t("people.users.twoFactor.on") : t("people.users.twoFactor.off")}</td>
                  <td>{person.lastSignInAt ?? t("people.users.never")}</td>
                  <td>
                    {person.canAct ? (
                      <>
                        {person.disabled ? (
                          <Intent name="enable" label={t("people.users.enable")} fields={{ userId: person.id }} />
                        ) : (
                          <Intent name="disable" label={t("people.users.disable")} fields={{ userId: person.id }} />
                        )}
                        {person.twoFactor ? <Intent name="reset-2fa" label={t("people.users.reset2fa")} fields={{ userId: person.id }} /> : null}
                        <details>
                          <summary>{t("people.users.grant")}</summary>
                          <Form method="post" className="settings-form">
                            <input type="hidden" name="intent" value="grant" />
                            <input type="hidden" name="userId" value={person.id} />
                            <RoleFields roles={roles} idPrefix={`grant-${person.id}`} />
                            <button type="submit" className="button">
                              {t("people.users.grant")}
                            </button>
                          </Form>
                        </details>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}

      <h2 id="pending-title">{t("people.users.pending")}</h2>
      {invitations.length === 0 ? (
        <p>{t("people.users.pending.none")}</p>
      ) : (
        <TableRegion labelledBy="pending-title">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("people.users.email")}</th>
                <th scope="col">{t("people.users.role")}</th>
                <th scope="col">{t("people.users.expires")}</th>
                <th scope="col">{t("people.users.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((row) => (
                <tr key={row.id}>
                  <td>{row.email}</td>
                  <td>
                    {t(`people.role.${row.role}` as MessageKey)}
                    {row.scope ? ` — ${row.scope}` : ""}
                  </td>
                  <td>{row.expired ? t("people.users.expired") : row.expiresAt}</td>
                  <td>
                    <Intent name="resend" label={t("people.users.resend")} fields={{ invitationId: row.id }} />
                    <Intent name="withdraw" label={t("people.users.withdraw")} fields={{ invitationId: row.id }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}

      <h2>{t("people.users.invite.title")}</h2>
      {mailAvailable ? (
        <Form method="post" className="settings-form">
          <input type="hidden" name="intent" value="invite" />
          <Field
            name="email"
            id="invite-email"
            label={t("people.users.email")}
            inputProps={{ type: "email", className: "text-input", required: true, maxLength: 254 }}
          />
          <Field name="name" id="invite-name" label={t("people.users.name")} inputProps={{ className: "text-input", maxLength: 200 }} />
          <RoleFields roles={roles} idPrefix="invite" />
          <button type="submit" className="button">
            {t("people.users.invite.submit")}
          </button>
        </Form>
      ) : (
        <p className="notice">{t("people.refuse.noMail")}</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
