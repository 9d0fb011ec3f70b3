// Admin authentication and authorisation guards. Every admin loader/action starts with one.
import { createCookie, redirect } from "@remix-run/node";
import { env } from "~/env.server";
import { ADMIN_ABSOLUTE_SECONDS, getAdminSession } from "~/models/admin-session.server";
import { getAgencyBySlug } from "~/models/agency.server";
import { getCurrentCycle } from "~/models/cycle.server";
import { invariantResponse } from "~/utils/http.server";
import { bothLangs } from "~/utils/i18n";

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
 * The cycle an admin page shows, or a 404 before any cycle exists. For now always the current one;
 * `request` is here so a year switcher (a `?year=` or a cookie, read by the admin layout route
 * app/routes/admin.tsx) can choose another without touching the pages that call this.
 */
export async function requireCycle(request: Request) {
  const cycle = await getCurrentCycle();
  invariantResponse(cycle, bothLangs("refuse.noCycle"), { status: 404 });
  return cycle;
}

/** Pages of the system administrator only (the agency register): any other role gets a 403. */
export async function requireSystemAdmin(request: Request) {
  const session = await requireAdmin(request);
  if (!session.user.grants.some((grant) => grant.role === "system_admin")) throw new Response(bothLangs("register.forbidden"), { status: 403 });
  return session;
}
