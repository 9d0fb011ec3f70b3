// Anonymous responses and their running tallies (docs/decisions/002-anonymous-responses.md).
import { itemCentipoints, itemMeansFromTally, perceptionItems } from "~/domain/answers";
import { snapshotDue } from "~/domain/disclosure";
import { PERCEPTION_ITEM_SLOTS, type Ruleset } from "~/domain/ruleset";
import type { Instrument } from "~/generated/sqlite/enums";
import type { Sql } from "~/db-direct.server";
import { prisma, type Db, type DbTransaction } from "~/db.server";
import { randomInt } from "node:crypto";
import { randomId } from "~/utils/crypto.server";

/** IIT uses the IIT items; EIT parts 1 and 2 share the EIT items. */
export function rulesetInstrument(instrument: Instrument): "iit" | "eit" {
  return instrument === "iit" ? "iit" : "eit";
}

export type ResponseTarget = { cycleId: string; agencyId: string; instrument: Instrument; ruleset: Ruleset };

export type NewResponse = ResponseTarget & {
  /** Screening categories: counted in ScreeningTally, never stored on the response row. */
  screening: Record<string, string>;
  /** option index per answer key, already validated with answersSchema() */
  answers: Record<string, number>;
  /** EIT-1: the service counter the respondent came through (its own cookie); counted in
   * CounterTally only if it is a live counter of this agency, never stored on the response row. */
  counterId?: string | null;
};

/**
 * Insert one response and add it to its running tally, inside the caller's transaction (with the
 * idempotency key and, for EIT-1, the de-duplication marker): one tally UPDATE, one INSERT, one
 * daily-count upsert, the screening (and counter) tally upserts, plus a snapshot copy at every 5th
 * response. The row gets a random id and no timestamp.
 */
export function recordResponse(tx: DbTransaction, input: NewResponse, options: { cap?: number | null; now?: Date } = {}) {
  const { screening, answers, counterId, ...target } = input;
  return recordResponses(tx, target, [{ screening, answers, counterId }], options);
}

/**
 * Several responses for one (agency, cycle, instrument) — assessor batch entry, seeding: one
 * tally UPDATE and one multi-row INSERT. Rows are inserted in shuffled order. Throws
 * OverCapError (and writes nothing) when `cap` would be exceeded.
 */
export async function recordResponses(
  tx: DbTransaction,
  target: ResponseTarget,
  responses: Pick<NewResponse, "screening" | "answers" | "counterId">[],
  options: { cap?: number | null; now?: Date } = {},
) {
  if (responses.length === 0) return;
  const instrument = rulesetInstrument(target.instrument);
  const answerKeys = perceptionItems(target.ruleset, instrument).flatMap((item) => item.answerKeys);
  const totals = new Map<number, bigint>();
  const rows = responses.map((response) => {
    const points = itemCentipoints(target.ruleset, instrument, response.answers);
    const pointColumns: Record<string, number> = {};
    for (const [slot, value] of Object.entries(points)) {
      pointColumns[`p${slot}`] = value;
      totals.set(Number(slot), (totals.get(Number(slot)) ?? 0n) + BigInt(value));
    }
    return {
      id: randomId(),
      cycleId: target.cycleId,
      agencyId: target.agencyId,
      instrument: target.instrument,
      // Stored in definition order, whatever order the form sent.
      answers: JSON.stringify(Object.fromEntries(answerKeys.map((key) => [key, response.answers[key]]))),
      ...pointColumns,
    };
  });
  shuffle(rows);
  // The tally first, conditionally: with a cap (IIT: the declared headcount) the UPDATE matches
  // only while there is room, which is atomic on both databases (no read-then-write).
  const increments: Record<string, { increment: bigint }> = {};
  for (const [slot, total] of totals) increments[`sum${slot}`] = { increment: total };
  // A published agency's tallies are frozen: the same UPDATE then matches nothing.
  const room = options.cap == null ? {} : { responses: { lte: options.cap - responses.length } };
  const tallyKey = { agencyId: target.agencyId, cycleId: target.cycleId, instrument: target.instrument };
  const updated = await tx.responseTally.updateMany({
    where: { ...tallyKey, frozen: false, ...room },
    data: { responses: { increment: responses.length }, ...increments },
  });
  if (updated.count !== 1) {
    // Only on refusal: say why, from the row this transaction could not update.
    const tally = await tx.responseTally.findUnique({ where: { agencyId_cycleId_instrument: tallyKey }, select: { frozen: true } });
    if (tally?.frozen) throw new FrozenError();
    if (tally && options.cap != null) throw new OverCapError();
    throw new Error(`No tally row for ${target.instrument} of agency ${target.agencyId}: is it registered for the cycle?`);
  }
  if (rows.length === 1) await tx.response.create({ data: rows[0] });
  else await tx.response.createMany({ data: rows });
  await countDay(tx, target, responses.length, options.now ?? new Date());
  await snapshotAtStep(tx, target, responses.length);
  await countScreening(tx, target, responses);
  await countCounters(tx, target, responses);
}

