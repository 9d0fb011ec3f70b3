// How long `agencies:import --year` takes for the national register: 8,317 agencies (ITA 2568's
// count) across the 77 provinces, in a realistic mix of kinds (5,000-odd SAOs and subdistrict
// municipalities, 878 district offices under their province office, departments under their
// ministry …), with populations. Writes the register as a UTF-8 CSV to a temp file, then into a
// fresh, empty database (no provinces yet: the import adds them): a first import, a re-import (0
// changes) and a dry run, each timed, and prints the figures. The target is < 10 s on each database.
// Usage: npx tsx scripts/bench/agency-import.ts [--db sqlite|postgres]  (BENCH_PROFILE=1: also the statements that took longest)
// SQLite: its own file under data/bench/. PostgreSQL: its own database on TEST_POSTGRES_URL's
// server (default the local one), created and dropped.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { prepareBenchDatabase } from "./bench-database";

const { values: args } = parseArgs({ options: { db: { type: "string", default: "sqlite" } } });
const postgres = args.db === "postgres";
const server = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const benchDatabase = "ita_bench_agency_import";
const sqliteFile = path.resolve("data/bench/agency-import.db");

if (postgres) {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${benchDatabase}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${benchDatabase}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${benchDatabase}`;
  process.env.DATABASE_URL = url.toString();
}
prepareBenchDatabase(sqliteFile, { keepUrl: postgres });

const { ita2568 } = await import("~/domain/rulesets/ita-2568");
const { prisma } = await import("~/db.server");
const { createCycle } = await import("~/models/cycle.server");
const { importAgencyRegister } = await import("~/services/agency-register.server");
const { closeDatabaseConnections } = await import("~/services/maintenance.server");
const { writeCsv } = await import("~/utils/tabular-file.server");
const { thaiProvinces } = await import("../../prisma/data/provinces");
const { openWindows } = await import("../../prisma/factories");

// ───── the register ─────
// How many of each kind (sums to 8,317), and how the file names the kind (as officers write it).
const MIX: Array<[kind: string, count: number, written: string]> = [
  ["ministry", 20, "กระทรวง"],
  ["department", 150, "กรม"],
  ["provincial_admin", 76, "จังหวัด"],
  ["district_office", 878, "อำเภอ"],
  ["local_pao", 76, "อบจ."],
  ["local_city", 30, "เทศบาลนคร"],
  ["local_town", 195, "ทม."],
  ["local_subdistrict", 2247, "เทศบาลตำบล"],
  ["local_sao", 4400, "อบต."],
  ["state_enterprise", 52, "รัฐวิสาหกิจ"],
  ["public_organization", 60, "องค์การมหาชน"],
  ["university", 100, "มหาวิทยาลัย"],
  ["independent_organ", 12, "องค์กรอิสระ"],
  ["other", 21, "อื่น ๆ"],
];
const TOTAL = MIX.reduce((sum, [, count]) => sum + count, 0);
const CENTRAL = new Set(["ministry", "department", "state_enterprise", "public_organization", "independent_organ", "other"]);
const provinces = thaiProvinces.filter((province) => province.code !== "10"); // Bangkok has no province office, PAO …

let seed = 42;
const random = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};

const header = ["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "name_en", "ประเภท", "จังหวัด", "หน่วยงานต้นสังกัด", "จำนวนบุคลากร", "จำนวนผู้รับบริการ"];
const rows: string[][] = [];
const officeOf = new Map<string, string>();
// Codes as numbers, the kind's place in MIX then a serial: ministries 0100001…, departments 0200001…
const codeOf = (kindIndex: number, i: number) => `${String(kindIndex + 1).padStart(2, "0")}${String(i + 1).padStart(5, "0")}`;
for (const [kindIndex, [kind, count, written]] of MIX.entries()) {
  for (let i = 0; i < count; i++) {
    const code = codeOf(kindIndex, i);
    const province = CENTRAL.has(kind)
      ? null
      : kind === "local_pao" || kind === "provincial_admin"
        ? provinces[i % provinces.length]
        : thaiProvinces[random(77)];
    let parent = "";
    if (kind === "department") parent = codeOf(0, i % 20);
    if (kind === "provincial_admin") officeOf.set(province!.code, code);
    if (kind === "district_office") parent = officeOf.get(province!.code) ?? "";
    rows.push([
      code,
      `${written} ทดสอบ ${i + 1}${province ? ` ${province.nameTh}` : ""}`,
      `${kind} ${i + 1}`,
      written,
      province ? province.nameTh : "",
      parent,
      String(20 + random(2000)),
      String(100 + random(100_000)),
    ]);
  }
}
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ita-bench-")), "register.csv");
fs.writeFileSync(file, writeCsv([header, ...rows]));

// ───── the runs ─────
const cycle = await createCycle(ita2568, openWindows());
const year = cycle.fiscalYear;

async function timed(label: string, dryRun: boolean) {
  const started = performance.now();
  const bytes = fs.readFileSync(file);
  const outcome = await importAgencyRegister({ bytes, fileName: "register.csv", dryRun, year });
  const ms = performance.now() - started;
  if (!outcome.ok) throw new Error(`${label}: refused ${JSON.stringify(outcome.issues.slice(0, 3))}`);
  return { run: label, ms: Math.round(ms), totalChanges: outcome.totalChanges, counts: outcome.counts };
}

const { onQuery } = await import("~/db.server");
const byStatement = new Map<string, { n: number; ms: number }>();
onQuery((event) => {
  const key = event.query.slice(0, 50);
  const entry = byStatement.get(key) ?? { n: 0, ms: 0 };
  entry.n++;
  entry.ms += event.duration;
  byStatement.set(key, entry);
});
const results = [await timed("first import", false), await timed("re-import (0 changes)", false), await timed("dry run", true)];
if (process.env.BENCH_PROFILE) console.log([...byStatement].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12));
const stored = { agencies: await prisma.agency.count(), provinces: await prisma.province.count(), participations: await prisma.agencyCycle.count() };
console.log(
  JSON.stringify(
    {
      benchmark: "agency-import",
      database: postgres ? "postgres" : "sqlite",
      rows: TOTAL,
      fileBytes: fs.statSync(file).size,
      year,
      results,
      stored,
      node: process.version,
      cpus: os.cpus().length,
    },
    null,
    2,
  ),
);
fs.rmSync(path.dirname(file), { recursive: true, force: true });
await closeDatabaseConnections();
if (postgres) {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${benchDatabase}" WITH (FORCE)`);
  await admin.end();
}
