// One /metrics scrape (docs/decisions/022-logs-and-metrics.md): this process's counters and
// histograms (app/utils/metrics.server.ts) plus the fleet's figures read from the database now
// (app/models/fleet-metrics.server.ts) and this process's PostgreSQL pools. scripts/serve.js
// serves it on METRICS_ADDRESS only.
import { submitPoolUse } from "~/db-direct.server";
import { jobFigures, OTP_EVENTS, otpEventsInHour, outboxByState } from "~/models/fleet-metrics.server";
import { windowStart } from "~/models/rate-limit.server";
import { prismaPoolUse } from "~/utils/db-adapters.server";
import { logger } from "~/utils/logger.server";
import {
  databasePool,
  databaseRead,
  jobFailures,
  jobLastFinished,
  jobRunning,
  jobRuns,
  otpEventsLastHour,
  otpEventsThisHour,
  outboxMessages,
  outboxOldestAge,
  registry,
} from "~/utils/metrics.server";

const HOUR_SECONDS = 3600;
/** Outbox states always reported (0 when empty), so an alert on `failed` has a series to watch. */
const OUTBOX_STATES = ["pending", "sent", "failed", "expired"];

async function readFleetFigures(now: Date) {
  const thisHour = windowStart(now, HOUR_SECONDS);
  const lastHour = new Date(thisHour.getTime() - HOUR_SECONDS * 1000);
  // One after another: on SQLite the queries share one connection anyway.
  const outbox = await outboxByState();
  const current = await otpEventsInHour(thisHour);
  const previous = await otpEventsInHour(lastHour);
  const jobs = await jobFigures(now);

  outboxMessages.reset();
  outboxOldestAge.reset();
  for (const state of OUTBOX_STATES) outboxMessages.set({ state }, 0);
  for (const figures of outbox) {
    outboxMessages.set({ state: figures.state }, figures.messages);
    if (figures.oldestCreatedAt) outboxOldestAge.set({ state: figures.state }, Math.max(0, (now.getTime() - figures.oldestCreatedAt.getTime()) / 1000));
  }
  for (const event of OTP_EVENTS) {
    otpEventsThisHour.set({ event }, current[event]);
    otpEventsLastHour.set({ event }, previous[event]);
  }
  for (const gauge of [jobRuns, jobFailures, jobLastFinished, jobRunning]) gauge.reset();
  for (const job of jobs) {
    jobRuns.set({ job: job.job }, job.runs);
    jobFailures.set({ job: job.job }, job.failures);
    jobLastFinished.set({ job: job.job }, job.lastFinishedAt ? job.lastFinishedAt.getTime() / 1000 : 0);
    jobRunning.set({ job: job.job }, job.running ? 1 : 0);
  }
}

function readPools() {
  databasePool.reset();
  for (const [pool, use] of [
    ["prisma", prismaPoolUse()],
    ["submit", submitPoolUse()],
  ] as const) {
    if (!use) continue;
    databasePool.set({ pool, state: "total" }, use.total);
    databasePool.set({ pool, state: "idle" }, use.idle);
    databasePool.set({ pool, state: "waiting" }, use.waiting);
  }
}

/** The Prometheus text exposition of this process, with the fleet figures as of now. */
export async function renderMetrics(now = new Date()): Promise<{ contentType: string; body: string }> {
  try {
    await readFleetFigures(now);
    databaseRead.set(1);
  } catch (error) {
    // A scrape during an outage still answers (the process figures are what the operator needs
    // then); the database figures are left out rather than shown stale.
    for (const gauge of [outboxMessages, outboxOldestAge, otpEventsThisHour, otpEventsLastHour, jobRuns, jobFailures, jobLastFinished, jobRunning])
      gauge.reset();
    databaseRead.set(0);
    logger.warn({ err: error }, "metrics: database figures not read");
  }
  readPools();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
