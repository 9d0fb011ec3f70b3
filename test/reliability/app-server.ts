// The production build as a real child process (scripts/serve.js), for the reliability tests that
// need HTTP, a process that can be killed with SIGKILL, or a database that fails underneath it:
// load.test.ts, crash.test.ts, faults.test.ts. Also the prepared submissions they send: survey
// sessions made in advance (as a respondent would have after screening), each with an answer set
// that encodes its own number, so a Response row tells which submission wrote it — the test's own
// bookkeeping (the answers are chosen by the test), not a property of the product.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { prisma } from "~/db.server";
import { contactHashForCycle } from "~/models/cycle.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { surveyCookie } from "~/services/survey-cookies.server";
import { type Agency, EIT_KEYS, EIT_PASS, IIT_KEYS, IIT_PASS, ROOT } from "./harness";

// ───────────── the server ─────────────

/** Builds the app once if there is no production build (npm test builds it first in CI). */
export function ensureBuild() {
  if (fs.existsSync(path.join(ROOT, "build/index.js"))) return;
  const built = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  if (built.status !== 0) throw new Error("npm run build failed");
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export type AppServer = {
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything the server printed: JSON log lines (access log, errors) and a few plain ones. */
  output: string[];
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
};

/** `waitFor`: the path that must answer 2xx before the server counts as started (default "/"; "/healthz" for a database the home page cannot read). */
export async function startApp(options: { port: number; databaseUrl: string; env?: Record<string, string>; waitFor?: string }): Promise<AppServer> {
  ensureBuild();
  const output: string[] = [];
  const child = spawn(process.execPath, ["scripts/serve.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DEMO_MODE: "true",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      DATABASE_URL: options.databaseUrl,
      SLOW_QUERY_MS: "100000",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (output.length > 50_000) output.splice(0, output.length - 50_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited at start:\n${output.slice(-20).join("\n")}`);
    try {
      if ((await fetch(`${url}${options.waitFor ?? "/"}`)).ok) break;
    } catch {}
    if (tries > 600) throw new Error(`server did not start:\n${output.slice(-20).join("\n")}`);
    await sleep(50);
  }
  return {
    port: options.port,
    url,
    child,
    output,
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Lines of the server's output that are 5xx answers (JSON access-log lines, docs/operations.md → Logs) or uncaught errors. */
export function serverErrors(server: AppServer): string[] {
  return server.output.filter((line) =>
    /"msg":"request"/.test(line) ? /"status":5\d\d\b/.test(line) : /Unhandled|uncaught|TypeError|ReferenceError/i.test(line),
  );
}

// ───────────── prepared submissions ─────────────

export type Submission = {
  /** Its number: also encoded in its answers. */
  index: number;
  instrument: "iit" | "eit1";
  path: string;
  cookie: string;
  body: string;
  submissionKey: string;
};

type AnswerKeys = { key: string; options: number }[];

/** The answer set that spells `index` in mixed radix over the answer keys (unique per index). */
export function answersFor(keys: AnswerKeys, index: number): Record<string, number> {
  const answers: Record<string, number> = {};
  let rest = index;
  for (const { key, options } of keys) {
    answers[key] = rest % options;
    rest = Math.floor(rest / options);
  }
  if (rest > 0) throw new Error(`index ${index} does not fit in the answer keys`);
  return answers;
}

/** The submission number a stored answers JSON spells (the inverse of answersFor). */
export function indexOf(keys: AnswerKeys, answersJson: string): number {
  const answers = JSON.parse(answersJson) as Record<string, number>;
  let index = 0;
  let radix = 1;
  for (const { key, options } of keys) {
    index += Number(answers[key]) * radix;
    radix *= options;
  }
  return index;
}

export const keysOf = (instrument: "iit" | "eit1"): AnswerKeys => (instrument === "iit" ? IIT_KEYS : EIT_KEYS);

/**
 * `count` survey sessions with screening done for `agency`, alternating IIT and EIT-1 (or one
 * instrument), written in bulk, and the POST each respondent's browser would send.
 */
export async function prepareSubmissions(
  agency: Agency,
  count: number,
  instruments: ("iit" | "eit1")[] = ["iit", "eit1"],
  firstIndex = 0,
): Promise<Submission[]> {
  const expiresAt = new Date(Date.now() + 30 * 60_000);
  const submissions: Submission[] = [];
  const rows = [];
  for (let i = 0; i < count; i++) {
    const index = firstIndex + i;
    const instrument = instruments[i % instruments.length];
    const token = randomToken(32);
    rows.push({
      id: sha256(token),
      agencyId: agency.agency.id,
      cycleId: agency.cycle.id,
      instrument,
      // A distinct phone per EIT-1 session: one answer per phone per agency per year.
      contactHash: instrument === "eit1" ? contactHashForCycle(agency.cycle, `+6681${String(index).padStart(7, "0")}`) : null,
      screening: JSON.stringify(instrument === "iit" ? IIT_PASS : EIT_PASS),
      expiresAt,
    });
    const submissionKey = randomToken(16);
    const answers = Object.entries(answersFor(keysOf(instrument), index)).map(([key, value]) => `${encodeURIComponent(key)}=${value}`);
    submissions.push({
      index,
      instrument,
      path: instrument === "iit" ? "/iit/survey" : `/e/${encodeURIComponent(agency.agency.slug)}/survey`,
      cookie: (await surveyCookie.serialize(token)).split(";")[0],
      body: [`submissionKey=${submissionKey}`, ...answers].join("&"),
      submissionKey,
    });
  }
  for (let start = 0; start < rows.length; start += 2000) await prisma.surveySession.createMany({ data: rows.slice(start, start + 2000) });
  return submissions;
}

// ───────────── the clients ─────────────

export type Attempt = { status: number; location: string | null; body: string } | { error: string };

/** One POST of a prepared submission; a network failure is returned, not thrown. */
export function post(agent: http.Agent, baseUrl: string, submission: Submission): Promise<Attempt> {
  return new Promise((resolve) => {
    const url = new URL(submission.path, baseUrl);
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          cookie: submission.cookie,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(submission.body),
          origin: baseUrl,
        },
        timeout: 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? null, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", (error) => resolve({ error: error.message }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
    request.end(submission.body);
  });
}

export const isThanks = (attempt: Attempt) =>
  "status" in attempt && (attempt.status === 302 || attempt.status === 303) && /\/thanks$/.test(attempt.location ?? "");

export type LoadReport = {
  /** Submissions acknowledged with the thank-you page (each counted once). */
  acknowledged: Set<number>;
  attempts: number;
  /** Status code (or network error code) → how many answers of that kind. */
  outcomes: Map<string, number>;
  /** Answers that were neither a thank-you nor, when retrying, a retryable failure. */
  unexpected: { index: number; outcome: string }[];
};

/**
 * Sends every submission with `concurrency` clients. With `retry`, a client sends the same
 * submission again (same key, same cookie) after a network error or a 503 until it is
 * acknowledged, as the respondent's browser would on "not saved, try again"; `baseUrl` is read on
 * every attempt, so a restarted server is found.
 */
export async function drive(
  baseUrl: () => string,
  submissions: Submission[],
  options: { concurrency: number; retry?: boolean; onAcknowledged?: (count: number) => void; giveUpAfterMs?: number },
): Promise<LoadReport> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const report: LoadReport = { acknowledged: new Set(), attempts: 0, outcomes: new Map(), unexpected: [] };
  const count = (outcome: string) => report.outcomes.set(outcome, (report.outcomes.get(outcome) ?? 0) + 1);
  const deadline = Date.now() + (options.giveUpAfterMs ?? 600_000);
  let next = 0;
  const client = async () => {
    while (next < submissions.length) {
      const submission = submissions[next++];
      for (;;) {
        report.attempts++;
        const attempt = await post(agent, baseUrl(), submission);
        const outcome = "status" in attempt ? String(attempt.status) : attempt.error;
        count(outcome);
        if (isThanks(attempt)) {
          if (report.acknowledged.has(submission.index)) report.unexpected.push({ index: submission.index, outcome: "acknowledged twice" });
          report.acknowledged.add(submission.index);
          options.onAcknowledged?.(report.acknowledged.size);
          break;
        }
        const retryable = !("status" in attempt) || attempt.status === 503;
        if (!options.retry || !retryable || Date.now() > deadline) {
          report.unexpected.push({ index: submission.index, outcome: "status" in attempt ? `${attempt.status} → ${attempt.location ?? ""}` : attempt.error });
          break;
        }
        await sleep(50 + Math.random() * 150);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  agent.destroy();
  return report;
}

// ───────────── what was written ─────────────

/** Every Response row of the agency, decoded to the submission that wrote it. */
export async function writtenSubmissions(agency: Agency): Promise<{ byIndex: Map<number, number>; rows: number }> {
  const rows = await prisma.response.findMany({ where: { agencyId: agency.agency.id }, select: { instrument: true, answers: true } });
  const byIndex = new Map<number, number>();
  for (const row of rows) {
    const index = indexOf(keysOf(row.instrument as "iit" | "eit1"), row.answers);
    byIndex.set(index, (byIndex.get(index) ?? 0) + 1);
  }
  return { byIndex, rows: rows.length };
}

/** Lost (acknowledged, no row), duplicated (more than one row) and unacknowledged-but-written. */
export function reconcile(acknowledged: Set<number>, written: Map<number, number>) {
  const lost = [...acknowledged].filter((index) => !written.has(index));
  const duplicates = [...written].filter(([, rows]) => rows > 1).map(([index]) => index);
  const unacknowledged = [...written.keys()].filter((index) => !acknowledged.has(index));
  return { lost, duplicates, unacknowledged };
}

/** Per instrument: the running tally against the rows actually stored. */
export async function talliesAgainstRows(agency: Agency) {
  const tallies = await prisma.responseTally.findMany({ where: { agencyId: agency.agency.id, cycleId: agency.cycle.id } });
  const result: { instrument: string; tally: number; rows: number; daily: number }[] = [];
  for (const tally of tallies) {
    const rows = await prisma.response.count({ where: { agencyId: agency.agency.id, instrument: tally.instrument } });
    const daily = await prisma.dailyCount.aggregate({ where: { agencyId: agency.agency.id, instrument: tally.instrument }, _sum: { responses: true } });
    result.push({ instrument: tally.instrument, tally: tally.responses, rows, daily: daily._sum.responses ?? 0 });
  }
  return result;
}
