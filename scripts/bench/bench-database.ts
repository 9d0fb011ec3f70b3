// Shared by the benchmark scripts: point DATABASE_URL at a fresh SQLite file of the benchmark's
// own (unless `keepUrl`: a DATABASE_URL already set, e.g. PostgreSQL), give it a secret, migrate.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function prepareBenchDatabase(sqliteFile: string, options: { keepUrl?: boolean } = {}) {
  if (!(options.keepUrl && process.env.DATABASE_URL)) {
    fs.mkdirSync(path.dirname(sqliteFile), { recursive: true });
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${sqliteFile}${suffix}`, { force: true });
    process.env.DATABASE_URL = `file:${sqliteFile}`;
  }
  process.env.APP_SECRET ??= randomBytes(32).toString("hex");
  const migrate = spawnSync(process.execPath, ["scripts/db.js", "deploy"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
  if (migrate.status !== 0) process.exit(1);
}
