// The fleet-wide figures /metrics reads at scrape time (docs/decisions/022-logs-and-metrics.md):
// counts only, summed over every agency. No query here returns an agency, a contact or a key.
import { prisma, type Db } from "~/db.server";

export type OutboxStateFigures = { state: string; messages: number; oldestCreatedAt: Date | null };

/** Outbox messages by state, with the oldest one's creation time (finished rows stay until the outbox purge). */
export async function outboxByState(db: Db = prisma): Promise<OutboxStateFigures[]> {
  const groups = await db.outboxMessage.groupBy({ by: ["state"], _count: { _all: true }, _min: { createdAt: true } });
  return groups.map((group) => ({ state: group.state, messages: group._count._all, oldestCreatedAt: group._min.createdAt }));
}

/**
 * The OTP counters of app/models/otp.server.ts (RateLimitCounter rows of one clock hour, one per
 * agency and event), as event → sum over all agencies. `sent` is the agency ceiling's slots (a
 * message the limits let through), `verified` the codes accepted, `delivered`/`failed` the
 * transports' answers (any transport), `suppressed` the sends withheld by a per-number limit,
 * `undeliverable` a contact no transport takes, `wrong` the wrong codes evaluated.
 */
export const OTP_EVENTS = ["sent", "verified", "delivered", "failed", "suppressed", "undeliverable", "wrong", "expired"] as const;
export type OtpEventName = (typeof OTP_EVENTS)[number];

export async function otpEventsInHour(hourStart: Date, db: Db = prisma): Promise<Record<OtpEventName, number>> {
  // Summed in the database: at the national scale an hour holds thousands of agencies' rows.
  const rows = await db.$queryRaw<{ event: string; total: number | bigint | null }[]>`
    SELECT "event", SUM("count") AS "total" FROM (
      SELECT CASE
        WHEN "key" LIKE 'otp-sent:agency:%:3600' THEN 'sent'
        WHEN "key" LIKE 'otp-verified:agency:%' THEN 'verified'
        WHEN "key" LIKE 'otp-delivered:%:agency:%' THEN 'delivered'
        WHEN "key" LIKE 'otp-failed:%:agency:%' THEN 'failed'
        WHEN "key" LIKE 'otp-suppressed:agency:%' THEN 'suppressed'
        WHEN "key" LIKE 'otp-undeliverable:agency:%' THEN 'undeliverable'
        WHEN "key" LIKE 'otp-wrong:agency:%' THEN 'wrong'
        WHEN "key" LIKE 'otp-expired:agency:%' THEN 'expired'
      END AS "event", "count"
      FROM "RateLimitCounter"
      WHERE "windowStart" = ${hourStart} AND "key" LIKE 'otp-%'
    ) AS "events"
    WHERE "event" IS NOT NULL
    GROUP BY "event"`;
  const figures = Object.fromEntries(OTP_EVENTS.map((event) => [event, 0])) as Record<OtpEventName, number>;
  for (const row of rows) if ((OTP_EVENTS as readonly string[]).includes(row.event)) figures[row.event as OtpEventName] = Number(row.total ?? 0);
  return figures;
}

export type JobFigures = { job: string; runs: number; failures: number; lastFinishedAt: Date | null; running: boolean };

/** Each background job's lease row (app/services/jobs.server.ts): runs, failures, last finish, held now. */
export async function jobFigures(now = new Date(), db: Db = prisma): Promise<JobFigures[]> {
  const leases = await db.jobLease.findMany({ select: { name: true, runs: true, failures: true, lastFinishedAt: true, holder: true, leaseUntil: true } });
  return leases.map((lease) => ({
    job: lease.name,
    runs: lease.runs,
    failures: lease.failures,
    lastFinishedAt: lease.lastFinishedAt,
    running: lease.holder !== null && lease.leaseUntil !== null && lease.leaseUntil > now,
  }));
}
