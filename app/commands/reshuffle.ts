// `npm run ita -- reshuffle` (alias `npm run reshuffle`, which adds --json): rewrite the anonymous
// response tables now so that neither their physical order nor (PostgreSQL) their transaction ids
// follow insertion (docs/decisions/002). The server does this every night at 03:00 Bangkok; run it
// by hand (or from cron) after a busy day, before taking a backup or a dump, and when a cycle
// closes. Submits wait while it runs.
// --json prints one line: {"reshuffled":{…what was rewritten and how long it took}}
import { z } from "zod";
import { closeDatabaseConnections, MANUAL_RESHUFFLE_LOCK_TIMEOUT_MS, reshuffleResponses } from "~/services/maintenance.server";
import { defineCommand } from "./index";

const SECONDS = "ต้องเป็นจำนวนวินาทีเต็ม 1–3600 / must be a whole number of seconds, 1–3600";

export const reshuffle = defineCommand({
  name: "reshuffle",
  summary: {
    th: "เรียงแถวคำตอบใหม่ ไม่ให้ลำดับการจัดเก็บบอกเวลาที่ตอบ (ทำก่อนสำรองข้อมูล)",
    en: "rewrite the response tables so storage order says nothing of when anyone answered (before a backup)",
  },
  ArgsSchema: z.object({
    lockTimeoutSeconds: z.coerce
      .number({ error: SECONDS })
      .int({ error: SECONDS })
      .min(1, { error: SECONDS })
      .max(3600, { error: SECONDS })
      .default(MANUAL_RESHUFFLE_LOCK_TIMEOUT_MS / 1000)
      .describe("PostgreSQL: รอธุรกรรมที่ยาวได้นานเท่านี้ แล้วเลิก / how long to wait for a long transaction before giving up"),
  }),
  async run({ lockTimeoutSeconds }) {
    try {
      const reshuffled = await reshuffleResponses({ lockTimeoutMs: lockTimeoutSeconds * 1000 });
      const summary =
        "skipped" in reshuffled && reshuffled.skipped
          ? `ข้ามไป / skipped: ${reshuffled.reason}`
          : `เรียงใหม่แล้ว / reshuffled (${reshuffled.provider}) in ${Math.round(reshuffled.totalMs)} ms`;
      return { json: { reshuffled }, text: `${summary}\n${JSON.stringify(reshuffled, null, 2)}` };
    } finally {
      await closeDatabaseConnections();
    }
  },
});
