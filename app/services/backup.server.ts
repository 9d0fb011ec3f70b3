// `npm run ita -- backup --to <file>` (docs/operations.md → Backups): reshuffle the response tables
// first (their storage order must not tell when anyone answered, docs/decisions/002), then
//  - SQLite: an online copy through SQLite's backup API (better-sqlite3, already the app's driver:
//    no sqlite3 CLI needed on the server), checked with `PRAGMA integrity_check` before it is kept;
//  - PostgreSQL: `pg_dump --format=custom` in the snapshot its row counts were read in (the
//    password passed in the environment, never on the command line), checked by `pg_restore --list`.
// `npm run ita -- restore <file>` (docs/decisions/021) puts such a file into an EMPTY database.
// The copy is written next to its final name and renamed only once checked, so a file at `--to`
// is always a whole, checked backup.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { dbTarget } from "~/db.server";
import { childProcessEnv } from "~/env.server";
import {
  backupSqliteFile,
  copySqliteFile,
  countBackupRows,
  inExportedSnapshot,
  inspectSqliteFile,
  isSqliteFile,
  migrationsInPostgresDump,
  postgresContents,
  sqliteFileContents,
  type TableCounts,
  type TargetContents,
} from "~/models/backup.server";
import { noProgress, type Progress } from "~/utils/progress";
import { reshuffleResponses } from "./maintenance.server";

export type BackupReport = {
  provider: "sqlite" | "postgres";
  file: string;
  bytes: number;
  reshuffled: boolean;
  /** SQLite: the copy's `PRAGMA integrity_check` ("ok"). PostgreSQL: "ok" when pg_restore read the archive back. */
  integrity: string;
  /** Rows per table: of the copy itself (SQLite), of the database as it was dumped (PostgreSQL). */
  counts: TableCounts;
  ms: number;
};

/** A backup refused before anything was written: the CLI's exit 2. */
export class BackupRefused extends Error {
  override name = "BackupRefused";
}

/** libpq's variables for a postgres:// URL: the password stays out of `ps`. */
export function postgresEnvironment(url: string): Record<string, string> {
  const u = new URL(url);
  const vars: Record<string, string> = {
    PGHOST: u.hostname,
    PGPORT: u.port || "5432",
    PGDATABASE: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
    PGUSER: decodeURIComponent(u.username || "postgres"),
  };
  if (u.password) vars.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get("sslmode");
  if (sslmode) vars.PGSSLMODE = sslmode;
  return vars;
}

function run(program: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(program, args, { env: childProcessEnv(env), encoding: "utf8" });
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new Error(`${program} is not installed: apt install postgresql-client (the same major version as the server, or newer)`);
  }
  if (result.status !== 0) throw new Error(`${program} failed (${result.status}): ${result.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  return result.stdout;
}

export async function backupDatabase(options: { to: string; reshuffle?: boolean; progress?: Progress }): Promise<BackupReport> {
  const progress = options.progress ?? noProgress;
  const started = performance.now();
  const file = path.resolve(options.to);
  if (fs.existsSync(file)) throw new BackupRefused(`--to: ${file} มีอยู่แล้ว ไม่เขียนทับ / already exists; a backup never overwrites`);
  if (!fs.existsSync(path.dirname(file))) throw new BackupRefused(`--to: ไม่มีโฟลเดอร์ ${path.dirname(file)} / the folder does not exist`);
  if (dbTarget.provider === "sqlite" && file === dbTarget.file) throw new BackupRefused("--to: เป็นไฟล์ฐานข้อมูลเอง / is the database itself");

  let reshuffled = false;
  if (options.reshuffle !== false) {
    progress({ th: "สลับลำดับแถวคำตอบ", en: "reshuffling the responses" });
    const report = await reshuffleResponses();
    reshuffled = !("skipped" in report && report.skipped);
  }
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  progress({ th: "คัดลอกและตรวจสำเนา", en: "copying and checking the copy" });
  try {
    let bytes: number;
    let integrity: string;
    let counts: TableCounts;
    if (dbTarget.provider === "sqlite") {
      ({ bytes, integrity, counts } = await backupSqliteFile(dbTarget.file, partial));
      if (integrity !== "ok") throw new Error(`the copy failed PRAGMA integrity_check: ${integrity.slice(0, 300)}`);
    } else {
      const env = postgresEnvironment(dbTarget.url);
      // pg_dump in the snapshot the counts were read in: under load the dump holds exactly them.
      counts = await inExportedSnapshot(async (snapshot, snapshotCounts) => {
        run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--snapshot=${snapshot}`, "--file", partial], env);
        return snapshotCounts;
      });
      const listing = run("pg_restore", ["--list", partial], {});
      // Every counted table's data is in the archive.
      const missing = Object.keys(counts).filter((table) => !new RegExp(`TABLE DATA public "?${table}"? `).test(listing));
      if (missing.length > 0) throw new Error(`the dump lacks the data of ${missing.join(", ")}`);
      integrity = "ok";
      bytes = fs.statSync(partial).size;
    }
    fs.renameSync(partial, file);
    return { provider: dbTarget.provider, file, bytes, reshuffled, integrity, counts, ms: Math.round(performance.now() - started) };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

