// OIT (แบบวัดการเปิดเผยข้อมูลสาธารณะ): the agency submits a URL per item; the assessor scores
// each item 0–100 with a comment. Every change is audited.
import { prisma, type Db } from "~/db.server";
import { randomId } from "~/utils/crypto.server";
import { recordAudit } from "./audit.server";

export function listOitScores(agencyCycleId: string, db: Db = prisma) {
  return db.oitScore.findMany({ where: { agencyCycleId } });
}

type Change = { itemCode: string; url?: string | null; score?: number | null; comment?: string | null };

/** The agency's results are published: OIT URLs and scores are frozen with them. */
export class ResultsPublishedError extends Error {
  constructor() {
    super("Results published: OIT is frozen");
    this.name = "ResultsPublishedError";
  }
}

/** Upsert the given fields of each item (one row per item and agency-cycle); refused once published. */
export async function saveOit(
  agencyCycle: { id: string; agencyId: string },
  changes: Change[],
  actor: { id: string; role: "agency" | "assessor" },
  db: Db = prisma,
) {
  await db.$transaction(async (tx) => {
    // A no-op UPDATE that matches only while the results are unpublished: it locks the row, so a
    // publish racing with this save either commits first (and this save is refused) or waits.
    const open = await tx.agencyCycle.updateMany({ where: { id: agencyCycle.id, publishedAt: null }, data: { publishedAt: null } });
    if (open.count !== 1) throw new ResultsPublishedError();
    for (const { itemCode, ...fields } of changes) {
      await tx.oitScore.upsert({
        where: { agencyCycleId_itemCode: { agencyCycleId: agencyCycle.id, itemCode } },
        create: { id: randomId(), agencyCycleId: agencyCycle.id, itemCode, ...fields, ...(actor.role === "assessor" ? { scoredById: actor.id } : {}) },
        update: { ...fields, ...(actor.role === "assessor" ? { scoredById: actor.id } : {}) },
      });
    }
  });
  await recordAudit(
    {
      action: actor.role === "assessor" ? "assessor.oit.score" : "agency.oit.urls",
      outcome: "ok",
      actorId: actor.id,
      agencyId: agencyCycle.agencyId,
      detail: { items: changes.length },
    },
    db,
  );
}
