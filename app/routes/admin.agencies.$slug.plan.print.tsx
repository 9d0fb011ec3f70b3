import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import { type MessageKey, localName } from "~/utils/i18n";
import { loadImprovementReport } from "~/services/improvement-report.server";
import reportStyles from "~/styles/report.css";
import { useT } from "~/utils/use-lang";

// The printable report (A4, Sarabun): what agencies publish on their websites. Any saved version
// can be printed again with ?version=N. Browsers print it to PDF; Word users get /plan.docx.

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

// Printed: no admin bar above it (app/routes/admin.tsx).
export const handle = { adminBar: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lang, agency, view } = await loadImprovementReport(request, params.slug);
  return { lang, agency: { slug: agency.slug, name: localName(agency, lang) }, report: view };
}

export default function ImprovementReportPrint() {
  const { lang, agency, report } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p className="no-print">
        <Link to={`/admin/agencies/${agency.slug}/plan`}>{t("plan.edit")}</Link> ·{" "}
        <button type="button" className="link-button" onClick={() => window.print()}>
          {t("results.print")}
        </button>{" "}
        · <a href={`/admin/agencies/${agency.slug}/plan.docx${report.versionParam ? `?version=${report.versionParam}` : ""}`}>{t("plan.docx")}</a>
      </p>
      <article className="report" lang={lang}>
        <h1>
          {t("plan.title")}
          <br />
          {agency.name}
          <br />
          {t("home.cycle", { year: report.fiscalYear })}
        </h1>
        {!report.published ? <p className="no-print notice">{t("report.provisional")}</p> : null}

        <h2>{t("report.methodology")}</h2>
        {report.methodology.map((section) => (
          <section key={section.heading}>
            <h3>{section.heading}</h3>
            <ul>
              {section.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>
        ))}

        <h2 id="report-overall">{t("report.overall")}</h2>
        <p data-testid="report-total">
          {t("results.total")} {report.total} — {t("results.rating")} {report.rating}
        </p>
        <TableRegion labelledBy="report-overall">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("results.part")}</th>
                <th scope="col" className="num">
                  {t("results.weight")}
                </th>
                <th scope="col" className="num">
                  {t("results.score")}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.parts.map((part) => (
                <tr key={part.name}>
                  <td>
                    {part.name}
                    {!part.processed && part.reason ? ` (${t("results.notProcessed")}: ${part.reason})` : ""}
                  </td>
                  <td className="num">{part.weight}%</td>
                  <td className="num">{part.score}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>

        <h2 id="report-table">{t("report.table")}</h2>
        <TableRegion labelledBy="report-table">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("report.no")}</th>
                <th scope="col">{t("results.part")}</th>
                <th scope="col">{t("dash.indicator")}</th>
                <th scope="col" className="num">
                  {t("results.score")}
                </th>
                <th scope="col">{report.verdictHeading}</th>
              </tr>
            </thead>
            <tbody>
              {report.indicators.map((indicator) => (
                <tr key={indicator.code} data-indicator={indicator.code}>
                  <td>{indicator.no}</td>
                  <td>{indicator.instrument}</td>
                  <td>
                    {indicator.codeShown}. {indicator.name}
                  </td>
                  <td className="num">{indicator.score}</td>
                  <td>{indicator.verdict}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <p className="muted">{report.passNote}</p>

        <h2>{t("report.analysis")}</h2>
        {report.indicators.map((indicator) => (
          <section key={indicator.code} data-indicator-analysis={indicator.code}>
            <h3 id={`report-analysis-${indicator.code}`}>{t("plan.indicator", { code: indicator.codeShown, name: indicator.name })}</h3>
            <p>{indicator.text}</p>
            {indicator.weakItems.length > 0 ? (
              <ul>
                {indicator.weakItems.map((item) => (
                  <li key={item.code}>
                    {t("plan.item", { code: item.code })} {item.wording} ({item.score})
                  </li>
                ))}
              </ul>
            ) : null}
            {indicator.note ? <p>{indicator.note}</p> : null}
            {report.previousYear && indicator.previous.length > 0 ? (
              <p className="previous">
                {t("plan.previous", { year: report.previousYear })}: {indicator.previous.join(" · ")}
              </p>
            ) : null}
            {indicator.measures.length > 0 ? (
              <TableRegion labelledBy={`report-analysis-${indicator.code}`}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("plan.measure")}</th>
                      <th scope="col">{t("plan.steps")}</th>
                      <th scope="col">{t("plan.period")}</th>
                      <th scope="col">{t("plan.unit")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {indicator.measures.map((measure, index) => (
                      <tr key={index}>
                        <td>{measure.title}</td>
                        <td>{measure.steps}</td>
                        <td>{measure.period}</td>
                        <td>{measure.unit}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            ) : (
              <p className="muted">{t("plan.noMeasures")}</p>
            )}
          </section>
        ))}

        <div className="signatures">
          {report.signatures.map((signature) => (
            <div key={signature.who}>
              <div className="signature-line">{t("report.signHere")} ....................................</div>
              <div>({signature.name || "...................................."})</div>
              <div>{signature.position || t(`plan.sig.${signature.who}` as MessageKey)}</div>
            </div>
          ))}
        </div>
      </article>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
