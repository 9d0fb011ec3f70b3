// The kinds of assessed agency, in one table: the code (the Prisma enum AgencyKind in
// prisma/models/models.prisma holds the same codes — test/unit/domain/agency-kinds.test.ts checks),
// the Thai and English names, and the abbreviations Thai officers type for them. The overview's
// kind filter, the UI labels (utils/i18n.server.ts), the name search (utils/thai-search.ts), the register
// import (domain/agency-register.ts) and the seeds read it from here. A new kind: add it to the Prisma enum (with a migration) and here.

export type AgencyKindRow = {
  code: string;
  /** the kind's name, as shown in the UI and used in generated demo names */
  th: string;
  en: string;
  /** abbreviations as typed, with their dot (อบต.); the search also accepts them without it */
  abbreviations: readonly string[];
  /** other names a register file (agencies:import) may give for the kind, e.g. จังหวัด, มหาวิทยาลัย */
  aliases: readonly string[];
};

export const AGENCY_KINDS = [
  { code: "ministry", th: "กระทรวง", en: "Ministry", abbreviations: [], aliases: [] },
  { code: "department", th: "กรม", en: "Department", abbreviations: [], aliases: [] },
  { code: "provincial_admin", th: "ราชการส่วนภูมิภาค (จังหวัด)", en: "Provincial administration", abbreviations: [], aliases: ["จังหวัด", "ศาลากลางจังหวัด"] },
  { code: "district_office", th: "ที่ว่าการอำเภอ", en: "District office", abbreviations: [], aliases: ["อำเภอ"] },
  { code: "local_pao", th: "องค์การบริหารส่วนจังหวัด", en: "Provincial Administrative Organization", abbreviations: ["อบจ."], aliases: [] },
  { code: "local_city", th: "เทศบาลนคร", en: "City municipality", abbreviations: ["ทน."], aliases: [] },
  { code: "local_town", th: "เทศบาลเมือง", en: "Town municipality", abbreviations: ["ทม."], aliases: [] },
  { code: "local_subdistrict", th: "เทศบาลตำบล", en: "Subdistrict municipality", abbreviations: ["ทต."], aliases: [] },
  { code: "local_sao", th: "องค์การบริหารส่วนตำบล", en: "Subdistrict Administrative Organization", abbreviations: ["อบต."], aliases: [] },
  { code: "state_enterprise", th: "รัฐวิสาหกิจ", en: "State enterprise", abbreviations: [], aliases: [] },
  { code: "public_organization", th: "องค์การมหาชน", en: "Public organization", abbreviations: [], aliases: [] },
  { code: "university", th: "สถาบันอุดมศึกษา", en: "University", abbreviations: [], aliases: ["มหาวิทยาลัย"] },
  { code: "independent_organ", th: "องค์กรอิสระ", en: "Independent organ", abbreviations: [], aliases: [] },
  { code: "other", th: "อื่น ๆ", en: "Other", abbreviations: [], aliases: ["อื่นๆ"] },
] as const satisfies readonly AgencyKindRow[];

export type AgencyKindCode = (typeof AGENCY_KINDS)[number]["code"];

/** The codes in table order, as a non-empty tuple (what z.enum takes). */
export const AGENCY_KIND_CODES = AGENCY_KINDS.map((kind) => kind.code) as unknown as readonly [AgencyKindCode, ...AgencyKindCode[]];

const byCode = new Map<string, (typeof AGENCY_KINDS)[number]>(AGENCY_KINDS.map((kind) => [kind.code, kind]));

/** The table row of a kind. */
export function agencyKind(code: AgencyKindCode): AgencyKindRow {
  return byCode.get(code)!;
}

/** How a kind is written in a register file: case, spaces and a trailing dot do not matter. */
function kindKey(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\s+/g, "").replace(/\.$/, "");
}

const byName = new Map<string, AgencyKindCode>(
  AGENCY_KINDS.flatMap((kind) =>
    [kind.code, kind.th, kind.en, ...kind.abbreviations, ...kind.aliases].map((name): [string, AgencyKindCode] => [kindKey(name), kind.code]),
  ),
);

/** The kind a register file names (its code, Thai or English name, abbreviation or alias), or null. */
export function findAgencyKind(text: string): AgencyKindCode | null {
  return byName.get(kindKey(text)) ?? null;
}
