// Issue 18 §4: a backup taken WHILE submits arrive, restored with `npm run ita -- restore <file>`
// into a fresh database (SQLite, or PostgreSQL with TEST_DATABASE=postgres), holds the database
// as it was at one moment of the backup: every submit acknowledged before the backup began, none
// that began after it ended, tallies equal to rows; every agency's counts, item means, scores and
// ratings equal to a score run on the backup itself (SQLite: the backup file opened as it is;
// PostgreSQL: the archive put back by plain pg_restore) and, for agencies nobody wrote to, to the
// source; users and the audit log come along. A restore into a database that is not empty is
// refused (exit 2) and changes nothing. docs/decisions/021.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { perceptionItems } from "~/domain/answers";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { dbTarget, outagesAs503, prisma, type Db } from "~/db.server";
import { PrismaClient as PostgresClient } from "~/generated/postgres/client";
import { PrismaClient as SqliteClient } from "~/generated/sqlite/client";
import { recordAudit } from "~/models/audit.server";
import { countBackupRows } from "~/models/backup.server";
import { recordResponses } from "~/models/response.server";
import { getAgencyScores } from "~/models/scores.server";
import { createUser } from "~/models/user.server";
import { postgresEnvironment } from "~/services/backup.server";
import { postgresAdapter, sqliteAdapter } from "~/utils/db-adapters.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { registeredAgency } from "../fixtures/db";
import { neverMigratedDatabase, root } from "../setup/test-database";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-restore-"));
const cleanups: (() => Promise<unknown> | void)[] = [() => fs.rmSync(dir, { recursive: true, force: true })];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

