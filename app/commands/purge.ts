// `npm run ita -- purge` (alias `npm run purge`, which adds --json): delete expired OTP challenges,
// sessions, rate-limit windows and idempotency keys now. The server also does it every hour
// (app/services/jobs.server.ts); safe to run from cron at any time.
// --json prints one line: {"purged":{"otpChallenges":0,"surveySessions":0,…}}
import { z } from "zod";
import { closeDatabaseConnections, purgeExpiredRows } from "~/services/maintenance.server";
import { defineCommand } from "./index";

export const purge = defineCommand({
  name: "purge",
  summary: {
    th: "ลบรหัส OTP เซสชัน ตัวนับอัตรา และคีย์กันส่งซ้ำที่หมดอายุแล้ว",
    en: "delete expired OTP challenges, sessions, rate-limit windows and idempotency keys",
  },
  ArgsSchema: z.object({}),
  async run() {
    try {
      const purged = await purgeExpiredRows();
      const lines = Object.entries(purged).map(([table, count]) => `  ${table}: ${count}`);
      return { json: { purged }, text: ["ลบแล้ว / Purged:", ...lines].join("\n") };
    } finally {
      await closeDatabaseConnections();
    }
  },
});
