// reshuffleAnonymousRows (docs/decisions/002; the linkage red-team in test/reliability/linkage.test.ts
// proves what it achieves): it must keep every row exactly, let submits that arrive meanwhile wait
// and then succeed, and on PostgreSQL leave one xmin for every row and the heap in key order.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { dbTarget, prisma } from "~/db.server";
import { msUntilNextReshuffle, RESHUFFLED_TABLES, reshuffleAnonymousRows } from "~/models/anonymity.server";
import { contactHashForCycle } from "~/models/cycle.server";
import { getTally, recountFromResponses } from "~/models/response.server";
import { submitResponse } from "~/models/submission.server";
import { createSurveySession } from "~/models/survey-session.server";
import { randomId, randomToken, sha256 } from "~/utils/crypto.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { registeredAgency } from "../fixtures/db";

type Fixture = Awaited<ReturnType<typeof registeredAgency>>;
const random = seededRandom(2568);

/** A submit as the survey route makes it, for a fresh session (EIT-1: a fresh contact). */
async function prepared(fx: Fixture, instrument: "iit" | "eit1") {
  const contactHash = instrument === "eit1" ? contactHashForCycle(fx.cycle, `+6681${randomId().slice(0, 7)}`) : null;
  const token = await createSurveySession({ agencyId: fx.agency.id, cycleId: fx.cycle.id, instrument, contactHash });
  return () =>
    submitResponse({
      submissionKey: randomToken(16),
      session: { id: sha256(token), agencyId: fx.agency.id, cycleId: fx.cycle.id, instrument, contactHash },
      screening: instrument === "iit" ? { position: "staff", tenure: "yes" } : { "respondent-type": "individual", "dealt-in-year": "yes" },
      answers: randomAnswers(ita2568, instrument === "iit" ? "iit" : "eit", random),
      ruleset: ita2568,
      rulesetVersion: 0, // the cycle was never changed (decision 019)
      cap: instrument === "iit" ? 10_000 : null,
    });
}

/** Every row of the rewritten tables, as sorted text (BigInt-safe). */
async function contents() {
  const dump: Record<string, string[]> = {};
  for (const { table } of RESHUFFLED_TABLES) {
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    dump[table] = rows.map((row) => JSON.stringify(row, (_key, value) => (typeof value === "bigint" ? value.toString() : value))).sort();
  }
  return dump;
}

async function expectTalliesExact(fx: Fixture) {
  for (const instrument of ["iit", "eit1"] as const) {
    expect(await recountFromResponses(fx.agency.id, fx.cycle.id, instrument)).toEqual(await getTally(fx.agency.id, fx.cycle.id, instrument));
  }
}

