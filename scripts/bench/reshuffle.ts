// How long reshuffleAnonymousRows() takes (docs/decisions/002) — submits wait while it runs — at
// 100,000 and 1,000,000 responses (the national scale is ~1.35 M). Synthetic data shaped like a
// cycle: 1,000 agencies, half IIT and half EIT-1 responses with their 15 / 9 answers and points,
// one marker per EIT-1 response, tallies, snapshots and 30 days of daily counts. For each size it
// prints the reshuffle's own report, how long a submit-shaped transaction (the tally UPDATE the
// submit starts with) issued during the rewrite waited, and the longest stall of the event loop
// (SQLite: better-sqlite3 is synchronous, so the VACUUM stalls every request of the process).
// Usage: npx tsx scripts/bench/reshuffle.ts [--db sqlite|postgres] [--rows 100000,1000000] [--checked-fk]
// (--checked-fk: PostgreSQL re-inserts with the per-row foreign-key checks a non-superuser gets.)
// SQLite: its own file under data/bench/. PostgreSQL: its own database on TEST_POSTGRES_URL's
// server (default the local one), created and dropped.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { prepareBenchDatabase } from "./bench-database";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    rows: { type: "string", default: "100000,1000000" },
    "checked-fk": { type: "boolean", default: false },
  },
});
const SIZES = args.rows.split(",").map(Number);
const AGENCIES = 1000;
const DAYS = 30;
const postgres = args.db === "postgres";
const server = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const benchDatabase = "ita_bench_reshuffle";
const sqliteFile = path.resolve("data/bench/reshuffle.db");

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
const { closeDirectConnections, inDirectTransaction } = await import("~/db-direct.server");
const { reshuffleAnonymousRows } = await import("~/models/anonymity.server");
const { createCycle } = await import("~/models/cycle.server");
const { perceptionItems } = await import("~/domain/answers");
const { openWindows } = await import("../../prisma/factories");

const DAY = 86_400_000;
const now = Date.now();
const cycle = await createCycle(ita2568, openWindows());
const keys = {
  iit: perceptionItems(ita2568, "iit").flatMap((item) => item.answerKeys),
  eit1: perceptionItems(ita2568, "eit").flatMap((item) => item.answerKeys),
};
const answersJson = (instrument: "iit" | "eit1", seed: number) =>
  JSON.stringify(Object.fromEntries(keys[instrument].map((key, i) => [key, (seed + i * 7) % 4])));
const slots = { iit: perceptionItems(ita2568, "iit").length, eit1: perceptionItems(ita2568, "eit").length };
const agencyIds = Array.from({ length: AGENCIES }, (_, i) => `bench${String(i).padStart(4, "0")}${randomBytes(12).toString("hex")}`);
const instruments = ["iit", "eit1", "eit2"] as const;
const bangkokDay = (offset: number) => new Date(now - offset * DAY + 7 * 3600_000).toISOString().slice(0, 10);

// ───── the fixed rows: agencies, tallies, snapshots, daily counts ─────
if (postgres) {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  await db.query(`INSERT INTO "Agency" ("id", "slug", "nameTh", "nameEn", "kind") SELECT a, a, a, a, 'local_sao' FROM unnest($1::text[]) a`, [agencyIds]);
  for (const table of ["ResponseTally", "TallySnapshot"]) {
    await db.query(
      `INSERT INTO "${table}" ("agencyId", "cycleId", "instrument") SELECT a, $2, i::"Instrument" FROM unnest($1::text[]) a, unnest($3::text[]) i`,
      [agencyIds, cycle.id, instruments],
    );
  }
  await db.query(
    `INSERT INTO "DailyCount" ("agencyId", "cycleId", "instrument", "day", "responses") SELECT a, $2, i::"Instrument", d, 1 FROM unnest($1::text[]) a, unnest($3::text[]) i, unnest($4::text[]) d`,
    [agencyIds, cycle.id, instruments, Array.from({ length: DAYS }, (_, d) => bangkokDay(d))],
  );
  await db.end();
} else {
  const db = new Database(sqliteFile);
  db.pragma("journal_mode = WAL");
  db.transaction(() => {
    const agency = db.prepare(`INSERT INTO "Agency" ("id", "slug", "nameTh", "nameEn", "kind", "createdAt") VALUES (?, ?, ?, ?, 'local_sao', ?)`);
    const tally = db.prepare(`INSERT INTO "ResponseTally" ("agencyId", "cycleId", "instrument") VALUES (?, ?, ?)`);
    const snapshot = db.prepare(`INSERT INTO "TallySnapshot" ("agencyId", "cycleId", "instrument") VALUES (?, ?, ?)`);
    const daily = db.prepare(`INSERT INTO "DailyCount" ("agencyId", "cycleId", "instrument", "day", "responses") VALUES (?, ?, ?, ?, 1)`);
    for (const id of agencyIds) {
      agency.run(id, id, id, id, new Date().toISOString());
      for (const instrument of instruments) {
        tally.run(id, cycle.id, instrument);
        snapshot.run(id, cycle.id, instrument);
        for (let d = 0; d < DAYS; d++) daily.run(id, cycle.id, instrument, bangkokDay(d));
      }
    }
  })();
  db.close();
}

