// The national agency register's use cases, shared by the CLI (agencies:import, agencies:export in
// app/commands/agencies.ts) and the system admin's pages (/admin/register, /admin/register/agencies).
// An import is all or nothing: the file is read and checked, then the plan is computed and written
// in ONE transaction (a dry run is the same transaction, rolled back, so its figures are exact).
import { createHash } from "node:crypto";
import {
  planCounts,
  planFingerprint,
  planRegisterImport,
  readRegisterRows,
  REGISTER_COLUMNS,
  REGISTER_FILE_MAX_BYTES,
  REGISTER_MAX_ISSUES,
  type RegisterColumn,
  type RegisterIssue,
  type RegisterPlan,
} from "~/domain/agency-register";
import { AGENCY_KIND_CODES, type AgencyKindCode } from "~/domain/agency-kinds";
import { prisma, type Db, type DbTransaction } from "~/db.server";
import type { AgencyKind } from "~/generated/sqlite/enums";
import { registerAgenciesForCycle } from "~/models/agency.server";
import {
  applyRegisterPlan,
  ensureProvinces,
  findAgencyIdByCode,
  findProvinceIdByCode,
  getRegisterAgency,
  listRegisterAgencies,
  listRegisterForExport,
  listRegisterProvinces,
  parentChain,
  setAgencyActive,
  updateRegisterAgency,
} from "~/models/agency-register.server";
import { recordAudit } from "~/models/audit.server";
import type { HeldGrant } from "~/domain/roles";
import { inviteAgencyAdmins, type AgencyAdminInvitations } from "./invitations.server";
import { getCycleByFiscalYear } from "~/models/cycle.server";
import { type Lang, type MessageKey } from "~/utils/i18n";
import { translate } from "~/utils/i18n.server";
import { noProgress, type Progress } from "~/utils/progress";
import { readTabularFile, writeCsv } from "~/utils/tabular-file.server";

export { REGISTER_FILE_MAX_BYTES };

/** An import of the national register (8,317 rows) takes seconds; the default 5 s would abort it. */
const IMPORT_TRANSACTION_TIMEOUT_MS = 300_000;
/** Rows of each kind listed in a report (the counts are always whole; a preview shows the first ones). */
const LISTED = 500;

export type ImportRequest = {
  bytes: Uint8Array;
  /** For the audit trail only. */
  fileName: string;
  dryRun: boolean;
  /** A fiscal year (2570): register every imported agency for that cycle and set the populations given. */
  year?: number | null;
  deactivateMissing?: boolean;
  /** Who imports (for the audit trail and the invitations' scope); absent: the operator CLI. */
  actor?: { userId: string; grants: readonly HeldGrant[] } | null;
  /** Steps of the work, for the CLI's progress line. */
  progress?: Progress;
  /** The confirm step of /admin/register: refuse unless the plan is still the one previewed. */
  expectedFingerprint?: string;
};

export type ImportCounts = {
  added: number;
  changed: number;
  unchanged: number;
  missing: number;
  deactivated: number;
  /** agencies newly registered for the --year cycle */
  registered: number;
  /** registered agencies whose populations the file changed */
  populationsUpdated: number;
};

export type AdminToInvite = { agencyId: string; code: string; email: string };

export type ImportReport = {
  ok: true;
  dryRun: boolean;
  format: "csv" | "xlsx";
  encoding: string | null;
  year: number | null;
  deactivateMissing: boolean;
  fileSha256: string;
  counts: ImportCounts;
  /** added + changed + deactivated + registered + populationsUpdated: 0 for a file already imported */
  totalChanges: number;
  adds: Array<{ row: number; code: string; nameTh: string }>;
  changes: Array<{ row: number; code: string; changes: RegisterPlan["changes"][number]["changes"] }>;
  missing: RegisterPlan["missing"];
  /** Headers the import does not know (ignored). */
  ignoredColumns: string[];
  /** Rows that give a population while no --year was named (nothing to set it on). */
  populationsIgnored: number;
  /** The `admin_email` column: who to invite as each agency's admin (a dry run invites nobody). */
  adminsToInvite: AdminToInvite[];
  /** What became of them once the import committed (null for a dry run). */
  invitations: AgencyAdminInvitations | null;
  fingerprint: string;
};

