// Invitations (issue 15 → section 4): a single-use link e-mailed to someone, valid 72 h, that lets
// them set a name and a password (then enrol TOTP at /admin/2fa/setup and see their recovery codes).
// Accepting creates the user, or adds the grant to an existing user with that e-mail. Resending
// gives a new token (the old link dies) and 72 h again; revoking ends it.
//
// The mail is written to the outbox in the transaction that creates (or renews) the invitation
// (docs/decisions/018) and sent by the outbox worker: inviteUser may run inside a caller's
// transaction (the agency-register import passes its tx), and a rollback takes the mail with it.
import { canGrant } from "~/domain/roles";
import { prisma, type Db, type DbTransaction } from "~/db.server";
import { createAdminSession } from "~/models/admin-session.server";
import {
  createInvitation,
  findInvitationByToken,
  getInvitation,
  hasLiveInvitation,
  listScopeNames,
  markInvitationAccepted,
  renewInvitationToken,
  revokeInvitation,
  revokeMatchingInvitations,
} from "~/models/invitation.server";
import { addGrant, createAccount, getUserWithGrantsByEmail, recordSignIn, setPasswordHash, setUserName } from "~/models/user.server";
import { sha256 } from "~/utils/crypto.server";
import { translate } from "~/utils/i18n.server";
import { enqueueMessage } from "~/models/outbox.server";
import { emailTransportName, publicLink, type Mail } from "~/utils/mailer.server";
import { hashPassword } from "~/utils/password.server";
import { noProgress, type Progress } from "~/utils/progress";
import type { HeldGrant, RoleName } from "~/domain/roles";
import { accountMail, actorScope, audit, checkName, checkNewPassword, normaliseEmail, PeopleRefusal, resolveGrant, type Actor } from "./people.server";

export type InviteInput = {
  email: string;
  name?: string | null;
  role: RoleName;
  agencyId?: string | null;
  provinceId?: string | null;
  /** null: the operator (CLI, register import), full scope. */
  invitedBy: { userId: string; grants: readonly HeldGrant[] } | null;
};

export type InvitationSent = {
  invitationId: string;
  email: string;
  /** The link in the mail: for the operator's console only (the CLI prints it when mail is not SMTP). */
  link: string;
  /** The outbox message carrying the mail; null when no e-mail transport is configured. */
  messageId: string | null;
};

function invitationMail(email: string, role: RoleName, link: string): Mail {
  return { to: email, ...accountMail("invite", { link, roleTh: translate("th", `people.role.${role}`), roleEn: translate("en", `people.role.${role}`) }) };
}

export type AgencyAdminInvitations = { invited: number; alreadyAdmin: number; alreadyInvited: number; notSent: number };

/**
 * The register's `admin_email` column (agencies:import, /admin/register), after the import has
 * committed: invite each agency's admin unless that person already holds the role or has a live
 * invitation for it — so re-importing the same file sends nothing twice. Each invitation is its own
 * transaction and mail; one that cannot be made (a refusal) is counted, never fatal to the import.
 */
export async function inviteAgencyAdmins(
  admins: ReadonlyArray<{ agencyId: string; email: string }>,
  invitedBy: InviteInput["invitedBy"],
  progress: Progress = noProgress,
  now = new Date(),
): Promise<AgencyAdminInvitations> {
  const result: AgencyAdminInvitations = { invited: 0, alreadyAdmin: 0, alreadyInvited: 0, notSent: 0 };
  for (const [index, admin] of admins.entries()) {
    progress({ th: "เชิญผู้ดูแลหน่วยงาน", en: "inviting agency admins" }, index, admins.length);
    const email = normaliseEmail(admin.email);
    const existing = await getUserWithGrantsByEmail(email);
    if (existing?.grants.some((grant) => grant.role === "agency_admin" && grant.agencyId === admin.agencyId)) {
      result.alreadyAdmin += 1;
      continue;
    }
    if (await hasLiveInvitation({ email, role: "agency_admin", agencyId: admin.agencyId, provinceId: null }, now)) {
      result.alreadyInvited += 1;
      continue;
    }
    try {
      const sent = await inviteUser({ email, role: "agency_admin", agencyId: admin.agencyId, invitedBy });
      if (sent.messageId === null) result.notSent += 1;
      else result.invited += 1;
    } catch (error) {
      if (!(error instanceof PeopleRefusal)) throw error;
      result.notSent += 1;
    }
  }
  return result;
}

