#!/usr/bin/env node
// Database chores for both providers (docs/decisions/001-two-databases.md).
//   node scripts/db.js generate        generate both Prisma clients (SQLite and PostgreSQL)
//   node scripts/db.js deploy          apply migrations to DATABASE_URL (default file:./data/ita.db);
//                                      one at a time per database (scripts/migrate-lock.js): a second
//                                      deploy waits up to MIGRATE_LOCK_TIMEOUT_SECONDS (default 600)
//   node scripts/db.js check           both migration histories match prisma/models/models.prisma
//   node scripts/db.js diff <name>     write a new migration for both providers from the models
// The PostgreSQL side of check/diff needs a server: CHECK_POSTGRES_URL (default the local one).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withMigrateLock } from "./migrate-lock.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const preload = path.join(root, "scripts/prisma-preload.cjs");
const prismaBin = path.join(root, "node_modules/.bin/prisma");
const SQLITE_SCRATCH = "file:./data/.prisma-cli.db"; // the CLI wants a URL even when it needs no DB
const postgresUrl = process.env.CHECK_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

function prisma(args, databaseUrl, { capture = false } = {}) {
  fs.mkdirSync(path.join(root, "data"), { recursive: true });
  const result = spawnSync(prismaBin, args, {
    cwd: root,
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${preload}`.trim(),
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  return result;
}

function must(result, what) {
  if (result.status !== 0) {
    if (result.stdout) process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    console.error(`✗ ${what} failed (exit ${result.status})`);
    process.exit(1);
  }
}

const providers = { sqlite: SQLITE_SCRATCH, postgres: postgresUrl };

function diffAgainstMigrations(provider) {
  const dir = `prisma/${provider}`;
  const out = path.join(os.tmpdir(), `ita-diff-${provider}-${process.pid}.sql`);
  const result = prisma(
    ["migrate", "diff", "--from-migrations", `${dir}/migrations`, "--to-schema-datamodel", dir, "--script", "--exit-code", "-o", out],
    providers[provider],
    { capture: true },
  );
  // exit 0 = in sync, 2 = there is a change, anything else = the diff itself failed
  if (result.status !== 0 && result.status !== 2) must(result, `migrate diff (${provider})`);
  const sql = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "";
  fs.rmSync(out, { force: true });
  return { changed: result.status === 2, sql };
}

const [command, name] = process.argv.slice(2);
switch (command) {
  case "generate":
    for (const provider of Object.keys(providers)) {
      must(prisma(["generate", "--schema", `prisma/${provider}`], providers[provider], { capture: true }), `generate (${provider})`);
    }
    console.log("✓ Prisma clients generated (app/generated/sqlite, app/generated/postgres)");
    break;
  case "deploy": {
    const url = process.env.DATABASE_URL || "file:./data/ita.db";
    if (url.startsWith("file:")) fs.mkdirSync(path.dirname(path.resolve(root, url.slice(5))), { recursive: true });
    const timeoutSeconds = Number(process.env.MIGRATE_LOCK_TIMEOUT_SECONDS || 600);
    if (!(timeoutSeconds > 0)) {
      console.error("✗ MIGRATE_LOCK_TIMEOUT_SECONDS must be a number of seconds > 0");
      process.exit(2);
    }
    try {
      await withMigrateLock(url, { root, timeoutMs: timeoutSeconds * 1000, log: (line) => console.error(line) }, () =>
        must(prisma(["migrate", "deploy"], url, { capture: true }), "migrate deploy"),
      );
    } catch (error) {
      console.error(`✗ migrate deploy: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    }
    console.log(`✓ migrations applied (${url.startsWith("file:") ? url : "PostgreSQL"})`);
    break;
  }
  case "check": {
    let ok = true;
    for (const provider of Object.keys(providers)) {
      const { changed, sql } = diffAgainstMigrations(provider);
      if (changed) {
        ok = false;
        console.error(`✗ prisma/${provider}/migrations is behind prisma/models/models.prisma:\n${sql}`);
      } else console.log(`✓ prisma/${provider}/migrations matches the models`);
    }
    if (!ok) {
      console.error("Run: npm run db:diff -- <migration_name>");
      process.exit(1);
    }
    break;
  }
  case "diff": {
    if (!name || !/^[a-z0-9_]+$/.test(name)) {
      console.error("usage: node scripts/db.js diff <snake_case_name>");
      process.exit(2);
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    for (const provider of Object.keys(providers)) {
      const { changed, sql } = diffAgainstMigrations(provider);
      if (!changed) {
        console.log(`= prisma/${provider}: no change`);
        continue;
      }
      const dir = path.join(root, `prisma/${provider}/migrations/${stamp}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "migration.sql"), sql);
      console.log(`+ ${path.relative(root, dir)}/migration.sql — review it (SQLite: keep WITHOUT ROWID on response tables)`);
    }
    break;
  }
  default:
    console.error("usage: node scripts/db.js generate | deploy | check | diff <name>");
    process.exit(2);
}
