// What the print page and the .docx export both load: the signed-in reader's agency, the current
// cycle's report (or the ?version=N asked for) and its text view in the reader's language.
import { getCycleRuleset } from "~/models/cycle.server";
import { getImprovementReport } from "~/models/improvement-plan.server";
import { z } from "zod";
import { requireAdminAgency, requireCycle } from "./admin-guard.server";
import { invariantResponse } from "~/utils/http.server";
import { improvementReportView } from "./improvement-report-view";
import { getLang } from "~/utils/lang.server";
import { bothLangs } from "~/utils/i18n.server";

const QuerySchema = z.object({ version: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined) });

export async function loadImprovementReport(request: Request, slug: string | undefined) {
  const lang = await getLang(request);
  const { agency } = await requireAdminAgency(request, slug);
  const cycle = await requireCycle(request);
  const ruleset = getCycleRuleset(cycle);
  const { version } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const report = await getImprovementReport(agency.id, cycle, ruleset, version);
  invariantResponse(!version || report.plan?.version === version, bothLangs("refuse.planVersion"), { status: 404 });
  return { lang, agency, cycle, report, view: improvementReportView(report, ruleset, lang) };
}
