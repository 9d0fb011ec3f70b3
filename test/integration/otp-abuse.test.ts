// Replays of the attacks on the demo's EIT-1 OTP (shared/security.md → Citizen OTP, SMS cost abuse,
// Audit): H4 one client shutting sign-up, M3 guesses per number, M4 a third party voiding or
// silencing a citizen's code, M5 contact hashes and per-request rows in the audit log.
// The console transport (the default in tests): codes are read from the dev outbox.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "~/db.server";
import { AUDIT_RETENTION_DAYS } from "~/models/audit.server";
import { contactHashForCycle } from "~/models/cycle.server";
import { purgeExpired } from "~/models/maintenance.server";
import {
  OTP_ADDRESS_HOURLY_LIMIT,
  OTP_FORM_TOKEN_BUCKET_SECONDS,
  OTP_MAX_ATTEMPTS,
  OTP_WRONG_GUESSES_PER_CONTACT_PER_DAY,
  otpFormToken,
  readOtpEvent,
  requestOtp,
  verifyOtp,
} from "~/models/otp.server";
import * as landingRoute from "~/routes/e.$slug._index";
import * as verifyRoute from "~/routes/e.$slug.verify";
import { parseContact, type Contact } from "~/utils/contact";
import { keyedHash, sha256 } from "~/utils/crypto.server";
import { translate } from "~/utils/i18n.server";
import { runOutboxOnce } from "~/services/outbox.server";
import { readOutbox } from "../fixtures/outbox";
import { CookieJar, registeredAgency } from "../fixtures/db";
import { outcome } from "../fixtures/http";
import { silenceOtpConsole } from "../fixtures/quiet-otp-console";

// M3 needs to know the code of a challenge whose code is never sent: otplib's generate can be
// pinned to a known value (null = the real generator).
const pinned = vi.hoisted(() => ({ code: null as string | null }));
vi.mock("otplib", async (importOriginal) => {
  const actual = await importOriginal<typeof import("otplib")>();
  return {
    ...actual,
    generate: (...args: Parameters<typeof actual.generate>) => (pinned.code ?? actual.generate(...args)) as ReturnType<typeof actual.generate>,
  };
});

type Fixture = Awaited<ReturnType<typeof registeredAgency>>;
type RouteFn = (args: { request: Request; params: { slug: string }; context: { clientAddress: string } }) => Promise<unknown>;

silenceOtpConsole();

let phoneCounter = 0;
function phone(): string {
  phoneCounter += 1;
  return `0871${String(phoneCounter).padStart(6, "0")}`;
}
function contactOf(number: string): Contact {
  const parsed = parseContact(number, { allowEmail: false });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.contact;
}

async function post(route: RouteFn, fx: Fixture, path: string, fields: Record<string, string>, jar: CookieJar, clientAddress: string) {
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
  });
  const result = await outcome(() => route({ request, params: { slug: fx.agency.slug }, context: { clientAddress } }));
  jar.absorb(new Response(null, { headers: result.headers }));
  return result;
}

/** The phone form as our page renders it (with its signed token), posted from `clientAddress`. */
const askCode = (fx: Fixture, number: string, clientAddress: string, jar = new CookieJar()) =>
  post(landingRoute.action as RouteFn, fx, `/e/${fx.agency.slug}`, { contact: number, counter: "", formToken: otpFormToken(fx.agency.id) }, jar, clientAddress);
const enterCode = (fx: Fixture, code: string, clientAddress: string, jar: CookieJar) =>
  post(verifyRoute.action as RouteFn, fx, `/e/${fx.agency.slug}/verify`, { code }, jar, clientAddress);

async function newestCodeFor(number: string): Promise<string | undefined> {
  const masked = contactOf(number).masked;
  return (await readOutbox()).find((entry) => entry.to === masked)?.text.match(/^(\d{6})\b/)?.[1];
}
const sentTo = async (number: string) => (await readOutbox()).filter((entry) => entry.to === contactOf(number).masked).length;

