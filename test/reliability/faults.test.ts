// Issue #8, reliability: the database fails under a running production server.
//   • disk full — the SQLite file on a 16 MB tmpfs, filled to the last byte while the server runs;
//   • database down — a throwaway PostgreSQL server of the test's own, stopped (immediate mode).
// Every submit meanwhile must answer 503 with "not saved, please try again" (never a thank-you,
// never a 500) and leave nothing behind; after recovery the same submits (same key, same survey
// session) are written exactly once, and the database is consistent. The admin pages meanwhile
// answer 503 too (a session made before the outage; a sign-in writes nothing).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { type AppServer, freePort, indexOf, keysOf, post, isThanks, type Submission, serverErrors, startApp } from "./app-server";
import { cookieHeader, ROOT } from "./harness";
import { sqliteRunDir } from "../setup/test-database";
import http from "node:http";
import type { Db } from "~/db.server";
import { PrismaClient as PostgresClient } from "~/generated/postgres/client";
import { PrismaClient as SqliteClient } from "~/generated/sqlite/client";
import { createAdminSession } from "~/models/admin-session.server";
import { createUser } from "~/models/user.server";
import { adminCookie } from "~/services/admin-guard.server";
import { randomId } from "~/utils/crypto.server";
import { databaseTarget, postgresAdapter, sqliteAdapter } from "~/utils/db-adapters.server";

const NOT_SAVED_TH = "ระบบยังไม่ได้บันทึกคำตอบของท่าน";
const UNAVAILABLE_TH = "ระบบขัดข้องชั่วคราว สิ่งที่ท่านเพิ่งส่งยังไม่ได้บันทึก กรุณาลองใหม่อีกครั้ง"; // error.503
const BEFORE = 10; // submits that go through before the fault
const DURING = 20; // submits sent while the database is failing, retried after recovery

type Prepared = { agencyId: string; cycleId: string; submissions: Submission[] };

