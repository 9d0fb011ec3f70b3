// Driver adapters for Prisma 6.19 with the JS engine, for both databases.
// The runtime app and the Prisma CLI (prisma.config.ts) share this file. See
// docs/decisions/001-two-databases.md for the known Prisma 6.19.3 bugs worked around here.
import { randomUUID } from "node:crypto";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

export { databaseTarget, DEFAULT_DATABASE_URL, type DatabaseTarget } from "./database-url";

// ITA durability rules (shared/security.md): WAL, synchronous=FULL, busy_timeout ≥ 5000, FKs on.
export const SQLITE_BUSY_TIMEOUT_MS = 5000;
const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = FULL",
  `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  "PRAGMA foreign_keys = ON",
  // Deleted rows (purged OTP challenges, ended survey sessions with their contact hash) are
  // zeroed in their page instead of lingering as bytes in the file until the nightly VACUUM.
  "PRAGMA secure_delete = FAST",
];

/**
 * The better-sqlite3 adapter keeps ONE connection and only serialises transactions, so a query
 * issued outside a transaction by another request would run inside an open transaction (and be
 * rolled back with it). This wrapper queues every top-level query behind open transactions.
 */
class SerialisedSqliteAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;
  #tail: Promise<void> = Promise.resolve();

  constructor(private readonly inner: SqlDriverAdapter) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  #lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }

  /**
   * Run `work` while no Prisma query or transaction is running on this connection: the direct
   * submit path (app/db-direct.server.ts) writes through its own connection inside this.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.#serially(work);
  }

  async #serially<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.#lock();
    try {
      return await work();
    } finally {
      release();
    }
  }

  queryRaw(query: SqlQuery) {
    return this.#serially(() => this.inner.queryRaw(query));
  }
  executeRaw(query: SqlQuery) {
    return this.#serially(() => this.inner.executeRaw(query));
  }
  executeScript(script: string) {
    return this.#serially(() => this.inner.executeScript(script));
  }
  async startTransaction(isolationLevel?: Parameters<SqlDriverAdapter["startTransaction"]>[0]) {
    const release = await this.#lock();
    let tx: Transaction;
    try {
      tx = await this.inner.startTransaction(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = async () => {
      try {
        await commit();
      } finally {
        release();
      }
    };
    tx.rollback = async () => {
      try {
        await rollback();
      } finally {
        release();
      }
    };
    return tx;
  }
  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }
  dispose() {
    return this.inner.dispose();
  }
}

const connectedSqliteAdapters = new Map<string, SerialisedSqliteAdapter>();

/** The connected runtime adapter of a SQLite file (null before Prisma's first query). */
export function connectedSqliteAdapter(file: string): Pick<SerialisedSqliteAdapter, "exclusive"> | null {
  return connectedSqliteAdapters.get(file) ?? null;
}

export { SQLITE_PRAGMAS };

/** Runtime SQLite adapter: serialised, with the durability pragmas applied on connect. */
export function sqliteAdapter(file: string): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const inner = await base.connect();
      await inner.executeScript(SQLITE_PRAGMAS.join(";\n"));
      const adapter = new SerialisedSqliteAdapter(inner);
      connectedSqliteAdapters.set(file, adapter);
      return adapter;
    },
    connectToShadowDb: () => base.connectToShadowDb(),
  };
}

/** Connection counts of a pg pool (its totalCount, idleCount, waitingCount). */
export type PoolUse = { total: number; idle: number; waiting: number };
type PgPoolCounts = { totalCount: number; idleCount: number; waitingCount: number };
let prismaPostgresPool: PgPoolCounts | null = null;

/** The Prisma client's PostgreSQL pool in this process (null on SQLite or before the first query): for /metrics. */
export function prismaPoolUse(): PoolUse | null {
  const pool = prismaPostgresPool;
  return pool && { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}

/** Runtime PostgreSQL adapter (its pool is remembered for prismaPoolUse). */
export function postgresAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaPg({ connectionString: url, max: 10 });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const adapter = await base.connect();
      prismaPostgresPool = adapter.underlyingDriver();
      return adapter;
    },
    connectToShadowDb: () => base.connectToShadowDb(),
  };
}

// ─────────────── CLI-only work-arounds (prisma.config.ts) ───────────────

/**
 * Prisma 6.19.3 replays whole migrations on the shadow database through executeRaw, which both
 * drivers refuse for multi-statement SQL (P3006). Send those through executeScript instead.
 */
function runScriptsAsScripts(shadow: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = shadow.executeRaw.bind(shadow);
  shadow.executeRaw = async (query: SqlQuery) => {
    // A ";" followed by more SQL means several statements (our migrations have no ";" in strings).
    if (query.args.length > 0 || !/;\s*\S/.test(query.sql)) return executeRaw(query);
    await shadow.executeScript(query.sql);
    return 0;
  };
  return shadow;
}

/** SQLite for the migrate CLI: the shadow database (":memory:"; a file shadow fails) runs scripts. */
export function sqliteMigrateAdapter(file: string): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => base.connect(),
    connectToShadowDb: async () => runScriptsAsScripts(await base.connectToShadowDb()),
  };
}

// pg type OIDs that adapter-pg 6.19.3 cannot map (prisma/orm#27403); pg returns them as strings.
const PG_NAME_OID = 19;
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function reportCatalogTypesAsText<T extends object>(queryable: T): T {
  const target = queryable as unknown as { performIO: (q: SqlQuery) => Promise<{ fields: { dataTypeID: number }[] }> };
  const performIO = target.performIO.bind(queryable);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) {
      if (field.dataTypeID === PG_NAME_OID || field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  const withTx = queryable as unknown as { startTransaction?: SqlDriverAdapter["startTransaction"] };
  if (withTx.startTransaction) {
    const start = withTx.startTransaction.bind(queryable);
    withTx.startTransaction = async (level) => reportCatalogTypesAsText(await start(level));
  }
  return queryable;
}

/**
 * PostgreSQL for the migrate CLI: discrete connection fields (a connectionString would make the
 * "shadow" database silently the main one) and catalog types reported as text.
 */
export function postgresMigrateAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const u = new URL(url);
  const fields = {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || "postgres"),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
    allowExitOnIdle: true, // or the CLI idles ~10 s on the pool's idle timer after it is done
  };
  const base = new PrismaPg(fields);
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => reportCatalogTypesAsText(await base.connect()),
    // adapter-pg drops its shadow database before closing the pool that uses it ("being accessed
    // by other users"): close first, then drop.
    async connectToShadowDb() {
      const admin = await base.connect();
      const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      await admin.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = runScriptsAsScripts(reportCatalogTypesAsText(await new PrismaPg({ ...fields, database }).connect()));
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        await admin.dispose();
      };
      return shadow;
    },
  };
}
