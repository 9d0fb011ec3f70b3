// /admin/cycles/new: open a fiscal year (the page twin of `npm run ita -- cycle:create`): the year,
// its ruleset (copied from a year or pasted JSON), its windows — the year's defaults shown first and
// editable — and populations carried from a year. System administrators only.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { windowInputValues, WindowFields, WINDOW_FIELDS } from "~/components/window-fields";
import { defaultWindows } from "~/domain/collection";
import { listCycleYears } from "~/models/cycle.server";
import { requireSystemAdmin } from "~/services/admin-guard.server";
import { createFiscalYear, describeWindows, FiscalYearRefusal, MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from "~/services/fiscal-years.server";
import { actionError } from "~/utils/action-result";
import { readForm } from "~/utils/http.server";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";
import { NewCycleSchema } from "~/services/forms/admin-settings.server";
import { builtinRulesets } from "~/services/forms/ruleset.server";
import { useRejectedForm } from "~/components/rejected-form";

/** A fiscal year that starts in `now`'s calendar: FY begins 1 October (Gregorian + 543, +1 from October). */
function fiscalYearOf(now: Date) {
  const bangkok = new Date(now.getTime() + 7 * 3600_000);
  return bangkok.getUTCFullYear() + 543 + (bangkok.getUTCMonth() >= 9 ? 1 : 0);
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSystemAdmin(request);
  const years = await listCycleYears();
  const asked = Number(new URL(request.url).searchParams.get("fiscalYear"));
  const fiscalYear =
    Number.isInteger(asked) && asked >= MIN_FISCAL_YEAR && asked <= MAX_FISCAL_YEAR ? asked : Math.max(fiscalYearOf(new Date()), (years[0] ?? 0) + 1);
  const rulesetYears = [...new Set([...years, ...Object.keys(builtinRulesets).map(Number)])].sort((a, b) => b - a);
  return { lang: await getLang(request), fiscalYear, years, rulesetYears, windows: windowInputValues(describeWindows(defaultWindows(fiscalYear))) };
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSystemAdmin(request);
  const form = await readForm(request, { long: { signedIn: session } }); // a pasted ruleset is ~80 KB encoded
  const values = Object.fromEntries(form) as Record<string, string>;
  const parsed = NewCycleSchema.safeParse(values);
  const echoed = { ...values, rulesetJson: "" };
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
    return actionError(400, { message: "years.invalid", errors, values: echoed });
  }
  const input = parsed.data;
  const rulesetText = input.rulesetJson?.trim() ? input.rulesetJson : undefined;
  try {
    const created = await createFiscalYear({
      fiscalYear: input.fiscalYear,
      copyRulesetFrom: rulesetText ? undefined : input.copyFrom,
      rulesetText,
      windows: Object.fromEntries(WINDOW_FIELDS.map((name) => [name, `${input[`${name}Open`]}..${input[`${name}Close`]}`])),
      populationsFrom: input.populationsFrom,
      actorId: session.userId,
      via: "web",
    });
    return redirect(`/admin/cycles?created=${created.fiscalYear}`);
  } catch (error) {
    if (!(error instanceof FiscalYearRefusal)) throw error;
    return actionError(error.status, { message: "years.invalid", errors: { [error.field ?? "form"]: error.message, form: error.message }, values: echoed });
  }
}

export default function NewCyclePage() {
  const { fiscalYear, years, rulesetYears, windows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const t = useT();
  const values = { ...windows, ...(result?.values ?? {}) };
  const errors = (result?.errors ?? {}) as Record<string, string | undefined>;
  const error = (name: string) => (errors[name] ? (errors[name]!.includes(" / ") ? errors[name]! : t(errors[name] as "years.invalid")) : null);
  return (
    <>
      <h1>{t("years.new")}</h1>
      <Form method="get" className="settings-form">
        <Field
          name="fiscalYear"
          id="preview-year"
          label={t("years.field.year")}
          inputProps={{ inputMode: "numeric", defaultValue: fiscalYear, className: "text-input" }}
        />
        <button type="submit">{t("years.preview")}</button>
      </Form>
      {result?.message ? (
        <p className="notice" role="alert">
          {errors.form ?? t(result.message)}
        </p>
      ) : null}
      <Form method="post" className="settings-form">
        <Field
          name="fiscalYear"
          label={t("years.field.year")}
          error={error("fiscalYear") ?? error("year")}
          inputProps={{ inputMode: "numeric", defaultValue: values.fiscalYear ?? fiscalYear, className: "text-input" }}
        />
        <Field name="copyFrom" label={t("years.field.copyFrom")} error={error("copyFrom")}>
          {(control) => (
            <select {...control} defaultValue={values.copyFrom ?? rulesetYears[0]}>
              {rulesetYears.map((year) => (
                <option key={year} value={year}>
                  {year}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="rulesetJson" label={t("years.field.rulesetFile")} error={error("ruleset")}>
          {(control) => <textarea {...control} rows={4} />}
        </Field>
        <Field name="populationsFrom" label={t("years.field.populationsFrom")} error={error("populationsFrom")}>
          {(control) => (
            <select {...control} defaultValue={values.populationsFrom ?? ""}>
              <option value="">{t("years.field.none")}</option>
              {years.map((year) => (
                <option key={year} value={year}>
                  {year}
                </option>
              ))}
            </select>
          )}
        </Field>
        <WindowFields t={t} values={values} errors={{ iit: error("iit") ?? undefined, eit: error("eit") ?? undefined, oit: error("oit") ?? undefined }} />
        <button type="submit" className="button">
          {t("years.create")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
