// The national agency register (issue 15 §2): every refusal names its row and reason and writes
// nothing; UTF-8 (with or without BOM), TIS-620 and XLSX files; re-import = 0 changes; renames,
// missing and deactivated agencies, reactivation; export → import round trip; --year populations;
// dry runs; and the system admin's pages (/admin/register preview → confirm, the agency list) with
// a 403 for every other role. One database for the file, in the order below.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { dbTarget, prisma } from "~/db.server";
import { createAdminSession } from "~/models/admin-session.server";
import { createUser } from "~/models/user.server";
import * as agenciesRoute from "~/routes/admin.register.agencies";
import * as registerRoute from "~/routes/admin.register._index";
import { adminCookie } from "~/services/admin-guard.server";
import { describeRefusal, exportAgencyRegister, importAgencyRegister, type ImportOutcome, type ImportReport } from "~/services/agency-register.server";
import { CookieJar, openCycle } from "../fixtures/db";
import { tis620 } from "../fixtures/tis620";

// ───────────── files ─────────────

const HEADER = ["code", "name_th", "name_en", "kind", "province", "parent_code", "iit_population", "eit_population", "admin_email"];

function csvText(rows: string[][]): string {
  return rows.map((cells) => cells.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(",")).join("\r\n");
}
function csv(rows: string[][], { bom = true } = {}): Uint8Array {
  return new TextEncoder().encode(`${bom ? "\uFEFF" : ""}${csvText(rows)}\r\n`);
}

/** The first register: a ministry and its department, a province office, local agencies, a university. */
const BASE: string[][] = [
  ["M1", "กระทรวงทดสอบ", "Ministry of Tests", "กระทรวง", "", "", "", "", ""],
  ["D1", "กรมทดสอบ", "Department of Tests", "กรม", "", "M1", "", "", ""],
  ["P47", "ศาลากลางจังหวัดสกลนคร", "", "จังหวัด", "สกลนคร", "", "", "", ""],
  ["L1", "องค์การบริหารส่วนตำบลหนึ่ง", "", "อบต.", "47", "P47", "", "", "Admin.L1@Example.go.th"],
  ["L2", "เทศบาลตำบลสอง", "", "ทต.", "Sakon Nakhon", "", "", "", ""],
  ["U1", "มหาวิทยาลัยทดสอบ", "Test University", "มหาวิทยาลัย", "กรุงเทพมหานคร", "", "", "", ""],
];

async function snapshot() {
  const [agencies, provinces, participations, audits] = await Promise.all([
    prisma.agency.findMany({ orderBy: { code: "asc" } }),
    prisma.province.count(),
    prisma.agencyCycle.findMany({ orderBy: { id: "asc" } }),
    prisma.auditLog.count(),
  ]);
  return { agencies, provinces, participations, audits };
}

function imported(outcome: ImportOutcome): ImportReport {
  if (!outcome.ok) throw new Error(describeRefusal(outcome));
  return outcome;
}

/** Import `bytes`, expect a refusal whose text holds every `expected` part, and that nothing changed. */
async function expectRefused(bytes: Uint8Array, expected: string[], options: { year?: number; status?: number } = {}) {
  const before = await snapshot();
  const outcome = await importAgencyRegister({ bytes, fileName: "bad.csv", dryRun: false, year: options.year });
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  const text = describeRefusal(outcome);
  for (const part of expected) expect(text).toContain(part);
  if (options.status) expect(outcome.status).toBe(options.status);
  expect(await snapshot()).toEqual(before);
  return outcome;
}

const agency = (code: string) => prisma.agency.findUniqueOrThrow({ where: { code }, include: { province: true, parent: true } });

// ───────────── driving the routes ─────────────

type Outcome = { status: number; body: any };

async function run(fn: () => unknown): Promise<Outcome> {
  let value: unknown;
  try {
    value = await fn();
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    value = error;
  }
  if (value instanceof Response) return { status: value.status, body: await value.text() };
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "DataWithResponseInit") {
    const { data, init } = value as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, body: data };
  }
  return { status: 200, body: value };
}

