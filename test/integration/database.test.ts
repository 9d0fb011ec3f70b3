import { describe, expect, it } from "vitest";
import { itemCentipoints, perceptionItems } from "~/domain/answers";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { assertDurableSettings, dbTarget, prisma } from "~/db.server";
import { getItemMeans, getTally, recordResponse, recountFromResponses } from "~/models/response.server";
import { randomId } from "~/utils/crypto.server";
import { hashSeed, randomAnswers, seededRandom } from "../../prisma/factories";
import { registeredAgency } from "../fixtures/db";

async function setupAgency() {
  const { cycle, agency } = await registeredAgency();
  return { cycle, agency };
}

describe(`database (${dbTarget.provider})`, () => {
  it("asserts the durable settings at start-up", async () => {
    const report = await assertDurableSettings();
    if (dbTarget.provider === "sqlite") {
      expect(report).toEqual({ journal_mode: "wal", synchronous: "2", busy_timeout: "5000", foreign_keys: "1" });
    } else {
      expect(report.fsync).toBe("on");
      expect(report.synchronous_commit).not.toBe("off");
    }
  });

  it("a write from another request is not swallowed by someone else's rolled-back transaction", async () => {
    const { cycle } = await setupAgency();
    const insideSlug = `inside-${randomId().slice(0, 6)}`;
    const outsideSlug = `outside-${randomId().slice(0, 6)}`;
    let started!: () => void;
    const transactionOpen = new Promise<void>((resolve) => (started = resolve));
    const failing = prisma.$transaction(async (tx) => {
      await tx.agency.create({ data: { id: randomId(), slug: insideSlug, code: insideSlug, nameTh: "ใน", nameEn: "in", kind: "other" } });
      started();
      await new Promise((resolve) => setTimeout(resolve, 100)); // another request runs meanwhile
      throw new Error("roll back");
    });
    await transactionOpen;
    // A raw statement goes straight to the driver (a model create would open its own transaction);
    // Prisma queries are lazy, so .then() sends it now, while the transaction is open.
    const outside =
      prisma.$executeRaw`INSERT INTO "Agency" ("id", "code", "slug", "nameTh", "nameEn", "kind", "createdAt") VALUES (${randomId()}, ${outsideSlug}, ${outsideSlug}, ${"นอก"}, ${"out"}, ${"other"}, ${new Date()})`.then(
        (count) => count,
      );
    await expect(failing).rejects.toThrow("roll back");
    await outside;
    expect(await prisma.agency.findUnique({ where: { slug: insideSlug } })).toBeNull();
    expect(await prisma.agency.findUnique({ where: { slug: outsideSlug } })).not.toBeNull();
    expect(cycle.fiscalYear).toBe(2568);
  });

  it("each response moves its tally by exactly its points; tally = SQL recount; means match by hand", async () => {
    const { cycle, agency } = await setupAgency();
    const random = seededRandom(hashSeed("tally-test"));
    const submitted: Record<string, number>[] = [];
    for (let i = 0; i < 23; i++) {
      const answers = randomAnswers(ita2568, "iit", random, 0.5);
      submitted.push(answers);
      await prisma.$transaction((tx) =>
        recordResponse(tx, { cycleId: cycle.id, agencyId: agency.id, instrument: "iit", screening: {}, answers, ruleset: ita2568 }),
      );
    }
    const tally = await getTally(agency.id, cycle.id, "iit");
    const recount = await recountFromResponses(agency.id, cycle.id, "iit");
    expect(tally.responses).toBe(23);
    expect(recount).toEqual(tally);
    expect(await prisma.response.count({ where: { agencyId: agency.id } })).toBe(23);

    // Hand computation: the mean over respondents of each item's points (mean over sub-items).
    const { means } = await getItemMeans(agency.id, cycle.id, "iit", ita2568);
    for (const item of perceptionItems(ita2568, "iit")) {
      const perRespondent = submitted.map((answers) => itemCentipoints(ita2568, "iit", answers)[item.slot] / 100 / item.answerKeys.length);
      const expected = perRespondent.reduce((a, b) => a + b, 0) / perRespondent.length;
      expect(means[item.code]).toBeCloseTo(expected, 9);
    }
    // The other instruments of the agency did not move.
    expect((await getTally(agency.id, cycle.id, "eit1")).responses).toBe(0);
  });

  it("a failed transaction leaves neither the response nor the tally change", async () => {
    const { cycle, agency } = await setupAgency();
    const answers = randomAnswers(ita2568, "eit", seededRandom(1));
    await expect(
      prisma.$transaction(async (tx) => {
        await recordResponse(tx, { cycleId: cycle.id, agencyId: agency.id, instrument: "eit1", screening: {}, answers, ruleset: ita2568 });
        throw new Error("crash before commit");
      }),
    ).rejects.toThrow("crash before commit");
    expect(await prisma.response.count({ where: { agencyId: agency.id } })).toBe(0);
    expect((await getTally(agency.id, cycle.id, "eit1")).responses).toBe(0);
  });

  it("response rows carry a random 128-bit id and nothing that orders them", async () => {
    const { cycle, agency } = await setupAgency();
    for (let i = 0; i < 5; i++) {
      await prisma.$transaction((tx) =>
        recordResponse(tx, {
          cycleId: cycle.id,
          agencyId: agency.id,
          instrument: "eit2",
          screening: {},
          answers: randomAnswers(ita2568, "eit", seededRandom(i)),
          ruleset: ita2568,
        }),
      );
    }
    const rows = await prisma.response.findMany({ where: { agencyId: agency.id } });
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(rows.map((row) => row.id)).size).toBe(5);
    expect(Object.keys(rows[0]).filter((key) => /At$|time|date/i.test(key))).toEqual([]);
  });
});
