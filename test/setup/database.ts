// Runs before each integration test file: a fresh database copied from the migrated template,
// pointed to by DATABASE_URL before any app module reads it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll } from "vitest";
import { postgresServerUrl, postgresTemplateName, postgresUrlFor, sqliteRunDir, TEST_DATABASE_PREFIX, useInPostgres } from "./test-database";

const runId = process.env.ITA_TEST_RUN ?? "";
const name = `${TEST_DATABASE_PREFIX}${runId || "local"}_w${process.env.VITEST_POOL_ID ?? "0"}_${crypto.randomBytes(4).toString("hex")}`;
let sqliteFile: string | null = null;

if (useInPostgres) {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}" TEMPLATE "${postgresTemplateName(runId)}"`);
  await client.end();
  process.env.DATABASE_URL = postgresUrlFor(name);
} else {
  sqliteFile = path.join(sqliteRunDir(runId), `${name}.db`);
  fs.copyFileSync(path.join(sqliteRunDir(runId), "template.db"), sqliteFile);
  process.env.DATABASE_URL = `file:${sqliteFile}`;
}
process.env.NODE_ENV = "test";
// A fixed secret for tests only (never used elsewhere).
process.env.APP_SECRET ||= "test-secret-test-secret-test-secret-0123456789";

// A client left on globalThis by a previous file in this worker points at another database
// (so do the direct submit path's connections, app/db-direct.server.ts).
delete (globalThis as { __itaDb?: unknown }).__itaDb;
delete (globalThis as { __itaDirect?: unknown }).__itaDirect;

afterAll(async () => {
  const holder = globalThis as { __itaDb?: { $disconnect(): Promise<void> } };
  await holder.__itaDb?.$disconnect();
  delete holder.__itaDb;
  // The direct submit path's own connections (before the DROP), if a test opened any.
  if ((globalThis as { __itaDirect?: unknown }).__itaDirect) {
    const { closeDirectConnections } = await import("~/db-direct.server");
    await closeDirectConnections();
    delete (globalThis as { __itaDirect?: unknown }).__itaDirect;
  }
  if (sqliteFile) {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(sqliteFile + suffix, { force: true });
  } else {
    const client = new pg.Client({ connectionString: postgresServerUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  }
});