type Route = (args: any) => unknown;

class Browser {
  readonly jar = new CookieJar();
  async call(route: Route, path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers);
    headers.set("Cookie", this.jar.header());
    const request = new Request(`http://localhost${path}`, { method: init.method ?? "GET", body: init.body, headers });
    return run(() => route({ request, params: {}, context: { clientAddress: "192.0.2.7" } }));
  }
  upload(bytes: Uint8Array, fields: Record<string, string> = {}, name = "register.csv") {
    const form = new FormData();
    form.set("intent", "preview");
    form.set("year", fields.year ?? "");
    if (fields.deactivateMissing) form.set("deactivateMissing", "on");
    form.set("file", new File([Buffer.from(bytes)], name, { type: "text/csv" }));
    return this.call(registerRoute.action, "/admin/register", { method: "POST", body: form, headers: { "Sec-Fetch-Site": "same-origin" } });
  }
  post(route: Route, path: string, fields: Record<string, string>) {
    return this.call(route, path, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
    });
  }
  confirm(report: { fileSha256: string; fingerprint: string; year: number | null; deactivateMissing: boolean }, fileName = "register.csv") {
    return this.post(registerRoute.action, "/admin/register", {
      intent: "confirm",
      sha256: report.fileSha256,
      fingerprint: report.fingerprint,
      fileName,
      year: report.year === null ? "" : String(report.year),
      ...(report.deactivateMissing ? { deactivateMissing: "on" } : {}),
    });
  }
}

async function browserAs(scope: Parameters<typeof createUser>[0]["scope"], name: string) {
  const user = await createUser({ email: `${name}@register.test`, name, password: `pw-${name}-123456`, scope });
  const browser = new Browser();
  browser.jar.absorb(new Response(null, { headers: { "Set-Cookie": await adminCookie.serialize(await createAdminSession(user.id, true)) } }));
  return { browser, userId: user.id };
}

let cycleYear = 0;
beforeAll(async () => {
  cycleYear = (await openCycle()).fiscalYear;
});

// ───────────── the tests ─────────────

