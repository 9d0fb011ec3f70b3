// `npm run seed:national` for a small nation, run for real into its own SQLite file in a temp dir,
// then checked with plain SQL: the tallies, snapshots and daily counts it writes in bulk must equal a
// recount of the very Response rows it wrote.
//
// This file does not touch the integration project's per-file test database (test/setup/database.ts
// points DATABASE_URL at it): the seed runs in a child process with its own DATABASE_URL, and the
// result is opened read-only with better-sqlite3. It tests the SQLite path (the file next to which
// the credentials are written, PRAGMA table_info), so it is skipped when TEST_DATABASE=postgres.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SNAPSHOT_STEP } from "~/domain/disclosure";
import { useInPostgres } from "../setup/test-database";

const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const SLOTS = Array.from({ length: 30 }, (_, i) => i + 1); // p1 … p30 / sum1 … sum30
const DEMO_LOGINS = ["agency@demo.ita.local", "assessor@demo.ita.local", "province@demo.ita.local", "sysadmin@demo.ita.local"];

type Run = { code: number | null; stdout: string; stderr: string };

function seedNational(databaseFile: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      ["prisma/seed-national.ts", ...args],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, NODE_ENV: "test" },
        timeout: 110_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

describe.skipIf(useInPostgres)("npm run seed:national -- --agencies 400 (SQLite)", { timeout: 120_000 }, () => {
  let dir: string;
  let file: string;
  let run: Run;
  let db: Database.Database;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-seed-national-"));
    file = path.join(dir, "national.db");
    run = await seedNational(file, ["--agencies", "400", "--quiet"]);
    if (run.code !== 0) throw new Error(`seed:national failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
    db = new Database(file, { readonly: true, fileMustExist: true });
  }, 120_000);

  afterAll(() => {
    db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

  it("reports success on stdout (quiet: one line, no credentials printed)", () => {
    expect(run.stdout).toMatch(/✓ seeded the nation for fiscal year 2568: \d+ agencies in 77 provinces/);
    expect(run.stdout).not.toContain("@demo.ita.local");
  });

  it("writes 77 provinces and one cycle (2568)", () => {
    expect(count(`SELECT COUNT(*) AS n FROM "Province"`)).toBe(77);
    expect(db.prepare(`SELECT "fiscalYear" FROM "Cycle"`).all()).toEqual([{ fiscalYear: 2568 }]);
  });

  it("writes as many agencies as it reports", () => {
    const reported = Number(/: (\d+) agencies in/.exec(run.stdout)?.[1]);
    expect(count(`SELECT COUNT(*) AS n FROM "Agency"`)).toBe(reported);
  });

  it("writes exactly --agencies agencies (400)", () => {
    expect(count(`SELECT COUNT(*) AS n FROM "Agency"`)).toBe(400);
  });

  it("has a tally for every (agency, instrument) with responses, and a recount matches every tally", () => {
    // Slots past an instrument's items are NULL in Response and 0 in the tally.
    const sums = SLOTS.map((k) => `COALESCE(SUM(r."p${k}"), 0) AS s${k}`).join(", ");
    const mismatch = SLOTS.map((k) => `t."sum${k}" IS NOT r.s${k}`).join(" OR ");
    // Σ pK per (agency, instrument), joined to the tally both ways (a FULL JOIN in two halves).
    const recount = `SELECT r."agencyId", r."cycleId", r.instrument, COUNT(*) AS responses, ${sums}
      FROM "Response" r GROUP BY r."agencyId", r."cycleId", r.instrument`;
    const tallies = count(`SELECT COUNT(*) AS n FROM "ResponseTally"`);
    expect(tallies).toBeGreaterThan(0);
    const withResponses = count(`SELECT COUNT(*) AS n FROM (${recount})`);
    const tallyWithoutRows = count(
      `SELECT COUNT(*) AS n FROM "ResponseTally" t
       LEFT JOIN (${recount}) r USING ("agencyId", "cycleId", instrument)
       WHERE r.responses IS NULL AND t.responses <> 0`,
    );
    const rowsWithoutTally = count(
      `SELECT COUNT(*) AS n FROM (${recount}) r
       LEFT JOIN "ResponseTally" t USING ("agencyId", "cycleId", instrument)
       WHERE t.responses IS NULL`,
    );
    const wrong = db
      .prepare(
        `SELECT t."agencyId", t.instrument, t.responses, r.responses AS counted FROM "ResponseTally" t
         JOIN (${recount}) r USING ("agencyId", "cycleId", instrument)
         WHERE t.responses <> r.responses OR ${mismatch}`,
      )
      .all();
    expect(tallyWithoutRows).toBe(0);
    expect(rowsWithoutTally).toBe(0);
    expect(wrong).toEqual([]);
    expect(withResponses).toBeGreaterThan(500); // ~295 registered agencies × 3 instruments
    // And the grand total agrees with the row count.
    expect(count(`SELECT SUM(responses) AS n FROM "ResponseTally"`)).toBe(count(`SELECT COUNT(*) AS n FROM "Response"`));
  });

  it("every tally belongs to a registered agency of the cycle, three instruments each", () => {
    expect(
      count(
        `SELECT COUNT(*) AS n FROM "ResponseTally" t
         LEFT JOIN "AgencyCycle" ac ON ac."agencyId" = t."agencyId" AND ac."cycleId" = t."cycleId"
         WHERE ac.id IS NULL OR ac.registered = 0`,
      ),
    ).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM "ResponseTally"`)).toBe(3 * count(`SELECT COUNT(*) AS n FROM "AgencyCycle"`));
  });

  it("snapshots step by 5: a multiple of 5, ≤ the tally and > tally − 5 (none below 5 responses)", () => {
    const bad = db
      .prepare(
        `SELECT t."agencyId", t.instrument, t.responses, s.responses AS snapshot FROM "ResponseTally" t
         LEFT JOIN "TallySnapshot" s USING ("agencyId", "cycleId", instrument)
         WHERE COALESCE(s.responses, 0) % ? <> 0
            OR COALESCE(s.responses, 0) > t.responses
            OR COALESCE(s.responses, 0) <= t.responses - ?`,
      )
      .all(SNAPSHOT_STEP, SNAPSHOT_STEP);
    expect(bad).toEqual([]);
    // No orphan snapshots, no zero snapshot rows (a tally under 5 simply has none).
    expect(
      count(
        `SELECT COUNT(*) AS n FROM "TallySnapshot" s
         LEFT JOIN "ResponseTally" t USING ("agencyId", "cycleId", instrument) WHERE t.responses IS NULL`,
      ),
    ).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM "TallySnapshot" WHERE responses = 0`)).toBe(0);
    // Its sums are of the first responses, so never above the tally's (points are ≥ 0).
    const over = SLOTS.map((k) => `s."sum${k}" > t."sum${k}" OR s."sum${k}" < 0`).join(" OR ");
    expect(count(`SELECT COUNT(*) AS n FROM "TallySnapshot" s JOIN "ResponseTally" t USING ("agencyId", "cycleId", instrument) WHERE ${over}`)).toBe(0);
  });

  it("Σ DailyCount.responses per (agency, instrument) equals the tally's responses", () => {
    const bad = db
      .prepare(
        `SELECT t."agencyId", t.instrument, t.responses, d.total FROM "ResponseTally" t
         LEFT JOIN (SELECT "agencyId", "cycleId", instrument, SUM(responses) AS total FROM "DailyCount"
                    GROUP BY "agencyId", "cycleId", instrument) d USING ("agencyId", "cycleId", instrument)
         WHERE COALESCE(d.total, 0) <> t.responses`,
      )
      .all();
    expect(bad).toEqual([]);
    expect(
      count(
        `SELECT COUNT(*) AS n FROM "DailyCount" d
         LEFT JOIN "ResponseTally" t USING ("agencyId", "cycleId", instrument) WHERE t.responses IS NULL`,
      ),
    ).toBe(0);
    // Days are Bangkok calendar days, YYYY-MM-DD, and no day row is empty.
    expect(count(`SELECT COUNT(*) AS n FROM "DailyCount" WHERE day NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' OR responses <= 0`)).toBe(0);
  });

  it("every OitScore belongs to an existing AgencyCycle", () => {
    expect(count(`SELECT COUNT(*) AS n FROM "OitScore"`)).toBeGreaterThan(0);
    expect(count(`SELECT COUNT(*) AS n FROM "OitScore" o LEFT JOIN "AgencyCycle" ac ON ac.id = o."agencyCycleId" WHERE ac.id IS NULL`)).toBe(0);
    // And per agency either none or all 28 items.
    expect(count(`SELECT COUNT(*) AS n FROM (SELECT "agencyCycleId" FROM "OitScore" GROUP BY "agencyCycleId" HAVING COUNT(*) <> 28)`)).toBe(0);
  });

  it("Response rows carry no timestamp-like column (anonymity: no time to link a response to a person)", () => {
    const columns = db.prepare(`PRAGMA table_info("Response")`).all() as { name: string; type: string; dflt_value: string | null }[];
    expect(columns.length).toBeGreaterThan(30);
    const timeLike = columns.filter(
      (c) =>
        /(at|time|date|day|stamp|created|updated|submitted)$/i.test(c.name) ||
        /^(created|updated|submitted|time|date)/i.test(c.name) ||
        /date|time/i.test(c.type) ||
        /current_|now|datetime/i.test(c.dflt_value ?? ""),
    );
    expect(timeLike).toEqual([]);
    // The anonymous content only: ids, instrument, answers and the item points p1 … p30 — no
    // counter, no screening category (those are tallies of their own).
    expect(columns.map((c) => c.name).sort()).toEqual(["id", "cycleId", "agencyId", "instrument", "answers", ...SLOTS.map((k) => `p${k}`)].sort());
  });

  it("creates the four demo logins, one role each", () => {
    const users = db.prepare(`SELECT u.email, g.role FROM "User" u JOIN "RoleGrant" g ON g."userId" = u.id ORDER BY u.email`).all() as {
      email: string;
      role: string;
    }[];
    expect(users.map((u) => u.email)).toEqual(DEMO_LOGINS);
    expect(Object.fromEntries(users.map((u) => [u.email, u.role]))).toEqual({
      "agency@demo.ita.local": "agency_admin",
      "assessor@demo.ita.local": "national_assessor",
      "province@demo.ita.local": "province_coordinator",
      "sysadmin@demo.ita.local": "system_admin",
    });
    expect(count(`SELECT COUNT(*) AS n FROM "User"`)).toBe(4);
  });

  it("writes national-credentials.txt next to the database file, not demo-credentials.txt", () => {
    const credentials = path.join(dir, "national-credentials.txt");
    expect(fs.existsSync(credentials)).toBe(true);
    expect(fs.existsSync(path.join(dir, "demo-credentials.txt"))).toBe(false);
    const text = fs.readFileSync(credentials, "utf8");
    for (const email of DEMO_LOGINS) expect(text).toContain(email);
    if (process.platform !== "win32") expect(fs.statSync(credentials).mode & 0o777).toBe(0o600);
  });

  it("refuses to run twice on the same database, with a message, and changes nothing", async () => {
    const agencies = count(`SELECT COUNT(*) AS n FROM "Agency"`);
    const responses = count(`SELECT COUNT(*) AS n FROM "Response"`);
    // Let go of the file while the seed runs (its `migrate deploy` wants the database to itself).
    db.close();
    const again = await seedNational(file, ["--agencies", "400", "--quiet"]);
    db = new Database(file, { readonly: true, fileMustExist: true });
    expect(again.code).not.toBe(0);
    expect(again.code).not.toBeNull();
    expect(again.stderr).toContain("already has the 2568 cycle");
    expect(count(`SELECT COUNT(*) AS n FROM "Agency"`)).toBe(agencies);
    expect(count(`SELECT COUNT(*) AS n FROM "Response"`)).toBe(responses);
    expect(count(`SELECT COUNT(*) AS n FROM "Cycle"`)).toBe(1);
  });
});

describe.skipIf(useInPostgres)("seed:national argument validation", { timeout: 60_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-seed-national-args-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([["5"], ["399"], ["20001"], ["abc"], ["400.5"]])("--agencies %s exits with code 2 before touching the database", async (agencies) => {
    const file = path.join(dir, `args-${agencies}.db`);
    const run = await seedNational(file, ["--agencies", agencies, "--quiet"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--agencies must be a whole number from 400 to 20000");
    expect(fs.existsSync(file)).toBe(false);
  });
});
