// OTP delivery through real servers on 127.0.0.1 (issue 4 → Tests): an SMTP server (npm
// smtp-server) receives the e-mail, a node:http server stands in for the SMS gateway. The app reads
// its transports from the environment once, so the servers start and process.env is set BEFORE any
// app module is imported (dynamic imports in beforeAll).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { outcome } from "../fixtures/http";

type Mail = { from: string | undefined; to: string[]; raw: Buffer };
type Sms = { method: string | undefined; url: string | undefined; headers: http.IncomingHttpHeaders; body: string };

const mails: Mail[] = [];
const smsRequests: Sms[] = [];
let gatewayStatus = 200;
const SMS_KEY = "test-gateway-key-0123456789";

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      mails.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks),
      });
      callback();
    });
  },
});

const gateway = http.createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => (body += chunk));
  req.on("end", () => {
    smsRequests.push({ method: req.method, url: req.url, headers: req.headers, body });
    res.writeHead(gatewayStatus, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ ok: gatewayStatus < 300 }));
  });
});

function listen(server: { listen: (port: number, host: string, cb: () => void) => unknown }, address: () => AddressInfo | string | null) {
  return new Promise<number>((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve((address() as AddressInfo).port));
  });
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type App = Awaited<ReturnType<typeof loadApp>>;
async function loadApp() {
  const [db, fixtures, landing, verify, outbox, otp, audit] = await Promise.all([
    import("~/db.server"),
    import("../fixtures/db"),
    import("~/routes/e.$slug._index"),
    import("~/routes/e.$slug.verify"),
    import("~/routes/dev.outbox"),
    import("~/models/otp.server"),
    import("~/models/audit.server"),
  ]);
  return { db, fixtures, landing, verify, outbox, otp, audit, worker: await import("~/services/outbox.server") };
}

let app: App;
let smtpPort = 0;
let gatewayPort = 0;

beforeAll(async () => {
  smtpPort = await listen(smtp as unknown as Parameters<typeof listen>[0], () => smtp.server.address());
  gatewayPort = await listen(gateway, () => gateway.address());
  process.env.EMAIL_TRANSPORT = "smtp";
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String(smtpPort);
  process.env.SMTP_SECURE = "false";
  process.env.SMTP_FROM = "ITA test <otp@ita.test>";
  process.env.OTP_TRANSPORT = "http-sms";
  process.env.SMS_GATEWAY_URL = `http://127.0.0.1:${gatewayPort}/v1/sms`;
  process.env.SMS_GATEWAY_KEY = SMS_KEY;
  process.env.SMS_SENDER = "ITA-TEST";
  // Fast retries, so the gateway-failure test sees several tries and the final "failed".
  process.env.OUTBOX_POLL_MS = "25";
  process.env.OUTBOX_RETRY_BASE_MS = "20";
  process.env.OUTBOX_RETRY_MAX_MS = "40";
  process.env.OUTBOX_MAX_ATTEMPTS = "3";
  app = await loadApp();
  // Messages go through the outbox (docs/decisions/018); this process's worker sends them, as a server's would.
  app.worker.startOutboxWorker();
});

afterAll(async () => {
  await app.worker.stopOutboxWorker();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
  for (const key of [
    "EMAIL_TRANSPORT",
    "SMTP_HOST",
    "SMTP_PORT",
    "SMTP_SECURE",
    "SMTP_FROM",
    "OTP_TRANSPORT",
    "SMS_GATEWAY_URL",
    "SMS_GATEWAY_KEY",
    "SMS_SENDER",
    "OUTBOX_POLL_MS",
    "OUTBOX_RETRY_BASE_MS",
    "OUTBOX_RETRY_MAX_MS",
    "OUTBOX_MAX_ATTEMPTS",
  ]) {
    delete process.env[key];
  }
});

beforeEach(() => {
  gatewayStatus = 200;
});

/** A Set-Cookie-following jar, as a browser would keep it. */
class Jar {
  private cookies = new Map<string, string>();
  absorb(headers: Headers) {
    for (const header of headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const [name, ...rest] = pair.split("=");
      if (attributes.some((a) => /max-age=0/i.test(a.trim()))) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), rest.join("="));
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

function post(path: string, fields: Record<string, string>, jar: Jar) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
  });
}

