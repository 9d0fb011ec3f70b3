// Operations for the system administrator: the outbox of SMS and e-mail (docs/decisions/018) —
// how many messages are in each state, how long the oldest waiting one has waited, and the latest
// errors — and the fleet's background jobs (docs/decisions/020): which instance runs each now and
// how the last run went. No contact data: the payloads are never read here.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import { env } from "~/env.server";
import { OUTBOX_STATES } from "~/models/outbox.server";
import { requireSystemAdmin } from "~/services/admin-guard.server";
import { describeFleetJobs } from "~/services/jobs.server";
import { describeOutbox } from "~/services/outbox.server";
import { formatThaiDateTime } from "~/utils/dates";
import type { MessageKey } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSystemAdmin(request);
  const lang = await getLang(request);
  const [outbox, jobs] = await Promise.all([describeOutbox(), describeFleetJobs()]);
  const when = (at: Date | null) => (at ? { text: formatThaiDateTime(at, lang), iso: at.toISOString() } : null);
  return {
    lang,
    keepDays: env.OUTBOX_KEEP_DAYS,
    counts: OUTBOX_STATES.map((state) => ({ state, count: outbox.counts[state] })),
    inFlight: outbox.inFlight,
    oldestPendingSeconds: outbox.oldestPendingSeconds,
    errors: outbox.lastErrors.map((error) => ({ ...error, at: formatThaiDateTime(error.at, lang), atIso: error.at.toISOString() })),
    jobs: jobs.map((job) => ({ ...job, lastStartedAt: when(job.lastStartedAt), lastFinishedAt: when(job.lastFinishedAt) })),
  };
}

export default function OperationsPage() {
  const loaded = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("operations.title")}</h1>
      <section aria-labelledby="outbox-title">
        <h2 id="outbox-title">{t("operations.outbox.title")}</h2>
        <p className="muted">{t("operations.outbox.explain")}</p>
        <TableRegion labelledBy="outbox-title">
          <table className="outbox-counts">
            <thead>
              <tr>
                <th scope="col">{t("operations.outbox.state")}</th>
                <th scope="col">{t("operations.outbox.count")}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.counts.map(({ state, count }) => (
                <tr key={state} data-state={state}>
                  <th scope="row">{t(`operations.outbox.state.${state}` as MessageKey)}</th>
                  <td>{count.toLocaleString("en")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <p>
          {loaded.oldestPendingSeconds === null
            ? t("operations.outbox.noneWaiting")
            : t("operations.outbox.oldest", { seconds: loaded.oldestPendingSeconds.toLocaleString("en") })}
          {" · "}
          {t("operations.outbox.inFlight", { count: loaded.inFlight })}
        </p>
        <p className="muted">{t("operations.outbox.kept", { days: loaded.keepDays })}</p>
        <h3 id="outbox-errors-title">{t("operations.outbox.errors")}</h3>
        {loaded.errors.length === 0 ? (
          <p>{t("operations.outbox.noErrors")}</p>
        ) : (
          <TableRegion labelledBy="outbox-errors-title">
            <table className="outbox-errors">
              <thead>
                <tr>
                  <th scope="col">{t("operations.outbox.col.at")}</th>
                  <th scope="col">{t("operations.outbox.col.message")}</th>
                  <th scope="col">{t("operations.outbox.state")}</th>
                  <th scope="col">{t("operations.outbox.col.tries")}</th>
                  <th scope="col">{t("operations.outbox.col.error")}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.errors.map((error) => (
                  <tr key={error.id}>
                    <td>
                      <time dateTime={error.atIso}>{error.at}</time>
                    </td>
                    <td>
                      {t(`operations.outbox.purpose.${error.purpose}` as MessageKey)} · {t(`operations.outbox.channel.${error.channel}` as MessageKey)}
                    </td>
                    <td>{t(`operations.outbox.state.${error.state}` as MessageKey)}</td>
                    <td>{error.attempts}</td>
                    <td>
                      <code>{error.lastError}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
      <section aria-labelledby="jobs-title">
        <h2 id="jobs-title">{t("operations.jobs.title")}</h2>
        <p className="muted">{t("operations.jobs.explain")}</p>
        <div className="table-region" role="region" aria-labelledby="jobs-title" tabIndex={0}>
          <table className="fleet-jobs">
            <thead>
              <tr>
                <th scope="col">{t("operations.jobs.col.job")}</th>
                <th scope="col">{t("operations.jobs.col.now")}</th>
                <th scope="col">{t("operations.jobs.col.lastFinished")}</th>
                <th scope="col">{t("operations.jobs.col.lastOutcome")}</th>
                <th scope="col">{t("operations.jobs.col.runs")}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.jobs.map((job) => (
                <tr key={job.name} data-job={job.name}>
                  <th scope="row">{t(`operations.jobs.name.${job.name}` as MessageKey)}</th>
                  <td>{job.running ? t("operations.jobs.running", { holder: job.holder ?? "" }) : t("operations.jobs.idle")}</td>
                  <td>{job.lastFinishedAt ? <time dateTime={job.lastFinishedAt.iso}>{job.lastFinishedAt.text}</time> : t("operations.jobs.never")}</td>
                  <td>
                    {job.lastOutcome === "failed"
                      ? t("operations.jobs.outcome.failed", { error: job.lastError ?? "" })
                      : job.lastOutcome === "ok"
                        ? t("operations.jobs.outcome.ok")
                        : t("operations.jobs.never")}
                  </td>
                  <td>
                    {job.runs.toLocaleString("en")} ({job.failures.toLocaleString("en")})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
