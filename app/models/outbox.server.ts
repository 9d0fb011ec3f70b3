// The outbox (docs/decisions/018): every SMS and e-mail is an OutboxMessage row written in the same
// transaction as the thing that needs it (an OTP challenge, an invitation, a reset token), and sent
// by a worker on any instance (app/services/outbox.server.ts). A claim is a compare-and-set
// `updateMany` on (state, attempts, lockedUntil), so it works the same on SQLite and PostgreSQL and
// two instances never hold one message at once; the claim is a lease, so a message whose sender
// was killed is taken over when the lease ends.
//
// The contact and the text are encrypted at rest (AES-256-GCM, a key derived from APP_SECRET) and
// set to null the moment the message is sent, failed or expired. The only exception is the demo's
// console transport, whose "delivery" is being shown on /dev/outbox (refused in production).
import { prisma, type Db, type DbTransaction } from "~/db.server";
import { decryptSecret, encryptSecret, randomId } from "~/utils/crypto.server";

export type OutboxChannel = "sms" | "email";
export type OutboxPurpose = "otp" | "invitation" | "password-reset" | "reminder";
export type OutboxState = "pending" | "sent" | "failed" | "expired";
export const OUTBOX_STATES: readonly OutboxState[] = ["pending", "sent", "failed", "expired"];

/** What is sealed in `payload`. `shownAs` is what the demo's /dev/outbox shows as the recipient. */
export type OutboxPayload = { to: string; subject: string; text: string; shownAs?: string };

/** A claimed message, opened for its sender. */
export type ClaimedMessage = {
  id: string;
  channel: OutboxChannel;
  purpose: OutboxPurpose;
  /** This try's number (1 for the first). */
  attempt: number;
  deliverBy: Date | null;
  agencyId: string | null;
  /** null when the payload cannot be opened (APP_SECRET changed): the sender marks it failed. */
  payload: OutboxPayload | null;
};

const SEAL_PURPOSE = "outbox-payload";

function seal(payload: OutboxPayload): string {
  return encryptSecret(SEAL_PURPOSE, JSON.stringify(payload));
}

function open(sealed: string | null): OutboxPayload | null {
  if (!sealed) return null;
  try {
    return JSON.parse(decryptSecret(SEAL_PURPOSE, sealed)) as OutboxPayload;
  } catch {
    return null;
  }
}

// Ids enqueued by this process: a one-shot CLI command sends its own messages before it exits
// (services/outbox.server.ts `deliverOwnMessages`). An id whose transaction rolled back is simply
// not found.
const enqueuedHere = new Set<string>();

/**
 * Write a message in the caller's transaction (it commits or rolls back with what needs it).
 * `deliverBy`: not sent after this (an OTP's expiry); it is marked expired instead. Its times are
 * the real clock's (a caller's test clock must not hide it from the worker or reorder the queue).
 */
export async function enqueueMessage(
  db: Db | DbTransaction,
  input: { channel: OutboxChannel; purpose: OutboxPurpose; payload: OutboxPayload; deliverBy?: Date | null; agencyId?: string | null },
): Promise<string> {
  const id = randomId();
  const now = new Date();
  await db.outboxMessage.create({
    data: {
      id,
      channel: input.channel,
      purpose: input.purpose,
      payload: seal(input.payload),
      state: "pending",
      nextAttemptAt: now,
      deliverBy: input.deliverBy ?? null,
      agencyId: input.agencyId ?? null,
      createdAt: now,
    },
  });
  enqueuedHere.add(id);
  return id;
}

/** The ids this process enqueued and has not yet taken back (see `enqueuedHere`). */
export function takeOwnMessageIds(): string[] {
  const ids = [...enqueuedHere];
  enqueuedHere.clear();
  return ids;
}

const free = (now: Date) => ({ OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] });

/**
 * Claim up to `limit` due messages for `instanceId` until now + `leaseMs`: each by a
 * compare-and-set on (pending, attempts, lock free), which also counts the try. Of two claimers
 * racing for a row, exactly one update matches. `ids` restricts the claim (a CLI's own messages).
 */
