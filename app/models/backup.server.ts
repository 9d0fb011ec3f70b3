// What `npm run ita -- backup` reads and copies (app/services/backup.server.ts): an online copy
// of a SQLite file through SQLite's backup API (better-sqlite3's `db.backup()`), its integrity
// check, and the row counts that say a copy or a restore holds the same data.
import fs from "node:fs";
import Database from "better-sqlite3";
import { prisma, type Db } from "~/db.server";
import { SQLITE_BUSY_TIMEOUT_MS } from "~/utils/db-adapters.server";

/** The tables whose row counts a backup reports and a restore is checked against. */
export const BACKUP_COUNTED_TABLES = ["Agency", "Cycle", "AgencyCycle", "Response", "ResponseTally", "DailyCount", "OitScore", "User", "RoleGrant", "AuditLog"];

export type TableCounts = Record<string, number>;

/** Row counts of BACKUP_COUNTED_TABLES in the database `db` is connected to (same SQL on both databases). */
export async function countBackupRows(db: Db = prisma): Promise<TableCounts> {
  const counts: TableCounts = {};
  for (const table of BACKUP_COUNTED_TABLES) {
    const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
    counts[table] = Number(row.n);
  }
  return counts;
}

/**
 * Copy the SQLite database at `source` to `to` while the app may be writing: SQLite's online
 * backup API copies a consistent snapshot (WAL included) and restarts if a write lands mid-copy.
 * Then the copy is checked on its own: `PRAGMA integrity_check` and its row counts.
 */
export async function backupSqliteFile(source: string, to: string): Promise<{ bytes: number; integrity: string; counts: TableCounts }> {
  const db = new Database(source, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    await db.backup(to);
  } finally {
    db.close();
  }
  return { bytes: fs.statSync(to).size, ...inspectSqliteFile(to) };
}

/** `PRAGMA integrity_check` ("ok", or the problems it found) and the row counts of a SQLite file. */
export function inspectSqliteFile(file: string): { integrity: string; counts: TableCounts } {
  const db = new Database(file, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((row) => row.integrity_check).join("; ");
    const counts: TableCounts = {};
    for (const table of BACKUP_COUNTED_TABLES) counts[table] = Number((db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n);
    return { integrity, counts };
  } finally {
    db.close();
  }
}
