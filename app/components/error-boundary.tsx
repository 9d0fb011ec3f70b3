import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useLang } from "~/utils/use-lang";
import { translate, type MessageKey } from "~/utils/i18n";

const KNOWN_STATUSES = new Set([400, 403, 404, 413, 429, 503]);

/** Maps thrown statuses to a friendly Thai/English page; never shows a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const lang = useLang();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = (KNOWN_STATUSES.has(status) ? `error.${status}` : "error.500") as MessageKey;
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && status < 500 ? error.data : null;
  return (
    <section className="error-page" role="alert">
      <h1>{translate(lang, key)}</h1>
      {detail ? <p>{detail}</p> : null}
      <p className="muted">HTTP {status}</p>
      <p>
        <a href="/">{translate(lang, "error.home")}</a>
      </p>
    </section>
  );
}
