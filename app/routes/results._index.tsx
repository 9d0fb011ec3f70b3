// /results: the latest fiscal year with published results (a short-cached redirect keeps one URL
// per year, so each year's page is cached once), or a page saying nothing is published yet.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { cachedPage, listPublishedYears, publicCacheHeaders } from "~/services/public-results.server";
import { metaT } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";

// A public page: plain HTML, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const t = metaT(matches);
  return [{ title: `${t("public.results.none")} — ITA` }, { name: "description", content: t("public.results.noneBody") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const [latest] = await listPublishedYears();
  if (latest) {
    const { search } = new URL(request.url);
    // The latest year changes only when a new year is first published: a public, short-lived redirect.
    const { "Cache-Control": cacheControl } = publicCacheHeaders("", { varyOnLanguage: false });
    throw redirect(`/results/${latest}${search}`, { headers: { "Cache-Control": cacheControl } });
  }
  const lang = await getLang(request);
  return data({ lang }, { headers: cachedPage(request, null, lang) });
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export default function NoResultsPage() {
  const t = useT();
  return (
    <>
      <h1>{t("public.results.none")}</h1>
      <p>{t("public.results.noneBody")}</p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
