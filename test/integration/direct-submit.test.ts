// The direct (plain SQL) write path behind every respondent submit (docs/decisions/006): on SQLite
// concurrent submits share one group-committed transaction with a savepoint each. One submit's
// failure must undo that submit alone; nobody may be answered before the COMMIT; and a submit
// through it must write exactly what the Prisma path writes (the tally equals a recount).
import { describe, expect, it } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { inDirectTransaction } from "~/db-direct.server";
import { dbTarget, prisma } from "~/db.server";
import { getTally, recordResponseDirect, recountFromResponses } from "~/models/response.server";
import { randomId } from "~/utils/crypto.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { registeredAgency } from "../fixtures/db";

const counterRow = (key: string) => prisma.rateLimitCounter.findFirst({ where: { key } });
const insertCounter = (key: string) => `INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES ('${key}', '2026-01-01T00:00:00.000+00:00', 1)`;

describe(`direct submit path (${dbTarget.provider})`, () => {
  it("a failing submit in a batch is undone alone; the others commit and are answered only after COMMIT", async () => {
    const keys = Array.from({ length: 6 }, () => `direct-${randomId()}`);
    const seenAtResolve: boolean[] = [];
    // Queued in the same turn of the event loop, so on SQLite they share one batch.
    const settled = await Promise.allSettled(
      keys.map((key, index) =>
        inDirectTransaction(async (sql) => {
          await sql(dbTarget.provider === "postgres" ? insertCounter(key).replace("'2026-01-01T00:00:00.000+00:00'", "now()") : insertCounter(key));
          if (index === 2) throw new Error("this submit fails after writing");
          return index;
        }).then(async (value) => {
          // Answered: the row must already be visible to another connection (Prisma's).
          seenAtResolve[value] = Boolean(await counterRow(key));
          return value;
        }),
      ),
    );
    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(seenAtResolve.filter((seen, index) => index !== 2 && seen)).toHaveLength(5);
    const stored = await Promise.all(keys.map(counterRow));
    expect(stored.map(Boolean)).toEqual([true, true, false, true, true, true]);
  });

  it("recordResponseDirect keeps the tally equal to a recount, snapshots at every 5th, and honours the cap", async () => {
    const { agency, cycle } = await registeredAgency({ internalPopulation: 12 });
    const random = seededRandom(66);
    const submit = (now = new Date()) =>
      inDirectTransaction((sql) =>
        recordResponseDirect(
          sql,
          { cycleId: cycle.id, agencyId: agency.id, instrument: "iit", screening: {}, answers: randomAnswers(ita2568, "iit", random, 0.5), ruleset: ita2568 },
          { cap: 12, now },
        ),
      );
    const results = await Promise.allSettled(Array.from({ length: 15 }, () => submit()));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(12);
    expect(results.filter((result) => result.status === "rejected").map((result) => (result as PromiseRejectedResult).reason.name)).toEqual([
      "OverCapError",
      "OverCapError",
      "OverCapError",
    ]);
    expect(await recountFromResponses(agency.id, cycle.id, "iit")).toEqual(await getTally(agency.id, cycle.id, "iit"));
    const snapshot = await prisma.tallySnapshot.findUniqueOrThrow({
      where: { agencyId_cycleId_instrument: { agencyId: agency.id, cycleId: cycle.id, instrument: "iit" } },
    });
    expect(snapshot.responses).toBe(10);
    const days = await prisma.dailyCount.findMany({ where: { agencyId: agency.id, cycleId: cycle.id, instrument: "iit" } });
    expect(days.reduce((sum, day) => sum + day.responses, 0)).toBe(12);
  });
});
