// Many rows into one table in few statements, naming only the columns given (the database fills
// the rest from its defaults). Prisma's createMany is ~30× slower for this (it sends every column,
// a hundred rows a statement): 8,317 agencies and their participations took 7 s of a 10 s budget
// (scripts/bench/agency-import.ts). Values are bound parameters, never text in the SQL.
import { dbTarget, prisma, type Db } from "~/db.server";

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

export type BulkValue = string | number | boolean | Date | null;

/**
 * INSERT `rows` (each in `columns`' order) into `table`. `casts` names PostgreSQL types for the
 * columns that need one ("AgencyKind", "timestamp(3)" …); dates and booleans are stored the way
 * Prisma stores them on each database.
 */
export async function bulkInsert(table: string, columns: string[], rows: BulkValue[][], casts: Record<string, string> = {}, db: Db = prisma) {
  if (rows.length === 0) return;
  const postgres = dbTarget.provider === "postgres";
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES `;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const tuples = chunk.map((_, row) => {
      const cells = columns.map((column, c) => {
        if (!postgres) return "?";
        const placeholder = `$${row * columns.length + c + 1}`;
        return casts[column] ? `${placeholder}::${casts[column]}` : placeholder;
      });
      return `(${cells.join(", ")})`;
    });
    const values = chunk.flat().map((value) => {
      if (value instanceof Date) return postgres ? value.toISOString() : value.toISOString().replace("Z", "+00:00");
      if (typeof value === "boolean" && !postgres) return value ? 1 : 0;
      return value;
    });
    await db.$executeRawUnsafe(head + tuples.join(", "), ...values);
  }
}
