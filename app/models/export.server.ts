// Exports of progress, item means and scores for one agency, a province or the nation. Each one
// carries the fiscal year, the rules version and a SHA-256 of the data its figures were computed
// from: the scoring inputs, in the scoring CLI's own JSON format (docs/exports.md says how to
// check a file against it).
import { instrumentIndicators, instrumentItems, PART_CODES, PART_INSTRUMENT, type Ruleset } from "~/domain/ruleset";
import { toScoringInputJson, type ScoringInput } from "~/domain/scoring-input";
import { roundHalfUp2 } from "~/domain/scoring";
import { dbTarget, prisma, type Db } from "~/db.server";
import { sqlParam } from "./scores.server";
import { sha256 } from "~/utils/crypto.server";
import { getCycleOverview, listProvinces, type AgencyOverview } from "./overview.server";

export type ExportScope = { kind: "nation" } | { kind: "province"; provinceId: string; slug: string } | { kind: "agency"; agencyId: string; slug: string };

type CycleLike = Parameters<typeof getCycleOverview>[1];

export type ExportedAgency = { slug: string; input: ScoringInput };

export type ExportDocument = {
  fiscalYear: number;
  rulesVersion: string;
  generatedAt: string;
  scope: string;
  /** SHA-256 (hex) of JSON.stringify(agencies): the scoring inputs every figure comes from */
  sourceSha256: string;
  agencies: ExportedAgency[];
  rows: AgencyOverview[];
  provinceNames: Map<string, { th: string; en: string }>;
};

/** The scoring inputs of a scope and their hash; the rows (figures) are computed from exactly these. */
export async function buildExport(scope: ExportScope, cycle: CycleLike, ruleset: Ruleset, now = new Date(), db: Db = prisma): Promise<ExportDocument> {
  const overviewScope =
    scope.kind === "nation"
      ? ({ all: true } as const)
      : { all: false as const, agencyIds: scope.kind === "agency" ? [scope.agencyId] : [], provinceIds: scope.kind === "province" ? [scope.provinceId] : [] };
  // An export is a record: always computed now, never from (or joined to) the overview's cache.
  const rows = await getCycleOverview(overviewScope, cycle, ruleset, now, db);
  const scoped = scope.kind === "province" ? rows.filter((row) => row.provinceId === scope.provinceId) : rows;
  scoped.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const agencies = scoped.map((row) => ({ slug: row.slug, input: toScoringInputJson(ruleset, row.input) }));
  const provinces = await listProvinces(db);
  return {
    fiscalYear: cycle.fiscalYear,
    rulesVersion: cycle.rulesVersion,
    generatedAt: now.toISOString(),
    scope: scope.kind === "nation" ? "nation" : `${scope.kind}:${scope.slug}`,
    sourceSha256: sha256(JSON.stringify(agencies)),
    agencies,
    rows: scoped,
    provinceNames: new Map(provinces.map((province) => [province.id, { th: province.nameTh, en: province.nameEn }])),
  };
}

// ───────────────────────── the table every format shares ─────────────────────────

export type ExportColumn = { key: string; th: string; en: string; value: (row: AgencyOverview) => string | number | boolean | null };
export type ExportSheet = { name: string; columns: ExportColumn[] };

const INSTRUMENTS = ["iit", "eit1", "eit2"] as const;
const two = (value: number | null | undefined) => (value === null || value === undefined ? null : roundHalfUp2(value));

