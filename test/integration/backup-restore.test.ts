// `npm run ita -- backup --to <file>` and the restore docs/operations.md describes, on this file's
// database (SQLite, or PostgreSQL with TEST_DATABASE=postgres): seed, back up through the real
// CLI, restore into a fresh database the documented way (SQLite: copy the file into place;
// PostgreSQL: createdb + pg_restore), and check that the copy holds the same rows, passes
// `PRAGMA integrity_check` (SQLite) and is ready to serve (/readyz's check). Refusals exit 2 and
// write nothing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { dbTarget, outagesAs503, prisma, type Db } from "~/db.server";
import { PrismaClient as PostgresClient } from "~/generated/postgres/client";
import { PrismaClient as SqliteClient } from "~/generated/sqlite/client";
import { recordAudit } from "~/models/audit.server";
import { countBackupRows, inspectSqliteFile } from "~/models/backup.server";
import { recordResponses } from "~/models/response.server";
import { postgresEnvironment } from "~/services/backup.server";
import { assessReadiness, expectedMigrations, migrationsDirFor } from "~/services/health.server";
import { postgresAdapter, sqliteAdapter } from "~/utils/db-adapters.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { registeredAgency } from "../fixtures/db";
import { postgresServerUrl, postgresUrlFor, root } from "../setup/test-database";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-backup-"));
const cleanups: (() => Promise<unknown> | void)[] = [() => fs.rmSync(dir, { recursive: true, force: true })];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The CLI as an operator runs it (a child process, the test's DATABASE_URL inherited). */
function ita(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/ita.ts", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
}

let source: Record<string, number>;
let tallies: unknown[];

beforeAll(async () => {
  // Two agencies with IIT and EIT-1 answers, tallies, daily counts and audit rows.
  for (const seed of [1, 2]) {
    const fx = await registeredAgency();
    await prisma.$transaction(async (tx) => {
      for (const instrument of ["iit", "eit1"] as const) {
        const random = seededRandom(seed * 10 + instrument.length);
        const answers = Array.from({ length: 7 }, () => ({
          screening: {},
          answers: randomAnswers(ita2568, instrument === "iit" ? "iit" : "eit", random),
          counterId: null,
        }));
        await recordResponses(tx, { cycleId: fx.cycle.id, agencyId: fx.agency.id, instrument, ruleset: ita2568 }, answers);
      }
    });
    await recordAudit({ action: "test.backup", outcome: "ok", agencyId: fx.agency.id, target: `agency:${fx.agency.slug}` });
  }
  source = await countBackupRows();
  tallies = await prisma.responseTally.findMany({ orderBy: [{ agencyId: "asc" }, { instrument: "asc" }] });
  expect(source.Response).toBe(28);
});

describe(`ita backup and restore (${dbTarget.provider})`, () => {
  it("backs up (after a reshuffle), and the copy restored into a fresh database holds the same rows and is ready to serve", async () => {
    const file = path.join(dir, dbTarget.provider === "sqlite" ? "ita-backup.db" : "ita-backup.dump");
    const run = ita("backup", "--to", file, "--json");
    expect(run.stderr).toBe("สลับลำดับแถวคำตอบ / reshuffling the responses\nคัดลอกและตรวจสำเนา / copying and checking the copy\n");
    expect(run.status).toBe(0);
    const { backup } = JSON.parse(run.stdout);
    expect(backup).toMatchObject({ provider: dbTarget.provider, file, reshuffled: true, integrity: "ok", counts: source });
    expect(backup.bytes).toBe(fs.statSync(file).size);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    let restored: Db;
    if (dbTarget.provider === "sqlite") {
      // docs/operations.md: stop the app, copy the backup into place (no -wal/-shm beside it), start.
      const target = path.join(dir, "restored.db");
      fs.copyFileSync(file, target);
      expect(inspectSqliteFile(target)).toEqual({ integrity: "ok", counts: source });
      restored = outagesAs503(new SqliteClient({ adapter: sqliteAdapter(target) }));
    } else {
      // docs/operations.md: a fresh database, then pg_restore into it.
      const name = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_restored`;
      const admin = new pg.Client({ connectionString: postgresServerUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      cleanups.push(async () => {
        const cleanup = new pg.Client({ connectionString: postgresServerUrl });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      });
      const url = postgresUrlFor(name);
      const restore = spawnSync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--dbname", name, file], {
        env: { ...process.env, ...postgresEnvironment(url) },
        encoding: "utf8",
      });
      expect(restore.stderr).toBe("");
      expect(restore.status).toBe(0);
      restored = outagesAs503(new PostgresClient({ adapter: postgresAdapter(url) }) as unknown as Db);
    }
    cleanups.push(() => restored.$disconnect());
    expect(await countBackupRows(restored)).toEqual(source);
    expect(await restored.responseTally.findMany({ orderBy: [{ agencyId: "asc" }, { instrument: "asc" }] })).toEqual(tallies);
    expect(await assessReadiness({ db: restored, expected: expectedMigrations(migrationsDirFor(root, dbTarget.provider)) })).toEqual({
      ready: true,
      database: "ok",
      migrations: "ok",
    });
  });

  it("refuses to overwrite a file or to write into a missing folder: exit 2, a Thai/English line naming --to, nothing written", async () => {
    const existing = path.join(dir, "already-here.db");
    fs.writeFileSync(existing, "keep me");
    const auditRows = await prisma.auditLog.count();
    const again = ita("backup", "--to", existing);
    expect(again.status).toBe(2);
    expect(again.stdout).toBe("");
    expect(again.stderr).toBe(`backup: --to: ${existing} มีอยู่แล้ว ไม่เขียนทับ / already exists; a backup never overwrites\n`);
    expect(fs.readFileSync(existing, "utf8")).toBe("keep me");
    const missing = path.join(dir, "no-such-folder", "x.db");
    const nowhere = ita("backup", "--to", missing, "--skip-reshuffle");
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toMatch(/^backup: --to: ไม่มีโฟลเดอร์ .* \/ the folder does not exist\n$/);
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
    const noTarget = ita("backup");
    expect(noTarget.status).toBe(2);
    expect(noTarget.stderr).toMatch(/--to/);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".partial"))).toEqual([]);
    expect(await prisma.auditLog.count()).toBe(auditRows);
  });
});
