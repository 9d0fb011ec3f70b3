// /admin/register — the system admin imports the national agency register (docs/agency-register.md):
// upload (multipart, ≤ 20 MB checked while streaming) → a dry-run preview (adds, changes, unchanged,
// missing, or every bad row) → confirm. The uploaded bytes wait server-side under their SHA-256
// and the confirm names that hash and the preview's plan
// fingerprint, so the import written is exactly the one previewed; a register changed in between
// is refused (409) rather than imported differently. The bytes wait in the database
// (models/register-upload.server.ts), so the confirm may reach any instance (decision 019).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import { Field } from "~/components/field";
import type { RegisterIssue } from "~/domain/agency-register";
import { requireSystemAdmin } from "~/services/admin-guard.server";
import {
  describeRegisterIssue,
  importAgencyRegister,
  listCycleYears,
  REGISTER_FILE_MAX_BYTES,
  type ImportOutcome,
  type ImportReport,
} from "~/services/agency-register.server";
import { actionError, actionOk } from "~/utils/action-result";
import { readForm, requireSameSite } from "~/utils/http.server";
import type { Lang, MessageKey } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";
import { forgetRegisterUpload, keepRegisterUpload, readRegisterUpload } from "~/models/register-upload.server";
import { readMultipartLimited } from "~/utils/upload-store.server";
import { useT } from "~/utils/use-lang";
import { RegisterConfirmSchema, RegisterPreviewSchema } from "~/services/forms/admin-settings.server";
import { useRejectedForm } from "~/components/rejected-form";

/** A multipart body carries the file plus a few small fields and the part headers. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
/** Rows of each list sent to the page (the counts are always whole). */
const SHOWN = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSystemAdmin(request);
  return { lang: await getLang(request), years: await listCycleYears(), maxMegabytes: REGISTER_FILE_MAX_BYTES / 1024 / 1024 };
}

type Shown = {
  stage?: "preview" | "done";
  report?: Omit<ImportReport, "adds" | "changes" | "missing" | "adminsToInvite"> & {
    adds: ImportReport["adds"];
    changes: ImportReport["changes"];
    missing: ImportReport["missing"];
    admins: number;
  };
  issues?: string[];
  totalIssues?: number;
  fileName?: string;
};

/** What the page shows of an outcome: lists cut to SHOWN rows, refusals as sentences in the reader's language. */
function shown(outcome: ImportOutcome, lang: Lang): Pick<Shown, "report" | "issues" | "totalIssues"> {
  if (!outcome.ok) return { issues: outcome.issues.map((issue: RegisterIssue) => describeRegisterIssue(issue, lang)), totalIssues: outcome.totalIssues };
  const { adds, changes, missing, adminsToInvite, ...rest } = outcome;
  return { report: { ...rest, adds: adds.slice(0, SHOWN), changes: changes.slice(0, SHOWN), missing: missing.slice(0, SHOWN), admins: adminsToInvite.length } };
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameSite(request);
  // The session is checked before a large body is read (shared/security.md → Input).
  const session = await requireSystemAdmin(request);
  const lang = await getLang(request);
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");

  if (multipart) {
    const form = await readMultipartLimited(request, REGISTER_FILE_MAX_BYTES + MULTIPART_OVERHEAD_BYTES);
    const parsed = RegisterPreviewSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success)
      return actionError<Shown>(400, { message: parsed.error.issues.some((i) => i.path[0] === "file") ? "register.noFile" : "register.badForm" });
    const { file } = parsed.data;
    if (file.size === 0 && file.name === "") return actionError<Shown>(400, { message: "register.noFile" });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const outcome = await importAgencyRegister({
      bytes,
      fileName: file.name,
      dryRun: true,
      year: parsed.data.year,
      deactivateMissing: parsed.data.deactivateMissing,
    });
    if (!outcome.ok) return actionError<Shown>(outcome.status, { message: "register.refused", stage: "preview", ...shown(outcome, lang) });
    await keepRegisterUpload({ userId: session.userId, fileName: file.name, bytes });
    return actionOk<Shown>({ stage: "preview", fileName: file.name.slice(0, 200), ...shown(outcome, lang) });
  }

  const form = await readForm(request);
  const parsed = RegisterConfirmSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return actionError<Shown>(400, { message: "register.badForm" });
  const confirm = parsed.data;
  const bytes = await readRegisterUpload(session.userId, confirm.sha256);
  if (!bytes) return actionError<Shown>(410, { message: "register.confirm.expired" });
  const outcome = await importAgencyRegister({
    bytes,
    fileName: confirm.fileName,
    dryRun: false,
    year: confirm.year,
    deactivateMissing: confirm.deactivateMissing,
    actor: { userId: session.userId, grants: session.user.grants },
    expectedFingerprint: confirm.fingerprint,
  });
  if (!outcome.ok) {
    return actionError<Shown>(outcome.status, { message: outcome.status === 409 ? "register.confirm.stale" : "register.refused", ...shown(outcome, lang) });
  }
  await forgetRegisterUpload(session.userId, confirm.sha256);
  return actionOk<Shown>({ stage: "done", message: "register.done", fileName: confirm.fileName, ...shown(outcome, lang) });
}

const COUNTS = ["added", "changed", "unchanged", "missing", "deactivated", "registered", "populationsUpdated"] as const;

