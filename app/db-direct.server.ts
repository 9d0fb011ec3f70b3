// The hot write path (the survey submit) in plain SQL through the database driver, with group
// commit. Prisma's engine costs ~9 ms of CPU per submit (docs/benchmarks.md); these statements
// cost a fraction of that. Everything else goes through Prisma (app/db.server.ts).
//
// SQLite: a second connection to the same file, used only inside the Prisma adapter's lock (so
// the two never hold write locks at once). Submits that arrive while a batch is committing wait
// for the next batch; a batch is ONE transaction with a savepoint per submit, so a refused submit
// rolls back alone and all of them share one fsync. Nobody is acknowledged before COMMIT returns.
// PostgreSQL: a small pool of its own; one transaction per submit (the server groups commits).
// docs/decisions/006-direct-submit-path.md.
import Database from "better-sqlite3";
import pg from "pg";
import { dbTarget, prisma } from "./db.server";
import { connectedSqliteAdapter, SQLITE_BUSY_TIMEOUT_MS, SQLITE_PRAGMAS } from "./utils/db-adapters.server";
import { outageAs503 } from "./utils/database-unavailable.server";

export type SqlResult = { changes: number; rows: Record<string, unknown>[] };
/** One statement with `?` placeholders (rewritten to $1… for PostgreSQL). */
export type Sql = (text: string, params?: unknown[]) => Promise<SqlResult>;

/** Timestamps as each database stores Prisma's DateTime: ISO text (+00:00) on SQLite, Date on PostgreSQL. */
export function sqlTime(date: Date): string | Date {
  return dbTarget.provider === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date;
}

export function isUniqueViolationError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

// ───────────────────────── SQLite ─────────────────────────

