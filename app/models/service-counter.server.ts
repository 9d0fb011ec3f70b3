// Service counters (จุดบริการ) registered per agency by its admin (shared/security.md → Anonymity).
// The EIT link and QR carry only the counter's opaque id; per-counter counts live in CounterTally
// (written by the submit, models/response.server.ts), never on a response, never beside a contact.
import crypto from "node:crypto";
import { prisma, type Db } from "~/db.server";
import { COUNTER_ID } from "~/utils/counter-tag";

const CROCKFORD_LOWER = "0123456789abcdefghjkmnpqrstvwxyz";

/** 80 bits from the CSPRNG as 16 Crockford Base32 characters; never derived from the label. */
export function newCounterId(): string {
  const bytes = crypto.randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let id = "";
  for (let i = 0; i < 16; i++) id = CROCKFORD_LOWER[Number((bits >> BigInt(i * 5)) & 31n)] + id;
  return id;
}

export function createServiceCounter(agencyId: string, label: string, db: Db = prisma) {
  return db.serviceCounter.create({ data: { id: newCounterId(), agencyId, label } });
}

/** Retire a counter of this agency: its link is ignored from now on; its count stays. */
export async function retireServiceCounter(agencyId: string, counterId: string, now = new Date(), db: Db = prisma) {
  const result = await db.serviceCounter.updateMany({ where: { id: counterId, agencyId, retiredAt: null }, data: { retiredAt: now } });
  return result.count === 1;
}

export function listServiceCounters(agencyId: string, db: Db = prisma) {
  return db.serviceCounter.findMany({ where: { agencyId }, orderBy: [{ retiredAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }] });
}

/** The counter when `candidate` is a registered, live counter of this agency; otherwise null. */
export async function findLiveCounter(agencyId: string, candidate: string | null | undefined, db: Db = prisma) {
  if (!candidate || !COUNTER_ID.test(candidate)) return null;
  return db.serviceCounter.findFirst({ where: { id: candidate, agencyId, retiredAt: null }, select: { id: true, label: true } });
}

/** The id when `candidate` is a registered, live counter of this agency; otherwise null (ignored). */
export async function findLiveCounterId(agencyId: string, candidate: string | null | undefined, db: Db = prisma): Promise<string | null> {
  return (await findLiveCounter(agencyId, candidate, db))?.id ?? null;
}
