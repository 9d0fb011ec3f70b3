// `npm run ita -- restore <file>`: a backup made by `ita backup` into the EMPTY database of
// DATABASE_URL, the app stopped (SQLite: the file checked, copied next to the target and renamed
// into place; PostgreSQL: pg_restore in one transaction). A database with rows, with other
// migrations, or (PostgreSQL) with other sessions is refused: exit 2, nothing written.
// docs/operations.md → Backups and restore; docs/decisions/021.
// --json prints one line: {"restore":{provider,file,target,counts,migrations,ms}}
import { z } from "zod";
import { restoreDatabase, RestoreRefused } from "~/services/backup.server";
import { closeDatabaseConnections } from "~/services/maintenance.server";
import { CommandInputError, defineCommand } from "./index";

export const restore = defineCommand({
  name: "restore",
  summary: {
    th: "กู้คืนไฟล์สำรองลงฐานข้อมูลว่าง (หยุดระบบก่อน)",
    en: "restore a backup into an empty database (stop the app first)",
  },
  ArgsSchema: z.object({
    file: z
      .string({ error: "ต้องระบุไฟล์สำรอง / required: the backup file" })
      .min(1, { error: "ต้องระบุไฟล์สำรอง / required: the backup file" })
      .describe("ไฟล์ที่ได้จาก ita backup (.db หรือ .dump) / the file `ita backup` wrote (.db or .dump)"),
  }),
  positionals: ["file"],
  async run({ file }, { progress }) {
    try {
      const report = await restoreDatabase({ from: file, progress });
      const counts = Object.entries(report.counts)
        .map(([table, rows]) => `${table} ${rows}`)
        .join(", ");
      return {
        json: { restore: report },
        text:
          `กู้คืนแล้ว / restored (${report.provider}): ${report.file} → ${report.target} — ${report.migrations} migrations, ${report.ms} ms\n${counts}\n` +
          "ต่อไป / next: npm run db:migrate (ถ้ารุ่นของโปรแกรมใหม่กว่า / if this build is newer), แล้วเริ่มระบบ / then start the app and check /readyz",
      };
    } catch (error) {
      if (error instanceof RestoreRefused) throw new CommandInputError(error.message);
      throw error;
    } finally {
      await closeDatabaseConnections();
    }
  },
});