describe(`agency register: refusals write nothing (${dbTarget.provider})`, () => {
  it("an empty database has no provinces and no agencies to start with", async () => {
    expect(await prisma.province.count()).toBe(0);
    expect(await prisma.agency.count()).toBe(0);
  });

  it("refuses duplicate codes, naming both rows", async () => {
    await expectRefused(csv([HEADER, BASE[0], BASE[1], BASE[0]]), [
      'แถว 4 (รหัสหน่วยงาน): รหัสหน่วยงาน "M1" ซ้ำกับแถว 2',
      'row 4 (code): the code "M1" repeats row 2',
    ]);
  });

  it("refuses an unknown province and an unknown kind", async () => {
    await expectRefused(csv([HEADER, ["A", "เอ", "", "อบต.", "Atlantis", "", "", "", ""]]), [
      'row 2 (province): unknown province "Atlantis"',
      'ไม่รู้จักจังหวัด "Atlantis"',
    ]);
    await expectRefused(csv([HEADER, ["A", "เอ", "", "บริษัท", "", "", "", "", ""]]), ['row 2 (kind): unknown agency kind "บริษัท"']);
  });

  it("refuses a parent that is missing or that makes a loop", async () => {
    await expectRefused(csv([HEADER, ["A", "เอ", "", "กรม", "", "NOPE", "", "", ""]]), ['row 2 (parent_code): no agency with the parent code "NOPE"']);
    await expectRefused(csv([HEADER, ["A", "เอ", "", "กรม", "", "B", "", "", ""], ["B", "บี", "", "กรม", "", "A", "", "", ""]]), [
      "row 2 (parent_code): the parent chain loops (A → B → A)",
      "row 3 (parent_code): the parent chain loops (A → B → A)",
    ]);
  });

  it("refuses a non-integer or negative population", async () => {
    await expectRefused(csv([HEADER, ["A", "เอ", "", "กรม", "", "", "12.5", "-3", ""]]), [
      'row 2 (iit_population): must be a whole number, not negative (got "12.5")',
      'row 2 (eit_population): must be a whole number, not negative (got "-3")',
    ]);
  });

  it("refuses an admin_email that is not an e-mail address", async () => {
    await expectRefused(csv([HEADER, ["A", "เอ", "", "กรม", "", "", "", "", "somebody"]]), ['row 2 (admin_email): not an e-mail address: "somebody"']);
  });

  it("refuses a missing required column", async () => {
    await expectRefused(
      csv([
        ["code", "name_th", "kind"],
        ["A", "เอ", "กรม"],
      ]),
      ["row 1 (province): a required column is missing (province / จังหวัด)"],
    );
  });

  it("refuses an empty file and a header without rows", async () => {
    await expectRefused(new Uint8Array(), ["the file holds no agencies"]);
    await expectRefused(csv([HEADER]), ["the file holds no agencies"]);
  });

  it("refuses a file that is not CSV or XLSX, and one over 20 MB", async () => {
    await expectRefused(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x00, 0x0a, 0xff]), ["the file is not a CSV or XLSX file"], { status: 415 });
    await expectRefused(new Uint8Array(20 * 1024 * 1024 + 1).fill(0x41), ["larger than 20 MB"], { status: 413 });
  });

  it("refuses a --year with no cycle", async () => {
    await expectRefused(csv([HEADER, BASE[0]]), ["there is no assessment cycle for fiscal year 2999"], { year: 2999 });
  });

  it("reports ALL row errors (up to 100), not just the first", async () => {
    const bad = Array.from({ length: 150 }, (_, i) => [`B${i}`, "บี", "", "บริษัท", "", "", "", "", ""]);
    const outcome = await expectRefused(csv([HEADER, ...bad]), ["row 2 (kind)", "row 101 (kind)", "and 50 more problems"]);
    expect(outcome && !outcome.ok && [outcome.issues.length, outcome.totalIssues]).toEqual([100, 150]);
  });
});

