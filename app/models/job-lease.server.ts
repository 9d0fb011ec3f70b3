// Background jobs once per fleet (docs/decisions/020): one JobLease row per job. An instance runs a
// job only while it holds the row's lease: taken with ONE conditional UPDATE (free or expired, and
// the last finish still the one the taker saw when it judged the job due), renewed by heartbeats
// while the job runs, released with the outcome. A holder that dies stops renewing; after
// `leaseUntil` any instance may take the job over. The same on SQLite and PostgreSQL, and the row
// shows the operator who holds what and how the last run went.
import { prisma, type Db } from "~/db.server";

export type JobLeaseRow = NonNullable<Awaited<ReturnType<typeof readJobLease>>>;

export function readJobLease(name: string, db: Db = prisma) {
  return db.jobLease.findUnique({ where: { name } });
}

export function listJobLeases(db: Db = prisma) {
  return db.jobLease.findMany({ orderBy: { name: "asc" } });
}

/**
 * The job's row, created on first sight with `lastFinishedAt = now`: a job is first due one period
 * after it is first seen, so an upgrade deployed at noon does not reshuffle a million rows at noon.
 */
export async function ensureJobLease(name: string, now = new Date(), db: Db = prisma): Promise<JobLeaseRow> {
  const row = await readJobLease(name, db);
  if (row) return row;
  try {
    return await db.jobLease.create({ data: { name, lastFinishedAt: now } });
  } catch {
    // Another instance created it at the same moment (unique name): read theirs.
    return (await readJobLease(name, db))!;
  }
}

/**
 * Take the job's lease for `holder` until now + `leaseMs`, if nobody holds a live one and the job
 * has not finished since `seenLastFinishedAt` (what the caller judged "due" from). One UPDATE: of
 * two instances trying at once, exactly one gets it. True when taken.
 */
export async function takeJobLease(
  name: string,
  holder: string,
  leaseMs: number,
  seenLastFinishedAt: Date | null,
  now = new Date(),
  db: Db = prisma,
): Promise<boolean> {
  const taken = await db.jobLease.updateMany({
    where: { name, lastFinishedAt: seenLastFinishedAt, OR: [{ holder: null }, { leaseUntil: null }, { leaseUntil: { lte: now } }] },
    data: { holder, leaseUntil: new Date(now.getTime() + leaseMs), lastStartedAt: now, runs: { increment: 1 } },
  });
  return taken.count === 1;
}

/** Renew `holder`'s lease; false when it is not the holder any more (it expired and was taken over). */
export async function renewJobLease(name: string, holder: string, leaseMs: number, now = new Date(), db: Db = prisma): Promise<boolean> {
  const renewed = await db.jobLease.updateMany({ where: { name, holder }, data: { leaseUntil: new Date(now.getTime() + leaseMs) } });
  return renewed.count === 1;
}

/** Release the lease with the run's outcome. A finished run moves `lastFinishedAt`; a failed one does not (still due). */
export async function releaseJobLease(
  name: string,
  holder: string,
  outcome: { ok: true } | { ok: false; error: string },
  now = new Date(),
  db: Db = prisma,
): Promise<boolean> {
  const released = await db.jobLease.updateMany({
    where: { name, holder },
    data: outcome.ok
      ? { holder: null, leaseUntil: null, lastFinishedAt: now, lastOutcome: "ok", lastError: null }
      : { holder: null, leaseUntil: null, lastOutcome: "failed", lastError: outcome.error.slice(0, 500), failures: { increment: 1 } },
  });
  return released.count === 1;
}
