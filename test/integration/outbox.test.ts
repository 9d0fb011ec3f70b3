// The outbox (docs/decisions/018) on this file's database (SQLite, or PostgreSQL with
// TEST_DATABASE=postgres): written with its transaction, claimed by one sender at a time, retried
// with backoff, failed after N tries, an OTP expired rather than sent late, the contact encrypted
// at rest and gone once the message is finished. A real local HTTP server is the SMS gateway; the
// app reads its transports once, so it starts and process.env is set BEFORE any app module loads.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";

type Sms = { key: string | undefined; body: { to: string; text: string; messageId: string } };
const received: Sms[] = [];
let gatewayStatus = 200;
const gateway = http.createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => (body += chunk));
  req.on("end", () => {
    received.push({ key: req.headers["idempotency-key"] as string | undefined, body: JSON.parse(body) });
    res.writeHead(gatewayStatus).end();
  });
});

const PHONE = "+66812223344";
const CODE_TEXT = "ITA OTP: 493817";
const RETRY_BASE_MS = 40;
const MAX_ATTEMPTS = 3;

const load = async () => ({
  db: await import("~/db.server"),
  outbox: await import("~/models/outbox.server"),
  worker: await import("~/services/outbox.server"),
  maintenance: await import("~/services/maintenance.server"),
  users: await import("~/models/user.server"),
  sessions: await import("~/models/admin-session.server"),
  guard: await import("~/services/admin-guard.server"),
  page: await import("~/routes/admin.operations"),
  jobs: await import("~/services/jobs.server"),
  http: await import("../fixtures/http"),
});
let app: Awaited<ReturnType<typeof load>>;

beforeAll(async () => {
  const port = await new Promise<number>((resolve) => gateway.listen(0, "127.0.0.1", () => resolve((gateway.address() as AddressInfo).port)));
  Object.assign(process.env, {
    OTP_TRANSPORT: "http-sms",
    SMS_GATEWAY_URL: `http://127.0.0.1:${port}/sms`,
    SMS_GATEWAY_KEY: "outbox-test-key",
    OUTBOX_RETRY_BASE_MS: String(RETRY_BASE_MS),
    OUTBOX_RETRY_MAX_MS: String(RETRY_BASE_MS * 3),
    OUTBOX_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
  });
  app = await load();
});

afterAll(async () => {
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
  for (const key of ["OTP_TRANSPORT", "SMS_GATEWAY_URL", "SMS_GATEWAY_KEY", "OUTBOX_RETRY_BASE_MS", "OUTBOX_RETRY_MAX_MS", "OUTBOX_MAX_ATTEMPTS"]) {
    delete process.env[key];
  }
});

beforeEach(async () => {
  gatewayStatus = 200;
  received.length = 0;
  // Each test starts with an empty queue (one database per file).
  await app.db.prisma.outboxMessage.deleteMany();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function enqueueSms(options: { deliverBy?: Date | null; text?: string } = {}) {
  return app.db.prisma.$transaction((tx) =>
    app.outbox.enqueueMessage(tx, {
      channel: "sms",
      purpose: "otp",
      payload: { to: PHONE, subject: "", text: options.text ?? CODE_TEXT, shownAs: "081-xxx-3344" },
      deliverBy: options.deliverBy === undefined ? new Date(Date.now() + 60_000) : options.deliverBy,
    }),
  );
}

const row = (id: string) => app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });

