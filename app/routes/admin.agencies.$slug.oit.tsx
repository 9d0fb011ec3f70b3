import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import { getAgencyCycle } from "~/models/agency.server";
import { getCycleRuleset } from "~/models/cycle.server";
import { listOitScores, ResultsPublishedError, saveOit } from "~/models/oit.server";
import { canEnterAssessorData, canManageAgency, requireAdminAgency, requireCycle } from "~/services/admin-guard.server";
import { invariantResponse, readForm } from "~/utils/http.server";
import { actionError, actionOk } from "~/utils/action-result";
import { localName } from "~/utils/i18n";
import { bothLangs } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";
import { oitFormSchema } from "~/services/forms/admin-agency.server";
import { instrumentIndicators, instrumentItems, scoreAssessment } from "~/services/forms/ruleset.server";
import { useRejectedForm } from "~/components/rejected-form";

async function load(request: Request, slug: string | undefined) {
  const { session, agency } = await requireAdminAgency(request, slug);
  const cycle = await requireCycle(request);
  const agencyCycle = await getAgencyCycle(agency.id, cycle.id);
  invariantResponse(agencyCycle?.registered, bothLangs("refuse.agencyNotRegistered"), { status: 404 });
  const grants = session.user.grants;
  return {
    session,
    agency,
    agencyCycle,
    ruleset: getCycleRuleset(cycle),
    canEditUrls: canManageAgency(grants, agency) && !agencyCycle.publishedAt,
    canScore: canEnterAssessorData(grants) && !agencyCycle.publishedAt,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const { session, agency, agencyCycle, ruleset, canEditUrls, canScore } = await load(request, params.slug);
  const saved = new Map((await listOitScores(agencyCycle.id)).map((row) => [row.itemCode, row]));
  const scores = scoreAssessment({ oit: { items: Object.fromEntries([...saved].map(([code, row]) => [code, row.score])) } }, ruleset).parts.oit;
  return {
    lang,
    agency: { slug: agency.slug, name: localName(agency, lang) },
    canEditUrls,
    canScore,
    score: scores.score,
    indicators: instrumentIndicators(ruleset, "oit").map((indicator) => ({
      code: indicator.code,
      name: indicator.name[lang],
      score: scores.indicators[indicator.code] ?? null,
      subIndicators: (indicator.subIndicators ?? []).map((sub) => ({
        code: sub.code,
        name: sub.name[lang],
        score: scores.subIndicators[sub.code] ?? null,
        items: instrumentItems(ruleset, "oit")
          .filter((item) => item.subIndicator === sub.code)
          .map((item) => {
            const row = saved.get(item.code);
            return { code: item.code, title: item.wording[lang], url: row?.url ?? "", score: row?.score ?? null, comment: row?.comment ?? "" };
          }),
      })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const { session, agencyCycle, ruleset, canEditUrls, canScore } = await load(request, params.slug);
  const editor = form.get("intent") === "assessor" ? "assessor" : "agency";
  invariantResponse(editor === "agency" ? canEditUrls : canScore, bothLangs("refuse.change"), { status: 403 });
  const parsed = oitFormSchema(ruleset, editor).safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    // Keyed by field name: the table marks those inputs aria-invalid; the page says "oit.invalid".
    const errors = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
    return actionError(400, { message: "oit.invalid", errors });
  }
  const values = parsed.data as Record<string, string | number | null>;
  const changes = instrumentItems(ruleset, "oit").map((item) =>
    editor === "agency"
      ? { itemCode: item.code, url: values[`url.${item.code}`] as string | null }
      : { itemCode: item.code, score: values[`score.${item.code}`] as number | null, comment: values[`comment.${item.code}`] as string | null },
  );
  try {
    await saveOit(agencyCycle, changes, { id: session.userId, role: editor });
  } catch (error) {
    // Published between the page load and this save.
    if (error instanceof ResultsPublishedError) return actionError(403, { message: "dash.published" });
    throw error;
  }
  return actionOk({ message: "dash.saved" });
}

const formatScore = (value: number | null) => (value === null ? "—" : value.toFixed(2));

export default function OitPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const { canEditUrls, canScore } = loaded;
  const t = useT();
  const editor = canScore ? "assessor" : canEditUrls ? "agency" : null;
  const invalid = new Set(Object.keys(result?.errors ?? {}));
  return (
    <>
      <p>
        <Link to={`/admin/agencies/${loaded.agency.slug}`}>{loaded.agency.name}</Link>
      </p>
      <h1>{t("oit.title")}</h1>
      <p>{t(canScore ? "oit.body.assessor" : "oit.body.agency")}</p>
      <p className="agency-name" data-testid="oit-score">
        {t("oit.total")}: {formatScore(loaded.score)}
      </p>
      {result?.message ? (
        <p className={result.ok ? "form-ok" : "form-error"} role="status">
          {t(result.message)}
        </p>
      ) : null}
      <Form method="post">
        {editor ? <input type="hidden" name="intent" value={editor} /> : null}
        {loaded.indicators.map((indicator) => (
          <section key={indicator.code}>
            <h2>
              {indicator.code}. {indicator.name} — {formatScore(indicator.score)}
            </h2>
            {indicator.subIndicators.map((sub) => (
              <TableRegion key={sub.code} label={`${sub.code} ${sub.name}`}>
                <table className="data-table oit-table">
                  <caption>
                    {sub.code} {sub.name} — {formatScore(sub.score)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("oit.item")}</th>
                      <th scope="col">{t("oit.url")}</th>
                      <th scope="col">{t("oit.score")}</th>
                      <th scope="col">{t("oit.comment")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sub.items.map((item) => (
                      <tr key={item.code}>
                        <th scope="row">
                          {item.code} {item.title}
                        </th>
                        <td>
                          {editor === "agency" ? (
                            <input
                              name={`url.${item.code}`}
                              type="url"
                              defaultValue={item.url}
                              className="text-input"
                              aria-label={`${t("oit.url")} ${item.code}`}
                              aria-invalid={invalid.has(`url.${item.code}`) || undefined}
                            />
                          ) : item.url ? (
                            <a href={item.url} rel="noopener noreferrer nofollow" target="_blank">
                              {item.url}
                            </a>
                          ) : (
                            "—"
                          )}
                        </td>
                        <td className="num">
                          {editor === "assessor" ? (
                            <input
                              name={`score.${item.code}`}
                              inputMode="decimal"
                              defaultValue={item.score ?? ""}
                              className="text-input score-input"
                              aria-label={`${t("oit.score")} ${item.code}`}
                              aria-invalid={invalid.has(`score.${item.code}`) || undefined}
                            />
                          ) : (
                            formatScore(item.score)
                          )}
                        </td>
                        <td>
                          {editor === "assessor" ? (
                            <input
                              name={`comment.${item.code}`}
                              defaultValue={item.comment}
                              maxLength={1000}
                              className="text-input"
                              aria-label={`${t("oit.comment")} ${item.code}`}
                            />
                          ) : (
                            item.comment
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            ))}
          </section>
        ))}
        {editor ? (
          <button type="submit" className="button">
            {t("oit.save")}
          </button>
        ) : null}
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
