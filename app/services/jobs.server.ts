// The server's background jobs, started once by app/entry.server.tsx with `startBackgroundJobs()`:
// - every hour: purge expired rows (OTP challenges must be gone within 24 h; shared/security.md);
// - every night at 03:00 Bangkok: reshuffle the anonymous response tables (docs/decisions/002);
// - at start: warm this process's national overview cache (a second or two of scoring).
// No timer keeps the process alive (all are unref'd), and each timer starts once per process:
// dev rebuilds evaluate the build again, so the handles are kept on globalThis.
//
// Several app processes may share one database: the purge is idempotent and the reshuffle already
// skips when another one holds its PostgreSQL advisory lock (the model), so running them in every
// process is correct, only redundant. Running each once per fleet (a lock per run) is issue 18's.
// The warm-up fills an in-process cache, so it stays per process.
import { scheduleNightlyReshuffle } from "~/models/anonymity.server";
import { warmNationalOverview } from "~/models/overview.server";
import { purgeExpiredRows, PURGE_INTERVAL_MS } from "./maintenance.server";

// The same globalThis keys as when these timers lived in entry.server.tsx.
const handles = globalThis as unknown as { __itaPurge?: NodeJS.Timeout; __itaReshuffle?: () => void };

const message = (error: unknown) => (error instanceof Error ? error.message : error);

/** Start the hourly purge, the nightly reshuffle and the overview warm-up; never blocks or throws. */
export function startBackgroundJobs(): void {
  handles.__itaPurge ??= setInterval(() => {
    purgeExpiredRows().catch((error: unknown) => console.error("[purge] failed:", message(error)));
  }, PURGE_INTERVAL_MS).unref();

  // The model schedules itself (03:00 Bangkok, three retries 15 min apart) and logs each run.
  // Fleet: the reshuffle takes its own advisory lock on PostgreSQL (models/anonymity.server.ts);
  // moving its scheduling here is issue 18's (jobs once per fleet).
  handles.__itaReshuffle ??= scheduleNightlyReshuffle();

  // Not guarded: a dev rebuild starts with an empty cache, which is worth filling again.
  warmNationalOverview().catch((error: unknown) => console.error("[overview] warm-up failed:", message(error)));
}

/** Stop the timers (a draining server, docs/decisions/021); a run already under way finishes or is rolled back when the connection closes. */
export function stopBackgroundJobs(): void {
  clearInterval(handles.__itaPurge);
  handles.__itaPurge = undefined;
  handles.__itaReshuffle?.();
  handles.__itaReshuffle = undefined;
}
