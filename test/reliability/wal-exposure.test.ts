// Issue 19, attack M6: a copy of the SQLite WAL ordered every submit since the last checkpoint (17
// of 17 in the demo audit; SQLite checkpoints on its own only at 1,000 pages). The submit path now
// empties the WAL (TRUNCATE) after every CHECKPOINT_EVERY_SUBMITS submits, or a second after the
// first submit since, at most every 250 ms (app/db-direct.server.ts, docs/decisions/014). Replayed
// through the real server: a burst of submits one at a time (each its own transaction: the worst
// case), then a copy of the files taken right after the last acknowledgement. The copy may order at
// most WAL_HANDFUL responses. Counts, not times (loads and rates: scripts/bench/wal-exposure.ts).
import fs from "node:fs";
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbTarget, prisma } from "~/db.server";
import { registeredAgency } from "../fixtures/db";
import { type AppServer, freePort, indexOf, isThanks, keysOf, post, prepareSubmissions, startApp } from "./app-server";
import { walOrderedInCopy } from "./linkage-attacks";

/** The handful decision 002 promises: a copy orders at most this many recent responses. */
const WAL_HANDFUL = 8;
/** Between two submits: ~25 a second, a busy counter's rate, not a load test (the bench does that). */
const PAUSE_MS = 40;

let server: AppServer;
beforeAll(async () => {
  if (dbTarget.provider !== "sqlite") return;
  server = await startApp({ port: await freePort(), databaseUrl: process.env.DATABASE_URL! });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

async function copyOrders(agencyId: string) {
  if (dbTarget.provider !== "sqlite") throw new Error("SQLite only");
  const main = fs.readFileSync(dbTarget.file);
  const wal = fs.existsSync(`${dbTarget.file}-wal`) ? fs.readFileSync(`${dbTarget.file}-wal`) : Buffer.alloc(0);
  const rows = await prisma.response.findMany({ where: { agencyId }, select: { id: true, instrument: true, answers: true } });
  // One at a time, so the submission's number is its true commit order: only right placements count.
  const truth = new Map(rows.map((row) => [row.id, indexOf(keysOf(row.instrument as "iit" | "eit1"), row.answers)]));
  return { ...walOrderedInCopy(main, wal, new Set(truth.keys()), (id) => truth.get(id)), responses: rows.length };
}

describe.skipIf(dbTarget.provider !== "sqlite")("a copy of the SQLite WAL orders at most a handful of responses (attack M6)", () => {
  it("right after a burst of 40 submits, one at a time as people at a counter (each its own transaction: the worst case)", async () => {
    const agency = await registeredAgency({ internalPopulation: 1000, externalPopulation: 1000 });
    const submissions = await prepareSubmissions(agency, 40);
    const agent = new http.Agent({ keepAlive: true });
    let acknowledged = 0;
    for (const submission of submissions) {
      if (isThanks(await post(agent, server.url, submission))) acknowledged++;
      await sleep(PAUSE_MS);
    }
    agent.destroy();
    expect(acknowledged).toBe(40);
    const copy = await copyOrders(agency.agency.id);
    console.log(
      `wal-exposure|the copy orders ${copy.ordered} of ${copy.responses} responses (${copy.orderedFromStale} from older frames; ${copy.transactions} transactions, ${copy.frames} + ${copy.staleFrames} older frames; ${copy.claimed} claimed)`,
    );
    expect(copy.responses).toBe(40);
    expect(copy.ordered).toBeLessThanOrEqual(WAL_HANDFUL);
  });
});
