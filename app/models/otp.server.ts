// EIT-1 one-time passcodes (shared/security.md → Citizen OTP, SMS cost abuse). The OTP proves
// control of a phone for de-duplication; it is never a login factor.
import { generate, generateSecret } from "otplib";
import { env } from "~/env.server";
import { dbTarget, prisma, type Db } from "~/db.server";
import type { Contact } from "~/utils/contact";
import { constantTimeEqual, keyedHash, randomToken, sha256 } from "~/utils/crypto.server";
import { addressOf, channelOf, transportFor } from "~/utils/otp-delivery.server";
import { clientKey } from "~/utils/client-address";
import { recordAudit } from "./audit.server";
import { contactHashForCycle } from "./cycle.server";
import { enqueueMessage } from "./outbox.server";
import { giveBackSlot, incrementCounter, readCounter, takeSlot, type Window } from "./rate-limit.server";

/** ≤ 10 minutes (env OTP_TTL_SECONDS, default 600), enforced by expiresAt (not a TOTP window). */
export const OTP_TTL_SECONDS = env.OTP_TTL_SECONDS;
export const OTP_MAX_ATTEMPTS = 5; // wrong entries per challenge, counted atomically
export const OTP_PURGE_AFTER_SECONDS = 24 * 60 * 60; // challenges are deleted within 24 h
export const OTP_SECRET_BYTES = 20; // a fresh ≥ 20-byte secret per challenge
/**
 * Per number AND client address: ≤ 3 sends per 10 min, ≤ 10 per day (decision 004: counted per
 * (number, client) so a third party cannot silence someone else's number)…
 */
export const PER_CONTACT_WINDOWS: Window[] = [
  { seconds: 10 * 60, limit: 3 },
  { seconds: 24 * 60 * 60, limit: 10 },
];
/** …and a generous absolute cap per number, whoever asks (three clients' worth a day). */
export const PER_CONTACT_ABSOLUTE_WINDOWS: Window[] = [{ seconds: 24 * 60 * 60, limit: 30 }];
/** Evaluated wrong guesses per number per day, across all its challenges and agencies. */
export const OTP_WRONG_GUESSES_PER_CONTACT_PER_DAY = 20;
/**
 * Per client address (IPv4 /32, IPv6 /64): far above a busy counter (60 citizens an hour behind one
 * office NAT) and far below an agency's ceiling, so one source cannot deny the service to others.
 */
export const OTP_ADDRESS_HOURLY_LIMIT = 120;
/** A client address may use at most this share of an agency's hourly ceiling… */
export const OTP_ADDRESS_AGENCY_SHARE = 0.5;
/** …and of the national daily budget (5 % of 20,000 = 1,000 a day: 16 hours of a busy counter). */
export const OTP_ADDRESS_BUDGET_SHARE = 0.05;
/** The phone form carries a signed token of its half hour; the previous half hour is accepted too. */
export const OTP_FORM_TOKEN_BUCKET_SECONDS = 30 * 60;
const HOUR = 3600;
const DAY = 24 * HOUR;
/** codeHash of a challenge created without sending (over a per-number limit): it accepts no guess. */
const SUPPRESSED = "suppressed";

// Sends and verifications per agency per hour: pumping shows as many sent, few verified.
const GLOBAL_SENT_KEY = "otp-sent:global";
const sentKey = (agencyId: string) => `otp-sent:agency:${agencyId}`;
const verifiedKey = (agencyId: string) => `otp-verified:agency:${agencyId}`;

/**
 * Respondent-side events are hourly counters per agency, never audit rows (shared/security.md →
 * Audit: no contact-derived value in the audit log, no row per anonymous request). Delivery
 * outcomes count per transport ("delivered:http-sms"), by the outbox worker; "expired" is an OTP
 * that could not be sent within its validity (docs/decisions/018).
 */
export type OtpEvent = "suppressed" | "undeliverable" | `delivered:${string}` | `failed:${string}` | "expired" | "wrong";
const eventKey = (event: OtpEvent, agencyId: string) => `otp-${event}:agency:${agencyId}`;

function countOtpEvent(event: OtpEvent, agencyId: string, at: Date, db: Db) {
  return incrementCounter(eventKey(event, agencyId), HOUR, at, db);
}

/** What became of an OTP message (the outbox worker counts it, in the hour it happened). */
export function countOtpDelivery(outcome: "delivered" | "failed" | "expired", transport: string, agencyId: string, at = new Date(), db: Db = prisma) {
  return countOtpEvent(outcome === "expired" ? "expired" : `${outcome}:${transport}`, agencyId, at, db);
}

