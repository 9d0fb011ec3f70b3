// UI messages for the admin pages' accessibility (issue 20 §3): the daily chart's table. A file per
// feature keeps the catalogue (app/utils/i18n.server.ts spreads them in) readable.
import type { Bilingual } from "~/utils/i18n";

export const adminAccessMessages = {
  "dash.daily.table": { th: "ดูตัวเลขรายวันเป็นตาราง", en: "Show the daily figures as a table" },
  "dash.daily.day": { th: "วันที่", en: "Day" },
  "dash.daily.total": { th: "รวม", en: "Total" },
} satisfies Record<string, Bilingual>;
