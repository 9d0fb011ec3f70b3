// Pieces shared by the public results pages (/results …): the year switcher, a table that scrolls
// inside its own labelled region (a phone at 320 px never scrolls the page sideways), and the
// open-data links. Plain links and forms: the public pages ship no framework JavaScript.
import type { ReactNode } from "react";
import type { Translate } from "~/utils/i18n";

/** A published figure: two decimals, or a dash. */
export const figure = (value: number | null | undefined) => (value === null || value === undefined ? "—" : value.toFixed(2));

/** A change: signed, two decimals, or a dash. */
export const signed = (value: number | null | undefined) => (value === null || value === undefined ? "—" : `${value > 0 ? "+" : ""}${value.toFixed(2)}`);

export function YearNav({ years, current, t, suffix = "" }: { years: number[]; current: number; t: Translate; suffix?: string }) {
  return (
    <nav aria-label={t("public.nav.label")} className="year-nav no-print">
      {t("public.years")}:{" "}
      {years.map((year, index) => (
        <span key={year}>
          {index ? " · " : null}
          {year === current ? (
            <a href={`/results/${year}${suffix}`} aria-current="page">
              <strong>{year}</strong>
            </a>
          ) : (
            <a href={`/results/${year}${suffix}`}>{year}</a>
          )}
        </span>
      ))}
    </nav>
  );
}

/** A table in a focusable region named by its caption, scrolling sideways by itself when too wide. */
export function TableRegion({ id, caption, children }: { id: string; caption: ReactNode; children: ReactNode }) {
  return (
    <div className="table-region" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="data-table" id={id}>
        <caption id={`${id}-caption`}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function DownloadLinks({ base, t }: { base: string; t: Translate }) {
  return (
    <section className="no-print" aria-labelledby="open-data-title">
      <h2 id="open-data-title">{t("public.download.title")}</h2>
      <ul>
        <li>
          <a href={`${base}.csv`} download>
            {t("public.download.csv")}
          </a>
        </li>
        <li>
          <a href={`${base}.json`} download>
            {t("public.download.json")}
          </a>
        </li>
      </ul>
    </section>
  );
}
