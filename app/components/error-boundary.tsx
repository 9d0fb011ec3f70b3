import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import type { Lang, MessageKey, Translate } from "~/utils/i18n";
import { useLang, useT } from "~/utils/use-lang";

const KNOWN_STATUSES = new Set([400, 403, 404, 413, 429, 503]);

/** What an error page says first, by status ("Page not found"), in the page's language. */
function errorMessageKey(error: unknown): MessageKey {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (KNOWN_STATUSES.has(status) ? `error.${status}` : "error.500") as MessageKey;
}

/** An error state's own <title> (2.4.2), "ข้อผิดพลาด: …" first, in one language (t from metaT). */
export function errorTitle(t: Translate, error: unknown): string {
  return t("error.title", { message: t(errorMessageKey(error)) });
}

/**
 * A refusal thrown with bothLangs ("ไม่พบหน่วยงาน / Agency not found"): the half in the page's
 * language, so the page does not mix languages without marking them (3.1.2).
 */
function inLang(detail: string, lang: Lang): string {
  const halves = detail.split(" / ");
  return halves.length === 2 ? halves[lang === "th" ? 0 : 1] : detail;
}

/** Maps thrown statuses to a friendly Thai/English page; never shows a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const lang = useLang();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && status < 500 ? inLang(error.data, lang) : null;
  return (
    <section className="error-page" role="alert">
      <h1>{t(errorMessageKey(error))}</h1>
      {detail ? <p>{detail}</p> : null}
      <p className="muted">HTTP {status}</p>
      <p>
        <a href="/">{t("error.home")}</a>
      </p>
    </section>
  );
}
