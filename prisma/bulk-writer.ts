// Bulk inserts for the national seed, straight through the database driver: a prepared INSERT in
// one transaction per batch on SQLite, INSERT … SELECT FROM unnest(arrays) on PostgreSQL. Seed-only:
// the app writes through its models (app/models/*.server.ts).
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "~/utils/db-adapters.server";

type Row = Record<string, unknown>;

// Tables are flushed in this order, so a row's foreign keys always exist (OitScore → AgencyCycle).
const TABLES = ["AgencyCycle", "OitScore", "Response", "ResponseTally", "TallySnapshot", "DailyCount"] as const;
type Table = (typeof TABLES)[number];
const BATCH_ROWS = 25_000;

/** PostgreSQL array type per column; text unless listed. */
function postgresType(column: string): string {
  if (/^sum\d+$/.test(column)) return "bigint";
  if (/^p\d+$/.test(column) || ["internalPopulation", "externalPopulation", "iitRefusedOverCap", "responses"].includes(column)) return "integer";
  if (["registered", "iitOpen", "eitOpen", "eitAllowEmail"].includes(column)) return "boolean";
  if (column === "score") return "double precision";
  if (column === "updatedAt") return "timestamp(3)";
  if (column === "instrument") return '"Instrument"';
  return "text";
}

/** How Prisma's SQLite adapter stores values: booleans as 0/1, DateTime as ISO text with +00:00. */
function sqliteValue(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value ?? null;
}

function columnsOf(rows: Row[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

export async function openBulkWriter(target: DatabaseTarget) {
  const buffers = new Map<Table, Row[]>(TABLES.map((table) => [table, []]));
  let buffered = 0;

  let writeBatch: (batches: [Table, Row[]][]) => Promise<void>;
  let closeConnection: () => Promise<void>;
  if (target.provider === "sqlite") {
    const db = new Database(target.file);
    // A bulk load that can simply be rerun: NORMAL sync inside WAL is enough here (the app itself
    // always runs FULL); a big page cache keeps the random-id B-tree in memory.
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("cache_size = -1000000");
    db.pragma("foreign_keys = ON");
    const statements = new Map<string, Database.Statement>();
    const insertAll = db.transaction((batches: [Table, Row[]][]) => {
      for (const [table, rows] of batches) {
        const columns = columnsOf(rows);
        const key = `${table}|${columns.join(",")}`;
        let statement = statements.get(key);
        if (!statement) {
          statement = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
          statements.set(key, statement);
        }
        for (const row of rows) statement.run(columns.map((column) => sqliteValue(row[column])));
      }
    });
    writeBatch = async (batches) => insertAll(batches);
    closeConnection = async () => {
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
    };
  } else {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    writeBatch = async (batches) => {
      await client.query("BEGIN");
      try {
        for (const [table, rows] of batches) {
          const columns = columnsOf(rows);
          const arrays = columns.map((column) => rows.map((row) => (row[column] === undefined ? null : row[column])));
          const unnest = columns.map((column, i) => `$${i + 1}::${postgresType(column)}[]`).join(", ");
          await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) SELECT * FROM unnest(${unnest})`, arrays);
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    };
    closeConnection = () => client.end();
  }

  async function flush() {
    const batches = TABLES.map((table) => [table, buffers.get(table)!] as [Table, Row[]]).filter(([, rows]) => rows.length > 0);
    if (batches.length === 0) return;
    await writeBatch(batches);
    for (const table of TABLES) buffers.set(table, []);
    buffered = 0;
  }

  return {
    add(table: Table, row: Row) {
      buffers.get(table)!.push(row);
      buffered++;
    },
    async flushIfFull() {
      if (buffered >= BATCH_ROWS) await flush();
    },
    async close() {
      await flush();
      await closeConnection();
    },
  };
}
