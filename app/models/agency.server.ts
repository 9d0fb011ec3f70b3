import type { AgencyKind, Instrument } from "~/generated/sqlite/enums";
import { prisma, type Db } from "~/db.server";
import { bulkInsert } from "./bulk-insert.server";
import { randomId } from "~/utils/crypto.server";
import { bumpCacheVersions, participationKey, writeWithVersions } from "./cache-version.server";
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
  // The cycle's participation changed: overviews drop what they hold for it (decision 019).
  return writeWithVersions(
    [participationKey(input.cycleId)],
    async (tx) => {
      const participation = await tx.agencyCycle.create({
        data: {
          id: randomId(),
          agencyId: input.agencyId,
          cycleId: input.cycleId,
          registered: true,
          internalPopulation: input.internalPopulation ?? null,
          externalPopulation: input.externalPopulation ?? null,
        },
      });
      const tallies = [];
      for (const instrument of INSTRUMENTS)
        tallies.push(await tx.responseTally.create({ data: { agencyId: input.agencyId, cycleId: input.cycleId, instrument } }));
      return [participation, ...tallies] as const;
    },
    db,
  );
}

export type Participation = { agencyId: string; internalPopulation?: number | null; externalPopulation?: number | null };

/** Rows per statement in bulk writes: well under SQLite's 32,766 bound parameters. */
const CHUNK = 500;

/**
 * Register many agencies for a cycle at once (cycle:create, agencies:import --year): the
 * participation and its three tallies for each agency not registered yet, then the populations
 * given (a key left out keeps what is stored; null clears it). Pass a transaction client to make
 * it part of a larger all-or-nothing write. Returns how many were added and how many updated.
 */
export async function registerAgenciesForCycle(cycleId: string, entries: Participation[], db: Db = prisma) {
  const existing = new Map<string, { internalPopulation: number | null; externalPopulation: number | null }>();
  for (let i = 0; i < entries.length; i += CHUNK) {
    const ids = entries.slice(i, i + CHUNK).map((entry) => entry.agencyId);
    const rows = await db.agencyCycle.findMany({
      where: { cycleId, agencyId: { in: ids } },
      select: { agencyId: true, internalPopulation: true, externalPopulation: true },
    });
    for (const row of rows) existing.set(row.agencyId, row);
  }
  const added = entries.filter((entry) => !existing.has(entry.agencyId));
  for (let i = 0; i < added.length; i += CHUNK) {
    const chunk = added.slice(i, i + CHUNK);
    // bulkInsert, not createMany: only the columns given (the tally has ~60 counters, all defaults), ~30× faster.
    await bulkInsert(
      "AgencyCycle",
      ["id", "agencyId", "cycleId", "registered", "internalPopulation", "externalPopulation"],
      chunk.map((entry) => [randomId(), entry.agencyId, cycleId, true, entry.internalPopulation ?? null, entry.externalPopulation ?? null]),
      {},
      db,
    );
    await bulkInsert(
      "ResponseTally",
      ["agencyId", "cycleId", "instrument"],
      chunk.flatMap((entry) => INSTRUMENTS.map((instrument) => [entry.agencyId, cycleId, instrument])),
      { instrument: '"Instrument"' },
      db,
    );
  }
  let updated = 0;
  for (const entry of entries) {
    const stored = existing.get(entry.agencyId);
    if (!stored) continue;
    const data: { internalPopulation?: number | null; externalPopulation?: number | null } = {};
    if (entry.internalPopulation !== undefined && entry.internalPopulation !== stored.internalPopulation) data.internalPopulation = entry.internalPopulation;
    if (entry.externalPopulation !== undefined && entry.externalPopulation !== stored.externalPopulation) data.externalPopulation = entry.externalPopulation;
    if (Object.keys(data).length === 0) continue;
    // Published results are frozen: their populations stay as they were (updateAgencyCycle's rule).
    updated += (await db.agencyCycle.updateMany({ where: { agencyId: entry.agencyId, cycleId, publishedAt: null }, data })).count;
  }
  // In the caller's transaction when it passed one; else just after the writes (never before them,
  // so no instance can refill a cache from the old rows after dropping it). Decision 019.
  if (added.length || updated) await bumpCacheVersions([participationKey(cycleId)], db);
  return { added: added.length, updated };
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
  // An agency's IIT or EIT closed (or reopened) through this instance: every instance's overview
  // drops it within one version poll (decision 019); submits check the switch at commit anyway.
  const updated = await writeWithVersions(
    [participationKey(cycleId)],
    (tx) => tx.agencyCycle.updateMany({ where: { agencyId, cycleId, publishedAt: null }, data }),
    db,
  );
  return updated.count === 1;
}
