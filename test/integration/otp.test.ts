// EIT-1 one-time passcodes (shared/security.md → Citizen OTP, SMS cost abuse), with the console
// transport (the default in tests): the code is read from the dev outbox, as the demo user would.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbTarget, prisma } from "~/db.server";
import { OTP_MAX_ATTEMPTS, OTP_TTL_SECONDS, purgeOtpChallenges, readOtpEvent, requestOtp, verifyOtp, type RequestOtpResult } from "~/models/otp.server";
import { parseContact, type Contact } from "~/utils/contact";
import { sha256 } from "~/utils/crypto.server";
import { readOutbox, type OutboxEntry } from "../fixtures/outbox";
import { registeredAgency } from "../fixtures/db";
import { silenceOtpConsole } from "../fixtures/quiet-otp-console";

type Fixture = Awaited<ReturnType<typeof registeredAgency>>;

silenceOtpConsole();

let phoneCounter = 0;
/** A fresh Thai mobile number per call, so per-number limits of one test never touch another. */
function freshPhone(): Contact {
  phoneCounter += 1;
  const digits =
    String(Date.now() % 1_000_000)
      .padStart(6, "0")
      .slice(-3) + String(phoneCounter).padStart(4, "0");
  const result = parseContact(`089${digits}`, { allowEmail: false });
  if (!result.ok) throw new Error(`test phone 089${digits} refused: ${result.error}`);
  return result.contact;
}

/** `resendOf`: the challenge token the same browser already holds (its cookie). */
function request(fx: Fixture, contact: Contact, now?: Date, resendOf?: string) {
  return requestOtp(
    {
      resendOf,
      cycle: fx.cycle,
      agency: fx.agency,
      contact,
      channel: "qr",
      lang: "th",
      message: (code) => ({ subject: "รหัส OTP", text: `รหัส OTP แบบวัด ITA ของ${fx.agency.nameTh}: ${code} (ใช้ได้ 10 นาที)` }),
    },
    now,
  );
}

function codeOf(entry: OutboxEntry | undefined): string {
  const match = entry?.text.match(/:\s*(\d{6})\b/);
  if (!match) throw new Error(`no 6-digit code in outbox entry ${JSON.stringify(entry)}`);
  return match[1];
}

/** Issue a challenge and read its code from the outbox (the newest entry, which must be new). */
async function issue(fx: Fixture, contact = freshPhone(), now?: Date, resendOf?: string) {
  const before = (await readOutbox())[0];
  const result = await request(fx, contact, now, resendOf);
  expect(result.status).toBe("issued");
  const entry = (await readOutbox())[0];
  expect(entry, "a new outbox entry").not.toBe(before);
  expect(entry.to).toBe(contact.masked);
  const token = (result as Extract<RequestOtpResult, { status: "issued" }>).challengeToken;
  return { token, code: codeOf(entry), contact, id: sha256(token) };
}

function otherCode(code: string, n = 1): string {
  return String((Number(code) + n) % 1_000_000).padStart(6, "0");
}

