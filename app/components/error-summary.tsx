import { useEffect, useRef } from "react";

/**
 * An accessible error summary (GOV.UK pattern): focused when it appears, each error links to its
 * field, so keyboard and screen-reader users land on what needs fixing.
 */
export function ErrorSummary({ title, errors, fieldId }: { title: string; errors: Record<string, string>; fieldId: (key: string) => string }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus();
  }, [entries.length]);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {entries.map(([key, message]) => (
          <li key={key}>
            <a href={`#${fieldId(key)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