const agencyIds = new Map<string, string>();
async function sendCode(slug: string, contact: string, jar: Jar) {
  if (!agencyIds.has(slug)) agencyIds.set(slug, (await app.db.prisma.agency.findUniqueOrThrow({ where: { slug } })).id);
  const result = await outcome(() =>
    app.landing.action({
      request: post(`/e/${slug}`, { contact, counter: "", formToken: app.otp.otpFormToken(agencyIds.get(slug)!) }, jar),
      params: { slug },
      context: { clientAddress: "198.51.100.4" },
    }),
  );
  jar.absorb(result.headers);
  return result;
}

async function enterCode(slug: string, code: string, jar: Jar) {
  const result = await outcome(() =>
    app.verify.action({ request: post(`/e/${slug}/verify`, { code }, jar), params: { slug }, context: { clientAddress: "198.51.100.4" } }),
  );
  jar.absorb(result.headers);
  return result;
}

describe("OTP by e-mail through a real SMTP server", () => {
  it('"Someone@Example.com " → one message to someone@example.com whose code verifies', async () => {
    const fx = await app.fixtures.registeredAgency();
    await app.db.prisma.agencyCycle.update({ where: { agencyId_cycleId: { agencyId: fx.agency.id, cycleId: fx.cycle.id } }, data: { eitAllowEmail: true } });
    const jar = new Jar();
    const before = mails.length;
    const sent = await sendCode(fx.agency.slug, "Someone@Example.com ", jar);
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe(`/e/${fx.agency.slug}/verify`);

    const mail = await until("the OTP e-mail", () => mails[before]);
    await sleep(200);
    expect(mails.length - before, "exactly one message").toBe(1);
    expect(mail.to).toEqual(["someone@example.com"]);
    expect(mail.from).toBe("otp@ita.test");
    const parsed = await simpleParser(mail.raw);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : []).toEqual(["someone@example.com"]);
    expect(parsed.subject).toBe("รหัส OTP แบบวัด ITA");
    const codes = (parsed.text ?? "").match(/(?<!\d)\d{6}(?!\d)/g) ?? [];
    expect(codes.length).toBeGreaterThanOrEqual(1);
    const code = (parsed.text ?? "").match(/:\s*(\d{6})/)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect(parsed.text).toContain(fx.agency.nameTh);
    // Nothing went to the SMS gateway for an e-mail address.
    expect(smsRequests.filter((r) => r.body.includes("example.com"))).toEqual([]);

    const verified = await enterCode(fx.agency.slug, code!, jar);
    expect(verified.status).toBe(302);
    expect(verified.headers.get("Location")).toBe(`/e/${fx.agency.slug}/eligibility`);
    expect(verified.headers.getSetCookie().some((c) => c.startsWith("ita_survey="))).toBe(true);
    // The address is stored nowhere: only its keyed hash.
    const challenges = await app.db.prisma.otpChallenge.findMany({ where: { agencyId: fx.agency.id } });
    expect(JSON.stringify(challenges).toLowerCase()).not.toContain("someone");
    const audit = await app.db.prisma.auditLog.findMany({ where: { agencyId: fx.agency.id } });
    expect(JSON.stringify(audit).toLowerCase()).not.toContain("someone");
  });

  it("an agency that does not allow e-mail refuses the address before anything is sent", async () => {
    const fx = await app.fixtures.registeredAgency();
    const before = mails.length;
    const refused = await sendCode(fx.agency.slug, "someone@example.com", new Jar());
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ error: "eit.contact.emailNotAllowed" });
    await sleep(300);
    expect(mails.length).toBe(before);
  });
});