type Job = { work: (sql: Sql) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

const globalForDirect = globalThis as unknown as {
  __itaDirect?: {
    sqlite?: Database.Database;
    sqliteReader?: Database.Database;
    pool?: pg.Pool;
    /** Named PostgreSQL statements, kept with the pool whose connections have them prepared. */
    postgresStatements?: Map<string, { name?: string; text: string }>;
    queue: Job[];
    flushing: boolean;
    /** Submits committed since the WAL was last emptied, and the pending checkpoint (attack M6). */
    sinceCheckpoint?: number;
    checkpointTimer?: NodeJS.Timeout;
    /** After a RESTART: the TRUNCATE once submits pause. */
    idleTimer?: NodeJS.Timeout;
    checkpointSoon?: boolean;
    lastCheckpointAt?: number;
  };
};
const state = (globalForDirect.__itaDirect ??= { queue: [], flushing: false });
state.sinceCheckpoint ??= 0;

// ───────────────────────── WAL checkpoints (attack M6) ─────────────────────────
// A copy of the SQLite WAL orders every submit written since the last checkpoint: its frames are
// page images in commit order (test/reliability/linkage.test.ts reads them). SQLite's own
// auto-checkpoint runs only at 1,000 pages and is PASSIVE (the file keeps its old frames), so a
// copy ordered every submit since (17 of 17 in the demo audit). Now the WAL is checkpointed after
// every CHECKPOINT_EVERY_SUBMITS submits, at most once per CHECKPOINT_MIN_GAP_MS, or
// CHECKPOINT_AFTER_MS after the first submit since the last one (docs/decisions/014):
// - off the hot path: scheduled with setImmediate after a batch's COMMIT (callers are answered
//   first), and run under the Prisma adapter's lock, so no transaction of this process is open;
// - never waiting: busy_timeout is 0 for the checkpoint, so a reader of another process (a backup
//   tool, sqlite3) makes it return "busy" at once, after copying what it could (as PASSIVE
//   would); the next trigger tries again.
// - the mode: the counted checkpoint (submits keep coming) uses CHECKPOINT_WHILE_WRITING; the timed
//   ones use TRUNCATE, the only mode that leaves no older frames in the file for a copy to diff.
//   After a RESTART the file keeps the older frames past the new write point, so a TRUNCATE follows
//   CHECKPOINT_IDLE_MS after it when no submit came since.
export const CHECKPOINT_EVERY_SUBMITS = 4;
export const CHECKPOINT_AFTER_MS = 1000;
export const CHECKPOINT_MIN_GAP_MS = 250;
export const CHECKPOINT_WHILE_WRITING: "TRUNCATE" | "RESTART" = "TRUNCATE";
export const CHECKPOINT_IDLE_MS = 250;
/** Checkpoints run and those that found the WAL busy (tests, benchmarks). */
export const checkpointStats = { runs: 0, busy: 0 };

function noteCommitted(file: string, submits: number) {
  state.sinceCheckpoint! += submits;
  if (state.sinceCheckpoint! >= CHECKPOINT_EVERY_SUBMITS) {
    if (state.checkpointSoon) return;
    state.checkpointSoon = true;
    // Under a rush every batch passes the count. A TRUNCATE costs ~9 ms of blocked event loop with
    // five 20-row batches in the WAL on a loaded disk (fsync of the database file, then a growing
    // WAL), and at one per 100 ms the submit rate fell by a third: at most one per 250 ms.
    const wait = (state.lastCheckpointAt ?? 0) + CHECKPOINT_MIN_GAP_MS - Date.now();
    clearTimeout(state.checkpointTimer);
    if (wait <= 0) {
      state.checkpointTimer = undefined;
      setImmediate(() => void checkpointWal(file, CHECKPOINT_WHILE_WRITING));
    } else {
      state.checkpointTimer = setTimeout(() => void checkpointWal(file, CHECKPOINT_WHILE_WRITING), wait);
      state.checkpointTimer.unref();
    }
  } else if (!state.checkpointTimer) {
    state.checkpointTimer = setTimeout(() => void checkpointWal(file, "TRUNCATE"), CHECKPOINT_AFTER_MS);
    state.checkpointTimer.unref();
  }
}

async function checkpointWal(file: string, mode: "TRUNCATE" | "RESTART") {
  clearTimeout(state.checkpointTimer);
  clearTimeout(state.idleTimer);
  state.checkpointTimer = state.idleTimer = undefined;
  state.checkpointSoon = false;
  state.lastCheckpointAt = Date.now();
  const adapter = connectedSqliteAdapter(file);
  const db = state.sqlite;
  if (!adapter || !db || !db.open) return;
  const pending = state.sinceCheckpoint!;
  state.sinceCheckpoint = 0;
  let emptied = false;
  try {
    await adapter.exclusive(async () => {
      db.pragma("busy_timeout = 0");
      try {
        const [row] = db.pragma(`wal_checkpoint(${mode})`) as { busy: number }[];
        checkpointStats.runs++;
        if (row?.busy) {
          checkpointStats.busy++;
          state.sinceCheckpoint! += pending; // not emptied: the next submit tries again
        } else emptied = true;
      } finally {
        db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      }
    });
  } catch (error) {
    // Never a submit's failure: the data is committed; the WAL is emptied at the next trigger.
    state.sinceCheckpoint! += pending;
    console.error("[wal] checkpoint failed:", error instanceof Error ? error.message : error);
  }
  if (emptied && mode === "RESTART") {
    // The next submits overwrite the file from its start; what lies past them is older frames.
    // If none comes, truncate; if some do, the count or CHECKPOINT_AFTER_MS takes over.
    state.idleTimer = setTimeout(() => {
      state.idleTimer = undefined;
      if (state.sinceCheckpoint === 0 && !state.checkpointTimer && !state.checkpointSoon) void checkpointWal(file, "TRUNCATE");
    }, CHECKPOINT_IDLE_MS);
    state.idleTimer.unref();
  }
}

function sqliteConnection(file: string): Database.Database {
  if (!state.sqlite) {
    const db = new Database(file, { timeout: 5000 });
    for (const pragma of SQLITE_PRAGMAS) db.exec(pragma);
    state.sqlite = db;
  }
  return state.sqlite;
}

const sqliteStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function sqliteRunner(db: Database.Database): Sql {
  let statements = sqliteStatements.get(db);
  if (!statements) sqliteStatements.set(db, (statements = new Map()));
  return async (text, params = []) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    const values = params.map((value) => (typeof value === "boolean" ? (value ? 1 : 0) : value));
    if (statement.reader) return { changes: 0, rows: statement.all(values) as Record<string, unknown>[] };
    const info = statement.run(values);
    return { changes: info.changes, rows: [] };
  };
}

async function flushSqlite(file: string) {
  let adapter = connectedSqliteAdapter(file);
  if (!adapter) {
    await prisma.$queryRawUnsafe("SELECT 1"); // connect Prisma, whose lock we share
    adapter = connectedSqliteAdapter(file);
    if (!adapter) throw new Error("The SQLite adapter did not connect");
  }
  while (state.queue.length > 0) {
    await adapter.exclusive(async () => {
      const jobs = state.queue;
      state.queue = [];
      // Nobody is answered before the batch's COMMIT; on any failure of the batch itself (disk
      // full, I/O error) everything is rolled back and every caller gets the error.
      let db: Database.Database | undefined;
      try {
        db = sqliteConnection(file);
        const sql = sqliteRunner(db);
        const step = (text: string) => sql(text); // BEGIN/SAVEPOINT/…: prepared once, like the rest
        await step("BEGIN IMMEDIATE");
        const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
        for (const job of jobs) {
          await step("SAVEPOINT submit");
          let outcome: (typeof outcomes)[number];
          try {
            outcome = { ok: true, value: await job.work(sql) };
          } catch (error) {
            // This submit alone is undone (refused, or its own error); the batch goes on.
            outcome = { ok: false, error };
            await step("ROLLBACK TO submit");
          }
          await step("RELEASE submit");
          outcomes.push(outcome);
        }
        await step("COMMIT");
        jobs.forEach((job, index) => {
          const outcome = outcomes[index];
          if (outcome.ok) job.resolve(outcome.value);
          else job.reject(outcome.error);
        });
        noteCommitted(file, outcomes.filter((outcome) => outcome.ok).length);
      } catch (error) {
        try {
          if (db?.inTransaction) db.exec("ROLLBACK");
        } catch {
          // the connection is unusable; SQLite rolls back on its own when it is closed or reused
        }
        for (const job of jobs) job.reject(error);
      }
    });
  }
}

