// /results/<year>/agency/<agency-slug>: one agency's published result in the NACC's shape — total
// and rating, each instrument's score and weighted points (OIT 38.31 / 40), each indicator's score
// with pass at 85, and the earlier published years beside it. An agency that is registered but not
// published gets a page that says so (404) and no figure at all.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { errorTitle, GeneralErrorBoundary } from "~/components/error-boundary";
import { figure, signed, TableRegion, YearNav } from "~/components/public-results";
import { instrumentIndicators, PART_INSTRUMENT } from "~/domain/ruleset";
import { findAgencyForPublicPage } from "~/models/public-results.server";
import { cachedPage, getPublicAgency, listPublishedYears, parseFiscalYear } from "~/services/public-results.server";
import { formatThaiDate } from "~/utils/dates";
import { invariantResponse } from "~/utils/http.server";
import { localName, metaT, type MessageKey } from "~/utils/i18n";
import { bothLangs, translate } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";

// A public page: plain HTML, no framework bundle (app/root.tsx).
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches, error }) => {
  const t = metaT(matches);
  if (!loaded) return [{ title: errorTitle(t, error) }];
  const title = t("public.agency.title", { agency: loaded.agency, year: loaded.fiscalYear });
  const description = loaded.result
    ? t("public.agency.description", {
        agency: loaded.agency,
        year: loaded.fiscalYear,
        total: figure(loaded.result.total),
        rating: loaded.result.rating,
      })
    : t("public.agency.notPublished", { year: loaded.fiscalYear });
  return [{ title }, { name: "description", content: description }, ...(loaded.result ? [] : [{ name: "robots", content: "noindex" }])];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const fiscalYear = parseFiscalYear(params.year);
  invariantResponse(fiscalYear, bothLangs("public.error.year"), { status: 404 });
  const [found, years, agency] = await Promise.all([
    getPublicAgency(fiscalYear, params.slug ?? ""),
    listPublishedYears(),
    findAgencyForPublicPage(params.slug ?? ""),
  ]);
  invariantResponse(agency, bothLangs("public.error.agency"), { status: 404 });
  const lang = await getLang(request);
  const headers = cachedPage(request, found?.view ?? null, lang, `${years.join(",")}|${agency.nameTh}|${agency.nameEn}`);
  const base = { lang, fiscalYear, years: found ? years : [], agency: localName(agency, lang), slug: agency.slug };
  // Not published (or nothing of that year is): the page says so, with no figure and no count.
  if (!found?.result) return data({ ...base, result: null }, { status: 404, headers });
  const { view, result, history, change } = found;
  const ruleset = view.ruleset;
  const changeOf = (code: string) => change?.parts.find((part) => part.code === code) ?? null;
  return data(
    {
      ...base,
      result: {
        province: result.province ? { slug: result.province.slug, name: localName(result.province, lang) } : null,
        publishedOn: formatThaiDate(`${result.publishedOn}T00:00:00+07:00`, lang),
        total: result.total,
        rating: lang === "th" ? result.rating.th : result.rating.en,
        parts: result.parts.map((part) => {
          const names = instrumentIndicators(ruleset, PART_INSTRUMENT[part.code]);
          const partChange = changeOf(part.code);
          return {
            code: part.code,
            name: ruleset.parts[part.code].name[lang],
            weight: part.weight,
            processed: part.processed,
            reason: part.reason ? translate(lang, `public.reason.${part.reason}` as MessageKey) : null,
            score: part.score,
            points: part.points,
            respondents: part.respondents,
            previous: partChange?.previous ?? null,
            change: partChange?.change ?? null,
            indicators: part.indicators.map((indicator) => ({
              ...indicator,
              name: names.find((candidate) => candidate.code === indicator.code)?.name[lang] ?? indicator.code,
              previous: partChange?.indicators[indicator.code]?.previous ?? null,
              change: partChange?.indicators[indicator.code]?.change ?? null,
            })),
          };
        }),
        changeYear: change?.fiscalYear ?? null,
        history: history.map((year) => ({ fiscalYear: year.fiscalYear, total: year.total, rating: lang === "th" ? year.rating.th : year.rating.en })),
      },
    },
    { headers },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export default function AgencyResultsPage() {
  const loaded = useLoaderData<typeof loader>();
  const t = useT();
  const { result, fiscalYear } = loaded;
  if (!result) {
    return (
      <>
        <h1>{t("public.agency.title", { agency: loaded.agency, year: fiscalYear })}</h1>
        <p className="notice" data-testid="not-published">
          {t("public.agency.notPublished", { year: fiscalYear })}
        </p>
        <p>
          <a href="/results">{t("public.nav.national")}</a>
        </p>
      </>
    );
  }
  const changeYear = result.changeYear;
  let row = 0;
  return (
    <>
      <p className="no-print">
        <a href={`/results/${fiscalYear}`}>{t("public.nav.national")}</a>
        {result.province ? (
          <>
            {" · "}
            <a href={`/results/${fiscalYear}/province/${result.province.slug}`}>{result.province.name}</a>
          </>
        ) : null}
      </p>
      <h1>{t("public.agency.title", { agency: loaded.agency, year: fiscalYear })}</h1>
      <YearNav years={loaded.years} current={fiscalYear} t={t} suffix={`/agency/${loaded.slug}`} />
      <p className="muted">{t("public.agency.publishedOn", { date: result.publishedOn })}</p>
      <p className="result-summary" data-testid="agency-summary">
        {t("public.agency.summary", { total: figure(result.total), rating: result.rating })}
      </p>

      <h2 id="parts-heading">{t("public.agency.parts")}</h2>
      <TableRegion id="parts" caption={t("public.agency.parts")}>
        <thead>
          <tr>
            <th scope="col">{t("public.col.instrument")}</th>
            <th scope="col" className="num">
              {t("public.col.score")}
            </th>
            <th scope="col" className="num">
              {t("public.col.points")}
            </th>
            <th scope="col" className="num">
              {t("public.col.respondents")}
            </th>
            {changeYear ? <ChangeHeads year={changeYear} t={t} /> : null}
          </tr>
        </thead>
        <tbody>
          {result.parts.map((part) => (
            <tr key={part.code} data-part={part.code}>
              <th scope="row">
                {part.name}
                {!part.processed ? (
                  <span className="status status-not-processed">
                    {" "}
                    · {t("public.notProcessed")}: {part.reason}
                  </span>
                ) : null}
              </th>
              <td className="num">{figure(part.score)}</td>
              <td className="num" data-testid={`points-${part.code}`}>
                {figure(part.points)} / {part.weight}
              </td>
              <td className="num">{part.respondents ?? "—"}</td>
              {changeYear ? <ChangeCells previous={part.previous} change={part.change} /> : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("public.col.total")}</th>
            <td className="num" data-testid="agency-total">
              {figure(result.total)}
            </td>
            <td colSpan={changeYear ? 4 : 2} data-testid="agency-rating">
              {result.rating}
            </td>
          </tr>
        </tfoot>
      </TableRegion>

      <h2 id="indicators-heading">{t("public.agency.indicators")}</h2>
      <TableRegion id="indicators" caption={t("public.agency.indicators")}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("public.col.instrument")}</th>
            <th scope="col">{t("public.col.indicator")}</th>
            <th scope="col" className="num">
              {t("public.col.score")}
            </th>
            <th scope="col">{t("public.col.pass")}</th>
            {changeYear ? <ChangeHeads year={changeYear} t={t} /> : null}
          </tr>
        </thead>
        <tbody>
          {result.parts.flatMap((part) =>
            part.indicators.map((indicator) => (
              <tr key={`${part.code}-${indicator.code}`} data-indicator={`${part.code}:${indicator.code}`}>
                <td className="num">{++row}</td>
                <td>{part.code.toUpperCase()}</td>
                <th scope="row">
                  {indicator.code}. {indicator.name}
                </th>
                <td className="num">{figure(indicator.score)}</td>
                <td>{indicator.pass === null ? "—" : indicator.pass ? t("public.pass") : t("public.fail")}</td>
                {changeYear ? <ChangeCells previous={indicator.previous} change={indicator.change} /> : null}
              </tr>
            )),
          )}
        </tbody>
      </TableRegion>

      {result.history.length ? (
        <>
          <h2 id="history-heading">{t("public.agency.history")}</h2>
          <TableRegion id="history" caption={t("public.agency.history")}>
            <thead>
              <tr>
                <th scope="col">{t("public.col.year")}</th>
                <th scope="col" className="num">
                  {t("public.col.total")}
                </th>
                <th scope="col">{t("public.col.rating")}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{fiscalYear}</th>
                <td className="num">{figure(result.total)}</td>
                <td>{result.rating}</td>
              </tr>
              {result.history.map((year) => (
                <tr key={year.fiscalYear} data-history={year.fiscalYear}>
                  <th scope="row">
                    <a href={`/results/${year.fiscalYear}/agency/${loaded.slug}`}>{year.fiscalYear}</a>
                  </th>
                  <td className="num">{figure(year.total)}</td>
                  <td>{year.rating}</td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        </>
      ) : null}
    </>
  );
}

/** The two columns beside this year's figure when an earlier year was published: that year's, and the change. */
function ChangeHeads({ year, t }: { year: number; t: ReturnType<typeof useT> }) {
  return (
    <>
      <th scope="col" className="num">
        {t("public.col.previous", { year })}
      </th>
      <th scope="col" className="num">
        {t("public.agency.changeAgainst", { year })}
      </th>
    </>
  );
}

function ChangeCells({ previous, change }: { previous: number | null | undefined; change: number | null | undefined }) {
  return (
    <>
      <td className="num">{figure(previous)}</td>
      <td className="num">{signed(change)}</td>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
