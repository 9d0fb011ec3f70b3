// EIT-1 one-time passcodes (shared/security.md → Citizen OTP, SMS cost abuse). The OTP proves
// control of a phone for de-duplication; it is never a login factor.
import { generate, generateSecret } from "otplib";
import { env } from "~/env.server";
import { dbTarget, prisma, type Db } from "~/db.server";
import type { Contact } from "~/utils/contact";
import { constantTimeEqual, keyedHash, randomToken, sha256 } from "~/utils/crypto.server";
import { transportFor } from "~/utils/otp-delivery.server";
import { recordAudit } from "./audit.server";
import { contactHashForCycle } from "./cycle.server";
import { giveBackSlot, incrementCounter, readCounter, takeSlot, type Window } from "./rate-limit.server";

export const OTP_TTL_SECONDS = 10 * 60; // ≤ 10 minutes, enforced by expiresAt (not a TOTP window)
export const OTP_MAX_ATTEMPTS = 5; // wrong entries per challenge, counted atomically
export const OTP_PURGE_AFTER_SECONDS = 24 * 60 * 60; // challenges are deleted within 24 h
export const OTP_SECRET_BYTES = 20; // a fresh ≥ 20-byte secret per challenge
/** Per number: ≤ 3 sends per 10 min, ≤ 10 per day. */
export const PER_CONTACT_WINDOWS: Window[] = [
  { seconds: 10 * 60, limit: 3 },
  { seconds: 24 * 60 * 60, limit: 10 },
];
const HOUR = 3600;
const DAY = 24 * HOUR;

// Sends and verifications per agency per hour: pumping shows as many sent, few verified.
const GLOBAL_SENT_KEY = "otp-sent:global";
const sentKey = (agencyId: string) => `otp-sent:agency:${agencyId}`;
const verifiedKey = (agencyId: string) => `otp-verified:agency:${agencyId}`;

/** Codes sent and verified for an agency in the hour containing `at`. */
export async function otpHourStats(agencyId: string, at: Date, db: Db = prisma) {
  const [sent, verified] = await Promise.all([
    readCounter(`${sentKey(agencyId)}:${HOUR}`, HOUR, at, db), // takeSlot keys carry their window
    readCounter(verifiedKey(agencyId), HOUR, at, db),
  ]);
  return { sent, verified };
}

type CycleRef = { id: string; dedupeKeyEnc: string | null };
type AgencyRef = { id: string; nameTh: string; nameEn: string };

export type RequestOtpResult =
  // "issued" covers sent AND silently suppressed (per-number limit): the caller answers the same.
  | { status: "issued"; challengeToken: string }
  // Limits that are not about this number (agency ceiling, global budget, kill switch): a 429.
  | { status: "busy"; retryAfterSeconds: number };

function codeHash(challengeId: string, code: string) {
  return keyedHash("otp-code", `${challengeId}:${code}`);
}

async function newCode(): Promise<string> {
  // HOTP at counter 0 of a fresh random secret: six digits no one can derive from anything else.
  return generate({ secret: generateSecret({ length: OTP_SECRET_BYTES }), strategy: "hotp", counter: 0 });
}

/**
 * Issue a challenge for (agency, cycle, contact): voids any earlier live one (a resend voids the
 * previous code), checks the limits BEFORE calling the provider, then delivers in the background
 * so the answer takes the same time whether or not a message goes out.
 */
