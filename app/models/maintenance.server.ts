// Housekeeping that privacy rules depend on: OTP challenges gone within 24 h, expired sessions and
// old rate-limit windows and idempotency keys removed, audit rows kept AUDIT_RETENTION_DAYS (400).
// Run hourly by the server and by `npm run purge`.
import { prisma, type Db } from "~/db.server";
import { purgeAuditLog } from "./audit.server";
import { purgeOtpChallenges } from "./otp.server";
import { purgeCounters } from "./rate-limit.server";
import { purgeExpiredSurveySessions } from "./survey-session.server";

export const PURGE_INTERVAL_MS = 60 * 60 * 1000;
const COUNTER_KEEP_MS = 2 * 24 * 60 * 60 * 1000; // the longest window is a day

export async function purgeExpired(now = new Date(), db: Db = prisma) {
  const [otpChallenges, surveySessions, counters, idempotencyKeys, adminSessions, auditLog] = await Promise.all([
    purgeOtpChallenges(now, db),
    purgeExpiredSurveySessions(now, db),
    purgeCounters(new Date(now.getTime() - COUNTER_KEEP_MS), db),
    db.idempotencyKey.deleteMany({ where: { purgeAfter: { lt: now } } }),
    db.adminSession.deleteMany({ where: { expiresAt: { lt: now } } }),
    purgeAuditLog(now, db),
  ]);
  return {
    otpChallenges: otpChallenges.count,
    surveySessions: surveySessions.count,
    counters: counters.count,
    idempotencyKeys: idempotencyKeys.count,
    adminSessions: adminSessions.count,
    auditLog: auditLog.count,
  };
}