describe(`agency register: importing (${dbTarget.provider})`, () => {
  it("imports a UTF-8 file with a BOM: agencies, slugs, kinds and provinces as written, the 77 provinces, admins to invite, an audit row", async () => {
    const report = imported(await importAgencyRegister({ bytes: csv([HEADER, ...BASE]), fileName: "register.csv", dryRun: false }));
    expect(report.counts).toEqual({ added: 6, changed: 0, unchanged: 0, missing: 0, deactivated: 0, registered: 0, populationsUpdated: 0 });
    expect(report.encoding).toBe("utf-8");
    expect(await prisma.province.count()).toBe(77);
    const l1 = await agency("L1");
    expect([l1.slug, l1.kind, l1.province?.code, l1.parent?.code, l1.nameEn]).toEqual(["l1", "local_sao", "47", "P47", "องค์การบริหารส่วนตำบลหนึ่ง"]);
    expect((await agency("D1")).parent?.code).toBe("M1");
    expect((await agency("L2")).province?.code).toBe("47");
    expect([(await agency("U1")).kind, (await agency("U1")).province?.code]).toEqual(["university", "10"]);
    expect((await agency("P47")).kind).toBe("provincial_admin");
    expect(report.adminsToInvite).toEqual([{ agencyId: l1.id, code: "L1", email: "admin.l1@example.go.th" }]);
    // Once committed, the admin_email column became an invitation to be L1's admin.
    expect(report.invitations).toEqual({ invited: 1, alreadyAdmin: 0, alreadyInvited: 0, notSent: 0 });
    const invitations = await prisma.invitation.findMany({ where: { email: "admin.l1@example.go.th" } });
    expect(invitations.map(({ role, agencyId, acceptedAt, revokedAt }) => ({ role, agencyId, acceptedAt, revokedAt }))).toEqual([
      { role: "agency_admin", agencyId: l1.id, acceptedAt: null, revokedAt: null },
    ]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "register.import" } });
    expect(audit.target).toBe("register:register.csv");
    expect(JSON.parse(audit.detail!)).toMatchObject({ added: 6, changed: 0, rows: 6 });
  });

  it("re-importing the same file changes nothing", async () => {
    const before = await prisma.agency.findMany({ orderBy: { code: "asc" } });
    const report = imported(await importAgencyRegister({ bytes: csv([HEADER, ...BASE], { bom: false }), fileName: "again.csv", dryRun: false }));
    expect(report.totalChanges).toBe(0);
    expect(report.counts).toMatchObject({ added: 0, changed: 0, unchanged: 6, missing: 0 });
    expect(await prisma.agency.findMany({ orderBy: { code: "asc" } })).toEqual(before);
    // The live invitation is not sent again (nor withdrawn and replaced).
    expect(report.invitations).toEqual({ invited: 0, alreadyAdmin: 0, alreadyInvited: 1, notSent: 0 });
    expect(await prisma.invitation.count({ where: { email: "admin.l1@example.go.th", revokedAt: null } })).toBe(1);
  });

  it("a renamed agency is updated, the rest unchanged", async () => {
    const renamed = BASE.map((row) => (row[0] === "L2" ? ["L2", "เทศบาลตำบลสองใหม่", ...row.slice(2)] : row));
    const report = imported(await importAgencyRegister({ bytes: csv([HEADER, ...renamed]), fileName: "r.csv", dryRun: false }));
    expect(report.counts).toMatchObject({ added: 0, changed: 1, unchanged: 5 });
    expect(report.changes).toEqual([{ row: 6, code: "L2", changes: [{ field: "nameTh", from: "เทศบาลตำบลสอง", to: "เทศบาลตำบลสองใหม่" }] }]);
    expect((await agency("L2")).nameTh).toBe("เทศบาลตำบลสองใหม่");
    BASE[4] = renamed[4];
  });

  it("an agency absent from the file is reported; deactivated only with deactivateMissing; reactivated when it reappears", async () => {
    const withoutU1 = csv([HEADER, ...BASE.filter((row) => row[0] !== "U1")]);
    const reported = imported(await importAgencyRegister({ bytes: withoutU1, fileName: "m.csv", dryRun: false }));
    expect(reported.counts).toMatchObject({ missing: 1, deactivated: 0 });
    expect(reported.missing).toEqual([{ id: (await agency("U1")).id, code: "U1", nameTh: "มหาวิทยาลัยทดสอบ" }]);
    expect((await agency("U1")).deactivatedAt).toBeNull();

    const deactivated = imported(await importAgencyRegister({ bytes: withoutU1, fileName: "m.csv", dryRun: false, deactivateMissing: true }));
    expect(deactivated.counts).toMatchObject({ missing: 1, deactivated: 1 });
    expect((await agency("U1")).deactivatedAt).toBeInstanceOf(Date);
    expect(await prisma.agency.count()).toBe(6); // never deleted

    const back = imported(await importAgencyRegister({ bytes: csv([HEADER, ...BASE]), fileName: "b.csv", dryRun: false }));
    expect(back.counts).toMatchObject({ changed: 1, missing: 0 });
    expect(back.changes[0].changes).toEqual([{ field: "active", from: "no", to: "yes" }]);
    expect((await agency("U1")).deactivatedAt).toBeNull();
  });

  it("refuses a parent loop through an agency already stored (M1 under D1, D1 under M1), writing nothing", async () => {
    const looped = BASE.map((row) => (row[0] === "M1" ? [...row.slice(0, 5), "D1", ...row.slice(6)] : row)).filter((row) => row[0] !== "D1");
    await expectRefused(csv([HEADER, ...looped]), ["row 2 (parent_code): the parent chain loops (M1 → D1 → M1)"]);
  });

  it("reads a TIS-620 (Windows-874) CSV with Thai headers, as Thai Excel saves it", async () => {
    const text = csvText([
      ["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ประเภท", "จังหวัด", "หน่วยงานต้นสังกัด"],
      ["T1", "เทศบาลตำบลทดสอบภาษาไทย", "เทศบาลตำบล", "จังหวัดสกลนคร", "P47"],
    ]);
    const report = imported(await importAgencyRegister({ bytes: tis620(text), fileName: "tis.csv", dryRun: false }));
    expect(report.encoding).toBe("windows-874");
    expect(report.counts).toMatchObject({ added: 1, missing: 6, deactivated: 0 });
    const t1 = await agency("T1");
    expect([t1.nameTh, t1.kind, t1.province?.code, t1.parent?.code]).toEqual(["เทศบาลตำบลทดสอบภาษาไทย", "local_subdistrict", "47", "P47"]);
  });

  it("reads an XLSX (the first sheet; numbers as cells), and says populations without --year are not used", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("ทะเบียน");
    sheet.addRow(["ประเภท", "รหัสหน่วยงาน", "ชื่อหน่วยงาน", "จังหวัด", "จำนวนบุคลากร", "จำนวนผู้รับบริการ"]);
    sheet.addRow(["อบจ.", "X1", "องค์การบริหารส่วนจังหวัดทดสอบ", 47, 120, 3000]);
    const report = imported(await importAgencyRegister({ bytes: new Uint8Array(await workbook.xlsx.writeBuffer()), fileName: "r.xlsx", dryRun: false }));
    expect([report.format, report.counts.added, report.populationsIgnored]).toEqual(["xlsx", 1, 1]);
    expect([(await agency("X1")).kind, (await agency("X1")).province?.code]).toEqual(["local_pao", "47"]);
  });

  it("export → import changes nothing", async () => {
    const exported = await exportAgencyRegister();
    if (!exported.ok) throw new Error("export refused");
    expect(exported.csv.startsWith("\uFEFFcode,name_th,name_en,kind,province,parent_code\r\n")).toBe(true);
    expect(exported.rows).toBe(8);
    const report = imported(await importAgencyRegister({ bytes: new TextEncoder().encode(exported.csv), fileName: "export.csv", dryRun: false }));
    expect(report.totalChanges).toBe(0);
    expect(report.counts).toMatchObject({ unchanged: 8, missing: 0 });
  });

  it("--year registers every imported agency for the cycle and sets the populations given; the year's export imports back as 0 changes", async () => {
    const exported = await exportAgencyRegister({ year: cycleYear });
    if (!exported.ok) throw new Error("export refused");
    const first = imported(await importAgencyRegister({ bytes: new TextEncoder().encode(exported.csv), fileName: "y.csv", dryRun: false, year: cycleYear }));
    expect(first.counts).toMatchObject({ added: 0, changed: 0, registered: 8, populationsUpdated: 0 });
    const withPopulations = BASE.map((row) => (row[0] === "L1" ? [...row.slice(0, 6), "40", "1,500", row[8]] : row));
    const second = imported(await importAgencyRegister({ bytes: csv([HEADER, ...withPopulations]), fileName: "p.csv", dryRun: false, year: cycleYear }));
    expect(second.counts).toMatchObject({ registered: 0, populationsUpdated: 1 });
    const cycle = await prisma.cycle.findUniqueOrThrow({ where: { fiscalYear: cycleYear } });
    const participation = await prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId: (await agency("L1")).id, cycleId: cycle.id } } });
    expect([participation.internalPopulation, participation.externalPopulation, participation.registered]).toEqual([40, 1500, true]);
    expect(await prisma.responseTally.count({ where: { cycleId: cycle.id } })).toBe(8 * 3);
    // Written by bulk INSERTs naming only some columns: the rest are the schema's defaults, read back as Prisma writes them.
    const tally = await prisma.responseTally.findFirstOrThrow({ where: { cycleId: cycle.id, agencyId: participation.agencyId, instrument: "eit1" } });
    expect([tally.responses, tally.frozen, tally.sum1]).toEqual([0, false, 0n]);
    expect([participation.iitOpen, participation.eitOpen, participation.eitAllowEmail, participation.publishedAt]).toEqual([true, true, false, null]);
    const createdAt = (await agency("L1")).createdAt.getTime();
    expect(Math.abs(createdAt - Date.now())).toBeLessThan(10 * 60_000);

    const again = await exportAgencyRegister({ year: cycleYear });
    if (!again.ok) throw new Error("export refused");
    expect(again.csv).toContain("L1,องค์การบริหารส่วนตำบลหนึ่ง,องค์การบริหารส่วนตำบลหนึ่ง,local_sao,47,P47,40,1500");
    const back = imported(await importAgencyRegister({ bytes: new TextEncoder().encode(again.csv), fileName: "y2.csv", dryRun: false, year: cycleYear }));
    expect(back.totalChanges).toBe(0);
  });

  it("a dry run reports what it would do and writes nothing", async () => {
    const before = await snapshot();
    const file = csv([HEADER, ["Z1", "หน่วยงานใหม่", "", "กรม", "", "M1", "5", "6", ""], ...BASE.slice(0, 3)]);
    const report = imported(await importAgencyRegister({ bytes: file, fileName: "dry.csv", dryRun: true, deactivateMissing: true, year: cycleYear }));
    expect(report.dryRun).toBe(true);
    expect(report.invitations).toBeNull();
    expect(report.counts).toMatchObject({ added: 1, unchanged: 3, missing: 5, deactivated: 5, registered: 1 });
    expect(await snapshot()).toEqual(before);
  });
});

