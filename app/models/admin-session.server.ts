// DB-backed admin sessions: the cookie holds an opaque token, the table its SHA-256. Revocable;
// re-login after 30 min idle or 12 h; the id rotates when the second factor is verified.
import { prisma, type Db, type DbTransaction } from "~/db.server";
import { randomToken, sha256 } from "~/utils/crypto.server";

export const ADMIN_IDLE_SECONDS = 30 * 60;
export const ADMIN_ABSOLUTE_SECONDS = 12 * 60 * 60;
const TOUCH_EVERY_SECONDS = 60; // lastSeenAt need not be written on every request

export async function createAdminSession(userId: string, twoFactorVerified: boolean, now = new Date(), db: Db = prisma) {
  const token = randomToken(32);
  await db.adminSession.create({
    data: {
      id: sha256(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ADMIN_ABSOLUTE_SECONDS * 1000),
      twoFactorVerifiedAt: twoFactorVerified ? now : null,
    },
  });
  return token;
}

/** The live session for a cookie token, with its user and role grants; null when dead. */
export async function getAdminSession(token: string | null | undefined, now = new Date(), db: Db = prisma) {
  if (!token) return null;
  const session = await db.adminSession.findUnique({
    where: { id: sha256(token) },
    include: { user: { include: { grants: { include: { agency: true, province: true } } } } },
  });
  if (!session || session.revokedAt || session.user.disabledAt) return null;
  if (now >= session.expiresAt) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > ADMIN_IDLE_SECONDS * 1000) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_SECONDS * 1000) {
    await db.adminSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return session;
}

/**
 * New id for a session that just proved its second factor; the old id stops working. Returns null
 * (and creates nothing) when the old session was revoked meanwhile.
 */
export async function rotateAdminSession(sessionId: string, userId: string, now = new Date(), db: Db = prisma): Promise<string | null> {
  const revoked = await db.adminSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
  if (revoked.count !== 1) return null;
  return createAdminSession(userId, true, now, db);
}

export function revokeAdminSession(sessionId: string, now = new Date(), db: Db = prisma) {
  return db.adminSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/** End every live session of a user (disable, reset link), or every one but `exceptSessionId`. */
export function revokeUserSessions(userId: string, options: { exceptSessionId?: string } = {}, now = new Date(), db: Db | DbTransaction = prisma) {
  return db.adminSession.updateMany({
    where: { userId, revokedAt: null, ...(options.exceptSessionId ? { id: { not: options.exceptSessionId } } : {}) },
    data: { revokedAt: now },
  });
}
