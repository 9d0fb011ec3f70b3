// The one Prisma client. SQLite or PostgreSQL is chosen at run time from DATABASE_URL, so one
// build serves either (docs/decisions/001-two-databases.md).
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { env } from "./env.server";
import { databaseTarget, postgresAdapter, sqliteAdapter } from "./utils/db-adapters.server";
import { outageAs503 } from "./utils/database-unavailable.server";

// Both clients are generated from the same models, so their model APIs are identical; the app is
// typed against the SQLite one.
export type Db = InstanceType<typeof SqliteClient>;
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const dbTarget = databaseTarget(env.DATABASE_URL);

type QueryEvent = { duration: number; query: string };
const queryListeners = new Set<(event: QueryEvent) => void>();

/**
 * Listen to every statement the client sends (SQL only; tests count queries with it). The
 * extended client below has no `$on` of its own. Returns the function that stops listening.
 */
export function onQuery(listener: (event: QueryEvent) => void): () => void {
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

function createClient(): Db {
  const log = [{ emit: "event", level: "query" } as const];
  const client =
    dbTarget.provider === "sqlite"
      ? new SqliteClient({ adapter: sqliteAdapter(dbTarget.file), log })
      : (new PostgresClient({ adapter: postgresAdapter(dbTarget.url), log }) as unknown as Db);
  // Slow queries are logged with their SQL only — never their parameters (answers, contacts).
  (client as unknown as { $on: (e: "query", cb: (event: { duration: number; query: string }) => void) => void }).$on("query", (event) => {
    for (const listener of queryListeners) listener(event);
    if (event.duration >= env.SLOW_QUERY_MS) {
      console.warn(`[db] slow query ${event.duration} ms: ${event.query.slice(0, 300)}`);
    }
  });
  return outagesAs503(client);
}

/**
 * A database outage (down, disk full, locked too long) thrown by any query, raw query or
 * transaction (its BEGIN and COMMIT included) becomes a 503 "please try again" here, where it
 * surfaces — so no loader or action needs a wrapper (utils/database-unavailable.server.ts).
 */
export function outagesAs503(client: Db): Db {
  const extended = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          throw outageAs503(error);
        }
      },
    },
  });
  return new Proxy(extended, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== "$transaction" || typeof value !== "function") return value;
      return (...args: unknown[]) =>
        (value as (...args: unknown[]) => Promise<unknown>).apply(target, args).catch((error: unknown) => {
          throw outageAs503(error);
        });
    },
  }) as unknown as Db;
}

// Kept on globalThis so dev rebuilds do not open a new connection each time.
const globalForDb = globalThis as unknown as { __itaDb?: Db };
export const prisma: Db = (globalForDb.__itaDb ??= createClient());

export type DurabilityReport = Record<string, string>;

/**
 * Durable settings required by shared/security.md, read back from the live connection.
 * Throws when one is off, so the server refuses to start rather than lose acknowledged answers.
 */
export async function assertDurableSettings(db: Db = prisma): Promise<DurabilityReport> {
  const report: DurabilityReport = {};
  const problems: string[] = [];
  if (dbTarget.provider === "sqlite") {
    for (const pragma of ["journal_mode", "synchronous", "busy_timeout", "foreign_keys"]) {
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${pragma}`);
      report[pragma] = String(Object.values(rows[0] ?? {})[0]);
    }
    if (report.journal_mode !== "wal") problems.push(`journal_mode is ${report.journal_mode}, expected wal`);
    if (report.synchronous !== "2") problems.push(`synchronous is ${report.synchronous}, expected 2 (FULL)`);
    if (Number(report.busy_timeout) < 5000) problems.push(`busy_timeout is ${report.busy_timeout}, expected ≥ 5000`);
    if (report.foreign_keys !== "1") problems.push(`foreign_keys is ${report.foreign_keys}, expected 1`);
  } else {
    for (const setting of ["fsync", "synchronous_commit"]) {
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SHOW ${setting}`);
      report[setting] = String(Object.values(rows[0] ?? {})[0]);
    }
    if (report.fsync !== "on") problems.push(`fsync is ${report.fsync}, expected on`);
    if (report.synchronous_commit === "off") problems.push("synchronous_commit is off");
  }
  if (problems.length > 0) throw new Error(`Database is not durable: ${problems.join("; ")}`);
  return report;
}
