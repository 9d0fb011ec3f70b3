// Short-lived survey sessions: created when an IIT code is accepted (or an EIT OTP verified),
// they carry only agency + cycle + instrument (+ the EIT contact hash) — never the service counter,
// which travels in a cookie of its own so it is never stored beside a contact. Only the SHA-256 of the
// cookie's token is stored, so a database copy cannot be replayed as a cookie.
import type { Instrument } from "~/generated/sqlite/enums";
import { directRead, readTime } from "~/db-direct.server";
import { prisma, type Db } from "~/db.server";
import { cycleKey } from "./cache-version.server";
import { getCycleRulesetAt } from "./cycle.server";
import { randomToken, sha256 } from "~/utils/crypto.server";

// Timing (WCAG 2.2.1, docs/decisions/025): a session lives 30 minutes from its last step (sliding:
// every page of the flow and the page's "more time" button push it on), but never more than
// 2 hours from the code or OTP that opened it. Expiry loses nothing: the answers are in the page.
export const SURVEY_SESSION_TTL_SECONDS = 30 * 60; // shared/security.md: ≤ 30 min idle
export const SURVEY_SESSION_MAX_SECONDS = 2 * 60 * 60;

/**
 * The session's start, carried in its token (`<random>.<start in base 36 seconds>`): the row stores
 * only SHA-256(token), so changing the start in a cookie names a session that does not exist — a
 * hard maximum with no new column and nothing more stored.
 */
export function sessionStartedAt(token: string): Date | null {
  const match = /\.([0-9a-z]{1,10})$/.exec(token);
  return match ? new Date(parseInt(match[1], 36) * 1000) : null;
}

/** When a session used at `now` expires: 30 minutes on, capped at its start + 2 hours. */
export function slidingExpiry(token: string, now = new Date()): Date {
  const idle = now.getTime() + SURVEY_SESSION_TTL_SECONDS * 1000;
  const started = sessionStartedAt(token);
  // A token without a start (issued before decision 025) gets no extension past its first 30 minutes.
  if (!started) return new Date(now.getTime());
  return new Date(Math.min(idle, started.getTime() + SURVEY_SESSION_MAX_SECONDS * 1000));
}

export async function createSurveySession(
  input: { agencyId: string; cycleId: string; instrument: Instrument; contactHash?: string | null },
  now = new Date(),
  db: Db = prisma,
) {
  const token = `${randomToken(32)}.${Math.floor(now.getTime() / 1000).toString(36)}`; // 256 random bits + its start
  await db.surveySession.create({
    data: {
      id: sha256(token),
      agencyId: input.agencyId,
      cycleId: input.cycleId,
      instrument: input.instrument,
      contactHash: input.contactHash ?? null,
      expiresAt: new Date(now.getTime() + SURVEY_SESSION_TTL_SECONDS * 1000),
    },
  });
  return token;
}

/** The live session for a cookie token, with its agency and cycle; null when unknown or expired. */
export async function getSurveySession(token: string | null | undefined, now = new Date(), db: Db = prisma) {
  if (!token) return null;
  const session = await db.surveySession.findUnique({ where: { id: sha256(token) } });
  if (!session || session.expiresAt <= now) return null;
  const [agency, cycle] = await Promise.all([
    db.agency.findUnique({ where: { id: session.agencyId } }),
    db.cycle.findUnique({ where: { id: session.cycleId } }),
  ]);
  if (!agency || !cycle) return null;
  return { ...session, screening: session.screening ? (JSON.parse(session.screening) as Record<string, string>) : null, agency, cycle };
}

/**
 * Push a live session's expiry on (a step of the flow, or the page's "more time" button): the new
 * expiry, or null when the session is unknown or already expired (an expired one is never revived).
 */
export async function extendSurveySession(token: string | null | undefined, now = new Date(), db: Db = prisma): Promise<Date | null> {
  if (!token) return null;
  const expiresAt = slidingExpiry(token, now);
  const { count } = await db.surveySession.updateMany({
    where: { id: sha256(token), expiresAt: { gt: now, lt: expiresAt } },
    data: { expiresAt },
  });
  if (count === 1) return expiresAt;
  const session = await db.surveySession.findUnique({ where: { id: sha256(token) }, select: { expiresAt: true } });
  return session && session.expiresAt > now ? session.expiresAt : null;
}

