// The server's background jobs, started once by app/entry.server.tsx with `startBackgroundJobs()`:
// - every hour: purge expired rows (OTP challenges must be gone within 24 h; shared/security.md);
// - every night at 03:00 Bangkok: reshuffle the anonymous response tables (docs/decisions/002);
// - at start: warm this process's national overview cache (a second or two of scoring).
// No timer keeps the process alive (all are unref'd), and each timer starts once per process:
// dev rebuilds evaluate the build again, so the handles are kept on globalThis.
//
// Fleet seam: several app processes may share one database. The purge is idempotent and the
// reshuffle already skips when another one holds its PostgreSQL advisory lock (the model), so
// running them in every process is correct, only redundant. `runOncePerFleet` is where a
// per-run lock goes (pg_try_advisory_lock on PostgreSQL; SQLite has one process by design) —
// today it just runs the work. The warm-up fills an in-process cache, so it stays per process.
import { scheduleNightlyReshuffle } from "~/models/anonymity.server";
import { warmNationalOverview } from "~/models/overview.server";
import { purgeExpiredRows, PURGE_INTERVAL_MS } from "./maintenance.server";

/** The jobs that should run once per fleet rather than once per process. */
export type FleetJob = "purge" | "reshuffle";

/**
 * Run `work` for `job` if no other process of the fleet is running it now. Returns false when the
 * run was skipped. Today every process runs it (see the comment at the top of this file).
 */
export async function runOncePerFleet(job: FleetJob, work: () => Promise<unknown>): Promise<boolean> {
  void job; // the lock key, once there is a lock
  await work();
  return true;
}

// The same globalThis keys as when these timers lived in entry.server.tsx.
const handles = globalThis as unknown as { __itaPurge?: NodeJS.Timeout; __itaReshuffle?: () => void };

const message = (error: unknown) => (error instanceof Error ? error.message : error);

/** Start the hourly purge, the nightly reshuffle and the overview warm-up; never blocks or throws. */
export function startBackgroundJobs(): void {
  handles.__itaPurge ??= setInterval(() => {
    runOncePerFleet("purge", () => purgeExpiredRows()).catch((error: unknown) => console.error("[purge] failed:", message(error)));
  }, PURGE_INTERVAL_MS).unref();

  // The model schedules itself (03:00 Bangkok, three retries 15 min apart) and logs each run.
  // Fleet: the reshuffle takes its own advisory lock on PostgreSQL (models/anonymity.server.ts);
  // when the scheduling moves here, wrap its run in runOncePerFleet("reshuffle", …).
  handles.__itaReshuffle ??= scheduleNightlyReshuffle();

  // Not guarded: a dev rebuild starts with an empty cache, which is worth filling again.
  warmNationalOverview().catch((error: unknown) => console.error("[overview] warm-up failed:", message(error)));
}
