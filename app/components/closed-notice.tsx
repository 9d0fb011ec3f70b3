import { translate } from "~/utils/i18n";

/**
 * "This assessment is closed", in Thai AND English whatever the page's language: a respondent who
 * followed an old link or poster outside the collection window must understand it at once.
 */
export function ClosedNotice() {
  return (
    <section className="notice" role="status" data-testid="assessment-closed">
      <h2 lang="th">{translate("th", "years.closed.title")}</h2>
      <p lang="th">{translate("th", "years.closed.body")}</p>
      <h2 lang="en">{translate("en", "years.closed.title")}</h2>
      <p lang="en">{translate("en", "years.closed.body")}</p>
    </section>
  );
}
