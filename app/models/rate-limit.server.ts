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

/** Count one event in every window of a key; returns the counts, shortest window first. */
export async function countEvent(key: string, windows: Window[], now = new Date(), db: Db = prisma): Promise<number[]> {
  const counts: number[] = [];
  for (const window of windows) counts.push(await incrementCounter(`${key}:${window.seconds}`, window.seconds, now, db));
  return counts;
}

/**
 * Take one slot in every window of a key, each atomically (a conditional upsert: the count goes
 * up only while it is below the limit), so parallel requests cannot overrun a limit the way
 * read-then-increment can. When a window is full, the slots already taken are given back and the
 * longest wait among the full windows is returned.
 */
export async function takeSlot(
  key: string,
  windows: Window[],
  now = new Date(),
  db: Db = prisma,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const taken: Window[] = [];
  for (const window of windows) {
    const rows = await db.$queryRaw<{ count: number | bigint }[]>`
      INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
      VALUES (${`${key}:${window.seconds}`}, ${windowStart(now, window.seconds)}, 1)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
      WHERE "RateLimitCounter"."count" < ${window.limit}
      RETURNING "count"`;
    if (rows.length === 0) {
      await giveBackSlot(key, taken, now, db);
      // The longest wait of every full window applies (10 min, then the hour, then the day).
      let wait = secondsLeft(now, window.seconds);
      for (const other of windows) {
        if ((await readCounter(`${key}:${other.seconds}`, other.seconds, now, db)) >= other.limit) {
          wait = Math.max(wait, secondsLeft(now, other.seconds));
        }
      }
      return { ok: false, retryAfterSeconds: wait };
    }
    taken.push(window);
  }
  return { ok: true };
}

/**
 * Return slots taken by takeSlot (e.g. the attempt turned out not to be a failure). A row back at
 * 0 is deleted (attack L8: a correct IIT code left a count-0 row keyed by the client's hash for
 * two days). Conditional on count = 0, so a slot taken meanwhile keeps its row.
 */
export async function giveBackSlot(key: string, windows: Window[], now = new Date(), db: Db = prisma) {
  for (const window of windows) {
    const where = { key: `${key}:${window.seconds}`, windowStart: windowStart(now, window.seconds) };
    await db.rateLimitCounter.updateMany({ where: { ...where, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
    await db.rateLimitCounter.deleteMany({ where: { ...where, count: { lte: 0 } } });
  }
}

/** Old windows are useless after a day; a purge job calls this. */
export function purgeCounters(olderThan: Date, db: Db = prisma) {
  return db.rateLimitCounter.deleteMany({ where: { windowStart: { lt: olderThan } } });
}