/** Screening categories as counts (ScreeningTally), one upsert per distinct (question, answer). */
async function countScreening(tx: DbTransaction, target: ResponseTarget, responses: Pick<NewResponse, "screening">[]) {
  const counts = new Map<string, { question: string; answer: string; n: number }>();
  for (const { screening } of responses) {
    for (const [question, answer] of Object.entries(screening)) {
      const key = JSON.stringify([question, answer]);
      const entry = counts.get(key) ?? { question, answer, n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
  }
  for (const { question, answer, n } of [...counts.values()].sort(byCategory)) {
    await tx.$executeRaw`
      INSERT INTO "ScreeningTally" ("agencyId", "cycleId", "instrument", "question", "answer", "responses")
      VALUES (${target.agencyId}, ${target.cycleId}, ${target.instrument}, ${question}, ${answer}, ${n})
      ON CONFLICT ("agencyId", "cycleId", "instrument", "question", "answer") DO UPDATE SET "responses" = "ScreeningTally"."responses" + ${n}`;
  }
}

/** Per-counter counts (CounterTally): only for a live counter of this agency; anything else is ignored. */
async function countCounters(tx: DbTransaction, target: ResponseTarget, responses: Pick<NewResponse, "counterId">[]) {
  const counts = new Map<string, number>();
  for (const { counterId } of responses) if (counterId) counts.set(counterId, (counts.get(counterId) ?? 0) + 1);
  for (const [counterId, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await tx.$executeRaw`
      INSERT INTO "CounterTally" ("counterId", "cycleId", "responses")
      SELECT "id", ${target.cycleId}, ${n} FROM "ServiceCounter" WHERE "id" = ${counterId} AND "agencyId" = ${target.agencyId} AND "retiredAt" IS NULL
      ON CONFLICT ("counterId", "cycleId") DO UPDATE SET "responses" = "CounterTally"."responses" + ${n}`;
  }
}

/** One lock order for every writer of ScreeningTally (concurrent submits never deadlock). */
function byCategory(a: { question: string; answer: string }, b: { question: string; answer: string }) {
  return a.question === b.question ? (a.answer < b.answer ? -1 : 1) : a.question < b.question ? -1 : 1;
}

const SCREENING_UPSERT_HEAD = `INSERT INTO "ScreeningTally" ("agencyId", "cycleId", "instrument", "question", "answer", "responses") VALUES `;
const SCREENING_UPSERT_TAIL = ` ON CONFLICT ("agencyId", "cycleId", "instrument", "question", "answer") DO UPDATE SET "responses" = "ScreeningTally"."responses" + 1`;
// A live counter of the response's agency, or nothing: the lookup is part of the upsert (no extra read).
const COUNTER_UPSERT = `INSERT INTO "CounterTally" ("counterId", "cycleId", "responses")
  SELECT "id", ?, 1 FROM "ServiceCounter" WHERE "id" = ? AND "agencyId" = ? AND "retiredAt" IS NULL
  ON CONFLICT ("counterId", "cycleId") DO UPDATE SET "responses" = "CounterTally"."responses" + 1`;

/**
 * recordResponse in plain SQL, for the submit hot path (app/db-direct.server.ts): the same writes
 * — the conditional tally UPDATE (frozen, cap), the row with a random id and no time, the daily
 * count, the snapshot at every 5th response, the screening and counter tallies — and the same errors. Keep the two in step; the
 * tally-equals-recount tests run through both.
 */
export async function recordResponseDirect(sql: Sql, input: NewResponse, options: { cap?: number | null; now?: Date } = {}) {
  const instrument = rulesetInstrument(input.instrument);
  const answerKeys = perceptionItems(input.ruleset, instrument).flatMap((item) => item.answerKeys);
  const points = Object.entries(itemCentipoints(input.ruleset, instrument, input.answers)).map(([slot, value]) => [Number(slot), value] as const);
  const key = [input.agencyId, input.cycleId, input.instrument];
  const capClause = options.cap == null ? "" : ` AND "responses" <= ?`;
  const updated = await sql(
    `UPDATE "ResponseTally" SET "responses" = "responses" + 1${points.map(([slot]) => `, "sum${slot}" = "sum${slot}" + ?`).join("")}
     WHERE "agencyId" = ? AND "cycleId" = ? AND "instrument" = ? AND "frozen" = false${capClause} RETURNING "responses"`,
    [...points.map(([, value]) => value), ...key, ...(options.cap == null ? [] : [options.cap - 1])],
  );
  if (updated.rows.length !== 1) {
    const tally = await sql(`SELECT "frozen" FROM "ResponseTally" WHERE "agencyId" = ? AND "cycleId" = ? AND "instrument" = ?`, key);
    if (tally.rows.length && Boolean(tally.rows[0].frozen)) throw new FrozenError();
    if (tally.rows.length && options.cap != null) throw new OverCapError();
    throw new Error(`No tally row for ${input.instrument} of agency ${input.agencyId}: is it registered for the cycle?`);
  }
  const responses = Number(updated.rows[0].responses);
  const answers = JSON.stringify(Object.fromEntries(answerKeys.map((answerKey) => [answerKey, input.answers[answerKey]])));
  await sql(
    `INSERT INTO "Response" ("id", "cycleId", "agencyId", "instrument", "answers"${points.map(([slot]) => `, "p${slot}"`).join("")})
     VALUES (?, ?, ?, ?, ?${points.map(() => ", ?").join("")})`,
    [randomId(), input.cycleId, input.agencyId, input.instrument, answers, ...points.map(([, value]) => value)],
  );
  await sql(
    `INSERT INTO "DailyCount" ("agencyId", "cycleId", "instrument", "day", "responses") VALUES (?, ?, ?, ?, 1)
     ON CONFLICT ("agencyId", "cycleId", "instrument", "day") DO UPDATE SET "responses" = "DailyCount"."responses" + 1`,
    [...key, bangkokDay(options.now ?? new Date())],
  );
  if (snapshotDue(responses - 1, responses)) {
    const columns = ["responses", ...Array.from({ length: PERCEPTION_ITEM_SLOTS }, (_, i) => `sum${i + 1}`)].map((column) => `"${column}"`);
    await sql(
      `INSERT INTO "TallySnapshot" ("agencyId", "cycleId", "instrument", ${columns.join(", ")})
       SELECT "agencyId", "cycleId", "instrument", ${columns.join(", ")} FROM "ResponseTally" WHERE "agencyId" = ? AND "cycleId" = ? AND "instrument" = ?
       ON CONFLICT ("agencyId", "cycleId", "instrument") DO UPDATE SET ${columns.map((column) => `${column} = excluded.${column}`).join(", ")}`,
      key,
    );
  }
  // Screening categories and the counter: counts in their own tallies, not on the row (one
  // upsert each, same transaction, no read).
  const categories = Object.entries(input.screening)
    .map(([question, answer]) => ({ question, answer }))
    .sort(byCategory);
  if (categories.length) {
    await sql(
      SCREENING_UPSERT_HEAD + categories.map(() => "(?, ?, ?, ?, ?, 1)").join(", ") + SCREENING_UPSERT_TAIL,
      categories.flatMap(({ question, answer }) => [...key, question, answer]),
    );
  }
  if (input.counterId) await sql(COUNTER_UPSERT, [input.cycleId, input.counterId, input.agencyId]);
}

/** Bangkok calendar day (UTC+7, no daylight saving), the day people and deadlines live in. */
export function bangkokDay(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

async function countDay(tx: DbTransaction, target: ResponseTarget, count: number, now: Date) {
  await tx.$executeRaw`
    INSERT INTO "DailyCount" ("agencyId", "cycleId", "instrument", "day", "responses")
    VALUES (${target.agencyId}, ${target.cycleId}, ${target.instrument}, ${bangkokDay(now)}, ${count})
    ON CONFLICT ("agencyId", "cycleId", "instrument", "day") DO UPDATE SET "responses" = "DailyCount"."responses" + ${count}`;
}

/**
 * Copy the tally into its snapshot when this write crossed a step (domain/disclosure.ts). The tally row is
 * locked by this transaction's UPDATE, so snapshots of one tally are written one at a time.
 */
async function snapshotAtStep(tx: DbTransaction, target: ResponseTarget, added: number) {
  const key = { agencyId: target.agencyId, cycleId: target.cycleId, instrument: target.instrument };
  const tally = await tx.responseTally.findUnique({ where: { agencyId_cycleId_instrument: key } });
  if (!tally) return;
  if (!snapshotDue(tally.responses - added, tally.responses)) return;
  const { agencyId, cycleId, instrument, frozen, ...figures } = tally;
  await tx.tallySnapshot.upsert({ where: { agencyId_cycleId_instrument: key }, create: { ...key, ...figures }, update: figures });
}

/** The agency's results are published: its numbers are frozen and nothing was written. */
export class FrozenError extends Error {
  constructor() {
    super("Results published: tallies are frozen");
    this.name = "FrozenError";
  }
}

/** The cap (e.g. IIT responses ≤ declared staff) is reached: nothing was written. */
export class OverCapError extends Error {
  constructor() {
    super("Response cap reached");
    this.name = "OverCapError";
  }
}

function shuffle<T>(list: T[]) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
}

export type Tally = { responses: number; sums: Record<number, bigint> };

function sumsOf(row: Record<string, unknown>, prefix: "sum" | "p"): Record<number, bigint> {
  const sums: Record<number, bigint> = {};
  for (let slot = 1; slot <= PERCEPTION_ITEM_SLOTS; slot++) {
    const value = row[`${prefix}${slot}`];
    sums[slot] = value === null || value === undefined ? 0n : BigInt(value as number | bigint);
  }
  return sums;
}

/** A ResponseTally or TallySnapshot row as a Tally (no row: nothing counted yet). */
export function tallyFromRow(row: ({ responses: number } & Record<string, unknown>) | null | undefined): Tally {
  if (!row) return { responses: 0, sums: sumsOf({}, "sum") };
  return { responses: row.responses, sums: sumsOf(row, "sum") };
}

export async function getSnapshotTally(agencyId: string, cycleId: string, instrument: Instrument, db: Db = prisma): Promise<Tally> {
  return tallyFromRow(await db.tallySnapshot.findUnique({ where: { agencyId_cycleId_instrument: { agencyId, cycleId, instrument } } }));
}

/** The running tally: an O(1) read, whatever the number of responses. */
export async function getTally(agencyId: string, cycleId: string, instrument: Instrument, db: Db = prisma): Promise<Tally> {
  return tallyFromRow(await db.responseTally.findUnique({ where: { agencyId_cycleId_instrument: { agencyId, cycleId, instrument } } }));
}

/**
 * The same figures recomputed from the response rows in SQL (COUNT and SUM per slot). Used to
 * prove the tallies (tests, reliability suite) — never on a hot page.
 */
export async function recountFromResponses(agencyId: string, cycleId: string, instrument: Instrument, db: Db = prisma): Promise<Tally> {
  const _sum = Object.fromEntries(Array.from({ length: PERCEPTION_ITEM_SLOTS }, (_, i) => [`p${i + 1}`, true])) as Record<`p${number}`, true>;
  const result = await db.response.aggregate({ where: { agencyId, cycleId, instrument }, _count: { _all: true }, _sum });
  return { responses: result._count._all, sums: sumsOf(result._sum as Record<string, unknown>, "p") };
}

/** Item means (0–100, full precision) from the tally, keyed by item code; null with no responses. */
export async function getItemMeans(agencyId: string, cycleId: string, instrument: Instrument, ruleset: Ruleset, db: Db = prisma) {
  const tally = await getTally(agencyId, cycleId, instrument, db);
  return { responses: tally.responses, means: itemMeansFromTally(ruleset, rulesetInstrument(instrument), tally) };
}