describe("H4 — one client cannot shut EIT sign-up for everyone", () => {
  it("a flood of 300 requests (distinct numbers) from one address leaves a citizen at another address able to get a code; the flood is alerted once", async () => {
    const fx = await registeredAgency();
    const attacker = "203.0.113.66";
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await askCode(fx, phone(), attacker)).status);
    // The address gets its share and no more; the rest is 429 (a limit that says nothing about a number).
    expect(statuses.filter((s) => s === 302)).toHaveLength(OTP_ADDRESS_HOURLY_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(300 - OTP_ADDRESS_HOURLY_LIMIT);
    // An IPv6 attacker gains nothing by rotating addresses inside its /64.
    const v6 = await askCode(fx, phone(), "2001:db8:aa:1::1");
    expect(v6.status).toBe(302);
    for (let i = 2; i < OTP_ADDRESS_HOURLY_LIMIT + 1; i++) await askCode(fx, phone(), `2001:db8:aa:1::${i.toString(16)}`);
    expect((await askCode(fx, phone(), "2001:db8:aa:1:ffff::9")).status).toBe(429);

    const citizen = phone();
    const jar = new CookieJar();
    const asked = await askCode(fx, citizen, "198.51.100.20", jar);
    expect(asked.status).toBe(302);
    const code = await newestCodeFor(citizen);
    expect(code).toMatch(/^\d{6}$/);
    expect((await enterCode(fx, code!, "198.51.100.20", jar)).headers.get("Location")).toBe(`/e/${fx.agency.slug}/eligibility`);
    // One alert row for admins (per agency and hour), not one per refused request; no address in it.
    const alerts = await prisma.auditLog.findMany({ where: { action: "otp.address-limit", agencyId: fx.agency.id } });
    expect(alerts).toHaveLength(1);
    expect(JSON.stringify(alerts)).not.toMatch(/203\.0\.113|2001:db8/);
  }, 120_000);

  it("a busy counter behind one office NAT: 60 citizens in an hour from one address all get their code", async () => {
    const fx = await registeredAgency();
    const office = "192.0.2.10";
    const numbers = Array.from({ length: 60 }, phone);
    for (const number of numbers) {
      expect((await askCode(fx, number, office)).status).toBe(302);
      expect(await sentTo(number), number).toBe(1); // the dev outbox keeps the last 50: read it at once
    }
    expect(await readOtpEvent("suppressed", fx.agency.id, new Date())).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "otp.address-limit", agencyId: fx.agency.id } })).toBe(0);
  }, 60_000);

  it("a POST without a valid form token (missing, another agency's, stale, forged) → 400 with a clear message, nothing sent or stored", async () => {
    const fx = await registeredAgency();
    const other = await registeredAgency();
    const stale = new Date(Date.now() - 2 * OTP_FORM_TOKEN_BUCKET_SECONDS * 1000 - 1000);
    const [bucket] = otpFormToken(fx.agency.id).split(".");
    const tokens: Record<string, string | undefined> = {
      missing: undefined,
      otherAgency: otpFormToken(other.agency.id),
      stale: otpFormToken(fx.agency.id, stale),
      forged: `${bucket}.${"0".repeat(32)}`,
      garbage: "x",
    };
    const before = (await readOutbox())[0];
    for (const [kind, formToken] of Object.entries(tokens)) {
      const fields: Record<string, string> = { contact: "0812345678", counter: "" };
      if (formToken !== undefined) fields.formToken = formToken;
      const refused = await post(landingRoute.action as RouteFn, fx, `/e/${fx.agency.slug}`, fields, new CookieJar(), "198.51.100.30");
      expect(refused.status, kind).toBe(400);
      expect(refused.data, kind).toEqual({ error: "eit.formExpired", contact: "0812345678" });
      expect(refused.headers.getSetCookie(), kind).toEqual([]);
    }
    expect((await readOutbox())[0], "nothing sent").toBe(before);
    expect(await prisma.otpChallenge.count({ where: { agencyId: fx.agency.id } })).toBe(0);
    expect(translate("th", "eit.formExpired")).toMatch(/หมดอายุ/);
    expect(translate("en", "eit.formExpired")).toMatch(/expired/);
    // The page renders a hidden token that the same POST accepts (a plain browser submit, no JS).
    // The loader answers with data(…) (it may set the counter cookie): the page's data is in .data.
    const loaded = await landingRoute.loader({
      request: new Request(`http://localhost/e/${fx.agency.slug}`),
      params: { slug: fx.agency.slug },
      context: { clientAddress: "198.51.100.30" },
    });
    const page = (loaded as unknown as { data: { formToken: string } }).data;
    const accepted = await post(
      landingRoute.action as RouteFn,
      fx,
      `/e/${fx.agency.slug}`,
      { contact: "0812345678", counter: "", formToken: page.formToken },
      new CookieJar(),
      "198.51.100.30",
    );
    expect(accepted.status).toBe(302);
  });
});

