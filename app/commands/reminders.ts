// `npm run ita -- reminders:run [--dry-run] [--json]`: the shortfall reminders (issue 20 §2,
// docs/decisions/024-reminders.md). Prints who gets (or, with --dry-run, would get) which
// reminder; a dry run writes nothing. Sending queues one mail per person per period (a second run
// in the period sends nothing) and delivers its own messages before exiting, as users:invite does;
// what is left is sent by a server's outbox worker. The server also runs it daily at 08:00 Bangkok.
// --json prints one line: {"fiscalYear":2570,"dryRun":false,"sent":3,"alreadySent":0,"mails":[…],"outbox":{…}}
import { z } from "zod";
import { closeDatabaseConnections } from "~/services/maintenance.server";
import { deliverOwnMessages } from "~/services/outbox.server";
import { RemindersNoTransport, runReminders, type ReminderRunReport } from "~/services/reminders.server";
import { CommandInputError, defineCommand } from "./index";

const OUTCOME_TEXT = {
  sent: "ส่งแล้ว / sent",
  "already-sent": "ส่งไปแล้วในรอบนี้ / already sent this period",
  "would-send": "จะส่ง / would send",
} as const;

function describe(report: ReminderRunReport): string {
  if (report.fiscalYear === null) return "ไม่มีรอบการประเมินปัจจุบัน ไม่มีอะไรต้องแจ้งเตือน / No current cycle: nothing to remind about.";
  const lines = [
    `ปีงบประมาณ พ.ศ. ${report.fiscalYear}${report.dryRun ? " (ทดลอง ไม่ส่งจริง / dry run, nothing written)" : ""}`,
    report.mails.length === 0 ? "ไม่มีใครต้องได้รับการแจ้งเตือน / Nobody needs a reminder." : `ผู้รับ ${report.mails.length} คน / ${report.mails.length} recipients:`,
  ];
  for (const mail of report.mails) {
    const parts = [
      ...mail.summary.agencies.map((agency) => `${agency.slug} (${agency.issues.join(", ")})`),
      ...mail.summary.provinces.map((province) => `province ${province.slug}: ${province.atRisk}/${province.notRegistered}/${province.noPopulation}`),
      ...(mail.summary.national
        ? [`national: ${mail.summary.national.atRisk}/${mail.summary.national.notRegistered}/${mail.summary.national.noPopulation}`]
        : []),
    ];
    lines.push(`  ${mail.email} [${mail.period}] ${OUTCOME_TEXT[mail.outcome]}: ${parts.join("; ")}`);
  }
  return lines.join("\n");
}

export const remindersRun = defineCommand({
  name: "reminders:run",
  summary: {
    th: "ส่งอีเมลแจ้งเตือนหน่วยงานที่อาจเก็บแบบวัดไม่ถึงขั้นต่ำ (สัปดาห์ละครั้ง ทุกวันในสัปดาห์สุดท้าย)",
    en: "e-mail the shortfall reminders (weekly, daily in a window's last week)",
  },
  ArgsSchema: z.object({
    dryRun: z.boolean().default(false).describe("แสดงว่าใครจะได้รับอะไร โดยไม่ส่งและไม่บันทึก / print who would get what, send and write nothing"),
  }),
  async run(args) {
    try {
      const report = await runReminders({ dryRun: args.dryRun });
      // The mails are in the outbox: try them once now; a running server's worker keeps trying the rest.
      const outbox = args.dryRun ? null : await deliverOwnMessages();
      const text = [describe(report)];
      if (outbox)
        text.push(
          `อีเมล: ส่งแล้ว ${outbox.sent} รอส่ง ${outbox.pending} ล้มเหลว ${outbox.failed} / e-mail: ${outbox.sent} sent, ${outbox.pending} pending, ${outbox.failed} failed`,
        );
      return { json: { ...report, outbox }, text: text.join("\n") };
    } catch (error) {
      if (error instanceof RemindersNoTransport) {
        throw new CommandInputError(
          "ยังไม่ได้ตั้งค่าการส่งอีเมล (EMAIL_TRANSPORT) ใช้ --dry-run เพื่อดูรายการ / No e-mail transport (EMAIL_TRANSPORT): use --dry-run to see the list",
        );
      }
      throw error;
    } finally {
      await closeDatabaseConnections();
    }
  },
});
