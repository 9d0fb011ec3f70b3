// `npm run ita -- backup --to <file>`: reshuffle, then a checked copy of the database (SQLite: an
// online copy + PRAGMA integrity_check; PostgreSQL: pg_dump --format=custom read back by
// pg_restore --list). Never overwrites. How to restore: docs/operations.md → Backups and restore.
// --json prints one line: {"backup":{provider,file,bytes,reshuffled,integrity,counts,ms}}
import { z } from "zod";
import { closeDatabaseConnections } from "~/services/maintenance.server";
import { backupDatabase, BackupRefused } from "~/services/backup.server";
import { CommandInputError, defineCommand } from "./index";

export const backup = defineCommand({
  name: "backup",
  summary: {
    th: "สำรองฐานข้อมูลลงไฟล์ (เรียงแถวคำตอบใหม่ก่อน แล้วตรวจสำเนา)",
    en: "back the database up to a file (reshuffles first, then checks the copy)",
  },
  ArgsSchema: z.object({
    to: z
      .string({ error: "ต้องระบุไฟล์ปลายทาง / required: the file to write" })
      .min(1, { error: "ต้องระบุไฟล์ปลายทาง / required: the file to write" })
      .describe("ไฟล์ที่จะเขียน (ต้องยังไม่มี) / the file to write (must not exist): ita-YYYYMMDD.db or .dump"),
    skipReshuffle: z.boolean().default(false).describe("ไม่เรียงแถวคำตอบใหม่ก่อน (เช่น เพิ่งทำไป) / do not reshuffle first (e.g. it just ran)"),
  }),
  async run({ to, skipReshuffle }, { progress }) {
    try {
      const report = await backupDatabase({ to, reshuffle: !skipReshuffle, progress });
      const counts = Object.entries(report.counts)
        .map(([table, rows]) => `${table} ${rows}`)
        .join(", ");
      return {
        json: { backup: report },
        text: `สำรองแล้ว / backed up (${report.provider}): ${report.file} — ${report.bytes} bytes, integrity ${report.integrity}, ${report.ms} ms\n${counts}`,
      };
    } catch (error) {
      if (error instanceof BackupRefused) throw new CommandInputError(error.message);
      throw error;
    } finally {
      await closeDatabaseConnections();
    }
  },
});
