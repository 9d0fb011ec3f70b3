// People and roles (issue 15 → section 4): users, grants, and who may touch whom. The scope rules
// themselves are app/domain/roles.ts (pure); this file loads what they need and writes, each change
// in one transaction with its audit row, after every check has passed (a refusal writes nothing).
import { z } from "zod";
import { canActOnUser, canGrant, canSeeUser, OPERATOR, scopeKindOf, type ActorGrants, type GrantSpec, type HeldGrant, type RoleName } from "~/domain/roles";
import { passwordProblem } from "~/domain/password-policy";
import { prisma, type Db, type DbTransaction } from "~/db.server";
import { revokeUserSessions } from "~/models/admin-session.server";
import { recordAudit } from "~/models/audit.server";
import { enqueueMessage } from "~/models/outbox.server";
import { getAgencyByCode, getAgencyById, getProvinceByCode, listPendingInvitations, listScopeNames } from "~/models/invitation.server";
import { consumePasswordToken, findPasswordToken, issuePasswordToken } from "~/models/password-token.server";
import { giveBackSlot, takeSlot, type Window } from "~/models/rate-limit.server";
import {
  addGrant,
  clearTwoFactor,
  createAccount,
  getUserWithGrants,
  getUserWithGrantsByEmail,
  issueRecoveryCodes,
  listUsersWithGrants,
  removeGrant,
  setPasswordHash,
  setUserDisabled,
} from "~/models/user.server";
import { keyedHash } from "~/utils/crypto.server";
import { type MessageKey } from "~/utils/i18n";
import { translate } from "~/utils/i18n.server";
import { emailTransportName, publicLink } from "~/utils/mailer.server";
import { hashPassword, PasswordHashingBusy, verifyPassword } from "~/utils/password.server";

/** Who acts: a signed-in user with their grants, or null for the operator (CLI, register import). */
export type Actor = { userId: string; grants: readonly HeldGrant[] } | null;

/** A refusal: a catalogue key and an HTTP status. Routes show the key; the CLI prints both languages. */
export class PeopleRefusal extends Error {
  override name = "PeopleRefusal";
  constructor(
    readonly key: MessageKey,
    readonly status = 400,
    readonly vars?: Record<string, string | number>,
  ) {
    super(key);
  }
}

export function actorScope(actor: Actor): ActorGrants {
  return actor === null ? OPERATOR : actor.grants;
}

/** Audit writes use the caller's transaction when there is one. */
export function audit(entry: Parameters<typeof recordAudit>[0], db: Db | DbTransaction = prisma) {
  return recordAudit(entry, db as Db);
}

export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

export function normaliseEmail(email: string): string {
  const parsed = EmailSchema.safeParse(email);
  if (!parsed.success) throw new PeopleRefusal("people.refuse.emailInvalid");
  return parsed.data;
}

export function checkName(name: string): string {
  const trimmed = name.trim().normalize("NFC");
  if (!trimmed || [...trimmed].length > 120) throw new PeopleRefusal("people.refuse.nameInvalid");
  return trimmed;
}

/** Refuse a new password the policy refuses (domain/password-policy.ts). */
export function checkNewPassword(password: string, account: { email: string; name?: string | null }) {
  const problem = passwordProblem(password, account);
  if (problem) throw new PeopleRefusal(`people.password.${problem}`);
}

// ───── grants and their scope ─────

export type GrantRequest = { role: RoleName; agencyId?: string | null; provinceId?: string | null };

/** A grant with its agency's province (what canGrant needs); refuses a role with the wrong scope. */
export async function resolveGrant(request: GrantRequest, db: Db | DbTransaction = prisma): Promise<GrantSpec> {
  const grant = { role: request.role, agencyId: request.agencyId ?? null, provinceId: request.provinceId ?? null };
  const kind = scopeKindOf(grant.role);
  if ((kind === "agency") !== Boolean(grant.agencyId) || (kind === "province") !== Boolean(grant.provinceId)) {
    throw new PeopleRefusal("people.refuse.scopeShape");
  }
  if (!grant.agencyId) return grant;
  const agency = await getAgencyById(grant.agencyId, db);
  if (!agency) throw new PeopleRefusal("people.refuse.agencyNotFound", 404);
  return { ...grant, agencyProvinceId: agency.provinceId };
}

