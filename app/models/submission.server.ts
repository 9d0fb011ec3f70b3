// The durable, idempotent submit shared by IIT and EIT (shared/security.md → Duplicates and
// durability): idempotency key + end of the survey session + (EIT-1) de-duplication marker +
// tally update + response row, all in ONE transaction. "Thank you" only after COMMIT. The
// respondent's submit runs in plain SQL (docs/decisions/006); the assessor's EIT-2 entry through Prisma.
import { collectionState } from "~/domain/collection";
import type { Ruleset } from "~/domain/ruleset";
import type { Instrument } from "~/generated/sqlite/enums";
import { prisma, type Db, type DbTransaction } from "~/db.server";
import { recordAudit } from "./audit.server";
import { directRead, inDirectTransaction, isUniqueViolationError, readTime, sqlTime, type Sql } from "~/db-direct.server";
import { cycleKey } from "./cache-version.server";
import { FrozenError, OverCapError, recordResponse, recordResponseDirect } from "./response.server";

/**
 * Why a submit was refused. "closed": the survey's window or the agency's own switch closed it
 * (checked again at commit); "instrument-changed": the cycle's ruleset changed after the answers
 * were checked against it (decision 019).
 */
export type RefusalReason = "over-cap" | "session-gone" | "already-answered" | "published" | "closed" | "instrument-changed";
export type SubmitOutcome = { status: "accepted"; instrument: Instrument } | { status: "refused"; reason: RefusalReason };

export const SUBMISSION_KEY_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;
const IDEMPOTENCY_KEEP_DAYS = 2;

class Refused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(reason);
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** The outcome already stored for a submission key (a retry, a double click), or null. */
export async function findSubmission(submissionKey: string): Promise<SubmitOutcome | null> {
  const [row] = await directRead(`SELECT "outcome" FROM "IdempotencyKey" WHERE "key" = ?`, [submissionKey]);
  return row ? (JSON.parse(String(row.outcome)) as SubmitOutcome) : null;
}

/** A purge day, not a timestamp: the key must not say when the answer came in. */
function purgeDay(now: Date): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return new Date(day.getTime() + IDEMPOTENCY_KEEP_DAYS * 86_400_000);
}

export type SubmitInput = {
  submissionKey: string;
  session: { id: string; agencyId: string; cycleId: string; instrument: Instrument; contactHash: string | null };
  screening: Record<string, string>;
  /** EIT-1: the counter id from its own cookie (never from the session, which holds the contact
   * hash); counted only if it is a live counter of the session's agency. */
  counterId?: string | null;
  answers: Record<string, number>;
  ruleset: Ruleset;
  /** The cycle's version `ruleset` was read at (getSubmitContext): checked again before commit. */
  rulesetVersion: number;
  /** IIT: the declared internal population; the (cap+1)th response is refused. */
  cap?: number | null;
};

/**
 * The submit's check against the database inside its own transaction, so that no cache (this
 * process's or a stale one of another instance) can let a response into a closed survey or one
 * checked against an outdated instrument (decision 019): the cycle's windows, the agency's
 * participation (registered, its own switch, publication) and the cycle's version, in one small
 * read by primary keys — never the definition text. A close that commits while this transaction
 * runs orders after it: the submit counts as made just before (the close reads nothing it writes).
 */
async function refuseUnlessStillOpen(sql: Sql, input: SubmitInput, now: Date) {
  const { session } = input;
  const { rows } = await sql(
    `SELECT c."iitOpensAt", c."iitClosesAt", c."eitOpensAt", c."eitClosesAt",
            p."registered", p."iitOpen", p."eitOpen", p."publishedAt", COALESCE(v."version", 0) AS "version"
       FROM "Cycle" c
       LEFT JOIN "AgencyCycle" p ON p."agencyId" = ? AND p."cycleId" = c."id"
       LEFT JOIN "CacheVersion" v ON v."key" = ?
      WHERE c."id" = ?`,
    [session.agencyId, cycleKey(session.cycleId), session.cycleId],
  );
  const row = rows[0];
  if (!row) throw new Refused("session-gone");
  const cycle = {
    iitOpensAt: readTime(row.iitOpensAt),
    iitClosesAt: readTime(row.iitClosesAt),
    eitOpensAt: readTime(row.eitOpensAt),
    eitClosesAt: readTime(row.eitClosesAt),
  };
  const participation =
    row.registered === null || row.registered === undefined
      ? null
      : {
          registered: Boolean(row.registered),
          iitOpen: Boolean(row.iitOpen),
          eitOpen: Boolean(row.eitOpen),
          publishedAt: row.publishedAt === null || row.publishedAt === undefined ? null : readTime(row.publishedAt),
        };
  const state = collectionState(cycle, participation, session.instrument, now);
  if (state === "published") throw new Refused("published");
  if (state !== "open") throw new Refused("closed");
  if (Number(row.version) !== input.rulesetVersion) throw new Refused("instrument-changed");
}

/**
 * The respondent's submit, on the hot path in plain SQL (app/db-direct.server.ts: group commit on
 * SQLite). One transaction: a stored outcome for this key answers a retry; else the key, the end of
 * the session, (EIT-1) the marker and the response with its tally — all kept, or none.
 */