/** An agency and prepared submissions in the database at `databaseUrl` (a child process: not this test's own database). */
function prepare(databaseUrl: string, count: number): Prepared {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ita-prepare-")), "prepared.json");
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["test/reliability/prepare-cli.ts", String(count), out], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "test" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prepare failed: ${result.stderr}`);
  return JSON.parse(fs.readFileSync(out, "utf8")) as Prepared;
}

type State = {
  rows: number;
  indexes: Map<number, number>;
  tally: Record<string, number>;
  daily: number;
  keys: number;
  markers: number;
  sessions: number;
  adminSessions: number;
  audit: number;
  rateLimits: number;
};

/** What the database holds for the agency, read straight from the database. */
async function inspect(databaseUrl: string, agencyId: string): Promise<State> {
  const queries = {
    responses: [`SELECT "instrument", "answers" FROM "Response" WHERE "agencyId" = ?`, [agencyId]],
    tally: [`SELECT "instrument", "responses" FROM "ResponseTally" WHERE "agencyId" = ?`, [agencyId]],
    daily: [`SELECT COALESCE(SUM("responses"), 0) AS n FROM "DailyCount" WHERE "agencyId" = ?`, [agencyId]],
    keys: [`SELECT COUNT(*) AS n FROM "IdempotencyKey"`, []],
    markers: [`SELECT COUNT(*) AS n FROM "EitContactMarker" WHERE "agencyId" = ?`, [agencyId]],
    sessions: [`SELECT COUNT(*) AS n FROM "SurveySession" WHERE "agencyId" = ?`, [agencyId]],
    adminSessions: [`SELECT COUNT(*) AS n FROM "AdminSession"`, []],
    audit: [`SELECT COUNT(*) AS n FROM "AuditLog"`, []],
    rateLimits: [`SELECT COUNT(*) AS n FROM "RateLimitCounter"`, []],
  } as const;
  const results: Record<string, Record<string, unknown>[]> = {};
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(databaseUrl.slice("file:".length), { readonly: true });
    for (const [name, [text, params]] of Object.entries(queries)) results[name] = db.prepare(text).all(...params) as Record<string, unknown>[];
    db.close();
  } else {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const [name, [text, params]] of Object.entries(queries)) {
      let n = 0;
      results[name] = (
        await client.query(
          text.replace(/\?/g, () => `$${++n}`),
          [...params],
        )
      ).rows;
    }
    await client.end();
  }
  const indexes = new Map<number, number>();
  for (const row of results.responses) {
    const index = indexOf(keysOf(row.instrument as "iit" | "eit1"), String(row.answers));
    indexes.set(index, (indexes.get(index) ?? 0) + 1);
  }
  const one = (name: string) => Number(results[name][0].n);
  return {
    rows: results.responses.length,
    indexes,
    tally: Object.fromEntries(results.tally.map((row) => [String(row.instrument), Number(row.responses)])),
    daily: one("daily"),
    keys: one("keys"),
    markers: one("markers"),
    sessions: one("sessions"),
    adminSessions: one("adminSessions"),
    audit: one("audit"),
    rateLimits: one("rateLimits"),
  };
}

type Admin = { email: string; password: string; cookie: string };

/** A system admin signed in (password + 2FA) in the database at `databaseUrl`, last seen two minutes ago: its next request writes lastSeenAt. */
async function signedInAdmin(databaseUrl: string): Promise<Admin> {
  const target = databaseTarget(databaseUrl);
  const db =
    target.provider === "sqlite"
      ? new SqliteClient({ adapter: sqliteAdapter(target.file) })
      : (new PostgresClient({ adapter: postgresAdapter(target.url) }) as unknown as Db);
  const email = `faults-${randomId().slice(0, 8)}@test.ita.local`;
  const password = `pass-${randomId()}`;
  const user = await createUser({ email, name: "faults", password, scope: { role: "system_admin" } }, db);
  const token = await createAdminSession(user.id, true, new Date(Date.now() - 120_000), db);
  await db.$disconnect();
  return { email, password, cookie: cookieHeader([await adminCookie.serialize(token)]) };
}

/** The same checks for both faults: before → during (all 503, nothing written) → after (each retry written once). */
/** The respondent's other pages during the outage: a 503 "please try again", never a 500. */
async function entryPagesDuringFault(server: AppServer, prepared: Prepared, readsFail: boolean) {
  const slug = prepared.submissions.find((submission) => submission.instrument === "eit1")!.path.split("/")[2];
  const form = (body: string) => ({
    method: "POST",
    redirect: "manual" as const,
    headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  const landing = await fetch(`${server.url}/e/${slug}`);
  // The phone form carries the page's signed token (attack H4), as a browser would post it.
  const formToken = landing.ok ? (/name="formToken" value="([^"]*)"/.exec(await landing.clone().text())?.[1] ?? "") : "";
  const pages = {
    "GET /e/<agency> (reads the agency)": landing,
    "POST /iit (an access code)": await fetch(`${server.url}/iit`, form("code=NO-SUCH-CODE-1")),
    "POST /e/<agency> (a phone for an OTP)": await fetch(`${server.url}/e/${slug}`, form(`contact=0812345678&formToken=${encodeURIComponent(formToken)}`)),
  };
  const statuses = Object.fromEntries(Object.entries(pages).map(([name, page]) => [name, page.status]));
  expect(statuses).toEqual({
    "GET /e/<agency> (reads the agency)": readsFail ? 503 : 200,
    "POST /iit (an access code)": 503,
    "POST /e/<agency> (a phone for an OTP)": 503,
  });
  for (const page of Object.values(pages)) if (page.status === 503) expect(await page.text()).toContain(UNAVAILABLE_TH);
  return statuses;
}

/** The admin's pages during the outage, with a session made before it: a 503 "please try again", never a 500. */
async function adminPagesDuringFault(server: AppServer, prepared: Prepared, admin: Admin) {
  const slug = prepared.submissions.find((submission) => submission.instrument === "eit1")!.path.split("/")[2];
  const get = (page: string) => fetch(`${server.url}${page}`, { redirect: "manual", headers: { cookie: admin.cookie } });
  const body = new URLSearchParams({ email: admin.email, password: admin.password }).toString();
  const pages = {
    "GET /admin/login (reads nothing)": await fetch(`${server.url}/admin/login`),
    "GET /admin": await get("/admin"),
    "GET /admin/agencies/<agency>": await get(`/admin/agencies/${slug}`),
    "GET /admin/agencies/<agency>/qr.png": await get(`/admin/agencies/${slug}/qr.png`),
    "POST /admin/login (the right password)": await fetch(`${server.url}/admin/login`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body,
    }),
  };
  const statuses = Object.fromEntries(Object.entries(pages).map(([name, page]) => [name, page.status]));
  expect(statuses).toEqual({
    "GET /admin/login (reads nothing)": 200,
    "GET /admin": 503,
    "GET /admin/agencies/<agency>": 503,
    "GET /admin/agencies/<agency>/qr.png": 503,
    "POST /admin/login (the right password)": 503,
  });
  expect(pages["POST /admin/login (the right password)"].headers.getSetCookie()).toEqual([]);
  for (const [name, page] of Object.entries(pages)) if (page.status === 503 && !name.includes("qr.png")) expect(await page.text()).toContain(UNAVAILABLE_TH);
  return statuses;
}

async function exerciseFault(
  server: AppServer,
  prepared: Prepared,
  databaseUrl: string,
  fault: { break(): Promise<void>; mend(): Promise<void>; readsFail: boolean },
) {
  const agent = new http.Agent({ keepAlive: false });
  const admin = await signedInAdmin(databaseUrl);
  const before = prepared.submissions.slice(0, BEFORE);
  const during = prepared.submissions.slice(BEFORE, BEFORE + DURING);
  for (const submission of before) expect(isThanks(await post(agent, server.url, submission))).toBe(true);
  const healthy = await inspect(databaseUrl, prepared.agencyId);
  expect(healthy.rows).toBe(BEFORE);

  // The respondents have the form open (the page a failed submit comes back to).
  for (const submission of during) {
    const page = await fetch(new URL(submission.path, server.url), { headers: { cookie: submission.cookie } });
    expect(page.status).toBe(200);
  }

  await fault.break();
  const answers = [];
  for (const submission of during) answers.push(await post(agent, server.url, submission));
  const statuses = answers.map((answer) => ("status" in answer ? answer.status : answer.error));
  expect(statuses).toEqual(during.map(() => 503));
  // The page comes back with "not saved, press submit again", the answers still chosen and the
  // same submission key (a retry after an unclear failure stays one response).
  answers.forEach((answer, i) => {
    if (!("body" in answer)) return;
    expect(answer.body).toContain(NOT_SAVED_TH);
    expect(answer.body).toContain(`name="submissionKey" value="${during[i].submissionKey}"`);
    expect(answer.body.match(/checked=""/g)?.length ?? 0).toBe(keysOf(during[i].instrument).length);
  });
  const entryPages = await entryPagesDuringFault(server, prepared, fault.readsFail);
  const adminPages = await adminPagesDuringFault(server, prepared, admin);
  await fault.mend();

  // Nothing of the failed submits was kept: no row, no tally, no key, no marker, no ended session;
  // nor of the admin sign-in (no session, no audit row, no rate-limit slot).
  const afterFault = await inspect(databaseUrl, prepared.agencyId);
  expect({ ...afterFault, indexes: undefined }).toEqual({ ...healthy, indexes: undefined });

  // The respondent presses submit again: the same key and session, written exactly once.
  const retried = [];
  for (const submission of during) retried.push(await post(agent, server.url, submission));
  expect(retried.map(isThanks)).toEqual(during.map(() => true));
  const recovered = await inspect(databaseUrl, prepared.agencyId);
  const expectedIndexes = [...before, ...during].map((submission) => submission.index).sort((a, b) => a - b);
  expect([...recovered.indexes.keys()].sort((a, b) => a - b)).toEqual(expectedIndexes);
  expect([...recovered.indexes.values()].every((rows) => rows === 1)).toBe(true);
  expect(recovered.rows).toBe(BEFORE + DURING);
  expect(Object.values(recovered.tally).reduce((sum, n) => sum + n, 0)).toBe(BEFORE + DURING);
  expect(recovered.daily).toBe(BEFORE + DURING);
  expect(recovered.keys).toBe(BEFORE + DURING);
  expect(recovered.markers).toBe([...before, ...during].filter((submission) => submission.instrument === "eit1").length);
  expect(recovered.sessions).toBe(healthy.sessions - DURING);
  // The admin's session was good all along: the 503s were the outage.
  expect((await fetch(`${server.url}/admin`, { redirect: "manual", headers: { cookie: admin.cookie } })).status).toBe(200);
  expect(serverErrors(server).filter((line) => !/"status":503\b/.test(line))).toEqual([]);
  return { failedSubmits: DURING, statuses, recovered: recovered.rows, entryPages, adminPages };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const isRoot = process.getuid?.() === 0;

describe("disk full: the SQLite file on a tiny tmpfs", () => {
  it.skipIf(!isRoot)("answers 503 'not saved' while the disk is full, writes nothing, and a retry after space is freed is written once", async () => {
    const mount = fs.mkdtempSync(path.join(os.tmpdir(), "ita-diskfull-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", mount]);
    cleanups.push(() => {
      spawnSync("umount", ["-l", mount]);
      fs.rmSync(mount, { recursive: true, force: true });
    });
    const file = path.join(mount, "ita.db");
    const runDir = sqliteRunDir(process.env.ITA_TEST_RUN ?? "");
    fs.copyFileSync(path.join(runDir, "template.db"), file);
    const databaseUrl = `file:${file}`;
    const prepared = prepare(databaseUrl, BEFORE + DURING);
    const server = await startApp({ port: await freePort(), databaseUrl });
    cleanups.push(() => server.stop());

    const filler = path.join(mount, "filler");
    const result = await exerciseFault(server, prepared, databaseUrl, {
      async break() {
        // An empty WAL (so the next commit must grow a file), then fill the disk to the last byte.
        const db = new Database(file);
        db.pragma("wal_checkpoint(TRUNCATE)");
        db.close();
        const fd = fs.openSync(filler, "w");
        const chunk = Buffer.alloc(64 * 1024, 1);
        try {
          for (;;) fs.writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
        }
        try {
          for (;;) fs.writeSync(fd, chunk, 0, 1); // the last partial block
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
        }
        fs.closeSync(fd);
      },
      async mend() {
        fs.rmSync(filler);
      },
      readsFail: false,
    });
    await server.stop();
    const db = new Database(file, { readonly: true });
    expect(db.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
    db.close();
    console.log(
      `[disk full] sqlite on a 16 MB tmpfs: ${result.failedSubmits} submits while full → ${JSON.stringify(result.statuses.filter((s) => s === 503).length)} × 503, 0 rows; after freeing space ${result.recovered} rows (each once); integrity_check ok; other pages ${JSON.stringify(result.entryPages)}; admin ${JSON.stringify(result.adminPages)}`,
    );
  });
});

describe("database down: a PostgreSQL server stopped under the running app", () => {
  it("answers 503 'not saved' while PostgreSQL is down, writes nothing, and a retry after it is back is written once", async () => {
    const bindir = fs
      .readdirSync("/usr/lib/postgresql")
      .map((version) => `/usr/lib/postgresql/${version}/bin`)
      .filter((dir) => fs.existsSync(`${dir}/pg_ctl`))
      .sort()
      .pop();
    if (!bindir) throw new Error("PostgreSQL's server binaries are not installed (apt install postgresql)");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-pgdown-"));
    const port = await freePort();
    // The server refuses to run as root: as root, run it as the postgres user.
    const asOwner = (command: string, args: string[]) => {
      const run = isRoot
        ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", [command, ...args].map((a) => `'${a}'`).join(" ")], { encoding: "utf8" })
        : spawnSync(command, args, { encoding: "utf8" });
      if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${run.stderr}${run.stdout}`);
    };
    if (isRoot) execFileSync("chown", ["postgres", dir]);
    const data = path.join(dir, "data");
    asOwner(`${bindir}/initdb`, ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
    const start = () =>
      asOwner(`${bindir}/pg_ctl`, ["-D", data, "-o", `-c listen_addresses=127.0.0.1 -c port=${port} -k ${dir}`, "-l", path.join(dir, "log"), "-w", "start"]);
    const stop = () => asOwner(`${bindir}/pg_ctl`, ["-D", data, "-m", "immediate", "-w", "stop"]);
    start();
    cleanups.push(() => {
      spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", `${bindir}/pg_ctl -D ${data} -m immediate stop`]);
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const databaseUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    const migrated = spawnSync(process.execPath, ["scripts/db.js", "deploy"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: "utf8",
    });
    if (migrated.status !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
    const prepared = prepare(databaseUrl, BEFORE + DURING);
    const server = await startApp({ port: await freePort(), databaseUrl });
    cleanups.push(() => server.stop());

    const result = await exerciseFault(server, prepared, databaseUrl, {
      async break() {
        stop();
      },
      async mend() {
        start();
      },
      readsFail: true,
    });
    console.log(
      `[database down] PostgreSQL stopped: ${result.failedSubmits} submits while down → ${result.statuses.filter((s) => s === 503).length} × 503, 0 rows; after restart ${result.recovered} rows (each once); other pages ${JSON.stringify(result.entryPages)}; admin ${JSON.stringify(result.adminPages)}`,
    );
  });
});
