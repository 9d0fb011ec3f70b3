// The stuffing flags' data (attack M7, app/domain/integrity-flags.ts): read from what is already
// kept — the audit rows of population changes and IIT code rotations, the daily counts and the
// current staff population — for a set of agencies in one cycle. Three queries, whatever the
// number of agencies; no per-response data.
import { integrityFlags, type IntegrityFlags, type PopulationChange } from "~/domain/integrity-flags";
import { prisma, type Db } from "~/db.server";
import { bangkokDay } from "./response.server";

type CycleRef = { id: string; fiscalYear: number; iitOpensAt: Date; eitOpensAt: Date };

/** The audit target of a change made for a cycle (rows written before issue 19 have none). */
export const cycleTarget = (fiscalYear: number) => `cycle:${fiscalYear}`;

function readNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Flags per agency id (only agencies with a flag are in the map). */
export async function readIntegrityFlags(agencyIds: string[], cycle: CycleRef, db: Db = prisma): Promise<Map<string, IntegrityFlags>> {
  const flags = new Map<string, IntegrityFlags>();
  if (agencyIds.length === 0) return flags;
  // Nothing before the earliest window can follow the start of collection.
  const since = new Date(Math.min(cycle.iitOpensAt.getTime(), cycle.eitOpensAt.getTime()) - 24 * 3600_000);
  const [audits, daily, participations] = await Promise.all([
    db.auditLog.findMany({
      where: {
        agencyId: { in: agencyIds },
        action: { in: ["agency.populations", "iit.code.rotate"] },
        at: { gte: since },
        OR: [{ target: null }, { target: cycleTarget(cycle.fiscalYear) }],
      },
      orderBy: { at: "asc" },
      select: { agencyId: true, action: true, at: true, detail: true },
    }),
    db.dailyCount.findMany({
      where: { cycleId: cycle.id, agencyId: { in: agencyIds }, instrument: { in: ["iit", "eit1"] } },
      select: { agencyId: true, day: true, instrument: true, responses: true },
    }),
    db.agencyCycle.findMany({ where: { cycleId: cycle.id, agencyId: { in: agencyIds } }, select: { agencyId: true, internalPopulation: true } }),
  ]);
  for (const agencyId of agencyIds) {
    const own = audits.filter((row) => row.agencyId === agencyId);
    const populationChanges: PopulationChange[] = own
      .filter((row) => row.action === "agency.populations")
      .map((row) => {
        const detail = (row.detail ? JSON.parse(row.detail) : {}) as Record<string, unknown>;
        const previous = detail.previous as Record<string, unknown> | undefined;
        return {
          day: bangkokDay(row.at),
          internalPopulation: readNumber(detail.internalPopulation),
          externalPopulation: readNumber(detail.externalPopulation),
          previous: previous
            ? { internalPopulation: readNumber(previous.internalPopulation), externalPopulation: readNumber(previous.externalPopulation) }
            : null,
        };
      });
    const result = integrityFlags({
      internalPopulation: participations.find((row) => row.agencyId === agencyId)?.internalPopulation ?? null,
      populationChanges,
      codeRotations: own.filter((row) => row.action === "iit.code.rotate").map((row) => bangkokDay(row.at)),
      daily: daily.filter((row) => row.agencyId === agencyId),
    });
    if (result) flags.set(agencyId, result);
  }
  return flags;
}
