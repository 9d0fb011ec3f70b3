// The year switcher's door (app/components/year-switch.tsx): remember the fiscal year an admin looks
// at in a cookie, then go back. Any role may look at a past year; requireCycle makes it read-only.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getCycleByFiscalYear } from "~/models/cycle.server";
import { adminYearCookie, requireAdmin } from "~/services/admin-guard.server";
import { readForm, safeRedirectPath } from "~/utils/http.server";
import { bothLangs } from "~/utils/i18n.server";
import { YearSwitchSchema } from "~/services/forms/admin-settings.server";

export async function loader() {
  return redirect("/admin");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await requireAdmin(request);
  const parsed = YearSwitchSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw new Response(parsed.error.issues[0]?.message ?? bothLangs("years.error.year"), { status: 400 });
  const year = Number(parsed.data.year);
  if (!(await getCycleByFiscalYear(year))) throw new Response(bothLangs("years.error.noCycle", { year }), { status: 404 });
  // Back to the page, without a ?year= that would override the new choice.
  const back = new URL(safeRedirectPath(parsed.data.redirectTo, "/admin"), "http://local");
  back.searchParams.delete("year");
  return redirect(back.pathname + back.search, { headers: { "Set-Cookie": await adminYearCookie.serialize(year) } });
}
