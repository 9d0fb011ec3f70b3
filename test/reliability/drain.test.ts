// Issue 18 §3, reliability: a deploy restarts an instance with SIGTERM in the middle of a burst of
// IIT and EIT-1 submits (scripts/serve.js's drain, docs/decisions/021). /readyz turns 503 at once,
// new connections are refused, every submit the server had taken is committed and answered, and
// the process exits 0 within 10 s. A request that never completes is cut at SHUTDOWN_GRACE_MS.
import http from "node:http";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { dbTarget } from "~/db.server";
import { registeredAgency } from "../fixtures/db";
import {
  type AppServer,
  type Attempt,
  freePort,
  isThanks,
  post,
  prepareSubmissions,
  reconcile,
  serverErrors,
  startApp,
  type Submission,
  talliesAgainstRows,
  writtenSubmissions,
} from "./app-server";

const SUBMITS = Number(process.env.DRAIN_SUBMITS ?? 1500);
const CONCURRENCY = 100;
const SIGTERM_AFTER_ACKNOWLEDGED = Math.floor(SUBMITS / 5);
/** The promise to systemd and to the operator (docs/operations.md): gone within 10 s of SIGTERM. */
const EXIT_WITHIN_MS = 10_000;

const servers: AppServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop("SIGKILL");
});

async function start(env: Record<string, string> = {}) {
  const server = await startApp({ port: await freePort(), databaseUrl: process.env.DATABASE_URL!, env });
  servers.push(server);
  return server;
}

/** Resolves once the server has printed a line matching `pattern`. */
async function printed(server: AppServer, pattern: RegExp) {
  for (let tries = 0; !server.output.some((line) => pattern.test(line)); tries++) {
    if (tries > 400) throw new Error(`the server never printed ${pattern}:\n${server.output.slice(-10).join("\n")}`);
    await sleep(10);
  }
}

/** A new TCP connection to the server: "connected" or the error code (ECONNREFUSED once it stopped listening). */
function connect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/**
 * A raw connection that has sent the start of a request (`head`, and `bodyStart` of its body): the
 * server is reading it, so the connection is busy, not idle. `finish(rest)` sends the rest and
 * resolves with everything the server answered once it closed the connection.
 */
function halfSent(server: AppServer, head: string, bodyStart = "") {
  const socket = net.connect(server.port, "127.0.0.1");
  let received = "";
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => (received += chunk));
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.write(`${head}${bodyStart}`);
  return {
    socket,
    async finish(rest: string): Promise<string> {
      socket.write(rest);
      await closed;
      return received;
    },
  };
}

/** A submit's headers and the first half of its body. */
function halfSentSubmit(server: AppServer, submission: Submission) {
  const half = Math.floor(submission.body.length / 2);
  const head =
    `POST ${submission.path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.url}\r\nCookie: ${submission.cookie}\r\n` +
    `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(submission.body)}\r\n\r\n`;
  const request = halfSent(server, head, submission.body.slice(0, half));
  return { socket: request.socket, finish: () => request.finish(submission.body.slice(half)) };
}

