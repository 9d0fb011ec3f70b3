// Issue 18 §2/§6, the outbox (docs/decisions/018) with real parts: two server processes on one
// database (this file's: SQLite by default, PostgreSQL with TEST_DATABASE=postgres), EIT-1 OTP
// requests spread over both, and a real local HTTP SMS gateway that dedupes nothing and records
// every POST with its Idempotency-Key.
//  1. The gateway goes down (503, then connection refused) for longer than the OTP validity, then
//     comes back: every OTP still valid is delivered exactly once per message id, the rest are
//     marked expired (never sent late), none is lost.
//  2. kill -9 of an instance while it is sending (the gateway holds its request): the other
//     instance takes the message over when the claim lease ends; nothing is lost, nothing is
//     delivered twice.
// Shortened so the test stays well under 90 s: validity 15 s, gateway down 25 s. The real
// figures run with OUTBOX_TEST_TTL_SECONDS=600 OUTBOX_TEST_DOWN_SECONDS=120 (and a longer timeout).
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { dbTarget, prisma } from "~/db.server";
import { otpFormToken } from "~/models/otp.server";
import { registeredAgency } from "../fixtures/db";
import { nextPhone } from "./harness";
import { type AppServer, freePort, serverErrors, startApp } from "./app-server";

const TTL_SECONDS = Number(process.env.OUTBOX_TEST_TTL_SECONDS ?? 15);
const DOWN_SECONDS = Number(process.env.OUTBOX_TEST_DOWN_SECONDS ?? 25);
const LEASE_MS = 3000;

// ───── the SMS gateway: records every POST; up, 503, refusing connections, or holding requests ─────
type Mode = "up" | "503" | "refused" | "hold";
type Post = { key: string; to: string; at: number; answered: number | null };
const posts: Post[] = [];
let mode: Mode = "up";
const held: http.ServerResponse[] = [];
const sockets = new Set<Socket>();
const gateway = http.createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => (body += chunk));
  req.on("end", () => {
    const parsed = JSON.parse(body) as { to: string; messageId: string };
    const post: Post = { key: String(req.headers["idempotency-key"]), to: parsed.to, at: Date.now(), answered: null };
    posts.push(post);
    if (mode === "hold") return void held.push(res);
    post.answered = mode === "up" ? 200 : 503;
    res.writeHead(post.answered).end();
  });
});
gateway.on("connection", (socket) => {
  sockets.add(socket);
  socket.on("close", () => sockets.delete(socket));
  // "refused" closes the listener; a kept-alive connection must not slip through either.
  if (mode === "refused") socket.destroy();
});
let gatewayPort = 0;
const listen = (port: number) => new Promise<void>((resolve) => gateway.listen(port, "127.0.0.1", () => resolve()));
async function setMode(next: Mode) {
  if (next === "refused" && mode !== "refused") {
    mode = next;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => gateway.close(() => resolve()));
    return;
  }
  if (mode === "refused" && next !== "refused") await listen(gatewayPort);
  mode = next;
}

const servers: AppServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop("SIGKILL");
  for (const res of held) res.destroy();
  for (const socket of sockets) socket.destroy();
  if (gateway.listening) await new Promise<void>((resolve) => gateway.close(() => resolve()));
});

/** Ask for a code on `server` for a fresh phone, as the citizen's browser would. */
async function requestCode(server: AppServer, agency: Awaited<ReturnType<typeof registeredAgency>>) {
  const phone = nextPhone();
  const response = await fetch(`${server.url}/e/${agency.agency.slug}?index`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body: new URLSearchParams({ contact: phone, counter: "", formToken: otpFormToken(agency.agency.id) }),
  });
  await response.body?.cancel();
  expect(response.status, `the code request for ${phone}`).toBe(302);
  return `+66${phone.slice(1)}`;
}

const rowsOf = (agencyId: string) => prisma.outboxMessage.findMany({ where: { agencyId } });

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Gateway answers 200 per message id. */
function deliveriesByKey(): Map<string, number> {
  const byKey = new Map<string, number>();
  for (const post of posts) if (post.answered === 200) byKey.set(post.key, (byKey.get(post.key) ?? 0) + 1);
  return byKey;
}

