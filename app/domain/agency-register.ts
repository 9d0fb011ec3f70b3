// The national agency register (ทะเบียนหน่วยงาน), as a file an operator imports (agencies:import,
// /admin/register): which columns it has, what a valid row is, and what importing it would change.
// Pure: the file is already a table of strings (utils/tabular-file.server.ts reads CSV and XLSX),
// the agencies and provinces already read (models/agency-register.server.ts writes the plan).
// docs/agency-register.md is the operator's description of the same rules.
import { findAgencyKind, type AgencyKindCode } from "./agency-kinds";

/** Files above this are refused before they are read (a national register of ~8,300 rows is ~1 MB). */
export const REGISTER_FILE_MAX_BYTES = 20 * 1024 * 1024;
/** Rows above this are refused: ten times the national register, so a runaway file stops early. */
export const REGISTER_MAX_ROWS = 100_000;
/** Row errors reported at most (the operator fixes the file and tries again; 100 is plenty to see a pattern). */
export const REGISTER_MAX_ISSUES = 100;
const CODE_MAX = 50;
const NAME_MAX = 300;
const POPULATION_MAX = 10_000_000;
const SLUG_MAX = 60;

export type RegisterColumn = "code" | "nameTh" | "nameEn" | "kind" | "province" | "parentCode" | "iitPopulation" | "eitPopulation" | "adminEmail";

/** The columns, in the order the export writes them: the header names accepted (any case) and whether a file must have it. */
export const REGISTER_COLUMNS: ReadonlyArray<{ column: RegisterColumn; headers: readonly [string, ...string[]]; required: boolean }> = [
  { column: "code", headers: ["code", "รหัสหน่วยงาน"], required: true },
  { column: "nameTh", headers: ["name_th", "ชื่อหน่วยงาน"], required: true },
  { column: "nameEn", headers: ["name_en", "ชื่อภาษาอังกฤษ"], required: false },
  { column: "kind", headers: ["kind", "ประเภท"], required: true },
  { column: "province", headers: ["province", "จังหวัด"], required: true },
  { column: "parentCode", headers: ["parent_code", "หน่วยงานต้นสังกัด"], required: false },
  { column: "iitPopulation", headers: ["iit_population", "จำนวนบุคลากร"], required: false },
  { column: "eitPopulation", headers: ["eit_population", "จำนวนผู้รับบริการ"], required: false },
  { column: "adminEmail", headers: ["admin_email", "อีเมลผู้ดูแล"], required: false },
];

export type RegisterIssueReason =
  | "tooLarge"
  | "notTabular"
  | "emptyFile"
  | "tooManyRows"
  | "unknownYear"
  | "missingColumn"
  | "duplicateColumn"
  | "required"
  | "tooLong"
  | "badCharacter"
  | "duplicateCode"
  | "unknownKind"
  | "unknownProvince"
  | "unknownParent"
  | "parentLoop"
  | "population"
  | "email";

/**
 * Why a file is refused. `row` is the spreadsheet's row number (the header is row 1); no row for
 * the file as a whole. `value` is what the cell held; `other` what the reason refers to (the row
 * a code repeats, the loop's path, the column's header names).
 */
export type RegisterIssue = { reason: RegisterIssueReason; row?: number; column?: RegisterColumn; value?: string; other?: string };

export type ProvinceRef = { code: string; slug: string; nameTh: string; nameEn: string };

/** One valid row of the file. `parentCode` undefined: the file has no parent column (keep what is stored). */
export type RegisterRow = {
  row: number;
  code: string;
  nameTh: string;
  /** empty: keep what is stored (a new agency gets the Thai name) */
  nameEn: string;
  kind: AgencyKindCode;
  provinceCode: string | null;
  parentCode: string | null | undefined;
  iitPopulation?: number;
  eitPopulation?: number;
  adminEmail?: string;
};

export type ExistingAgency = {
  id: string;
  code: string;
  slug: string;
  nameTh: string;
  nameEn: string;
  kind: AgencyKindCode;
  provinceCode: string | null;
  parentCode: string | null;
  active: boolean;
};

// ───────────── cells and headers ─────────────

