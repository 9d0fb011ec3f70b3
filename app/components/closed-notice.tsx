import type { Lang } from "~/utils/i18n";

export const CLOSED_NOTICE_KEYS = ["years.closed.title", "years.closed.body"] as const;

/** The notice's texts in both languages: its page's loader sends them (inBothLangs), the page's messages hold one. */
export type ClosedNoticeTexts = Record<Lang, Record<(typeof CLOSED_NOTICE_KEYS)[number], string>>;

/**
 * "This assessment is closed", in Thai AND English whatever the page's language: a respondent who
 * followed an old link or poster outside the collection window must understand it at once.
 */
export function ClosedNotice({ texts }: { texts: ClosedNoticeTexts }) {
  return (
    <section className="notice" role="status" data-testid="assessment-closed">
      <h2 lang="th">{texts.th["years.closed.title"]}</h2>
      <p lang="th">{texts.th["years.closed.body"]}</p>
      <h2 lang="en">{texts.en["years.closed.title"]}</h2>
      <p lang="en">{texts.en["years.closed.body"]}</p>
    </section>
  );
}
