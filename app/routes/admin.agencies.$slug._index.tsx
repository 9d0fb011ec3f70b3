import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DailyChart } from "~/components/daily-chart";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import { Field } from "~/components/field";
import { INTEGRITY_FLAG_ROLES } from "~/domain/integrity-flags";
import { IntegrityFlagsSection } from "~/components/integrity-flags";
import { env } from "~/env.server";
import { getAgencyCycle, updateAgencyCycle } from "~/models/agency.server";
import { recordAudit } from "~/models/audit.server";
import { cycleTarget, readIntegrityFlags } from "~/models/integrity.server";
import { getCycleRuleset } from "~/models/cycle.server";
import { issueIitCode, revokeIitCode } from "~/models/iit-code.server";
import { getAgencyProgress } from "~/models/progress.server";
import { createServiceCounter, retireServiceCounter } from "~/models/service-counter.server";
import { COUNTER_ID, COUNTER_LABEL_MAX } from "~/utils/counter-tag";
import { canEnterAssessorData, canManageAgency, requireAdminAgency, requireCycle } from "~/services/admin-guard.server";
import { actionError, actionOk } from "~/utils/action-result";
import { formatThaiDate } from "~/utils/dates";
import { readForm } from "~/utils/http.server";
import { type MessageKey, localName } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";
import { emailDeliveryAvailable } from "~/utils/otp-delivery.server";
import { eitLink } from "~/utils/eit-link.server";
import { qrSvg } from "~/utils/totp.server";
import { useT } from "~/utils/use-lang";
import { DashboardActionSchema } from "~/services/forms/admin-agency.server";
import { instrumentIndicators, perceptionItems } from "~/services/forms/ruleset.server";
import { useRejectedForm } from "~/components/rejected-form";

