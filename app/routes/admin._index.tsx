import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import { IntegrityFlagList } from "~/components/integrity-flags";
import { AGENCY_KIND_CODES as AGENCY_KINDS } from "~/domain/agency-kinds";
import { INTEGRITY_FLAG_ROLES } from "~/domain/integrity-flags";
import { readIntegrityFlags } from "~/models/integrity.server";
import { getCycleRuleset } from "~/models/cycle.server";
import { getOverview, listProvinces, provinceTotals, type AgencyOverview } from "~/models/overview.server";
import { agencyScope, chosenCycle, requireAdmin } from "~/services/admin-guard.server";
import { formatThaiDateTime } from "~/utils/dates";
import { type MessageKey, localName } from "~/utils/i18n";
import { translate } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { matchesSearch, searchTerms } from "~/utils/thai-search";
import { useT } from "~/utils/use-lang";
import { OverviewQuerySchema, type OverviewQuery } from "~/services/forms/admin-settings.server";
import { OVERVIEW_INSTRUMENTS, OVERVIEW_SHOWS, OVERVIEW_SORTS } from "~/utils/forms/overview-options";

const PAGE_SIZE = 50;

const RISK_ORDER = { missed: 0, "at-risk": 1, "no-population": 2, "not-registered": 3 } as const;
const thaiCollator = new Intl.Collator("th");

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireAdmin(request);
  const lang = await getLang(request);
  const grants = session.user.grants;
  // An agency's own officer goes straight to the agency's dashboard.
  if (grants.length === 1 && grants[0].role === "agency_admin" && grants[0].agency) {
    throw redirect(`/admin/agencies/${grants[0].agency.slug}`);
  }
  const query = OverviewQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { cycle } = await chosenCycle(request); // the year switcher's choice (app/routes/admin.tsx)
  if (!cycle) return { lang, query, cycle: null } as const;

  const scope = agencyScope(grants);
  const { rows: inScope, computedAt } = await getOverview(scope, cycle, getCycleRuleset(cycle), { fresh: scope.all && query.refresh === "1" });
  const allProvinces = await listProvinces();
  const provinceIdsInScope = new Set(inScope.map((row) => row.provinceId));
  const provinces = allProvinces.filter((province) => provinceIdsInScope.has(province.id));
  const provinceById = new Map(allProvinces.map((province) => [province.id, province]));
  const provinceName = (id: string | null) => {
    const province = id ? provinceById.get(id) : null;
    return province ? localName(province, lang) : translate(lang, "overview.central");
  };

  // Filter, sort and page in memory: the rows are already scored (8,300 at most).
  const selectedProvince = query.province === "central" ? null : provinces.find((province) => province.slug === query.province);
  const terms = searchTerms(query.q);
  const shown = inScope.filter(
    (row) =>
      (query.province === "" || (query.province === "central" ? row.provinceId === null : row.provinceId === selectedProvince?.id)) &&
      (query.kind === "" || row.kind === query.kind) &&
      matchesShow(row, query.show) &&
      matchesSearch(terms, row.nameTh, row.nameEn, row.slug),
  );
  const compare = comparator(query.sort, provinceName);
  shown.sort((a, b) => (query.dir === "asc" ? compare(a, b) : compare(b, a)) || thaiCollator.compare(a.nameTh, b.nameTh));
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);

  // What the export links cover: the province filtered on, else the nation (assessor) or the
  // coordinator's one province.
  const exportScope = selectedProvince
    ? `province:${selectedProvince.slug}`
    : scope.all
      ? "nation"
      : provinces.length === 1 && !provinceIdsInScope.has(null)
        ? `province:${provinces[0].slug}`
        : null;
  const pageRows = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  // Stuffing flags (attack M7) for the coordinator and the assessor, for the rows on this page.
  const seesIntegrity = grants.some((grant) => (INTEGRITY_FLAG_ROLES as readonly string[]).includes(grant.role));
  const flags = seesIntegrity
    ? await readIntegrityFlags(
        pageRows.map((row) => row.id),
        cycle,
      )
    : new Map();
  return {
    lang,
    query: { ...query, page },
    cycle: { fiscalYear: cycle.fiscalYear },
    national: scope.all,
    computedAt: formatThaiDateTime(computedAt, lang),
    summary: {
      agencies: inScope.length,
      registered: inScope.filter((row) => row.registered).length,
      atRisk: inScope.filter((row) => row.risk).length,
    },
    matching: shown.length,
    pages,
    provinces: provinces.map((province) => ({ slug: province.slug, name: localName(province, lang) })),
    hasCentral: provinceIdsInScope.has(null),
    totals: provinceTotals(inScope)
      .map((totals) => ({
        ...totals,
        name: provinceName(totals.provinceId),
        slug: totals.provinceId ? (provinceById.get(totals.provinceId)?.slug ?? "") : "central",
      }))
      .sort((a, b) => thaiCollator.compare(a.name, b.name)),
    rows: pageRows.map((row) => ({
      slug: row.slug,
      name: localName(row, lang),
      province: provinceName(row.provinceId),
      risk: row.risk,
      integrity: flags.get(row.id) ?? null,
      published: row.published,
      total: row.total,
      rating: row.rating?.[lang] ?? null,
      cells: OVERVIEW_INSTRUMENTS.map((instrument) => ({ instrument, ...row.instruments[instrument] })),
    })),
    exportScope,
  };
}