/** Queue an invitation's mail in the transaction `tx`; null when no e-mail transport is configured. */
async function queueInvitationMail(mail: Mail, tx: Db | DbTransaction): Promise<string | null> {
  if (!emailTransportName()) return null;
  return enqueueMessage(tx, { channel: "email", purpose: "invitation", payload: mail });
}

/** Invite someone to a role, within the inviter's scope; refusals write nothing. */
export async function inviteUser(input: InviteInput, db?: Db | DbTransaction): Promise<InvitationSent> {
  const client = db ?? prisma;
  const email = normaliseEmail(input.email);
  const name = input.name?.trim() ? checkName(input.name) : null;
  const grant = await resolveGrant(input, client);
  if (!canGrant(actorScope(input.invitedBy), grant)) throw new PeopleRefusal("people.refuse.scope", 403);
  const existing = await getUserWithGrantsByEmail(email, client);
  if (existing?.grants.some((held) => held.role === grant.role && held.agencyId === grant.agencyId && held.provinceId === grant.provinceId)) {
    throw new PeopleRefusal("people.refuse.alreadyHasRole", 409);
  }
  const { role, agencyId, provinceId } = grant;
  const work = async (tx: Db | DbTransaction) => {
    await revokeMatchingInvitations({ email, role, agencyId, provinceId }, new Date(), tx);
    const { invitation, token } = await createInvitation(
      { email, name, role, agencyId, provinceId, invitedById: input.invitedBy?.userId ?? null },
      new Date(),
      tx,
    );
    await audit(
      {
        action: "invitation.create",
        outcome: "ok",
        actorId: input.invitedBy?.userId,
        agencyId,
        target: `invitation:${invitation.id}`,
        detail: { role, agencyId, provinceId },
      },
      tx,
    );
    const link = publicLink(`/admin/invite/${token}`);
    const messageId = await queueInvitationMail(invitationMail(email, role, link), tx);
    return { invitation, link, messageId };
  };
  const { invitation, link, messageId } = db ? await work(db) : await prisma.$transaction((tx) => work(tx));
  return { invitationId: invitation.id, email, link, messageId };
}

async function requirePendingInScope(actor: Actor, invitationId: string) {
  const invitation = await getInvitation(invitationId);
  if (!invitation) throw new PeopleRefusal("people.refuse.notPending", 404);
  const grant = await resolveGrant(invitation);
  if (!canGrant(actorScope(actor), grant)) throw new PeopleRefusal("people.refuse.scope", 403);
  if (invitation.acceptedAt || invitation.revokedAt) throw new PeopleRefusal("people.refuse.notPending", 409);
  return invitation;
}

/** A new link for a pending invitation (the old one dies), valid 72 h again, e-mailed (queued with the renewal). */
export async function resendInvitation(actor: Actor, invitationId: string) {
  const invitation = await requirePendingInScope(actor, invitationId);
  return prisma.$transaction(async (tx) => {
    const renewed = await renewInvitationToken(invitation.id, new Date(), tx);
    if (!renewed) throw new PeopleRefusal("people.refuse.notPending", 409);
    await audit(
      { action: "invitation.resend", outcome: "ok", actorId: actor?.userId, agencyId: invitation.agencyId, target: `invitation:${invitation.id}` },
      tx,
    );
    const link = publicLink(`/admin/invite/${renewed}`);
    return { link, messageId: await queueInvitationMail(invitationMail(invitation.email, invitation.role, link), tx) };
  });
}

