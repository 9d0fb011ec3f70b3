import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { readRootData, translatorFrom, type Lang, type Translate } from "./i18n";

/** The language of the current page (from the root loader), for any component. */
export function useLang(): Lang {
  return readRootData(useRouteLoaderData("root")).lang;
}

/**
 * `t(key, vars)` in the page's language, from the messages the root loader sent (decision 028):
 * the same text on the server render and in the browser, so hydration matches.
 */
export function useT(): Translate {
  const data = useRouteLoaderData("root");
  return useMemo(() => {
    const { lang, messages } = readRootData(data);
    return translatorFrom(messages, lang);
  }, [data]);
}