function matchesShow(row: AgencyOverview, show: OverviewQuery["show"]): boolean {
  switch (show) {
    case "all":
      return true;
    case "attention":
      return row.risk !== null;
    case "at-risk":
      return OVERVIEW_INSTRUMENTS.some((instrument) => row.instruments[instrument].forecast.status === "at-risk");
    case "reached":
      return OVERVIEW_INSTRUMENTS.every((instrument) => row.instruments[instrument].forecast.status === "reached");
    case "published":
      return row.published;
  }
}

function comparator(sort: OverviewQuery["sort"], provinceName: (id: string | null) => string): (a: AgencyOverview, b: AgencyOverview) => number {
  const percent = (instrument: (typeof OVERVIEW_INSTRUMENTS)[number]) => (row: AgencyOverview) => row.instruments[instrument].percent ?? -1;
  switch (sort) {
    case "name":
      return (a, b) => thaiCollator.compare(a.nameTh, b.nameTh);
    case "province":
      return (a, b) => thaiCollator.compare(provinceName(a.provinceId), provinceName(b.provinceId));
    case "total":
      return (a, b) => (a.total ?? -1) - (b.total ?? -1);
    case "risk":
      return (a, b) => (a.risk ? RISK_ORDER[a.risk] : 9) - (b.risk ? RISK_ORDER[b.risk] : 9);
    default: {
      const of = percent(sort);
      return (a, b) => of(a) - of(b);
    }
  }
}

