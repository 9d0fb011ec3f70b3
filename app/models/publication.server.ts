// Publishing an agency's results (ประกาศผล): the assessor closes the agency's cycle and its numbers
// freeze. One transaction sets publishedAt, closes both surveys and freezes the three tallies; a
// submit racing with it either committed before (and is counted) or finds its tally frozen.
import { participationState } from "~/domain/collection";
import { prisma, type Db } from "~/db.server";
import { recordAudit } from "./audit.server";
import { bumpCacheVersions, participationKey } from "./cache-version.server";

export type PublishOutcome = "published" | "already-published" | "not-registered";

export async function publishResults(agencyId: string, cycleId: string, actorId: string, now = new Date(), db: Db = prisma): Promise<PublishOutcome> {
  const outcome = await db.$transaction(async (tx) => {
    const participation = await tx.agencyCycle.findUnique({
      where: { agencyId_cycleId: { agencyId, cycleId } },
      select: { registered: true, publishedAt: true },
    });
    const state = participationState(participation);
    if (state === "not-registered") return "not-registered" as const;
    if (state === "published") return "already-published" as const;
    // Conditional, so two assessors clicking at once publish once (and the first time stands).
    const closed = await tx.agencyCycle.updateMany({
      where: { agencyId, cycleId, publishedAt: null },
      data: { publishedAt: now, iitOpen: false, eitOpen: false },
    });
    if (closed.count === 0) return "already-published" as const;
    await tx.responseTally.updateMany({ where: { agencyId, cycleId }, data: { frozen: true } });
    // Every instance's overview drops the cycle within one version poll (decision 019).
    await bumpCacheVersions([participationKey(cycleId)], tx as unknown as Db);
    return "published" as const;
  });
  await recordAudit({ action: "assessor.results.publish", outcome, actorId, agencyId }, db);
  return outcome;
}
