// Prisma CLI configuration: fully offline (JS schema engine + driver adapters, no downloads).
// The database is chosen from DATABASE_URL exactly as the app does (app/utils/db-adapters.server.ts).
// This file and app/env.server.ts are the only readers of process.env.
import { defineConfig } from "prisma/config";
import { databaseTarget, postgresMigrateAdapter, sqliteMigrateAdapter } from "./app/utils/db-adapters.server";

const target = databaseTarget(process.env.DATABASE_URL || undefined);
process.env.DATABASE_URL ||= target.url; // the schema's env("DATABASE_URL") must resolve

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `prisma/${target.provider}`,
  migrations: { path: `prisma/${target.provider}/migrations` },
  adapter: async () => (target.provider === "sqlite" ? sqliteMigrateAdapter(target.file) : postgresMigrateAdapter(target.url)),
});