/** The CLI's and the forms' way to name a scope: an agency by its register code, a province by its code. */
export async function grantFromCodes(input: { role: RoleName; agencyCode?: string | null; provinceCode?: string | null }): Promise<GrantRequest> {
  let agencyId: string | null = null;
  let provinceId: string | null = null;
  if (input.agencyCode) {
    const agency = await getAgencyByCode(input.agencyCode.trim());
    if (!agency) throw new PeopleRefusal("people.refuse.agencyNotFound", 404);
    agencyId = agency.id;
  }
  if (input.provinceCode) {
    const province = await getProvinceByCode(input.provinceCode.trim());
    if (!province) throw new PeopleRefusal("people.refuse.provinceNotFound", 404);
    provinceId = province.id;
  }
  return { role: input.role, agencyId, provinceId };
}

type UserWithGrants = NonNullable<Awaited<ReturnType<typeof getUserWithGrants>>>;

function heldSpecs(user: UserWithGrants): GrantSpec[] {
  return user.grants.map((grant) => ({
    role: grant.role,
    agencyId: grant.agencyId,
    provinceId: grant.provinceId,
    agencyProvinceId: grant.agency?.provinceId ?? null,
  }));
}

function sameGrant(
  a: { role: string; agencyId: string | null; provinceId: string | null },
  b: { role: string; agencyId: string | null; provinceId: string | null },
) {
  return a.role === b.role && a.agencyId === b.agencyId && a.provinceId === b.provinceId;
}

/** The user the actor may act on, or a refusal (not found, or beyond the actor's scope). */
async function requireActionableUser(actor: Actor, userId: string) {
  const user = await getUserWithGrants(userId);
  if (!user) throw new PeopleRefusal("people.refuse.userNotFound", 404);
  if (!canActOnUser(actorScope(actor), heldSpecs(user))) throw new PeopleRefusal("people.refuse.scope", 403);
  return user;
}

export async function findUserIdByEmail(email: string): Promise<string> {
  const user = await getUserWithGrantsByEmail(normaliseEmail(email));
  if (!user) throw new PeopleRefusal("people.refuse.userNotFound", 404);
  return user.id;
}

const target = (userId: string) => `user:${userId}`;

// ───── the people list ─────

export type PersonRow = {
  id: string;
  email: string;
  name: string;
  grants: Array<{
    id: string;
    role: RoleName;
    agency: { code: string; nameTh: string; nameEn: string } | null;
    province: { code: string; nameTh: string; nameEn: string } | null;
    canRevoke: boolean;
  }>;
  twoFactor: boolean;
  hasPassword: boolean;
  lastSignInAt: Date | null;
  disabled: boolean;
  canAct: boolean;
};

/** The users the actor sees (a coordinator: users of their province's agencies), with what they may do. */
export async function listPeople(actor: Actor): Promise<PersonRow[]> {
  const scope = actorScope(actor);
  const users = await listUsersWithGrants();
  return users
    .filter((user) => canSeeUser(scope, heldSpecs(user)))
    .map((user) => {
      const canAct = canActOnUser(scope, heldSpecs(user)) && user.id !== actor?.userId;
      return {
        id: user.id,
        email: user.email,
        name: user.name,
        grants: user.grants.map((grant, i) => ({
          id: grant.id,
          role: grant.role,
          agency: grant.agency ? { code: grant.agency.code, nameTh: grant.agency.nameTh, nameEn: grant.agency.nameEn } : null,
          province: grant.province ? { code: grant.province.code, nameTh: grant.province.nameTh, nameEn: grant.province.nameEn } : null,
          canRevoke: canAct && canGrant(scope, heldSpecs(user)[i]),
        })),
        twoFactor: Boolean(user.totpEnabledAt),
        hasPassword: Boolean(user.passwordHash),
        lastSignInAt: user.lastSignInAt,
        disabled: Boolean(user.disabledAt),
        canAct,
      };
    });
}

export type PendingInvitationRow = {
  id: string;
  email: string;
  name: string | null;
  role: RoleName;
  agency: { code: string; nameTh: string; nameEn: string } | null;
  province: { code: string; nameTh: string; nameEn: string } | null;
  expiresAt: Date;
  expired: boolean;
};

