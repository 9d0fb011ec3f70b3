import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AdminBar } from "~/components/admin-bar";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { instrumentIndicators, PART_CODES, PART_INSTRUMENT } from "~/domain/ruleset";
import { getCycleRuleset } from "~/models/cycle.server";
import { getAgencyProgress } from "~/models/progress.server";
import { requireAdminAgency, requireCurrentCycle } from "~/utils/admin.server";
import { translate, type MessageKey } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";

// ITA 2568: an indicator "passes" at 85 in the published result table.
const PASS_MARK = 85;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const { session, agency } = await requireAdminAgency(request, params.slug);
  const cycle = await requireCurrentCycle();
  const ruleset = getCycleRuleset(cycle);
  const { results, resultsFinal } = await getAgencyProgress(agency.id, cycle, ruleset);
  return {
    lang,
    admin: { name: session.user.name, roles: session.user.grants.map((grant) => grant.role) },
    agency: { slug: agency.slug, name: lang === "th" ? agency.nameTh : agency.nameEn },
    fiscalYear: cycle.fiscalYear,
    final: resultsFinal,
    parts: PART_CODES.map((code) => {
      const part = results.parts[code];
      return {
        code,
        name: ruleset.parts[code].name[lang],
        weight: ruleset.parts[code].weight,
        score: part.score,
        processed: part.processed,
        reason: part.reason ? part.reason[lang] : null,
        indicators: instrumentIndicators(ruleset, PART_INSTRUMENT[code]).map((indicator) => ({
          code: indicator.code,
          name: indicator.name[lang],
          score: part.indicators[indicator.code] ?? null,
        })),
      };
    }),
    total: results.total,
    rating: results.rating[lang],
  };
}

const format = (value: number | null) => (value === null ? "—" : value.toFixed(2));

/** The result table in the NACC's published shape: instrument · indicator · score · pass at 85. */
export default function ResultsPage() {
  const loaded = useLoaderData<typeof loader>();
  const { lang } = loaded;
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
  let row = 0;
  return (
    <>
      <AdminBar lang={lang} name={loaded.admin.name} roles={loaded.admin.roles} />
      <p className="no-print">
        <Link to={`/admin/agencies/${loaded.agency.slug}`}>{loaded.agency.name}</Link> ·{" "}
        <button type="button" className="link-button" onClick={() => window.print()}>
          {t("results.print")}
        </button>
      </p>
      <h1>
        {t("results.title")} — {loaded.agency.name}
      </h1>
      <p className="muted">{t("home.cycle", { year: loaded.fiscalYear })}</p>
      {!loaded.final ? <p className="notice">{t("results.provisional")}</p> : null}
      <table className="data-table results-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("results.part")}</th>
            <th scope="col">{t("dash.indicator")}</th>
            <th scope="col">{t("results.score")}</th>
            <th scope="col">{t("results.pass")}</th>
          </tr>
        </thead>
        <tbody>
          {loaded.parts.flatMap((part) => [
            <tr key={part.code} className="part-row" data-part={part.code}>
              <th scope="row" colSpan={3}>
                {part.name} ({t("results.weight")} {part.weight}%)
                {!part.processed ? <span className="status status-not-processed"> · {t("results.notProcessed")}: {part.reason}</span> : null}
              </th>
              <td className="num">{format(part.score)}</td>
              <td />
            </tr>,
            ...part.indicators.map((indicator) => (
              <tr key={`${part.code}-${indicator.code}`} data-indicator={indicator.code}>
                <td className="num">{++row}</td>
                <td>{part.code.toUpperCase()}</td>
                <td>
                  {indicator.code}. {indicator.name}
                </td>
                <td className="num">{format(indicator.score)}</td>
                <td>{indicator.score === null ? "—" : indicator.score >= PASS_MARK ? t("results.pass") : t("results.fail")}</td>
              </tr>
            )),
          ])}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t("results.total")}
            </th>
            <td className="num" data-testid="results-total">
              {format(loaded.total)}
            </td>
            <td data-testid="results-rating">{loaded.rating}</td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