describe(`reshuffleAnonymousRows (${dbTarget.provider})`, () => {
  it("keeps every row of the rewritten tables exactly", async () => {
    const fx = await registeredAgency({ internalPopulation: 10_000 });
    for (let i = 0; i < 24; i++) expect((await (await prepared(fx, i % 3 === 0 ? "iit" : "eit1"))()).status).toBe("accepted");
    const before = await contents();
    expect(before.Response).toHaveLength(24);
    expect(before.EitContactMarker).toHaveLength(16);

    // PostgreSQL: the fast path (a superuser skips the per-row foreign-key checks) and the checked one.
    for (const skipForeignKeyChecks of [true, false]) {
      const report = await reshuffleAnonymousRows({ skipForeignKeyChecks });
      expect(report.provider).toBe(dbTarget.provider);
      if (report.provider === "postgres") {
        expect(report.skipped).toBeFalsy();
        if (!report.skipped) {
          expect(report.rows.Response).toBe(24);
          if (!skipForeignKeyChecks) expect(report.foreignKeyChecks).toBe("checked");
        }
      }
      expect(await contents()).toEqual(before);
      await expectTalliesExact(fx);
    }
    // The foreign keys still hold afterwards.
    await expect(
      prisma.$executeRawUnsafe(
        `INSERT INTO "Response" ("id", "cycleId", "agencyId", "instrument", "channel", "screening", "answers") VALUES ('x', 'no-such-cycle', 'no-such-agency', 'iit', 'code', '{}', '{}')`,
      ),
    ).rejects.toThrow();
    // The indexes are back (PostgreSQL drops and rebuilds the secondary ones).
    const indexes =
      dbTarget.provider === "postgres"
        ? await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT indexname::text AS name FROM pg_indexes WHERE tablename = 'Response'`)
        : await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Response'`);
    expect(indexes.map((index) => index.name)).toContain("Response_agencyId_cycleId_instrument_idx");
  });

  it("submits that arrive during the rewrite wait for it, then are all accepted; tallies still equal recounts", async () => {
    const fx = await registeredAgency({ internalPopulation: 10_000 });
    for (let i = 0; i < 10; i++) await (await prepared(fx, i % 2 === 0 ? "iit" : "eit1"))();
    const submits = await Promise.all(Array.from({ length: 30 }, (_, i) => prepared(fx, i % 2 === 0 ? "iit" : "eit1")));
    const reshuffle = reshuffleAnonymousRows();
    const outcomes = await Promise.all(submits.map((submit) => submit()));
    await reshuffle;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(30).fill("accepted"));
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(40);
    expect(await prisma.eitContactMarker.count({ where: { agencyId: fx.agency.id } })).toBe(20);
    await expectTalliesExact(fx);
  });

  it.runIf(dbTarget.provider === "postgres")(
    "PostgreSQL: afterwards every row has one xmin and the heap is in key order; a concurrent run is skipped",
    async () => {
      const fx = await registeredAgency({ internalPopulation: 10_000 });
      for (let i = 0; i < 12; i++) await (await prepared(fx, i % 2 === 0 ? "iit" : "eit1"))();
      const before = await prisma.$queryRawUnsafe<{ xmins: number }[]>(`SELECT count(DISTINCT xmin::text)::int AS xmins FROM "Response"`);
      expect(before[0].xmins).toBeGreaterThan(1);
      await reshuffleAnonymousRows();
      for (const { table, orderBy } of RESHUFFLED_TABLES) {
        // Key order, not strictly: a shorter row may back-fill an earlier page that still has room.
        const [row] = await prisma.$queryRawUnsafe<{ xmins: number; rho: number | null }[]>(
          `SELECT count(DISTINCT xmin::text)::int AS xmins, corr(by_key, by_place)::float8 AS rho
           FROM (SELECT xmin, rank() OVER (ORDER BY ${orderBy}) AS by_key, rank() OVER (ORDER BY ctid) AS by_place FROM "${table}") t`,
        );
        expect(row.xmins, `${table}: one xmin`).toBeLessThanOrEqual(1);
        if (row.rho !== null) expect(row.rho, `${table}: heap order is key order`).toBeGreaterThan(0.95);
      }
      // Another instance already at it (its advisory lock held): this one skips.
      const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await other.connect();
      try {
        await other.query(`SELECT pg_advisory_lock(hashtext('ita:reshuffle-anonymous-rows'))`);
        const skipped = await reshuffleAnonymousRows();
        expect(skipped.provider === "postgres" && skipped.skipped).toBe(true);
      } finally {
        await other.end();
      }
    },
  );

  it("is scheduled for 03:00 Bangkok (20:00 UTC), the next one after now", () => {
    expect(msUntilNextReshuffle(new Date("2026-03-01T19:59:00Z"))).toBe(60_000);
    expect(msUntilNextReshuffle(new Date("2026-03-01T20:00:00Z"))).toBe(86_400_000);
    expect(msUntilNextReshuffle(new Date("2026-03-01T21:00:00Z"))).toBe(23 * 3_600_000);
    expect(msUntilNextReshuffle(new Date("2026-03-01T05:00:00Z"))).toBe(15 * 3_600_000);
  });
});
