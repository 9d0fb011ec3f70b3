// `npm run ita -- agencies:import FILE [--dry-run] [--year 2570] [--deactivate-missing]` and
// `npm run ita -- agencies:export [FILE] [--year 2570]`: the national agency register (ทะเบียน
// หน่วยงาน) in and out, as CSV or XLSX (docs/agency-register.md). An import is all or nothing: a
// refused file names every bad row and writes nothing (exit 2).
// --json prints one line: {"import":{counts, adminsToInvite, …}} / {"export":{"rows":8317,"file":…}}
import fs from "node:fs";
import { z } from "zod";
import { describeRefusal, exportAgencyRegister, importAgencyRegister, REGISTER_FILE_MAX_BYTES, type ImportReport } from "~/services/agency-register.server";
import { closeDatabaseConnections } from "~/services/maintenance.server";
import { deliverOwnMessages } from "~/services/outbox.server";
import { CommandInputError, defineCommand } from "./index";

const YEAR = "ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2570 / must be a Buddhist-era fiscal year, e.g. 2570";
const year = z.coerce
  .number({ error: YEAR })
  .int({ error: YEAR })
  .min(2500, { error: YEAR })
  .max(2700, { error: YEAR })
  .optional()
  .describe("รอบการประเมินที่มีอยู่แล้ว / an existing cycle's fiscal year");

function readFileOrRefuse(file: string): Uint8Array {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CommandInputError(`${file}: อ่านไฟล์ไม่ได้ / cannot read the file`);
  }
  // Refused before reading: the 20 MB cap is about memory as much as about sense.
  if (size > REGISTER_FILE_MAX_BYTES) throw new CommandInputError(`${file}: ไฟล์ใหญ่เกิน 20 MB / the file is larger than 20 MB`);
  return fs.readFileSync(file);
}

function summary(report: ImportReport): string {
  const c = report.counts;
  const lines = [
    report.dryRun ? "ทดลองนำเข้า ไม่ได้บันทึก / Dry run: nothing was written" : "นำเข้าแล้ว / Imported",
    `  เพิ่มใหม่ / added:                 ${c.added}`,
    `  เปลี่ยนแปลง / changed:             ${c.changed}`,
    `  ไม่เปลี่ยนแปลง / unchanged:        ${c.unchanged}`,
    `  ไม่มีในไฟล์ / missing:             ${c.missing}${report.deactivateMissing ? "" : "  (--deactivate-missing ปิดการใช้งาน / deactivates them)"}`,
    `  ปิดการใช้งาน / deactivated:        ${c.deactivated}`,
  ];
  if (report.year !== null) {
    lines.push(`  ลงทะเบียนรอบ ${report.year} / registered for ${report.year}: ${c.registered}`);
    lines.push(`  ปรับจำนวนประชากร / populations set:  ${c.populationsUpdated}`);
  }
  if (report.populationsIgnored)
    lines.push(`  ไม่ได้ใช้จำนวนประชากร ${report.populationsIgnored} แถว (ไม่ได้ระบุ --year) / populations in ${report.populationsIgnored} rows ignored (no --year)`);
  if (report.invitations) {
    const i = report.invitations;
    lines.push(
      `  เชิญผู้ดูแลหน่วยงาน / agency admins invited: ${i.invited}  (เป็นผู้ดูแลอยู่แล้ว / already admins: ${i.alreadyAdmin}, เชิญไว้แล้ว / already invited: ${i.alreadyInvited}, ส่งไม่สำเร็จ / not sent: ${i.notSent})`,
    );
  } else if (report.adminsToInvite.length) lines.push(`  ผู้ดูแลที่จะเชิญ / admins to invite: ${report.adminsToInvite.length}`);
  if (report.ignoredColumns.length) lines.push(`  คอลัมน์ที่ไม่ได้ใช้ / ignored columns: ${report.ignoredColumns.join(", ")}`);
  for (const change of report.changes.slice(0, 20)) {
    lines.push(`  ~ ${change.code} (แถว/row ${change.row}): ${change.changes.map((c) => `${c.field} "${c.from ?? ""}" → "${c.to ?? ""}"`).join("; ")}`);
  }
  for (const missing of report.missing.slice(0, 20)) lines.push(`  - ${missing.code} ${missing.nameTh}`);
  return lines.join("\n");
}

export const agenciesImport = defineCommand({
  name: "agencies:import",
  summary: { th: "นำเข้าทะเบียนหน่วยงาน (CSV หรือ XLSX) ตามรหัสหน่วยงาน", en: "import the agency register (CSV or XLSX), by agency code" },
  ArgsSchema: z.object({
    file: z.string({ error: "ต้องระบุไฟล์ / a file is required" }).min(1).describe("ไฟล์ CSV หรือ XLSX / a CSV or XLSX file"),
    dryRun: z.boolean().default(false).describe("ตรวจและสรุปผลโดยไม่บันทึก / check and summarise, write nothing"),
    year,
    deactivateMissing: z.boolean().default(false).describe("ปิดการใช้งานหน่วยงานที่ไม่มีในไฟล์ / deactivate agencies the file does not list"),
  }),
  positionals: ["file"],
  async run({ file, dryRun, year, deactivateMissing }, { progress }) {
    const bytes = readFileOrRefuse(file);
    try {
      const outcome = await importAgencyRegister({ bytes, fileName: file.split(/[\\/]/).pop() ?? file, dryRun, year, deactivateMissing, progress });
      if (!outcome.ok) throw new CommandInputError(describeRefusal(outcome));
      // The invitations' mails are in the outbox (docs/decisions/018): try them once before exiting;
      // a running server's outbox worker sends whatever is left.
      const mails = await deliverOwnMessages();
      const text = [summary(outcome)];
      if (mails.sent + mails.pending + mails.failed > 0) {
        text.push(`  อีเมลเชิญ / invitation mails: ส่งแล้ว / sent ${mails.sent}, รอส่ง / waiting ${mails.pending}, ไม่สำเร็จ / failed ${mails.failed}`);
      }
      return { json: { import: outcome, mails }, text: text.join("\n") };
    } finally {
      await closeDatabaseConnections();
    }
  },
});

export const agenciesExport = defineCommand({
  name: "agencies:export",
  summary: { th: "ส่งออกทะเบียนหน่วยงานเป็น CSV (รูปแบบเดียวกับการนำเข้า)", en: "export the agency register as CSV (the import's format)" },
  ArgsSchema: z.object({
    file: z.string().min(1).optional().describe("ไฟล์ที่จะเขียน (ไม่ระบุ: พิมพ์ออกทางหน้าจอ) / the file to write (none: standard output)"),
    year,
  }),
  positionals: ["file"],
  async run({ file, year }) {
    try {
      const exported = await exportAgencyRegister({ year });
      if (!exported.ok) throw new CommandInputError(`--year: ไม่มีรอบการประเมินปีงบประมาณ ${year} / there is no cycle for fiscal year ${year}`);
      if (!file) return { json: { export: { rows: exported.rows, csv: exported.csv } }, text: exported.csv };
      fs.writeFileSync(file, exported.csv);
      return { json: { export: { rows: exported.rows, file } }, text: `ส่งออกแล้ว ${exported.rows} หน่วยงาน / exported ${exported.rows} agencies → ${file}` };
    } finally {
      await closeDatabaseConnections();
    }
  },
});
