// Readiness for /readyz (scripts/serve.js answers it before Remix; docs/decisions/013): the
// database answers AND every migration folder of the provider in use is applied. The answer says
// which of the two failed in one word, never why: no URL, no driver message, no versions.
import fs from "node:fs";
import path from "node:path";
import { dbTarget, prisma, type Db } from "~/db.server";
import { listAppliedMigrations, pingDatabase } from "~/models/health.server";

export type Readiness = {
  ready: boolean;
  database: "ok" | "down";
  /** "unknown": the database is down, or this build has no migration folders to compare with. */
  migrations: "ok" | "pending" | "unknown";
};

/** A check that takes longer than this is "down": a blackholed PostgreSQL host would hang for minutes. */
export const READINESS_TIMEOUT_MS = 3_000;
/** Probes (and floods of /readyz) within this long share one check: at most one pair of queries a second. */
export const READINESS_CACHE_MS = 1_000;

/**
 * The migrations this build expects: the folders of `<appRoot>/prisma/<provider>/migrations` that
 * hold a migration.sql — the same folders `npm run db:migrate` applies (scripts/db.js).
 */
export function expectedMigrations(migrationsDir: string): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

export function migrationsDirFor(appRoot: string, provider: "sqlite" | "postgres" = dbTarget.provider): string {
  return path.join(appRoot, "prisma", provider, "migrations");
}

/** One uncached check. `expected` null: this build's migration folders could not be read. */
export async function assessReadiness(options: { db?: Db; expected: string[] | null; timeoutMs?: number }): Promise<Readiness> {
  const db = options.db ?? prisma;
  const check = async (): Promise<Readiness> => {
    try {
      await pingDatabase(db);
    } catch {
      return { ready: false, database: "down", migrations: "unknown" };
    }
    if (options.expected === null) return { ready: false, database: "ok", migrations: "unknown" };
    let applied: Set<string>;
    try {
      applied = new Set(await listAppliedMigrations(db));
    } catch {
      // No _prisma_migrations table: a database never migrated (the ping just succeeded).
      return { ready: false, database: "ok", migrations: "pending" };
    }
    // A database AHEAD of this build (rows for folders it does not have) stays ready, so the
    // previous build can be put back after an upgrade: migrations only add (docs/operations.md).
    const pending = options.expected.some((name) => !applied.has(name));
    return { ready: !pending, database: "ok", migrations: pending ? "pending" : "ok" };
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, database: "down", migrations: "unknown" }), options.timeoutMs ?? READINESS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

let expectedCache: { dir: string; names: string[] | null } | null = null;
let lastCheck: { at: number; result: Promise<Readiness> } | null = null;

/**
 * The server's readiness (scripts/serve.js passes the app's root). Concurrent and repeated calls
 * within READINESS_CACHE_MS share one check. The folder list is read once: it changes only with a
 * new build, which means a restart.
 */
export function checkReadiness(appRoot: string, now = Date.now()): Promise<Readiness> {
  const dir = migrationsDirFor(appRoot);
  if (expectedCache?.dir !== dir) {
    let names: string[] | null;
    try {
      names = expectedMigrations(dir);
      if (names.length === 0) names = null;
    } catch {
      names = null;
    }
    if (names === null) console.error(`[readyz] no migration folders in ${dir}: not ready until the build ships prisma/`);
    expectedCache = { dir, names };
  }
  if (lastCheck && now - lastCheck.at < READINESS_CACHE_MS) return lastCheck.result;
  const result = assessReadiness({ expected: expectedCache.names });
  lastCheck = { at: now, result };
  return result;
}
