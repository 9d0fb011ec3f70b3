// Single-use set-password links: admin:create's (24 h) and "forgot password" (1 h). The link holds a
// 256-bit token; the table keeps its SHA-256 only. Issuing a new one ends the older ones of the user.
import { prisma, type Db, type DbTransaction } from "~/db.server";
import { randomToken, sha256 } from "~/utils/crypto.server";

export type PasswordTokenPurpose = "setup" | "reset";
export const SETUP_TOKEN_TTL_SECONDS = 24 * 60 * 60;
export const RESET_TOKEN_TTL_SECONDS = 60 * 60;

export async function issuePasswordToken(userId: string, purpose: PasswordTokenPurpose, now = new Date(), db: Db | DbTransaction = prisma) {
  const token = randomToken(32);
  const ttl = purpose === "setup" ? SETUP_TOKEN_TTL_SECONDS : RESET_TOKEN_TTL_SECONDS;
  await db.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  await db.passwordToken.create({ data: { id: sha256(token), userId, purpose, expiresAt: new Date(now.getTime() + ttl * 1000), createdAt: now } });
  return token;
}

/** The token's row and user when it is live (not used, not expired), else why not. */
export async function findPasswordToken(token: string, now = new Date(), db: Db | DbTransaction = prisma) {
  const row = await db.passwordToken.findUnique({ where: { id: sha256(token) }, include: { user: true } });
  if (!row) return { ok: false as const, reason: "unknown" as const };
  if (row.usedAt) return { ok: false as const, reason: "used" as const };
  if (now >= row.expiresAt) return { ok: false as const, reason: "expired" as const };
  if (row.user.disabledAt) return { ok: false as const, reason: "unknown" as const };
  return { ok: true as const, row };
}

/** Mark a token used: conditional, so two parallel uses cannot both pass. */
export async function consumePasswordToken(tokenId: string, now = new Date(), db: Db | DbTransaction = prisma) {
  const used = await db.passwordToken.updateMany({ where: { id: tokenId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return used.count === 1;
}