export async function withdrawInvitation(actor: Actor, invitationId: string) {
  const invitation = await requirePendingInScope(actor, invitationId);
  await prisma.$transaction(async (tx) => {
    if (!(await revokeInvitation(invitation.id, new Date(), tx))) throw new PeopleRefusal("people.refuse.notPending", 409);
    await audit(
      { action: "invitation.revoke", outcome: "ok", actorId: actor?.userId, agencyId: invitation.agencyId, target: `invitation:${invitation.id}` },
      tx,
    );
  });
}

export type InvitationState = "unknown" | "expired" | "used" | "revoked";

/** What the invitation page shows: the invitation, or why its link is dead (never a 500). */
export async function describeInvitation(token: string, now = new Date()) {
  const invitation = await findInvitationByToken(token);
  const dead = (reason: InvitationState) => ({ ok: false as const, reason });
  if (!invitation) return dead("unknown");
  if (invitation.acceptedAt) return dead("used");
  if (invitation.revokedAt) return dead("revoked");
  if (now >= invitation.expiresAt) return dead("expired");
  const existing = await getUserWithGrantsByEmail(invitation.email);
  const [agencies, provinces] = await listScopeNames(invitation.agencyId ? [invitation.agencyId] : [], invitation.provinceId ? [invitation.provinceId] : []);
  return {
    ok: true as const,
    email: invitation.email,
    name: invitation.name ?? existing?.name ?? "",
    role: invitation.role,
    agency: agencies[0] ?? null,
    province: provinces[0] ?? null,
    /** An existing user with a password only adds the grant; everyone else sets name and password. */
    needsPassword: !existing?.passwordHash,
  };
}

/**
 * Accept an invitation: the user is created (or the grant added to the existing account), the link
 * dies. When a password was set here, a password-only session is opened so the browser goes straight
 * on to TOTP enrolment; `sessionToken` is null when an existing user should sign in as usual.
 */
export async function acceptInvitation(token: string, input: { name?: string; password?: string }, now = new Date()) {
  const state = await describeInvitation(token, now);
  if (!state.ok) throw new PeopleRefusal(`people.link.${state.reason}`, 410);
  const invitation = (await findInvitationByToken(token))!;
  const existing = await getUserWithGrantsByEmail(invitation.email);
  let passwordHash: string | null = null;
  let name = existing?.name ?? "";
  if (state.needsPassword) {
    name = checkName(input.name ?? "");
    checkNewPassword(input.password ?? "", { email: invitation.email, name });
    passwordHash = await hashPassword(input.password ?? "");
  }
  const grant = { role: invitation.role, agencyId: invitation.agencyId, provinceId: invitation.provinceId };
  const userId = await prisma.$transaction(async (tx) => {
    if (!(await markInvitationAccepted(invitation.id, sha256(token), now, tx))) throw new PeopleRefusal("people.link.used", 410);
    let id: string;
    if (existing) {
      id = existing.id;
      const already = existing.grants.some((held) => held.role === grant.role && held.agencyId === grant.agencyId && held.provinceId === grant.provinceId);
      if (!already) await addGrant(id, grant, tx);
      if (passwordHash) {
        await setPasswordHash(id, passwordHash, tx);
        await setUserName(id, name, tx);
      }
    } else {
      id = (await createAccount({ email: invitation.email, name, passwordHash, grant }, tx)).id;
    }
    await audit(
      {
        action: "invitation.accept",
        outcome: "ok",
        actorId: id,
        agencyId: grant.agencyId,
        target: `invitation:${invitation.id}`,
        detail: { userId: id, role: grant.role },
      },
      tx,
    );
    return id;
  });
  if (!passwordHash) return { userId, sessionToken: null };
  await recordSignIn(userId, now);
  return { userId, sessionToken: await createAdminSession(userId, false, now) };
}