export type ImportRefusal = { ok: false; status: 400 | 409 | 413 | 415; issues: RegisterIssue[]; totalIssues: number };
export type ImportOutcome = ImportReport | ImportRefusal;

/** The models take the client's type; a transaction client has the same model API (it lacks only $transaction & co.). */
function asDb(tx: DbTransaction): Db {
  return tx as unknown as Db;
}

class Refused extends Error {
  constructor(readonly refusal: ImportRefusal) {
    super("register import refused");
  }
}
class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super("dry run: rolled back");
  }
}

function refusal(issues: RegisterIssue[], status: ImportRefusal["status"] = 400): ImportRefusal {
  return { ok: false, status, issues: issues.slice(0, REGISTER_MAX_ISSUES), totalIssues: issues.length };
}

export function sha256Bytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Import a register file (CSV or XLSX bytes). Refusals write nothing and name every bad row (up to 100). */
export async function importAgencyRegister(request: ImportRequest): Promise<ImportOutcome> {
  if (request.bytes.byteLength > REGISTER_FILE_MAX_BYTES) return refusal([{ reason: "tooLarge", other: String(REGISTER_FILE_MAX_BYTES / 1024 / 1024) }], 413);
  const progress = request.progress ?? noProgress;
  progress({ th: "อ่านไฟล์", en: "reading the file" });
  const file = await readTabularFile(request.bytes, REGISTER_FILE_MAX_BYTES);
  if (!file.ok) return refusal([{ reason: file.reason }], file.reason === "notTabular" ? 415 : file.reason === "tooLarge" ? 413 : 400);
  const year = request.year ?? null;
  const cycle = year === null ? null : await getCycleByFiscalYear(year);
  if (year !== null && !cycle) return refusal([{ reason: "unknownYear", value: String(year) }]);
  const deactivateMissing = request.deactivateMissing ?? false;
  const fileSha256 = sha256Bytes(request.bytes);

  progress({ th: `ตรวจ ${file.table.length} แถว`, en: `checking ${file.table.length} rows` });
  const { rows, columns, ignored, issues } = readRegisterRows(file.table, await listRegisterProvinces());
  if (issues.length) return refusal(issues);

  let outcome: ImportOutcome;
  try {
    outcome = await prisma.$transaction(
      async (transaction) => {
        const tx = asDb(transaction);
        const { plan, issues: planIssues } = planRegisterImport(rows, await listRegisterAgencies(tx));
        if (planIssues.length) throw new Refused(refusal(planIssues));
        const fingerprint = sha256Bytes(new TextEncoder().encode(planFingerprint(plan, { deactivateMissing, year })));
        if (request.expectedFingerprint !== undefined && request.expectedFingerprint !== fingerprint) throw new Refused({ ...refusal([]), status: 409 });

        progress({ th: "บันทึกทะเบียน", en: "writing the register" });
        const provinceIds = await ensureProvinces(tx);
        const idByCode = await applyRegisterPlan(plan, { provinceIds, deactivateMissing }, tx);
        let registration = { added: 0, updated: 0 };
        if (cycle) {
          progress({ th: `ลงทะเบียนรอบ ${cycle.fiscalYear} และจำนวนประชากร`, en: `registering for ${cycle.fiscalYear}, populations` });
          registration = await registerAgenciesForCycle(
            cycle.id,
            rows.map((row) => ({ agencyId: idByCode.get(row.code)!, internalPopulation: row.iitPopulation, externalPopulation: row.eitPopulation })),
            tx,
          );
        }
        const counts: ImportCounts = {
          ...planCounts(plan),
          deactivated: deactivateMissing ? plan.missing.length : 0,
          registered: registration.added,
          populationsUpdated: registration.updated,
        };
        const report: ImportReport = {
          ok: true,
          dryRun: request.dryRun,
          format: file.format,
          encoding: file.encoding,
          year,
          deactivateMissing,
          fileSha256,
          counts,
          totalChanges: counts.added + counts.changed + counts.deactivated + counts.registered + counts.populationsUpdated,
          adds: plan.adds.slice(0, LISTED).map(({ row, code, nameTh }) => ({ row, code, nameTh })),
          changes: plan.changes.slice(0, LISTED).map(({ row, code, changes }) => ({ row, code, changes })),
          missing: plan.missing.slice(0, LISTED),
          ignoredColumns: ignored,
          populationsIgnored: cycle ? 0 : rows.filter((row) => row.iitPopulation !== undefined || row.eitPopulation !== undefined).length,
          adminsToInvite: rows.flatMap((row) => (row.adminEmail ? [{ agencyId: idByCode.get(row.code)!, code: row.code, email: row.adminEmail }] : [])),
          invitations: null,
          fingerprint,
        };
        if (request.dryRun) throw new DryRunDone(report);
        await recordAudit(
          {
            action: "register.import",
            outcome: "ok",
            actorId: request.actor?.userId ?? null,
            target: `register:${request.fileName.slice(0, 100)}`,
            detail: { ...counts, year, deactivateMissing, sha256: fileSha256, rows: rows.length, columns: Object.keys(columns) },
          },
          tx,
        );
        return report;
      },
      { timeout: IMPORT_TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
    );
  } catch (error) {
    if (error instanceof DryRunDone) return error.report;
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
  // After the commit: invitations are mail, and mail cannot be rolled back with the register.
  if (outcome.ok && outcome.adminsToInvite.length) outcome.invitations = await inviteAgencyAdmins(outcome.adminsToInvite, request.actor ?? null, progress);
  return outcome;
}

// ───────────── describing refusals ─────────────

function columnLabel(column: RegisterColumn, lang: Lang): string {
  const headers = REGISTER_COLUMNS.find((entry) => entry.column === column)!.headers;
  return lang === "th" ? (headers[1] ?? headers[0]) : headers[0];
}

/** One refusal as a sentence: "แถว 7 (จังหวัด): ไม่รู้จักจังหวัด "X"" / "row 7 (province): unknown province "X"". */
export function describeRegisterIssue(issue: RegisterIssue, lang: Lang): string {
  const vars = { value: issue.value ?? "", other: issue.other ?? "", column: issue.column ? columnLabel(issue.column, lang) : "" };
  const text = translate(lang, `register.issue.${issue.reason}` as MessageKey, vars);
  if (issue.row === undefined) return text;
  const where = issue.column
    ? translate(lang, "register.issue.where", { row: issue.row, column: vars.column })
    : translate(lang, "register.issue.row", { row: issue.row });
  return `${where}: ${text}`;
}

/** Every refusal in one text, Thai then English, for the CLI (one line per issue). */
export function describeRefusal(outcome: ImportRefusal): string {
  if (outcome.status === 409) return `${translate("th", "register.confirm.stale")} / ${translate("en", "register.confirm.stale")}`;
  const lines = outcome.issues.map((issue) => `${describeRegisterIssue(issue, "th")} / ${describeRegisterIssue(issue, "en")}`);
  if (outcome.totalIssues > outcome.issues.length) {
    const more = { count: outcome.totalIssues - outcome.issues.length };
    lines.push(`${translate("th", "register.issue.more", more)} / ${translate("en", "register.issue.more", more)}`);
  }
  return `${translate("th", "register.refused")} / ${translate("en", "register.refused")}\n${lines.join("\n")}`;
}

// ───────────── export ─────────────

const EXPORT_HEADER = ["code", "name_th", "name_en", "kind", "province", "parent_code"];

/** The active register as CSV (UTF-8 with a BOM), in the import's own format: exporting then importing changes nothing. */
export async function exportAgencyRegister(
  options: { year?: number | null } = {},
): Promise<{ ok: true; csv: string; rows: number } | { ok: false; issue: RegisterIssue }> {
  const year = options.year ?? null;
  const cycle = year === null ? null : await getCycleByFiscalYear(year);
  if (year !== null && !cycle) return { ok: false, issue: { reason: "unknownYear", value: String(year) } };
  const agencies = await listRegisterForExport(cycle?.id ?? null);
  const header = cycle ? [...EXPORT_HEADER, "iit_population", "eit_population"] : EXPORT_HEADER;
  const rows = agencies.map((agency) => {
    const cells = [agency.code, agency.nameTh, agency.nameEn, agency.kind, agency.provinceCode ?? "", agency.parentCode ?? ""];
    return cycle ? [...cells, agency.iitPopulation?.toString() ?? "", agency.eitPopulation?.toString() ?? ""] : cells;
  });
  return { ok: true, csv: writeCsv([header, ...rows]), rows: rows.length };
}

// ───────────── one agency at a time (/admin/register/agencies) ─────────────

export type AgencyEdit = { nameTh: string; nameEn: string; kind: AgencyKindCode; provinceCode: string | null; parentCode: string | null };
export type AgencyEditOutcome = { ok: true } | { ok: false; status: 400 | 404; field: "provinceCode" | "parentCode" | null; message: MessageKey };

/** Edit an agency's register entry (not its code, not its slug: both are keys others hold). Audited. */
export async function editRegisterAgency(agencyId: string, edit: AgencyEdit, actorId: string): Promise<AgencyEditOutcome> {
  const agency = await getRegisterAgency(agencyId);
  if (!agency) return { ok: false, status: 404, field: null, message: "register.agencies.notFound" };
  if (!(AGENCY_KIND_CODES as readonly string[]).includes(edit.kind)) return { ok: false, status: 400, field: null, message: "register.agencies.invalid" };
  let provinceId: string | null = null;
  if (edit.provinceCode) {
    provinceId = (await findProvinceIdByCode(edit.provinceCode))?.id ?? null;
    if (!provinceId) return { ok: false, status: 400, field: "provinceCode", message: "register.agencies.unknownProvince" };
  }
  let parentId: string | null = null;
  if (edit.parentCode) {
    const parent = await findAgencyIdByCode(edit.parentCode);
    if (!parent) return { ok: false, status: 400, field: "parentCode", message: "register.agencies.unknownParent" };
    // A loop: the new parent is the agency itself or sits below it.
    if (parent.id === agencyId || (await parentChain(parent.id)).includes(agencyId))
      return { ok: false, status: 400, field: "parentCode", message: "register.agencies.parentLoop" };
    parentId = parent.id;
  }
  await prisma.$transaction(async (transaction) => {
    const tx = asDb(transaction);
    await updateRegisterAgency(agencyId, { nameTh: edit.nameTh, nameEn: edit.nameEn || edit.nameTh, kind: edit.kind as AgencyKind, provinceId, parentId }, tx);
    await recordAudit({ action: "register.agency.edit", outcome: "ok", actorId, agencyId, target: `agency:${agency.code}`, detail: { ...edit } }, tx);
  });
  return { ok: true };
}

/** Deactivate (hidden from lists and new cycles; never deleted) or reactivate an agency. Audited. */
export async function setRegisterAgencyActive(agencyId: string, active: boolean, actorId: string): Promise<boolean> {
  const agency = await getRegisterAgency(agencyId);
  if (!agency) return false;
  await prisma.$transaction(async (transaction) => {
    const tx = asDb(transaction);
    await setAgencyActive(agencyId, active, new Date(), tx);
    await recordAudit(
      { action: active ? "register.agency.reactivate" : "register.agency.deactivate", outcome: "ok", actorId, agencyId, target: `agency:${agency.code}` },
      tx,
    );
  });
  return true;
}

export { listCycleYears, listProvinceOptions, searchRegisterAgencies } from "~/models/agency-register.server";