// ───────────── restore ─────────────

export type RestoreReport = {
  provider: "sqlite" | "postgres";
  /** The backup read. */
  file: string;
  /** SQLite: the database file written; PostgreSQL: the database's name. */
  target: string;
  /** Rows per table of the restored database. */
  counts: TableCounts;
  /** The migrations the backup carried (run `npm run db:migrate` when the build has more). */
  migrations: number;
  ms: number;
};

/** A restore refused before anything was written: the CLI's exit 2. */
export class RestoreRefused extends Error {
  override name = "RestoreRefused";
}

function firstBytes(file: string, length: number): string {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(length);
    return head.toString("latin1", 0, fs.readSync(fd, head, 0, length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** Refuse a target that is not empty: rows anywhere, or migrations other than the backup's. */
function refuseNonEmpty(target: Omit<TargetContents, "otherSessions">, backupMigrations: string[], where: string) {
  if (target.tablesWithRows.length > 0) {
    const some = target.tablesWithRows.slice(0, 5).join(", ") + (target.tablesWithRows.length > 5 ? ", …" : "");
    throw new RestoreRefused(
      `${where} ไม่ว่าง มีข้อมูลในตาราง ${some} — กู้คืนได้เฉพาะลงฐานข้อมูลว่าง / is not empty (rows in ${some}); a restore only writes into an empty database`,
    );
  }
  if (target.migrations !== null && target.migrations.length > 0 && !sameList(target.migrations, backupMigrations)) {
    throw new RestoreRefused(
      `${where} มี migration ไม่ตรงกับไฟล์สำรอง (${target.migrations.length} กับ ${backupMigrations.length}) — ใช้ฐานข้อมูลที่เพิ่งสร้าง / ` +
        `has migrations other than the backup's (${target.migrations.length} vs ${backupMigrations.length}); use a freshly created database`,
    );
  }
}

/**
 * Put a backup made by `backupDatabase` into the EMPTY database of DATABASE_URL (the app
 * stopped). Refused, with nothing written: a missing or foreign file, a target with rows in any
 * table, or with migrations other than the backup's, or (PostgreSQL) with other sessions open.
 *  - SQLite: the target file absent, empty, or migrated but empty, with no `-wal` beside it (no
 *    process has it open); the backup is checked (`PRAGMA integrity_check`), copied next to the
 *    target, flushed, and renamed into place.
 *  - PostgreSQL: `pg_restore --single-transaction --exit-on-error` (all or nothing), with
 *    `--clean --if-exists` when the target already holds the same, empty schema.
 */
export async function restoreDatabase(options: { from: string; progress?: Progress }): Promise<RestoreReport> {
  const progress = options.progress ?? noProgress;
  const started = performance.now();
  const file = path.resolve(options.from);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new RestoreRefused(`<file>: ไม่พบไฟล์ ${file} / no such file`);
  progress({ th: "ตรวจไฟล์สำรองและฐานข้อมูลปลายทาง", en: "checking the backup and the target database" });
  const isSqlite = isSqliteFile(file);
  const isDump = firstBytes(file, 5) === "PGDMP"; // pg_dump's custom format

  if (dbTarget.provider === "sqlite") {
    if (!isSqlite) {
      throw new RestoreRefused(
        `<file>: ไม่ใช่ไฟล์สำรอง SQLite${isDump ? " (เป็นไฟล์ pg_dump: ตั้ง DATABASE_URL เป็น PostgreSQL)" : ""} / is not a SQLite backup${isDump ? " (it is a pg_dump archive: set DATABASE_URL to PostgreSQL)" : ""}`,
      );
    }
    const target = dbTarget.file;
    if (target === file) throw new RestoreRefused("<file>: เป็นไฟล์ฐานข้อมูลปลายทางเอง / is the target database itself");
    const checked = inspectSqliteFile(file);
    if (checked.integrity !== "ok")
      throw new RestoreRefused(`<file>: ไฟล์สำรองเสียหาย / the backup fails PRAGMA integrity_check: ${checked.integrity.slice(0, 200)}`);
    const backupMigrations = sqliteFileContents(file).migrations;
    if (!backupMigrations?.length) throw new RestoreRefused("<file>: ไม่ใช่ไฟล์สำรองของระบบ ITA (ไม่มี migration) / is not an ITA backup (no migrations)");
    if (fs.existsSync(`${target}-wal`)) {
      throw new RestoreRefused(
        `DATABASE_URL: มีโปรแกรมเปิดฐานข้อมูลอยู่ (มีไฟล์ -wal) หยุดระบบก่อน / the database is open in a process (a -wal file is beside it): stop the app first`,
      );
    }
    if (fs.existsSync(target) && fs.statSync(target).size > 0) {
      if (!isSqliteFile(target)) throw new RestoreRefused(`DATABASE_URL: ${target} ไม่ใช่ฐานข้อมูล SQLite ไม่เขียนทับ / is not a SQLite database; not overwritten`);
      refuseNonEmpty(sqliteFileContents(target), backupMigrations, `DATABASE_URL (${target})`);
    }
    if (!fs.existsSync(path.dirname(target))) throw new RestoreRefused(`DATABASE_URL: ไม่มีโฟลเดอร์ ${path.dirname(target)} / the folder does not exist`);

    progress({ th: "คัดลอกไฟล์สำรองเข้าที่", en: "copying the backup into place" });
    const partial = `${target}.restoring`;
    fs.rmSync(partial, { force: true });
    try {
      copySqliteFile(file, partial);
      const copy = inspectSqliteFile(partial);
      if (copy.integrity !== "ok") throw new Error(`the copy failed PRAGMA integrity_check: ${copy.integrity.slice(0, 300)}`);
      fs.rmSync(`${target}-shm`, { force: true }); // a stale index of the file being replaced
      fs.renameSync(partial, target);
      return { provider: "sqlite", file, target, counts: copy.counts, migrations: backupMigrations.length, ms: Math.round(performance.now() - started) };
    } finally {
      fs.rmSync(partial, { force: true });
    }
  }

  if (!isDump) {
    throw new RestoreRefused(
      `<file>: ไม่ใช่ไฟล์ pg_dump${isSqlite ? " (เป็นไฟล์ SQLite: ตั้ง DATABASE_URL เป็น file:…)" : ""} / is not a pg_dump archive${isSqlite ? " (it is a SQLite file: set DATABASE_URL to file:…)" : ""}`,
    );
  }
  const backupMigrations = migrationsInPostgresDump(run("pg_restore", ["--data-only", "--table=_prisma_migrations", "--file=-", file], {}));
  if (!backupMigrations?.length) throw new RestoreRefused("<file>: ไม่ใช่ไฟล์สำรองของระบบ ITA (ไม่มี migration) / is not an ITA backup (no migrations)");
  const env = postgresEnvironment(dbTarget.url);
  const target = await postgresContents();
  if (target.otherSessions > 0) {
    throw new RestoreRefused(
      `DATABASE_URL: มีการเชื่อมต่ออื่นอีก ${target.otherSessions} รายการ หยุดระบบก่อน / ${target.otherSessions} other session(s) are connected to the database: stop the app first`,
    );
  }
  refuseNonEmpty(target, backupMigrations, `DATABASE_URL (${env.PGDATABASE})`);

  progress({ th: "กู้คืนข้อมูล (pg_restore)", en: "restoring (pg_restore)" });
  const replaceEmptySchema = target.migrations !== null ? ["--clean", "--if-exists"] : [];
  run(
    "pg_restore",
    ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", ...replaceEmptySchema, `--dbname=${env.PGDATABASE}`, file],
    env,
  );
  return {
    provider: "postgres",
    file,
    target: env.PGDATABASE,
    counts: await countBackupRows(),
    migrations: backupMigrations.length,
    ms: Math.round(performance.now() - started),
  };
}