describe(`OTP challenges (${dbTarget.provider})`, () => {
  it("stores only a keyed hash of the code; expiresAt = createdAt + 600 s; nothing about the number", async () => {
    const fx = await registeredAgency();
    const now = new Date();
    const { token, code, contact, id } = await issue(fx, freshPhone(), now);
    expect(code).toMatch(/^\d{6}$/);
    const row = await prisma.otpChallenge.findUniqueOrThrow({ where: { id } });
    for (const [column, value] of Object.entries(row)) {
      const text = value instanceof Date ? value.toISOString() : String(value);
      expect(text, `OtpChallenge.${column}`).not.toContain(code);
      expect(text, `OtpChallenge.${column}`).not.toContain(contact.canonical.slice(3));
      expect(text, `OtpChallenge.${column}`).not.toContain(token);
    }
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    // Not a plain (unkeyed) hash that anyone could test the 10⁶ codes against.
    for (const guess of [code, `${id}:${code}`, `${token}:${code}`]) expect(row.codeHash).not.toBe(sha256(guess));
    expect(row.expiresAt.getTime()).toBe(now.getTime() + 600_000);
    expect(row.createdAt.getTime()).toBe(now.getTime());
    expect(OTP_TTL_SECONDS).toBeLessThanOrEqual(600);
    expect(row.attempts).toBe(0);
    expect(row.consumedAt).toBeNull();
    expect(row.voidedAt).toBeNull();
    expect(row.channel).toBe("qr");
    expect(row.contactHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.contactHash).not.toBe(sha256(contact.canonical));
  });

  it("codes are 6 random digits, different per challenge", async () => {
    const fx = await registeredAgency();
    const codes: string[] = [];
    for (let i = 0; i < 30; i++) codes.push((await issue(fx)).code);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    // 30 draws from 10⁶: a repeat has probability ≈ 4·10⁻⁴.
    expect(new Set(codes).size).toBeGreaterThanOrEqual(29);
  });

  it("expiry with a fake clock: 9:59 after issue is accepted, 10:00 and 10:01 are refused", async () => {
    const fx = await registeredAgency();
    const now = new Date();
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

    const first = await issue(fx, freshPhone(), now);
    const ok = await verifyOtp(first.token, first.code, at(9 * 60 + 59));
    expect(ok.status).toBe("verified");

    const second = await issue(fx, freshPhone(), now);
    expect(await verifyOtp(second.token, second.code, at(10 * 60 + 1))).toEqual({ status: "dead" });
    expect(await verifyOtp(second.token, second.code, at(10 * 60))).toEqual({ status: "dead" });
    // An expired challenge spends no attempt and stays unconsumed.
    const row = await prisma.otpChallenge.findUniqueOrThrow({ where: { id: second.id } });
    expect(row.attempts).toBe(0);
    expect(row.consumedAt).toBeNull();
  });

  it("replay: a code that was verified is dead the second time", async () => {
    const fx = await registeredAgency();
    const { token, code, id } = await issue(fx);
    const first = await verifyOtp(token, code);
    expect(first.status).toBe("verified");
    if (first.status === "verified") {
      expect(first.challenge).toMatchObject({ id, agencyId: fx.agency.id, cycleId: fx.cycle.id, channel: "qr" });
    }
    expect(await verifyOtp(token, code)).toEqual({ status: "dead" });
    expect(await verifyOtp(token, code)).toEqual({ status: "dead" });
    expect((await prisma.otpChallenge.findUniqueOrThrow({ where: { id } })).consumedAt).not.toBeNull();
  });

  it("cross-challenge: the code of challenge A with the token of challenge B is refused", async () => {
    const fx = await registeredAgency();
    const a = await issue(fx);
    let b = await issue(fx);
    while (b.code === a.code) b = await issue(fx); // 1 in 10⁶
    const crossed = await verifyOtp(b.token, a.code);
    expect(crossed.status).not.toBe("verified");
    expect(["wrong", "dead"]).toContain(crossed.status);
    const crossedBack = await verifyOtp(a.token, b.code);
    expect(crossedBack.status).not.toBe("verified");
    // A code of another agency's challenge is no better.
    const other = await registeredAgency();
    const c = await issue(other);
    if (c.code !== a.code) expect((await verifyOtp(c.token, a.code)).status).not.toBe("verified");
    // Unknown or missing tokens are dead.
    expect(await verifyOtp("not-a-token", a.code)).toEqual({ status: "dead" });
    expect(await verifyOtp(null, a.code)).toEqual({ status: "dead" });
    // Each challenge still accepts its own code.
    expect((await verifyOtp(a.token, a.code)).status).toBe("verified");
    expect((await verifyOtp(b.token, b.code)).status).toBe("verified");
  });

  it("resend: after a second request for the same number from the same browser, the first code and token are dead", async () => {
    const fx = await registeredAgency();
    const contact = freshPhone();
    const first = await issue(fx, contact);
    const second = await issue(fx, contact, undefined, first.token);
    expect(second.token).not.toBe(first.token);
    expect(await verifyOtp(first.token, first.code)).toEqual({ status: "dead" });
    expect(await verifyOtp(first.token, second.code)).toEqual({ status: "dead" });
    if (first.code !== second.code) expect((await verifyOtp(second.token, first.code)).status).toBe("wrong");
    expect((await prisma.otpChallenge.findUniqueOrThrow({ where: { id: first.id } })).voidedAt).not.toBeNull();
    expect((await verifyOtp(second.token, second.code)).status).toBe("verified");
  });

  it("20 parallel resends from one browser: its previous code is dead, at most 3 codes went out", async () => {
    const fx = await registeredAgency();
    const contact = freshPhone();
    const first = await issue(fx, contact);
    const results = await Promise.all(Array.from({ length: 20 }, () => request(fx, contact, undefined, first.token)));
    expect(results.every((result) => result.status === "issued")).toBe(true);
    expect(await verifyOtp(first.token, first.code)).toEqual({ status: "dead" });
    expect((await readOutbox()).filter((e) => e.to === contact.masked)).toHaveLength(3);
  });

  it("a resend for one number does not void another number's challenge", async () => {
    const fx = await registeredAgency();
    const mine = await issue(fx);
    await issue(fx); // someone else at the same counter
    expect((await verifyOtp(mine.token, mine.code)).status).toBe("verified");
  });

  it("5 wrong entries one after another: 4, 3, 2, 1 tries left, then dead — even for the right code", async () => {
    const fx = await registeredAgency();
    const { token, code, id } = await issue(fx);
    const results = [];
    for (let i = 1; i <= 5; i++) results.push(await verifyOtp(token, otherCode(code, i)));
    expect(results).toEqual([
      { status: "wrong", attemptsLeft: 4 },
      { status: "wrong", attemptsLeft: 3 },
      { status: "wrong", attemptsLeft: 2 },
      { status: "wrong", attemptsLeft: 1 },
      { status: "dead" },
    ]);
    expect(await verifyOtp(token, code)).toEqual({ status: "dead" });
    expect((await prisma.otpChallenge.findUniqueOrThrow({ where: { id } })).attempts).toBe(OTP_MAX_ATTEMPTS);
  });

  it("brute force: 10 000 wrong codes, 50 in parallel → exactly 5 evaluated, 0 successes, then the right code is refused", async () => {
    const fx = await registeredAgency();
    const { token, code, id } = await issue(fx);
    const guesses: string[] = [];
    for (let n = 0; guesses.length < 10_000; n++) {
      const guess = String(n).padStart(6, "0");
      if (guess !== code) guesses.push(guess);
    }
    const counts = { verified: 0, wrong: 0, dead: 0, limited: 0 };
    const attemptsLeftSeen: number[] = [];
    let next = 0;
    const started = performance.now();
    // 50 workers: at any moment 50 verifications are in flight against the one challenge.
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < guesses.length) {
          const guess = guesses[next++];
          const result = await verifyOtp(token, guess);
          counts[result.status] += 1;
          if (result.status === "wrong") attemptsLeftSeen.push(result.attemptsLeft);
        }
      }),
    );
    const elapsed = performance.now() - started;
    expect(counts.verified + counts.wrong + counts.dead).toBe(10_000);
    expect(counts.verified).toBe(0);
    const row = await prisma.otpChallenge.findUniqueOrThrow({ where: { id } });
    // The attempts column is the atomic counter: it never passes 5, however many guesses raced.
    expect(row.attempts).toBe(OTP_MAX_ATTEMPTS);
    expect(row.consumedAt).toBeNull();
    // Evaluated = compared against the hash. Each comparison that fails counts one "wrong" event.
    const evaluated = await readOtpEvent("wrong", fx.agency.id, new Date());
    expect(evaluated).toBe(OTP_MAX_ATTEMPTS);
    // Of those 5, the ones that still saw tries left answered "wrong" (attemptsLeft is re-read after
    // the increment, so under 50 parallel guesses all 5 may answer "dead"); every other guess was
    // refused before any comparison.
    expect(counts.wrong).toBeLessThanOrEqual(OTP_MAX_ATTEMPTS - 1);
    expect(counts.dead).toBe(10_000 - counts.wrong);
    for (const left of attemptsLeftSeen) expect(left).toBeGreaterThanOrEqual(1);
    expect(await verifyOtp(token, code)).toEqual({ status: "dead" });
    expect((await prisma.otpChallenge.findUniqueOrThrow({ where: { id } })).attempts).toBe(OTP_MAX_ATTEMPTS);
    console.info(`[brute force] 10 000 guesses in ${Math.round(elapsed)} ms; wrong=${counts.wrong} dead=${counts.dead}`);
  }, 180_000);

  it("two parallel correct verifications → exactly one verified (20 rounds)", async () => {
    const fx = await registeredAgency();
    for (let round = 0; round < 20; round++) {
      const { token, code } = await issue(fx);
      const results = await Promise.all([verifyOtp(token, code), verifyOtp(token, code)]);
      expect(
        results.filter((r) => r.status === "verified"),
        `round ${round}`,
      ).toHaveLength(1);
      expect(
        results.filter((r) => r.status === "dead"),
        `round ${round}`,
      ).toHaveLength(1);
    }
  });

  it("ten parallel correct verifications → exactly one verified", async () => {
    const fx = await registeredAgency();
    const { token, code } = await issue(fx);
    const results = await Promise.all(Array.from({ length: 10 }, () => verifyOtp(token, code)));
    expect(results.filter((r) => r.status === "verified")).toHaveLength(1);
  });
});