export default function AdminOverviewPage() {
  const loaded = useLoaderData<typeof loader>();
  const { query } = loaded;
  const t = useT();
  if (!loaded.cycle) {
    return (
      <>
        <h1>{t("admin.home.title")}</h1>
        <p>{t("admin.noCycle")}</p>
      </>
    );
  }
  const linkTo = (change: Partial<OverviewQuery>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...query, refresh: undefined, ...change })) {
      if (value !== undefined && value !== "" && !(key === "page" && value === 1)) params.set(key, String(value));
    }
    return `?${params.toString()}`;
  };
  return (
    <>
      <h1>{t(loaded.national ? "overview.title.nation" : "overview.title.scope")}</h1>
      <p className="muted">
        {t("home.cycle", { year: loaded.cycle.fiscalYear })} · {t("overview.asOf", { time: loaded.computedAt })}
        {loaded.national ? (
          <>
            {" · "}
            <Link to={linkTo({ refresh: "1" })}>{t("overview.refresh")}</Link>
          </>
        ) : null}
      </p>
      <p data-testid="overview-summary">{t("overview.summary", loaded.summary)}</p>

      <Form method="get" className="filters">
        <label>
          {t("overview.search")} <input type="search" name="q" defaultValue={query.q} maxLength={100} />
        </label>{" "}
        {loaded.provinces.length > 1 || loaded.hasCentral ? (
          <label>
            {t("overview.province")}{" "}
            <select name="province" defaultValue={query.province}>
              <option value="">{t("overview.allProvinces")}</option>
              {loaded.provinces.map((province) => (
                <option key={province.slug} value={province.slug}>
                  {province.name}
                </option>
              ))}
              {loaded.hasCentral ? <option value="central">{t("overview.central")}</option> : null}
            </select>
          </label>
        ) : null}{" "}
        <label>
          {t("overview.kind")}{" "}
          <select name="kind" defaultValue={query.kind}>
            <option value="">{t("overview.allKinds")}</option>
            {AGENCY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("overview.show")}{" "}
          <select name="show" defaultValue={query.show}>
            {OVERVIEW_SHOWS.map((show) => (
              <option key={show} value={show}>
                {t(`overview.filter.${show}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("overview.sort")}{" "}
          <select name="sort" defaultValue={query.sort}>
            {OVERVIEW_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`overview.sort.${sort}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>{" "}
        <select name="dir" defaultValue={query.dir} aria-label={t("overview.sort")}>
          <option value="asc">{t("overview.dir.asc")}</option>
          <option value="desc">{t("overview.dir.desc")}</option>
        </select>{" "}
        <button type="submit">{t("overview.apply")}</button>
      </Form>

      {loaded.rows.length === 0 ? (
        <p>{t("overview.none")}</p>
      ) : (
        <TableRegion label={t(loaded.national ? "overview.title.nation" : "overview.title.scope")}>
          <table className="data-table overview-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.table.agency")}</th>
                <th scope="col">{t("admin.table.province")}</th>
                <th scope="col">IIT</th>
                <th scope="col">EIT 1</th>
                <th scope="col">EIT 2</th>
                <th scope="col">{t("overview.col.total")}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.rows.map((row) => (
                <tr key={row.slug} data-agency={row.slug} data-risk={row.risk ?? "none"}>
                  <td>
                    <Link to={`/admin/agencies/${row.slug}`}>{row.name}</Link>
                    {row.risk ? <div className="status status-not-processed">{t(`risk.${row.risk}` as MessageKey)}</div> : null}
                    {row.integrity ? (
                      <div className="status status-not-processed" data-testid="integrity-flagged">
                        {t("integrity.flagged")}
                        <IntegrityFlagList flags={row.integrity} t={t} />
                      </div>
                    ) : null}
                  </td>
                  <td>{row.province}</td>
                  {row.cells.map((cell) => (
                    <td
                      key={cell.instrument}
                      className={cell.forecast.status === "reached" ? "ok" : "short"}
                      data-instrument={cell.instrument}
                      data-forecast={cell.forecast.status}
                    >
                      <span className="num">
                        {cell.responses} / {cell.minimum ?? "—"}
                        {cell.percent !== null ? ` (${cell.percent}%)` : ""}
                      </span>
                      <div className="muted small">
                        {t(`forecast.${cell.forecast.status}` as MessageKey, {
                          needed: cell.forecast.neededPerDay ?? 0,
                          rate: Math.round(cell.forecast.dailyRate * 10) / 10,
                        })}
                      </div>
                    </td>
                  ))}
                  <td className="num">
                    <Link to={`/admin/agencies/${row.slug}/results`}>{row.total === null ? "—" : row.total.toFixed(2)}</Link>
                    <div className="muted small">{row.rating}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <p className="muted">{t("admin.page", { page: query.page, pages: loaded.pages, total: loaded.matching })}</p>
      <p>
        {query.page > 1 ? <Link to={linkTo({ page: query.page - 1 })}>{t("admin.previous")}</Link> : null}{" "}
        {query.page < loaded.pages ? <Link to={linkTo({ page: query.page + 1 })}>{t("admin.next")}</Link> : null}
      </p>

      <details open={!loaded.national}>
        <summary>{t("overview.provinces")}</summary>
        <TableRegion label={t("overview.provinces")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("overview.province")}</th>
                <th scope="col" className="num">
                  {t("overview.col.agencies")}
                </th>
                <th scope="col" className="num">
                  {t("overview.col.registered")}
                </th>
                <th scope="col" className="num">
                  {t("overview.col.atRisk")}
                </th>
                {OVERVIEW_INSTRUMENTS.map((instrument) => (
                  <th key={instrument} scope="col" className="num">
                    {t("overview.col.reached", { instrument: instrument.toUpperCase() })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {loaded.totals.map((totals) => (
                <tr key={totals.slug} data-province={totals.slug}>
                  <td>
                    <Link to={linkTo({ province: totals.slug, page: 1 })}>{totals.name}</Link>
                  </td>
                  <td className="num">{totals.agencies}</td>
                  <td className="num">{totals.registered}</td>
                  <td className="num">{totals.atRisk}</td>
                  {OVERVIEW_INSTRUMENTS.map((instrument) => (
                    <td key={instrument} className="num">
                      {totals.reached[instrument]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </details>

      {loaded.exportScope ? (
        <section>
          <h2>{t("export.title")}</h2>
          <p className="muted">{t("export.explain")}</p>
          <p>
            {(["csv", "xlsx", "json"] as const).map((format) => (
              <span key={format}>
                <a href={`/admin/export?scope=${encodeURIComponent(loaded.exportScope!)}&format=${format}`} download>
                  {t(`export.${format}`)}
                </a>{" "}
              </span>
            ))}
          </p>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
