// `npm run ita -- backup --to <file>` (docs/operations.md → Backups): reshuffle the response tables
// first (their storage order must not tell when anyone answered, docs/decisions/002), then
//  - SQLite: an online copy through SQLite's backup API (better-sqlite3, already the app's driver:
//    no sqlite3 CLI needed on the server), checked with `PRAGMA integrity_check` before it is kept;
//  - PostgreSQL: `pg_dump --format=custom` (the password passed in the environment, never on the
//    command line), checked by `pg_restore --list` reading it back.
// The copy is written next to its final name and renamed only once checked, so a file at `--to`
// is always a whole, checked backup.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { dbTarget } from "~/db.server";
import { childProcessEnv } from "~/env.server";
import { backupSqliteFile, countBackupRows, type TableCounts } from "~/models/backup.server";
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
      counts = await countBackupRows();
      run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", partial], env);
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
