import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import type { PartFigures } from "~/domain/year-on-year";
import { getCycleRuleset, getPreviousCycle } from "~/models/cycle.server";
import { getAgencyScores, type AgencyScores } from "~/models/scores.server";
import { publishResults, type PublishOutcome } from "~/models/publication.server";
import { canEnterAssessorData, requireAdminAgency, requireCycle } from "~/services/admin-guard.server";
import { actionError, actionOk } from "~/utils/action-result";
import { formatThaiDate } from "~/utils/dates";
import { readForm } from "~/utils/http.server";
import { type MessageKey, localName } from "~/utils/i18n";
import { bothLangs } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";
import { PublishSchema } from "~/services/forms/admin-agency.server";
import { compareYears, instrumentIndicators, PART_CODES, PART_INSTRUMENT, PASS_MARK } from "~/services/forms/ruleset.server";
import { useRejectedForm } from "~/components/rejected-form";

/**
 * The figures the page shows for a year, per part and indicator: null where the disclosure rules
 * hide it (still collecting, too few: decision 012) or it was not processed.
 */
function shownFigures(scores: AgencyScores, ruleset: ReturnType<typeof getCycleRuleset>): PartFigures[] {
  return PART_CODES.map((code) => {
    const part = scores.assessment.parts[code];
    const shown = code === "oit" || scores.disclosure[code].shown;
    return {
      code,
      score: shown ? part.score : null,
      indicators: Object.fromEntries(
        instrumentIndicators(ruleset, PART_INSTRUMENT[code]).map((indicator) => [indicator.code, shown ? (part.indicators[indicator.code] ?? null) : null]),
      ),
    };
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const { session, agency } = await requireAdminAgency(request, params.slug);
  const cycle = await requireCycle(request);
  const ruleset = getCycleRuleset(cycle);
  const scores = await getAgencyScores(cycle, agency, ruleset);
  const { assessment: results, published: resultsFinal, participation: agencyCycle, disclosure, totalShown } = scores;
  // Year on year: the previous fiscal year's shown figures beside this year's (each year's own disclosure).
  const previousCycle = await getPreviousCycle(cycle.fiscalYear);
  const previousRuleset = previousCycle ? getCycleRuleset(previousCycle) : null;
  const previousScores = previousCycle && previousRuleset ? await getAgencyScores(previousCycle, agency, previousRuleset) : null;
  const yearOnYear =
    previousCycle && previousRuleset && previousScores?.registered
      ? { fiscalYear: previousCycle.fiscalYear, parts: compareYears(shownFigures(scores, ruleset), shownFigures(previousScores, previousRuleset)) }
      : null;
  return {
    yearOnYear,
    lang,
    passMark: PASS_MARK, // from the loader: domain/scoring reaches the zod ruleset schemas
    agency: { slug: agency.slug, name: localName(agency, lang) },
    fiscalYear: cycle.fiscalYear,
    final: resultsFinal,
    publishedOn: agencyCycle?.publishedAt ? formatThaiDate(agencyCycle.publishedAt, lang) : null,
    canPublish: canEnterAssessorData(session.user.grants) && Boolean(agencyCycle?.registered) && !agencyCycle?.publishedAt,
    parts: PART_CODES.map((code) => {
      const part = results.parts[code];
      // Still collecting: no figure yet, and not "not processed" either (decision 012).
      const collecting = code !== "oit" && !disclosure[code].shown && disclosure[code].reason === "collecting";
      return {
        collecting,
        code,
        name: ruleset.parts[code].name[lang],
        weight: ruleset.parts[code].weight,
        score: part.score,
        processed: collecting || part.processed,
        reason: collecting ? null : part.reason ? part.reason[lang] : null,
        indicators: instrumentIndicators(ruleset, PART_INSTRUMENT[code]).map((indicator) => ({
          code: indicator.code,
          name: indicator.name[lang],
          score: part.indicators[indicator.code] ?? null,
        })),
      };
    }),
    total: totalShown ? results.total : null,
    rating: totalShown ? results.rating[lang] : null,
  };
}

const PUBLISH_MESSAGES: Record<PublishOutcome, MessageKey> = {
  published: "results.publish.done",
  "already-published": "results.publish.already",
  "not-registered": "results.publish.notRegistered",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const { session, agency } = await requireAdminAgency(request, params.slug);
  if (!canEnterAssessorData(session.user.grants)) throw new Response(bothLangs("refuse.publish"), { status: 403 });
  const cycle = await requireCycle(request);
  const parsed = PublishSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return actionError(400, { message: "results.publish.needConfirm" });
  const outcome = await publishResults(agency.id, cycle.id, session.userId);
  return outcome === "published" ? actionOk({ message: PUBLISH_MESSAGES[outcome] }) : actionError(409, { message: PUBLISH_MESSAGES[outcome] });
}

const format = (value: number | null) => (value === null ? "—" : value.toFixed(2));
const signed = (value: number | null) => (value === null ? "—" : `${value > 0 ? "+" : ""}${value.toFixed(2)}`);

/** The result table in the NACC's published shape: instrument · indicator · score · pass at 85. */
export default function ResultsPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const navigation = useNavigation();
  const t = useT();
  let row = 0;
  return (
    <>
      <p className="no-print">
        <Link to={`/admin/agencies/${loaded.agency.slug}`}>{loaded.agency.name}</Link> ·{" "}
        <Link to={`/admin/agencies/${loaded.agency.slug}/plan`}>{t("plan.link")}</Link> ·{" "}
        <button type="button" className="link-button" onClick={() => window.print()}>
          {t("results.print")}
        </button>
      </p>
      <h1 id="results-title">
        {t("results.title")} — {loaded.agency.name}
      </h1>
      <p className="muted">{t("home.cycle", { year: loaded.fiscalYear })}</p>
      {loaded.publishedOn ? <p data-testid="results-published">{t("results.publishedAt", { date: loaded.publishedOn })}</p> : null}
      {result?.message ? (
        <p role="status" className={result.ok ? "notice ok" : "notice"}>
          {t(result.message)}
        </p>
      ) : null}
      {!loaded.final ? <p className="notice">{t("results.provisional")}</p> : null}
      <TableRegion labelledBy="results-title">
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
                  {part.collecting ? <span className="status"> · {t("results.collecting")}</span> : null}
                  {!part.processed ? (
                    <span className="status status-not-processed">
                      {" "}
                      · {t("results.notProcessed")}: {part.reason}
                    </span>
                  ) : null}
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
                  <td>{indicator.score === null ? "—" : indicator.score >= loaded.passMark ? t("results.pass") : t("results.fail")}</td>
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
              <td data-testid="results-rating">{loaded.rating ?? "—"}</td>
            </tr>
          </tfoot>
        </table>
      </TableRegion>
      {loaded.yearOnYear ? (
        <section data-testid="year-on-year">
          <h2 id="results-yoy">{t("years.yoy.title", { year: loaded.yearOnYear.fiscalYear })}</h2>
          <TableRegion labelledBy="results-yoy">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("dash.indicator")}</th>
                  <th scope="col">{t("home.cycle", { year: loaded.fiscalYear })}</th>
                  <th scope="col">{t("years.yoy.previous", { year: loaded.yearOnYear.fiscalYear })}</th>
                  <th scope="col">{t("years.yoy.change")}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.parts.flatMap((part) => {
                  const change = loaded.yearOnYear!.parts.find((candidate) => candidate.code === part.code);
                  const shownNow = !part.collecting && part.score !== null ? part.score : null;
                  return [
                    <tr key={part.code} className="part-row" data-yoy-part={part.code}>
                      <th scope="row">{part.name}</th>
                      <td className="num">{format(shownNow)}</td>
                      <td className="num">{format(change?.previous ?? null)}</td>
                      <td className="num">{signed(change?.change ?? null)}</td>
                    </tr>,
                    ...part.indicators.map((indicator) => {
                      const indicatorChange = change?.indicators[indicator.code];
                      return (
                        <tr key={`${part.code}-${indicator.code}`} data-yoy-indicator={`${part.code}:${indicator.code}`}>
                          <td>
                            {indicator.code}. {indicator.name}
                          </td>
                          <td className="num">{format(part.collecting ? null : indicator.score)}</td>
                          <td className="num">{format(indicatorChange?.previous ?? null)}</td>
                          <td className="num">{signed(indicatorChange?.change ?? null)}</td>
                        </tr>
                      );
                    }),
                  ];
                })}
              </tbody>
            </table>
          </TableRegion>
        </section>
      ) : null}
      <p className="no-print">
        {t("export.title")}:{" "}
        {(["csv", "xlsx", "json"] as const).map((kind) => (
          <span key={kind}>
            <a href={`/admin/export?scope=agency:${loaded.agency.slug}&format=${kind}`} download>
              {t(`export.${kind}`)}
            </a>{" "}
          </span>
        ))}
      </p>
      {loaded.canPublish ? (
        <Form method="post" className="no-print publish-form">
          <h2>{t("results.publish.title")}</h2>
          <p>{t("results.publish.explain")}</p>
          <input type="hidden" name="intent" value="publish" />
          <label>
            <input type="checkbox" name="confirm" value="yes" required /> {t("results.publish.confirm")}
          </label>{" "}
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("results.publish.button")}
          </button>
        </Form>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