async function load(request: Request, slug: string | undefined, mode: "read" | "manage") {
  const { session, agency } = await requireAdminAgency(request, slug, mode);
  return { session, agency, cycle: await requireCycle(request) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const { session, agency, cycle } = await load(request, params.slug, "read");
  const ruleset = getCycleRuleset(cycle);
  const progress = await getAgencyProgress(agency.id, cycle, ruleset);
  const publicLink = eitLink(agency.slug);
  const itemLabels = Object.fromEntries(
    (["iit", "eit"] as const).flatMap((instrument) => perceptionItems(ruleset, instrument).map((item) => [item.code, (item.topic ?? item.wording)[lang]])),
  );
  const indicatorNames = Object.fromEntries(
    (["iit", "eit"] as const).flatMap((instrument) => instrumentIndicators(ruleset, instrument).map((indicator) => [indicator.code, indicator.name[lang]])),
  );
  // Stuffing flags (attack M7): for the coordinator and the assessor, not the agency's own admin.
  const seesIntegrity = session.user.grants.some((grant) => (INTEGRITY_FLAG_ROLES as readonly string[]).includes(grant.role));
  const integrity = seesIntegrity ? ((await readIntegrityFlags([agency.id], cycle)).get(agency.id) ?? null) : null;
  const days = new Map<string, Record<string, number>>();
  for (const row of progress.daily) days.set(row.day, { ...days.get(row.day), [row.instrument]: row.responses });
  return {
    lang,
    canManage: canManageAgency(session.user.grants, agency),
    canEnterEitPart2: canEnterAssessorData(session.user.grants),
    agency: { slug: agency.slug, name: localName(agency, lang) },
    fiscalYear: cycle.fiscalYear,
    progress: progress.progress,
    participation: {
      internalPopulation: progress.agencyCycle?.internalPopulation ?? null,
      externalPopulation: progress.agencyCycle?.externalPopulation ?? null,
      iitOpen: progress.agencyCycle?.iitOpen ?? false,
      eitOpen: progress.agencyCycle?.eitOpen ?? false,
      eitAllowEmail: progress.agencyCycle?.eitAllowEmail ?? false,
      codeIssuedAt:
        progress.agencyCycle?.iitCodeHash && progress.agencyCycle.iitCodeIssuedAt ? formatThaiDate(progress.agencyCycle.iitCodeIssuedAt, lang) : null,
      refusedOverCap: progress.agencyCycle?.iitRefusedOverCap ?? 0,
    },
    emailAvailable: emailDeliveryAvailable(),
    itemLabels,
    indicatorNames,
    publicLink,
    qr: await qrSvg(publicLink),
    counters: progress.counters,
    otp: progress.otp,
    days: [...days].map(([day, counts]) => ({ day, counts })),
    seesIntegrity,
    integrity,
  };
}

/** A rotated code is shown once, with the IIT link for the printed staff notice. */
type CodeShown = { newCode?: string; iitLink?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const { session, agency, cycle } = await load(request, params.slug, "manage");
  const parsed = DashboardActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const message = form.get("intent") === "create-counter" ? "dash.eit.counter.invalid" : "dash.populations.invalid";
    return actionError<CodeShown>(400, { message });
  }
  const audit = (action: string, detail?: Record<string, unknown>, target?: string) =>
    recordAudit({ action, outcome: "ok", actorId: session.userId, agencyId: agency.id, detail, target });
  const change = parsed.data;
  // Published results are frozen, and so is what decides them (populations, open windows): the
  // early check gives the message, the conditional UPDATE is what holds against a racing publish.
  const published = () => actionError<CodeShown>(403, { message: "dash.published" });
  let participation: Awaited<ReturnType<typeof getAgencyCycle>> = null;
  if (change.intent === "set-populations" || change.intent === "set-open" || change.intent === "set-email") {
    participation = await getAgencyCycle(agency.id, cycle.id);
    if (participation?.publishedAt) return published();
  }
  switch (change.intent) {
    case "set-populations":
      if (!(await updateAgencyCycle(agency.id, cycle.id, { internalPopulation: change.internalPopulation, externalPopulation: change.externalPopulation })))
        return published();
      // The values before, and the cycle: a change after collection started is a flag the
      // coordinator and assessor see (attack M7, app/domain/integrity-flags.ts).
      await audit(
        "agency.populations",
        {
          internalPopulation: change.internalPopulation,
          externalPopulation: change.externalPopulation,
          previous: { internalPopulation: participation?.internalPopulation ?? null, externalPopulation: participation?.externalPopulation ?? null },
        },
        cycleTarget(cycle.fiscalYear),
      );
      return actionOk<CodeShown>({ message: "dash.saved" });
    case "rotate-code": {
      const newCode = await issueIitCode(agency.id, cycle.id, session.userId);
      return actionOk<CodeShown>({ newCode, iitLink: `${env.PUBLIC_BASE_URL.replace(/\/$/, "")}/iit` });
    }
    case "revoke-code":
      await revokeIitCode(agency.id, cycle.id, session.userId);
      return actionOk<CodeShown>({ message: "dash.saved" });
    case "set-open":
      if (
        !(await updateAgencyCycle(agency.id, cycle.id, change.instrument === "iit" ? { iitOpen: change.open === "true" } : { eitOpen: change.open === "true" }))
      )
        return published();
      await audit(`agency.${change.instrument}.${change.open === "true" ? "open" : "close"}`);
      return actionOk<CodeShown>({ message: "dash.saved" });
    case "set-email":
      if (!(await updateAgencyCycle(agency.id, cycle.id, { eitAllowEmail: change.allow === "true" }))) return published();
      await audit("agency.eit.email", { allow: change.allow === "true" });
      return actionOk<CodeShown>({ message: "dash.saved" });
    case "create-counter": {
      const counter = await createServiceCounter(agency.id, change.label);
      await audit("agency.counter.create", { counterId: counter.id });
      return actionOk<CodeShown>({ message: "dash.saved" });
    }
    case "retire-counter":
      if (!(await retireServiceCounter(agency.id, change.counterId))) return actionError<CodeShown>(404, { message: "dash.eit.counter.invalid" });
      await audit("agency.counter.retire", { counterId: change.counterId });
      return actionOk<CodeShown>({ message: "dash.saved" });
  }
}

function formatMean(value: number | null | undefined) {
  return value === null || value === undefined ? "—" : value.toFixed(2);
}

