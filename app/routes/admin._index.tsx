import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AdminBar } from "~/components/admin-bar";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listAgenciesInScope } from "~/models/agency.server";
import { getCurrentCycle, getCycleRuleset } from "~/models/cycle.server";
import { minimumsFor } from "~/models/progress.server";
import { agencyScope, requireAdmin } from "~/utils/admin.server";
import { translate, type MessageKey } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";

const PAGE_SIZE = 50;
const QuerySchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireAdmin(request);
  const lang = await getLang(request);
  const grants = session.user.grants;
  // An agency's own officer goes straight to the agency's dashboard.
  if (grants.length === 1 && grants[0].role === "agency_admin" && grants[0].agency) {
    throw redirect(`/admin/agencies/${grants[0].agency.slug}`);
  }
  const cycle = await getCurrentCycle();
  const { page } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const admin = { name: session.user.name, roles: grants.map((grant) => grant.role) };
  if (!cycle) return { lang, admin, cycle: null, rows: [], total: 0, page, pages: 0 };
  const ruleset = getCycleRuleset(cycle);
  const { total, agencies } = await listAgenciesInScope(agencyScope(grants), cycle.id, page, PAGE_SIZE);
  const rows = agencies.map((agency) => {
    const participation = agency.participations[0];
    const minimums = minimumsFor(
      { internalPopulation: participation?.internalPopulation ?? null, externalPopulation: participation?.externalPopulation ?? null, sizeGroup: agency.sizeGroup },
      ruleset,
    );
    const count = (instrument: string) => agency.tallies.find((tally) => tally.instrument === instrument)?.responses ?? 0;
    return {
      slug: agency.slug,
      name: lang === "th" ? agency.nameTh : agency.nameEn,
      province: agency.province ? (lang === "th" ? agency.province.nameTh : agency.province.nameEn) : "—",
      cells: (["iit", "eit1", "eit2"] as const).map((instrument) => ({ instrument, responses: count(instrument), minimum: minimums[instrument] })),
    };
  });
  return { lang, admin, cycle: { fiscalYear: cycle.fiscalYear }, rows, total, page, pages: Math.ceil(total / PAGE_SIZE) };
}

export default function AdminHomePage() {
  const { lang, admin, cycle, rows, total, page, pages } = useLoaderData<typeof loader>();
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
  return (
    <>
      <AdminBar lang={lang} name={admin.name} roles={admin.roles} />
      <h1>{t("admin.home.title")}</h1>
      {!cycle ? (
        <p>{t("admin.noCycle")}</p>
      ) : (
        <>
          <p className="muted">{t("home.cycle", { year: cycle.fiscalYear })}</p>
          <h2>{t("admin.home.agencies")}</h2>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.table.agency")}</th>
                <th scope="col">{t("admin.table.province")}</th>
                <th scope="col">IIT</th>
                <th scope="col">EIT 1</th>
                <th scope="col">EIT 2</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.slug}>
                  <td>
                    <Link to={`/admin/agencies/${row.slug}`}>{row.name}</Link>
                  </td>
                  <td>{row.province}</td>
                  {row.cells.map((cell) => (
                    <td key={cell.instrument} className={cell.minimum !== null && cell.responses >= cell.minimum ? "ok" : "short"}>
                      {cell.responses} / {cell.minimum ?? "—"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t("admin.page", { page, pages, total })}</p>
          <p>
            {page > 1 ? <Link to={`?page=${page - 1}`}>{t("admin.previous")}</Link> : null} {page < pages ? <Link to={`?page=${page + 1}`}>{t("admin.next")}</Link> : null}
          </p>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
