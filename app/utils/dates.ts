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

/** "24 พ.ย. 2569 14:05" / "24 Nov 2026, 14:05", Bangkok time: when a figure was computed. */
export function formatThaiDateTime(date: Date | string, lang: Lang): string {
  const value = typeof date === "string" ? new Date(date) : date;
  return new Intl.DateTimeFormat(lang === "th" ? "th-TH-u-ca-buddhist" : "en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZone: "Asia/Bangkok",
  }).format(value);
}
