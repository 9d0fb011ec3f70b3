// Which database a DATABASE_URL names. No imports beyond node:path, so the env schema
// (app/env.server.ts) can take its default from here without loading the database drivers.
import path from "node:path";

export type DatabaseTarget = { provider: "sqlite"; url: string; file: string } | { provider: "postgres"; url: string };

export const DEFAULT_DATABASE_URL = "file:./data/ita.db";

/** SQLite for `file:` URLs (relative paths resolve from the working directory), PostgreSQL for `postgres(ql)://`. */
export function databaseTarget(url: string = DEFAULT_DATABASE_URL): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgres", url };
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    return { provider: "sqlite", url, file: file === ":memory:" ? file : path.resolve(file) };
  }
  throw new Error(`DATABASE_URL must start with "file:" (SQLite) or "postgres://" (PostgreSQL), got "${url.split(":")[0]}:…"`);
}