describe("OTP by SMS through an HTTP gateway", () => {
  it("the gateway receives POST JSON {to, sender, text, messageId} with X-API-Key and Idempotency-Key; the code in the text verifies", async () => {
    const fx = await app.fixtures.registeredAgency();
    const jar = new Jar();
    const before = smsRequests.length;
    const sent = await sendCode(fx.agency.slug, "081-234-5678", jar);
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe(`/e/${fx.agency.slug}/verify`);

    const sms = await until("the SMS gateway request", () => smsRequests[before]);
    await sleep(200);
    expect(smsRequests.length - before, "exactly one request").toBe(1);
    expect(sms.method).toBe("POST");
    expect(sms.url).toBe("/v1/sms");
    expect(sms.headers["x-api-key"]).toBe(SMS_KEY);
    expect(sms.headers["content-type"]).toMatch(/^application\/json/);
    const body = JSON.parse(sms.body) as { to: string; sender: string; text: string; messageId: string };
    expect(Object.keys(body).sort()).toEqual(["messageId", "sender", "text", "to"]);
    // The outbox message id is the idempotency key, in the header and the body alike.
    expect(sms.headers["idempotency-key"]).toBe(body.messageId);
    const row = await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: body.messageId } });
    expect(row).toMatchObject({ channel: "sms", purpose: "otp", agencyId: fx.agency.id });
    expect(body.to).toBe("+66812345678");
    expect(body.sender).toBe("ITA-TEST");
    expect(body.text).toContain(fx.agency.nameTh);
    const code = body.text.match(/^(\d{6})\b/)?.[1];
    expect(code).toMatch(/^\d{6}$/);

    const verified = await enterCode(fx.agency.slug, code!, jar);
    expect(verified.status).toBe(302);
    expect(verified.headers.get("Location")).toBe(`/e/${fx.agency.slug}/eligibility`);
    // Delivery was counted as ok via http-sms (once the gateway answered): an hourly counter, no row.
    await eventually("the delivery counter", async () =>
      (await app.otp.readOtpEvent("delivered:http-sms", fx.agency.id, new Date())) === 1 ? true : undefined,
    );
    expect(await app.db.prisma.auditLog.count({ where: { agencyId: fx.agency.id, action: { startsWith: "otp." } } })).toBe(0);
  });

  it.each([
    ["02-123-4567", "a landline"],
    ["0601234567", "VoIP 060"],
    ["0681234567", "VoIP 068"],
    ["1900123456", "premium"],
    ["1800123456", "toll-free"],
    ["+1 202 555 0143", "a US number"],
  ])("%s (%s) is refused by the route and never reaches the gateway", async (number) => {
    const fx = await app.fixtures.registeredAgency();
    const before = smsRequests.length;
    const jar = new Jar();
    const refused = await sendCode(fx.agency.slug, number, jar);
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ error: "eit.contact.notThaiMobile" });
    expect(refused.headers.getSetCookie()).toEqual([]);
    await sleep(300);
    expect(smsRequests.length).toBe(before);
    expect(await app.db.prisma.otpChallenge.count({ where: { agencyId: fx.agency.id } })).toBe(0);
  });

  it("a gateway failure does not change the answer (no enumeration, no 5xx): retried with one idempotency key, then failed and counted", async () => {
    const fx = await app.fixtures.registeredAgency();
    gatewayStatus = 503;
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    onTestFinished(() => consoleError.mockRestore());
    const before = smsRequests.length;
    const sent = await sendCode(fx.agency.slug, "0891112222", new Jar());
    expect(sent.status).toBe(302);
    await until("the gateway request", () => smsRequests[before]);
    const failed = await eventually("the failure counter", async () => (await app.otp.readOtpEvent("failed:http-sms", fx.agency.id, new Date())) || undefined);
    expect(failed).toBe(1);
    // OUTBOX_MAX_ATTEMPTS=3 tries, all with the same key; then "failed", its contact and text gone.
    const tries = smsRequests.slice(before).filter((r) => r.body.includes("+66891112222"));
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((r) => r.headers["idempotency-key"])).size).toBe(1);
    const row = await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: String(tries[0].headers["idempotency-key"]) } });
    expect(row).toMatchObject({ state: "failed", attempts: 3, payload: null, lastError: "SMS gateway answered 503" });
    expect(await app.otp.readOtpEvent("delivered:http-sms", fx.agency.id, new Date())).toBe(0);
    // The reason is logged; never the code or the number.
    const logged = consoleError.mock.calls.flat().join(" ");
    expect(logged).toContain("503");
    expect(logged).not.toMatch(/\d{6}|891112222/);
  });

  it("the dev outbox does not exist with real transports (404)", async () => {
    const result = await outcome(() => app.outbox.loader());
    expect(result.status).toBe(404);
  });
});
