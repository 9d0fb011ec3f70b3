// /admin/register/agencies — the system admin's list of the register: search by code or name,
// filter active/deactivated, page through, edit one agency's names, kind, province and parent, and
// deactivate or reactivate it (never delete: an agency may hold responses). Code and slug are not
// editable here: the code is the register's key, the slug is in printed EIT links.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import { Field } from "~/components/field";
import { AGENCY_KIND_CODES } from "~/domain/agency-kinds";
import { requireSystemAdmin } from "~/services/admin-guard.server";
import { editRegisterAgency, listProvinceOptions, searchRegisterAgencies, setRegisterAgencyActive } from "~/services/agency-register.server";
import { actionError, actionOk } from "~/utils/action-result";
import { readForm } from "~/utils/http.server";
import { localName, type MessageKey } from "~/utils/i18n";
import { getLang } from "~/utils/lang.server";
import { useT } from "~/utils/use-lang";
import { AgencyActionSchema, RegisterQuerySchema } from "~/services/forms/admin-settings.server";
import { useRejectedForm } from "~/components/rejected-form";

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSystemAdmin(request);
  const lang = await getLang(request);
  const query = RegisterQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ total, agencies }, provinces] = await Promise.all([
    searchRegisterAgencies({ query: query.q, active: query.status }, query.page, PAGE_SIZE),
    listProvinceOptions(),
  ]);
  return {
    lang,
    query,
    total,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    provinces: provinces.map((province) => ({ code: province.code, name: localName(province, lang) })),
    agencies: agencies.map((agency) => ({
      id: agency.id,
      code: agency.code,
      nameTh: agency.nameTh,
      nameEn: agency.nameEn,
      kind: agency.kind,
      provinceCode: agency.province?.code ?? "",
      provinceName: agency.province ? localName(agency.province, lang) : null,
      parentCode: agency.parent?.code ?? "",
      active: agency.deactivatedAt === null,
    })),
  };
}

type Answer = { field?: "provinceCode" | "parentCode" };

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const session = await requireSystemAdmin(request);
  const parsed = AgencyActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return actionError<Answer>(400, { message: "register.agencies.invalid", values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])) });
  const change = parsed.data;
  if (change.intent === "edit") {
    const outcome = await editRegisterAgency(
      change.id,
      { nameTh: change.nameTh, nameEn: change.nameEn, kind: change.kind, provinceCode: change.provinceCode || null, parentCode: change.parentCode || null },
      session.userId,
    );
    if (!outcome.ok) {
      return actionError<Answer>(outcome.status, {
        message: outcome.message,
        ...(outcome.field ? { errors: { [outcome.field]: outcome.message } } : {}),
        values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])),
      });
    }
    return actionOk<Answer>({ message: "register.agencies.saved" });
  }
  if (!(await setRegisterAgencyActive(change.id, change.intent === "reactivate", session.userId)))
    return actionError<Answer>(404, { message: "register.agencies.notFound" });
  return actionOk<Answer>({ message: "register.agencies.saved" });
}

export default function RegisterAgenciesPage() {
  const { query, total, pages, provinces, agencies } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRejectedForm(result);
  const t = useT();
  const editing = agencies.find((agency) => agency.id === query.edit);
  const link = (changes: Partial<typeof query>) => {
    const params = new URLSearchParams();
    const next = { ...query, edit: undefined, ...changes };
    if (next.q) params.set("q", next.q);
    if (next.status !== "all") params.set("status", next.status);
    if (next.page > 1) params.set("page", String(next.page));
    if (next.edit) params.set("edit", next.edit);
    return `?${params}`;
  };
  const errorOf = (field: string) => {
    const key = result?.errors?.[field];
    return key ? t(key as MessageKey) : null;
  };
  return (
    <>
      <p>
        <Link to="/admin/register">{t("register.title")}</Link>
      </p>
      <h1>{t("register.agencies.title")}</h1>
      {result?.message ? (
        <p className={result.ok ? "form-ok" : "form-error"} role="status">
          {t(result.message)}
        </p>
      ) : null}
      <Form method="get" className="settings-form">
        <Field name="q" label={t("register.agencies.search")} inputProps={{ type: "search", defaultValue: query.q }} />
        <Field name="status" label={t("register.agencies.filter")}>
          {(control) => (
            <select {...control} defaultValue={query.status}>
              {(["all", "active", "inactive"] as const).map((status) => (
                <option key={status} value={status}>
                  {t(`register.agencies.filter.${status}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button secondary">
          {t("register.agencies.go")}
        </button>
      </Form>

      {editing ? (
        <section aria-labelledby="edit-agency">
          <h2 id="edit-agency">
            {t("register.agencies.edit")}: {editing.code}
          </h2>
          <Form method="post" className="settings-form">
            <input type="hidden" name="intent" value="edit" />
            <input type="hidden" name="id" value={editing.id} />
            <Field name="nameTh" label={t("register.field.nameTh")} inputProps={{ defaultValue: editing.nameTh, required: true, maxLength: 300 }} />
            <Field name="nameEn" label={t("register.field.nameEn")} inputProps={{ defaultValue: editing.nameEn, maxLength: 300 }} />
            <Field name="kind" label={t("register.field.kind")}>
              {(control) => (
                <select {...control} defaultValue={editing.kind}>
                  {AGENCY_KIND_CODES.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`kind.${kind}` as MessageKey)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="provinceCode" label={t("register.field.province")} error={errorOf("provinceCode")}>
              {(control) => (
                <select {...control} defaultValue={editing.provinceCode}>
                  <option value="">{t("register.agencies.noProvince")}</option>
                  {provinces.map((province) => (
                    <option key={province.code} value={province.code}>
                      {province.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              name="parentCode"
              label={t("register.agencies.parentCode")}
              error={errorOf("parentCode")}
              inputProps={{ defaultValue: editing.parentCode, maxLength: 50 }}
            />
            <button type="submit" className="button">
              {t("register.agencies.save")}
            </button>
          </Form>
        </section>
      ) : null}

      <p className="muted">{t("register.agencies.total", { total })}</p>
      <TableRegion label={t("register.agencies.title")}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("register.col.code")}</th>
              <th scope="col">{t("register.col.name")}</th>
              <th scope="col">{t("register.field.kind")}</th>
              <th scope="col">{t("register.field.province")}</th>
              <th scope="col">{t("register.field.active")}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {agencies.map((agency) => (
              <tr key={agency.id} data-code={agency.code}>
                <td>{agency.code}</td>
                <td>
                  {agency.nameTh}
                  <div className="muted">{agency.nameEn}</div>
                </td>
                <td>{t(`kind.${agency.kind}` as MessageKey)}</td>
                <td>{agency.provinceName ?? "—"}</td>
                <td>{agency.active ? t("register.agencies.active") : t("register.agencies.inactive")}</td>
                <td className="button-row">
                  <Link className="button secondary" to={link({ edit: agency.id })}>
                    {t("register.agencies.edit")}
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="intent" value={agency.active ? "deactivate" : "reactivate"} />
                    <input type="hidden" name="id" value={agency.id} />
                    <button type="submit" className="button secondary">
                      {agency.active ? t("register.agencies.deactivate") : t("register.agencies.reactivate")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p className="button-row">
        {query.page > 1 ? <Link to={link({ page: query.page - 1 })}>{t("register.agencies.previous")}</Link> : null}
        <span>{t("register.agencies.page", { page: query.page, pages })}</span>
        {query.page < pages ? <Link to={link({ page: query.page + 1 })}>{t("register.agencies.next")}</Link> : null}
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
