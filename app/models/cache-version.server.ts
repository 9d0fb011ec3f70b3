// Cache versions across instances (docs/decisions/019). Every write to a cached fact bumps its
// key's counter in the CacheVersion table IN THE SAME TRANSACTION as the write; every process reads
// the whole (small) table every CACHE_POLL_MS and tells the caches which keys changed since its
// last read, so they drop what they hold for them. A change committed through any instance is
// therefore dropped everywhere within about one poll interval. The survey submit does not rely on
// this: it checks the cycle's version and windows in its own transaction (models/submission.server.ts).
//
// Keys (one per fact, named by what they cover):
//   cycle:<cycleId>          the cycle row: its windows, its ruleset text, its de-duplication key
//   participation:<cycleId>  the agencies' participation in the cycle: registration, populations,
//                            the agency's own open/closed switches, publication
import { prisma, type Db } from "~/db.server";

export const cycleKey = (cycleId: string) => `cycle:${cycleId}`;
export const participationKey = (cycleId: string) => `participation:${cycleId}`;

type Listener = (key: string | null) => void;

const globalForVersions = globalThis as unknown as {
  __itaCacheVersions?: {
    /** The versions at the last poll; null until the first poll of this process. */
    seen: Map<string, number> | null;
    listeners: Set<Listener>;
    timer?: NodeJS.Timeout;
    polling?: Promise<void>;
  };
};
const state = (globalForVersions.__itaCacheVersions ??= { seen: null, listeners: new Set() });

/**
 * Call `listener` with each key whose version changed (another instance's write, or this one's),
 * or with null when everything must go (the first poll of the process: what was cached before it
 * has no known version). Returns the function that stops listening.
 */
export function onCacheVersionChange(listener: Listener): () => void {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

function notify(key: string | null) {
  for (const listener of state.listeners) {
    try {
      listener(key);
    } catch (error) {
      console.error("[cache] listener failed:", error instanceof Error ? error.message : error);
    }
  }
}

/**
 * Bump `keys` in the caller's transaction (pass the transaction client), so the new version is
 * visible exactly when the write is. This process's caches drop the keys at once too; the other
 * instances at their next poll.
 */
export async function bumpCacheVersions(keys: string[], db: Db): Promise<void> {
  const now = new Date();
  for (const key of new Set(keys)) {
    // One atomic statement on both databases (INSERT … ON CONFLICT DO UPDATE).
    await db.cacheVersion.upsert({ where: { key }, create: { key, version: 1, updatedAt: now }, update: { version: { increment: 1 }, updatedAt: now } });
  }
  for (const key of new Set(keys)) notify(key);
}

/**
 * Run `write` and bump `keys` in one transaction: a new one when `db` is the client, the caller's
 * when `db` is already a transaction client.
 */
export async function writeWithVersions<T>(keys: string[], write: (tx: Db) => Promise<T>, db: Db = prisma): Promise<T> {
  const run = async (tx: Db) => {
    const result = await write(tx);
    await bumpCacheVersions(keys, tx);
    return result;
  };
  // A transaction client has no $transaction of its own.
  if (typeof (db as { $transaction?: unknown }).$transaction !== "function") return run(db);
  return db.$transaction((tx) => run(tx as unknown as Db));
}

/** The stored version of one key (0 when never bumped). */
export async function readCacheVersion(key: string, db: Db = prisma): Promise<number> {
  return (await db.cacheVersion.findUnique({ where: { key }, select: { version: true } }))?.version ?? 0;
}

/**
 * Read every version once and notify the listeners of what changed since the last read. Concurrent
 * calls share one read. A failed read changes nothing (the next one compares with the last good one).
 */
export function pollCacheVersions(db: Db = prisma): Promise<void> {
  state.polling ??= (async () => {
    try {
      const rows = await db.cacheVersion.findMany({ select: { key: true, version: true } });
      const now = new Map(rows.map((row) => [row.key, row.version]));
      const before = state.seen;
      state.seen = now;
      if (!before) return notify(null);
      for (const [key, version] of now) if (before.get(key) !== version) notify(key);
    } finally {
      state.polling = undefined;
    }
  })();
  return state.polling;
}

/** Poll every `intervalMs` (env CACHE_POLL_MS) from now on; once per process. Never throws. */
export function startCacheVersionPolling(intervalMs: number): void {
  if (state.timer) return;
  const poll = () =>
    pollCacheVersions().catch((error: unknown) => console.error("[cache] version poll failed:", error instanceof Error ? error.message : error));
  void poll();
  state.timer = setInterval(poll, intervalMs);
  state.timer.unref();
}

export function stopCacheVersionPolling(): void {
  clearInterval(state.timer);
  state.timer = undefined;
}