export async function requestOtp(
  input: { cycle: CycleRef; agency: AgencyRef; contact: Contact; channel: string; lang: "th" | "en"; message: (code: string) => { subject: string; text: string } },
  now = new Date(),
  db: Db = prisma,
): Promise<RequestOtpResult> {
  const contactHash = contactHashForCycle(input.cycle, input.contact.canonical);
  // Limits that do not depend on the number come first, and may say so (no enumeration risk).
  // Each send takes a slot in the global daily budget and the agency's hourly ceiling atomically,
  // so parallel requests cannot overspend either.
  if (env.OTP_SENDING_DISABLED) return { status: "busy", retryAfterSeconds: HOUR };
  const globalBudget = [{ seconds: DAY, limit: env.OTP_DAILY_BUDGET }];
  const agencyCeiling = [{ seconds: HOUR, limit: env.OTP_AGENCY_HOURLY_LIMIT }];
  const agencyKey = sentKey(input.agency.id);
  const globalSlot = await takeSlot(GLOBAL_SENT_KEY, globalBudget, now, db);
  if (!globalSlot.ok) {
    await alertOnce("otp.global-budget", now, db);
    return { status: "busy", retryAfterSeconds: globalSlot.retryAfterSeconds };
  }
  const agencySlot = await takeSlot(agencyKey, agencyCeiling, now, db);
  if (!agencySlot.ok) {
    await giveBackSlot(GLOBAL_SENT_KEY, globalBudget, now, db);
    await alertOnce(`otp.agency-ceiling:${input.agency.id}`, now, db, input.agency.id);
    return { status: "busy", retryAfterSeconds: agencySlot.retryAfterSeconds };
  }

  const token = randomToken(32);
  const id = sha256(token);
  const code = await newCode();
  await db.$transaction(async (tx) => {
    // One live challenge per contact: on PostgreSQL concurrent requests for the same contact
    // would each void only what they saw, so they queue on a lock for that contact (SQLite
    // runs one write transaction at a time anyway).
    if (dbTarget.provider === "postgres") await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${contactHash}))::text`;
    await tx.otpChallenge.updateMany({
      where: { contactHash, agencyId: input.agency.id, cycleId: input.cycle.id, consumedAt: null, voidedAt: null },
      data: { voidedAt: now },
    });
    await tx.otpChallenge.create({
      data: {
        id,
        agencyId: input.agency.id,
        cycleId: input.cycle.id,
        contactHash,
        channel: input.channel,
        codeHash: codeHash(id, code),
        expiresAt: new Date(now.getTime() + OTP_TTL_SECONDS * 1000),
        createdAt: now,
      },
    });
  });

  // Per-number limits: over them, the challenge exists but nothing is sent — the page looks the
  // same as for any other number (no enumeration), and no SMS credit is spent.
  const contactKey = `otp-contact:${keyedHash("rate-limit-contact", input.contact.canonical)}`;
  const slot = await takeSlot(contactKey, PER_CONTACT_WINDOWS, now, db);
  if (!slot.ok) {
    await giveBackSlot(agencyKey, agencyCeiling, now, db);
    await giveBackSlot(GLOBAL_SENT_KEY, globalBudget, now, db);
    await recordAudit({ action: "otp.send", outcome: "suppressed:contact-limit", agencyId: input.agency.id, detail: { contact: contactHash.slice(0, 16) } }, db);
    return { status: "issued", challengeToken: token };
  }

  const transport = transportFor(input.contact);
  const { subject, text } = input.message(code);
  if (!transport) {
    await recordAudit({ action: "otp.send", outcome: "failed:no-transport", agencyId: input.agency.id }, db);
  } else {
    transport
      .send({ to: input.contact, subject, text })
      .then(() => recordAudit({ action: "otp.send", outcome: "ok", agencyId: input.agency.id, detail: { via: transport.name, contact: contactHash.slice(0, 16) } }, db))
      .catch((error: unknown) => {
        // The reason only; never the code or the number.
        console.error(`[otp] delivery via ${transport.name} failed: ${error instanceof Error ? error.message : "unknown"}`);
        return recordAudit({ action: "otp.send", outcome: "failed", agencyId: input.agency.id, detail: { via: transport.name } }, db);
      })
      .catch(() => undefined);
  }
  return { status: "issued", challengeToken: token };
}

async function alertOnce(key: string, now: Date, db: Db, agencyId: string | null = null) {
  const count = await incrementCounter(`alert:${key}`, HOUR, now, db);
  if (count === 1) await recordAudit({ action: key.split(":")[0], outcome: "alert", agencyId }, db);
}

export type VerifyOtpResult =
  | { status: "verified"; challenge: { id: string; agencyId: string; cycleId: string; contactHash: string; channel: string } }
  | { status: "wrong"; attemptsLeft: number }
  | { status: "dead" }; // unknown, expired, consumed, voided, or out of attempts

/**
 * Check-and-consume: the attempt is counted by a conditional UPDATE (parallel guesses cannot
 * overrun the 5), the code compared in constant time against its keyed hash, and consumption is a
 * second conditional UPDATE, so two parallel correct entries yield exactly one success.
 */
export async function verifyOtp(challengeToken: string | null, code: string, now = new Date(), db: Db = prisma): Promise<VerifyOtpResult> {
  if (!challengeToken) return { status: "dead" };
  const id = sha256(challengeToken);
  const live = { id, consumedAt: null, voidedAt: null, expiresAt: { gt: now } };
  const counted = await db.otpChallenge.updateMany({
    where: { ...live, attempts: { lt: OTP_MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (counted.count !== 1) return { status: "dead" };
  const challenge = await db.otpChallenge.findUnique({ where: { id } });
  if (!challenge) return { status: "dead" };
  if (!constantTimeEqual(challenge.codeHash, codeHash(id, code))) {
    await recordAudit({ action: "otp.verify", outcome: "wrong", agencyId: challenge.agencyId }, db);
    const attemptsLeft = OTP_MAX_ATTEMPTS - challenge.attempts;
    return attemptsLeft > 0 ? { status: "wrong", attemptsLeft } : { status: "dead" };
  }
  const consumed = await db.otpChallenge.updateMany({ where: live, data: { consumedAt: now } });
  if (consumed.count !== 1) return { status: "dead" };
  await incrementCounter(verifiedKey(challenge.agencyId), HOUR, now, db);
  await recordAudit({ action: "otp.verify", outcome: "ok", agencyId: challenge.agencyId }, db);
  return {
    status: "verified",
    challenge: { id, agencyId: challenge.agencyId, cycleId: challenge.cycleId, contactHash: challenge.contactHash, channel: challenge.channel },
  };
}

/** Challenges older than 24 h are deleted (a purge job calls this). */
export function purgeOtpChallenges(now = new Date(), db: Db = prisma) {
  return db.otpChallenge.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - OTP_PURGE_AFTER_SECONDS * 1000) } } });
}

export function hasAnswered(cycleId: string, agencyId: string, contactHash: string, db: Db = prisma) {
  return db.eitContactMarker.findUnique({ where: { cycleId_agencyId_contactHash: { cycleId, agencyId, contactHash } } }).then(Boolean);
}