// ───────────────────────── PostgreSQL ─────────────────────────

// Named statements: PostgreSQL parses and plans each one once per connection, not on every call
// (the submit's ~10 statements were most of the database's CPU). A text seen for the first time
// past the bound runs unnamed, so statements built with inline values cannot grow this forever.
// Named statements need session pooling: behind PgBouncer, use session mode (or PgBouncer ≥ 1.21
// with max_prepared_statements).
const MAX_NAMED_STATEMENTS = 200;

function postgresQuery(text: string, values: unknown[]): pg.QueryConfig {
  const postgresStatements = (state.postgresStatements ??= new Map());
  let statement = postgresStatements.get(text);
  if (!statement) {
    let n = 0;
    const numbered = text.replace(/\?/g, () => `$${++n}`);
    if (postgresStatements.size >= MAX_NAMED_STATEMENTS) return { text: numbered, values };
    statement = { name: `ita_${postgresStatements.size + 1}`, text: numbered };
    postgresStatements.set(text, statement);
  }
  return { ...statement, values };
}

function postgresRunner(client: pg.PoolClient): Sql {
  return async (text, params = []) => {
    const result = await client.query(postgresQuery(text, params));
    return { changes: result.rowCount ?? 0, rows: result.rows };
  };
}

function postgresPool(url: string): pg.Pool {
  if (!state.pool) {
    state.pool = new pg.Pool({ connectionString: url, max: 10, allowExitOnIdle: true });
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool discards it and the next submit connects afresh.
    state.pool.on("error", (error) => console.error("[db] idle PostgreSQL connection lost:", error.message));
  }
  return state.pool;
}

/** The submit path's PostgreSQL pool in this process (null on SQLite or before the first submit): for /metrics. */
export function submitPoolUse(): { total: number; idle: number; waiting: number } | null {
  const pool = state.pool;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

async function inPostgresTransaction<T>(url: string, work: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await postgresPool(url).connect();
  try {
    await client.query("BEGIN");
    try {
      const value = await work(postgresRunner(client));
      await client.query("COMMIT");
      return value;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    client.release();
  }
}

/**
 * Run `work` in a transaction of its own (SQLite: its savepoint within a group-committed batch).
 * It resolves only after the COMMIT that made its writes durable; if `work` throws, none of its
 * writes are kept and the error is passed on.
 */
export function inDirectTransaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  return directTransaction(work).catch((error: unknown) => {
    throw outageAs503(error); // an outage is a 503 where it surfaces, as in db.server.ts
  });
}

function directTransaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  const target = dbTarget;
  if (target.provider === "postgres") return inPostgresTransaction(target.url, work);
  return new Promise<T>((resolve, reject) => {
    state.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    startFlush(target.file);
  });
}

function startFlush(file: string) {
  if (state.flushing) return;
  state.flushing = true;
  // Start on the next turn of the event loop, so that every submit whose request was read in this
  // turn joins the same batch (one fsync for all of them).
  new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => flushSqlite(file))
    .catch((error: unknown) => {
      for (const job of state.queue.splice(0)) job.reject(error);
    })
    .finally(() => {
      state.flushing = false;
      // A submit queued between the last batch and this line must not wait for the next one.
      if (state.queue.length > 0) startFlush(file);
    });
}

/**
 * One read of committed data, outside any transaction (SQLite: a read connection of its own, so it
 * never sees a batch that is not yet committed; PostgreSQL: the pool). For the submit hot path.
 */
export async function directRead(text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  try {
    return await readCommitted(text, params);
  } catch (error) {
    throw outageAs503(error); // an outage is a 503 where it surfaces, as in db.server.ts
  }
}

async function readCommitted(text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const target = dbTarget;
  if (target.provider === "postgres") return (await postgresPool(target.url).query(postgresQuery(text, params))).rows;
  if (!state.sqliteReader) {
    const db = new Database(target.file, { timeout: 5000 });
    db.pragma("busy_timeout = 5000");
    state.sqliteReader = db;
  }
  return (await sqliteRunner(state.sqliteReader)(text, params)).rows;
}

/** A DateTime column as read directly: Date on PostgreSQL, ISO text on SQLite. */
export function readTime(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** Close the direct connections (tests between databases, shutdown). */
export async function closeDirectConnections() {
  clearTimeout(state.checkpointTimer);
  clearTimeout(state.idleTimer);
  state.checkpointTimer = state.idleTimer = undefined;
  state.sqlite?.close();
  state.sqliteReader?.close();
  const pool = state.pool;
  state.sqlite = state.sqliteReader = state.pool = undefined;
  await pool?.end();
}
