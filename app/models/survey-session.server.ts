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

export const SURVEY_SESSION_TTL_SECONDS = 30 * 60; // shared/security.md: ≤ 30 min

export async function createSurveySession(
  input: { agencyId: string; cycleId: string; instrument: Instrument; contactHash?: string | null },
  now = new Date(),
  db: Db = prisma,
) {
  const token = randomToken(32); // 256 bits
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
