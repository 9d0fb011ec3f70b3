// Storage-level anonymity (docs/decisions/002-anonymous-responses.md, shared/security.md →
// Anonymity): nothing about where or how a response row is stored may say when it was written.
//
// PostgreSQL: a heap fills in insertion order (ctid), every row carries the id of the transaction
// that wrote it (xmin), and a submit writes its response, its EIT-1 marker, the tally, the daily
// count and the snapshot in ONE transaction — so ctid, xmin and the order of a pg_dump link a
// response to its moment and to its phone, and the tally's dead row versions (one per submit, with
// that same xmin) give each response's points in order. `reshuffleAnonymousRows` rewrites those
// tables in one transaction: copy, TRUNCATE (a new file; the old one, with the history, is unlinked
// at commit) and re-insert in key order — random ids for responses — so afterwards every row has
// the same xmin and heap order is key order. CLUSTER and VACUUM FULL keep each row's old xmin.
//
// SQLite: those tables are WITHOUT ROWID, stored in key order, but a page remembers more: SQLite
// fills a page's cell area from its end, so inside a page newer rows sit lower (the linkage test
// measured this on the response index), and the WAL holds page images in commit order. The
// reshuffle VACUUMs (every page rebuilt in key order; free pages and deleted rows' bytes gone) and
// then empties the WAL (checkpoint TRUNCATE).
import pg from "pg";
import { dbTarget, prisma } from "~/db.server";

/**
 * The tables a submit writes in one transaction, in the order it writes them
 * (app/models/submission.server.ts), which is the order they are locked: a submit that already
 * holds one of them finishes before the reshuffle takes it, so the two never deadlock. Each is
 * re-inserted in primary-key order — for Response a 128-bit random id.
 */
export const RESHUFFLED_TABLES = [
  { table: "EitContactMarker", orderBy: `"cycleId", "agencyId", "contactHash"` },
  { table: "ResponseTally", orderBy: `"agencyId", "cycleId", "instrument"` },
  { table: "Response", orderBy: `"id"` },
  { table: "DailyCount", orderBy: `"agencyId", "cycleId", "instrument", "day"` },
  { table: "TallySnapshot", orderBy: `"agencyId", "cycleId", "instrument"` },
  // Written last by a submit: their xmin would otherwise tie a response to its category / counter.
  { table: "ScreeningTally", orderBy: `"agencyId", "cycleId", "instrument", "question", "answer"` },
  { table: "CounterTally", orderBy: `"counterId", "cycleId"` },
] as const;

/** The server runs it every night at this Bangkok hour, when hardly anyone submits (decision 002). */
export const RESHUFFLE_HOUR_BANGKOK = 3;

export type ReshuffleReport =
  | { provider: "postgres"; skipped: true; reason: string; totalMs: number }
  | {
      provider: "postgres";
      skipped?: false;
      rows: Record<string, number>;
      tableMs: Record<string, number>;
      /** "skipped": re-inserted as a superuser without per-row foreign-key checks (4× faster). */
      foreignKeyChecks: "skipped" | "checked";
      lockWaitMs: number;
      rewriteMs: number;
      totalMs: number;
    }
  | { provider: "sqlite"; vacuumMs: number; checkpointed: boolean; totalMs: number };

/**
 * Rewrite the anonymous tables so that neither physical order nor transaction ids follow insertion.
 * Submits wait while it runs. PostgreSQL: the tables above are locked, so reads of them wait too
 * (~20–30 s at a million responses); it throws rather than queue behind a long transaction for more
 * than `lockTimeoutMs`, since every submit would queue behind it. SQLite: better-sqlite3 is
 * synchronous, so the whole process stalls for the VACUUM (~5 s at a million responses).
 * scripts/bench/reshuffle.ts measures both.
 */
export async function reshuffleAnonymousRows(
  options: { lockTimeoutMs?: number; skipForeignKeyChecks?: boolean; waitForOtherRun?: boolean } = {},
): Promise<ReshuffleReport> {
  const started = performance.now();
  if (dbTarget.provider === "postgres")
    return reshufflePostgres(dbTarget.url, options.lockTimeoutMs ?? 10_000, options.skipForeignKeyChecks ?? true, options.waitForOtherRun ?? false, started);
  // Through Prisma's connection, whose lock the direct submit path also takes: submits queue
  // behind the VACUUM instead of failing on a busy database.
  await prisma.$executeRawUnsafe("VACUUM");
  const vacuumed = performance.now();
  // The VACUUM went through the WAL; a TRUNCATE checkpoint copies it in and empties the file.
  // busy = 1 means a reader kept it from finishing (the next run tries again).
  const [row] = await prisma.$queryRawUnsafe<{ busy: number | bigint }[]>("PRAGMA wal_checkpoint(TRUNCATE)");
  return {
    provider: "sqlite",
    vacuumMs: vacuumed - started,
    checkpointed: Number(row?.busy ?? 1) === 0,
    totalMs: performance.now() - started,
  };
}