describe(`OTP sending limits (${dbTarget.provider})`, () => {
  it("the 4th send for one number within 10 minutes is suppressed, yet answers exactly like a new number", async () => {
    const fx = await registeredAgency();
    const contact = freshPhone();
    for (let i = 0; i < 3; i++) await issue(fx, contact);
    const newestBefore = (await readOutbox())[0];
    const suppressed = await request(fx, contact);
    expect((await readOutbox())[0], "no new outbox entry for the 4th send").toBe(newestBefore);
    expect(suppressed.status).toBe("issued");

    const fresh = freshPhone();
    const forNew = await request(fx, fresh);
    // Same shape, same kind of token: the caller cannot tell a suppressed send from a real one.
    expect(Object.keys(suppressed).sort()).toEqual(Object.keys(forNew).sort());
    expect(forNew.status).toBe("issued");
    if (suppressed.status === "issued" && forNew.status === "issued") {
      expect(suppressed.challengeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(forNew.challengeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // A challenge row exists for the suppressed send too (verify behaves as for any number).
      expect(await prisma.otpChallenge.findUnique({ where: { id: sha256(suppressed.challengeToken) } })).not.toBeNull();
    }
    // A different number still gets its code.
    expect((await readOutbox())[0]).not.toBe(newestBefore);
    expect((await readOutbox())[0].to).toBe(fresh.masked);
    // The trip is counted per agency and hour (no audit row, nothing about the number).
    expect(await readOtpEvent("suppressed", fx.agency.id, new Date())).toBe(1);
    expect(await prisma.auditLog.count({ where: { agencyId: fx.agency.id, action: { startsWith: "otp." } } })).toBe(0);
  });

  it("the per-number limit holds under concurrency: 20 parallel requests for one number → exactly 3 messages, all answered 'issued'", async () => {
    const fx = await registeredAgency();
    const contact = freshPhone();
    const results = await Promise.all(Array.from({ length: 20 }, () => request(fx, contact)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill("issued"));
    expect((await readOutbox()).filter((e) => e.to === contact.masked)).toHaveLength(3);
    expect(await readOtpEvent("suppressed", fx.agency.id, new Date())).toBe(17);
  });

  it("the per-number limit holds across agencies (it is about the phone, not the agency)", async () => {
    const a = await registeredAgency();
    const b = await registeredAgency();
    const contact = freshPhone();
    await issue(a, contact);
    await issue(b, contact);
    await issue(a, contact);
    const before = (await readOutbox())[0];
    expect((await request(b, contact)).status).toBe("issued");
    expect((await readOutbox())[0]).toBe(before);
  });

  it("the window passes: 10 minutes later the number gets codes again, up to 10 a day", async () => {
    const fx = await registeredAgency();
    const contact = freshPhone();
    // A fake clock inside one UTC day, stepping one 10-minute window at a time.
    const day = new Date(Date.UTC(2031, 0, 15, 2, 0, 0));
    const at = (minutes: number) => new Date(day.getTime() + minutes * 60_000);
    let sent = 0;
    for (let window = 0; window < 5; window++) {
      for (let i = 0; i < 3; i++) {
        const before = (await readOutbox())[0];
        const result = await request(fx, contact, at(window * 10 + i));
        expect(result.status).toBe("issued");
        if ((await readOutbox())[0] !== before) sent += 1;
      }
    }
    // 3 + 3 + 3 + 1 (the daily 10 reached) + 0.
    expect(sent).toBe(10);
    // The next day it starts over.
    const before = (await readOutbox())[0];
    await request(fx, contact, new Date(day.getTime() + 24 * 3_600_000));
    expect((await readOutbox())[0]).not.toBe(before);
  });

  it("the code of a suppressed send is not learnable: only the 3 delivered codes exist, resends from one browser voided them", async () => {
    const fx = await registeredAgency();
    const contact = freshPhone();
    const delivered: Awaited<ReturnType<typeof issue>>[] = [];
    for (let i = 0; i < 3; i++) delivered.push(await issue(fx, contact, undefined, delivered.at(-1)?.token));
    const fourth = await request(fx, contact, undefined, delivered[2].token);
    expect(fourth.status).toBe("issued");
    if (fourth.status !== "issued") return;
    for (const old of delivered) expect(await verifyOtp(old.token, old.code)).toEqual({ status: "dead" });
  });
});

describe(`OTP purge (${dbTarget.provider})`, () => {
  it("removes challenges older than 24 h and keeps newer ones", async () => {
    const fx = await registeredAgency();
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const hour = 3_600_000;
    const old = await issue(fx, freshPhone(), ago(25 * hour));
    const justOld = await issue(fx, freshPhone(), ago(24 * hour + 1000));
    const almost = await issue(fx, freshPhone(), ago(24 * hour - 60_000));
    const recent = await issue(fx, freshPhone(), ago(hour));
    const fresh = await issue(fx, freshPhone(), now);
    const purged = await purgeOtpChallenges(now);
    expect(purged.count).toBeGreaterThanOrEqual(2);
    const left = new Set((await prisma.otpChallenge.findMany({ where: { agencyId: fx.agency.id }, select: { id: true } })).map((r) => r.id));
    expect(left.has(old.id)).toBe(false);
    expect(left.has(justOld.id)).toBe(false);
    expect(left.has(almost.id)).toBe(true);
    expect(left.has(recent.id)).toBe(true);
    expect(left.has(fresh.id)).toBe(true);
    // Nothing of this agency older than 24 h is left.
    expect(await prisma.otpChallenge.count({ where: { agencyId: fx.agency.id, createdAt: { lt: ago(24 * hour) } } })).toBe(0);
  });
});