// ───── responses (and EIT-1 markers) up to `total` ─────
let inserted = 0;
async function fillTo(total: number) {
  const started = performance.now();
  if (postgres) {
    const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    for (const instrument of ["iit", "eit1"] as const) {
      const from = inserted + (instrument === "iit" ? 0 : 1);
      const points = Array.from({ length: slots[instrument] }, (_, i) => `"p${i + 1}"`);
      await db.query(
        `INSERT INTO "Response" ("id", "cycleId", "agencyId", "instrument", "answers", ${points.join(", ")})
         SELECT md5(random()::text || g), $1, ($2::text[])[1 + g % ${AGENCIES}], '${instrument}', $3,
                ${points.map(() => "(random() * 4)::int * 2500").join(", ")}
           FROM generate_series($4::int, $5::int, 2) g`,
        [cycle.id, agencyIds, answersJson(instrument, total), from, total - 1],
      );
      if (instrument === "eit1") {
        await db.query(
          `INSERT INTO "EitContactMarker" ("cycleId", "agencyId", "contactHash") SELECT $1, ($2::text[])[1 + g % ${AGENCIES}], encode(sha256(($3 || g)::bytea), 'hex') FROM generate_series($4::int, $5::int, 2) g`,
          [cycle.id, agencyIds, cycle.id, from, total - 1],
        );
      }
    }
    await db.end();
  } else {
    const db = new Database(sqliteFile);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("cache_size = -1000000");
    const statements = {
      iit: db.prepare(
        `INSERT INTO "Response" ("id", "cycleId", "agencyId", "instrument", "answers", ${Array.from({ length: slots.iit }, (_, i) => `"p${i + 1}"`).join(", ")}) VALUES (?, ?, ?, 'iit', ?${", ?".repeat(slots.iit)})`,
      ),
      eit1: db.prepare(
        `INSERT INTO "Response" ("id", "cycleId", "agencyId", "instrument", "answers", ${Array.from({ length: slots.eit1 }, (_, i) => `"p${i + 1}"`).join(", ")}) VALUES (?, ?, ?, 'eit1', ?${", ?".repeat(slots.eit1)})`,
      ),
      marker: db.prepare(`INSERT INTO "EitContactMarker" ("cycleId", "agencyId", "contactHash") VALUES (?, ?, ?)`),
    };
    db.transaction(() => {
      for (let g = inserted; g < total; g++) {
        const instrument = g % 2 === 0 ? "iit" : "eit1";
        const agency = agencyIds[g % AGENCIES];
        const points = Array.from({ length: slots[instrument] }, () => Math.floor(Math.random() * 5) * 2500);
        statements[instrument].run(randomBytes(16).toString("hex"), cycle.id, agency, answersJson(instrument, g), ...points);
        if (instrument === "eit1") statements.marker.run(cycle.id, agency, randomBytes(32).toString("hex"));
      }
    })();
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
  }
  inserted = total;
  return performance.now() - started;
}

async function size(): Promise<string> {
  if (!postgres) return `${(fs.statSync(sqliteFile).size / 1048576).toFixed(0)} MiB file`;
  const [row] = await prisma.$queryRawUnsafe<{ mb: number }[]>(`SELECT (pg_database_size(current_database()) / 1048576)::int AS mb`);
  return `${row.mb} MiB database`;
}

for (const total of SIZES) {
  const fillMs = await fillTo(total);
  // A submit that arrives while the rewrite runs: the tally UPDATE it begins with waits for it
  // (PostgreSQL: issued 100 ms in, once the tables are locked; SQLite: queued at once, since the
  // synchronous VACUUM holds the event loop).
  let waited = Number.NaN;
  let last = performance.now();
  let stall = 0;
  const ticker = setInterval(() => {
    const t = performance.now();
    stall = Math.max(stall, t - last);
    last = t;
  }, 5);
  const reshuffle = reshuffleAnonymousRows({ lockTimeoutMs: 60_000, skipForeignKeyChecks: !args["checked-fk"] });
  if (postgres) await new Promise((resolve) => setTimeout(resolve, 100));
  const submitted = performance.now();
  const submit = inDirectTransaction((sql) =>
    sql(`UPDATE "ResponseTally" SET "responses" = "responses" + 1 WHERE "agencyId" = ? AND "cycleId" = ? AND "instrument" = 'iit'`, [agencyIds[0], cycle.id]),
  ).then(() => (waited = performance.now() - submitted));
  const report = await reshuffle;
  await submit;
  await new Promise((resolve) => setTimeout(resolve, 50)); // let the ticker see the end of a stall
  clearInterval(ticker);
  console.log(
    JSON.stringify({
      database: postgres ? "postgres" : "sqlite",
      responses: total,
      markers: Math.floor(total / 2),
      size: await size(),
      fillSeconds: +(fillMs / 1000).toFixed(1),
      reshuffleSeconds: +(report.totalMs / 1000).toFixed(2),
      submitWaitedSeconds: +(waited / 1000).toFixed(2),
      eventLoopStallSeconds: +(stall / 1000).toFixed(2),
      report,
    }),
  );
}

await closeDirectConnections();
await prisma.$disconnect();
if (postgres) {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${benchDatabase}" WITH (FORCE)`);
  await admin.end();
} else {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${sqliteFile}${suffix}`, { force: true });
}