/** How many times `event` happened for an agency in the hour containing `at`. */
export function readOtpEvent(event: OtpEvent, agencyId: string, at: Date, db: Db = prisma) {
  return readCounter(eventKey(event, agencyId), HOUR, at, db);
}

/** The signed token of the phone form: bound to the agency and a half-hour bucket (HMAC, APP_SECRET). */
export function otpFormToken(agencyId: string, now = new Date()): string {
  const bucket = Math.floor(now.getTime() / (OTP_FORM_TOKEN_BUCKET_SECONDS * 1000));
  return `${bucket}.${keyedHash("otp-form", `${agencyId}:${bucket}`).slice(0, 32)}`;
}

/** Was `token` served by us, for this agency, in this half hour or the previous one? */
export function isValidOtpFormToken(token: string | undefined, agencyId: string, now = new Date()): boolean {
  if (!token) return false;
  const current = Math.floor(now.getTime() / (OTP_FORM_TOKEN_BUCKET_SECONDS * 1000));
  const bucket = Number(token.split(".")[0]);
  if (bucket !== current && bucket !== current - 1) return false;
  return constantTimeEqual(token, otpFormToken(agencyId, new Date(bucket * OTP_FORM_TOKEN_BUCKET_SECONDS * 1000)));
}

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
 * Issue a challenge for (agency, cycle, contact). Limits are checked BEFORE anything is queued; the
 * message is written to the outbox in the challenge's transaction (docs/decisions/018) and sent by
 * the worker, so the answer takes the same time whether or not a message goes out, and a message
 * is never lost nor sent after the code expired (deliverBy = the challenge's expiry). A request voids only the live code of the same browser (`resendOf`, the challenge cookie):
 * a third party cannot void someone else's code (decision 004).
 */
export async function requestOtp(
  input: {
    cycle: CycleRef;
    agency: AgencyRef;
    contact: Contact;
    channel: string;
    lang: "th" | "en";
    message: (code: string) => { subject: string; text: string };
    /** The requesting client's address (load context); per-address limits apply when given. */
    clientAddress?: string;
    /** The challenge token this browser already holds (its cookie), if any. */
    resendOf?: string | null;
  },
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

  // One client cannot deny the service to others: per address (IPv4 /32, IPv6 /64), requests are
  // capped far above a busy counter and below a share of the agency's ceiling and the national
  // budget. Counted per request (a refused or suppressed one too); the key is a keyed hash.
  const client = input.clientAddress === undefined ? null : keyedHash("rate-limit-client", clientKey(input.clientAddress));
  if (client) {
    const addressWindows = [
      { seconds: HOUR, limit: OTP_ADDRESS_HOURLY_LIMIT },
      { seconds: DAY, limit: Math.max(1, Math.floor(env.OTP_DAILY_BUDGET * OTP_ADDRESS_BUDGET_SHARE)) },
    ];
    const shareWindows = [{ seconds: HOUR, limit: Math.max(1, Math.floor(env.OTP_AGENCY_HOURLY_LIMIT * OTP_ADDRESS_AGENCY_SHARE)) }];
    const addressSlot = await takeSlot(`otp-address:${client}`, addressWindows, now, db);
    const shareSlot = addressSlot.ok ? await takeSlot(`otp-address:${client}:agency:${input.agency.id}`, shareWindows, now, db) : addressSlot;
    if (!shareSlot.ok) {
      if (addressSlot.ok) await giveBackSlot(`otp-address:${client}`, addressWindows, now, db);
      await alertOnce(`otp.address-limit:${input.agency.id}`, now, db, input.agency.id);
      return { status: "busy", retryAfterSeconds: shareSlot.retryAfterSeconds };
    }
  }

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

  // Per-number limits, counted per (number, client) with a generous absolute cap per number, so
  // requests from elsewhere cannot silence a citizen's own number. Over them, a challenge is still
  // created (the page looks the same as for any other number: no enumeration) but nothing is sent,
  // no SMS credit is spent, and the challenge accepts no guess at all.
  const perClientKey = `otp-contact:${keyedHash("rate-limit-contact-client", `${input.contact.canonical}|${client ?? "-"}`)}`;
  const absoluteKey = `otp-contact:${keyedHash("rate-limit-contact", input.contact.canonical)}`;
  let send = (await takeSlot(perClientKey, PER_CONTACT_WINDOWS, now, db)).ok;
  if (send && !(await takeSlot(absoluteKey, PER_CONTACT_ABSOLUTE_WINDOWS, now, db)).ok) {
    await giveBackSlot(perClientKey, PER_CONTACT_WINDOWS, now, db);
    send = false;
  }
  if (!send) {
    await giveBackSlot(agencyKey, agencyCeiling, now, db);
    await giveBackSlot(GLOBAL_SENT_KEY, globalBudget, now, db);
    await countOtpEvent("suppressed", input.agency.id, now, db);
  }

  const token = randomToken(32);
  const id = sha256(token);
  const code = send ? await newCode() : null;
  const expiresAt = new Date(now.getTime() + OTP_TTL_SECONDS * 1000);
  const transport = transportFor(input.contact);
  await db.$transaction(async (tx) => {
    // A resend from the same browser voids its previous code. On PostgreSQL concurrent requests
    // for the same contact queue on a lock for that contact (SQLite runs one write transaction at
    // a time anyway).
    if (dbTarget.provider === "postgres") await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${contactHash}))::text`;
    if (input.resendOf) {
      await tx.otpChallenge.updateMany({
        where: { id: sha256(input.resendOf), contactHash, agencyId: input.agency.id, cycleId: input.cycle.id, consumedAt: null, voidedAt: null },
        data: { voidedAt: now },
      });
    }
    await tx.otpChallenge.create({
      data: {
        id,
        agencyId: input.agency.id,
        cycleId: input.cycle.id,
        contactHash,
        channel: input.channel,
        codeHash: code ? codeHash(id, code) : SUPPRESSED,
        expiresAt,
        createdAt: now,
      },
    });
    if (code && transport) {
      const { subject, text } = input.message(code);
      await enqueueMessage(tx, {
        channel: channelOf(input.contact),
        purpose: "otp",
        payload: { to: addressOf(input.contact), subject, text, shownAs: input.contact.masked },
        deliverBy: expiresAt,
        agencyId: input.agency.id,
      });
    }
  });
  if (code && !transport) await countOtpEvent("undeliverable", input.agency.id, now, db);
  return { status: "issued", challengeToken: token };
}

/** One audit row per alert and hour (a limit trip), never one per request. */
async function alertOnce(key: string, now: Date, db: Db, agencyId: string | null = null) {
  const count = await incrementCounter(`alert:${key}`, HOUR, now, db);
  if (count === 1) await recordAudit({ action: key.split(":")[0], outcome: "alert", agencyId }, db);
}

export type VerifyOtpResult =
  | { status: "verified"; challenge: { id: string; agencyId: string; cycleId: string; contactHash: string; channel: string } }
  | { status: "wrong"; attemptsLeft: number }
  | { status: "dead" } // unknown, expired, consumed, voided, or out of attempts
  // The number's daily ceiling of wrong guesses is reached (attack M3): no guess is evaluated until
  // the window ends. The route answers 429 with this wait (attack L7).
  | { status: "limited"; retryAfterSeconds: number };

/**
 * Check-and-consume: the attempt is counted by a conditional UPDATE (parallel guesses cannot
 * overrun the 5), each evaluated guess takes a slot of the number's daily guess ceiling (20, across
 * challenges; a right code gives it back), the code is compared in constant time against its keyed
 * hash, and consumption is a second conditional UPDATE, so two parallel correct entries yield
 * exactly one success. A suppressed challenge (nothing was sent) counts attempts like any other, so
 * it looks the same, but never compares a guess.
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
  const attemptsLeft = OTP_MAX_ATTEMPTS - challenge.attempts;
  const wrong = (): VerifyOtpResult => (attemptsLeft > 0 ? { status: "wrong", attemptsLeft } : { status: "dead" });
  if (challenge.codeHash === SUPPRESSED) return wrong();

  const guesses = [{ seconds: DAY, limit: OTP_WRONG_GUESSES_PER_CONTACT_PER_DAY }];
  const guessKey = `otp-guess:${keyedHash("rate-limit-contact-guess", challenge.contactHash)}`;
  const slot = await takeSlot(guessKey, guesses, now, db);
  if (!slot.ok) {
    await alertOnce("otp.guess-ceiling", now, db);
    return { status: "limited", retryAfterSeconds: slot.retryAfterSeconds };
  }
  if (!constantTimeEqual(challenge.codeHash, codeHash(id, code))) {
    await countOtpEvent("wrong", challenge.agencyId, now, db);
    return wrong();
  }
  await giveBackSlot(guessKey, guesses, now, db);
  const consumed = await db.otpChallenge.updateMany({ where: live, data: { consumedAt: now } });
  if (consumed.count !== 1) return { status: "dead" };
  // Other live codes for this number at this agency (e.g. from another browser) are done with.
  await db.otpChallenge.updateMany({
    where: { contactHash: challenge.contactHash, agencyId: challenge.agencyId, cycleId: challenge.cycleId, consumedAt: null, voidedAt: null },
    data: { voidedAt: now },
  });
  await incrementCounter(verifiedKey(challenge.agencyId), HOUR, now, db);
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
