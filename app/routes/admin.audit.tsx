// The audit log for the system administrator: who did what to what, when (Bangkok time), with
// what outcome; filtered by actor, action and dates, newest first, 50 a page by keyset (the log can
// hold a year of events), and the same filter as a CSV (/admin/audit.csv). No respondent data is
// in the log, so none can be shown here (app/services/audit-log.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSystemAdmin } from "~/services/admin-guard.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/field";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import { AUDIT_RETENTION_DAYS } from "~/models/audit.server";
import { AUDIT_CSV_MAX_ROWS, auditLogPage, parseAuditQuery, type AuditQuery } from "~/services/audit-log.server";
import { formatThaiDateTime } from "~/utils/dates";
import { localName } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";

// The query's schema is AuditQuerySchema (services/audit-log.server.ts), shared with the CSV.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSystemAdmin(request);
  const lang = await getLang(request);
  const query = parseAuditQuery(new URL(request.url));
  const page = await auditLogPage(query);
  return {
    // From the loader: these constants live in .server files, which the browser bundle does not have.
    retentionDays: AUDIT_RETENTION_DAYS,
    csvMaxRows: AUDIT_CSV_MAX_ROWS,
    lang,
    query,
    badRange: page.badRange,
    actions: page.actions,
    older: page.older,
    newer: page.newer,
    rows: page.rows.map((row) => ({
      id: row.id,
      at: formatThaiDateTime(row.at, lang),
      atIso: row.at.toISOString(),
      actor: row.actor ? { name: row.actor.name, email: row.actor.email } : null,
      actorId: row.actorId,
      action: row.action,
      outcome: row.outcome,
      agency: row.agency ? `${row.agency.code} · ${localName(row.agency, lang)}` : null,
      target: row.target,
      detail: row.detail,
    })),
  };
}

export default function AuditLogPage() {
  const loaded = useLoaderData<typeof loader>();
  const { query } = loaded;
  const t = useT();
  const filters = (change: Partial<AuditQuery>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...query, older: undefined, newer: undefined, ...change })) if (value) params.set(key, String(value));
    return params.toString();
  };
  return (
    <>
      <h1>{t("operations.audit.title")}</h1>
      <p className="muted">{t("operations.audit.explain", { days: loaded.retentionDays })}</p>
      <Form method="get" className="filters">
        <Field name="actor" label={t("operations.audit.actor")} inputProps={{ type: "search", defaultValue: query.actor, maxLength: 100 }} />{" "}
        <Field
          name="action"
          label={t("operations.audit.action")}
          inputProps={{ type: "search", defaultValue: query.action, maxLength: 100, list: "audit-actions" }}
        />
        <datalist id="audit-actions">
          {loaded.actions.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>{" "}
        <Field
          name="from"
          label={t("operations.audit.from")}
          error={loaded.badRange ? t("operations.audit.badRange") : null}
          inputProps={{ type: "date", defaultValue: query.from }}
        />{" "}
        <Field name="to" label={t("operations.audit.to")} inputProps={{ type: "date", defaultValue: query.to }} />{" "}
        <button type="submit">{t("operations.audit.apply")}</button> <Link to="/admin/audit">{t("operations.audit.clear")}</Link>
      </Form>

      {loaded.rows.length === 0 ? (
        <p data-testid="audit-none">{t("operations.audit.none")}</p>
      ) : (
        <TableRegion label={t("operations.audit.title")}>
          <table className="data-table audit-table">
            <thead>
              <tr>
                <th scope="col">{t("operations.audit.col.at")}</th>
                <th scope="col">{t("operations.audit.col.actor")}</th>
                <th scope="col">{t("operations.audit.col.action")}</th>
                <th scope="col">{t("operations.audit.col.outcome")}</th>
                <th scope="col">{t("operations.audit.col.agency")}</th>
                <th scope="col">{t("operations.audit.col.target")}</th>
                <th scope="col">{t("operations.audit.col.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.rows.map((row) => (
                <tr key={row.id} data-audit={row.id}>
                  <td>
                    <time dateTime={row.atIso}>{row.at}</time>
                  </td>
                  <td>
                    {row.actor ? (
                      <>
                        {row.actor.name}
                        <div className="muted">{row.actor.email}</div>
                      </>
                    ) : (
                      <span className="muted">{t(row.actorId ? "operations.audit.unknownUser" : "operations.audit.system")}</span>
                    )}
                  </td>
                  <td>
                    <code>{row.action}</code>
                  </td>
                  <td>{row.outcome}</td>
                  <td>{row.agency ?? "—"}</td>
                  <td>{row.target ? <code>{row.target}</code> : "—"}</td>
                  <td className="muted">{row.detail ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <p>
        {query.older || query.newer ? <Link to={`?${filters({})}`}>{t("operations.audit.newest")}</Link> : null}{" "}
        {loaded.newer ? <Link to={`?${filters({ newer: loaded.newer })}`}>{t("operations.audit.newer")}</Link> : null}{" "}
        {loaded.older ? <Link to={`?${filters({ older: loaded.older })}`}>{t("operations.audit.older")}</Link> : null}
      </p>
      <p>
        <a href={`/admin/audit.csv?${filters({})}`} download>
          {t("operations.audit.csv")}
        </a>{" "}
        <span className="muted">{t("operations.audit.csvNote", { rows: loaded.csvMaxRows.toLocaleString("en") })}</span>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
