// Migrates ONE template database per run (one CLI call); each test file then gets a copy.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import {
  newRunId,
  postgresServerUrl,
  postgresTemplateName,
  postgresUrlFor,
  root,
  runStartedAt,
  sqliteRoot,
  sqliteRunDir,
  TEST_DATABASE_PREFIX,
  useInPostgres,
} from "./test-database";

function migrate(databaseUrl: string) {
  const result = spawnSync(process.execPath, [path.join(root, "scripts/db.js"), "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
}

export default async function globalSetup() {
  const runId = newRunId();
  process.env.ITA_TEST_RUN = runId; // inherited by the test workers (test/setup/database.ts)
  if (useInPostgres) {
    const template = postgresTemplateName(runId);
    const client = new pg.Client({ connectionString: postgresServerUrl });
    await client.connect();
    // Leftovers of interrupted runs (over an hour old) would otherwise pile up; runs in progress
    // elsewhere on this server are left alone.
    const stale = await client.query("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${TEST_DATABASE_PREFIX}%`]);
    for (const { datname } of stale.rows as { datname: string }[]) {
      const started = runStartedAt(datname);
      if (started === null || Date.now() - started > 3_600_000) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${template}"`);
    await client.end();
    migrate(postgresUrlFor(template));
    return async () => {
      const cleanup = new pg.Client({ connectionString: postgresServerUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await cleanup.end();
    };
  }
  // Leftover run folders of interrupted runs (over an hour old) are removed; others are in use.
  fs.mkdirSync(sqliteRoot, { recursive: true });
  for (const entry of fs.readdirSync(sqliteRoot)) {
    const started = runStartedAt(`${TEST_DATABASE_PREFIX}${entry}`);
    if (started === null || Date.now() - started > 3_600_000) fs.rmSync(path.join(sqliteRoot, entry), { recursive: true, force: true });
  }
  const template = path.join(sqliteRunDir(runId), "template.db");
  fs.mkdirSync(path.dirname(template), { recursive: true });
  migrate(`file:${template}`);
  // Fold the WAL back into the main file so a plain file copy is a complete database.
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(template);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("journal_mode = DELETE");
  db.close();
  return () => fs.rmSync(sqliteRunDir(runId), { recursive: true, force: true });
}
