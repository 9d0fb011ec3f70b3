// Server variants for the WAL-checkpoint benchmarks (checkpoint-cost.ts, wal-exposure.ts, submit.ts
// --server-root): a copy of the current production build (npm run build) with the checkpoint's
// constants patched, under data/bench/variants/<name>/ next to a copy of scripts/serve.js (which
// loads build/index.js from its own parent folder). Patching a copy, not an environment variable:
// the checkpoints can be switched off or retuned only here, never in a deployed server (the app has
// no setting for them, docs/decisions/014). The unpatched variant is a copy too, so every run
// starts a server laid out the same way.
//   off             no checkpoint at all (noteCommitted returns at once): SQLite's own PASSIVE one at 1,000 pages
//   truncate        TRUNCATE for every checkpoint
//   restart         RESTART while submits keep coming, TRUNCATE once they pause
//   …,gap=N         CHECKPOINT_MIN_GAP_MS = N;  …,idle=N  CHECKPOINT_IDLE_MS = N;  …,every=N  CHECKPOINT_EVERY_SUBMITS = N
//   switchable      each SIGUSR2 switches the checkpoints off or on (submit.ts --switch-ms)
//   build           the build exactly as it is
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

function replaceOnce(source: string, search: string, replacement: string, variant: string): string {
  const at = source.indexOf(search);
  if (at < 0 || source.indexOf(search, at + 1) >= 0)
    throw new Error(`variant ${variant}: "${search}" is not in build/index.js exactly once (rebuild, or update variants.ts)`);
  return source.slice(0, at) + replacement + source.slice(at + search.length);
}

function setConstant(source: string, name: string, value: string, variant: string): string {
  const match = new RegExp(`\\b${name} = ("[A-Z]+"|[0-9e.]+|!0|!1|true|false)`).exec(source);
  if (!match) throw new Error(`variant ${variant}: no ${name} in build/index.js`);
  return replaceOnce(source, match[0], `${name} = ${value}`, variant);
}

/** The patched build/index.js of a variant (see the list at the top). */
export function patchedBuild(source: string, variant: string): string {
  let out = source;
  for (const part of variant.split(",")) {
    const [key, value] = part.split("=");
    if (key === "build") continue;
    else if (key === "off") out = replaceOnce(out, "function noteCommitted(file, submits) {", "function noteCommitted(file, submits) {\n  return;", variant);
    else if (key === "switchable") {
      out = replaceOnce(
        out,
        "function noteCommitted(file, submits) {",
        "function noteCommitted(file, submits) {\n  if (globalThis.__benchCheckpointsOff) return;",
        variant,
      );
      out += '\nprocess.on("SIGUSR2", () => { globalThis.__benchCheckpointsOff = !globalThis.__benchCheckpointsOff; });\n';
    } else if (key === "truncate") out = setConstant(out, "CHECKPOINT_WHILE_WRITING", '"TRUNCATE"', variant);
    else if (key === "restart") out = setConstant(out, "CHECKPOINT_WHILE_WRITING", '"RESTART"', variant);
    else if (key === "gap") out = setConstant(out, "CHECKPOINT_MIN_GAP_MS", String(Number(value)), variant);
    else if (key === "idle") out = setConstant(out, "CHECKPOINT_IDLE_MS", String(Number(value)), variant);
    else if (key === "every") out = setConstant(out, "CHECKPOINT_EVERY_SUBMITS", String(Number(value)), variant);
    else throw new Error(`unknown variant part "${part}"`);
  }
  return out;
}

/** Writes the variant's server folder and returns it (its scripts/serve.js is the server). */
export function prepareVariant(variant: string): string {
  const built = path.join(ROOT, "build/index.js");
  if (!fs.existsSync(built)) throw new Error("no build: run npm run build first");
  const dir = path.join(ROOT, "data/bench/variants", variant.replace(/[^a-z0-9=,]/gi, "_"));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "build"), { recursive: true });
  fs.mkdirSync(path.join(dir, "scripts"), { recursive: true });
  fs.writeFileSync(path.join(dir, "build/index.js"), patchedBuild(fs.readFileSync(built, "utf8"), variant));
  fs.copyFileSync(path.join(ROOT, "scripts/serve.js"), path.join(dir, "scripts/serve.js"));
  // Read by the server from its root: static files and the migrations /readyz checks.
  for (const shared of ["public", "prisma"]) fs.symlinkSync(path.join(ROOT, shared), path.join(dir, shared));
  return dir;
}

/** Starts a variant's server (as app-server.ts → startApp does for the real build). */
export async function startVariant(dir: string, port: number, databaseUrl: string) {
  const child = spawn(process.execPath, [path.join(dir, "scripts/serve.js")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DEMO_MODE: "true",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      SLOW_QUERY_MS: "100000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error("the variant's server exited at start");
    try {
      if ((await fetch(`${url}/`)).ok) break;
    } catch {}
    if (tries > 600) throw new Error("the variant's server did not start");
    await sleep(50);
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
