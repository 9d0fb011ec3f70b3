// Downloads: progress, item means and scores as CSV or XLSX, and the scoring inputs as JSON (the
// `npm run score` format), for one agency, a province or the nation.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAgencyBySlug } from "~/models/agency.server";
import { recordAudit } from "~/models/audit.server";
import { getCycleRuleset } from "~/models/cycle.server";
import type { ExportScope } from "~/models/export.server";
import { listProvinces } from "~/models/overview.server";
import { agencyScope, canReadAgency, requireAdmin, requireCycle } from "~/services/admin-guard.server";
import { invariantResponse } from "~/utils/http.server";
import { type BuiltExport, EXPORT_BUSY_RETRY_SECONDS, ExportBusy, sharedExport } from "~/services/export-builds.server";
import { bothLangs } from "~/utils/i18n.server";
import { ExportQuerySchema } from "~/services/forms/admin-settings.server";

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
} as const;

const notAllowed = bothLangs("refuse.exportScope");

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireAdmin(request);
  const parsed = ExportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(parsed.success, bothLangs("refuse.exportQuery"), { status: 400 });
  const { format } = parsed.data;
  const grants = session.user.grants;
  const [kind, slug = ""] = parsed.data.scope.split(":");

  let scope: ExportScope;
  if (kind === "nation") {
    invariantResponse(agencyScope(grants).all, notAllowed, { status: 403 });
    scope = { kind: "nation" };
  } else if (kind === "province") {
    const province = (await listProvinces()).find((candidate) => candidate.slug === slug);
    invariantResponse(province, bothLangs("refuse.provinceNotFound"), { status: 404 });
    const allowed = agencyScope(grants).all || grants.some((grant) => grant.role === "province_coordinator" && grant.provinceId === province.id);
    invariantResponse(allowed, notAllowed, { status: 403 });
    scope = { kind: "province", provinceId: province.id, slug };
  } else {
    const agency = await getAgencyBySlug(slug);
    invariantResponse(agency, bothLangs("refuse.agencyNotFound"), { status: 404 });
    invariantResponse(canReadAgency(grants, agency), notAllowed, { status: 403 });
    scope = { kind: "agency", agencyId: agency.id, slug };
  }

  const cycle = await requireCycle(request);
  const ruleset = getCycleRuleset(cycle);
  // Shared, cached and bounded builds (attack M8, docs/decisions/016): a flood of exports cannot
  // crowd out the citizens' pages; a full queue answers 503 with a wait.
  let built: BuiltExport;
  try {
    // The audit row is written within the bound too: one per download, as before.
    built = await sharedExport(scope, format, cycle, ruleset, (document) =>
      recordAudit({
        action: "export",
        outcome: "ok",
        actorId: session.userId,
        detail: { scope: document.scope, format, agencies: document.agencies, sha256: document.sourceSha256 },
      }),
    );
  } catch (error) {
    if (!(error instanceof ExportBusy)) throw error;
    return new Response(bothLangs("refuse.exportBusy"), {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(EXPORT_BUSY_RETRY_SECONDS), "Cache-Control": "no-store" },
    });
  }

  const fileName = `ita-${built.fiscalYear}-${built.scope.replace(":", "-")}-${built.sourceSha256.slice(0, 12)}.${format}`;
  const headers = new Headers({
    "Content-Type": CONTENT_TYPES[format],
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Cache-Control": "no-store",
    "X-Source-SHA256": built.sourceSha256,
    "X-Rules-Version": built.rulesVersion,
  });
  return new Response(built.body, { headers });
}