export default function RegisterImportPage() {
  const { years } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (Shown & { ok: boolean; message?: MessageKey }) | undefined;
  useRejectedForm(result);
  const busy = useNavigation().state !== "idle";
  const t = useT();
  const report = result?.report;
  return (
    <>
      <h1>{t("register.title")}</h1>
      <p>{t("register.intro")}</p>
      <p>
        <Link to="/admin/register/agencies">{t("register.agenciesLink")}</Link> · <span className="muted">{t("register.formatLink")}</span>
      </p>
      {result?.message ? (
        <p className={result.ok ? "form-ok" : "form-error"} role="status">
          {t(result.message)}
        </p>
      ) : null}

      {result?.issues?.length ? (
        <section aria-labelledby="register-errors">
          <h2 id="register-errors">{t("register.list.errors")}</h2>
          <ul data-testid="register-errors">
            {result.issues.map((issue, index) => (
              <li key={index}>{issue}</li>
            ))}
          </ul>
          {result.totalIssues && result.totalIssues > result.issues.length ? (
            <p className="muted">{t("register.list.truncated", { shown: result.issues.length, total: result.totalIssues })}</p>
          ) : null}
        </section>
      ) : null}

      {report ? (
        <section aria-labelledby="register-report">
          <h2 id="register-report">{result?.stage === "done" ? t("register.done") : t("register.previewTitle")}</h2>
          <TableRegion labelledBy="register-report">
            <table className="data-table">
              <tbody>
                {COUNTS.filter((count) => report.year !== null || (count !== "registered" && count !== "populationsUpdated")).map((count) => (
                  <tr key={count}>
                    <th scope="row">{t(`register.count.${count}` as MessageKey)}</th>
                    <td className="num" data-count={count}>
                      {report.counts[count]}
                    </td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t("register.count.admins")}</th>
                  <td className="num">{report.admins}</td>
                </tr>
                {report.invitations ? (
                  <tr>
                    <th scope="row">{t("register.count.invited")}</th>
                    <td className="num" data-count="invited">
                      {t("register.invitedDetail", { ...report.invitations })}
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </TableRegion>
          {report.populationsIgnored ? <p className="notice">{t("register.populationsIgnored", { count: report.populationsIgnored })}</p> : null}
          {report.ignoredColumns.length ? <p className="muted">{t("register.ignoredColumns", { columns: report.ignoredColumns.join(", ") })}</p> : null}
          <PlanList title={t("register.list.adds")} total={report.counts.added} t={t}>
            {report.adds.map((add) => (
              <tr key={add.code}>
                <td className="num">{add.row}</td>
                <td>{add.code}</td>
                <td>{add.nameTh}</td>
              </tr>
            ))}
          </PlanList>
          <PlanList title={t("register.list.changes")} total={report.counts.changed} t={t} what>
            {report.changes.map((change) => (
              <tr key={change.code}>
                <td className="num">{change.row}</td>
                <td>{change.code}</td>
                <td>
                  {change.changes.map((c) => (
                    <div key={c.field}>
                      {t(`register.field.${c.field}` as MessageKey)}: {c.from ?? "—"} → {c.to ?? "—"}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </PlanList>
          <PlanList title={t("register.list.missing")} total={report.counts.missing} t={t}>
            {report.missing.map((entry) => (
              <tr key={entry.code}>
                <td className="num">—</td>
                <td>{entry.code}</td>
                <td>{entry.nameTh}</td>
              </tr>
            ))}
          </PlanList>
          {result?.stage === "preview" ? (
            <Form method="post" className="settings-form">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="sha256" value={report.fileSha256} />
              <input type="hidden" name="fingerprint" value={report.fingerprint} />
              <input type="hidden" name="fileName" value={result.fileName ?? ""} />
              <input type="hidden" name="year" value={report.year === null ? "" : String(report.year)} />
              {report.deactivateMissing ? <input type="hidden" name="deactivateMissing" value="on" /> : null}
              <button type="submit" className="button" disabled={busy}>
                {t("register.confirm")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <Form method="post" encType="multipart/form-data" className="settings-form">
        <input type="hidden" name="intent" value="preview" />
        <Field name="file" label={t("register.file")} inputProps={{ type: "file", accept: ".csv,.xlsx,text/csv", required: true }} />
        <Field name="year" label={t("register.year")} hint={t("register.year.hint")}>
          {(control) => (
            <select {...control} defaultValue="">
              <option value="">{t("register.year.none")}</option>
              {years.map((fiscalYear) => (
                <option key={fiscalYear} value={fiscalYear}>
                  {fiscalYear}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label>
          <input type="checkbox" name="deactivateMissing" value="on" /> {t("register.deactivateMissing")}
        </label>
        <button type="submit" className="button" disabled={busy}>
          {t("register.preview")}
        </button>
      </Form>
    </>
  );
}

function PlanList({
  title,
  total,
  t,
  what = false,
  children,
}: {
  title: string;
  total: number;
  t: ReturnType<typeof useT>;
  what?: boolean;
  children: React.ReactNode[];
}) {
  if (total === 0) return null;
  return (
    <details open={total <= 50}>
      <summary>
        {title} ({total})
      </summary>
      <TableRegion label={title}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("register.col.row")}</th>
              <th scope="col">{t("register.col.code")}</th>
              <th scope="col">{what ? t("register.col.what") : t("register.col.name")}</th>
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </TableRegion>
      {children.length < total ? <p className="muted">{t("register.list.truncated", { shown: children.length, total })}</p> : null}
    </details>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
