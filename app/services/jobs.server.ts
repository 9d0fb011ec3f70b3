// The server's background work, started once per process by app/entry.server.tsx with
// `startBackgroundJobs()`:
// - fleet jobs, each run by ONE instance of the fleet at a time under a lease row
//   (models/job-lease.server.ts, docs/decisions/020):
//     purge               every hour: expired rows (OTP challenges must be gone within 24 h;
//                         shared/security.md), and register uploads past their time;
//     nightly-reshuffle   every night at 03:00 Bangkok: the anonymous response tables (decision 002);
//     reminders           every day at 08:00 Bangkok: the shortfall reminders (decision 024; each
//                         person's period key makes it weekly, daily in a window's last week);
// - per process: the cache version poll (decision 019) and the overview warm-up (both fill or
//   empty this process's own caches, so every instance does them).
//
// Every instance looks every JOB_TICK_MS for a due job. "Due" comes from the row, not from a timer
// of this process: the purge when it last finished an hour ago, the reshuffle when it last
// finished before the latest 03:00 Bangkok — so a night missed while every instance was down is
// run by whichever instance looks next. A due job is taken with one conditional UPDATE; the taker
// renews its lease every third of JOB_LEASE_MS while the job runs and releases it with the outcome.
// An instance killed mid-run stops renewing: after the lease runs out the next instance to look
// takes the job over. Both jobs are whole-or-nothing per transaction (the purge's deletes are
// idempotent; the reshuffle is one transaction), so a killed run leaves the data whole and the
// next run completes it. A failed run is retried after JOB_RETRY_MS.
// No timer keeps the process alive (all are unref'd), and each starts once per process: dev
// rebuilds evaluate the build again, so the handles are kept on globalThis.
import { env } from "~/env.server";
import { lastReshuffleTimeBefore, reshuffleAnonymousRows } from "~/models/anonymity.server";
import { startCacheVersionPolling, stopCacheVersionPolling } from "~/models/cache-version.server";
import { ensureJobLease, listJobLeases, releaseJobLease, renewJobLease, takeJobLease, type JobLeaseRow } from "~/models/job-lease.server";
import { warmNationalOverview } from "~/models/overview.server";
import { purgeExpiredRegisterUploads } from "~/models/register-upload.server";
import { purgeExpiredRows, PURGE_INTERVAL_MS } from "./maintenance.server";
import { runRemindersJob } from "./reminders.server";
import { lastDailyRunTimeBefore } from "~/domain/reminders";
import { INSTANCE_ID } from "~/utils/instance.server";
import { startOutboxWorker, stopOutboxWorker } from "./outbox.server";

/** A failed run is tried again this long after it started (the reshuffle: a long transaction held a lock). */
export const JOB_RETRY_MS = 15 * 60 * 1000;
/** The nightly reshuffle waits at most this long for a lock (a transaction in its way): then it fails and is retried. */
const NIGHTLY_RESHUFFLE_LOCK_TIMEOUT_MS = 10_000;

export type FleetJob = {
  name: string;
  /** Whether a run is due at `now`, given when it last finished (never null: see ensureJobLease). */
  due(lastFinishedAt: Date, now: Date): boolean;
  run(): Promise<unknown>;
};

export const FLEET_JOBS: FleetJob[] = [
  {
    name: "purge",
    due: (lastFinishedAt, now) => now.getTime() - lastFinishedAt.getTime() >= PURGE_INTERVAL_MS,
    run: async () => ({ ...(await purgeExpiredRows()), registerUploads: await purgeExpiredRegisterUploads() }),
  },
  {
    name: "nightly-reshuffle",
    due: (lastFinishedAt, now) => lastFinishedAt.getTime() < lastReshuffleTimeBefore(now).getTime(),
    run: () => reshuffleAnonymousRows({ lockTimeoutMs: NIGHTLY_RESHUFFLE_LOCK_TIMEOUT_MS, waitForOtherRun: true }),
  },
  {
    // Due once a day after 08:00 Bangkok; a day missed while every instance was down is run by the next to look.
    name: "reminders",
    due: (lastFinishedAt, now) => lastFinishedAt.getTime() < lastDailyRunTimeBefore(now).getTime(),
    run: () => runRemindersJob(),
  },
];