/** Pending invitations the actor could have sent (and so may resend or withdraw). */
export async function listInvitationsInScope(actor: Actor, now = new Date()): Promise<PendingInvitationRow[]> {
  const invitations = await listPendingInvitations();
  const [agencies, provinces] = await listScopeNames(
    invitations.flatMap((row) => (row.agencyId ? [row.agencyId] : [])),
    invitations.flatMap((row) => (row.provinceId ? [row.provinceId] : [])),
  );
  const agencyById = new Map(agencies.map((agency) => [agency.id, agency]));
  const provinceById = new Map(provinces.map((province) => [province.id, province]));
  return invitations
    .filter((row) => canGrant(actorScope(actor), { ...row, agencyProvinceId: row.agencyId ? (agencyById.get(row.agencyId)?.provinceId ?? null) : null }))
    .map((row) => {
      const agency = row.agencyId ? agencyById.get(row.agencyId) : undefined;
      const province = row.provinceId ? provinceById.get(row.provinceId) : undefined;
      return {
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        agency: agency ? { code: agency.code, nameTh: agency.nameTh, nameEn: agency.nameEn } : null,
        province: province ? { code: province.code, nameTh: province.nameTh, nameEn: province.nameEn } : null,
        expiresAt: row.expiresAt,
        expired: now >= row.expiresAt,
      };
    });
}

// ───── grant, revoke, disable, enable, reset 2FA ─────

export async function grantRole(actor: Actor, userId: string, request: GrantRequest) {
  const grant = await resolveGrant(request);
  if (!canGrant(actorScope(actor), grant)) throw new PeopleRefusal("people.refuse.scope", 403);
  const user = await getUserWithGrants(userId);
  if (!user) throw new PeopleRefusal("people.refuse.userNotFound", 404);
  if (user.grants.some((held) => sameGrant(held, grant))) throw new PeopleRefusal("people.refuse.alreadyHasRole", 409);
  const { role, agencyId, provinceId } = grant;
  await prisma.$transaction(async (tx) => {
    await addGrant(user.id, { role, agencyId, provinceId }, tx);
    await audit({ action: "user.grant", outcome: "ok", actorId: actor?.userId, agencyId, target: target(user.id), detail: { role, agencyId, provinceId } }, tx);
  });
}

export async function revokeRole(actor: Actor, userId: string, request: GrantRequest) {
  const grant = await resolveGrant(request);
  const user = await requireActionableUser(actor, userId);
  const held = user.grants.find((candidate) => sameGrant(candidate, grant));
  if (!held) throw new PeopleRefusal("people.refuse.noSuchGrant", 404);
  return revokeGrantOf(actor, user, held.id);
}

/** Revoke one grant by its id (the users page's button). */
export async function revokeGrantById(actor: Actor, userId: string, grantId: string) {
  const user = await requireActionableUser(actor, userId);
  if (!user.grants.some((held) => held.id === grantId)) throw new PeopleRefusal("people.refuse.noSuchGrant", 404);
  return revokeGrantOf(actor, user, grantId);
}

async function revokeGrantOf(actor: Actor, user: UserWithGrants, grantId: string) {
  // Taking one's own role away is how the last system administrator locks everyone out: the
  // operator (CLI) or another administrator does it.
  if (actor && actor.userId === user.id) throw new PeopleRefusal("people.refuse.self", 400);
  const held = user.grants.find((grant) => grant.id === grantId)!;
  const { role, agencyId, provinceId } = held;
  await prisma.$transaction(async (tx) => {
    await removeGrant(held.id, tx);
    await audit(
      { action: "user.revoke-role", outcome: "ok", actorId: actor?.userId, agencyId, target: target(user.id), detail: { role, agencyId, provinceId } },
      tx,
    );
  });
}

/** Disable: no sign-in, and every session of the user ends at once. */
export async function disableUser(actor: Actor, userId: string, now = new Date()) {
  if (actor && actor.userId === userId) throw new PeopleRefusal("people.refuse.self", 400);
  const user = await requireActionableUser(actor, userId);
  await prisma.$transaction(async (tx) => {
    await setUserDisabled(user.id, now, tx);
    await revokeUserSessions(user.id, {}, now, tx);
    await audit({ action: "user.disable", outcome: "ok", actorId: actor?.userId, target: target(user.id) }, tx);
  });
}

export async function enableUser(actor: Actor, userId: string) {
  const user = await requireActionableUser(actor, userId);
  await prisma.$transaction(async (tx) => {
    await setUserDisabled(user.id, null, tx);
    await audit({ action: "user.enable", outcome: "ok", actorId: actor?.userId, target: target(user.id) }, tx);
  });
}