export async function claimMessages(
  instanceId: string,
  options: { limit: number; leaseMs: number; ids?: string[] },
  now = new Date(),
  db: Db = prisma,
): Promise<ClaimedMessage[]> {
  const candidates = await db.outboxMessage.findMany({
    where: { state: "pending", nextAttemptAt: { lte: now }, ...free(now), ...(options.ids ? { id: { in: options.ids } } : {}) },
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit,
    select: { id: true, attempts: true },
  });
  const lockedUntil = new Date(now.getTime() + options.leaseMs);
  const claimed: string[] = [];
  for (const candidate of candidates) {
    const won = await db.outboxMessage.updateMany({
      where: { id: candidate.id, state: "pending", attempts: candidate.attempts, ...free(now) },
      data: { lockedBy: instanceId, lockedUntil, attempts: { increment: 1 } },
    });
    if (won.count === 1) claimed.push(candidate.id);
  }
  if (claimed.length === 0) return [];
  const rows = await db.outboxMessage.findMany({ where: { id: { in: claimed }, lockedBy: instanceId, state: "pending" } });
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel as OutboxChannel,
    purpose: row.purpose as OutboxPurpose,
    attempt: row.attempts,
    deliverBy: row.deliverBy,
    agencyId: row.agencyId,
    payload: open(row.payload),
  }));
}

// Every finishing write is guarded by "still mine and pending": a sender whose lease ran out and
// was taken over cannot overwrite what the new holder does.
const mine = (id: string, instanceId: string) => ({ id, lockedBy: instanceId, state: "pending" });
const released = { lockedBy: null, lockedUntil: null };

/** Sent. The payload goes at once, unless `keepPayload` (the demo's console transport only). */
export async function markSent(id: string, instanceId: string, options: { keepPayload?: boolean } = {}, now = new Date(), db: Db = prisma) {
  const done = await db.outboxMessage.updateMany({
    where: mine(id, instanceId),
    data: { state: "sent", finishedAt: now, ...released, ...(options.keepPayload ? {} : { payload: null }) },
  });
  return done.count === 1;
}

/** Try again at `nextAttemptAt`; `reason` is the gateway's, never a contact or a code. */
export async function markRetry(id: string, instanceId: string, reason: string, nextAttemptAt: Date, db: Db = prisma) {
  const done = await db.outboxMessage.updateMany({ where: mine(id, instanceId), data: { nextAttemptAt, lastError: reason.slice(0, 500), ...released } });
  return done.count === 1;
}

/** Given up: terminal, payload gone. */
export async function markFailed(id: string, instanceId: string, reason: string, now = new Date(), db: Db = prisma) {
  const done = await db.outboxMessage.updateMany({
    where: mine(id, instanceId),
    data: { state: "failed", lastError: reason.slice(0, 500), finishedAt: now, payload: null, ...released },
  });
  return done.count === 1;
}

/** A claimed message past its `deliverBy`: expired, never sent late. */
export async function markExpired(id: string, instanceId: string, now = new Date(), db: Db = prisma) {
  const done = await db.outboxMessage.updateMany({ where: mine(id, instanceId), data: { state: "expired", finishedAt: now, payload: null, ...released } });
  return done.count === 1;
}

/**
 * Every pending message past its `deliverBy` that nobody is sending: expired (their payloads go).
 * Returns them per agency, so the worker can count OTP expiries per agency.
 */
export async function expireOverdue(now = new Date(), db: Db = prisma): Promise<Array<{ id: string; channel: string; agencyId: string | null }>> {
  const where = { state: "pending", deliverBy: { lt: now }, ...free(now) };
  const overdue = await db.outboxMessage.findMany({ where, select: { id: true, channel: true, agencyId: true } });
  if (overdue.length === 0) return [];
  const expired: typeof overdue = [];
  // One compare-and-set per row, so a row claimed in between is left to its sender.
  for (const row of overdue) {
    const done = await db.outboxMessage.updateMany({ where: { id: row.id, ...where }, data: { state: "expired", finishedAt: now, payload: null } });
    if (done.count === 1) expired.push(row);
  }
  return expired;
}