/** Whether `job` should start now given its row: due, not failed just now, and no live lease. */
export function jobReady(job: FleetJob, lease: JobLeaseRow, now: Date): boolean {
  if (lease.holder && lease.leaseUntil && lease.leaseUntil.getTime() > now.getTime()) return false;
  if (lease.lastOutcome === "failed" && lease.lastStartedAt && now.getTime() - lease.lastStartedAt.getTime() < JOB_RETRY_MS) return false;
  return job.due(lease.lastFinishedAt ?? now, now);
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Run `job` here if it is ready and this instance wins its lease; resolves when the run is over
 * (true: it ran here). Heartbeats renew the lease every third of `leaseMs` meanwhile.
 */
export async function runJobIfDue(job: FleetJob, options: { holder?: string; leaseMs?: number; now?: Date } = {}): Promise<boolean> {
  const holder = options.holder ?? INSTANCE_ID;
  const leaseMs = options.leaseMs ?? env.JOB_LEASE_MS;
  const now = options.now ?? new Date();
  const lease = await ensureJobLease(job.name, now);
  if (!jobReady(job, lease, now)) return false;
  if (!(await takeJobLease(job.name, holder, leaseMs, lease.lastFinishedAt, now))) return false;
  const started = performance.now();
  console.log(`[job] ${job.name} started by ${holder}`);
  const heartbeat = setInterval(
    () => {
      renewJobLease(job.name, holder, leaseMs)
        .then((held) => {
          // Only when this process stalled longer than the lease: another instance may run it too.
          if (!held) console.error(`[job] ${job.name}: lease lost by ${holder} (another instance took it over)`);
        })
        .catch((error: unknown) => console.error(`[job] ${job.name}: lease renewal failed:`, message(error)));
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  heartbeat.unref();
  try {
    const report = await job.run();
    clearInterval(heartbeat);
    await releaseJobLease(job.name, holder, { ok: true });
    console.log(`[job] ${job.name} finished by ${holder} in ${Math.round(performance.now() - started)} ms: ${JSON.stringify(report)}`);
  } catch (error) {
    clearInterval(heartbeat);
    console.error(`[job] ${job.name} failed on ${holder}:`, message(error));
    await releaseJobLease(job.name, holder, { ok: false, error: message(error) }).catch((release: unknown) =>
      console.error(`[job] ${job.name}: release failed (the lease runs out on its own):`, message(release)),
    );
  }
  return true;
}

// The same globalThis keys across dev rebuilds.
const handles = globalThis as unknown as { __itaJobTick?: NodeJS.Timeout; __itaJobsRunning?: Set<string> };

/** Look once for due fleet jobs; each runs in the background (one run per job per process at a time). */
export function tickFleetJobs(): void {
  const running = (handles.__itaJobsRunning ??= new Set());
  for (const job of FLEET_JOBS) {
    if (running.has(job.name)) continue;
    running.add(job.name);
    runJobIfDue(job)
      .catch((error: unknown) => console.error(`[job] ${job.name}: could not check the lease:`, message(error)))
      .finally(() => running.delete(job.name));
  }
}

/** Start the fleet jobs' tick, the cache version poll and the overview warm-up; never blocks or throws. */
export function startBackgroundJobs(): void {
  if (!handles.__itaJobTick) {
    handles.__itaJobTick = setInterval(tickFleetJobs, env.JOB_TICK_MS);
    handles.__itaJobTick.unref();
    tickFleetJobs();
  }

  startCacheVersionPolling(env.CACHE_POLL_MS);

  startOutboxWorker(); // every SMS and e-mail (docs/decisions/018); once per process, stopped by stopOutboxWorker()

  // Not guarded: a dev rebuild starts with an empty cache, which is worth filling again.
  warmNationalOverview().catch((error: unknown) => console.error("[overview] warm-up failed:", message(error)));
}

/** The fleet's jobs as /admin/operations shows them: who runs each now, and how the last run went. */
export async function describeFleetJobs(now = new Date()) {
  const leases = new Map((await listJobLeases()).map((lease) => [lease.name, lease]));
  return FLEET_JOBS.map(({ name }) => {
    const lease = leases.get(name);
    const running = Boolean(lease?.holder && lease.leaseUntil && lease.leaseUntil.getTime() > now.getTime());
    return {
      name,
      running,
      holder: running ? (lease?.holder ?? null) : null,
      lastStartedAt: lease?.lastStartedAt ?? null,
      lastFinishedAt: lease?.lastFinishedAt ?? null,
      lastOutcome: lease?.lastOutcome ?? null,
      lastError: lease?.lastOutcome === "failed" ? (lease.lastError ?? null) : null,
      runs: lease?.runs ?? 0,
      failures: lease?.failures ?? 0,
    };
  });
}

/**
 * A draining server (scripts/serve.js, docs/decisions/021): the fleet tick, the cache version
 * poll and the outbox worker stop at once; resolves when an outbox round under way has ended. A
 * fleet job under way is rolled back when the connection closes; its lease runs out and another
 * instance runs it again.
 */
export async function stopBackgroundJobs(): Promise<void> {
  clearInterval(handles.__itaJobTick);
  handles.__itaJobTick = undefined;
  stopCacheVersionPolling();
  await stopOutboxWorker();
}
