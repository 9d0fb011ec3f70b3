// Issue #8, reliability: 10,000 submits at 200 concurrent connections against the production build
// (half IIT, half EIT-1, every one with a prepared survey session) → every submit acknowledged
// with the thank-you page, none lost, none duplicated, no 5xx, rows = acknowledgements = tally.
// The throughput figures themselves come from scripts/bench/submit.ts, not from here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbTarget } from "~/db.server";
import { registeredAgency } from "../fixtures/db";
import { type AppServer, drive, freePort, prepareSubmissions, reconcile, serverErrors, startApp, talliesAgainstRows, writtenSubmissions } from "./app-server";

const SUBMITS = Number(process.env.LOAD_SUBMITS ?? 10_000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 200);

let server: AppServer;
beforeAll(async () => {
  server = await startApp({ port: await freePort(), databaseUrl: process.env.DATABASE_URL! });
});
afterAll(async () => server?.stop());

describe(`load: ${SUBMITS} submits at ${CONCURRENCY} concurrent connections (${dbTarget.provider})`, () => {
  it("acknowledges every submit exactly once, and every acknowledgement is exactly one row in the tally", async () => {
    const agency = await registeredAgency({ internalPopulation: 1_000_000, externalPopulation: 1_000_000 });
    const submissions = await prepareSubmissions(agency, SUBMITS);

    const started = performance.now();
    const report = await drive(() => server.url, submissions, { concurrency: CONCURRENCY });
    const seconds = (performance.now() - started) / 1000;

    const written = await writtenSubmissions(agency);
    const { lost, duplicates, unacknowledged } = reconcile(report.acknowledged, written.byIndex);
    const fiveHundreds = [...report.outcomes].filter(([outcome]) => /^5\d\d$/.test(outcome)).reduce((sum, [, n]) => sum + n, 0);
    console.log(
      `[load] ${dbTarget.provider}: ${SUBMITS} submits, ${CONCURRENCY} connections, ${seconds.toFixed(1)} s (${Math.round(SUBMITS / seconds)}/s) · ` +
        `acknowledged ${report.acknowledged.size} · rows ${written.rows} · lost ${lost.length} · duplicates ${duplicates.length} · 5xx ${fiveHundreds} · ` +
        `outcomes ${JSON.stringify(Object.fromEntries(report.outcomes))}`,
    );

    expect(report.unexpected.slice(0, 5)).toEqual([]);
    expect(fiveHundreds).toBe(0);
    expect(serverErrors(server)).toEqual([]);
    expect(report.acknowledged.size).toBe(SUBMITS);
    expect(lost).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(unacknowledged).toEqual([]);
    expect(written.rows).toBe(SUBMITS);
    for (const { instrument, tally, rows, daily } of await talliesAgainstRows(agency)) {
      if (instrument === "eit2") continue;
      expect({ instrument, tally, daily }).toEqual({ instrument, tally: rows, daily: rows });
      expect(rows).toBe(SUBMITS / 2);
    }
  });
});
