import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LANG, isLang, translator, type Lang, type Translate } from "./i18n";

/** The language of the current page (from the root loader), for any component. */
export function useLang(): Lang {
  const data = useRouteLoaderData<{ lang: Lang }>("root");
  return isLang(data?.lang) ? data.lang : DEFAULT_LANG;
}

/**
 * `t(key, vars)` in `lang` (a loader's), or in the page's language when not given. With `lang` it
 * reads no router state, so a page rendered on its own (the print test) works; a call site either
 * always passes `lang` or never does, so the hooks run in the same order on every render.
 */
export function useT(lang?: Lang): Translate {
  return translator(lang ?? useLang());
}