function countBy(values: string[]) {
  const counts: { [value: string]: number } = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

describe(`drain: SIGTERM during a burst of submits (${dbTarget.provider})`, () => {
  it("refuses new connections, answers and commits every submit it had taken, says 503 on /readyz, exits 0 within 10 s", async () => {
    const agency = await registeredAgency({ internalPopulation: 1_000_000, externalPopulation: 1_000_000 });
    const [held, ...submissions] = await prepareSubmissions(agency, SUBMITS + 1);
    const server = await start();

    type Record = { index: number; sentAt: number; answeredAt: number; attempt: Attempt };
    const records: Record[] = [];
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let next = 0;
    let acknowledged = 0;
    const clients = Array.from({ length: CONCURRENCY }, async () => {
      while (next < submissions.length) {
        const submission = submissions[next++];
        const sentAt = performance.now();
        const attempt = await post(agent, server.url, submission);
        records.push({ index: submission.index, sentAt, answeredAt: performance.now(), attempt });
        if (isThanks(attempt)) acknowledged++;
      }
    });

    while (acknowledged < SIGTERM_AFTER_ACKNOWLEDGED) await sleep(5);
    const raw = halfSentSubmit(server, held);
    // A balancer's probe already on its way: its request line is read, its headers not yet ended.
    const probe = halfSent(server, `GET /readyz HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`);
    await sleep(200); // both are being read: the server has taken these connections
    const signalledAt = performance.now();
    server.child.kill("SIGTERM");
    await printed(server, /SIGTERM: draining/);
    expect(await connect(server.port)).toBe("ECONNREFUSED");
    const [submitAnswer, probeAnswer] = await Promise.all([raw.finish(), probe.finish("\r\n")]);
    await Promise.all(clients);
    agent.destroy();
    const code = await server.exited;
    const exitMs = performance.now() - signalledAt;

    // The submit the server was reading at the signal is answered with the thank-you page, and its
    // connection closed after it; the probe finished after the signal is told "draining".
    expect(submitAnswer).toMatch(/^HTTP\/1\.1 30[23] /);
    expect(submitAnswer).toMatch(/\r\nlocation: [^\r]*\/thanks\r\n/i);
    expect(submitAnswer).toMatch(/\r\nConnection: close\r\n/i);
    expect(probeAnswer).toMatch(/^HTTP\/1\.1 503 /);
    expect(probeAnswer).toMatch(/\r\nConnection: close\r\n/i);
    expect(probeAnswer.split("\r\n\r\n")[1]).toBe('{"status":"draining"}\n');

    const acknowledgedIndexes = new Set(records.filter((r) => isThanks(r.attempt)).map((r) => r.index));
    acknowledgedIndexes.add(held.index);
    const answered = records.filter((r) => "status" in r.attempt);
    const failed = records.filter((r) => "error" in r.attempt);
    const inFlightAtSignal = records.filter((r) => r.sentAt < signalledAt && r.answeredAt > signalledAt && isThanks(r.attempt)).length;
    const written = await writtenSubmissions(agency);
    const { lost, duplicates, unacknowledged } = reconcile(acknowledgedIndexes, written.byIndex);
    console.log(
      `[drain] ${dbTarget.provider}: exit ${code} after ${Math.round(exitMs)} ms · ${records.length} sent · acknowledged ${acknowledgedIndexes.size} ` +
        `(${inFlightAtSignal} in flight at the signal) · refused ${failed.length} ${JSON.stringify(countBy(failed.map((r) => ("error" in r.attempt ? r.attempt.error : ""))))} · rows ${written.rows}`,
    );

    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(EXIT_WITHIN_MS);
    expect(server.output.some((line) => /\[ita\] drained in \d+ ms; exiting$/.test(line))).toBe(true);
    // The signal came while submits were in the server, and they were answered after it (else this proves nothing).
    expect(inFlightAtSignal).toBeGreaterThan(0);
    // Every answer was the thank-you page: nothing was answered 5xx or cut after the server took it.
    expect(answered.filter((r) => !isThanks(r.attempt)).map((r) => r.attempt)).toEqual([]);
    // What failed was never taken: refused or reset before a request was read, only after the signal.
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.filter((r) => r.sentAt < signalledAt && r.answeredAt < signalledAt)).toEqual([]);
    expect(new Set(failed.map((r) => ("error" in r.attempt ? r.attempt.error : "")))).toSatisfy((codes: Set<string>) =>
      [...codes].every((c) => ["ECONNREFUSED", "ECONNRESET", "EPIPE", "socket hang up"].includes(c)),
    );
    // tally = rows = acknowledgements.
    expect(lost).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(unacknowledged).toEqual([]);
    expect(written.rows).toBe(acknowledgedIndexes.size);
    for (const { instrument, tally, rows, daily } of await talliesAgainstRows(agency)) {
      expect({ instrument, tally, daily }).toEqual({ instrument, tally: rows, daily: rows });
    }
    expect(serverErrors(server)).toEqual([]);
  });

  it("cuts a request that never completes at SHUTDOWN_GRACE_MS and still exits 0", async () => {
    const agency = await registeredAgency();
    const [stalled] = await prepareSubmissions(agency, 1);
    const server = await start({ SHUTDOWN_GRACE_MS: "1000" });
    const raw = halfSentSubmit(server, stalled);
    let cutByServer = false;
    raw.socket.once("close", () => (cutByServer = true));
    await sleep(200);
    const signalledAt = performance.now();
    server.child.kill("SIGTERM");
    const code = await server.exited;
    const exitMs = performance.now() - signalledAt;

    expect(code).toBe(0);
    expect(cutByServer).toBe(true);
    expect(exitMs).toBeGreaterThanOrEqual(1000); // it waited for the request…
    expect(exitMs).toBeLessThan(EXIT_WITHIN_MS); // …and not forever
    expect(server.output).toContain("[ita] drain: 1 request(s) still open after 1000 ms, closing their connections");
    expect(server.output.some((line) => /\[ita\] drained in \d+ ms \(1 cut at the deadline\); exiting$/.test(line))).toBe(true);
    expect((await writtenSubmissions(agency)).rows).toBe(0);
  });
});
