import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LANG, isLang, translator, type Lang, type Translate } from "./i18n";

/** The language of the current page (from the root loader), for any component. */
export function useLang(): Lang {
  const data = useRouteLoaderData<{ lang: Lang }>("root");
  return isLang(data?.lang) ? data.lang : DEFAULT_LANG;
}

/** `t(key, vars)` in the page's language, or in `lang` (a loader's) when given. */
export function useT(lang?: Lang): Translate {
  const pageLang = useLang();
  return translator(lang ?? pageLang);
}
