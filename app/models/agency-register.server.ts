// The agency register's queries: read every agency and province once (the import compares in
// memory), write a plan (domain/agency-register.ts) in bulk, list and edit agencies for
// /admin/register/agencies. Writes take the transaction client of services/agency-register.server.ts.
import type { AgencyKind } from "~/generated/sqlite/enums";
import type { ExistingAgency, ProvinceRef, RegisterPlan } from "~/domain/agency-register";
import { prisma, type Db } from "~/db.server";
import { randomId } from "~/utils/crypto.server";
import { bulkInsert } from "./bulk-insert.server";
import { thaiProvinces } from "../../prisma/data/provinces";

/** Rows per statement: well under SQLite's 32,766 bound parameters (9 columns × 500). */
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The provinces of Thailand not stored yet: by code, and not one whose slug another stored province has (that one stays). */
function missingProvinces(stored: Array<{ code: string; slug: string }>) {
  const codes = new Set(stored.map((province) => province.code));
  const slugs = new Set(stored.map((province) => province.slug));
  return thaiProvinces.filter((province) => !codes.has(province.code) && !slugs.has(province.slug));
}

/** The stored provinces, and the 77 of Thailand (prisma/data/provinces.ts) an empty database may not have yet. */
export async function listRegisterProvinces(db: Db = prisma): Promise<ProvinceRef[]> {
  const stored = await db.province.findMany({ select: { code: true, slug: true, nameTh: true, nameEn: true } });
  return [...stored, ...missingProvinces(stored)];
}

/** Insert the provinces of Thailand the database lacks (missingProvinces). Returns every province's id by code. */
export async function ensureProvinces(db: Db = prisma): Promise<Map<string, string>> {
  const stored = await db.province.findMany({ select: { id: true, code: true, slug: true } });
  const missing = missingProvinces(stored);
  if (missing.length) await db.province.createMany({ data: missing.map((province) => ({ id: randomId(), ...province })) });
  const all = missing.length ? await db.province.findMany({ select: { id: true, code: true } }) : stored;
  return new Map(all.map((province) => [province.code, province.id]));
}

/** Every agency, active or not, as the import compares them (codes for the province and the parent). */
export async function listRegisterAgencies(db: Db = prisma): Promise<ExistingAgency[]> {
  // Flat columns only (no nested province): a relation read costs as much again at 8,300 rows.
  const [rows, provinces] = await Promise.all([
    db.agency.findMany({
      select: { id: true, code: true, slug: true, nameTh: true, nameEn: true, kind: true, provinceId: true, parentId: true, deactivatedAt: true },
    }),
    db.province.findMany({ select: { id: true, code: true } }),
  ]);
  const codeById = new Map(rows.map((row) => [row.id, row.code]));
  const provinceCodeById = new Map(provinces.map((province) => [province.id, province.code]));
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    slug: row.slug,
    nameTh: row.nameTh,
    nameEn: row.nameEn,
    kind: row.kind,
    provinceCode: row.provinceId ? (provinceCodeById.get(row.provinceId) ?? null) : null,
    parentCode: row.parentId ? (codeById.get(row.parentId) ?? null) : null,
    active: row.deactivatedAt === null,
  }));
}

/**
 * Write a plan: new agencies in bulk (parents before children, by depth), changed ones one UPDATE
 * each, and — when asked — the missing ones deactivated (never deleted: they may hold responses).
 * Returns every planned agency's id by code (new ones included).
 */
export async function applyRegisterPlan(
  plan: RegisterPlan,
  options: { provinceIds: Map<string, string>; deactivateMissing: boolean; now?: Date },
  db: Db,
): Promise<Map<string, string>> {
  const idByCode = new Map<string, string>();
  for (const entry of [...plan.changes, ...plan.unchanged]) idByCode.set(entry.code, entry.id);
  // Parents not in the plan (stored, not in the file): their ids by code.
  const newCodes = new Set(plan.adds.map((add) => add.code));
  const outside = new Set<string>();
  for (const parent of [...plan.adds.map((add) => add.parentCode), ...plan.changes.map((change) => change.set.parentCode)]) {
    if (parent && !idByCode.has(parent) && !newCodes.has(parent)) outside.add(parent);
  }
  for (const codes of chunks([...outside])) {
    for (const row of await db.agency.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } })) idByCode.set(row.code, row.id);
  }
  for (const add of plan.adds) idByCode.set(add.code, randomId());
  const province = (code: string | null) => (code === null ? null : options.provinceIds.get(code)!);
  const parent = (code: string | null) => (code === null ? null : idByCode.get(code)!);

  const now = options.now ?? new Date();
  const depths = [...new Set(plan.adds.map((add) => add.depth))].sort((a, b) => a - b);
  for (const depth of depths) {
    await bulkInsert(
      "Agency",
      ["id", "code", "slug", "nameTh", "nameEn", "kind", "provinceId", "parentId", "createdAt"],
      plan.adds
        .filter((add) => add.depth === depth)
        .map((add) => [idByCode.get(add.code)!, add.code, add.slug, add.nameTh, add.nameEn, add.kind, province(add.provinceCode), parent(add.parentCode), now]),
      { kind: '"AgencyKind"', createdAt: "timestamp(3)" },
      db,
    );
  }
  for (const change of plan.changes) {
    await db.agency.update({
      where: { id: change.id },
      data: {
        nameTh: change.set.nameTh,
        nameEn: change.set.nameEn,
        kind: change.set.kind as AgencyKind,
        provinceId: province(change.set.provinceCode),
        parentId: parent(change.set.parentCode),
        deactivatedAt: null,
      },
    });
  }
  if (options.deactivateMissing) {
    for (const chunk of chunks(plan.missing)) {
      await db.agency.updateMany({ where: { id: { in: chunk.map((entry) => entry.id) } }, data: { deactivatedAt: now } });
    }
  }
  return idByCode;
}

