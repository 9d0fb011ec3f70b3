import type { Role } from "~/generated/sqlite/enums";
import { prisma, type Db, type DbTransaction } from "~/db.server";
import { generateAccessCode, normaliseAccessCode } from "~/utils/access-code.server";
import { decryptSecret, encryptSecret, keyedHash, randomId } from "~/utils/crypto.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { checkTotp, newTotpSecret } from "~/utils/totp.server";

export type RoleScope =
  { role: "agency_admin"; agencyId: string } | { role: "province_coordinator"; provinceId: string } | { role: "national_assessor" } | { role: "system_admin" };

/** Create an admin user with one role grant (scoped to an agency or a province where the role needs it). */
export async function createUser(input: { email: string; name: string; password: string; scope: RoleScope }, db: Db = prisma) {
  const { scope } = input;
  return db.user.create({
    data: {
      id: randomId(),
      email: input.email.trim().toLowerCase(),
      name: input.name,
      passwordHash: await hashPassword(input.password),
      grants: {
        create: {
          id: randomId(),
          role: scope.role as Role,
          agencyId: scope.role === "agency_admin" ? scope.agencyId : null,
          provinceId: scope.role === "province_coordinator" ? scope.provinceId : null,
        },
      },
    },
  });
}

export function getUserByEmail(email: string, db: Db = prisma) {
  return db.user.findUnique({ where: { email: email.trim().toLowerCase() }, include: { grants: true } });
}

// A real scrypt hash of a random password: checking against it when the e-mail is unknown makes
// "no such user" take as long as "wrong password".
let dummyHash: Promise<string> | null = null;

/** The user for an e-mail and password, or null — in about the same time either way. */
export async function verifyLogin(email: string, password: string, db: Db = prisma) {
  const user = await getUserByEmail(email, db);
  // No password yet (an unused set-password link or invitation) signs in like an unknown e-mail.
  if (!user || user.disabledAt || !user.passwordHash) {
    dummyHash ??= hashPassword(randomId());
    await verifyPassword(password, await dummyHash);
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}

// ───── TOTP enrolment and recovery codes ─────

export const RECOVERY_CODE_COUNT = 10;

/** Start (or restart) enrolment: a new secret, stored encrypted, not yet enabled. */
export async function beginTotpEnrolment(userId: string, db: Db = prisma) {
  const secret = newTotpSecret();
  await db.user.update({ where: { id: userId }, data: { totpSecretEnc: encryptSecret("totp", secret), totpEnabledAt: null, totpLastStep: null } });
  return secret;
}

export function readTotpSecret(user: { totpSecretEnc: string | null }): string | null {
  return user.totpSecretEnc ? decryptSecret("totp", user.totpSecretEnc) : null;
}

/**
 * Check a TOTP code for a user and remember its step (no replay). `enable` turns 2FA on after
 * the first correct code of an enrolment.
 */
export async function acceptTotp(
  user: { id: string; totpSecretEnc: string | null; totpLastStep: number | null },
  code: string,
  now = new Date(),
  options: { enable?: boolean } = {},
  db: Db = prisma,
) {
  const secret = readTotpSecret(user);
  if (!secret) return false;
  const result = await checkTotp(secret, code.replace(/\s/g, ""), now, user.totpLastStep);
  if (!result.valid) return false;
  // Conditional on the old step, so two requests with the same code cannot both pass.
  const updated = await db.user.updateMany({
    where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: result.step } }] },
    data: { totpLastStep: result.step, ...(options.enable ? { totpEnabledAt: now } : {}) },
  });
  return updated.count === 1;
}

/** New recovery codes (shown once); only their keyed hashes are kept; older codes stop working. */
export async function issueRecoveryCodes(userId: string, db: Db = prisma) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => generateAccessCode());
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.recoveryCode.createMany({
      data: codes.map((code) => ({ id: randomId(), userId, codeHash: keyedHash("recovery-code", normaliseAccessCode(code)!) })),
    }),
  ]);
  return codes;
}

/** Use a recovery code once: a conditional update, so it cannot be used twice even in parallel. */
export async function useRecoveryCode(userId: string, input: string, now = new Date(), db: Db = prisma) {
  const normalised = normaliseAccessCode(input);
  if (!normalised) return false;
  const used = await db.recoveryCode.updateMany({
    where: { userId, codeHash: keyedHash("recovery-code", normalised), usedAt: null },
    data: { usedAt: now },
  });
  return used.count === 1;
}

// ───── people and roles (issue 15) ─────

export type GrantInput = { role: Role; agencyId: string | null; provinceId: string | null };

/** A user with one grant and maybe no password yet (admin:create's link, an invitation being accepted). */
export function createAccount(input: { email: string; name: string; passwordHash: string | null; grant: GrantInput }, db: Db | DbTransaction = prisma) {
  return db.user.create({
    data: {
      id: randomId(),
      email: input.email.trim().toLowerCase(),
      name: input.name,
      passwordHash: input.passwordHash,
      grants: { create: { id: randomId(), ...input.grant } },
    },
  });
}

const withGrants = { grants: { include: { agency: true, province: true } } } as const;

export function getUserWithGrants(userId: string, db: Db | DbTransaction = prisma) {
  return db.user.findUnique({ where: { id: userId }, include: withGrants });
}

export function getUserWithGrantsByEmail(email: string, db: Db | DbTransaction = prisma) {
  return db.user.findUnique({ where: { email: email.trim().toLowerCase() }, include: withGrants });
}

/** Every user with grants, agencies and provinces (the people pages filter by scope). */
export function listUsersWithGrants(db: Db | DbTransaction = prisma) {
  return db.user.findMany({ include: withGrants, orderBy: { email: "asc" } });
}

export function setPasswordHash(userId: string, passwordHash: string, db: Db | DbTransaction = prisma) {
  return db.user.update({ where: { id: userId }, data: { passwordHash } });
}

export function addGrant(userId: string, grant: GrantInput, db: Db | DbTransaction = prisma) {
  return db.roleGrant.create({ data: { id: randomId(), userId, ...grant } });
}

export function removeGrant(grantId: string, db: Db | DbTransaction = prisma) {
  return db.roleGrant.deleteMany({ where: { id: grantId } });
}

export function setUserDisabled(userId: string, disabledAt: Date | null, db: Db | DbTransaction = prisma) {
  return db.user.update({ where: { id: userId }, data: { disabledAt } });
}

/** 2FA off: the secret and every recovery code go; the next sign-in enrols again. */
export async function clearTwoFactor(userId: string, db: Db | DbTransaction = prisma) {
  await db.recoveryCode.deleteMany({ where: { userId } });
  await db.user.update({ where: { id: userId }, data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null } });
}

export function recordSignIn(userId: string, now = new Date(), db: Db | DbTransaction = prisma) {
  return db.user.update({ where: { id: userId }, data: { lastSignInAt: now } });
}

export function setUserName(userId: string, name: string, db: Db | DbTransaction = prisma) {
  return db.user.update({ where: { id: userId }, data: { name } });
}
