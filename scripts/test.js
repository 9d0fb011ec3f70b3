#!/usr/bin/env node
// `npm test`: everything, on a fresh machine — build, typecheck, unit + integration (SQLite),
// then e2e in Debian's Chromium. Provisions Chromium with apt when it is missing and we are root;
// otherwise stops with a one-line instruction. The e2e suite is never skipped silently.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const started = Date.now();

function step(title, command, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  console.log(`✓ ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

// What e2e needs from Debian: the browser, Thai fonts for screenshots/PDFs, pdftotext for PDFs.
const SYSTEM_PACKAGES = "chromium fonts-thai-tlwg poppler-utils";

function ensureSystemPackages() {
  if (fs.existsSync(CHROMIUM) && fs.existsSync("/usr/bin/pdftotext")) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !fs.existsSync("/usr/bin/apt-get")) {
    console.error(`✗ e2e needs Chromium and pdftotext: run "sudo apt-get install -y ${SYSTEM_PACKAGES}" (or set CHROMIUM_PATH), then npm test again.`);
    process.exit(1);
  }
  step(`install ${SYSTEM_PACKAGES} (apt)`, "sh", [
    "-c",
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${SYSTEM_PACKAGES} >/dev/null`,
  ]);
}

const bin = (name) => path.join(root, "node_modules/.bin", name);
ensureSystemPackages();
step("build (Prisma clients + Remix)", "npm", ["run", "--silent", "build"]);
step("typecheck", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]);
// Vitest's default is one worker per core but one, which on a 2-core machine (CI's) is ONE: the
// files then run one after another while the second core idles on fsyncs and child processes.
// Two workers there took the suite from ~414 s to ~333 s (docs/benchmarks.md, "CI time").
const workers = String(Math.max(2, os.availableParallelism() - 1));
step("unit + integration tests (SQLite)", bin("vitest"), ["run", "--project", "unit", "--project", "integration", `--maxWorkers=${workers}`]);
step("e2e tests (Chromium)", bin("playwright"), ["test"]);
console.log(`\n✓ all tests passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
