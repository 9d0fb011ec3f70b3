import type { AgencyKind, Instrument } from "~/generated/sqlite/enums";
import { prisma, type Db } from "~/db.server";
import { randomId } from "~/utils/crypto.server";
import { getCurrentCycle } from "./cycle.server";

export const INSTRUMENTS: Instrument[] = ["iit", "eit1", "eit2"];

export type NewAgency = {
  /** รหัสหน่วยงาน from the register; the demo and test factories may leave it to the slug. */
  code?: string;
  slug: string;
  nameTh: string;
  nameEn: string;
  kind: AgencyKind;
  provinceId?: string | null;
  parentId?: string | null;
  sizeGroup?: string | null;
};

export function createProvince(data: { code: string; slug: string; nameTh: string; nameEn: string }, db: Db = prisma) {
  return db.province.create({ data: { id: randomId(), ...data } });
}

export function createAgency(data: NewAgency, db: Db = prisma) {
  return db.agency.create({ data: { id: randomId(), ...data, code: data.code ?? data.slug } });
}

/**
 * Register an agency for a cycle (ลงทะเบียน) with its populations, and create its three running
 * tallies in the same transaction, so a submit only ever UPDATEs one existing tally row.
 */
export async function registerAgencyForCycle(
  input: { agencyId: string; cycleId: string; internalPopulation?: number | null; externalPopulation?: number | null },
  db: Db = prisma,
) {
  return db.$transaction([
    db.agencyCycle.create({
      data: {
        id: randomId(),
        agencyId: input.agencyId,
        cycleId: input.cycleId,
        registered: true,
        internalPopulation: input.internalPopulation ?? null,
        externalPopulation: input.externalPopulation ?? null,
      },
    }),
    ...INSTRUMENTS.map((instrument) => db.responseTally.create({ data: { agencyId: input.agencyId, cycleId: input.cycleId, instrument } })),
  ]);
}

export function getAgencyBySlug(slug: string, db: Db = prisma) {
  return db.agency.findUnique({ where: { slug }, include: { province: true } });
}

export function getAgencyCycle(agencyId: string, cycleId: string, db: Db = prisma) {
  return db.agencyCycle.findUnique({ where: { agencyId_cycleId: { agencyId, cycleId } } });
}

export function countAgencies(db: Db = prisma) {
  return db.agency.count();
}

/** Agencies whose Thai or English name contains the query (the EIT finder). */
export function searchAgencies(query: string, take = 30, db: Db = prisma) {
  return db.agency.findMany({
    where: { OR: [{ nameTh: { contains: query } }, { nameEn: { contains: query } }, { slug: { contains: query.toLowerCase() } }] },
    orderBy: { nameTh: "asc" },
    take,
    select: { slug: true, nameTh: true, nameEn: true, province: { select: { nameTh: true, nameEn: true } } },
  });
}

/** An agency's public EIT page state in the current cycle, by its slug (null: no such agency). */
export async function getEitLanding(slug: string, db: Db = prisma) {
  const agency = await db.agency.findUnique({ where: { slug } });
  if (!agency) return null;
  const cycle = await getCurrentCycle(db);
  const agencyCycle = cycle ? await db.agencyCycle.findUnique({ where: { agencyId_cycleId: { agencyId: agency.id, cycleId: cycle.id } } }) : null;
  return { agency, cycle, agencyCycle };
}

export type AgencyScope = { all: true } | { all: false; agencyIds: string[]; provinceIds: string[] };

/** A page of the agencies a role watches, with their live tallies in a cycle (no response scan). */
export async function listAgenciesInScope(scope: AgencyScope, cycleId: string, page = 1, pageSize = 50, db: Db = prisma) {
  const where = scope.all ? {} : { OR: [{ id: { in: scope.agencyIds } }, { provinceId: { in: scope.provinceIds } }] };
  const [total, agencies] = await Promise.all([
    db.agency.count({ where }),
    db.agency.findMany({
      where,
      orderBy: [{ provinceId: "asc" }, { nameTh: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: {
        province: true,
        participations: { where: { cycleId } },
        tallies: { where: { cycleId }, select: { instrument: true, responses: true } },
      },
    }),
  ]);
  return { total, agencies };
}

/**
 * Agency admin settings for a cycle; every change is audited by the caller. Conditional on the
 * results not being published (one UPDATE, so a publish racing with it wins or waits): returns
 * false, having changed nothing, once they are.
 */
export async function updateAgencyCycle(
  agencyId: string,
  cycleId: string,
  data: Partial<{ internalPopulation: number | null; externalPopulation: number | null; iitOpen: boolean; eitOpen: boolean; eitAllowEmail: boolean }>,
  db: Db = prisma,
): Promise<boolean> {
  const updated = await db.agencyCycle.updateMany({ where: { agencyId, cycleId, publishedAt: null }, data });
  return updated.count === 1;
}