export function saveScreening(sessionId: string, screening: Record<string, string>, db: Db = prisma) {
  return db.surveySession.update({ where: { id: sessionId }, data: { screening: JSON.stringify(screening) } });
}

export function endSurveySession(sessionId: string, db: Db = prisma) {
  return db.surveySession.deleteMany({ where: { id: sessionId } });
}

export function purgeExpiredSurveySessions(now = new Date(), db: Db = prisma) {
  return db.surveySession.deleteMany({ where: { expiresAt: { lte: now } } });
}

/** `cycle:<id>` of the session's cycle in SQL, the same text on both databases (cache-version.server.ts). */
const cycleVersionKeySql = `'${cycleKey("")}' || s."cycleId"`;

/**
 * Everything a survey submit checks, in ONE direct read of committed data (the submit hot path,
 * docs/decisions/006): the live session, its agency's slug, the cycle's windows, its version
 * (decision 019) and the agency's participation; the ruleset comes from the per-process cycle
 * cache when its version is the one read here. Null when the token is unknown or expired.
 */
export async function getSubmitContext(token: string | null | undefined, now = new Date()) {
  if (!token) return null;
  const [row] = await directRead(
    `SELECT s."id", s."agencyId", s."cycleId", s."instrument", s."contactHash", s."screening", s."expiresAt",
            a."slug" AS "agencySlug", c."iitOpensAt", c."iitClosesAt", c."eitOpensAt", c."eitClosesAt",
            c."oitOpensAt", c."oitClosesAt", p."registered", p."iitOpen", p."eitOpen", p."publishedAt", p."internalPopulation",
            COALESCE(v."version", 0) AS "cycleVersion"
       FROM "SurveySession" s
       JOIN "Agency" a ON a."id" = s."agencyId"
       JOIN "Cycle" c ON c."id" = s."cycleId"
       LEFT JOIN "AgencyCycle" p ON p."agencyId" = s."agencyId" AND p."cycleId" = s."cycleId"
       LEFT JOIN "CacheVersion" v ON v."key" = ${cycleVersionKeySql}
      WHERE s."id" = ?`,
    [sha256(token)],
  );
  if (!row || readTime(row.expiresAt) <= now) return null;
  const inForce = await getCycleRulesetAt(String(row.cycleId), Number(row.cycleVersion));
  if (!inForce) return null;
  const { ruleset, version: rulesetVersion } = inForce;
  const participates = row.registered !== null && row.registered !== undefined;
  return {
    session: {
      id: String(row.id),
      agencyId: String(row.agencyId),
      cycleId: String(row.cycleId),
      instrument: row.instrument as Instrument,
      contactHash: row.contactHash === null ? null : String(row.contactHash),
    },
    screening: row.screening ? (JSON.parse(String(row.screening)) as Record<string, string>) : null,
    agencySlug: String(row.agencySlug),
    cycle: {
      id: String(row.cycleId),
      iitOpensAt: readTime(row.iitOpensAt),
      iitClosesAt: readTime(row.iitClosesAt),
      eitOpensAt: readTime(row.eitOpensAt),
      eitClosesAt: readTime(row.eitClosesAt),
      oitOpensAt: readTime(row.oitOpensAt),
      oitClosesAt: readTime(row.oitClosesAt),
    },
    ruleset,
    /** the cycle's version `ruleset` was read at: the submit's transaction checks it again */
    rulesetVersion,
    participation: participates
      ? {
          registered: Boolean(row.registered),
          iitOpen: Boolean(row.iitOpen),
          eitOpen: Boolean(row.eitOpen),
          publishedAt: row.publishedAt === null || row.publishedAt === undefined ? null : readTime(row.publishedAt),
          internalPopulation: row.internalPopulation === null ? null : Number(row.internalPopulation),
        }
      : null,
  };
}
