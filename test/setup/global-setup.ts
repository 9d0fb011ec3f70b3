// Migrates ONE template database per run (one CLI call); each test file then gets a copy.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { postgresServerUrl, postgresTemplate, postgresUrlFor, root, sqliteTemplate, useInPostgres } from "./test-database";

function migrate(databaseUrl: string) {
  const result = spawnSync(process.execPath, [path.join(root, "scripts/db.js"), "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
}

export default async function globalSetup() {
  if (useInPostgres) {
    const client = new pg.Client({ connectionString: postgresServerUrl });
    await client.connect();
    // Leftovers of an interrupted run would otherwise pile up.
    const stale = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'ita_test_%'");
    for (const row of stale.rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${postgresTemplate}"`);
    await client.end();
    migrate(postgresUrlFor(postgresTemplate));
    return;
  }
  fs.rmSync(path.dirname(sqliteTemplate), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(sqliteTemplate), { recursive: true });
  migrate(`file:${sqliteTemplate}`);
  // Fold the WAL back into the main file so a plain file copy is a complete database.
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(sqliteTemplate);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("journal_mode = DELETE");
  db.close();
}
