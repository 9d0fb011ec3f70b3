// Issue #8, reliability: the server is killed with SIGKILL twice in the middle of a load run and
// started again. Clients retry with the same submission key until they get the thank-you page, as
// the respondent's page does after "not saved, please try again". Nothing may be lost or counted
// twice: a submit that committed just before the kill answers its retry from the idempotency
// record, and one that did not commit is written once by its retry.
import { afterAll, describe, expect, it } from "vitest";
import { dbTarget, prisma } from "~/db.server";
import { registeredAgency } from "../fixtures/db";
import { type AppServer, drive, freePort, prepareSubmissions, reconcile, serverErrors, startApp, talliesAgainstRows, writtenSubmissions } from "./app-server";

const SUBMITS = Number(process.env.CRASH_SUBMITS ?? 4000);
const CONCURRENCY = 200;
const KILL_AT = [0.25, 0.6]; // fractions of SUBMITS acknowledged

const servers: AppServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop("SIGKILL");
});

describe(`crash: kill -9 during a load run, restart, clients retry (${dbTarget.provider})`, () => {
  it("loses nothing and counts nothing twice; tallies equal the rows", async () => {
    const agency = await registeredAgency({ internalPopulation: 1_000_000, externalPopulation: 1_000_000 });
    const submissions = await prepareSubmissions(agency, SUBMITS);
    const port = await freePort();
    const start = async () => {
      const server = await startApp({ port, databaseUrl: process.env.DATABASE_URL! });
      servers.push(server);
      return server;
    };
    let server = await start();

    let acknowledged = 0;
    const load = drive(() => server.url, submissions, { concurrency: CONCURRENCY, retry: true, onAcknowledged: (count) => (acknowledged = count) });

    const kills: { acknowledgedBefore: number; committedUnacknowledged: number; restartMs: number }[] = [];
    for (const fraction of KILL_AT) {
      while (acknowledged < SUBMITS * fraction) await new Promise((resolve) => setTimeout(resolve, 5));
      const acknowledgedBefore = acknowledged;
      server.child.kill("SIGKILL");
      await server.exited;
      // What the dead server had committed but not yet answered: its clients will retry.
      const committed = (await writtenSubmissions(agency)).rows;
      const started = performance.now();
      server = await start();
      kills.push({ acknowledgedBefore, committedUnacknowledged: committed - acknowledgedBefore, restartMs: Math.round(performance.now() - started) });
    }
    const report = await load;

    const written = await writtenSubmissions(agency);
    const { lost, duplicates, unacknowledged } = reconcile(report.acknowledged, written.byIndex);
    const networkErrors = [...report.outcomes].filter(([outcome]) => !/^\d+$/.test(outcome)).reduce((sum, [, n]) => sum + n, 0);
    const fiveHundreds = [...report.outcomes].filter(([outcome]) => /^5\d\d$/.test(outcome)).reduce((sum, [, n]) => sum + n, 0);
    console.log(
      `[crash] ${dbTarget.provider}: ${SUBMITS} submits, ${CONCURRENCY} clients, ${kills.length} × kill -9 ${JSON.stringify(kills)} · attempts ${report.attempts} · ` +
        `network errors ${networkErrors} · 5xx ${fiveHundreds} · acknowledged ${report.acknowledged.size} · rows ${written.rows} · lost ${lost.length} · duplicates ${duplicates.length} · ` +
        `outcomes ${JSON.stringify(Object.fromEntries(report.outcomes))}`,
    );

    // The kills hit requests in flight (else this test proves nothing).
    expect(networkErrors).toBeGreaterThan(0);
    expect(report.unexpected.slice(0, 5)).toEqual([]);
    expect(report.acknowledged.size).toBe(SUBMITS);
    expect(lost).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(unacknowledged).toEqual([]);
    expect(written.rows).toBe(SUBMITS);
    // Only the last server lived to answer cleanly; none of them answered a 5xx.
    expect(fiveHundreds).toBe(0);
    expect(servers.flatMap(serverErrors)).toEqual([]);
    for (const { instrument, tally, rows, daily } of await talliesAgainstRows(agency)) {
      if (instrument === "eit2") continue;
      expect({ instrument, tally, daily }).toEqual({ instrument, tally: rows, daily: rows });
    }
    if (dbTarget.provider === "sqlite") {
      expect(await prisma.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    }
  });
});