describe("M3 — guesses are limited per number, and a suppressed challenge takes none", () => {
  const ask = (fx: Fixture, contact: Contact, clientAddress: string, now?: Date) =>
    requestOtp(
      { cycle: fx.cycle, agency: fx.agency, contact, channel: "qr", lang: "th", clientAddress, message: (code) => ({ subject: "OTP", text: `OTP: ${code}` }) },
      now,
    );

  it("a challenge created without sending (over the per-number limit) never verifies, even with its own code", async () => {
    const fx = await registeredAgency();
    const contact = contactOf(phone());
    pinned.code = "424242";
    try {
      for (let i = 0; i < 3; i++) await ask(fx, contact, "198.51.100.40");
      const before = (await readOutbox())[0];
      const suppressed = await ask(fx, contact, "198.51.100.40");
      expect((await readOutbox())[0], "the 4th request sent nothing").toBe(before);
      if (suppressed.status !== "issued") throw new Error("expected issued");
      // It answers like any challenge (no enumeration), but no guess is compared: not even the code.
      const answers = [];
      for (let i = 0; i < OTP_MAX_ATTEMPTS; i++) answers.push(await verifyOtp(suppressed.challengeToken, "424242"));
      expect(answers.map((a) => a.status)).toEqual(["wrong", "wrong", "wrong", "wrong", "dead"]);
      expect((await prisma.otpChallenge.findUniqueOrThrow({ where: { id: sha256(suppressed.challengeToken) } })).consumedAt).toBeNull();
    } finally {
      pinned.code = null;
    }
  });

  it(`≤ ${OTP_WRONG_GUESSES_PER_CONTACT_PER_DAY} evaluated wrong guesses per number per day across challenges: after them, even the right code is refused`, async () => {
    const fx = await registeredAgency();
    const contact = contactOf(phone());
    const day = new Date(Date.UTC(2034, 4, 6, 1, 0, 0));
    pinned.code = "135790";
    try {
      // Five real challenges (each from its own address, so each is sent), four wrong guesses each.
      for (let i = 0; i < 5; i++) {
        const sent = await ask(fx, contact, `198.51.100.${50 + i}`, day);
        if (sent.status !== "issued") throw new Error("expected issued");
        for (let g = 0; g < 4; g++) expect((await verifyOtp(sent.challengeToken, "000000", day)).status).toBe("wrong");
      }
      expect(await readOtpEvent("wrong", fx.agency.id, day)).toBe(OTP_WRONG_GUESSES_PER_CONTACT_PER_DAY);
      const sixth = await ask(fx, contact, "198.51.100.60", day);
      if (sixth.status !== "issued") throw new Error("expected issued");
      expect(await verifyOtp(sixth.challengeToken, "135790", day)).toMatchObject({ status: "limited", retryAfterSeconds: expect.any(Number) });
      expect(await readOtpEvent("wrong", fx.agency.id, day), "no 21st guess was evaluated").toBe(OTP_WRONG_GUESSES_PER_CONTACT_PER_DAY);
      // The next day the number may verify again; another number was never affected.
      const tomorrow = new Date(day.getTime() + 24 * 3_600_000);
      const next = await ask(fx, contact, "198.51.100.61", tomorrow);
      if (next.status !== "issued") throw new Error("expected issued");
      expect((await verifyOtp(next.challengeToken, "135790", tomorrow)).status).toBe("verified");
      const other = await ask(fx, contactOf(phone()), "198.51.100.62", day);
      if (other.status !== "issued") throw new Error("expected issued");
      expect((await verifyOtp(other.challengeToken, "135790", day)).status).toBe("verified");
    } finally {
      pinned.code = null;
    }
  });
});