/** Columns grouped as the XLSX sheets; CSV puts them side by side in one file. */
export function exportSheets(ruleset: Ruleset, document: Pick<ExportDocument, "provinceNames">): ExportSheet[] {
  const agency: ExportColumn[] = [
    { key: "agency_slug", th: "รหัสหน่วยงาน", en: "Agency id", value: (row) => row.slug },
    { key: "agency_th", th: "หน่วยงาน", en: "Agency (Thai)", value: (row) => row.nameTh },
    { key: "agency_en", th: "หน่วยงาน (อังกฤษ)", en: "Agency", value: (row) => row.nameEn },
    { key: "province_th", th: "จังหวัด", en: "Province", value: (row) => (row.provinceId ? (document.provinceNames.get(row.provinceId)?.th ?? null) : null) },
    { key: "kind", th: "ประเภท", en: "Type", value: (row) => row.kind },
  ];
  const progress: ExportColumn[] = [
    { key: "registered", th: "ลงทะเบียน", en: "Registered", value: (row) => row.registered },
    { key: "published", th: "ประกาศผลแล้ว", en: "Published", value: (row) => row.published },
    ...INSTRUMENTS.flatMap((instrument): ExportColumn[] => [
      {
        key: `${instrument}_responses`,
        th: `${instrument.toUpperCase()} จำนวนผู้ตอบ`,
        en: `${instrument.toUpperCase()} responses`,
        value: (row) => row.instruments[instrument].responses,
      },
      {
        key: `${instrument}_minimum`,
        th: `${instrument.toUpperCase()} ขั้นต่ำ`,
        en: `${instrument.toUpperCase()} minimum`,
        value: (row) => row.instruments[instrument].minimum,
      },
      {
        key: `${instrument}_percent`,
        th: `${instrument.toUpperCase()} % ของขั้นต่ำ`,
        en: `${instrument.toUpperCase()} % of minimum`,
        value: (row) => row.instruments[instrument].percent,
      },
      {
        key: `${instrument}_forecast`,
        th: `${instrument.toUpperCase()} คาดการณ์`,
        en: `${instrument.toUpperCase()} forecast`,
        value: (row) => row.instruments[instrument].forecast.status,
      },
    ]),
    { key: "risk", th: "ต้องติดตาม", en: "Needs attention", value: (row) => row.risk },
  ];
  // A part whose instrument still collects has no figures yet (decision 012): not "not processed".
  const collecting = (row: AgencyOverview, part: (typeof PART_CODES)[number]) =>
    part !== "oit" && !row.disclosure[part].shown && row.disclosure[part].reason === "collecting";
  const scores: ExportColumn[] = [
    ...PART_CODES.flatMap((part): ExportColumn[] => [
      { key: `${part}_score`, th: `${part.toUpperCase()} คะแนน`, en: `${part.toUpperCase()} score`, value: (row) => row.assessment.parts[part].score },
      {
        key: `${part}_processed`,
        th: `${part.toUpperCase()} ประมวลผล`,
        en: `${part.toUpperCase()} processed`,
        value: (row) => (collecting(row, part) ? null : row.assessment.parts[part].processed),
      },
      {
        key: `${part}_reason`,
        th: `${part.toUpperCase()} เหตุที่ไม่ประมวลผล`,
        en: `${part.toUpperCase()} not processed because`,
        value: (row) => (collecting(row, part) ? "collecting" : (row.assessment.parts[part].reason?.code ?? null)),
      },
    ]),
    ...PART_CODES.flatMap((part) =>
      instrumentIndicators(ruleset, PART_INSTRUMENT[part]).map((indicator): ExportColumn => ({
        key: `${part}_indicator_${indicator.code}`,
        th: `${part.toUpperCase()} ตัวชี้วัด ${indicator.code} ${indicator.name.th}`,
        en: `${part.toUpperCase()} indicator ${indicator.code} ${indicator.name.en}`,
        value: (row) => row.assessment.parts[part].indicators[indicator.code] ?? null,
      })),
    ),
    { key: "total", th: "คะแนนรวม", en: "Total", value: (row) => row.total },
    { key: "rating_th", th: "ระดับผลการประเมิน", en: "Rating (Thai)", value: (row) => row.rating?.th ?? null },
    { key: "rating_en", th: "ระดับผลการประเมิน (อังกฤษ)", en: "Rating", value: (row) => row.rating?.en ?? null },
  ];
  const itemMeans: ExportColumn[] = [
    ...(["iit", "eit1", "eit2"] as const).flatMap((part) =>
      instrumentItems(ruleset, part === "iit" ? "iit" : "eit").map((item): ExportColumn => ({
        key: `${part}_${item.code}`,
        th: `${part.toUpperCase()} ข้อ ${item.code}`,
        en: `${part.toUpperCase()} item ${item.code}`,
        value: (row) => two(row.input[part]?.items[item.code]),
      })),
    ),
    ...instrumentItems(ruleset, "oit").map((item): ExportColumn => ({
      key: `oit_${item.code}`,
      th: `OIT ข้อ ${item.code}`,
      en: `OIT item ${item.code}`,
      value: (row) => row.input.oit?.items?.[item.code] ?? null,
    })),
  ];
  return [
    { name: "ความคืบหน้า Progress", columns: [...agency, ...progress] },
    { name: "คะแนน Scores", columns: [...agency, ...scores] },
    { name: "ค่าเฉลี่ยรายข้อ Item means", columns: [...agency, ...itemMeans] },
  ];
}

