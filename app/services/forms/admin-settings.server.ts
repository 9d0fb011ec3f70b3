// Form schemas of the oversight and settings pages (overview, export, register, users,
// fiscal years): server-only
// (decision 026). A zod schema at the top of a route module ships zod (~92 KB on the wire) to every
// browser under the classic compiler, which strips only `.server` files. The action is the
// authority and these forms never validated with zod in the browser, so the schemas live here and
// the route uses them in its loader/action only. One schema per form.
import { z } from "zod";
import { AGENCY_KIND_CODES } from "~/domain/agency-kinds";
import { ROLES } from "~/domain/roles";
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from "~/services/fiscal-years.server";
import { OVERVIEW_SHOWS, OVERVIEW_SORTS } from "~/utils/forms/overview-options";
import { bothLangs } from "~/utils/i18n.server";

/** admin._index (the overview's query string) */
// Every parameter falls back to its default: a mistyped link shows the overview, never an error.
export const OverviewQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  province: z.string().max(80).catch(""), // a province slug, or "central"
  kind: z.enum(AGENCY_KIND_CODES).or(z.literal("")).catch(""),
  show: z.enum(OVERVIEW_SHOWS).catch("all"),
  sort: z.enum(OVERVIEW_SORTS).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  refresh: z.string().optional().catch(undefined),
});
export type OverviewQuery = z.infer<typeof OverviewQuerySchema>;

/** admin.export (query string) */
export const ExportQuerySchema = z.object({
  scope: z.string().regex(/^(nation|province:[a-z0-9-]{1,80}|agency:[a-z0-9-]{1,120})$/),
  format: z.enum(["csv", "xlsx", "json"]),
});

/** admin.register._index: preview, then confirm the same file */
const registerYear = z.union([z.literal(""), z.string().regex(/^\d{4}$/)]).transform((value) => (value === "" ? null : Number(value)));
const deactivateMissing = z
  .enum(["on", ""])
  .optional()
  .transform((value) => value === "on");

export const RegisterPreviewSchema = z.strictObject({ intent: z.literal("preview"), year: registerYear, deactivateMissing, file: z.instanceof(File) });
export const RegisterConfirmSchema = z.strictObject({
  intent: z.literal("confirm"),
  year: registerYear,
  deactivateMissing,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().max(200),
});

/** admin.register.agencies */
export const RegisterQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  status: z.enum(["all", "active", "inactive"]).catch("all"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  edit: z.string().max(40).optional().catch(undefined),
});

const agencyId = z.string().min(1).max(40);
const agencyCode = z.string().trim().max(50);
export const AgencyActionSchema = z.discriminatedUnion("intent", [
  z.strictObject({
    intent: z.literal("edit"),
    id: agencyId,
    nameTh: z.string().trim().min(1).max(300),
    nameEn: z.string().trim().max(300),
    kind: z.enum(AGENCY_KIND_CODES),
    provinceCode: agencyCode,
    parentCode: agencyCode,
  }),
  z.strictObject({ intent: z.literal("deactivate"), id: agencyId }),
  z.strictObject({ intent: z.literal("reactivate"), id: agencyId }),
]);

/** admin.users: several buttons, one action */
const id = z.string().regex(/^[0-9a-f]{32}$/);
const code = z.string().trim().max(40).optional();
const role = z.enum(ROLES);

export const PeopleActionSchema = z.discriminatedUnion("intent", [
  z.strictObject({ intent: z.literal("invite"), email: z.string().trim().max(254), name: z.string().max(200).optional(), role, agency: code, province: code }),
  z.strictObject({ intent: z.literal("resend"), invitationId: id }),
  z.strictObject({ intent: z.literal("withdraw"), invitationId: id }),
  z.strictObject({ intent: z.literal("grant"), userId: id, role, agency: code, province: code }),
  z.strictObject({ intent: z.literal("revoke"), userId: id, grantId: id }),
  z.strictObject({ intent: z.literal("disable"), userId: id }),
  z.strictObject({ intent: z.literal("enable"), userId: id }),
  z.strictObject({ intent: z.literal("reset-2fa"), userId: id }),
]);

/** admin.cycles.$year: the collection windows */
const ISO_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "years.invalid" });
export const WindowsSchema = z.strictObject({
  iitOpen: ISO_DATE,
  iitClose: ISO_DATE,
  eitOpen: ISO_DATE,
  eitClose: ISO_DATE,
  oitOpen: ISO_DATE,
  oitClose: ISO_DATE,
});

/** admin.cycles.new */
const YEAR = z.coerce
  .number({ error: "years.error.year" })
  .int({ error: "years.error.year" })
  .min(MIN_FISCAL_YEAR, { error: "years.error.year" })
  .max(MAX_FISCAL_YEAR, { error: "years.error.year" });
const optionalYear = z.preprocess((value) => (value === "" ? undefined : value), YEAR.optional());

export const NewCycleSchema = WindowsSchema.extend({
  fiscalYear: YEAR,
  copyFrom: optionalYear,
  rulesetJson: z.string().max(250_000).optional(),
  populationsFrom: optionalYear,
});

/** admin.year (the year switch) */
export const YearSwitchSchema = z.strictObject({
  year: z.string().regex(/^\d{4}$/, { error: bothLangs("years.error.year") }),
  redirectTo: z.string().max(2000).optional(),
});
