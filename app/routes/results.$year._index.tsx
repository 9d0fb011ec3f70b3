// /results/<year>: a fiscal year's published results for anyone, without signing in — the national
// picture, the rating bands, a row per province and a search for any published agency
// (docs/decisions/023). Served from the year's one cached view; ETag + 304 for repeat visits.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import { DownloadLinks, figure, TableRegion, YearNav } from "~/components/public-results";
import { NATIONAL_TARGET_PERCENT } from "~/domain/public-results";
import { cachedPage, getPublicYear, listPublishedYears, parseFiscalYear, searchPublicAgencies, SEARCH_LIMIT } from "~/services/public-results.server";
import { invariantResponse } from "~/utils/http.server";
import { localName, metaT } from "~/utils/i18n";
import { bothLangs, translate } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";

// A public page: plain HTML, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches, error }) => {
  const t = metaT(matches);
  if (!loaded) return [{ title: errorTitle(t, error) }];
  return [
    { title: t("public.results.title", { year: loaded.fiscalYear }) },
    { name: "description", content: t("public.results.description", { year: loaded.fiscalYear }) },
  ];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const fiscalYear = parseFiscalYear(params.year);
  invariantResponse(fiscalYear, bothLangs("public.error.year"), { status: 404 });
  const [view, years] = await Promise.all([getPublicYear(fiscalYear), listPublishedYears()]);
  invariantResponse(view, bothLangs("public.error.year"), { status: 404 });
  const lang = await getLang(request);
  const headers = cachedPage(request, view, lang, years.join(","));
  const query = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const search = query.trim() ? searchPublicAgencies(view, query) : null;
  const { picture } = view;
  return data(
    {
      lang,
      fiscalYear,
      years,
      assessed: view.assessed,
      picture: { ...picture, bands: picture.bands.map((band) => ({ code: band.code, label: lang === "th" ? band.th : band.en, agencies: band.agencies })) },
      provinces: view.provinces.map((province) => ({
        slug: province.slug,
        name: province.slug === null ? translate(lang, "public.central") : localName(province, lang),
        published: province.picture.published,
        mean: province.picture.mean,
        atTargetPercent: province.picture.atTargetPercent,
      })),
      query,
      search: search
        ? {
            more: search.more,
            matches: search.matches.map((agency) => ({
              slug: agency.slug,
              name: localName(agency, lang),
              province: agency.province ? localName(agency.province, lang) : translate(lang, "public.central"),
              total: agency.total,
              rating: lang === "th" ? agency.rating.th : agency.rating.en,
            })),
          }
        : null,
    },
    { headers },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export default function NationalResultsPage() {
  const loaded = useLoaderData<typeof loader>();
  const t = useT();
  const { picture, fiscalYear } = loaded;
  const share = (count: number) => (picture.published ? ((count / picture.published) * 100).toFixed(2) : "—");
  return (
    <>
      <h1>{t("public.results.title", { year: fiscalYear })}</h1>
      <YearNav years={loaded.years} current={fiscalYear} t={t} />
      <p className="muted">{t("public.results.onlyPublished")}</p>

      <form method="get" action={`/results/${fiscalYear}`} className="search-form no-print" role="search">
        <label htmlFor="q">{t("public.search.label")}</label>
        <div className="search-row">
          <input id="q" name="q" type="search" className="text-input" defaultValue={loaded.query} maxLength={100} />
          <button type="submit" className="button">
            {t("public.search.submit")}
          </button>
        </div>
      </form>
      {loaded.search ? (
        <section aria-labelledby="search-title" data-testid="search-results">
          <h2 id="search-title">{t("public.search.results", { query: loaded.query, count: loaded.search.matches.length })}</h2>
          {loaded.search.matches.length === 0 ? (
            <p>{t("public.search.none", { query: loaded.query })}</p>
          ) : (
            <ul className="agency-list">
              {loaded.search.matches.map((agency) => (
                <li key={agency.slug}>
                  <a href={`/results/${fiscalYear}/agency/${agency.slug}`}>{agency.name}</a> ({agency.province}) — {figure(agency.total)} · {agency.rating}
                </li>
              ))}
            </ul>
          )}
          {loaded.search.more ? <p className="muted">{t("public.search.more", { shown: SEARCH_LIMIT })}</p> : null}
        </section>
      ) : null}

      <section aria-labelledby="picture-title">
        <h2 id="picture-title">{t("public.picture.title")}</h2>
        <dl className="figures" data-testid="national-picture">
          <dt>{t("public.picture.assessed")}</dt>
          <dd data-testid="assessed">{loaded.assessed}</dd>
          <dt>{t("public.picture.published")}</dt>
          <dd data-testid="published">{picture.published}</dd>
          <dt>{t("public.picture.mean")}</dt>
          <dd data-testid="mean">{figure(picture.mean)}</dd>
          <dt>{t("public.picture.atTarget")}</dt>
          <dd data-testid="at-target">{t("public.picture.share", { count: picture.atTarget, percent: figure(picture.atTargetPercent) })}</dd>
          <dt>{t("public.picture.target")}</dt>
          <dd>
            {t("public.picture.targetValue", { percent: NATIONAL_TARGET_PERCENT })}:{" "}
            <strong data-testid="target-met">{picture.meetsTarget ? t("public.picture.met") : t("public.picture.notMet")}</strong>
          </dd>
        </dl>
      </section>

      <section>
        <h2 id="bands-heading">{t("public.bands.title")}</h2>
        <TableRegion id="bands" caption={t("public.bands.title")}>
          <thead>
            <tr>
              <th scope="col">{t("public.bands.band")}</th>
              <th scope="col" className="num">
                {t("public.bands.agencies")}
              </th>
              <th scope="col" className="num">
                {t("public.bands.percent")}
              </th>
            </tr>
          </thead>
          <tbody>
            {picture.bands.map((band) => (
              <tr key={band.code} data-band={band.code}>
                <th scope="row">{band.label}</th>
                <td className="num">{band.agencies}</td>
                <td className="num">{share(band.agencies)}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      </section>

      <section>
        <h2 id="provinces-heading">{t("public.provinces.title")}</h2>
        <TableRegion id="provinces" caption={t("public.provinces.title")}>
          <thead>
            <tr>
              <th scope="col">{t("public.provinces.province")}</th>
              <th scope="col" className="num">
                {t("public.provinces.published")}
              </th>
              <th scope="col" className="num">
                {t("public.provinces.mean")}
              </th>
              <th scope="col" className="num">
                {t("public.provinces.atTarget")}
              </th>
            </tr>
          </thead>
          <tbody>
            {loaded.provinces.map((province) => (
              <tr key={province.slug ?? "central"} data-province={province.slug ?? "central"}>
                <th scope="row">{province.slug ? <a href={`/results/${fiscalYear}/province/${province.slug}`}>{province.name}</a> : province.name}</th>
                <td className="num">{province.published}</td>
                <td className="num">{figure(province.mean)}</td>
                <td className="num">{figure(province.atTargetPercent)}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      </section>

      <DownloadLinks base={`/results/${fiscalYear}`} t={t} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