async function reshufflePostgres(
  url: string,
  lockTimeoutMs: number,
  skipForeignKeyChecks: boolean,
  waitForOtherRun: boolean,
  started: number,
): Promise<ReshuffleReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows: Record<string, number> = {};
  const tableMs: Record<string, number> = {};
  // If this process dies mid-run, its backend notices within a second (PostgreSQL ≥ 14) and rolls
  // back, instead of finishing its current statement and holding the tables' locks until then:
  // the instance that takes the job over (decision 020) gets them sooner. Best effort.
  await client.query("SET client_connection_check_interval = 1000").catch(() => {});
  try {
    await client.query("BEGIN");
    try {
      await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`);
      // Several app instances share one PostgreSQL: one reshuffle at a time. The fleet's nightly job
      // (one holder under its lease) waits, within lock_timeout, for a run whose instance died and
      // whose backend is still rolling back; a manual run skips when another one is running.
      if (waitForOtherRun) {
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('ita:reshuffle-anonymous-rows'))`);
      } else {
        const { rows: mine } = await client.query(`SELECT pg_try_advisory_xact_lock(hashtext('ita:reshuffle-anonymous-rows')) AS ok`);
        if (!mine[0]?.ok) {
          await client.query("ROLLBACK");
          return { provider: "postgres", skipped: true, reason: "another reshuffle is running", totalMs: performance.now() - started };
        }
      }
      // The sort of a million rows, and the index builds, in memory rather than temporary files.
      await client.query("SET LOCAL work_mem = '512MB'");
      await client.query("SET LOCAL maintenance_work_mem = '512MB'");
      await client.query(`LOCK TABLE ${RESHUFFLED_TABLES.map(({ table }) => `"${table}"`).join(", ")} IN ACCESS EXCLUSIVE MODE`);
      const locked = performance.now();
      // The rows go back exactly as they were, under a lock no writer gets past, so the per-row
      // foreign-key check (three quarters of the time at a million rows) proves nothing new. Only
      // a superuser may turn it off; anyone else gets the checked insert. (Dropping the foreign
      // keys instead would lock Agency and Cycle — every page reads them — until the commit.)
      let foreignKeyChecks: "skipped" | "checked" = "checked";
      if (skipForeignKeyChecks) {
        await client.query("SAVEPOINT replica_role");
        try {
          await client.query("SET LOCAL session_replication_role = replica");
          await client.query("RELEASE SAVEPOINT replica_role");
          foreignKeyChecks = "skipped";
        } catch {
          await client.query("ROLLBACK TO SAVEPOINT replica_role");
        }
      }
      for (const { table, orderBy } of RESHUFFLED_TABLES) {
        const tableStarted = performance.now();
        const copy = `reshuffle_${table}`;
        await client.query(`CREATE TEMP TABLE "${copy}" ON COMMIT DROP AS SELECT * FROM "${table}"`);
        await client.query(`TRUNCATE "${table}"`);
        // Secondary indexes are rebuilt by one sort afterwards (~40 % faster at a million rows
        // than maintaining them row by row); the primary key takes the rows in its own order.
        const { rows: indexes } = await client.query(
          `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
             FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
          [`"${table}"`],
        );
        for (const index of indexes as { name: string }[]) await client.query(`DROP INDEX ${index.name}`);
        const inserted = await client.query(`INSERT INTO "${table}" SELECT * FROM "${copy}" ORDER BY ${orderBy}`);
        for (const index of indexes as { definition: string }[]) await client.query(index.definition);
        rows[table] = inserted.rowCount ?? 0;
        tableMs[table] = Math.round(performance.now() - tableStarted);
      }
      await client.query("COMMIT");
      const committed = performance.now();
      // Fresh files have no planner statistics.
      await client.query(`ANALYZE ${RESHUFFLED_TABLES.map(({ table }) => `"${table}"`).join(", ")}`);
      return {
        provider: "postgres",
        rows,
        tableMs,
        foreignKeyChecks,
        lockWaitMs: locked - started,
        rewriteMs: committed - locked,
        totalMs: performance.now() - started,
      };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    await client.end();
  }
}

/** Milliseconds from `now` to the next RESHUFFLE_HOUR_BANGKOK:00 in Bangkok (UTC+7, no daylight saving). */
export function msUntilNextReshuffle(now = new Date()): number {
  const bangkok = new Date(now.getTime() + 7 * 3600_000);
  const today = Date.UTC(bangkok.getUTCFullYear(), bangkok.getUTCMonth(), bangkok.getUTCDate(), RESHUFFLE_HOUR_BANGKOK) - 7 * 3600_000;
  return (today > now.getTime() ? today : today + 86_400_000) - now.getTime();
}

/**
 * The latest RESHUFFLE_HOUR_BANGKOK:00 in Bangkok at or before `now`: the nightly reshuffle is due
 * when it last finished before this (app/services/jobs.server.ts runs it once per fleet, and a
 * night missed while every instance was down is run by whichever instance looks next).
 */
export function lastReshuffleTimeBefore(now = new Date()): Date {
  return new Date(now.getTime() + msUntilNextReshuffle(now) - 86_400_000);
}
