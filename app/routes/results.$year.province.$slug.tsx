// /results/<year>/province/<province-slug>: a province's published agencies and its picture.
// "province" and "agency" are fixed words in the path, so a province and an agency that share a
// slug never collide (docs/decisions/023).
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import { DownloadLinks, figure, TableRegion, YearNav } from "~/components/public-results";
import { findProvinceForPublicPage } from "~/models/public-results.server";
import { cachedPage, getPublicYear, listPublishedYears, parseFiscalYear, provinceAgencies } from "~/services/public-results.server";
import { invariantResponse } from "~/utils/http.server";
import { localName, metaT } from "~/utils/i18n";
import { bothLangs } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";

// A public page: plain HTML, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches, error }) => {
  const t = metaT(matches);
  if (!loaded) return [{ title: errorTitle(t, error) }];
  const vars = { year: loaded.fiscalYear, province: loaded.province };
  return [{ title: t("public.province.title", vars) }, { name: "description", content: t("public.province.description", vars) }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const fiscalYear = parseFiscalYear(params.year);
  invariantResponse(fiscalYear, bothLangs("public.error.year"), { status: 404 });
  const [view, years, province] = await Promise.all([getPublicYear(fiscalYear), listPublishedYears(), findProvinceForPublicPage(params.slug ?? "")]);
  invariantResponse(view, bothLangs("public.error.year"), { status: 404 });
  invariantResponse(province, bothLangs("public.error.province"), { status: 404 });
  const lang = await getLang(request);
  const headers = cachedPage(request, view, lang, `${years.join(",")}|${province.nameTh}|${province.nameEn}`);
  const summary = view.provinces.find((candidate) => candidate.slug === province.slug)?.picture ?? null;
  return data(
    {
      lang,
      fiscalYear,
      years,
      province: localName(province, lang),
      slug: province.slug,
      summary: summary ? { published: summary.published, mean: summary.mean, atTarget: summary.atTarget, atTargetPercent: summary.atTargetPercent } : null,
      agencies: provinceAgencies(view, province.slug).map((agency) => ({
        slug: agency.slug,
        name: localName(agency, lang),
        total: agency.total,
        rating: lang === "th" ? agency.rating.th : agency.rating.en,
        parts: agency.parts.map((part) => ({ code: part.code, score: part.score })),
      })),
    },
    { headers },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export default function ProvinceResultsPage() {
  const loaded = useLoaderData<typeof loader>();
  const t = useT();
  const vars = { year: loaded.fiscalYear, province: loaded.province };
  return (
    <>
      <p className="no-print">
        <a href={`/results/${loaded.fiscalYear}`}>{t("public.nav.national")}</a>
      </p>
      <h1>{t("public.province.title", vars)}</h1>
      <YearNav years={loaded.years} current={loaded.fiscalYear} t={t} suffix={`/province/${loaded.slug}`} />
      <p className="muted">{t("public.results.onlyPublished")}</p>
      {loaded.summary ? (
        <dl className="figures">
          <dt>{t("public.picture.published")}</dt>
          <dd>{loaded.summary.published}</dd>
          <dt>{t("public.picture.mean")}</dt>
          <dd>{figure(loaded.summary.mean)}</dd>
          <dt>{t("public.picture.atTarget")}</dt>
          <dd>{t("public.picture.share", { count: loaded.summary.atTarget, percent: figure(loaded.summary.atTargetPercent) })}</dd>
        </dl>
      ) : (
        <p className="notice">{t("public.province.none", vars)}</p>
      )}
      {loaded.agencies.length ? (
        <>
          <h2 id="agencies-heading">{t("public.province.agencies")}</h2>
          <TableRegion id="agencies" caption={t("public.province.agencies")}>
            <thead>
              <tr>
                <th scope="col">{t("public.col.agency")}</th>
                <th scope="col" className="num">
                  {t("public.col.total")}
                </th>
                <th scope="col">{t("public.col.rating")}</th>
                {loaded.agencies[0].parts.map((part) => (
                  <th scope="col" className="num" key={part.code}>
                    {part.code.toUpperCase()}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {loaded.agencies.map((agency) => (
                <tr key={agency.slug} data-agency={agency.slug}>
                  <th scope="row">
                    <a href={`/results/${loaded.fiscalYear}/agency/${agency.slug}`}>{agency.name}</a>
                  </th>
                  <td className="num">{figure(agency.total)}</td>
                  <td>{agency.rating}</td>
                  {agency.parts.map((part) => (
                    <td className="num" key={part.code}>
                      {figure(part.score)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </TableRegion>
          <DownloadLinks base={`/results/${loaded.fiscalYear}/province/${loaded.slug}`} t={t} />
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