describe(`agency register pages (${dbTarget.provider})`, () => {
  let admin: Browser;
  let adminId: string;
  let others: Browser[];

  beforeAll(async () => {
    ({ browser: admin, userId: adminId } = await browserAs({ role: "system_admin" }, "sysadmin"));
    const assessor = await browserAs({ role: "national_assessor" }, "assessor");
    const agencyAdmin = await browserAs({ role: "agency_admin", agencyId: (await agency("L1")).id }, "l1admin");
    others = [assessor.browser, agencyAdmin.browser];
  });

  it("previews an upload without writing, then confirms exactly what was previewed (audited as the admin)", async () => {
    const file = csv([HEADER, ...BASE, ["W1", "หน่วยงานจากหน้าเว็บ", "", "องค์การมหาชน", "", "", "", "", ""]]);
    const before = await snapshot();
    const preview = await admin.upload(file);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ ok: true, stage: "preview", report: { counts: { added: 1, missing: 2 }, admins: 1 } });
    expect(preview.body.report.adds).toEqual([{ row: 8, code: "W1", nameTh: "หน่วยงานจากหน้าเว็บ" }]);
    expect(await snapshot()).toEqual(before);

    const confirmed = await admin.confirm(preview.body.report);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ ok: true, stage: "done", message: "register.done", report: { counts: { added: 1 } } });
    expect((await agency("W1")).kind).toBe("public_organization");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "register.import", actorId: adminId } });
    expect(audit.target).toBe("register:register.csv");
    // The kept file is gone once imported: a second confirm is refused.
    expect((await admin.confirm(preview.body.report)).status).toBe(410);
  });

  it("a refused upload lists every bad row, in the reader's language, and writes nothing", async () => {
    const before = await snapshot();
    const outcome = await admin.upload(csv([HEADER, ["A", "เอ", "", "บริษัท", "", "", "", "", ""], ["B", "บี", "", "กรม", "ไม่มี", "", "", "", ""]]));
    expect(outcome.status).toBe(400);
    expect(outcome.body.issues).toEqual(['แถว 2 (ประเภท): ไม่รู้จักประเภทหน่วยงาน "บริษัท"', 'แถว 3 (จังหวัด): ไม่รู้จักจังหวัด "ไม่มี"']);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to confirm when the register changed after the preview (409), and a preview it does not have (410)", async () => {
    const file = csv([HEADER, ...BASE, ["W2", "หน่วยงานสอง", "", "กรม", "", "", "", "", ""]]);
    const preview = await admin.upload(file);
    expect(preview.status).toBe(200);
    // Someone else adds W2 in between: the plan previewed (add W2) is no longer what would happen.
    imported(await importAgencyRegister({ bytes: csv([HEADER, ["W2", "หน่วยงานสอง", "", "กรม", "", "", "", "", ""]]), fileName: "x.csv", dryRun: false }));
    const before = await snapshot();
    const stale = await admin.confirm(preview.body.report);
    expect([stale.status, stale.body.message]).toEqual([409, "register.confirm.stale"]);
    expect(await snapshot()).toEqual(before);
    const unknown = await admin.confirm({ ...preview.body.report, fileSha256: "0".repeat(64) });
    expect([unknown.status, unknown.body.message]).toEqual([410, "register.confirm.expired"]);
  });

  it("refuses an upload over 20 MB while reading it (413)", async () => {
    const outcome = await admin.upload(new Uint8Array(21 * 1024 * 1024).fill(0x41));
    expect(outcome.status).toBe(413);
  });

  it("lists, searches and pages the agencies; edits one; refuses an edit that loops; deactivates and reactivates", async () => {
    const list = await admin.call(agenciesRoute.loader, "/admin/register/agencies?q=" + encodeURIComponent("ตำบลหนึ่ง"));
    expect(list.status).toBe(200);
    expect(list.body.agencies.map((a: { code: string }) => a.code)).toEqual(["L1"]);
    const all = await admin.call(agenciesRoute.loader, "/admin/register/agencies");
    expect(all.body.total).toBe(await prisma.agency.count());

    const m1 = await agency("M1");
    const edit = (fields: Record<string, string>) =>
      admin.post(agenciesRoute.action, "/admin/register/agencies", {
        intent: "edit",
        id: m1.id,
        nameTh: "กระทรวงทดสอบใหม่",
        nameEn: "",
        kind: "ministry",
        provinceCode: "",
        parentCode: "",
        ...fields,
      });
    expect((await edit({})).status).toBe(200);
    expect([(await agency("M1")).nameTh, (await agency("M1")).nameEn]).toEqual(["กระทรวงทดสอบใหม่", "กระทรวงทดสอบใหม่"]);

    const before = await snapshot();
    const loop = await edit({ parentCode: "D1" });
    expect([loop.status, loop.body.errors]).toEqual([400, { parentCode: "register.agencies.parentLoop" }]);
    const province = await edit({ provinceCode: "99" });
    expect([province.status, province.body.errors]).toEqual([400, { provinceCode: "register.agencies.unknownProvince" }]);
    expect(await snapshot()).toEqual(before);

    expect((await admin.post(agenciesRoute.action, "/admin/register/agencies", { intent: "deactivate", id: m1.id })).status).toBe(200);
    expect((await agency("M1")).deactivatedAt).toBeInstanceOf(Date);
    const inactive = await admin.call(agenciesRoute.loader, "/admin/register/agencies?status=inactive");
    expect(inactive.body.agencies.map((a: { code: string }) => a.code)).toEqual(["M1"]);
    expect((await admin.post(agenciesRoute.action, "/admin/register/agencies", { intent: "reactivate", id: m1.id })).status).toBe(200);
    expect((await agency("M1")).deactivatedAt).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: { startsWith: "register.agency." }, actorId: adminId } })).toBe(3);
  });

  it("every other role gets a 403 on both pages, and nothing is written", async () => {
    const before = await snapshot();
    const m1 = await agency("M1");
    for (const browser of others) {
      expect((await browser.call(registerRoute.loader, "/admin/register")).status).toBe(403);
      expect((await browser.upload(csv([HEADER, ["N1", "ใหม่", "", "กรม", "", "", "", "", ""]]))).status).toBe(403);
      expect((await browser.call(agenciesRoute.loader, "/admin/register/agencies")).status).toBe(403);
      expect((await browser.post(agenciesRoute.action, "/admin/register/agencies", { intent: "deactivate", id: m1.id })).status).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });
});
