// Invitations to a role: a 256-bit token e-mailed as a link, its SHA-256 kept; 72 h; single use.
import type { Role } from "~/generated/sqlite/enums";
import { prisma, type Db, type DbTransaction } from "~/db.server";
import { randomId, randomToken, sha256 } from "~/utils/crypto.server";

export const INVITATION_TTL_SECONDS = 72 * 60 * 60;

export type NewInvitation = { email: string; name: string | null; role: Role; agencyId: string | null; provinceId: string | null; invitedById: string | null };

export async function createInvitation(input: NewInvitation, now = new Date(), db: Db | DbTransaction = prisma) {
  const token = randomToken(32);
  const invitation = await db.invitation.create({
    data: { id: randomId(), tokenHash: sha256(token), ...input, expiresAt: new Date(now.getTime() + INVITATION_TTL_SECONDS * 1000), createdAt: now },
  });
  return { invitation, token };
}

/** A new token for a pending invitation (the old link dies) and 72 h again; null when not pending. */
export async function renewInvitationToken(invitationId: string, now = new Date(), db: Db | DbTransaction = prisma) {
  const token = randomToken(32);
  const renewed = await db.invitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null },
    data: { tokenHash: sha256(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_SECONDS * 1000) },
  });
  return renewed.count === 1 ? token : null;
}

export async function revokeInvitation(invitationId: string, now = new Date(), db: Db | DbTransaction = prisma) {
  const revoked = await db.invitation.updateMany({ where: { id: invitationId, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
  return revoked.count === 1;
}

/** Pending invitations for the same e-mail and grant end when a new one is sent. */
export function revokeMatchingInvitations(
  input: Pick<NewInvitation, "email" | "role" | "agencyId" | "provinceId">,
  now = new Date(),
  db: Db | DbTransaction = prisma,
) {
  return db.invitation.updateMany({
    where: { email: input.email, role: input.role, agencyId: input.agencyId, provinceId: input.provinceId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
}

/** A pending, unexpired invitation for this e-mail and grant exists (a re-import sends no second one). */
export async function hasLiveInvitation(
  input: Pick<NewInvitation, "email" | "role" | "agencyId" | "provinceId">,
  now = new Date(),
  db: Db | DbTransaction = prisma,
) {
  const found = await db.invitation.findFirst({
    where: {
      email: input.email,
      role: input.role,
      agencyId: input.agencyId,
      provinceId: input.provinceId,
      acceptedAt: null,
      revokedAt: null,
      expiresAt: { gt: now },
    },
    select: { id: true },
  });
  return found !== null;
}

export function getInvitation(invitationId: string, db: Db | DbTransaction = prisma) {
  return db.invitation.findUnique({ where: { id: invitationId } });
}

export function findInvitationByToken(token: string, db: Db | DbTransaction = prisma) {
  return db.invitation.findUnique({ where: { tokenHash: sha256(token) } });
}

/** Accepting: conditional on still pending and unexpired, so a link works once even in parallel. */
export async function markInvitationAccepted(invitationId: string, tokenHash: string, now = new Date(), db: Db | DbTransaction = prisma) {
  const accepted = await db.invitation.updateMany({
    where: { id: invitationId, tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  });
  return accepted.count === 1;
}

/** Pending (not accepted, not revoked) invitations, expired ones included (they can be resent). */
export function listPendingInvitations(db: Db | DbTransaction = prisma) {
  return db.invitation.findMany({ where: { acceptedAt: null, revokedAt: null }, orderBy: { createdAt: "desc" } });
}

export function getAgencyByCode(code: string, db: Db | DbTransaction = prisma) {
  return db.agency.findUnique({ where: { code } });
}

export function getProvinceByCode(code: string, db: Db | DbTransaction = prisma) {
  return db.province.findUnique({ where: { code } });
}

export function getAgencyById(agencyId: string, db: Db | DbTransaction = prisma) {
  return db.agency.findUnique({ where: { id: agencyId } });
}

export function listScopeNames(agencyIds: string[], provinceIds: string[], db: Db | DbTransaction = prisma) {
  return Promise.all([
    db.agency.findMany({ where: { id: { in: agencyIds } }, select: { id: true, code: true, nameTh: true, nameEn: true, provinceId: true } }),
    db.province.findMany({ where: { id: { in: provinceIds } }, select: { id: true, code: true, nameTh: true, nameEn: true } }),
  ]);
}
