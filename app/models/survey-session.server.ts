// Short-lived survey sessions: created when an IIT code is accepted (or an EIT OTP verified),
// they carry only agency + cycle + instrument (+ the EIT contact hash). Only the SHA-256 of the
// cookie's token is stored, so a database copy cannot be replayed as a cookie.
import type { Instrument } from "~/generated/sqlite/enums";
import { prisma, type Db } from "~/db.server";
import { randomToken, sha256 } from "~/utils/crypto.server";

export const SURVEY_SESSION_TTL_SECONDS = 30 * 60; // shared/security.md: ≤ 30 min

export async function createSurveySession(
  input: { agencyId: string; cycleId: string; instrument: Instrument; channel: string; contactHash?: string | null },
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
      channel: input.channel,
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
