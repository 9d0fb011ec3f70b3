import type { Lang } from "./i18n";

/** "24 พฤศจิกายน 2569" in Thai (Buddhist era), "24 November 2026" in English, Bangkok time. */
export function formatThaiDate(date: Date | string, lang: Lang): string {
  const value = typeof date === "string" ? new Date(date) : date;
  return new Intl.DateTimeFormat(lang === "th" ? "th-TH-u-ca-buddhist" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Asia/Bangkok",
  }).format(value);
}