/** Active agencies as the export writes them, with a cycle's populations when one is given. */
export async function listRegisterForExport(cycleId: string | null, db: Db = prisma) {
  const agencies = await db.agency.findMany({
    where: { deactivatedAt: null },
    orderBy: { code: "asc" },
    select: {
      id: true,
      code: true,
      nameTh: true,
      nameEn: true,
      kind: true,
      parentId: true,
      province: { select: { code: true } },
      ...(cycleId ? { participations: { where: { cycleId }, select: { internalPopulation: true, externalPopulation: true } } } : {}),
    },
  });
  // A parent may be deactivated and still be the parent: read every code.
  const codeById = new Map((await db.agency.findMany({ select: { id: true, code: true } })).map((row) => [row.id, row.code]));
  return agencies.map((agency) => {
    const participation = (agency as { participations?: Array<{ internalPopulation: number | null; externalPopulation: number | null }> }).participations?.[0];
    return {
      code: agency.code,
      nameTh: agency.nameTh,
      nameEn: agency.nameEn,
      kind: agency.kind,
      provinceCode: agency.province?.code ?? null,
      parentCode: agency.parentId ? (codeById.get(agency.parentId) ?? null) : null,
      iitPopulation: participation?.internalPopulation ?? null,
      eitPopulation: participation?.externalPopulation ?? null,
    };
  });
}

// ───────────── /admin/register/agencies ─────────────

export type AgencyListFilter = { query?: string; active?: "all" | "active" | "inactive" };

/** A page of agencies for the register list: by code or name (Thai or English), active or not. */
export async function searchRegisterAgencies(filter: AgencyListFilter, page: number, pageSize: number, db: Db = prisma) {
  const query = filter.query?.trim();
  const where = {
    ...(query ? { OR: [{ code: { contains: query } }, { nameTh: { contains: query } }, { nameEn: { contains: query } }] } : {}),
    ...(filter.active === "active" ? { deactivatedAt: null } : filter.active === "inactive" ? { NOT: { deactivatedAt: null } } : {}),
  };
  const [total, agencies] = await Promise.all([
    db.agency.count({ where }),
    db.agency.findMany({
      where,
      orderBy: { code: "asc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        code: true,
        slug: true,
        nameTh: true,
        nameEn: true,
        kind: true,
        deactivatedAt: true,
        province: { select: { code: true, nameTh: true, nameEn: true } },
        parent: { select: { code: true } },
      },
    }),
  ]);
  return { total, agencies };
}

export function getRegisterAgency(id: string, db: Db = prisma) {
  return db.agency.findUnique({ where: { id }, select: { id: true, code: true, parentId: true, deactivatedAt: true } });
}

export function findAgencyIdByCode(code: string, db: Db = prisma) {
  return db.agency.findUnique({ where: { code }, select: { id: true, parentId: true } });
}

export function findProvinceIdByCode(code: string, db: Db = prisma) {
  return db.province.findUnique({ where: { code }, select: { id: true } });
}

/** The chain of parents above an agency (ids, nearest first), to refuse an edit that would loop. */
export async function parentChain(agencyId: string, db: Db = prisma): Promise<string[]> {
  const chain: string[] = [];
  let id: string | null = agencyId;
  while (id && chain.length < 100) {
    const row: { parentId: string | null } | null = await db.agency.findUnique({ where: { id }, select: { parentId: true } });
    id = row?.parentId ?? null;
    if (id) chain.push(id);
    if (id && chain.indexOf(id) !== chain.length - 1) break;
  }
  return chain;
}

export function updateRegisterAgency(
  id: string,
  data: { nameTh: string; nameEn: string; kind: AgencyKind; provinceId: string | null; parentId: string | null },
  db: Db = prisma,
) {
  return db.agency.update({ where: { id }, data });
}

export function setAgencyActive(id: string, active: boolean, now = new Date(), db: Db = prisma) {
  return db.agency.update({ where: { id }, data: { deactivatedAt: active ? null : now } });
}

export function listProvinceOptions(db: Db = prisma) {
  return db.province.findMany({ orderBy: { code: "asc" }, select: { code: true, nameTh: true, nameEn: true } });
}

/** The fiscal years that have a cycle, newest first (the register page's year choice). */
export async function listCycleYears(db: Db = prisma): Promise<number[]> {
  return (await db.cycle.findMany({ select: { fiscalYear: true }, orderBy: { fiscalYear: "desc" } })).map((cycle) => cycle.fiscalYear);
}
