// Where integration tests get their database: SQLite by default, PostgreSQL when
// TEST_DATABASE=postgres (server from TEST_POSTGRES_URL, default the local one on 5432).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const root = path.resolve(import.meta.dirname, "../..");
export const useInPostgres = process.env.TEST_DATABASE === "postgres";
export const postgresServerUrl = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
export const sqliteRoot = path.join(root, "data/test");
export function sqliteRunDir(runId: string) {
  return path.join(sqliteRoot, runId);
}
// Names carry the run's start time, so concurrent runs on one server keep to their own databases
// and a run can drop only leftovers of runs that started over an hour ago.
export const TEST_DATABASE_PREFIX = "ita_test_";
export function postgresTemplateName(runId: string) {
  return `${TEST_DATABASE_PREFIX}${runId}_template`;
}
export function newRunId() {
  return `${Math.floor(Date.now() / 1000)}_${Math.random().toString(36).slice(2, 8)}`;
}
export function runStartedAt(databaseName: string): number | null {
  const match = new RegExp(`^${TEST_DATABASE_PREFIX}(\\d{10})_`).exec(databaseName);
  return match ? Number(match[1]) * 1000 : null;
}

export function postgresUrlFor(database: string): string {
  const url = new URL(postgresServerUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * An empty database of the provider under test, never migrated (the readiness tests): its URL and
 * how to remove it. PostgreSQL: a fresh database beside the run's; SQLite: a file in a temp folder.
 */
export async function neverMigratedDatabase(label: string): Promise<{ url: string; remove(): Promise<void> }> {
  if (useInPostgres) {
    // One per label: a file may need several (two deploys racing, a restore target …).
    const name = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_${label.replace(/\W/g, "_")}`;
    const admin = new pg.Client({ connectionString: postgresServerUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    return {
      url: postgresUrlFor(name),
      async remove() {
        const cleanup = new pg.Client({ connectionString: postgresServerUrl });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-readyz-"));
  return { url: `file:${path.join(dir, `${label}.db`)}`, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}
