import { useEffect, useRef } from "react";

/**
 * An accessible error summary (GOV.UK pattern), each error linking to its field. Focus moves to it
 * when the page arrives with errors (WCAG 3.3.1, 4.1.3): `autoFocus` is rendered by the server, so
 * the respondent pages, which ship no React, get it too (public/citizen.js repeats it for browsers
 * that ignore autofocus on a non-control); hydrated pages focus it on mount.
 * A long list is summarised: the count, the first `limit` links, "and N more below".
 */
export function ErrorSummary({
  title,
  errors,
  fieldId,
  formError,
  limit,
  countLabel,
  moreLabel,
}: {
  title: string;
  errors: Record<string, string>;
  fieldId: (key: string) => string;
  /** An error of the whole form (not saved, closed …), shown first in the same summary. */
  formError?: string | null;
  /** Show at most this many links (default: all). */
  limit?: number;
  /** The heading's count line when the list is cut, e.g. (n) => "ยังไม่ได้ตอบ n ข้อ". */
  countLabel?: (count: number) => string;
  moreLabel?: (count: number) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const shown = limit !== undefined && entries.length > limit ? entries.slice(0, limit) : entries;
  const hidden = entries.length - shown.length;
  const present = entries.length > 0 || Boolean(formError);
  useEffect(() => {
    if (present) ref.current?.focus();
  }, [present, entries.length]);
  if (!present) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} autoFocus aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title}</h2>
      {formError ? <p className="form-error">{formError}</p> : null}
      {hidden > 0 && countLabel ? <p>{countLabel(entries.length)}</p> : null}
      {shown.length > 0 ? (
        <ul>
          {shown.map(([key, message]) => (
            <li key={key}>
              <a href={`#${fieldId(key)}`}>{message}</a>
            </li>
          ))}
        </ul>
      ) : null}
      {hidden > 0 && moreLabel ? <p>{moreLabel(hidden)}</p> : null}
    </div>
  );
}
