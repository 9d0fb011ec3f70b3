// Issue 18 §3: `npm run db:migrate` (scripts/db.js deploy) is safe to run from two instances at
// once (scripts/migrate-lock.js, docs/decisions/021), on an empty database of the provider under
// test (SQLite file, or PostgreSQL with TEST_DATABASE=postgres): both exit 0, the schema is
// complete and every migration is recorded once. A deploy that finds the lock held waits for it
// (and gives up, applying nothing, after MIGRATE_LOCK_TIMEOUT_SECONDS).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { expectedMigrations, migrationsDirFor } from "~/services/health.server";
import { MIGRATE_LOCK_KEY, sqliteLockFile } from "../../scripts/migrate-lock.js";
import { neverMigratedDatabase, root, useInPostgres } from "../setup/test-database";

const provider = useInPostgres ? "postgres" : "sqlite";
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** A database never migrated: a file in a temp folder, or a PostgreSQL database of its own per test. */
async function emptyDatabase(label: string) {
  const database = await neverMigratedDatabase(label);
  cleanups.push(database.remove);
  return database.url;
}

type Deploy = { code: number | null; stdout: string; stderr: string };
/** `node scripts/db.js deploy` as an operator runs it; `running.stderr` grows while it runs. */
function deploy(url: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["scripts/db.js", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: url, ...env } });
  const running = { stdout: "", stderr: "", exited: false };
  child.stdout.on("data", (chunk: Buffer) => (running.stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (running.stderr += chunk));
  const done = new Promise<Deploy>((resolve) =>
    child.once("close", (code) => {
      running.exited = true;
      resolve({ code, stdout: running.stdout, stderr: running.stderr });
    }),
  );
  return { running, done };
}

/** What `_prisma_migrations` holds (null: the table does not exist), and whether the last migration's table is there. */
async function migrationState(url: string): Promise<{ applied: string[] | null; outboxTable: boolean }> {
  const queries = {
    applied: `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    outbox: `SELECT count(*) AS n FROM "OutboxMessage"`,
  };
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length));
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
      const has = (name: string) => tables.some((t) => t.name === name);
      return {
        applied: has("_prisma_migrations") ? (db.prepare(queries.applied).all() as { name: string }[]).map((r) => r.name) : null,
        outboxTable: has("OutboxMessage") && (db.prepare(queries.outbox).get() as { n: number }).n === 0,
      };
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const has = async (name: string) => (await client.query(`SELECT to_regclass($1) AS t`, [`public."${name}"`])).rows[0].t !== null;
    return {
      applied: (await has("_prisma_migrations")) ? (await client.query(queries.applied)).rows.map((r: { name: string }) => r.name) : null,
      outboxTable: (await has("OutboxMessage")) && Number((await client.query(queries.outbox)).rows[0].n) === 0,
    };
  } finally {
    await client.end();
  }
}

/** The test itself holds the migration lock, as a deploy on another host would; `release()` lets go. */
async function holdMigrateLock(url: string): Promise<{ release(): Promise<void> }> {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const lock = new Database(sqliteLockFile(file));
    lock.exec("BEGIN EXCLUSIVE");
    return { release: async () => void lock.close() };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
  return { release: () => client.end() };
}

const folders = expectedMigrations(migrationsDirFor(root, provider));

describe(`db:migrate from two instances at once (${provider})`, () => {
  it("two deploys started together on an empty database: both exit 0, every migration applied exactly once, the schema complete", async () => {
    const url = await emptyDatabase("two-deploys");
    const [first, second] = await Promise.all([deploy(url).done, deploy(url).done]);
    expect([first.code, second.code], `${first.stderr}\n${second.stderr}`).toEqual([0, 0]);
    for (const run of [first, second]) expect(run.stdout).toMatch(/^✓ migrations applied/);
    // Prisma records a migration applied twice (or failed, or rolled back) as a row of its own.
    expect(await migrationState(url)).toEqual({ applied: [...folders].sort(), outboxTable: true });
    expect(folders.length).toBeGreaterThan(5);
  });

  it("a deploy that finds the lock held waits for it, applies nothing meanwhile, then completes", async () => {
    const url = await emptyDatabase("waits");
    const lock = await holdMigrateLock(url);
    const waiting = deploy(url);
    for (let tries = 0; !/another db:migrate is running/.test(waiting.running.stderr); tries++) {
      if (tries > 300 || waiting.running.exited) throw new Error(`the deploy did not wait: ${waiting.running.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(waiting.running.exited).toBe(false);
    expect((await migrationState(url)).applied).toBeNull();
    await lock.release();
    const done = await waiting.done;
    expect(done.code, done.stderr).toBe(0);
    expect(await migrationState(url)).toEqual({ applied: [...folders].sort(), outboxTable: true });
  });

  it("gives up after MIGRATE_LOCK_TIMEOUT_SECONDS with exit 1 and a clear line, having applied nothing", async () => {
    const url = await emptyDatabase("gives-up");
    const lock = await holdMigrateLock(url);
    try {
      const run = await deploy(url, { MIGRATE_LOCK_TIMEOUT_SECONDS: "1" }).done;
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/another db:migrate still held the migration lock after 1 s \(MIGRATE_LOCK_TIMEOUT_SECONDS\); nothing was applied\n$/);
      expect((await migrationState(url)).applied).toBeNull();
    } finally {
      await lock.release();
    }
  });
});
