// Admin authentication and authorisation guards. Every admin loader/action starts with one.
import { createCookie, redirect } from "@remix-run/node";
import { env } from "~/env.server";
import { ADMIN_ABSOLUTE_SECONDS, getAdminSession } from "~/models/admin-session.server";
import { getAgencyBySlug } from "~/models/agency.server";
import { getCurrentCycle, getCycleByFiscalYear, listCycleYears } from "~/models/cycle.server";
import { invariantResponse } from "~/utils/http.server";
import { bothLangs } from "~/utils/i18n.server";

export const adminCookie = createCookie("ita_admin", {
  path: "/",
  httpOnly: true,
  sameSite: "strict", // shared/security.md: Strict for admin
  secure: env.NODE_ENV === "production" && env.PUBLIC_BASE_URL.startsWith("https:"),
  maxAge: ADMIN_ABSOLUTE_SECONDS,
});

export type AdminSession = NonNullable<Awaited<ReturnType<typeof getAdminSession>>>;
export type Grant = AdminSession["user"]["grants"][number];
export type AgencyRef = { id: string; provinceId: string | null };

export async function readAdminToken(request: Request): Promise<string | null> {
  const token = await adminCookie.parse(request.headers.get("Cookie"));
  return typeof token === "string" ? token : null;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  return redirect(`/admin/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** A session that passed the password but maybe not yet the second factor. */
export async function requirePasswordSession(request: Request) {
  const session = await getAdminSession(await readAdminToken(request));
  if (!session) throw loginRedirect(request);
  return session;
}

/** A fully signed-in admin: password AND (where required) TOTP. */
export async function requireAdmin(request: Request) {
  const session = await requirePasswordSession(request);
  if (!session.twoFactorVerifiedAt) {
    throw redirect(session.user.totpEnabledAt ? "/admin/login/2fa" : "/admin/2fa/setup");
  }
  return session;
}

export function twoFactorRequired() {
  return env.ADMIN_REQUIRE_2FA;
}

// ───── what a role may see and change ─────

export function canReadAgency(grants: Grant[], agency: AgencyRef): boolean {
  return grants.some(
    (grant) =>
      grant.role === "national_assessor" ||
      grant.role === "system_admin" ||
      (grant.role === "agency_admin" && grant.agencyId === agency.id) ||
      (grant.role === "province_coordinator" && agency.provinceId !== null && grant.provinceId === agency.provinceId),
  );
}

/**
 * Agency settings (populations, IIT code, posters, OIT URLs) belong to the agency's own admin;
 * the system admin can step in. Coordinators and assessors watch, they do not edit an agency.
 */
export function canManageAgency(grants: Grant[], agency: AgencyRef): boolean {
  return grants.some((grant) => grant.role === "system_admin" || (grant.role === "agency_admin" && grant.agencyId === agency.id));
}

/** EIT part 2 and OIT are the assessor's (NACC) data entry; the system admin can step in. */
export function canEnterAssessorData(grants: Grant[]): boolean {
  return grants.some((grant) => grant.role === "national_assessor" || grant.role === "system_admin");
}

export function requireAgencyAccess(session: AdminSession, agency: AgencyRef, mode: "read" | "manage") {
  const allowed = mode === "read" ? canReadAgency(session.user.grants, agency) : canManageAgency(session.user.grants, agency);
  if (!allowed) throw new Response(bothLangs("refuse.agency"), { status: 403 });
}

/** The agencies a role watches: one, a province, or all. */
export function agencyScope(grants: Grant[]): { all: true } | { all: false; agencyIds: string[]; provinceIds: string[] } {
  if (grants.some((grant) => grant.role === "national_assessor" || grant.role === "system_admin")) return { all: true };
  return {
    all: false,
    agencyIds: grants.flatMap((grant) => (grant.role === "agency_admin" && grant.agencyId ? [grant.agencyId] : [])),
    provinceIds: grants.flatMap((grant) => (grant.role === "province_coordinator" && grant.provinceId ? [grant.provinceId] : [])),
  };
}

/** The signed-in admin and the agency of an /admin/agencies/<slug> page, checked for `mode`. */
export async function requireAdminAgency(request: Request, slug: string | undefined, mode: "read" | "manage" = "read") {
  const session = await requireAdmin(request);
  const agency = slug ? await getAgencyBySlug(slug) : null;
  invariantResponse(agency, bothLangs("refuse.agencyNotFound"), { status: 404 });
  requireAgencyAccess(session, agency, mode);
  return { session, agency };
}

/**
 * The cycle an admin page shows, or a 404 before any cycle exists: the year chosen with the year
 * switcher (`?year=` on the URL, else the `ita_admin_year` cookie set by /admin/year), else the
 * current cycle. A past year is read-only: from an action (any method but GET/HEAD) this refuses
 * with a 409 unless the chosen cycle is the current one, before the action writes anything — every
 * admin action that writes gets its cycle here.
 */
export async function requireCycle(request: Request) {
  const { cycle, current } = await chosenCycle(request);
  invariantResponse(cycle && current, bothLangs("refuse.noCycle"), { status: 404 });
  const writing = request.method !== "GET" && request.method !== "HEAD";
  if (writing && cycle.id !== current.id) {
    throw new Response(bothLangs("years.error.readOnly", { year: cycle.fiscalYear, current: current.fiscalYear }), { status: 409 });
  }
  return cycle;
}

// ───── the year switcher (fiscal years, docs/fiscal-years.md) ─────

/** The fiscal year an admin chose to look at (a preference, not a grant: every role may look back). */
export const adminYearCookie = createCookie("ita_admin_year", {
  path: "/admin",
  httpOnly: true,
  sameSite: "strict",
  secure: env.NODE_ENV === "production" && env.PUBLIC_BASE_URL.startsWith("https:"),
  maxAge: ADMIN_ABSOLUTE_SECONDS,
});

function asFiscalYear(value: unknown): number | null {
  const year = typeof value === "number" ? value : typeof value === "string" && /^\d{4}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(year) ? year : null;
}

/** The year asked for: `?year=` first, then the cookie; null for "the current one". */
export async function chosenFiscalYear(request: Request): Promise<number | null> {
  const fromUrl = asFiscalYear(new URL(request.url).searchParams.get("year"));
  if (fromUrl !== null) return fromUrl;
  return asFiscalYear(await adminYearCookie.parse(request.headers.get("Cookie")));
}

/** The chosen cycle (an unknown year falls back to the current one) and the current one; nulls before any cycle. */
export async function chosenCycle(request: Request) {
  const current = await getCurrentCycle();
  const year = await chosenFiscalYear(request);
  const chosen = year !== null && year !== current?.fiscalYear ? await getCycleByFiscalYear(year) : null;
  return { cycle: chosen ?? current, current };
}

/** What the admin layout's year switcher shows: the years, the one chosen, the current one. */
export async function yearSwitchState(request: Request) {
  const [{ cycle, current }, years] = await Promise.all([chosenCycle(request), listCycleYears()]);
  return { years, chosen: cycle?.fiscalYear ?? null, current: current?.fiscalYear ?? null, readOnly: Boolean(cycle && current && cycle.id !== current.id) };
}

/** The system administrator's pages (fiscal years, the register, users, the audit log): every other role gets a 403. */
export async function requireSystemAdmin(request: Request) {
  const session = await requireAdmin(request);
  if (!session.user.grants.some((grant) => grant.role === "system_admin")) {
    throw new Response(bothLangs("refuse.systemAdminOnly"), { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return session;
}
