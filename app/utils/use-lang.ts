import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LANG, isLang, type Lang } from "./i18n";

/** The language of the current page (from the root loader), for any component. */
export function useLang(): Lang {
  const data = useRouteLoaderData<{ lang: Lang }>("root");
  return isLang(data?.lang) ? data.lang : DEFAULT_LANG;
}
