// Attack M6 (issue 19) as a measurement: how many responses a copy of the SQLite files (the
// database, then its WAL, as a backup tool or a stolen disk takes them) can order, when taken at
// random moments while K responses are submitted through the real server. The WAL's page images
// are diffed transaction by transaction (test/reliability/linkage-attacks.ts → walOrderedInCopy,
// the linkage red-team's own reader), and only right placements count: the true order is the order
// of the acknowledgements (group commit answers a batch only after its COMMIT, before the next
// batch's). Prints, per server variant and load, the copies' ordered responses (median, p95, max),
// how many of them came from older frames a RESTART left, and a copy right after the last
// acknowledgement and one 1.5 s later (once the idle TRUNCATE has run). The checkpoints' cost:
// scripts/bench/checkpoint-cost.ts (docs/benchmarks.md).
// Usage: npm run build && npx tsx scripts/bench/wal-exposure.ts [--submits 400] [--copies 40]
//   [--variant off|truncate|restart|…] (scripts/bench/variants.ts; default: the build as it is).
//   One variant per run: a second server on the same file in one run answered 401 to every submit
//   (its sessions, written by this process, were not seen), so each run has its own database.
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { prepareBenchDatabase } from "./bench-database";
import { prepareVariant, startVariant } from "./variants";

const { values: args } = parseArgs({
  options: { submits: { type: "string", default: "400" }, copies: { type: "string", default: "40" }, variant: { type: "string", default: "build" } },
});
const variants = [args.variant];
const SUBMITS = Number(args.submits);
const COPIES = Number(args.copies);
const file = path.resolve("data/bench/wal-exposure.db");
prepareBenchDatabase(file);

const { prisma } = await import("~/db.server");
const { registeredAgency } = await import("../../test/fixtures/db");
const { drive, freePort, indexOf, keysOf, prepareSubmissions } = await import("../../test/reliability/app-server");
const { walOrderedInCopy } = await import("../../test/reliability/linkage-attacks");

const at = (values: number[], q: number) => values[Math.min(values.length - 1, Math.floor(values.length * q))];
const copyNow = () => ({ main: fs.readFileSync(file), wal: fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0) });

for (const variant of variants) {
  const server = await startVariant(prepareVariant(variant), await freePort(), `file:${file}`);
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
        copies.push(copyNow());
      }
      const report = await load;
      if (report.acknowledged.size < submissions.length) throw new Error(`not all acknowledged: ${JSON.stringify([...report.outcomes])}`);
      const last = copyNow(); // right after the last acknowledgement
      await sleep(1500);
      const later = copyNow();
      const rows = await prisma.response.findMany({ where: { agencyId: agency.agency.id }, select: { id: true, answers: true } });
      const ackOrder = new Map([...report.acknowledged].map((index, position) => [index, position]));
      const truth = new Map(rows.map((row) => [row.id, ackOrder.get(indexOf(keysOf("iit"), row.answers))]));
      const measure = (copy: { main: Buffer; wal: Buffer }) => walOrderedInCopy(copy.main, copy.wal, new Set(truth.keys()), (id) => truth.get(id));
      const ordered = copies.map(measure);
      const counts = ordered.map((o) => o.ordered).sort((a, b) => a - b);
      const stale = ordered.map((o) => o.orderedFromStale).sort((a, b) => a - b);
      const claimed = ordered.map((o) => o.claimed).sort((a, b) => a - b);
      const transactions = ordered.map((o) => o.transactions).sort((a, b) => a - b);
      const [atLast, atLater] = [measure(last), measure(later)];
      console.log(
        `${variant} · ${concurrency} at a time, ${report.acknowledged.size} submits, ${copies.length} copies: ordered median ${at(counts, 0.5)} · p95 ${at(counts, 0.95)} · max ${counts[counts.length - 1]} (from older frames: max ${stale[stale.length - 1]}; claimed max ${claimed[claimed.length - 1]}; transactions max ${transactions[transactions.length - 1]}); right after the last: ${atLast.ordered}, 1.5 s later: ${atLater.ordered}`,
      );
    }
  } finally {
    await server.stop();
  }
}
await prisma.$disconnect();
