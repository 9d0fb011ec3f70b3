// Where integration tests get their database: SQLite by default, PostgreSQL when
// TEST_DATABASE=postgres (server from TEST_POSTGRES_URL, default the local one on 5432).
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
export const useInPostgres = process.env.TEST_DATABASE === "postgres";
export const postgresServerUrl = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
export const sqliteTemplate = path.join(root, "data/test/template.db");
export const postgresTemplate = "ita_test_template";

export function postgresUrlFor(database: string): string {
  const url = new URL(postgresServerUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