export default function AgencyDashboardPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const { lang, agency, participation, canManage } = loaded;
  const t = useT();
  return (
    <>
      <p className="no-print">
        <Link to="/admin">{t("dash.back")}</Link>
      </p>
      <h1 className="no-print">{agency.name}</h1>
      <p className="muted no-print">{t("home.cycle", { year: loaded.fiscalYear })}</p>
      {!canManage ? <p className="notice no-print">{t("dash.readOnly")}</p> : null}
      {result?.message ? (
        <p className={result.ok ? "form-ok no-print" : "form-error no-print"} role="status">
          {t(result.message)}
        </p>
      ) : null}

      {result?.newCode ? (
        <section className="staff-notice" aria-labelledby="new-code">
          <h2 id="new-code" className="no-print">
            {t("dash.code.new")}
          </h2>
          <div className="print-only">
            <h1>{t("dash.notice.title")}</h1>
            <p className="agency-name">{agency.name}</p>
          </div>
          <p className="big-code" data-testid="new-code">
            {result.newCode}
          </p>
          <p className="print-only">{t("dash.notice.body")}</p>
          <p className="print-only big-link">{result.iitLink}</p>
          <p className="print-only">{t("home.cycle", { year: loaded.fiscalYear })}</p>
          <button type="button" className="button no-print" onClick={() => window.print()}>
            {t("dash.code.print")}
          </button>
        </section>
      ) : null}

      {loaded.seesIntegrity ? <IntegrityFlagsSection flags={loaded.integrity} t={t} /> : null}

      <section className="no-print">
        <h2 id="progress-title">{t("dash.progress")}</h2>
        <TableRegion labelledBy="progress-title">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">{t("dash.responses")}</th>
                <th scope="col">{t("dash.minimum")}</th>
                <th scope="col">%</th>
                <th scope="col">{t("dash.status")}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.progress.map((row) => (
                <tr key={row.instrument} data-instrument={row.instrument}>
                  <th scope="row">{t(`dash.instrument.${row.instrument}` as MessageKey)}</th>
                  <td className="num">{row.responses}</td>
                  <td className="num">{row.minimum ?? "—"}</td>
                  <td>
                    {row.percent !== null ? (
                      <>
                        <progress max={100} value={row.percent} /> {row.percent}%
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    <span className={`status status-${row.status}`}>{t(`dash.status.${row.status}` as MessageKey)}</span>
                    {row.reason ? (
                      <span className="muted">
                        {" "}
                        {row.status === "not-processed" ? "" : t("dash.ifClosedNow")} {row.reason[lang]}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        {participation.refusedOverCap > 0 ? <p className="notice">{t("dash.refused", { n: participation.refusedOverCap })}</p> : null}
        <p className="button-row">
          {loaded.canEnterEitPart2 ? (
            <Link className="button secondary" to={`/admin/agencies/${agency.slug}/eit2`}>
              {t("eit2.link")}
            </Link>
          ) : null}
          <Link className="button secondary" to={`/admin/agencies/${agency.slug}/oit`}>
            {t("oit.link")}
          </Link>
          <Link className="button secondary" to={`/admin/agencies/${agency.slug}/results`}>
            {t("results.link")}
          </Link>
          <Link className="button secondary" to={`/admin/agencies/${agency.slug}/plan`}>
            {t("plan.link")}
          </Link>
        </p>
      </section>

      <section className="no-print">
        <h2>{t("dash.daily")}</h2>
        {loaded.days.length ? (
          <>
            <DailyChart
              days={loaded.days}
              text={{
                label: t("dash.daily"),
                series: { iit: t("dash.instrument.iit"), eit1: t("dash.instrument.eit1"), eit2: t("dash.instrument.eit2") },
                table: t("dash.daily.table"),
                day: t("dash.daily.day"),
                total: t("dash.daily.total"),
              }}
            />
          </>
        ) : (
          <p>{t("dash.daily.none")}</p>
        )}
      </section>

      <section className="no-print">
        <h2>{t("dash.means")}</h2>
        <p className="muted">{t("dash.means.why")}</p>
        {loaded.progress.map((row) => (
          <details key={row.instrument} open={row.means !== null}>
            <summary>
              {t(`dash.instrument.${row.instrument}` as MessageKey)} —{" "}
              {row.means
                ? t("dash.means.asOf", { n: row.means.asOfResponses })
                : row.meansHiddenBecause === "collecting"
                  ? t("dash.means.hidden")
                  : t("dash.means.tooFew")}
            </summary>
            {row.means ? (
              <TableRegion label={`${t("dash.means")}: ${t(`dash.instrument.${row.instrument}` as MessageKey)}`}>
                <table className="data-table means" data-instrument={row.instrument}>
                  <thead>
                    <tr>
                      <th scope="col">{t("dash.indicator")}</th>
                      <th scope="col">{t("dash.mean")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(row.means.indicators).map(([code, value]) => (
                      <tr key={code}>
                        <th scope="row">
                          {code}. {loaded.indicatorNames[code]}
                        </th>
                        <td className="num">{formatMean(value)}</td>
                      </tr>
                    ))}
                    {Object.entries(row.means.items).map(([code, value]) => (
                      <tr key={code} className="item-row">
                        <td>
                          {code} {loaded.itemLabels[code]}
                        </td>
                        <td className="num">{formatMean(value)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            ) : null}
          </details>
        ))}
      </section>

      <section className="no-print">
        <h2>{t("dash.populations")}</h2>
        <Form method="post" className="settings-form">
          <input type="hidden" name="intent" value="set-populations" />
          <Field
            name="internalPopulation"
            label={t("dash.populations.internal")}
            inputProps={{ inputMode: "numeric", className: "text-input", defaultValue: participation.internalPopulation ?? "", disabled: !canManage }}
          />
          <Field
            name="externalPopulation"
            label={t("dash.populations.external")}
            inputProps={{ inputMode: "numeric", className: "text-input", defaultValue: participation.externalPopulation ?? "", disabled: !canManage }}
          />
          {canManage ? (
            <button type="submit" className="button">
              {t("dash.populations.save")}
            </button>
          ) : null}
        </Form>
        <p className="muted">{t("dash.populations.rule")}</p>
      </section>

      <section className="no-print">
        <h2>{t("dash.code")}</h2>
        <p>{participation.codeIssuedAt ? t("dash.code.active", { date: participation.codeIssuedAt }) : t("dash.code.none")}</p>
        {canManage ? (
          <div className="button-row">
            <Form method="post">
              <input type="hidden" name="intent" value="rotate-code" />
              <button type="submit" className="button">
                {t("dash.code.rotate")}
              </button>
            </Form>
            {participation.codeIssuedAt ? (
              <Form method="post">
                <input type="hidden" name="intent" value="revoke-code" />
                <button type="submit" className="button secondary">
                  {t("dash.code.revoke")}
                </button>
              </Form>
            ) : null}
            <Form method="post">
              <input type="hidden" name="intent" value="set-open" />
              <input type="hidden" name="instrument" value="iit" />
              <input type="hidden" name="open" value={participation.iitOpen ? "false" : "true"} />
              <button type="submit" className="button secondary">
                {t("dash.open.iit")}: {t(participation.iitOpen ? "dash.open.on" : "dash.open.off")}
              </button>
            </Form>
          </div>
        ) : null}
      </section>

      <section className="no-print">
        <h2>{t("dash.eit")}</h2>
        <p>
          {t("dash.eit.link")}: <a href={loaded.publicLink}>{loaded.publicLink}</a>
        </p>
        <div className="qr qr-small" dangerouslySetInnerHTML={{ __html: loaded.qr }} />
        <p>
          <Link to={`/admin/agencies/${agency.slug}/poster`}>{t("dash.eit.poster")}</Link> ·{" "}
          <a href={`/admin/agencies/${agency.slug}/qr.png`} download>
            {t("dash.eit.png")}
          </a>
        </p>
        <p className="muted" data-testid="otp-ratio">
          {t("dash.otp", {
            sent: loaded.otp.thisHour.sent,
            verified: loaded.otp.thisHour.verified,
            sentBefore: loaded.otp.previousHour.sent,
            verifiedBefore: loaded.otp.previousHour.verified,
          })}
        </p>
        <h3>{t("dash.eit.counters")}</h3>
        <p className="muted">{t("dash.eit.counter.why")}</p>
        {loaded.counters.length ? (
          <ul data-testid="counters">
            {loaded.counters.map((counter) => (
              <li key={counter.id} data-counter={counter.id}>
                {counter.label}: {counter.responses ?? t("dash.eit.counter.few")}{" "}
                {counter.retired ? (
                  <span className="muted">({t("dash.eit.counter.retired")})</span>
                ) : (
                  <>
                    <Link to={`/admin/agencies/${agency.slug}/poster?c=${counter.id}`}>{t("dash.eit.poster")}</Link>
                    {canManage ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="retire-counter" />
                        <input type="hidden" name="counterId" value={counter.id} />
                        <button type="submit" className="link-button">
                          {t("dash.eit.counter.retire")}
                        </button>
                      </Form>
                    ) : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("dash.eit.counter.none")}</p>
        )}
        {canManage ? (
          <Form method="post" className="settings-form">
            <input type="hidden" name="intent" value="create-counter" />
            <label htmlFor="counter-label">{t("dash.eit.counter")}</label>
            <input id="counter-label" name="label" className="text-input" required maxLength={COUNTER_LABEL_MAX} />
            <button type="submit" className="button">
              {t("dash.eit.counter.add")}
            </button>
          </Form>
        ) : null}
        {canManage ? (
          <div className="button-row">
            <Form method="post">
              <input type="hidden" name="intent" value="set-open" />
              <input type="hidden" name="instrument" value="eit" />
              <input type="hidden" name="open" value={participation.eitOpen ? "false" : "true"} />
              <button type="submit" className="button secondary">
                {t("dash.open.eit")}: {t(participation.eitOpen ? "dash.open.on" : "dash.open.off")}
              </button>
            </Form>
            {loaded.emailAvailable ? (
              <Form method="post">
                <input type="hidden" name="intent" value="set-email" />
                <input type="hidden" name="allow" value={participation.eitAllowEmail ? "false" : "true"} />
                <button type="submit" className="button secondary">
                  {t("dash.eit.email")}: {t(participation.eitAllowEmail ? "dash.open.on" : "dash.open.off")}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
