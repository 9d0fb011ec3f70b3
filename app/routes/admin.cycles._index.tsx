// /admin/cycles: every fiscal year's cycle — rules, windows, state today, registrations, responses
// (the system administrator's; the same list as `npm run ita -- cycle:list`).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import { requireSystemAdmin } from "~/services/admin-guard.server";
import { listFiscalYears } from "~/services/fiscal-years.server";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSystemAdmin(request);
  return { lang: await getLang(request), cycles: await listFiscalYears() };
}

export default function CyclesPage() {
  const { cycles } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("years.title")}</h1>
      <p>
        <Link className="button" to="/admin/cycles/new">
          {t("years.new")}
        </Link>
      </p>
      <TableRegion label={t("years.title")}>
        <table className="data-table" data-testid="cycles">
          <thead>
            <tr>
              <th scope="col">{t("years.col.year")}</th>
              <th scope="col">{t("years.col.rules")}</th>
              <th scope="col">{t("years.col.windows")}</th>
              <th scope="col">{t("years.col.state")}</th>
              <th scope="col">{t("years.col.agencies")}</th>
              <th scope="col">{t("years.col.responses")}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {cycles.map((cycle) => (
              <tr key={cycle.fiscalYear} data-year={cycle.fiscalYear}>
                <th scope="row">{cycle.fiscalYear}</th>
                <td>{cycle.rulesVersion}</td>
                <td>
                  IIT {cycle.windows.iit}
                  <br />
                  EIT {cycle.windows.eit}
                  <br />
                  OIT {cycle.windows.oit}
                </td>
                <td>
                  {t(`years.state.${cycle.state}`)}
                  {cycle.current ? ` · ${t("years.state.current")}` : ""}
                </td>
                <td className="num">{cycle.agenciesRegistered}</td>
                <td className="num">{cycle.responses}</td>
                <td>
                  <Link to={`/admin/cycles/${cycle.fiscalYear}`}>{t("years.editWindows")}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p className="muted">{t("years.windows.hint")}</p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
