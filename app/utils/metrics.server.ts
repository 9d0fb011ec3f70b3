// Prometheus metrics of this process (prom-client), served only on the operator's METRICS_ADDRESS
// listener (scripts/serve.js; docs/decisions/022-logs-and-metrics.md; every name is listed in
// docs/operations.md → Metrics). Counts only: no label ever names an agency, a respondent, a
// contact or a path with its parameters filled in. The figures read from the database at scrape
// time (outbox, OTP hours, jobs) are defined here and filled by app/services/fleet-metrics.server.ts.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { env } from "~/env.server";

export const registry = new Registry();

/** Off unless METRICS_ADDRESS is set: then nothing is observed per request. */
export const metricsEnabled = env.METRICS_ADDRESS !== undefined;
if (metricsEnabled) collectDefaultMetrics({ register: registry }); // process CPU, memory, event-loop delay, GC

// ───────────── per process, counted as it happens ─────────────

export const httpRequestDuration = new Histogram({
  name: "ita_http_request_duration_seconds",
  help: "Time from the request reaching the app to its answer, by route pattern, method and status class",
  labelNames: ["route", "method", "status"] as const,
  // From a cached page to a submit waiting out a deadline rush (fair admission, decision 007).
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** One answered request (scripts/serve.js's access log calls this). */
export function observeRequest(route: string, method: string, status: number, seconds: number) {
  if (!metricsEnabled) return;
  httpRequestDuration.observe({ route, method, status: `${Math.floor(status / 100)}xx` }, seconds);
}

export type SubmitInstrument = "iit" | "eit1";
/** Why a survey submit did not store a response (app/services/survey-flow.server.ts). */
export type SubmitRefusal =
  | "bad-request" // no or malformed submission key: not a form this app served
  | "invalid-answers" // the answers do not fit the instrument
  | "closed" // window closed, agency closed its IIT, or published
  | "instrument-changed" // the cycle's ruleset changed after the answers were checked (decision 019)
  | "already-answered" // EIT-1: this contact answered this agency this year
  | "staff-cap" // IIT: accepted responses reached the declared headcount
  | "session-expired" // no live survey session (expired, ended, or another agency's)
  | "not-screened" // the eligibility step was skipped
  | "database-unavailable"; // 503: nothing was saved, the page keeps the answers

const submitsAccepted = new Counter({
  name: "ita_survey_submits_accepted_total",
  help: "Survey submits that stored a response (a retry of a stored one is counted as replayed)",
  labelNames: ["instrument", "replayed"] as const,
  registers: [registry],
});
const submitsRefused = new Counter({
  name: "ita_survey_submits_refused_total",
  help: "Survey submits that stored nothing, by reason",
  labelNames: ["instrument", "reason"] as const,
  registers: [registry],
});

export function countSubmitAccepted(instrument: SubmitInstrument, replayed = false) {
  submitsAccepted.inc({ instrument, replayed: replayed ? "true" : "false" });
}
export function countSubmitRefused(instrument: SubmitInstrument, reason: SubmitRefusal) {
  submitsRefused.inc({ instrument, reason });
}

// ───────────── read from the database at scrape time (the whole fleet's figures) ─────────────

export const outboxMessages = new Gauge({
  name: "ita_outbox_messages",
  help: "Messages in the outbox by state (fleet-wide, read from the database)",
  labelNames: ["state"] as const,
  registers: [registry],
});
export const outboxOldestAge = new Gauge({
  name: "ita_outbox_oldest_age_seconds",
  help: "Age of the oldest message in each outbox state (fleet-wide)",
  labelNames: ["state"] as const,
  registers: [registry],
});
export const otpEventsThisHour = new Gauge({
  name: "ita_otp_events_current_hour",
  help: "OTP events in the current clock hour, all agencies together (fleet-wide)",
  labelNames: ["event"] as const,
  registers: [registry],
});
export const otpEventsLastHour = new Gauge({
  name: "ita_otp_events_previous_hour",
  help: "OTP events in the previous, complete clock hour, all agencies together (fleet-wide)",
  labelNames: ["event"] as const,
  registers: [registry],
});
export const jobRuns = new Gauge({
  name: "ita_job_runs",
  help: "Runs of each background job since its lease row was created (fleet-wide, never decreases)",
  labelNames: ["job"] as const,
  registers: [registry],
});
export const jobFailures = new Gauge({
  name: "ita_job_failures",
  help: "Failed runs of each background job (fleet-wide, never decreases)",
  labelNames: ["job"] as const,
  registers: [registry],
});
export const jobLastFinished = new Gauge({
  name: "ita_job_last_finished_timestamp_seconds",
  help: "When each background job last finished (Unix time; 0: never)",
  labelNames: ["job"] as const,
  registers: [registry],
});
export const jobRunning = new Gauge({
  name: "ita_job_running",
  help: "1 while an instance holds an unexpired lease on the job",
  labelNames: ["job"] as const,
  registers: [registry],
});
export const databasePool = new Gauge({
  name: "ita_db_pool_connections",
  help: "This process's PostgreSQL connections by pool (prisma, submit) and state (total, idle, waiting: requests queued for one)",
  labelNames: ["pool", "state"] as const,
  registers: [registry],
});
export const databaseRead = new Gauge({
  name: "ita_metrics_database_read_ok",
  help: "1 when this scrape read the database figures; 0 when the database did not answer (they are then absent)",
  registers: [registry],
});