/** A cell as compared and stored: NFC (Thai typed on different keyboards), spaces trimmed and collapsed. */
export function cleanCell(value: string | undefined): string {
  return (value ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
}

function headerKey(text: string): string {
  return cleanCell(text.replace(/^\uFEFF/, ""))
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

const COLUMN_BY_HEADER = new Map<string, RegisterColumn>(
  REGISTER_COLUMNS.flatMap(({ column, headers }) => headers.map((h): [string, RegisterColumn] => [headerKey(h), column])),
);

/** Which column of the file holds what (unknown headers are ignored: a register may carry notes). */
export function mapHeader(header: string[]): { columns: Partial<Record<RegisterColumn, number>>; ignored: string[]; issues: RegisterIssue[] } {
  const columns: Partial<Record<RegisterColumn, number>> = {};
  const ignored: string[] = [];
  const issues: RegisterIssue[] = [];
  header.forEach((text, index) => {
    const column = COLUMN_BY_HEADER.get(headerKey(text));
    if (!column) {
      if (cleanCell(text)) ignored.push(cleanCell(text));
    } else if (columns[column] !== undefined) issues.push({ reason: "duplicateColumn", row: 1, column, value: cleanCell(text) });
    else columns[column] = index;
  });
  for (const { column, headers, required } of REGISTER_COLUMNS) {
    if (required && columns[column] === undefined) issues.push({ reason: "missingColumn", row: 1, column, other: headers.join(" / ") });
  }
  return { columns, ignored, issues };
}

// ───────────── lookups ─────────────

function provinceKey(text: string): string {
  return cleanCell(text)
    .toLowerCase()
    .replace(/^จังหวัด\s*/, "")
    .replace(/^0+(?=\d)/, "")
    .replace(/\s+/g, "");
}

/** Province by its code ("47"), Thai name (with or without "จังหวัด"), English name or slug → its code. */
export function provinceLookup(provinces: ProvinceRef[]): (text: string) => string | null {
  const byKey = new Map<string, string>();
  for (const province of provinces) {
    for (const name of [province.code, province.nameTh, province.nameEn, province.slug])
      if (!byKey.has(provinceKey(name))) byKey.set(provinceKey(name), province.code);
  }
  return (text) => byKey.get(provinceKey(text)) ?? null;
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;
// Letters, digits, punctuation and spaces only: no control characters (PostgreSQL cannot store NUL).
const BAD_CHARACTER = /[\u0000-\u001F\u007F]/;

function population(text: string): number | null | "invalid" {
  const digits = text.replace(/[,\s]/g, "");
  if (digits === "") return null;
  if (!/^\d+$/.test(digits) || Number(digits) > POPULATION_MAX) return "invalid";
  return Number(digits);
}

// ───────────── rows ─────────────

/**
 * The file's rows, validated one by one (every problem is reported, up to REGISTER_MAX_ISSUES):
 * required cells, lengths, kind, province, populations, e-mail, and codes that repeat.
 */
export function readRegisterRows(
  table: string[][],
  provinces: ProvinceRef[],
): { rows: RegisterRow[]; columns: Partial<Record<RegisterColumn, number>>; ignored: string[]; issues: RegisterIssue[] } {
  const nonEmpty = table.filter((cells) => cells.some((cell) => cleanCell(cell) !== ""));
  if (nonEmpty.length === 0) return { rows: [], columns: {}, ignored: [], issues: [{ reason: "emptyFile" }] };
  const headerIndex = table.indexOf(nonEmpty[0]);
  const { columns, ignored, issues } = mapHeader(table[headerIndex]);
  if (issues.length) return { rows: [], columns, ignored, issues };
  if (nonEmpty.length === 1) return { rows: [], columns, ignored, issues: [{ reason: "emptyFile" }] };
  if (nonEmpty.length - 1 > REGISTER_MAX_ROWS) return { rows: [], columns, ignored, issues: [{ reason: "tooManyRows", value: String(nonEmpty.length - 1) }] };

  const findProvince = provinceLookup(provinces);
  const firstRowOfCode = new Map<string, number>();
  const rows: RegisterRow[] = [];
  for (let index = headerIndex + 1; index < table.length; index++) {
    const cells = table[index];
    if (!cells.some((cell) => cleanCell(cell) !== "")) continue;
    const row = index + 1;
    const before = issues.length;
    const cell = (column: RegisterColumn) => {
      const at = columns[column];
      const value = at === undefined ? "" : cleanCell(cells[at]);
      if (BAD_CHARACTER.test(value)) {
        issues.push({ reason: "badCharacter", row, column });
        return "";
      }
      return value;
    };
    const text = (column: RegisterColumn, required: boolean, max: number) => {
      const value = cell(column);
      if (required && value === "") issues.push({ reason: "required", row, column });
      else if (value.length > max) issues.push({ reason: "tooLong", row, column, value: value.slice(0, 40), other: String(max) });
      return value;
    };

    const code = text("code", true, CODE_MAX);
    const nameTh = text("nameTh", true, NAME_MAX);
    const nameEn = text("nameEn", false, NAME_MAX);
    const kindText = cell("kind");
    const kind = kindText === "" ? null : findAgencyKind(kindText);
    if (kindText === "") issues.push({ reason: "required", row, column: "kind" });
    else if (!kind) issues.push({ reason: "unknownKind", row, column: "kind", value: kindText });
    const provinceText = cell("province");
    const provinceCode = provinceText === "" ? null : findProvince(provinceText);
    if (provinceText !== "" && !provinceCode) issues.push({ reason: "unknownProvince", row, column: "province", value: provinceText });
    const parentCode = columns.parentCode === undefined ? undefined : text("parentCode", false, CODE_MAX) || null;
    const populations: Partial<Record<"iitPopulation" | "eitPopulation", number>> = {};
    for (const column of ["iitPopulation", "eitPopulation"] as const) {
      const value = cell(column);
      const parsed = population(value);
      if (parsed === "invalid") issues.push({ reason: "population", row, column, value });
      else if (parsed !== null) populations[column] = parsed;
    }
    const email = cell("adminEmail").toLowerCase();
    if (email !== "" && (email.length > 254 || !EMAIL.test(email))) issues.push({ reason: "email", row, column: "adminEmail", value: email });
    if (code !== "") {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) issues.push({ reason: "duplicateCode", row, column: "code", value: code, other: String(first) });
      else firstRowOfCode.set(code, row);
    }
    if (issues.length > before) continue;
    rows.push({ row, code, nameTh, nameEn, kind: kind!, provinceCode, parentCode, ...populations, ...(email ? { adminEmail: email } : {}) });
  }
  return { rows, columns, ignored, issues };
}

// ───────────── the plan ─────────────

export type RegisterField = "nameTh" | "nameEn" | "kind" | "province" | "parent" | "active";
export type FieldChange = { field: RegisterField; from: string | null; to: string | null };

export type PlannedAdd = {
  row: number;
  code: string;
  slug: string;
  nameTh: string;
  nameEn: string;
  kind: AgencyKindCode;
  provinceCode: string | null;
  parentCode: string | null;
  /** 0: its parent is not new; n: its parent is a new agency of depth n − 1 (parents are written first) */
  depth: number;
};
export type PlannedChange = { row: number; id: string; code: string; changes: FieldChange[]; set: AgencyFields };
export type AgencyFields = { nameTh: string; nameEn: string; kind: AgencyKindCode; provinceCode: string | null; parentCode: string | null };

export type RegisterPlan = {
  adds: PlannedAdd[];
  changes: PlannedChange[];
  unchanged: Array<{ row: number; id: string; code: string }>;
  /** Active agencies the file does not list (deactivated only when asked). */
  missing: Array<{ id: string; code: string; nameTh: string }>;
};

/** A URL-safe slug for a new agency, from its code ("5470101" → "5470101", "MOI-01" → "moi-01"), unique among `taken`. */
export function deriveSlug(code: string, taken: ReadonlySet<string>): string {
  const base =
    code
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, SLUG_MAX - 8) || "agency";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * What importing `rows` over `existing` changes: new agencies (with their slug and the order to
 * write them in), changed ones (field by field), unchanged ones, and active agencies the file does
 * not list. Refuses (issues) a parent that is neither in the file nor stored, and a parent chain
 * that loops — judged on the register as it would be after the import.
 */
export function planRegisterImport(rows: RegisterRow[], existing: ExistingAgency[]): { plan: RegisterPlan; issues: RegisterIssue[] } {
  const issues: RegisterIssue[] = [];
  const stored = new Map(existing.map((agency) => [agency.code, agency]));
  const inFile = new Map(rows.map((row) => [row.code, row]));

  // The parent of every code after the import: the file's where it says, else what is stored.
  const parentAfter = new Map<string, string | null>();
  for (const agency of existing) parentAfter.set(agency.code, agency.parentCode);
  for (const row of rows)
    if (row.parentCode !== undefined || !stored.has(row.code)) parentAfter.set(row.code, row.parentCode ?? stored.get(row.code)?.parentCode ?? null);

  for (const row of rows) {
    const parent = parentAfter.get(row.code);
    if (parent && !parentAfter.has(parent)) issues.push({ reason: "unknownParent", row: row.row, column: "parentCode", value: parent });
  }
  // Loops: walk up from each row; a walk that meets itself is a loop (each code on it is reported once).
  const done = new Set<string>();
  const reported = new Set<string>();
  for (const row of rows) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let code: string | null | undefined = row.code;
    while (code && !done.has(code) && !onPath.has(code)) {
      onPath.set(code, path.length);
      path.push(code);
      code = parentAfter.get(code);
    }
    if (code && onPath.has(code)) {
      const loop = path.slice(onPath.get(code));
      const shown = [...loop, code].join(" → ");
      for (const member of loop) {
        const memberRow = inFile.get(member);
        if (memberRow && !reported.has(member)) {
          reported.add(member);
          issues.push({ reason: "parentLoop", row: memberRow.row, column: "parentCode", value: member, other: shown });
        }
      }
    }
    for (const member of path) done.add(member);
  }
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));

  const plan: RegisterPlan = { adds: [], changes: [], unchanged: [], missing: [] };
  const taken = new Set(existing.map((agency) => agency.slug));
  for (const row of rows) {
    const agency = stored.get(row.code);
    if (!agency) {
      const slug = deriveSlug(row.code, taken);
      taken.add(slug);
      plan.adds.push({
        row: row.row,
        code: row.code,
        slug,
        nameTh: row.nameTh,
        nameEn: row.nameEn || row.nameTh,
        kind: row.kind,
        provinceCode: row.provinceCode,
        parentCode: row.parentCode ?? null,
        depth: 0,
      });
      continue;
    }
    const set: AgencyFields = {
      nameTh: row.nameTh,
      nameEn: row.nameEn || agency.nameEn,
      kind: row.kind,
      provinceCode: row.provinceCode,
      parentCode: row.parentCode === undefined ? agency.parentCode : row.parentCode,
    };
    const changes: FieldChange[] = [];
    const compare = (field: RegisterField, from: string | null, to: string | null) => from !== to && changes.push({ field, from, to });
    compare("nameTh", agency.nameTh, set.nameTh);
    compare("nameEn", agency.nameEn, set.nameEn);
    compare("kind", agency.kind, set.kind);
    compare("province", agency.provinceCode, set.provinceCode);
    compare("parent", agency.parentCode, set.parentCode);
    if (!agency.active) changes.push({ field: "active", from: "no", to: "yes" });
    if (changes.length) plan.changes.push({ row: row.row, id: agency.id, code: agency.code, changes, set });
    else plan.unchanged.push({ row: row.row, id: agency.id, code: agency.code });
  }
  for (const agency of existing) if (agency.active && !inFile.has(agency.code)) plan.missing.push({ id: agency.id, code: agency.code, nameTh: agency.nameTh });
  plan.missing.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  // A new agency under a new parent is written after it (its foreign key must exist).
  const newByCode = new Map(plan.adds.map((add) => [add.code, add]));
  const depthOf = (add: PlannedAdd, seen = 0): number => {
    const parent = add.parentCode ? newByCode.get(add.parentCode) : undefined;
    return parent && seen < newByCode.size ? depthOf(parent, seen + 1) + 1 : 0;
  };
  if (issues.length === 0) for (const add of plan.adds) add.depth = depthOf(add);
  return { plan, issues };
}

/** The figures of a plan, as printed and audited. */
export function planCounts(plan: RegisterPlan) {
  return { added: plan.adds.length, changed: plan.changes.length, unchanged: plan.unchanged.length, missing: plan.missing.length };
}

/** A fingerprint of a plan: the confirm step of /admin/register refuses to write a plan other than the one previewed. */
export function planFingerprint(plan: RegisterPlan, options: { deactivateMissing: boolean; year: number | null }): string {
  return JSON.stringify([
    options,
    plan.adds.map((add) => [add.code, add.slug, add.nameTh, add.nameEn, add.kind, add.provinceCode, add.parentCode]),
    plan.changes.map((change) => [change.code, change.changes]),
    plan.unchanged.map((entry) => entry.code),
    plan.missing.map((entry) => entry.code),
  ]);
}
