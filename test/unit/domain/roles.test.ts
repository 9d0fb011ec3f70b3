// The scope rules of people and roles (app/domain/roles.ts), per role, as one table: who may grant
// what, act on whom, and see whom. Two provinces: P1 (agencies A1, A2) and P2 (agency B1).
import { describe, expect, it } from "vitest";
import { canActOnUser, canGrant, canSeeUser, grantableRoles, managesPeople, OPERATOR, type ActorGrants, type GrantSpec, type HeldGrant } from "~/domain/roles";

const grant = {
  sys: { role: "system_admin", agencyId: null, provinceId: null },
  assessor: { role: "national_assessor", agencyId: null, provinceId: null },
  coordP1: { role: "province_coordinator", agencyId: null, provinceId: "P1" },
  coordP2: { role: "province_coordinator", agencyId: null, provinceId: "P2" },
  adminA1: { role: "agency_admin", agencyId: "A1", provinceId: null, agencyProvinceId: "P1" },
  adminA2: { role: "agency_admin", agencyId: "A2", provinceId: null, agencyProvinceId: "P1" },
  adminB1: { role: "agency_admin", agencyId: "B1", provinceId: null, agencyProvinceId: "P2" },
} satisfies Record<string, GrantSpec>;
type G = keyof typeof grant;

const actors: Record<string, ActorGrants> = {
  operator: OPERATOR,
  sys: [grant.sys],
  assessor: [grant.assessor],
  coordP1: [grant.coordP1],
  adminA1: [grant.adminA1 as HeldGrant],
};

// What each actor may grant (and so invite to, and revoke).
const MAY_GRANT: Record<string, G[]> = {
  operator: ["sys", "assessor", "coordP1", "coordP2", "adminA1", "adminA2", "adminB1"],
  sys: ["sys", "assessor", "coordP1", "coordP2", "adminA1", "adminA2", "adminB1"],
  assessor: ["coordP1", "coordP2", "adminA1", "adminA2", "adminB1"],
  coordP1: ["adminA1", "adminA2"],
  adminA1: [],
};

describe("canGrant, per role", () => {
  for (const [actor, allowed] of Object.entries(MAY_GRANT)) {
    for (const name of Object.keys(grant) as G[]) {
      const expected = allowed.includes(name);
      it(`${actor} ${expected ? "may" : "may not"} grant ${name}`, () => expect(canGrant(actors[actor], grant[name])).toBe(expected));
    }
  }
  it("refuses a grant whose scope does not fit its role, even for the operator", () => {
    expect(canGrant(OPERATOR, { role: "agency_admin", agencyId: null, provinceId: null })).toBe(false);
    expect(canGrant(OPERATOR, { role: "province_coordinator", agencyId: "A1", provinceId: null })).toBe(false);
    expect(canGrant(OPERATOR, { role: "national_assessor", agencyId: null, provinceId: "P1" })).toBe(false);
  });
  it("a coordinator cannot grant an agency whose province is unknown", () => {
    expect(canGrant(actors.coordP1, { role: "agency_admin", agencyId: "X", provinceId: null, agencyProvinceId: null })).toBe(false);
  });
});

// Users described by their grants; who may act on (disable, reset, revoke) and who sees each.
const users: Record<string, GrantSpec[]> = {
  adminA2: [grant.adminA2],
  adminB1: [grant.adminB1],
  adminA2andB1: [grant.adminA2, grant.adminB1],
  coordP2: [grant.coordP2],
  assessor: [grant.assessor],
  sys: [grant.sys],
  noGrants: [],
};
const MAY_ACT: Record<string, string[]> = {
  operator: Object.keys(users),
  sys: Object.keys(users),
  assessor: ["adminA2", "adminB1", "adminA2andB1", "coordP2"],
  coordP1: ["adminA2"],
  adminA1: [],
};
const SEES: Record<string, string[]> = {
  operator: Object.keys(users),
  sys: Object.keys(users),
  assessor: ["adminA2", "adminB1", "adminA2andB1", "coordP2"],
  coordP1: ["adminA2", "adminA2andB1"],
  adminA1: [],
};

describe("canActOnUser and canSeeUser, per role", () => {
  for (const actor of Object.keys(MAY_ACT)) {
    for (const [user, grants] of Object.entries(users)) {
      const act = MAY_ACT[actor].includes(user);
      const see = SEES[actor].includes(user);
      it(`${actor}: ${act ? "acts on" : "cannot act on"} and ${see ? "sees" : "does not see"} ${user}`, () => {
        expect(canActOnUser(actors[actor], grants)).toBe(act);
        expect(canSeeUser(actors[actor], grants)).toBe(see);
      });
    }
  }
});

describe("grantableRoles and managesPeople", () => {
  it("offers each role only what it may grant", () => {
    expect(grantableRoles(actors.sys)).toEqual(["agency_admin", "province_coordinator", "national_assessor", "system_admin"]);
    expect(grantableRoles(actors.assessor)).toEqual(["agency_admin", "province_coordinator"]);
    expect(grantableRoles(actors.coordP1)).toEqual(["agency_admin"]);
    expect(grantableRoles(actors.adminA1)).toEqual([]);
    expect(managesPeople(actors.adminA1)).toBe(false);
    expect(managesPeople(actors.coordP1)).toBe(true);
  });
});
