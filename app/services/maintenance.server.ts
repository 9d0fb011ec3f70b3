// Housekeeping use cases shared by the CLI (`npm run ita -- purge | reshuffle`, app/commands/) and
// the server's background jobs (app/services/jobs.server.ts). The queries live in models/.
import { closeDirectConnections } from "~/db-direct.server";
import { prisma } from "~/db.server";
import { env } from "~/env.server";
import { reshuffleAnonymousRows, type ReshuffleReport } from "~/models/anonymity.server";
import { purgeExpired } from "~/models/maintenance.server";
import { purgeFinishedMessages } from "~/models/outbox.server";

export { PURGE_INTERVAL_MS } from "~/models/maintenance.server";
export type { ReshuffleReport };

export type PurgeReport = Awaited<ReturnType<typeof purgeExpired>> & { outboxMessages: number };

/**
 * Delete expired OTP challenges, survey and admin sessions, old rate-limit windows and idempotency
 * keys (OTP challenges must be gone within 24 h), and outbox messages finished more than
 * OUTBOX_KEEP_DAYS ago (their contacts went when they finished). Safe to run at any time, from anywhere.
 */
export async function purgeExpiredRows(now = new Date()): Promise<PurgeReport> {
  const [report, outbox] = await Promise.all([purgeExpired(now), purgeFinishedMessages(now, env.OUTBOX_KEEP_DAYS)]);
  return { ...report, outboxMessages: outbox.count };
}

/** By hand (the CLI): wait up to a minute for a long transaction rather than the server's 10 s. */
export const MANUAL_RESHUFFLE_LOCK_TIMEOUT_MS = 60_000;

/**
 * Rewrite the anonymous response tables now (docs/decisions/002). Submits wait while it runs; on
 * PostgreSQL a second run at the same time is skipped (an advisory lock in the model).
 */
export function reshuffleResponses(options: { lockTimeoutMs?: number } = {}): Promise<ReshuffleReport> {
  return reshuffleAnonymousRows({ lockTimeoutMs: options.lockTimeoutMs ?? MANUAL_RESHUFFLE_LOCK_TIMEOUT_MS });
}

/** A one-shot process (a CLI command) closes its connections so that it can exit. */
export async function closeDatabaseConnections(): Promise<void> {
  await closeDirectConnections();
  await prisma.$disconnect();
}
