// Issue 18 §6, two of its proofs, with two real instances (scripts/serve.js) on one PostgreSQL
// (decisions 019 and 020):
// - a survey closed through instance A refuses a submit on instance B at once (the submit checks
//   at commit; B's caches are warm and would have said "open");
// - the nightly reshuffle, due on both instances, runs on one; killed with SIGKILL mid-run, it is
//   taken over by the other once the lease runs out and finished there, with every row whole.
// The reshuffle lasts long enough to be killed because there is real data to rewrite (~150,000
// response rows), not because of a knob. Short lease, tick and poll through env (JOB_LEASE_MS,
// JOB_TICK_MS, CACHE_POLL_MS).
import { afterAll, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { dbTarget, prisma } from "~/db.server";
import { updateCycleWindows } from "~/models/cycle.server";
import { registeredAgency } from "../fixtures/db";
import { type AppServer, freePort, post, prepareSubmissions, serverErrors, startApp, isThanks } from "./app-server";
import { adminSessionCookie } from "./harness";
import http from "node:http";

const BULK_RESPONSES = Number(process.env.FLEET_BULK_RESPONSES ?? 150_000);
const LEASE_MS = 3000;
const FLEET_ENV = { JOB_LEASE_MS: String(LEASE_MS), JOB_TICK_MS: "300", CACHE_POLL_MS: "500" };

const servers: AppServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop("SIGKILL");
});

async function startTwo() {
  const [portA, portB] = [await freePort(), await freePort()];
  const a = await startApp({ port: portA, databaseUrl: process.env.DATABASE_URL!, env: FLEET_ENV });
  servers.push(a);
  const b = await startApp({ port: portB, databaseUrl: process.env.DATABASE_URL!, env: FLEET_ENV });
  servers.push(b);
  return { a, b };
}

const started = (server: AppServer) => server.output.filter((line) => line.includes("[job] nightly-reshuffle started")).length;
const finished = (server: AppServer) => server.output.filter((line) => line.includes("[job] nightly-reshuffle finished")).length;

describe.skipIf(dbTarget.provider !== "postgres")("a fleet of two instances on one PostgreSQL", () => {
  it("a survey closed through A refuses a submit on B at once; the nightly job runs once, and a holder killed mid-run is finished by the other", async () => {
    const agency = await registeredAgency({ internalPopulation: 1000, externalPopulation: 1000 });
    const [first, second, third] = await prepareSubmissions(agency, 3, ["iit"]);
    const { a, b } = await startTwo();
    const agent = new http.Agent({ keepAlive: false });

    // ── A survey closed through A, submitted to B ──
    // B has served this cycle (its caches hold the ruleset and the open state).
    expect(isThanks(await post(agent, b.url, first))).toBe(true);
    const close = await fetch(`${a.url}/admin/agencies/${encodeURIComponent(agency.agency.slug)}?index`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: await adminSessionCookie(), origin: a.url, "content-type": "application/x-www-form-urlencoded" },
      body: "intent=set-open&instrument=iit&open=false",
    });
    expect(close.status).toBeLessThan(400);
    expect((await prisma.agencyCycle.findFirstOrThrow({ where: { agencyId: agency.agency.id } })).iitOpen).toBe(false);
    const refused = await post(agent, b.url, second);
    expect("status" in refused && refused.status).toBe(403);
    // Reopened through A: B accepts again; then the cycle's IIT window closed by date through the
    // model (a third process, as the operator CLI would): B refuses at once too.
    await fetch(`${a.url}/admin/agencies/${encodeURIComponent(agency.agency.slug)}?index`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: await adminSessionCookie(), origin: a.url, "content-type": "application/x-www-form-urlencoded" },
      body: "intent=set-open&instrument=iit&open=true",
    });
    expect(isThanks(await post(agent, b.url, second))).toBe(true);
    const cycle = await prisma.cycle.findUniqueOrThrow({ where: { id: agency.cycle.id } });
    await updateCycleWindows(cycle.id, { ...cycle, iitClosesAt: new Date(Date.now() - 1000) });
    const late = await post(agent, b.url, third);
    expect("status" in late && late.status).toBe(403);
    await updateCycleWindows(cycle.id, { ...cycle });
    expect(await prisma.response.count({ where: { agencyId: agency.agency.id } })).toBe(2);

    // ── The nightly job on both instances ──
    // Real volume to rewrite: another agency's response rows, written in bulk.
    const bulk = await registeredAgency();
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Response" ("id", "cycleId", "agencyId", "instrument", "answers", "p1")
       SELECT md5(random()::text || g::text), $1, $2, 'eit2', '{}', 100 FROM generate_series(1, ${BULK_RESPONSES}) g`,
      bulk.cycle.id,
      bulk.agency.id,
    );
    const before = await prisma.response.count();
    // Both instances created the job's row at start ("finished now"); it missed last night: due.
    const lastNight = new Date(Date.now() - 2 * 86_400_000);
    await prisma.jobLease.update({ where: { name: "nightly-reshuffle" }, data: { lastFinishedAt: lastNight } });

    // One of them takes it; wait until its rewrite is under way in PostgreSQL, then kill it.
    let holder: AppServer | undefined;
    for (let i = 0; i < 200 && !holder; i++) {
      const row = await prisma.jobLease.findUniqueOrThrow({ where: { name: "nightly-reshuffle" } });
      const rewriting = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%reshuffle_%' AND pid <> pg_backend_pid()`,
      );
      if (row.holder && Number(rewriting[0].n) > 0) holder = started(a) > 0 ? a : b;
      else await sleep(25);
    }
    expect(holder).toBeDefined();
    const other = holder === a ? b : a;
    expect(started(holder!) + started(other)).toBe(1); // started on both, run on one
    holder!.child.kill("SIGKILL");
    await holder!.exited;
    // Killed mid-run: not finished, and nothing of its rewrite committed.
    const afterKill = await prisma.jobLease.findUniqueOrThrow({ where: { name: "nightly-reshuffle" } });
    expect(afterKill.lastFinishedAt?.getTime()).toBe(lastNight.getTime());
    expect(finished(holder!)).toBe(0);

    // The other instance takes it over once the lease runs out, and finishes it.
    const deadline = Date.now() + 60_000;
    let done = afterKill;
    while (Date.now() < deadline) {
      done = await prisma.jobLease.findUniqueOrThrow({ where: { name: "nightly-reshuffle" } });
      if (done.lastOutcome === "ok" && done.lastFinishedAt && done.lastFinishedAt > lastNight) break;
      await sleep(200);
    }
    console.log(
      `[fleet] reshuffle of ${before} rows: ${JSON.stringify(done)} · ${other.output.filter((line) => line.includes("[job] nightly-reshuffle")).join(" | ")}`,
    );
    expect(done).toMatchObject({ holder: null, leaseUntil: null, lastOutcome: "ok", runs: 2 });
    expect(done.lastFinishedAt!.getTime()).toBeGreaterThan(lastNight.getTime());
    expect(started(other)).toBe(1);
    expect(finished(other)).toBe(1);
    expect(other.output.join("\n")).toMatch(/"Response":\d+/); // it rewrote, not skipped
    // The data is whole: every row still there, the survey's tallies equal its rows.
    expect(await prisma.response.count()).toBe(before);
    const tally = await prisma.responseTally.findFirstOrThrow({ where: { agencyId: agency.agency.id, instrument: "iit" } });
    expect(tally.responses).toBe(2);
    // Not due again: the surviving instance does not run it a second time.
    await sleep(1000);
    expect(started(other)).toBe(1);
    expect(serverErrors(other)).toEqual([]);
    agent.destroy();
  });
});
