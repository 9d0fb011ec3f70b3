// Several real app instances (scripts/serve.js, through app-server.ts `startApp`) on one
// PostgreSQL, as an operator runs them behind a load balancer (issue 18): the fleet itself, the
// clients that spread requests over it and retry on another instance when one is gone, a real
// local HTTP SMS gateway stand-in that records every message, and a fresh PostgreSQL database.
//
// The app modules (app-server.ts reads DATABASE_URL through ~/db.server when it is imported) are
// loaded only inside the functions that need them, so a script can import this file, create its
// database with `freshPostgresDatabase` and only then let the app read DATABASE_URL.
import { spawnSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { postgresServerUrl, postgresTemplateName, postgresUrlFor, root, TEST_DATABASE_PREFIX } from "../setup/test-database";
import type { AppServer, Attempt, LoadReport, Submission } from "./app-server";

// ───────────── a fresh database ─────────────

/**
 * An empty, migrated PostgreSQL database on the test server (TEST_POSTGRES_URL): a copy of the
 * test run's migrated template when there is one (inside vitest), else created and migrated with
 * `scripts/db.js deploy` (a benchmark). The name carries the start time like the test databases,
 * so an interrupted run's leftover is dropped by a later run (test/setup/global-setup.ts).
 */
export async function freshPostgresDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const runId = process.env.ITA_TEST_RUN;
  const name = `${TEST_DATABASE_PREFIX}${Math.floor(Date.now() / 1000)}_${label}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: postgresServerUrl });
  await admin.connect();
  try {
    await admin.query(runId ? `CREATE DATABASE "${name}" TEMPLATE "${postgresTemplateName(runId)}"` : `CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = postgresUrlFor(name);
  if (!runId) {
    const migrated = spawnSync(process.execPath, ["scripts/db.js", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
    if (migrated.status !== 0) throw new Error(`migrate deploy failed:\n${migrated.stdout}\n${migrated.stderr}`);
  }
  return {
    url,
    async drop() {
      const cleanup = new pg.Client({ connectionString: postgresServerUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

// ───────────── the fleet ─────────────

export type Fleet = {
  instances: AppServer[];
  /** Stops every instance still running (SIGTERM by default). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** `kill -9` of one instance; resolves once the process is gone. */
  kill(index: number): Promise<void>;
};

/** `instances` real server processes on their own ports, all on `databaseUrl`, started together. */
export async function startFleet(options: { instances: number; databaseUrl: string; env?: Record<string, string> }): Promise<Fleet> {
  const { freePort, startApp } = await import("./app-server");
  const ports: number[] = [];
  while (ports.length < options.instances) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const started = await Promise.allSettled(ports.map((port) => startApp({ port, databaseUrl: options.databaseUrl, env: options.env })));
  const instances = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    for (const instance of instances) await instance.stop("SIGKILL");
    throw (failed as PromiseRejectedResult).reason;
  }
  return {
    instances,
    async stop(signal = "SIGTERM") {
      await Promise.all(instances.map((instance) => instance.stop(signal)));
    },
    async kill(index) {
      await instances[index].stop("SIGKILL");
    },
  };
}

// ───────────── the clients ─────────────

/** An answer that says the instance is gone or going: the same request may go to another one. */
export function isRetryable(attempt: Attempt): boolean {
  return !("status" in attempt) || attempt.status === 503;
}

/**
 * Which instance a request goes to: its own turn in a round robin, skipping an instance whose
 * connection failed in the last `downForMs` (as a load balancer marks an upstream down), unless
 * every instance is marked down.
 */
export class FleetRouter {
  private downUntil: number[];
  constructor(
    readonly urls: string[],
    private readonly downForMs = 1000,
  ) {
    this.downUntil = urls.map(() => 0);
  }
  /** The instance for the `attempt`-th try of request number `turn`. */
  pick(turn: number, attempt: number): number {
    const n = this.urls.length;
    const now = Date.now();
    for (let step = 0; step < n; step++) {
      const index = (turn + attempt + step) % n;
      if (this.downUntil[index] <= now) return index;
    }
    return (turn + attempt) % n;
  }
  markDown(index: number) {
    this.downUntil[index] = Date.now() + this.downForMs;
  }
}

export type FleetLoadReport = LoadReport & {
  /** Acknowledgements each instance gave. */
  acknowledgedBy: number[];
  /** Attempts sent again to another instance after a refused or reset connection or a 503. */
  retriedElsewhere: number;
  /** Submissions sent to every instance at once (same key, same cookie): each answer counted. */
  hedged: number;
};

/**
 * Sends every prepared submission to the fleet with `concurrency` clients, spread round robin over
 * the instances. A network failure or a 503 sends the same submission (same key, same cookie)
 * again to the next instance until it is acknowledged, as a respondent's browser behind a load
 * balancer would. With `hedgeEvery` k, every k-th submission goes to all instances at once (a
 * double click that the balancer spread, or a retry that overtook a slow first try): each of those
 * answers must be the thank-you page too. `giveUpAfterMs` bounds the whole run.
 */
export async function driveFleet(
  urls: string[],
  submissions: Submission[],
  options: { concurrency: number; hedgeEvery?: number; onAcknowledged?: (count: number) => void; giveUpAfterMs?: number },
): Promise<FleetLoadReport> {
  const { post, isThanks } = await import("./app-server");
  const router = new FleetRouter(urls);
  const agents = urls.map(() => new http.Agent({ keepAlive: true, maxSockets: options.concurrency }));
  const report: FleetLoadReport = {
    acknowledged: new Set(),
    attempts: 0,
    outcomes: new Map(),
    unexpected: [],
    acknowledgedBy: urls.map(() => 0),
    retriedElsewhere: 0,
    hedged: 0,
  };
  const count = (outcome: string) => report.outcomes.set(outcome, (report.outcomes.get(outcome) ?? 0) + 1);
  const deadline = Date.now() + (options.giveUpAfterMs ?? 600_000);

  /** One submission until acknowledged, starting at its turn's instance; true when acknowledged. */
  const untilAcknowledged = async (submission: Submission, turn: number): Promise<boolean> => {
    let previous = -1;
    for (let attempt = 0; ; attempt++) {
      const index = router.pick(turn, attempt);
      if (previous !== -1 && index !== previous) report.retriedElsewhere++;
      previous = index;
      report.attempts++;
      const answer = await post(agents[index], urls[index], submission);
      count("status" in answer ? String(answer.status) : answer.error);
      if (isThanks(answer)) {
        report.acknowledgedBy[index]++;
        return true;
      }
      if (!("status" in answer)) router.markDown(index);
      if (!isRetryable(answer) || Date.now() > deadline) {
        report.unexpected.push({ index: submission.index, outcome: "status" in answer ? `${answer.status} → ${answer.location ?? ""}` : answer.error });
        return false;
      }
      await sleep(20 + Math.random() * 80);
    }
  };

  let next = 0;
  const client = async () => {
    while (next < submissions.length) {
      const turn = next++;
      const submission = submissions[turn];
      const hedge = options.hedgeEvery !== undefined && turn % options.hedgeEvery === 0;
      let acknowledged: boolean;
      if (hedge) {
        report.hedged++;
        const answers = await Promise.all(urls.map((_, offset) => untilAcknowledged(submission, turn + offset)));
        acknowledged = answers.every(Boolean);
      } else {
        acknowledged = await untilAcknowledged(submission, turn);
      }
      if (!acknowledged) continue;
      if (report.acknowledged.has(submission.index)) report.unexpected.push({ index: submission.index, outcome: "acknowledged twice" });
      report.acknowledged.add(submission.index);
      options.onAcknowledged?.(report.acknowledged.size);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  for (const agent of agents) agent.destroy();
  return report;
}

export type FormAnswer = { status: number; location: string | null; setCookie: string[]; body: string };

/**
 * A form POST as a browser sends it (same-origin), from a chosen loopback source address: Linux
 * routes all of 127.0.0.0/8 to lo, so `from` 127.0.3.7 is a distinct client address for the app's
 * per-address limits without a proxy header.
 */
export function postForm(baseUrl: string, path: string, fields: Record<string, string>, options: { from?: string; cookie?: string } = {}): Promise<FormAnswer> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(path, baseUrl),
      {
        method: "POST",
        localAddress: options.from,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
          origin: baseUrl,
          ...(options.cookie ? { cookie: options.cookie } : {}),
        },
        timeout: 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location ?? null,
            setCookie: response.headers["set-cookie"] ?? [],
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(body);
  });
}

/** The `name=value` pair of a cookie the answer set, for the next request's Cookie header. */
export function cookieFrom(answer: FormAnswer, name: string): string | null {
  const header = answer.setCookie.find((value) => value.startsWith(`${name}=`));
  return header ? header.split(";")[0] : null;
}

// ───────────── the SMS gateway stand-in ─────────────

export type SmsMessage = { to: string; sender: string; text: string; at: number };

/**
 * A real local HTTP server in the place of the SMS provider (OTP_TRANSPORT=http-sms): it answers
 * 200 to a POST with the right X-API-Key and keeps every message it was given.
 */
export async function startSmsGateway(key: string): Promise<{ url: string; messages: SmsMessage[]; close(): Promise<void> }> {
  const messages: SmsMessage[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.headers["x-api-key"] !== key) return response.writeHead(401).end();
      try {
        const { to, sender, text } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { to: string; sender: string; text: string };
        messages.push({ to, sender, text, at: Date.now() });
        response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