/** Reset 2FA: TOTP and recovery codes go, sessions end; the next sign-in enrols again. */
export async function resetTwoFactor(actor: Actor, userId: string, now = new Date()) {
  if (actor && actor.userId === userId) throw new PeopleRefusal("people.refuse.self", 400);
  const user = await requireActionableUser(actor, userId);
  await prisma.$transaction(async (tx) => {
    await clearTwoFactor(user.id, tx);
    await revokeUserSessions(user.id, {}, now, tx);
    await audit({ action: "user.reset-2fa", outcome: "ok", actorId: actor?.userId, target: target(user.id) }, tx);
  });
}

// ───── admin:create ─────

/**
 * A system administrator, from the operator CLI. Without a password: a single-use set-password
 * link (24 h). In production the first sign-in then forces TOTP enrolment (ADMIN_REQUIRE_2FA).
 */
export async function createSystemAdmin(input: { email: string; name: string; password?: string }) {
  const email = normaliseEmail(input.email);
  const name = checkName(input.name);
  if (await getUserWithGrantsByEmail(email)) throw new PeopleRefusal("people.refuse.emailTaken", 409);
  if (input.password !== undefined) checkNewPassword(input.password, { email, name });
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  return prisma.$transaction(async (tx) => {
    const user = await createAccount({ email, name, passwordHash, grant: { role: "system_admin", agencyId: null, provinceId: null } }, tx);
    const token = passwordHash ? null : await issuePasswordToken(user.id, "setup", new Date(), tx);
    await audit({ action: "admin.create", outcome: "ok", actorId: null, target: target(user.id), detail: { withPassword: Boolean(passwordHash) } }, tx);
    return { userId: user.id, email, link: token ? publicLink(`/admin/password/${token}`) : null };
  });
}

// ───── passwords ─────

/** What the set-password page shows for a link: the e-mail, or why the link is dead. */
export async function describePasswordLink(token: string) {
  const found = await findPasswordToken(token);
  return found.ok ? { ok: true as const, email: found.row.user.email, purpose: found.row.purpose } : { ok: false as const, reason: found.reason };
}

/** Set a password through a setup or reset link: single use, and every session of the user ends. */
export async function setPasswordWithLink(token: string, password: string, now = new Date()) {
  const found = await findPasswordToken(token, now);
  if (!found.ok) throw new PeopleRefusal(`people.link.${found.reason}`, 410);
  const { user } = found.row;
  checkNewPassword(password, user);
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    if (!(await consumePasswordToken(found.row.id, now, tx))) throw new PeopleRefusal("people.link.used", 410);
    await setPasswordHash(user.id, passwordHash, tx);
    await revokeUserSessions(user.id, {}, now, tx);
    await audit({ action: found.row.purpose === "setup" ? "password.setup" : "password.reset", outcome: "ok", actorId: user.id, target: target(user.id) }, tx);
  });
  return { userId: user.id };
}

// Forgot password: per client 10 an hour; per e-mail 3 an hour and 10 a day (shared/security.md).
const RESET_CLIENT_WINDOWS: Window[] = [{ seconds: 60 * 60, limit: 10 }];
const RESET_EMAIL_WINDOWS: Window[] = [
  { seconds: 60 * 60, limit: 3 },
  { seconds: 24 * 60 * 60, limit: 10 },
];

/**
 * "Forgot password": the same answer, in about the same time, whether the e-mail has an account or
 * not — the look-up, the token and the queued mail happen after the answer (`delivered` settles
 * then: true when a mail was queued; the route does not wait for it, the tests do). Limited per
 * client and per e-mail.
 */
export async function requestPasswordReset(emailInput: string, clientAddress: string) {
  const email = EmailSchema.safeParse(emailInput);
  const clientKey = `pw-reset-client:${keyedHash("rate-limit-client", clientAddress)}`;
  const clientSlot = await takeSlot(clientKey, RESET_CLIENT_WINDOWS);
  if (!clientSlot.ok) throw new PeopleRefusal("people.refuse.limited", 429, { minutes: Math.ceil(clientSlot.retryAfterSeconds / 60) });
  if (!email.success) {
    await giveBackSlot(clientKey, RESET_CLIENT_WINDOWS);
    throw new PeopleRefusal("people.refuse.emailInvalid");
  }
  const emailSlot = await takeSlot(`pw-reset-email:${keyedHash("rate-limit-email", email.data)}`, RESET_EMAIL_WINDOWS);
  if (!emailSlot.ok) throw new PeopleRefusal("people.refuse.limited", 429, { minutes: Math.ceil(emailSlot.retryAfterSeconds / 60) });
  const delivered = sendResetLink(email.data).catch((error: unknown) => {
    console.error("[password-reset] could not send:", error instanceof Error ? error.message : error);
    return false;
  });
  return { delivered };
}

