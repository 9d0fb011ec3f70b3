// OIT (แบบวัดการเปิดเผยข้อมูลสาธารณะ): the agency submits a URL per item; the assessor scores
// each item 0–100 with a comment. Every change is audited.
import { prisma, type Db } from "~/db.server";
import { randomId } from "~/utils/crypto.server";
import { recordAudit } from "./audit.server";

export function listOitScores(agencyCycleId: string, db: Db = prisma) {
  return db.oitScore.findMany({ where: { agencyCycleId } });
}

type Change = { itemCode: string; url?: string | null; score?: number | null; comment?: string | null };

/** Upsert the given fields of each item (one row per item and agency-cycle). */
export async function saveOit(
  agencyCycle: { id: string; agencyId: string },
  changes: Change[],
  actor: { id: string; role: "agency" | "assessor" },
  db: Db = prisma,
) {
  await db.$transaction(
    changes.map(({ itemCode, ...fields }) =>
      db.oitScore.upsert({
        where: { agencyCycleId_itemCode: { agencyCycleId: agencyCycle.id, itemCode } },
        create: { id: randomId(), agencyCycleId: agencyCycle.id, itemCode, ...fields, ...(actor.role === "assessor" ? { scoredById: actor.id } : {}) },
        update: { ...fields, ...(actor.role === "assessor" ? { scoredById: actor.id } : {}) },
      }),
    ),
  );
  await recordAudit(
    { action: actor.role === "assessor" ? "assessor.oit.score" : "agency.oit.urls", outcome: "ok", actorId: actor.id, agencyId: agencyCycle.agencyId, detail: { items: changes.length } },
    db,
  );
}
