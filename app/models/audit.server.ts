import { prisma, type Db } from "~/db.server";
import { randomId } from "~/utils/crypto.server";

/**
 * Audit log (shared/security.md → Audit): who did what with what outcome, in UTC. Never which
 * respondent and never answers; a contact appears only as its HMAC.
 */
export function recordAudit(
  entry: { action: string; outcome: "ok" | "refused" | "failed" | string; actorId?: string | null; agencyId?: string | null; detail?: Record<string, unknown> },
  db: Db = prisma,
) {
  return db.auditLog.create({
    data: {
      id: randomId(),
      action: entry.action,
      outcome: entry.outcome,
      actorId: entry.actorId ?? null,
      agencyId: entry.agencyId ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    },
  });
}