/** The token, its audit row and its mail in one transaction (docs/decisions/018: the outbox). */
async function sendResetLink(email: string): Promise<boolean> {
  const user = await getUserWithGrantsByEmail(email);
  if (!user || user.disabledAt || !emailTransportName()) return false;
  await prisma.$transaction(async (tx) => {
    const token = await issuePasswordToken(user.id, "reset", new Date(), tx);
    await audit({ action: "password.reset-request", outcome: "ok", actorId: null, target: target(user.id) }, tx);
    const mail = accountMail("reset", { link: publicLink(`/admin/password/${token}`) });
    await enqueueMessage(tx, { channel: "email", purpose: "password-reset", payload: { to: user.email, ...mail } });
  });
  return true;
}

/** An account e-mail in both languages (Thai first). */
export function accountMail(kind: "invite" | "reset", vars: Record<string, string>) {
  const subject = kind === "invite" ? "people.mail.invite.subject" : "people.mail.reset.subject";
  const body = kind === "invite" ? "people.mail.invite.body" : "people.mail.reset.body";
  return {
    subject: `${translate("th", subject)} / ${translate("en", subject)}`,
    text: [
      translate("th", body, { ...vars, role: vars.roleTh ?? "" }),
      "",
      translate("en", body, { ...vars, role: vars.roleEn ?? "" }),
      "",
      "—",
      bothFooter(),
    ].join("\n"),
  };
}

function bothFooter() {
  return `${translate("th", "people.mail.footer")} / ${translate("en", "people.mail.footer")}`;
}

// Wrong current passwords per user: 5 per 15 minutes (a stolen session must not become a password oracle).
const CHANGE_PASSWORD_WINDOWS: Window[] = [{ seconds: 15 * 60, limit: 5 }];

/** Change one's own password (the current one is required); every other session ends. */
export async function changeOwnPassword(session: { id: string; userId: string }, current: string, next: string) {
  const user = await getUserWithGrants(session.userId);
  if (!user) throw new PeopleRefusal("people.refuse.userNotFound", 404);
  const key = `change-password:${user.id}`;
  const slot = await takeSlot(key, CHANGE_PASSWORD_WINDOWS);
  if (!slot.ok) throw new PeopleRefusal("people.refuse.limited", 429, { minutes: Math.ceil(slot.retryAfterSeconds / 60) });
  let matches: boolean;
  try {
    matches = Boolean(user.passwordHash) && (await verifyPassword(current, user.passwordHash!));
  } catch (error) {
    if (error instanceof PasswordHashingBusy) throw new PeopleRefusal("people.password.busy", 503);
    throw error;
  }
  if (!matches) {
    await audit({ action: "password.change", outcome: "failed", actorId: user.id, target: target(user.id) });
    throw new PeopleRefusal("people.password.wrongCurrent", 400);
  }
  await giveBackSlot(key, CHANGE_PASSWORD_WINDOWS);
  checkNewPassword(next, user);
  const passwordHash = await hashPassword(next);
  await prisma.$transaction(async (tx) => {
    await setPasswordHash(user.id, passwordHash, tx);
    await revokeUserSessions(user.id, { exceptSessionId: session.id }, new Date(), tx);
    await audit({ action: "password.change", outcome: "ok", actorId: user.id, target: target(user.id) }, tx);
  });
}

/** New recovery codes (shown once); the old ones die. */
export async function regenerateRecoveryCodes(userId: string) {
  const codes = await issueRecoveryCodes(userId);
  await audit({ action: "user.recovery-codes", outcome: "ok", actorId: userId, target: target(userId) });
  return codes;
}

export async function signOutOtherSessions(session: { id: string; userId: string }) {
  const ended = await revokeUserSessions(session.userId, { exceptSessionId: session.id });
  await audit({ action: "user.sign-out-others", outcome: "ok", actorId: session.userId, target: target(session.userId), detail: { sessions: ended.count } });
  return ended.count;
}