export async function submitResponse(input: SubmitInput, now = new Date(), db: Db = prisma): Promise<SubmitOutcome> {
  const { session } = input;
  const accepted: SubmitOutcome = { status: "accepted", instrument: session.instrument };
  try {
    return await inDirectTransaction(async (sql) => {
      const stored = await sql(`SELECT "outcome" FROM "IdempotencyKey" WHERE "key" = ?`, [input.submissionKey]);
      if (stored.rows.length) return JSON.parse(String(stored.rows[0].outcome)) as SubmitOutcome;
      try {
        await sql(`INSERT INTO "IdempotencyKey" ("key", "outcome", "purgeAfter") VALUES (?, ?, ?)`, [
          input.submissionKey,
          JSON.stringify(accepted),
          sqlTime(purgeDay(now)),
        ]);
      } catch (error) {
        if (isUniqueViolationError(error)) throw new DuplicateSubmission();
        throw error;
      }
      await refuseUnlessStillOpen(sql, input, now);
      const ended = await sql(`DELETE FROM "SurveySession" WHERE "id" = ? AND "expiresAt" > ?`, [session.id, sqlTime(now)]);
      if (ended.changes !== 1) throw new Refused("session-gone");
      if (session.instrument === "eit1") {
        if (!session.contactHash) throw new Refused("session-gone");
        try {
          await sql(`INSERT INTO "EitContactMarker" ("cycleId", "agencyId", "contactHash") VALUES (?, ?, ?)`, [
            session.cycleId,
            session.agencyId,
            session.contactHash,
          ]);
        } catch (error) {
          if (isUniqueViolationError(error)) throw new Refused("already-answered");
          throw error;
        }
      }
      try {
        const counterId = session.instrument === "eit1" ? (input.counterId ?? null) : null;
        const response = {
          cycleId: session.cycleId,
          agencyId: session.agencyId,
          instrument: session.instrument,
          screening: input.screening,
          answers: input.answers,
          counterId,
          ruleset: input.ruleset,
        };
        await recordResponseDirect(sql, response, { cap: input.cap, now });
      } catch (error) {
        if (error instanceof OverCapError) throw new Refused("over-cap");
        if (error instanceof FrozenError) throw new Refused("published");
        throw error;
      }
      return accepted;
    });
  } catch (error) {
    if (error instanceof DuplicateSubmission) {
      // The same key committed meanwhile (double click, retry): answer as it was answered.
      return (await findSubmission(input.submissionKey)) ?? { status: "refused", reason: "session-gone" };
    }
    if (error instanceof Refused) {
      if (error.reason === "over-cap") await countOverCapRefusal(session.agencyId, session.cycleId, db);
      return { status: "refused", reason: error.reason };
    }
    throw error;
  }
}

class DuplicateSubmission extends Error {}

/** Visible to the agency admin as a number — never as a person. */
function countOverCapRefusal(agencyId: string, cycleId: string, db: Db) {
  return db.agencyCycle.update({
    where: { agencyId_cycleId: { agencyId, cycleId } },
    data: { iitRefusedOverCap: { increment: 1 } },
  });
}

/**
 * EIT part 2: one key stakeholder's answers, entered by the assessor (instrument eit2). The
 * same durable, idempotent write as a respondent's submit; the audit says who entered one more
 * response for which agency — never which stakeholder said what.
 */
export async function recordAssessorResponse(
  input: {
    submissionKey: string;
    agencyId: string;
    cycleId: string;
    actorId: string;
    screening: Record<string, string>;
    answers: Record<string, number>;
    ruleset: Ruleset;
  },
  now = new Date(),
  db: Db = prisma,
): Promise<SubmitOutcome> {
  const previous = await findSubmission(input.submissionKey);
  if (previous) return previous;
  const accepted: SubmitOutcome = { status: "accepted", instrument: "eit2" };
  try {
    await db.$transaction(async (tx: DbTransaction) => {
      try {
        await tx.idempotencyKey.create({ data: { key: input.submissionKey, outcome: JSON.stringify(accepted), purgeAfter: purgeDay(now) } });
      } catch (error) {
        if (isUniqueViolation(error)) throw new DuplicateSubmission();
        throw error;
      }
      await recordResponse(tx, {
        cycleId: input.cycleId,
        agencyId: input.agencyId,
        instrument: "eit2",
        screening: input.screening,
        answers: input.answers,
        ruleset: input.ruleset,
      });
    });
  } catch (error) {
    if (error instanceof DuplicateSubmission) return (await findSubmission(input.submissionKey)) ?? accepted;
    if (error instanceof FrozenError) return { status: "refused", reason: "published" };
    throw error;
  }
  // After the commit, and in a separate row: the audit log must not share a transaction (or a
  // PostgreSQL xmin) with the response.
  await recordAudit({ action: "assessor.eit2.entry", outcome: "ok", actorId: input.actorId, agencyId: input.agencyId, detail: { responses: 1 } }, db);
  return accepted;
}