/** Everything the table holds, as text, read with raw SQL (not through the model). */
async function tableAsText(): Promise<string> {
  const rows = await app.db.prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "OutboxMessage"`);
  return JSON.stringify(rows);
}

describe("written with its transaction", () => {
  it("a rollback takes the message with it; a commit leaves one pending row", async () => {
    const failing = app.db.prisma.$transaction(async (tx) => {
      await app.outbox.enqueueMessage(tx, { channel: "email", purpose: "invitation", payload: { to: "a@example.com", subject: "s", text: "t" } });
      throw new Error("what needed it failed");
    });
    await expect(failing).rejects.toThrow("what needed it failed");
    expect(await app.db.prisma.outboxMessage.count()).toBe(0);
    const id = await enqueueSms();
    expect(await row(id)).toMatchObject({ state: "pending", attempts: 0, lockedBy: null, finishedAt: null });
  });
});

describe("claims", () => {
  it("two claimers racing over the same 40 messages never both get one, and between them get all", async () => {
    for (let i = 0; i < 40; i++) await enqueueSms();
    const a: string[] = [];
    const b: string[] = [];
    // Both ask at once, round after round, for the same due rows.
    for (let round = 0; round < 10; round++) {
      const [fromA, fromB] = await Promise.all([
        app.outbox.claimMessages("instance-a", { limit: 10, leaseMs: 60_000 }),
        app.outbox.claimMessages("instance-b", { limit: 10, leaseMs: 60_000 }),
      ]);
      a.push(...fromA.map((m) => m.id));
      b.push(...fromB.map((m) => m.id));
    }
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(new Set([...a, ...b]).size).toBe(a.length + b.length);
    expect(a.length + b.length).toBe(40);
    const rows = await app.db.prisma.outboxMessage.findMany();
    expect(rows.every((r) => r.attempts === 1 && (r.lockedBy === "instance-a" ? a.includes(r.id) : b.includes(r.id)))).toBe(true);
  });

  it("a claim is a lease: nobody else takes the message while it lasts; after it, another sender does, and the first can no longer mark it", async () => {
    const id = await enqueueSms();
    const [first] = await app.outbox.claimMessages("killed-sender", { limit: 10, leaseMs: 1500 });
    expect(first.id).toBe(id);
    expect(await app.outbox.claimMessages("other", { limit: 10, leaseMs: 60_000 })).toEqual([]);
    await sleep(1600);
    const [taken] = await app.outbox.claimMessages("other", { limit: 10, leaseMs: 60_000 });
    expect(taken).toMatchObject({ id, attempt: 2 });
    expect(await app.outbox.markSent(id, "killed-sender")).toBe(false);
    expect(await app.outbox.markSent(id, "other")).toBe(true);
    expect(await row(id)).toMatchObject({ state: "sent", payload: null, lockedBy: null, lockedUntil: null });
  });
});

describe("sending", () => {
  it("sent once with the message id as idempotency key; the payload is null at once", async () => {
    const id = await enqueueSms();
    expect(await app.worker.runOutboxOnce()).toBe(1);
    expect(received).toEqual([{ key: id, body: expect.objectContaining({ to: PHONE, text: CODE_TEXT, messageId: id }) }]);
    expect(await row(id)).toMatchObject({ state: "sent", attempts: 1, payload: null, lockedBy: null });
    expect(await app.worker.runOutboxOnce()).toBe(0);
    expect(received).toHaveLength(1);
  });

  it("a failure is retried after a doubling backoff, with the same key, and succeeds when the gateway is back", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    onTestFinished(() => consoleError.mockRestore());
    expect([1, 2, 3, 4].map(app.worker.retryDelayMs)).toEqual([RETRY_BASE_MS, RETRY_BASE_MS * 2, RETRY_BASE_MS * 3, RETRY_BASE_MS * 3]);
    const id = await enqueueSms();
    gatewayStatus = 503;
    const before = Date.now();
    await app.worker.runOutboxOnce();
    const waiting = await row(id);
    expect(waiting).toMatchObject({ state: "pending", attempts: 1, lastError: "SMS gateway answered 503", lockedBy: null });
    expect(waiting.payload).not.toBeNull();
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + RETRY_BASE_MS);
    // Not due before its time: nothing is claimed (a clock just before it; the real one may have passed it).
    expect(await app.outbox.claimMessages("early", { limit: 10, leaseMs: 60_000 }, new Date(waiting.nextAttemptAt.getTime() - 1))).toEqual([]);
    gatewayStatus = 200;
    await sleep(RETRY_BASE_MS + 20);
    expect(await app.worker.runOutboxOnce()).toBe(1);
    expect(await row(id)).toMatchObject({ state: "sent", attempts: 2, payload: null });
    expect(received.map((r) => r.key)).toEqual([id, id]);
    // The log holds the reason, never the number or the text.
    const logged = consoleError.mock.calls.flat().join(" ");
    expect(logged).toContain("503");
    expect(logged).not.toContain("2223344");
    expect(logged).not.toContain("493817");
  });

  it(`"failed" after OUTBOX_MAX_ATTEMPTS (${MAX_ATTEMPTS}) tries, payload gone; a permanent refusal (400) fails at once`, async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    onTestFinished(() => void vi.restoreAllMocks());
    gatewayStatus = 503;
    const id = await enqueueSms();
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await app.worker.runOutboxOnce();
      await sleep(RETRY_BASE_MS * 3 + 20);
    }
    expect(await row(id)).toMatchObject({ state: "failed", attempts: MAX_ATTEMPTS, payload: null, lastError: "SMS gateway answered 503" });
    expect(received).toHaveLength(MAX_ATTEMPTS);

    gatewayStatus = 400;
    const refused = await enqueueSms();
    await app.worker.runOutboxOnce();
    expect(await row(refused)).toMatchObject({ state: "failed", attempts: 1, payload: null, lastError: "SMS gateway answered 400" });
  });

  it("an OTP past its deliverBy is expired and never sent, whether it was never tried or waiting for a retry", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    onTestFinished(() => void vi.restoreAllMocks());
    const late = await enqueueSms({ deliverBy: new Date(Date.now() - 1) });
    expect(await app.worker.runOutboxOnce()).toBe(0);
    expect(await row(late)).toMatchObject({ state: "expired", payload: null, attempts: 0 });
    expect(received).toEqual([]);

    // Valid for 800 ms; the gateway is down past that.
    gatewayStatus = 503;
    const retried = await enqueueSms({ deliverBy: new Date(Date.now() + 800) });
    await app.worker.runOutboxOnce();
    expect(received).toHaveLength(1);
    gatewayStatus = 200;
    await sleep(900);
    await app.worker.runOutboxOnce();
    expect(await row(retried)).toMatchObject({ state: "expired", payload: null, attempts: 1 });
    expect(received).toHaveLength(1);
  });
});

describe("privacy", () => {
  it("the table never holds the number, the address or the code in clear; finished rows hold no payload at all", async () => {
    const pending = await enqueueSms();
    const mail = await app.db.prisma.$transaction((tx) =>
      app.outbox.enqueueMessage(tx, {
        channel: "email",
        purpose: "password-reset",
        payload: { to: "somchai@example.go.th", subject: "s", text: "reset token xyz" },
      }),
    );
    const text = await tableAsText();
    for (const secret of [PHONE, "812223344", "2223344", "493817", "somchai", "example.go.th", "xyz"]) expect(text).not.toContain(secret);
    expect((await row(pending)).payload).toMatch(/^v1\./);
    // Opened, it is what was queued (the sender's view).
    const [claimed] = await app.outbox.claimMessages("me", { limit: 1, leaseMs: 60_000, ids: [mail] });
    expect(claimed.payload).toEqual({ to: "somchai@example.go.th", subject: "s", text: "reset token xyz" });
    expect(await app.outbox.markFailed(mail, "me", "test")).toBe(true);
    await app.worker.runOutboxOnce();
    const rows = await app.db.prisma.outboxMessage.findMany();
    expect(rows.map((r) => [r.state, r.payload])).toEqual(
      expect.arrayContaining([
        ["sent", null],
        ["failed", null],
      ]),
    );
  });

  it("the summary counts by state and shows the oldest pending age and last errors, never a contact", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    onTestFinished(() => void vi.restoreAllMocks());
    await enqueueSms();
    await app.worker.runOutboxOnce();
    gatewayStatus = 503;
    await enqueueSms();
    await app.worker.runOutboxOnce();
    await enqueueSms({ deliverBy: new Date(Date.now() - 1) });
    await app.worker.runOutboxOnce(); // expires the late one (the 503 one waits, or fails again)
    const summary = await app.worker.describeOutbox(new Date(Date.now() + 5_000));
    expect(summary.counts).toEqual({ pending: 1, sent: 1, failed: 0, expired: 1 });
    expect(summary.oldestPendingSeconds).toBeGreaterThanOrEqual(4);
    expect(summary.lastErrors.map((e) => e.lastError)).toEqual(["SMS gateway answered 503"]);
    expect(JSON.stringify(summary)).not.toContain("2223344");
  });

  it("finished rows are purged after OUTBOX_KEEP_DAYS (7), finished OTPs after a day like their challenges; pending ones stay", async () => {
    await enqueueSms();
    const mail = await app.db.prisma.$transaction((tx) =>
      app.outbox.enqueueMessage(tx, { channel: "email", purpose: "invitation", payload: { to: "a@example.com", subject: "s", text: "t" } }),
    );
    await app.worker.runOutboxOnce(); // both sent (e-mail by the console transport outside production)
    expect((await row(mail)).state).toBe("sent");
    const waiting = await enqueueSms();
    const day = 24 * 3600 * 1000;
    expect((await app.maintenance.purgeExpiredRows(new Date(Date.now() + day / 2))).outboxMessages).toBe(0);
    expect((await app.maintenance.purgeExpiredRows(new Date(Date.now() + day + 1000))).outboxMessages).toBe(1);
    expect((await app.db.prisma.outboxMessage.findMany({ orderBy: { purpose: "asc" } })).map((r) => r.id)).toEqual([mail, waiting]);
    expect((await app.maintenance.purgeExpiredRows(new Date(Date.now() + 7 * day + 1000))).outboxMessages).toBe(1);
    expect((await app.db.prisma.outboxMessage.findMany()).map((r) => r.id)).toEqual([waiting]);
  });
});

describe("/admin/operations", () => {
  async function asRole(scope: { role: "system_admin" } | { role: "national_assessor" }) {
    const user = await app.users.createUser({
      email: `${scope.role}-${Date.now()}@ops.ita.test`,
      name: scope.role,
      password: "operations page test 2570",
      scope,
    });
    const cookie = (await app.guard.adminCookie.serialize(await app.sessions.createAdminSession(user.id, true))).split(";")[0];
    const request = new Request("http://localhost/admin/operations", { headers: { Cookie: cookie } });
    return app.http.run(() => app.page.loader({ request, params: {}, context: { clientAddress: "127.0.0.1" } }));
  }

  it("shows the system administrator the counts, the oldest wait and the errors, without any contact; other roles get 403", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    onTestFinished(() => void vi.restoreAllMocks());
    gatewayStatus = 503;
    await enqueueSms();
    await app.worker.runOutboxOnce();
    const page = await asRole({ role: "system_admin" });
    expect(page.status).toBe(200);
    expect(page.body.counts).toEqual([
      { state: "pending", count: 1 },
      { state: "sent", count: 0 },
      { state: "failed", count: 0 },
      { state: "expired", count: 0 },
    ]);
    expect(page.body.errors).toHaveLength(1);
    expect(page.body.errors[0]).toMatchObject({ purpose: "otp", channel: "sms", state: "pending", attempts: 1, lastError: "SMS gateway answered 503" });
    const text = JSON.stringify(page.body);
    for (const secret of ["2223344", "493817"]) expect(text).not.toContain(secret);
    expect((await asRole({ role: "national_assessor" })).status).toBe(403);
  });

  it("shows each fleet job: idle and never run, then the run that finished, then one running on its holder", async () => {
    const names = app.jobs.FLEET_JOBS.map((job) => job.name);
    const before = await asRole({ role: "system_admin" });
    expect(before.body.jobs.map((job: { name: string }) => job.name)).toEqual(names);
    expect(before.body.jobs.every((job: { running: boolean; runs: number }) => !job.running && job.runs === 0)).toBe(true);

    // The purge's row is first seen now (due an hour later): run it as if an hour had passed.
    const purge = app.jobs.FLEET_JOBS.find((job) => job.name === "purge")!;
    await app.jobs.runJobIfDue(purge, { now: new Date(Date.now() - 1) });
    expect(await app.jobs.runJobIfDue(purge, { holder: "ops-test", now: new Date(Date.now() + 2 * 3_600_000) })).toBe(true);
    const after = (await asRole({ role: "system_admin" })).body.jobs.find((job: { name: string }) => job.name === "purge");
    expect(after).toMatchObject({ running: false, holder: null, lastOutcome: "ok", runs: 1, failures: 0 });
    expect(after.lastFinishedAt.iso).toEqual(expect.any(String));

    // A live lease held by another instance shows as running there.
    await app.db.prisma.jobLease.update({ where: { name: "purge" }, data: { holder: "host-b:42:abcd", leaseUntil: new Date(Date.now() + 60_000) } });
    const running = (await asRole({ role: "system_admin" })).body.jobs.find((job: { name: string }) => job.name === "purge");
    expect(running).toMatchObject({ running: true, holder: "host-b:42:abcd" });
  });
});
