import type { Lang } from "./i18n";

function formatter(lang: Lang, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(lang === "th" ? "th-TH-u-ca-buddhist" : "en-GB", { ...options, timeZone: "Asia/Bangkok" });
}

/** "24 พฤศจิกายน 2569" in Thai (Buddhist era), "24 November 2026" in English, Bangkok time. */
export function formatThaiDate(date: Date | string, lang: Lang): string {
  return formatter(lang, { day: "numeric", month: "long", year: "numeric" }).format(typeof date === "string" ? new Date(date) : date);
}

/** "24 พ.ย. 2569 14:05:09" / "24 Nov 2026, 14:05:09", Bangkok time: when a figure was computed. */
export function formatThaiDateTime(date: Date | string, lang: Lang): string {
  return formatter(lang, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(
    typeof date === "string" ? new Date(date) : date,
  );
}
