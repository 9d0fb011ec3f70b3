import { prisma, type Db } from "~/db.server";
import { randomId } from "~/utils/crypto.server";

/** Audit rows are deleted after this many days (purged hourly with the rest, maintenance.server.ts). */
export const AUDIT_RETENTION_DAYS = 400;

/**
 * Audit log (shared/security.md → Audit): who did what with what outcome, in UTC. Never which
 * respondent, never answers, and no contact-derived value at all (not even a hash prefix):
 * respondent-side events (OTP sends, verifies, wrong guesses) are hourly counters, not rows.
 */
export function recordAudit(
  entry: {
    action: string;
    outcome: "ok" | "refused" | "failed" | string;
    actorId?: string | null;
    agencyId?: string | null;
    /** What was acted on, as "<kind>:<key>": "user:<id>", "cycle:2570", "invitation:<id>", "register:<file>" … */
    target?: string | null;
    detail?: Record<string, unknown>;
  },
  db: Db = prisma,
) {
  return db.auditLog.create({
    data: {
      id: randomId(),
      action: entry.action,
      outcome: entry.outcome,
      actorId: entry.actorId ?? null,
      agencyId: entry.agencyId ?? null,
      target: entry.target ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    },
  });
}

/** Delete audit rows older than AUDIT_RETENTION_DAYS. */
export function purgeAuditLog(now = new Date(), db: Db = prisma) {
  return db.auditLog.deleteMany({ where: { at: { lt: new Date(now.getTime() - AUDIT_RETENTION_DAYS * 24 * 60 * 60 * 1000) } } });
}