/** What every file says about itself (the XLSX "About" sheet, the CSV's leading columns). */
export function exportFacts(document: ExportDocument): [key: string, th: string, en: string, value: string | number][] {
  return [
    ["fiscal_year", "ปีงบประมาณ", "Fiscal year", document.fiscalYear],
    ["rules_version", "รุ่นของเกณฑ์", "Rules version", document.rulesVersion],
    ["scope", "ขอบเขต", "Scope", document.scope],
    ["generated_at", "สร้างเมื่อ (UTC)", "Generated at (UTC)", document.generatedAt],
    ["agencies", "จำนวนหน่วยงาน", "Agencies", document.rows.length],
    ["source_sha256", "SHA-256 ของข้อมูลที่ใช้คำนวณ", "SHA-256 of the source data", document.sourceSha256],
  ];
}

// ───────────────────────── the data version (attack M8) ─────────────────────────

/**
 * A digest of what a scope's export is computed from, read in one query far cheaper than the
 * export: per agency of the scope, its name, province and group, its participation (registration,
 * populations, open/closed, publication), its responses (the tallies' counts) and its OIT scores'
 * count and last change. Same digest, same figures (up to the time-dependent forecast, which the
 * caller's short cache bounds). app/services/export-builds.server.ts keys its shared builds on it.
 */
export async function exportDataVersion(scope: ExportScope, cycleId: string, db: Db = prisma): Promise<string> {
  const where = scope.kind === "nation" ? "" : scope.kind === "province" ? ` WHERE a."provinceId" = ${sqlParam(2)}` : ` WHERE a."id" = ${sqlParam(2)}`;
  const scopeId = scope.kind === "nation" ? [] : [scope.kind === "province" ? scope.provinceId : scope.agencyId];
  // PostgreSQL numbers its parameters ($1 twice); SQLite's "?" take them in order of appearance.
  const params = dbTarget.provider === "postgres" ? [cycleId, ...scopeId] : [cycleId, cycleId, ...scopeId];
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT a."id", a."slug", a."nameTh", a."nameEn", a."provinceId", a."sizeGroup", a."kind",
       ac."registered", ac."internalPopulation", ac."externalPopulation", ac."iitOpen", ac."eitOpen", ac."publishedAt",
       (SELECT SUM(t."responses") FROM "ResponseTally" t WHERE t."agencyId" = a."id" AND t."cycleId" = ${sqlParam()}) AS "responses",
       (SELECT COUNT(*) FROM "OitScore" o WHERE o."agencyCycleId" = ac."id") AS "oitScores",
       (SELECT MAX(o."updatedAt") FROM "OitScore" o WHERE o."agencyCycleId" = ac."id") AS "oitChanged"
     FROM "Agency" a LEFT JOIN "AgencyCycle" ac ON ac."agencyId" = a."id" AND ac."cycleId" = ${sqlParam()}${where}
     ORDER BY a."id"`,
    ...params,
  );
  return sha256(JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)));
}
