// Attack M6 (issue 19) as a measurement: how many responses a copy of the SQLite files (the
// database, then its WAL, as a backup tool or a stolen disk takes them) can order, when taken at
// random moments while K responses are submitted through the real server. The WAL's page images
// are diffed transaction by transaction (test/reliability/linkage-attacks.ts → walOrderedInCopy,
// the linkage red-team's own reader). Prints, per load, the copies' ordered responses (median, p95,
// max) and the checkpointing's cost is measured by scripts/bench/submit.ts (docs/benchmarks.md).
// Usage: npm run build && npx tsx scripts/bench/wal-exposure.ts [--submits 400] [--copies 40]
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { prepareBenchDatabase } from "./bench-database";

const { values: args } = parseArgs({ options: { submits: { type: "string", default: "400" }, copies: { type: "string", default: "40" } } });
const SUBMITS = Number(args.submits);
const COPIES = Number(args.copies);
const file = path.resolve("data/bench/wal-exposure.db");
prepareBenchDatabase(file);

const { prisma } = await import("~/db.server");
const { registeredAgency } = await import("../../test/fixtures/db");
const { drive, freePort, prepareSubmissions, startApp } = await import("../../test/reliability/app-server");
const { walOrderedInCopy } = await import("../../test/reliability/linkage-attacks");

const server = await startApp({ port: await freePort(), databaseUrl: `file:${file}` });
const at = (values: number[], q: number) => values[Math.min(values.length - 1, Math.floor(values.length * q))];

try {
  for (const concurrency of [1, 8, 50]) {
    const agency = await registeredAgency({ internalPopulation: 1_000_000, externalPopulation: 1_000_000 });
    const submissions = await prepareSubmissions(agency, SUBMITS, ["iit"]);
    const copies: { main: Buffer; wal: Buffer }[] = [];
    let done = false;
    const load = drive(() => server.url, submissions, { concurrency }).then((report) => {
      done = true;
      return report;
    });
    // Copies at random moments during the load.
    while (!done && copies.length < COPIES) {
      await sleep(Math.random() * 60);
      const main = fs.readFileSync(file);
      const wal = fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0);
      copies.push({ main, wal });
    }
    const report = await load;
    // One more right after the last acknowledgement.
    copies.push({ main: fs.readFileSync(file), wal: fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0) });
    const ids = new Set((await prisma.response.findMany({ where: { agencyId: agency.agency.id }, select: { id: true } })).map((row) => row.id));
    const ordered = copies.map((copy) => walOrderedInCopy(copy.main, copy.wal, ids));
    const counts = ordered.map((o) => o.ordered).sort((a, b) => a - b);
    const transactions = ordered.map((o) => o.transactions).sort((a, b) => a - b);
    const last = ordered[ordered.length - 1];
    console.log(
      `${concurrency} at a time, ${report.acknowledged.size} submits, ${copies.length} copies: ordered responses median ${at(counts, 0.5)} · p95 ${at(counts, 0.95)} · max ${counts[counts.length - 1]} (in transactions: max ${transactions[transactions.length - 1]}); right after the last: ${last.ordered}`,
    );
  }
} finally {
  await server.stop();
  await prisma.$disconnect();
}
