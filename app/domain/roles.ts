// Who may give which role to whom (issue 15 → people and roles). Pure: the caller resolves an
// agency's province before asking. The operator CLI acts with full scope (it has the database).
//
//   system_admin         everything
//   national_assessor    province_coordinator and agency_admin, anywhere
//   province_coordinator agency_admin of the agencies in their own province
//   agency_admin         nobody
export const ROLES = ["agency_admin", "province_coordinator", "national_assessor", "system_admin"] as const;
export type RoleName = (typeof ROLES)[number];

/** A grant someone holds. */
export type HeldGrant = { role: RoleName; agencyId: string | null; provinceId: string | null };

/** A grant someone wants to give (or take away): for an agency_admin grant, its agency's province. */
export type GrantSpec = HeldGrant & { agencyProvinceId?: string | null };

/** The operator (CLI, register import): no user, full scope. */
export const OPERATOR = "operator" as const;
export type ActorGrants = readonly HeldGrant[] | typeof OPERATOR;

/** The scope a role needs: an agency, a province, or none. */
export function scopeKindOf(role: RoleName): "agency" | "province" | "none" {
  return role === "agency_admin" ? "agency" : role === "province_coordinator" ? "province" : "none";
}

/** Whether a grant names exactly the scope its role needs (agency_admin an agency, …). */
export function isWellFormedGrant(grant: HeldGrant): boolean {
  const kind = scopeKindOf(grant.role);
  if (kind === "agency") return Boolean(grant.agencyId) && !grant.provinceId;
  if (kind === "province") return Boolean(grant.provinceId) && !grant.agencyId;
  return !grant.agencyId && !grant.provinceId;
}

/** May the actor give (or take away) this grant? */
export function canGrant(actor: ActorGrants, grant: GrantSpec): boolean {
  if (!isWellFormedGrant(grant)) return false;
  if (actor === OPERATOR) return true;
  return actor.some((own) => {
    if (own.role === "system_admin") return true;
    if (own.role === "national_assessor") return grant.role === "province_coordinator" || grant.role === "agency_admin";
    if (own.role === "province_coordinator") {
      return grant.role === "agency_admin" && Boolean(own.provinceId) && grant.agencyProvinceId === own.provinceId;
    }
    return false;
  });
}

/** May the actor open the people pages at all (invite or manage someone)? */
export function managesPeople(actor: ActorGrants): boolean {
  return actor === OPERATOR || actor.some((own) => own.role !== "agency_admin");
}

/**
 * May the actor disable, enable, reset 2FA of, or revoke a role from this user? Only when EVERY
 * grant the user holds is within what the actor may grant: nobody acts on someone above them. A
 * user with no grant at all is the system administrator's (or the operator's).
 */
export function canActOnUser(actor: ActorGrants, target: readonly GrantSpec[]): boolean {
  if (actor === OPERATOR || actor.some((own) => own.role === "system_admin")) return true;
  return target.length > 0 && target.every((grant) => canGrant(actor, grant));
}

/** Does the actor see this user in the list? When at least one of their grants is in the actor's scope. */
export function canSeeUser(actor: ActorGrants, target: readonly GrantSpec[]): boolean {
  if (actor === OPERATOR || actor.some((own) => own.role === "system_admin")) return true;
  return target.some((grant) => canGrant(actor, grant));
}

/** The roles the actor may offer in an invite or grant form. */
export function grantableRoles(actor: ActorGrants): RoleName[] {
  if (actor === OPERATOR || actor.some((own) => own.role === "system_admin")) return [...ROLES];
  if (actor.some((own) => own.role === "national_assessor")) return ["agency_admin", "province_coordinator"];
  if (actor.some((own) => own.role === "province_coordinator")) return ["agency_admin"];
  return [];
}
