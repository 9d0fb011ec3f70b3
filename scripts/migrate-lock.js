// @ts-check
// One `npm run db:migrate` at a time per database (scripts/db.js deploy; docs/decisions/021). A
// rolling upgrade may start it from two hosts or two units at once; the second waits for the
// first, then finds nothing left to apply.
//
// Prisma's `migrate deploy` has locks of its own, but they give up quickly: on PostgreSQL
// pg_advisory_lock(72707369) times out after 10 s, and on SQLite `locking_mode=EXCLUSIVE` after
// the adapter's 5 s busy timeout — so a second deploy during a long migration fails instead of
// waiting. This lock is taken around the whole command, waits up to MIGRATE_LOCK_TIMEOUT_SECONDS
// (default 600), and is released by the database or the OS when its holder dies (no stale locks):
//  - PostgreSQL: a session advisory lock, MIGRATE_LOCK_KEY, on a connection held for the run;
//  - SQLite: an exclusive transaction on a small lock database beside the file
//    (`<file>.migrate-lock`), i.e. SQLite's own file lock; the lock file stays, empty of data.
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

/** The advisory lock key of `db:migrate` (issue 18, decision 021; Prisma's own is 72707369, held inside this one). */
export const MIGRATE_LOCK_KEY = 180_212_026;

/** The SQLite lock file for the database file `file`. */
export const sqliteLockFile = (/** @type {string} */ file) => `${file}.migrate-lock`;

/**
 * Run `work` (synchronous: the Prisma CLI as a child process) holding the migration lock of the
 * database at `url`. `log` receives the one line said while waiting.
 * @template T
 * @param {string} url DATABASE_URL (`file:` resolved from `root`)
 * @param {{ root: string; timeoutMs: number; log: (line: string) => void }} options
 * @param {() => T} work
 * @returns {Promise<T>}
 */
export async function withMigrateLock(url, { root, timeoutMs, log }, work) {
  const waitingLine = `… another db:migrate is running on this database: waiting for it (at most ${Math.round(timeoutMs / 1000)} s)`;
  if (url.startsWith("file:")) {
    const lock = new Database(sqliteLockFile(path.resolve(root, url.slice("file:".length))), { timeout: 0 });
    try {
      try {
        lock.exec("BEGIN EXCLUSIVE");
      } catch (error) {
        if (/** @type {{ code?: string }} */ (error).code !== "SQLITE_BUSY") throw error;
        log(waitingLine);
        lock.pragma(`busy_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
        try {
          lock.exec("BEGIN EXCLUSIVE");
        } catch (again) {
          if (/** @type {{ code?: string }} */ (again).code === "SQLITE_BUSY") throw new MigrateLockTimeout(timeoutMs);
          throw again;
        }
      }
      return work();
    } finally {
      lock.close(); // closing ends the transaction and releases the file lock
    }
  }
  const client = new pg.Client({ connectionString: url, application_name: "ita db:migrate" });
  client.on("error", () => {}); // a dropped connection surfaces in the query that needs it
  await client.connect();
  try {
    const [{ locked }] = (await client.query("SELECT pg_try_advisory_lock($1) AS locked", [MIGRATE_LOCK_KEY])).rows;
    if (!locked) {
      log(waitingLine);
      await client.query(`SET statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
      } catch (error) {
        if (/** @type {{ code?: string }} */ (error).code === "57014") throw new MigrateLockTimeout(timeoutMs); // query_canceled
        throw error;
      }
    }
    return work();
  } finally {
    await client.end(); // ending the session releases the advisory lock
  }
}

export class MigrateLockTimeout extends Error {
  /** @param {number} timeoutMs */
  constructor(timeoutMs) {
    super(`another db:migrate still held the migration lock after ${Math.round(timeoutMs / 1000)} s (MIGRATE_LOCK_TIMEOUT_SECONDS); nothing was applied`);
    this.name = "MigrateLockTimeout";
  }
}
