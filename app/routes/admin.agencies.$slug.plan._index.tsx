import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import { Field, fieldControlProps, fieldIds } from "~/components/field";
import { getCycleRuleset } from "~/models/cycle.server";
import { getImprovementReport, listPlanVersions, savePlan } from "~/models/improvement-plan.server";
import { canManageAgency, requireAdminAgency, requireCycle } from "~/services/admin-guard.server";
import { actionError } from "~/utils/action-result";
import { formatThaiDate, formatThaiDateTime } from "~/utils/dates";
import { readForm, requireSameSite } from "~/utils/http.server";
import { type MessageKey, localName } from "~/utils/i18n";
import { bothLangs } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import type { Measure } from "~/utils/plan-schema";
import { useT } from "~/utils/use-lang";
import { instrumentItems, MAX_MEASURES, planFromForm, SIGNATORIES, suggestedMeasures, tooManyMeasures } from "~/services/forms/ruleset.server";
import { useRejectedForm } from "~/components/rejected-form";

// The editor: analysis per indicator (generated), the action-plan table the officer fills in, a
// library of suggested measures, signatures, versions. Works without JavaScript: every change is
// a save, and each indicator always offers one blank row.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const { session, agency } = await requireAdminAgency(request, params.slug);
  const cycle = await requireCycle(request);
  const ruleset = getCycleRuleset(cycle);
  const [report, versions] = await Promise.all([getImprovementReport(agency.id, cycle, ruleset), listPlanVersions(agency.id, cycle.id)]);
  return {
    lang,
    signatories: SIGNATORIES, // from the loader: plan-schema.ts carries zod, which the page must not ship
    agency: { slug: agency.slug, name: localName(agency, lang) },
    canEdit: canManageAgency(session.user.grants, agency),
    fiscalYear: report.fiscalYear,
    total: report.total,
    rating: report.rating?.[lang] ?? null,
    content: report.content,
    plan: report.plan ? { version: report.plan.version, savedAt: formatThaiDateTime(report.plan.savedAt, lang) } : null,
    versions: versions.map((version) => ({ version: version.version, savedAt: formatThaiDateTime(version.updatedAt, lang) })),
    previousYear: report.previous?.fiscalYear ?? null,
    saved: new URL(request.url).searchParams.get("saved") === "1",
    indicators: report.analyses.map((analysis) => {
      const items = instrumentItems(ruleset, analysis.instrument).filter((item) => ruleset.items.includes(item) && item.indicator === analysis.code);
      // Suggestions for the weak items first, then the rest of the indicator's items.
      const ordered = [
        ...analysis.weakItems.map((weak) => weak.code),
        ...items.map((item) => item.code).filter((code) => !analysis.weakItems.some((weak) => weak.code === code)),
      ];
      return {
        code: analysis.code,
        name: analysis.name[lang],
        score: analysis.score,
        passed: analysis.passed,
        strong: analysis.strong,
        text: analysis.text[lang],
        weakItems: analysis.weakItems.map((item) => ({ code: item.code, wording: item.wording[lang], score: item.score })),
        library: ordered.flatMap((code) =>
          suggestedMeasures(ruleset, code).map((suggestion, index) => ({ value: `${code}|${index}`, code, text: suggestion[lang] })),
        ),
        previous: report.previous?.content.measures[analysis.code]?.map((measure) => measure.title) ?? [],
      };
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // The session before the 256 KB body (attack C1): an anonymous POST is never parsed.
  requireSameSite(request);
  const { session, agency } = await requireAdminAgency(request, params.slug, "manage");
  const form = await readForm(request, { long: { signedIn: session } });
  const cycle = await requireCycle(request);
  const ruleset = getCycleRuleset(cycle);
  const fields = Object.fromEntries(form) as Record<string, string>;
  const codes = ruleset.indicators.map((indicator) => indicator.code);
  const { content, errors } = planFromForm(fields, codes);
  if (!content) return actionError(400, { message: "plan.invalid", errors, values: fields });
  // A measure picked from the library is added as a row the officer then edits: a suggestion for
  // one of this indicator's own items, within the indicator's limit.
  for (const code of codes) {
    const picked = fields[`lib.${code}`];
    if (!picked) continue;
    const match = picked.match(/^([a-z0-9]+)\|(\d{1,3})$/);
    const ofIndicator = match && ruleset.items.some((item) => item.code === match[1] && item.indicator === code);
    const suggestion = ofIndicator ? suggestedMeasures(ruleset, match[1])[Number(match[2])] : undefined;
    const rows = (content.measures[code] ??= []);
    const problem = !suggestion || !match ? bothLangs("field.unknownMeasure") : rows.length >= MAX_MEASURES ? tooManyMeasures : null;
    if (problem) return actionError(400, { message: "plan.invalid", errors: { [`lib.${code}`]: problem }, values: fields });
    const measure: Measure = { title: suggestion!.th, steps: "", start: "", end: "", unit: "", item: match![1] };
    rows.push(measure);
  }
  await savePlan({ agencyId: agency.id, cycleId: cycle.id, content, userId: session.userId, newVersion: fields.intent === "save-new" });
  throw redirect(`/admin/agencies/${agency.slug}/plan?saved=1`);
}

const format = (value: number | null) => (value === null ? "—" : value.toFixed(2));

export default function ImprovementPlanEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const navigation = useNavigation();
  const { lang, content } = loaded;
  const t = useT();
  const errors = result?.errors ?? {};
  const value = (name: string, fallback: string) => result?.values?.[name] ?? fallback;
  const disabled = !loaded.canEdit;
  // The measure rows are table cells labelled by their column (aria-label), so they take Field's
  // wiring without its <label>: the same ids, aria-invalid and aria-describedby.
  const fieldError = (name: string) =>
    errors[name] ? (
      <span className="field-error" id={fieldIds(name).errorId}>
        {errors[name]}
      </span>
    ) : null;
  return (
    <>
      <p className="no-print">
        <Link to={`/admin/agencies/${loaded.agency.slug}`}>{loaded.agency.name}</Link> ·{" "}
        <Link to={`/admin/agencies/${loaded.agency.slug}/results`}>{t("results.link")}</Link>
      </p>
      <h1>
        {t("plan.title")} — {loaded.agency.name}
      </h1>
      <p className="muted">
        {t("home.cycle", { year: loaded.fiscalYear })} · {t("results.total")} {format(loaded.total)} · {loaded.rating}
      </p>
      <p>
        <Link to={`/admin/agencies/${loaded.agency.slug}/plan/print`} data-testid="plan-print-link">
          {t("plan.print")}
        </Link>{" "}
        · <a href={`/admin/agencies/${loaded.agency.slug}/plan.docx`}>{t("plan.docx")}</a>
        {loaded.plan ? (
          <span className="muted"> · {t("plan.version", { version: loaded.plan.version, date: loaded.plan.savedAt })}</span>
        ) : (
          <span className="muted"> · {t("plan.unsaved")}</span>
        )}
      </p>
      {loaded.saved && !result ? (
        <p role="status" className="notice ok">
          {t("plan.saved")}
        </p>
      ) : null}
      {result && !result.ok ? (
        <div role="alert" className="error-summary">
          {t(result.message ?? "plan.invalid")}
          <ul>
            {Object.entries(errors).map(([name, message]) => (
              <li key={name}>
                <a href={`#${name}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <Form method="post" className="plan-form">
        <fieldset disabled={disabled}>
          <p>
            <Field
              name="threshold"
              label={t("plan.threshold")}
              error={errors.threshold}
              inputProps={{ type: "number", min: 0, max: 100, step: "0.01", defaultValue: value("threshold", String(content.threshold)), required: true }}
            />{" "}
            <Field name="digits" label={t("plan.digits")} error={errors.digits}>
              {(control) => (
                <select {...control} defaultValue={value("digits", content.digits)}>
                  <option value="thai">{t("plan.digits.thai")}</option>
                  <option value="arabic">{t("plan.digits.arabic")}</option>
                </select>
              )}
            </Field>
          </p>

          {loaded.indicators.map((indicator) => {
            const rows = [...(content.measures[indicator.code] ?? []), { title: "", steps: "", start: "", end: "", unit: "", item: "" }];
            return (
              <section key={indicator.code} className="plan-indicator" data-indicator={indicator.code}>
                <h2 id={`plan-title-${indicator.code}`}>
                  {t("plan.indicator", { code: indicator.code, name: indicator.name })} — {format(indicator.score)}{" "}
                  <span className={indicator.passed ? "status status-minimum-reached" : "status status-not-processed"}>
                    {indicator.passed === null ? "" : indicator.passed ? t("results.pass") : t("results.fail")}
                  </span>
                </h2>
                <p data-testid={`analysis-${indicator.code}`}>{indicator.text}</p>
                {indicator.weakItems.length > 0 ? (
                  <ul>
                    {indicator.weakItems.map((item) => (
                      <li key={item.code}>
                        {t("plan.item", { code: item.code })} {item.wording} — <strong>{format(item.score)}</strong>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {loaded.previousYear && indicator.previous.length > 0 ? (
                  <p className="muted">
                    {t("plan.previous", { year: loaded.previousYear })}: {indicator.previous.join(" · ")}
                  </p>
                ) : null}
                <Field name={`note.${indicator.code}`} label={t("plan.note")} error={errors[`note.${indicator.code}`]}>
                  {(control) => <textarea {...control} rows={2} defaultValue={value(control.name, content.notes[indicator.code] ?? "")} />}
                </Field>
                <TableRegion labelledBy={`plan-title-${indicator.code}`}>
                  <table className="data-table plan-table">
                    <thead>
                      <tr>
                        <th scope="col">{t("plan.measure")}</th>
                        <th scope="col">{t("plan.steps")}</th>
                        <th scope="col">{t("plan.period")}</th>
                        <th scope="col">{t("plan.unit")}</th>
                        <th scope="col">{t("plan.remove")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((measure, row) => {
                        const name = (field: string) => `m.${indicator.code}.${row}.${field}`;
                        return (
                          <tr key={row}>
                            <td data-label={t("plan.measure")}>
                              <textarea
                                {...fieldControlProps(name("title"), { error: errors[name("title")] })}
                                rows={2}
                                aria-label={t("plan.measure")}
                                defaultValue={value(name("title"), measure.title)}
                              />
                              <input type="hidden" name={name("item")} value={value(name("item"), measure.item)} />
                              {fieldError(name("title"))}
                            </td>
                            <td data-label={t("plan.steps")}>
                              <textarea name={name("steps")} rows={2} aria-label={t("plan.steps")} defaultValue={value(name("steps"), measure.steps)} />
                            </td>
                            <td data-label={t("plan.period")}>
                              <input
                                type="date"
                                id={name("start")}
                                name={name("start")}
                                aria-label={t("plan.start")}
                                defaultValue={value(name("start"), measure.start)}
                              />
                              <input
                                type="date"
                                {...fieldControlProps(name("end"), { error: errors[name("end")] })}
                                aria-label={t("plan.end")}
                                defaultValue={value(name("end"), measure.end)}
                              />
                              {measure.start || measure.end ? (
                                <div className="muted small">
                                  {measure.start ? formatThaiDate(measure.start, lang) : "…"} – {measure.end ? formatThaiDate(measure.end, lang) : "…"}
                                </div>
                              ) : null}
                              {fieldError(name("end"))}
                            </td>
                            <td data-label={t("plan.unit")}>
                              <input
                                type="text"
                                name={name("unit")}
                                aria-label={t("plan.unit")}
                                placeholder={t("plan.unit.example")}
                                defaultValue={value(name("unit"), measure.unit)}
                              />
                            </td>
                            <td data-label={t("plan.remove")}>
                              {row < rows.length - 1 ? <input type="checkbox" name={name("remove")} value="1" aria-label={t("plan.remove")} /> : null}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </TableRegion>
                {indicator.library.length > 0 ? (
                  <Field name={`lib.${indicator.code}`} label={t("plan.library")} error={errors[`lib.${indicator.code}`]}>
                    {(control) => (
                      <select {...control} defaultValue="">
                        <option value="">—</option>
                        {indicator.library.map((suggestion) => (
                          <option key={suggestion.value} value={suggestion.value}>
                            {suggestion.code}: {suggestion.text}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                ) : null}
              </section>
            );
          })}

          <h2>{t("plan.signatures")}</h2>
          {loaded.signatories.map((who) => (
            <p key={who}>
              <strong>{t(`plan.sig.${who}` as MessageKey)}</strong>{" "}
              <Field
                name={`sig.${who}.name`}
                label={t("plan.sig.name")}
                error={errors[`sig.${who}.name`]}
                inputProps={{ type: "text", maxLength: 200, defaultValue: value(`sig.${who}.name`, content.signatures[who].name) }}
              />{" "}
              <Field
                name={`sig.${who}.position`}
                label={t("plan.sig.position")}
                error={errors[`sig.${who}.position`]}
                inputProps={{ type: "text", maxLength: 200, defaultValue: value(`sig.${who}.position`, content.signatures[who].position) }}
              />
            </p>
          ))}
          {loaded.canEdit ? (
            <p>
              <button type="submit" name="intent" value="save" disabled={navigation.state === "submitting"}>
                {t("plan.save")}
              </button>{" "}
              <button type="submit" name="intent" value="save-new" className="secondary" disabled={navigation.state === "submitting"}>
                {t("plan.saveNew")}
              </button>
            </p>
          ) : null}
        </fieldset>
      </Form>

      {loaded.versions.length > 0 ? (
        <section>
          <h2>{t("plan.versions")}</h2>
          <ul>
            {loaded.versions.map((version) => (
              <li key={version.version}>
                {t("plan.version", { version: version.version, date: version.savedAt })} ·{" "}
                <Link to={`/admin/agencies/${loaded.agency.slug}/plan/print?version=${version.version}`}>{t("plan.print")}</Link> ·{" "}
                <a href={`/admin/agencies/${loaded.agency.slug}/plan.docx?version=${version.version}`}>{t("plan.docx")}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
