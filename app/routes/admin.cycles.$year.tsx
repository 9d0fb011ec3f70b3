// /admin/cycles/<year>: change a cycle's windows (the page twin of `npm run ita -- cycle:windows`);
// a closed window may not be moved later or reopened (decision 012). System administrators only.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { windowInputValues, WindowFields, WINDOW_FIELDS } from "~/components/window-fields";
import { getCycleByFiscalYear } from "~/models/cycle.server";
import { requireSystemAdmin } from "~/services/admin-guard.server";
import { describeWindows, FiscalYearRefusal, setCycleWindows } from "~/services/fiscal-years.server";
import { actionError, actionOk } from "~/utils/action-result";
import { invariantResponse, readForm } from "~/utils/http.server";
import { bothLangs } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";
import { WindowsSchema } from "~/services/forms/admin-settings.server";
import { useRejectedForm } from "~/components/rejected-form";

async function requireYear(param: string | undefined) {
  const year = Number(param);
  const cycle = Number.isInteger(year) ? await getCycleByFiscalYear(year) : null;
  invariantResponse(cycle, bothLangs("years.error.noCycle", { year: String(param ?? "") }), { status: 404 });
  return cycle;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSystemAdmin(request);
  const cycle = await requireYear(params.year);
  return { lang: await getLang(request), fiscalYear: cycle.fiscalYear, windows: windowInputValues(describeWindows(cycle)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireSystemAdmin(request);
  const form = await readForm(request);
  const cycle = await requireYear(params.year);
  const values = Object.fromEntries(form) as Record<string, string>;
  const parsed = WindowsSchema.safeParse(values);
  if (!parsed.success) return actionError(400, { message: "years.invalid", values });
  const windows = Object.fromEntries(WINDOW_FIELDS.map((name) => [name, `${parsed.data[`${name}Open`]}..${parsed.data[`${name}Close`]}`]));
  try {
    await setCycleWindows({ fiscalYear: cycle.fiscalYear, windows, actorId: session.userId, via: "web" });
    return actionOk({ message: "years.saved" });
  } catch (error) {
    if (!(error instanceof FiscalYearRefusal)) throw error;
    return actionError(error.status, { message: "years.invalid", errors: { [error.field ?? "form"]: error.message, form: error.message }, values });
  }
}

export default function CycleWindowsPage() {
  const { fiscalYear, windows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const t = useT();
  const errors = (result?.errors ?? {}) as Record<string, string | undefined>;
  return (
    <>
      <p>
        <Link to="/admin/cycles">{t("years.title")}</Link>
      </p>
      <h1>
        {t("years.editWindows")} — {fiscalYear}
      </h1>
      {result?.message ? (
        <p className={result.ok ? "notice ok" : "notice"} role={result.ok ? "status" : "alert"}>
          {errors.form ?? t(result.message)}
        </p>
      ) : null}
      <Form method="post">
        <WindowFields t={t} values={{ ...windows, ...(result?.values ?? {}) }} errors={errors} />
        <button type="submit" className="button">
          {t("years.save")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
