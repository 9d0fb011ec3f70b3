// What `npm run ita -- backup` reads and copies (app/services/backup.server.ts): an online copy
// of a SQLite file through SQLite's backup API (better-sqlite3's `db.backup()`), its integrity
// check, and the row counts that say a copy or a restore holds the same data.
import fs from "node:fs";
import Database from "better-sqlite3";
import { prisma, type Db } from "~/db.server";
import { SQLITE_BUSY_TIMEOUT_MS } from "~/utils/db-adapters.server";

const ALL_PAGES = 0x7fffffff;

/** The tables whose row counts a backup reports and a restore is checked against. */
export const BACKUP_COUNTED_TABLES = ["Agency", "Cycle", "AgencyCycle", "Response", "ResponseTally", "DailyCount", "OitScore", "User", "RoleGrant", "AuditLog"];

export type TableCounts = Record<string, number>;

/** Row counts of BACKUP_COUNTED_TABLES in the database `db` is connected to (same SQL on both databases). */
export async function countBackupRows(db: Pick<Db, "$queryRawUnsafe"> = prisma): Promise<TableCounts> {
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
    // All pages in one step, i.e. one read transaction: a consistent snapshot that submits (other
    // connections, which WAL lets go on writing) cannot restart. In steps of 100 pages, as by
    // default, every write landing between two steps restarts the copy, and under a steady
    // stream of submits a large file might never finish.
    await db.backup(to, { progress: () => ALL_PAGES });
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

/**
 * PostgreSQL: run `work` (pg_dump --snapshot) inside a REPEATABLE READ transaction whose snapshot
 * it exports, with the row counts of that same snapshot: the dump holds exactly the rows counted,
 * however many submits arrive meanwhile.
 */
export async function inExportedSnapshot<T>(work: (snapshot: string, counts: TableCounts) => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      // The app's client is typed for SQLite, whose only level is Serializable: set it in SQL, first.
      await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      const [{ snapshot }] = await tx.$queryRawUnsafe<{ snapshot: string }[]>("SELECT pg_export_snapshot() AS snapshot");
      return work(snapshot, await countBackupRows(tx));
    },
    { maxWait: 60_000, timeout: 24 * 3_600_000 },
  );
}

// ───────────── restore (app/services/backup.server.ts restoreDatabase) ─────────────

const MIGRATIONS_TABLE = "_prisma_migrations";
const APPLIED_MIGRATIONS = `SELECT migration_name AS name FROM "${MIGRATIONS_TABLE}" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`;

/** What a restore needs to know of the database it would write into. */
export type TargetContents = {
  /** Tables holding at least one row (the migrations table aside). */
  tablesWithRows: string[];
  /** Applied migrations, or null when the migrations table does not exist (never migrated). */
  migrations: string[] | null;
  /** PostgreSQL: other sessions connected to the database (an app still running). */
  otherSessions: number;
};

/** The first bytes of a SQLite database file. */
export function isSqliteFile(file: string): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(16);
    return fs.readSync(fd, head, 0, 16, 0) === 16 && head.toString("latin1") === "SQLite format 3\0";
  } finally {
    fs.closeSync(fd);
  }
}

/** A SQLite file's contents, read-only (the restore's target, or a backup). */
export function sqliteFileContents(file: string): Omit<TargetContents, "otherSessions"> {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    const tablesWithRows = tables.filter((table) => table !== MIGRATIONS_TABLE && db.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get() !== undefined);
    const migrations = tables.includes(MIGRATIONS_TABLE) ? (db.prepare(APPLIED_MIGRATIONS).all() as { name: string }[]).map((r) => r.name) : null;
    return { tablesWithRows, migrations };
  } finally {
    db.close();
  }
}

/** The PostgreSQL database `db` is connected to: its tables with rows (any schema but the system's), migrations, other sessions. */
export async function postgresContents(db: Db = prisma): Promise<TargetContents> {
  // ::text: adapter-pg 6.19 cannot read the catalog's `name` type (prisma/orm#27403).
  const tables = await db.$queryRawUnsafe<{ schema: string; name: string }[]>(
    `SELECT table_schema::text AS schema, table_name::text AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const tablesWithRows: string[] = [];
  for (const { schema, name } of tables) {
    if (schema === "public" && name === MIGRATIONS_TABLE) continue;
    const quoted = `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`;
    const [{ any }] = await db.$queryRawUnsafe<{ any: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM ${quoted}) AS any`);
    if (any) tablesWithRows.push(schema === "public" ? name : `${schema}.${name}`);
  }
  const hasMigrations = tables.some((t) => t.schema === "public" && t.name === MIGRATIONS_TABLE);
  const migrations = hasMigrations ? (await db.$queryRawUnsafe<{ name: string }[]>(APPLIED_MIGRATIONS)).map((r) => r.name) : null;
  const [{ n }] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(
    "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
  );
  return { tablesWithRows, migrations, otherSessions: Number(n) };
}

/**
 * The applied migrations recorded in a pg_dump archive, from the COPY block of its migrations
 * table (`pg_restore --data-only --table=_prisma_migrations --file=-`); null when it has none.
 */
export function migrationsInPostgresDump(copyText: string): string[] | null {
  const lines = copyText.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`COPY public.${MIGRATIONS_TABLE} (`));
  if (start === -1) return null;
  const columns = /\(([^)]*)\)/
    .exec(lines[start])![1]
    .split(",")
    .map((c) => c.trim());
  const [name, finished, rolledBack] = ["migration_name", "finished_at", "rolled_back_at"].map((c) => columns.indexOf(c));
  const applied: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === "\\.") break;
    const fields = line.split("\t");
    if (fields[finished] !== "\\N" && fields[rolledBack] === "\\N") applied.push(fields[name]);
  }
  return applied.sort();
}

/** Copy a SQLite backup to `to` (a new file next to the target) and flush it to disk. */
export function copySqliteFile(from: string, to: string): void {
  fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
  const fd = fs.openSync(to, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