// Two instances on one database is the PostgreSQL deployment (SQLite is the single-instance
// default, whose worker test/integration/outbox.test.ts covers): CI runs this file on PostgreSQL.
describe.skipIf(dbTarget.provider !== "postgres")(
  `outbox: two instances, the SMS gateway down longer than the OTP validity, kill -9 mid-send (${dbTarget.provider})`,
  () => {
    it(
      "every OTP valid at recovery is delivered exactly once per message id, the rest expire, none is lost; a killed sender's message is taken over",
      async () => {
        gatewayPort = await new Promise<number>((resolve) => gateway.listen(0, "127.0.0.1", () => resolve((gateway.address() as AddressInfo).port)));
        const agency = await registeredAgency({ internalPopulation: 1000, externalPopulation: 100_000 });
        const env = {
          OTP_TRANSPORT: "http-sms",
          SMS_GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/sms`,
          SMS_GATEWAY_KEY: "reliability-gateway-key",
          OTP_TTL_SECONDS: String(TTL_SECONDS),
          OUTBOX_POLL_MS: "100",
          OUTBOX_LEASE_MS: String(LEASE_MS),
          OUTBOX_RETRY_BASE_MS: "200",
          OUTBOX_RETRY_MAX_MS: "1000",
          OUTBOX_MAX_ATTEMPTS: "10000",
        };
        const [portA, portB] = [await freePort(), await freePort()];
        const [a, b] = await Promise.all([
          startApp({ port: portA, databaseUrl: process.env.DATABASE_URL!, env }),
          startApp({ port: portB, databaseUrl: process.env.DATABASE_URL!, env }),
        ]);
        servers.push(a, b);
        let turn = 0;
        const next = () => (turn++ % 2 === 0 ? a : b);

        // ── 1. Up: a few codes go out at once.
        for (let i = 0; i < 4; i++) await requestCode(next(), agency);
        await until("the first codes to be sent", async () => (await rowsOf(agency.agency.id)).every((row) => row.state === "sent"), 10_000);

        // ── 2. Down for DOWN_SECONDS (503 for the first half, then connection refused), a request about every second.
        await setMode("503");
        const downAt = Date.now();
        let requested = 4;
        while (Date.now() - downAt < DOWN_SECONDS * 1000) {
          if (Date.now() - downAt > (DOWN_SECONDS * 1000) / 2 && mode === "503") await setMode("refused");
          await requestCode(next(), agency);
          requested += 1;
          await sleep(1000);
        }
        await setMode("up");
        const upAt = Date.now();
        await until("the queue to drain", async () => (await rowsOf(agency.agency.id)).every((row) => row.state !== "pending"), 15_000);

        const rows = await rowsOf(agency.agency.id);
        const delivered = deliveriesByKey();
        // None lost: one row per request, each finished as sent or expired (never failed, never left).
        expect(rows).toHaveLength(requested);
        expect(rows.filter((row) => row.state !== "sent" && row.state !== "expired")).toEqual([]);
        // Tries were made during the outage (503 and refused), so the retries were exercised.
        expect(posts.filter((post) => post.answered === 503).length).toBeGreaterThan(0);
        expect(rows.filter((row) => row.state === "sent").every((row) => delivered.get(row.id) === 1)).toBe(true);
        expect(rows.filter((row) => row.state === "expired").every((row) => !delivered.has(row.id))).toBe(true);
        // Still valid when the gateway came back (with a second of slack for the poll and backoff):
        // sent. Past their validity by then: expired. Nothing was sent after its deliverBy.
        const validAtRecovery = rows.filter((row) => row.deliverBy!.getTime() > upAt + 2000);
        const deadAtRecovery = rows.filter((row) => row.deliverBy!.getTime() < upAt);
        expect(validAtRecovery.length).toBeGreaterThan(0);
        expect(deadAtRecovery.length).toBeGreaterThan(0);
        expect(validAtRecovery.filter((row) => row.state !== "sent")).toEqual([]);
        expect(deadAtRecovery.filter((row) => row.state === "sent" && row.finishedAt! > row.deliverBy!)).toEqual([]);
        for (const post of posts.filter((p) => p.answered === 200)) {
          const row = rows.find((r) => r.id === post.key);
          if (row) expect(post.at, `message ${row.id} sent after its validity`).toBeLessThanOrEqual(row.deliverBy!.getTime() + 500);
        }
        expect([...delivered.values()].every((count) => count === 1)).toBe(true);
        // Finished rows hold no contact any more.
        expect(rows.every((row) => row.payload === null)).toBe(true);

        // ── 3. kill -9 of the instance holding a message while the gateway holds its request.
        await setMode("hold");
        const aPrefix = `${os.hostname()}:${a.child.pid}:`;
        const before = new Set(rows.map((row) => row.id));
        let heldByA: string | null = null;
        for (let i = 0; i < 10 && !heldByA; i++) {
          await requestCode(a, agency);
          await sleep(400);
          const claimed = (await rowsOf(agency.agency.id)).filter((row) => !before.has(row.id) && row.lockedBy?.startsWith(aPrefix));
          heldByA = claimed[0]?.id ?? null;
        }
        expect(heldByA, "instance A claimed a message").not.toBeNull();
        expect(
          posts.some((post) => post.key === heldByA && post.answered === null),
          "A's request is at the gateway",
        ).toBe(true);
        a.child.kill("SIGKILL");
        await a.exited;
        for (const res of held.splice(0)) res.destroy();
        await setMode("up");
        await until("B to finish every message", async () => (await rowsOf(agency.agency.id)).every((row) => row.state !== "pending"), LEASE_MS + 15_000);
        const after = await rowsOf(agency.agency.id);
        const taken = after.find((row) => row.id === heldByA)!;
        expect(taken.state).toBe("sent");
        expect(taken.attempts).toBeGreaterThanOrEqual(2);
        const finalDeliveries = deliveriesByKey();
        expect(after.filter((row) => !before.has(row.id) && row.state !== "sent")).toEqual([]);
        expect(after.filter((row) => row.state === "sent").every((row) => finalDeliveries.get(row.id) === 1)).toBe(true);
        expect([...finalDeliveries.values()].every((count) => count === 1)).toBe(true);

        console.log(
          `[outbox] ${dbTarget.provider}: validity ${TTL_SECONDS} s, gateway down ${DOWN_SECONDS} s · ${requested} OTPs in the outage run: ` +
            `${rows.filter((row) => row.state === "sent").length} sent, ${rows.filter((row) => row.state === "expired").length} expired · ` +
            `${posts.length} gateway POSTs, ${posts.filter((post) => post.answered === 503).length} answered 503 · kill -9 mid-send: taken over after ${taken.attempts} tries`,
        );
        expect(serverErrors(b)).toEqual([]);
      },
      (DOWN_SECONDS + 60) * 1000,
    );
  },
);