export type OutboxSummary = {
  counts: Record<OutboxState, number>;
  /** Seconds the oldest pending message has waited (null: none pending). */
  oldestPendingSeconds: number | null;
  /** Messages being sent now (a live claim). */
  inFlight: number;
  /** The latest errors: purpose, channel, state, tries, reason and when. Never a contact. */
  lastErrors: Array<{ id: string; channel: string; purpose: string; state: string; attempts: number; lastError: string; at: Date }>;
};

/** What the system administrator sees on /admin/operations (no contact data: no payload is read). */
export async function outboxSummary(now = new Date(), db: Db = prisma): Promise<OutboxSummary> {
  const [groups, oldest, inFlight, errors] = await Promise.all([
    db.outboxMessage.groupBy({ by: ["state"], _count: { _all: true } }),
    db.outboxMessage.findFirst({ where: { state: "pending" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.outboxMessage.count({ where: { state: "pending", lockedUntil: { gte: now } } }),
    db.outboxMessage.findMany({
      where: { lastError: { not: null } },
      orderBy: [{ finishedAt: { sort: "desc", nulls: "first" } }, { nextAttemptAt: "desc" }],
      take: 10,
      select: { id: true, channel: true, purpose: true, state: true, attempts: true, lastError: true, finishedAt: true, nextAttemptAt: true },
    }),
  ]);
  const counts = Object.fromEntries(OUTBOX_STATES.map((state) => [state, 0])) as Record<OutboxState, number>;
  for (const group of groups) if (group.state in counts) counts[group.state as OutboxState] = group._count._all;
  return {
    counts,
    oldestPendingSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.createdAt.getTime()) / 1000)) : null,
    inFlight,
    lastErrors: errors.map((row) => ({
      id: row.id,
      channel: row.channel,
      purpose: row.purpose,
      state: row.state,
      attempts: row.attempts,
      lastError: row.lastError ?? "",
      at: row.finishedAt ?? row.nextAttemptAt,
    })),
  };
}

/** The state of some messages (a CLI reports what became of its own). */
export async function messageStates(ids: string[], db: Db = prisma): Promise<Map<string, OutboxState>> {
  const rows = await db.outboxMessage.findMany({ where: { id: { in: ids } }, select: { id: true, state: true } });
  return new Map(rows.map((row) => [row.id, row.state as OutboxState]));
}

export type DevOutboxEntry = { id: string; to: string; kind: "email" | "phone"; text: string; at: string; state: string };

/**
 * The demo's /dev/outbox: the newest messages of the channels whose transport is the console,
 * opened. Only rows that still hold a payload (pending, or sent by the console transport).
 */
export async function listConsoleMessages(channels: OutboxChannel[], limit = 50, db: Db = prisma): Promise<DevOutboxEntry[]> {
  if (channels.length === 0) return [];
  const rows = await db.outboxMessage.findMany({
    where: { channel: { in: channels }, payload: { not: null } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.flatMap((row) => {
    const payload = open(row.payload);
    if (!payload) return [];
    const kind = row.channel === "sms" ? ("phone" as const) : ("email" as const);
    // As the console transports always printed them: an OTP's text; account mail with its subject.
    const text = row.purpose === "otp" ? payload.text : `${payload.subject}\n${payload.text}`;
    return [{ id: row.id, to: payload.shownAs ?? payload.to, kind, text, at: row.createdAt.toISOString(), state: row.state }];
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Finished rows (sent, failed, expired) older than `keepDays` are deleted (the hourly purge). An
 * OTP's row goes after a day at most, like its challenge (shared/security.md: OTP challenges are
 * purged within 24 h), so no per-agency trace of OTP times outlives them.
 */
export function purgeFinishedMessages(now: Date, keepDays: number, db: Db = prisma) {
  return db.outboxMessage.deleteMany({
    where: {
      OR: [
        { finishedAt: { lt: new Date(now.getTime() - keepDays * DAY_MS) } },
        { purpose: "otp", finishedAt: { lt: new Date(now.getTime() - Math.min(keepDays, 1) * DAY_MS) } },
      ],
    },
  });
}