describe("M4 — a third party cannot void or silence a citizen's code", () => {
  it("an attacker's 20 requests for the victim's number from another address neither void the code the victim received nor stop the victim's resend", async () => {
    const fx = await registeredAgency();
    const victimNumber = phone();
    const victim = new CookieJar();
    expect((await askCode(fx, victimNumber, "198.51.100.70", victim)).status).toBe(302);
    const code = (await newestCodeFor(victimNumber))!;
    const sentBefore = await sentTo(victimNumber);

    const attacker = new CookieJar();
    for (let i = 0; i < 20; i++) expect((await askCode(fx, victimNumber, "203.0.113.70", attacker)).status).toBe(302);
    // The attacker's requests could send the victim at most 3 codes (its own per-(number, client) limit).
    expect((await sentTo(victimNumber)) - sentBefore).toBeLessThanOrEqual(3);

    // The victim asking again (another tab, same address) is still sent a code: not silenced…
    const beforeResend = await sentTo(victimNumber);
    const resent = await askCode(fx, victimNumber, "198.51.100.70", new CookieJar());
    expect(resent.status).toBe(302);
    expect(await sentTo(victimNumber)).toBe(beforeResend + 1);
    // …and the code the victim received first still verifies.
    const verified = await enterCode(fx, code, "198.51.100.70", victim);
    expect(verified.status).toBe(302);
    expect(verified.headers.get("Location")).toBe(`/e/${fx.agency.slug}/eligibility`);
    // Once verified, the other live codes for this number at this agency are done with.
    expect(await prisma.otpChallenge.count({ where: { agencyId: fx.agency.id, consumedAt: null, voidedAt: null } })).toBe(0);
  });

  it("the victim's resend from the same browser voids the victim's previous code (a resend voids the previous code)", async () => {
    const fx = await registeredAgency();
    const number = phone();
    const jar = new CookieJar();
    await askCode(fx, number, "198.51.100.71", jar);
    const first = (await newestCodeFor(number))!;
    await askCode(fx, number, "198.51.100.71", jar);
    const second = (await newestCodeFor(number))!;
    const older = await prisma.otpChallenge.findMany({ where: { agencyId: fx.agency.id }, orderBy: { createdAt: "asc" } });
    expect(older).toHaveLength(2);
    expect(older.filter((c) => c.voidedAt !== null)).toHaveLength(1);
    if (first !== second) expect((await enterCode(fx, first, "198.51.100.71", jar)).status).toBe(400);
    expect((await enterCode(fx, second, "198.51.100.71", jar)).status).toBe(302);
  });
});

describe("M5 — no contact-derived value and no per-request row in the audit log; audit retention", () => {
  it("after sends, suppressed sends, wrong guesses and verifies: no audit row holds any part of a contact hash, and no row was written", async () => {
    const fx = await registeredAgency();
    const auditBefore = await prisma.auditLog.count();
    const numbers = [phone(), phone(), phone()];
    for (const number of numbers) {
      const jar = new CookieJar();
      // 4 requests from one browser: 3 sent, 1 suppressed.
      for (let i = 0; i < 4; i++) expect((await askCode(fx, number, "198.51.100.80", jar)).status).toBe(302);
      const fresh = new CookieJar();
      await askCode(fx, number, "198.51.100.81", fresh);
      const code = (await newestCodeFor(number))!;
      expect((await enterCode(fx, String((Number(code) + 1) % 1_000_000).padStart(6, "0"), "198.51.100.81", fresh)).status).toBe(400);
      expect((await enterCode(fx, code, "198.51.100.81", fresh)).status).toBe(302);
    }
    // Delivery is the outbox worker's (docs/decisions/018): one pass per batch, as a server runs it.
    while ((await runOutboxOnce()) > 0);
    expect(await prisma.auditLog.count(), "no audit row per anonymous OTP request").toBe(auditBefore);
    const now = new Date();
    expect(await readOtpEvent("suppressed", fx.agency.id, now)).toBe(3);
    expect(await readOtpEvent("wrong", fx.agency.id, now)).toBe(3);
    expect(await readOtpEvent("delivered:console", fx.agency.id, now)).toBe(12);

    const rows = JSON.stringify(await prisma.auditLog.findMany()).toLowerCase();
    for (const number of numbers) {
      const canonical = contactOf(number).canonical;
      for (const hash of [contactHashForCycle(fx.cycle, canonical), keyedHash("rate-limit-contact", canonical)]) {
        // Any 8 hex characters (32 bits) of the hash: none may appear.
        for (let i = 0; i + 8 <= hash.length; i++) expect(rows.includes(hash.slice(i, i + 8)), `${hash.slice(i, i + 8)}`).toBe(false);
      }
      expect(rows).not.toContain(canonical.slice(3));
    }
  });

  it(`audit rows are kept ${AUDIT_RETENTION_DAYS} days, then purged with the rest`, async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3_600_000);
    const ids = { old: "a".repeat(32), edge: "b".repeat(32), kept: "c".repeat(32) };
    await prisma.auditLog.createMany({
      data: [
        { id: ids.old, action: "test.retention", outcome: "ok", at: daysAgo(AUDIT_RETENTION_DAYS + 30) },
        { id: ids.edge, action: "test.retention", outcome: "ok", at: daysAgo(AUDIT_RETENTION_DAYS + 1) },
        { id: ids.kept, action: "test.retention", outcome: "ok", at: daysAgo(AUDIT_RETENTION_DAYS - 1) },
      ],
    });
    const removed = await purgeExpired(now);
    expect(removed.auditLog).toBeGreaterThanOrEqual(2);
    const left = (await prisma.auditLog.findMany({ where: { action: "test.retention" } })).map((r) => r.id);
    expect(left).toEqual([ids.kept]);
  });
});