type Run = { code: number | null; stdout: string; stderr: string };
/** The CLI as an operator runs it, as a child process (so the test's own submits run meanwhile). */
function ita(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/ita.ts", ...args], { cwd: root, env: { ...process.env, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

// Each load submit's answers spell its number (mixed radix over the IIT answer keys), so a
// restored row tells which submit wrote it: the test's bookkeeping, the answers are its own.
const IIT_KEYS = perceptionItems(ita2568, "iit").flatMap((item) => item.answers.map((a) => ({ key: a.key, options: a.optionSet.options.length })));
function answersFor(index: number) {
  const answers: Record<string, number> = {};
  let rest = index;
  for (const { key, options } of IIT_KEYS) {
    answers[key] = rest % options;
    rest = Math.floor(rest / options);
  }
  return answers;
}
function indexOf(answersJson: string) {
  const answers = JSON.parse(answersJson) as Record<string, number>;
  let index = 0;
  let radix = 1;
  for (const { key, options } of IIT_KEYS) {
    index += Number(answers[key]) * radix;
    radix *= options;
  }
  return index;
}

/** A fresh database to restore into: a path where no file is yet (SQLite), or a new empty database. */
async function freshDatabase(label: string): Promise<string> {
  if (dbTarget.provider === "sqlite") return `file:${path.join(dir, `${label}.db`)}`;
  const database = await neverMigratedDatabase(label);
  cleanups.push(database.remove);
  return database.url;
}

function clientFor(url: string): Db {
  const client =
    dbTarget.provider === "sqlite"
      ? outagesAs503(new SqliteClient({ adapter: sqliteAdapter(url.slice("file:".length)) }))
      : outagesAs503(new PostgresClient({ adapter: postgresAdapter(url) }) as unknown as Db);
  cleanups.push(() => client.$disconnect());
  return client;
}

type Fixture = Awaited<ReturnType<typeof registeredAgency>>;
let quiet: Fixture[];
let loaded: Fixture;

beforeAll(async () => {
  // Two agencies nobody writes to during the backup, one that takes submits all along.
  quiet = [];
  for (const seed of [1, 2]) {
    const fx = await registeredAgency({ internalPopulation: 1_000, externalPopulation: 1_000 });
    await prisma.$transaction(async (tx) => {
      for (const instrument of ["iit", "eit1"] as const) {
        const random = seededRandom(seed * 10 + instrument.length);
        const answers = Array.from({ length: 25 }, () => ({
          screening: {},
          answers: randomAnswers(ita2568, instrument === "iit" ? "iit" : "eit", random),
          counterId: null,
        }));
        await recordResponses(tx, { cycleId: fx.cycle.id, agencyId: fx.agency.id, instrument, ruleset: ita2568 }, answers);
      }
    });
    await recordAudit({ action: "test.restore", outcome: "ok", agencyId: fx.agency.id, target: `agency:${fx.agency.slug}` });
    quiet.push(fx);
  }
  loaded = await registeredAgency({ internalPopulation: 1_000_000, externalPopulation: 1_000_000 });
  await createUser({
    email: "restore-admin@example.go.th",
    name: "Restore Admin",
    password: "correct horse battery staple 42",
    scope: { role: "system_admin" },
  });
  await createUser({
    email: "restore-agency@example.go.th",
    name: "Agency Admin",
    password: "correct horse battery staple 43",
    scope: { role: "agency_admin", agencyId: quiet[0].agency.id },
  });
});

describe(`ita restore of a backup taken under load (${dbTarget.provider})`, () => {
  it("holds one moment of the source: every earlier acknowledgement, identical scores, users and audit log; a second restore is refused", async () => {
    // Submits, one transaction each, from 8 concurrent writers until told to stop.
    const acknowledgedAt = new Map<number, number>();
    const startedAt = new Map<number, number>();
    let next = 0;
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const index = next++;
        startedAt.set(index, performance.now());
        await prisma.$transaction((tx) =>
          recordResponses(tx, { cycleId: loaded.cycle.id, agencyId: loaded.agency.id, instrument: "iit", ruleset: ita2568 }, [
            { screening: {}, answers: answersFor(index), counterId: null },
          ]),
        );
        acknowledgedAt.set(index, performance.now());
        // better-sqlite3 answers synchronously: without a turn of the event loop here the
        // writers would never let the rest of the test (its timers, the child's output) run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    while (acknowledgedAt.size < 50) await new Promise((resolve) => setTimeout(resolve, 5));

    const users = await prisma.user.findMany({ orderBy: { id: "asc" } });
    const file = path.join(dir, dbTarget.provider === "sqlite" ? "under-load.db" : "under-load.dump");
    const backupStarted = performance.now();
    const acknowledgedBeforeBackup = [...acknowledgedAt.keys()];
    const auditBeforeBackup = await prisma.auditLog.findMany({ orderBy: { id: "asc" } });
    const backup = await ita(["backup", "--to", file, "--json"]);
    const backupEnded = performance.now();
    const acknowledgedDuringBackup = [...acknowledgedAt.values()].filter((t) => t > backupStarted && t < backupEnded).length;
    while ([...startedAt.values()].filter((t) => t > backupEnded).length < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    stop = true;
    await Promise.all(writers);
    expect(backup.code, backup.stderr).toBe(0);
    const report = JSON.parse(backup.stdout).backup as { counts: Record<string, number>; reshuffled: boolean };
    expect(report.reshuffled).toBe(true);
    expect(acknowledgedDuringBackup).toBeGreaterThan(0); // the load really ran during the backup

    const targetUrl = await freshDatabase("restored");
    const restore = await ita(["restore", file, "--json"], { DATABASE_URL: targetUrl });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stderr).toMatch(/^ตรวจไฟล์สำรองและฐานข้อมูลปลายทาง \/ checking the backup and the target database\n/);
    const restoredReport = JSON.parse(restore.stdout).restore as { counts: Record<string, number> };
    // Exactly the rows the backup counted (PostgreSQL: counted in pg_dump's own snapshot).
    expect(restoredReport.counts).toEqual(report.counts);
    const restored = clientFor(targetUrl);
    expect(await countBackupRows(restored)).toEqual(report.counts);

    // One moment of the load: everything acknowledged before the backup began, nothing that began after it ended.
    const rows = await restored.response.findMany({ where: { agencyId: loaded.agency.id }, select: { answers: true } });
    const inBackup = new Set(rows.map((row) => indexOf(row.answers)));
    expect(inBackup.size).toBe(rows.length);
    expect(acknowledgedBeforeBackup.filter((index) => !inBackup.has(index))).toEqual([]);
    expect([...inBackup].filter((index) => !(startedAt.get(index)! < backupEnded))).toEqual([]);
    expect([...inBackup].filter((index) => !acknowledgedAt.has(index))).toEqual([]);
    const tally = await restored.responseTally.findFirst({ where: { agencyId: loaded.agency.id, instrument: "iit" } });
    expect(tally?.responses).toBe(rows.length);

    // The scores of every agency: the restored database against a score run on the backup itself.
    let reference: Db;
    if (dbTarget.provider === "sqlite") {
      reference = clientFor(`file:${file}`);
    } else {
      const referenceUrl = await freshDatabase("reference");
      const plain = spawnPgRestore(referenceUrl, file);
      expect(plain.status, plain.stderr).toBe(0);
      reference = clientFor(referenceUrl);
    }
    const now = new Date();
    for (const fx of [...quiet, loaded]) {
      const agency = { id: fx.agency.id, sizeGroup: null };
      const fromRestored = await getAgencyScores(fx.cycle, agency, ita2568, restored, now);
      expect(fromRestored).toEqual(await getAgencyScores(fx.cycle, agency, ita2568, reference, now));
      if (fx === loaded) expect(fromRestored.counts.iit).toBe(inBackup.size);
      else expect(fromRestored).toEqual(await getAgencyScores(fx.cycle, agency, ita2568, prisma, now)); // nobody wrote to it
    }
    for (const fx of quiet) expect((await getAgencyScores(fx.cycle, { id: fx.agency.id, sizeGroup: null }, ita2568, restored, now)).counts.iit).toBe(25);

    // Users (with their password hashes and grants) and the audit log came along.
    expect(await restored.user.findMany({ orderBy: { id: "asc" } })).toEqual(users);
    expect(await restored.roleGrant.count()).toBe(await prisma.roleGrant.count());
    const restoredAudit = await restored.auditLog.findMany({ where: { id: { in: auditBeforeBackup.map((row) => row.id) } }, orderBy: { id: "asc" } });
    expect(restoredAudit).toEqual(auditBeforeBackup);
    expect(auditBeforeBackup.some((row) => row.action === "test.restore")).toBe(true);

    // Restoring again into the (now not empty) database is refused and changes nothing.
    await restored.$disconnect();
    const again = await ita(["restore", file], { DATABASE_URL: targetUrl });
    expect(again.code).toBe(2);
    expect(again.stdout).toBe("");
    expect(again.stderr).toMatch(
      /^restore: DATABASE_URL \(.*\) ไม่ว่าง มีข้อมูลในตาราง .* \/ is not empty \(rows in .*\); a restore only writes into an empty database\n$/m,
    );
    expect(await countBackupRows(clientFor(targetUrl))).toEqual(report.counts);
  });

  it("refuses a database with rows, a file of the other kind and a missing file: exit 2, nothing written", async () => {
    const before = await countBackupRows();
    const file = path.join(dir, dbTarget.provider === "sqlite" ? "refusals-backup.db" : "refusals-backup.dump");
    expect((await ita(["backup", "--to", file, "--skip-reshuffle"])).code).toBe(0);
    // Into the source itself, which this test has open: a running app's database is refused first of all.
    const intoSource = await ita(["restore", file]);
    expect(intoSource.code, intoSource.stderr).toBe(2);
    expect(intoSource.stderr).toMatch(
      dbTarget.provider === "sqlite"
        ? /the database is open in a process \(a -wal file is beside it\): stop the app first/
        : /other session\(s\) are connected to the database: stop the app first/,
    );
    expect(await countBackupRows()).toEqual(before);

    const wrongKind = path.join(dir, "not-a-backup.bin");
    fs.writeFileSync(wrongKind, dbTarget.provider === "sqlite" ? "PGDMP-looking archive" : "SQLite format 3\0 and then some");
    const target = await freshDatabase("refusals");
    const foreign = await ita(["restore", wrongKind], { DATABASE_URL: target });
    expect(foreign.code, foreign.stderr).toBe(2);
    expect(foreign.stderr).toMatch(
      dbTarget.provider === "sqlite" ? /is not a SQLite backup \(it is a pg_dump archive/ : /is not a pg_dump archive \(it is a SQLite file/,
    );
    const missing = await ita(["restore", path.join(dir, "nowhere.db")], { DATABASE_URL: target });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^restore: <file>: ไม่พบไฟล์ .* \/ no such file\n$/);
    const noFile = await ita(["restore"], { DATABASE_URL: target });
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/<file>/);
    if (dbTarget.provider === "sqlite") expect(fs.existsSync(target.slice("file:".length))).toBe(false);
    else expect(await countBackupRows(clientFor(target)).catch((error: Error) => error.message)).toMatch(/does not exist|relation/);
  });
});

/** The archive put back by plain pg_restore (the tool's own way, no checks of ours): the reference. */
function spawnPgRestore(url: string, file: string) {
  return spawnSync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--dbname", new URL(url).pathname.slice(1), file], {
    env: { ...process.env, ...postgresEnvironment(url) },
    encoding: "utf8",
  });
}
