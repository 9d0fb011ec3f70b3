// The two reads behind /readyz (app/services/health.server.ts, docs/decisions/013): is the
// database answering, and which migrations has `prisma migrate deploy` finished on it.
import { prisma, type Db } from "~/db.server";

/** One round trip; throws when the database cannot be reached. */
export async function pingDatabase(db: Db = prisma): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}

/**
 * The names of the migrations applied to this database: finished and not rolled back, as Prisma
 * records them in `_prisma_migrations` (same table and columns on SQLite and PostgreSQL). Throws
 * when the table does not exist (a database never migrated).
 */
export async function listAppliedMigrations(db: Db = prisma): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  return rows.map((row) => row.migration_name);
}
