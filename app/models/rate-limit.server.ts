// Fixed-window counters in the database, so limits hold across processes and restarts.
import { prisma, type Db } from "~/db.server";

export type Window = { seconds: number; limit: number };

export function windowStart(now: Date, seconds: number): Date {
  const ms = seconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/** Seconds until the window that contains `now` ends (at least 1). */
export function secondsLeft(now: Date, seconds: number): number {
  const end = windowStart(now, seconds).getTime() + seconds * 1000;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}

/** Add one to a counter and return the new count — one atomic statement on both databases. */
export async function incrementCounter(key: string, seconds: number, now = new Date(), db: Db = prisma): Promise<number> {
  const start = windowStart(now, seconds);
  const rows = await db.$queryRaw<{ count: number | bigint }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES (${key}, ${start}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
    RETURNING "count"`;
  return Number(rows[0].count);
}

export async function readCounter(key: string, seconds: number, now = new Date(), db: Db = prisma): Promise<number> {
  const row = await db.rateLimitCounter.findUnique({
    where: { key_windowStart: { key, windowStart: windowStart(now, seconds) } },
  });
  return row?.count ?? 0;
}

/**
 * Checks several windows for one key (e.g. 10 per 10 min, 20 per hour, 50 per day: the longer
 * windows make the wait grow for whoever keeps going). Returns the longest wait that applies.
 */
export async function retryAfter(key: string, windows: Window[], now = new Date(), db: Db = prisma): Promise<number | null> {
  let wait: number | null = null;
  for (const window of windows) {
    const count = await readCounter(`${key}:${window.seconds}`, window.seconds, now, db);
    if (count >= window.limit) wait = Math.max(wait ?? 0, secondsLeft(now, window.seconds));
  }
  return wait;
}

/** Count one event in every window of a key; returns the counts, shortest window first. */
export async function countEvent(key: string, windows: Window[], now = new Date(), db: Db = prisma): Promise<number[]> {
  const counts: number[] = [];
  for (const window of windows) counts.push(await incrementCounter(`${key}:${window.seconds}`, window.seconds, now, db));
  return counts;
}

/** Old windows are useless after a day; a purge job calls this. */
export function purgeCounters(olderThan: Date, db: Db = prisma) {
  return db.rateLimitCounter.deleteMany({ where: { windowStart: { lt: olderThan } } });
}
