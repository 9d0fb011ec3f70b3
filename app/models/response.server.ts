// Anonymous responses and their running tallies (docs/decisions/002-anonymous-responses.md).
import { itemCentipoints, itemMeansFromTally, perceptionItems } from "~/domain/answers";
import type { Ruleset } from "~/domain/ruleset";
import type { Instrument } from "~/generated/sqlite/enums";
import { prisma, type Db, type DbTransaction } from "~/db.server";
import { randomId } from "~/utils/crypto.server";

export const ITEM_SLOTS = 30; // p1…p30 / sum1…sum30 in the schema

/** IIT uses the IIT items; EIT parts 1 and 2 share the EIT items. */
export function rulesetInstrument(instrument: Instrument): "iit" | "eit" {
  return instrument === "iit" ? "iit" : "eit";
}

export type NewResponse = {
  cycleId: string;
  agencyId: string;
  instrument: Instrument;
  channel: string;
  screening: Record<string, string>;
  /** option index per answer key, already validated with answersSchema() */
  answers: Record<string, number>;
  ruleset: Ruleset;
};

/**
 * Insert one response and add it to its running tally: exactly one INSERT and one UPDATE, inside
 * the caller's transaction (with the idempotency key and, for EIT-1, the de-duplication marker).
 * The row gets a random id and no timestamp.
 */
export async function recordResponse(tx: DbTransaction, input: NewResponse) {
  const instrument = rulesetInstrument(input.instrument);
  const points = itemCentipoints(input.ruleset, instrument, input.answers);
  const answerKeys = perceptionItems(input.ruleset, instrument).flatMap((item) => item.answerKeys);
  // Stored in definition order, whatever order the form sent.
  const answers = Object.fromEntries(answerKeys.map((key) => [key, input.answers[key]]));
  const pointColumns: Record<string, number> = {};
  const tallyIncrements: Record<string, { increment: bigint }> = {};
  for (const [slot, value] of Object.entries(points)) {
    pointColumns[`p${slot}`] = value;
    tallyIncrements[`sum${slot}`] = { increment: BigInt(value) };
  }
  await tx.response.create({
    data: {
      id: randomId(),
      cycleId: input.cycleId,
      agencyId: input.agencyId,
      instrument: input.instrument,
      channel: input.channel,
      screening: JSON.stringify(input.screening),
      answers: JSON.stringify(answers),
      ...pointColumns,
    },
  });
  await tx.responseTally.update({
    where: { agencyId_cycleId_instrument: { agencyId: input.agencyId, cycleId: input.cycleId, instrument: input.instrument } },
    data: { responses: { increment: 1 }, ...tallyIncrements },
  });
}

export type Tally = { responses: number; sums: Record<number, bigint> };

function sumsOf(row: Record<string, unknown>, prefix: "sum" | "p"): Record<number, bigint> {
  const sums: Record<number, bigint> = {};
  for (let slot = 1; slot <= ITEM_SLOTS; slot++) {
    const value = row[`${prefix}${slot}`];
    sums[slot] = value === null || value === undefined ? 0n : BigInt(value as number | bigint);
  }
  return sums;
}

/** The running tally: an O(1) read, whatever the number of responses. */
export async function getTally(agencyId: string, cycleId: string, instrument: Instrument, db: Db = prisma): Promise<Tally> {
  const row = await db.responseTally.findUnique({
    where: { agencyId_cycleId_instrument: { agencyId, cycleId, instrument } },
  });
  if (!row) return { responses: 0, sums: sumsOf({}, "sum") };
  return { responses: row.responses, sums: sumsOf(row, "sum") };
}

/**
 * The same figures recomputed from the response rows in SQL (COUNT and SUM per slot). Used to
 * prove the tallies (tests, reliability suite) — never on a hot page.
 */
export async function recountFromResponses(agencyId: string, cycleId: string, instrument: Instrument, db: Db = prisma): Promise<Tally> {
  const _sum = Object.fromEntries(Array.from({ length: ITEM_SLOTS }, (_, i) => [`p${i + 1}`, true])) as Record<`p${number}`, true>;
  const result = await db.response.aggregate({ where: { agencyId, cycleId, instrument }, _count: { _all: true }, _sum });
  return { responses: result._count._all, sums: sumsOf(result._sum as Record<string, unknown>, "p") };
}

/** Item means (0–100, full precision) from the tally, keyed by item code; null with no responses. */
export async function getItemMeans(agencyId: string, cycleId: string, instrument: Instrument, ruleset: Ruleset, db: Db = prisma) {
  const tally = await getTally(agencyId, cycleId, instrument, db);
  return { responses: tally.responses, means: itemMeansFromTally(ruleset, rulesetInstrument(instrument), tally) };
}
