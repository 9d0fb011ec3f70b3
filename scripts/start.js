#!/usr/bin/env node
// `npm start`: build, migrate, seed an empty database, then serve the production build.
//   --no-build   reuse ./build (the test runner has just built it)
//   --fresh      delete the SQLite file first (e2e runs start from a known state)
// Defaults: SQLite at ./data/ita.db, http://localhost:$PORT (3000). Set DATABASE_URL for PostgreSQL.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
// Unless the operator says NODE_ENV=production, this is the local demo: the production build with
// demo data, and a per-machine secret kept in data/.app-secret (git-ignored, never in the repo).
const demo = process.env.NODE_ENV !== "production";
// The demo also skips admin 2FA unless ADMIN_REQUIRE_2FA=true is set, so it can be tried without a phone.
const env = { ...process.env, NODE_ENV: "production", ...(demo ? { DEMO_MODE: "true", ADMIN_REQUIRE_2FA: process.env.ADMIN_REQUIRE_2FA ?? "false" } : {}) };
env.DATABASE_URL ||= "file:./data/ita.db";
env.PORT ||= "3000";
fs.mkdirSync(path.join(root, "data"), { recursive: true });
if (demo && !env.APP_SECRET) {
  const secretFile = path.join(root, "data/.app-secret");
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, crypto.randomBytes(48).toString("base64url"), { mode: 0o600 });
  env.APP_SECRET = fs.readFileSync(secretFile, "utf8").trim();
}

function run(command, commandArgs, extraEnv = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    console.error(`✗ ${command} ${commandArgs.join(" ")} failed`);
    process.exit(result.status ?? 1);
  }
}

if (args.has("--fresh") && env.DATABASE_URL.startsWith("file:")) {
  const file = path.resolve(root, env.DATABASE_URL.slice("file:".length));
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}
if (!args.has("--no-build")) run("npm", ["run", "--silent", "build"]);
run(process.execPath, ["scripts/db.js", "deploy"]);
// The seed refuses NODE_ENV=production: a real production start gets no demo data.
if (demo) {
  run(path.join(root, "node_modules/.bin/tsx"), ["prisma/seed.ts", "--if-empty"], { NODE_ENV: "development" });
}
const server = spawn(process.execPath, ["scripts/serve.js"], { cwd: root, stdio: "inherit", env });
const stop = (signal) => server.kill(signal);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => process.exit(code ?? 0));
