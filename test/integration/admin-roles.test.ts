// Role-scoped admin access (issue 5 → roles; shared/security.md → Input): every role tries to read
// and to change every agency of two provinces; only what the role allows works, everything else is
// a 403 with nothing changed. Also the agency list, posters and PNGs, input validation, and the
// IIT code rotate/revoke checked against the real /iit page.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { dbTarget, prisma } from "~/db.server";
import { createAdminSession } from "~/models/admin-session.server";
import { createAgency, createProvince, registerAgencyForCycle } from "~/models/agency.server";
import { issueIitCode } from "~/models/iit-code.server";
import { createServiceCounter, retireServiceCounter } from "~/models/service-counter.server";
import { createUser, type RoleScope } from "~/models/user.server";
import * as homeRoute from "~/routes/admin._index";
import * as dashboardRoute from "~/routes/admin.agencies.$slug._index";
import * as posterRoute from "~/routes/admin.agencies.$slug.poster";
import * as pngRoute from "~/routes/admin.agencies.$slug.qr[.png]";
import * as iitCodeRoute from "~/routes/iit._index";
import { adminCookie } from "~/services/admin-guard.server";
import { randomId } from "~/utils/crypto.server";
import { qrSvg } from "~/utils/totp.server";
import { CookieJar, openCycle } from "../fixtures/db";

// ───────────── driving the routes ─────────────

type Outcome = { status: number; headers: Headers; body: any; location: string | null; bytes: Uint8Array | null };

async function run(fn: () => unknown): Promise<Outcome> {
  let value: unknown;
  try {
    value = await fn();
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    value = error;
  }
  if (value instanceof Response) {
    const bytes = new Uint8Array(await value.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // plain text or binary
    }
    return { status: value.status, headers: value.headers, body, location: value.headers.get("Location"), bytes };
  }
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "DataWithResponseInit") {
    const { data, init } = value as { data: unknown; init: ResponseInit | null };
    const headers = new Headers(init?.headers);
    return { status: init?.status ?? 200, headers, body: data, location: headers.get("Location"), bytes: null };
  }
  return { status: 200, headers: new Headers(), body: value, location: null, bytes: null };
}

type Route = (args: ActionFunctionArgs & LoaderFunctionArgs) => unknown;

let addresses = 0;
function nextAddress() {
  addresses++;
  return `192.0.2.${(addresses % 250) + 1}`;
}

class Browser {
  readonly jar = new CookieJar();
  constructor(readonly address = nextAddress()) {}

  async call(route: Route, path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string>; params?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers);
    const cookie = this.jar.header();
    if (cookie) headers.set("Cookie", cookie);
    const request = new Request(`http://localhost${path}`, { method: init.method ?? "GET", body: init.body, headers });
    const outcome = await run(() => route({ request, params: init.params ?? {}, context: { clientAddress: this.address } }));
    this.jar.absorb(new Response(null, { headers: outcome.headers }));
    return outcome;
  }
  post(route: Route, path: string, body: Record<string, string> | string, params: Record<string, string> = {}) {
    return this.call(route, path, {
      method: "POST",
      body: typeof body === "string" ? body : new URLSearchParams(body),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      params,
    });
  }

  dashboard(slug: string) {
    return this.call(dashboardRoute.loader as Route, `/admin/agencies/${slug}`, { params: { slug } });
  }
  change(slug: string, fields: Record<string, string> | string) {
    return this.post(dashboardRoute.action as Route, `/admin/agencies/${slug}`, fields, { slug });
  }
  poster(slug: string, counter?: string) {
    return this.call(posterRoute.loader as Route, `/admin/agencies/${slug}/poster${counter === undefined ? "" : `?c=${encodeURIComponent(counter)}`}`, {
      params: { slug },
    });
  }
  png(slug: string, counter?: string) {
    return this.call(pngRoute.loader as Route, `/admin/agencies/${slug}/qr.png${counter === undefined ? "" : `?c=${encodeURIComponent(counter)}`}`, {
      params: { slug },
    });
  }
  enterIitCode(code: string) {
    return this.post(iitCodeRoute.action as Route, "/iit?index", { code });
  }
}

// ───────────── the world: two provinces, three agencies, one user per role ─────────────

type AgencyName = "A1" | "A2" | "B1";
type RoleName = "agency_admin" | "province_coordinator" | "national_assessor" | "system_admin";
const AGENCIES: AgencyName[] = ["A1", "A2", "B1"];
const ROLES: RoleName[] = ["agency_admin", "province_coordinator", "national_assessor", "system_admin"];

// Expected: agency_admin of A1, province_coordinator of P1 (A1, A2), national_assessor, system_admin.
const CAN_READ: Record<RoleName, AgencyName[]> = {
  agency_admin: ["A1"],
  province_coordinator: ["A1", "A2"],
  national_assessor: ["A1", "A2", "B1"],
  system_admin: ["A1", "A2", "B1"],
};
const CAN_MANAGE: Record<RoleName, AgencyName[]> = {
  agency_admin: ["A1"],
  province_coordinator: [],
  national_assessor: [],
  system_admin: ["A1", "A2", "B1"],
};

const world = {} as {
  cycleId: string;
  agencies: Record<AgencyName, { id: string; slug: string; nameTh: string; code: string }>;
  users: Record<RoleName, { id: string; token: string }>;
};

async function browserFor(role: RoleName) {
  const browser = new Browser();
  browser.jar.absorb(new Response(null, { headers: { "Set-Cookie": await adminCookie.serialize(world.users[role].token) } }));
  return browser;
}

function agencyCycle(name: AgencyName) {
  return prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId: world.agencies[name].id, cycleId: world.cycleId } } });
}

/** The settings an admin can change, to compare before and after a refused request. */
async function settings(name: AgencyName) {
  const row = await agencyCycle(name);
  return {
    internalPopulation: row.internalPopulation,
    externalPopulation: row.externalPopulation,
    iitCodeHash: row.iitCodeHash,
    iitCodeRevokedAt: row.iitCodeRevokedAt?.getTime() ?? null,
    iitOpen: row.iitOpen,
    eitOpen: row.eitOpen,
    eitAllowEmail: row.eitAllowEmail,
  };
}

beforeAll(async () => {
  const cycle = await openCycle();
  const suffix = randomId().slice(0, 6);
  const p1 = await createProvince({ code: `9${suffix.slice(0, 1)}1`, slug: `p1-${suffix}`, nameTh: "จังหวัดหนึ่ง", nameEn: "Province One" });
  const p2 = await createProvince({ code: `9${suffix.slice(0, 1)}2`, slug: `p2-${suffix}`, nameTh: "จังหวัดสอง", nameEn: "Province Two" });
  const agencies = {} as typeof world.agencies;
  for (const [name, provinceId] of [
    ["A1", p1.id],
    ["A2", p1.id],
    ["B1", p2.id],
  ] as const) {
    const slug = `${name.toLowerCase()}-${suffix}`;
    const nameTh = `เทศบาลทดสอบ ${name}`;
    const agency = await createAgency({ slug, nameTh, nameEn: `Test municipality ${name}`, kind: "local_subdistrict", provinceId });
    await registerAgencyForCycle({ agencyId: agency.id, cycleId: cycle.id, internalPopulation: 40, externalPopulation: 500 });
    agencies[name] = { id: agency.id, slug, nameTh, code: await issueIitCode(agency.id, cycle.id) };
  }
  const scopes: Record<RoleName, RoleScope> = {
    agency_admin: { role: "agency_admin", agencyId: agencies.A1.id },
    province_coordinator: { role: "province_coordinator", provinceId: p1.id },
    national_assessor: { role: "national_assessor" },
    system_admin: { role: "system_admin" },
  };
  const users = {} as typeof world.users;
  for (const role of ROLES) {
    const user = await createUser({ email: `${role}-${suffix}@test.ita.local`, name: role, password: `pass-${randomId()}`, scope: scopes[role] });
    users[role] = { id: user.id, token: await createAdminSession(user.id, true) };
  }
  Object.assign(world, { cycleId: cycle.id, agencies, users });
});

const matrix = ROLES.flatMap((role) =>
  AGENCIES.map((agency) => ({ role, agency, read: CAN_READ[role].includes(agency), manage: CAN_MANAGE[role].includes(agency) })),
);

// ───────────── the tests ─────────────

describe(`admin roles (${dbTarget.provider})`, () => {
  it("the expected matrix is what the issue asks for (guards against editing the table into agreement)", () => {
    expect(matrix.filter((cell) => cell.read)).toHaveLength(1 + 2 + 3 + 3);
    expect(matrix.filter((cell) => cell.manage).map((cell) => `${cell.role}:${cell.agency}`)).toEqual([
      "agency_admin:A1",
      "system_admin:A1",
      "system_admin:A2",
      "system_admin:B1",
    ]);
  });

  it.each(matrix)("$role reads $agency's dashboard: allowed=$read", async ({ role, agency, read, manage }) => {
    const browser = await browserFor(role);
    const page = await browser.dashboard(world.agencies[agency].slug);
    if (read) {
      expect(page.status).toBe(200);
      expect(page.body.agency.slug).toBe(world.agencies[agency].slug);
      expect(page.body.progress.map((row: { instrument: string }) => row.instrument)).toEqual(["iit", "eit1", "eit2"]);
      expect(page.body.canManage).toBe(manage);
    } else {
      expect(page.status).toBe(403);
      expect(JSON.stringify(page.body)).not.toContain(world.agencies[agency].nameTh);
    }
  });

  it.each(matrix)("$role sets $agency's populations: allowed=$manage", async ({ role, agency, manage }) => {
    const browser = await browserFor(role);
    const before = await settings(agency);
    const internal = 100 + ROLES.indexOf(role) * 10 + AGENCIES.indexOf(agency);
    const external = 1000 + internal;
    const auditsBefore = await prisma.auditLog.count({ where: { action: "agency.populations", agencyId: world.agencies[agency].id } });
    const result = await browser.change(world.agencies[agency].slug, {
      intent: "set-populations",
      internalPopulation: String(internal),
      externalPopulation: external.toLocaleString("en-US"),
    });
    const after = await settings(agency);
    if (manage) {
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ ok: true });
      expect(after).toEqual({ ...before, internalPopulation: internal, externalPopulation: external });
      const audit = await prisma.auditLog.findFirst({
        where: { action: "agency.populations", agencyId: world.agencies[agency].id, actorId: world.users[role].id },
      });
      expect(audit?.outcome).toBe("ok");
    } else {
      expect(result.status).toBe(403);
      expect(after).toEqual(before);
      expect(await prisma.auditLog.count({ where: { action: "agency.populations", agencyId: world.agencies[agency].id } })).toBe(auditsBefore);
    }
  });

  it.each(matrix.filter((cell) => !cell.manage))("$role cannot use any other setting of $agency either", async ({ role, agency }) => {
    const browser = await browserFor(role);
    const before = await settings(agency);
    const attempts: Record<string, string>[] = [
      { intent: "rotate-code" },
      { intent: "revoke-code" },
      { intent: "set-open", instrument: "iit", open: "false" },
      { intent: "set-open", instrument: "eit", open: "false" },
      { intent: "set-email", allow: "true" },
    ];
    for (const fields of attempts) {
      const result = await browser.change(world.agencies[agency].slug, fields);
      expect(result.status, JSON.stringify(fields)).toBe(403);
      expect(JSON.stringify(result.body)).not.toMatch(/[0-9A-Z]{5}-[0-9A-Z]{5}/);
    }
    expect(await settings(agency)).toEqual(before);
  });

  it("the /admin list shows exactly the agencies in scope; an agency admin goes to its own dashboard", async () => {
    const all = (await prisma.agency.findMany({ select: { slug: true } })).map((agency) => agency.slug).sort();
    const slugs = (names: AgencyName[]) => names.map((name) => world.agencies[name].slug).sort();
    const expected: Record<Exclude<RoleName, "agency_admin">, string[]> = {
      province_coordinator: slugs(["A1", "A2"]),
      national_assessor: all,
      system_admin: all,
    };
    expect(all).toEqual(expect.arrayContaining(slugs(AGENCIES)));
    for (const [role, want] of Object.entries(expected) as [RoleName, string[]][]) {
      const page = await (await browserFor(role)).call(homeRoute.loader as Route, "/admin");
      expect(page.status, role).toBe(200);
      expect(page.body.rows.map((row: { slug: string }) => row.slug).sort(), role).toEqual(want);
      expect(page.body.matching, role).toBe(want.length);
    }
    const own = await (await browserFor("agency_admin")).call(homeRoute.loader as Route, "/admin");
    expect(own.status).toBe(302);
    expect(own.location).toBe(`/admin/agencies/${world.agencies.A1.slug}`);
  });

  it.each(matrix)("$role opens $agency's poster and QR PNG: allowed=$read", async ({ role, agency, read }) => {
    const browser = await browserFor(role);
    const { id, slug, nameTh } = world.agencies[agency];
    const counter = await createServiceCounter(id, "Front desk");
    const poster = await browser.poster(slug, counter.id);
    const png = await browser.png(slug, counter.id);
    if (read) {
      expect(poster.status).toBe(200);
      expect(poster.body.nameTh).toBe(nameTh);
      // The link carries the counter's opaque id only, never its label.
      expect(poster.body.link).toMatch(new RegExp(`/e/${slug}\\?c=${counter.id}$`));
      expect(poster.body.counter).toEqual({ id: counter.id, label: "Front desk" });
      expect(poster.body.qr).toMatch(/^<svg[\s>]/);
      // The QR is exactly the one of the printed link (qrcode output is deterministic).
      expect(poster.body.qr).toBe(await qrSvg(poster.body.link));
      expect(png.status).toBe(200);
      expect(png.headers.get("Content-Type")).toBe("image/png");
      expect([...png.bytes!.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.headers.get("Content-Disposition")).toContain(`eit-${slug}-${counter.id}.png`);
    } else {
      expect(poster.status).toBe(403);
      expect(png.status).toBe(403);
      expect(png.headers.get("Content-Type")).not.toBe("image/png");
    }
  });

  it("poster and PNG refuse anything but a live registered counter of that agency (404), and an unknown agency (404)", async () => {
    const browser = await browserFor("system_admin");
    const otherAgencys = await createServiceCounter(world.agencies.A2.id, "Elsewhere");
    const retired = await createServiceCounter(world.agencies.A1.id, "Old desk");
    await retireServiceCounter(world.agencies.A1.id, retired.id);
    for (const counter of ["front-desk", "somchai-0819990001", "Front Desk", "-x", "a".repeat(40), "<script>", otherAgencys.id, retired.id]) {
      expect((await browser.poster(world.agencies.A1.slug, counter)).status, counter).toBe(404);
      expect((await browser.png(world.agencies.A1.slug, counter)).status, counter).toBe(404);
    }
    expect((await browser.poster("no-such-agency")).status).toBe(404);
    expect((await browser.png("no-such-agency")).status).toBe(404);
    expect((await browser.dashboard("no-such-agency")).status).toBe(404);
    // Without a session: the login page, not the data.
    const anonymous = await new Browser().png(world.agencies.A1.slug);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/admin\/login\?/);
  });

  it.each([
    ["internal 'abc'", { intent: "set-populations", internalPopulation: "abc", externalPopulation: "500" }],
    ["external 'abc'", { intent: "set-populations", internalPopulation: "40", externalPopulation: "abc" }],
    ["negative", { intent: "set-populations", internalPopulation: "-1", externalPopulation: "500" }],
    ["over 10,000,000", { intent: "set-populations", internalPopulation: "20000000", externalPopulation: "500" }],
    ["fraction", { intent: "set-populations", internalPopulation: "40.5", externalPopulation: "500" }],
    ["exponent", { intent: "set-populations", internalPopulation: "1e3", externalPopulation: "500" }],
    ["a field missing", { intent: "set-populations", internalPopulation: "40" }],
    ["an extra field", { intent: "set-populations", internalPopulation: "41", externalPopulation: "501", agencyId: "x" }],
    ["unknown intent", { intent: "drop-agency" }],
    ["no intent", { internalPopulation: "41", externalPopulation: "501" }],
    ["rotate with extra field", { intent: "rotate-code", code: "AAAAA-AAAAA" }],
    ["set-open bad instrument", { intent: "set-open", instrument: "oit", open: "false" }],
    ["set-open bad flag", { intent: "set-open", instrument: "iit", open: "no" }],
    ["set-email bad flag", { intent: "set-email", allow: "1" }],
  ])("invalid change (%s) → 400 and nothing changes", async (_label, fields) => {
    for (const role of ["agency_admin", "system_admin"] as const) {
      const before = await settings("A1");
      const result = await (await browserFor(role)).change(world.agencies.A1.slug, fields as Record<string, string>);
      expect(result.status, role).toBe(400);
      expect(result.body.ok).toBe(false);
      expect(await settings("A1")).toEqual(before);
    }
  });

  it("duplicated fields and a non-form body are refused too; valid edge values are accepted", async () => {
    const browser = await browserFor("agency_admin");
    const before = await settings("A1");
    const duplicated = await browser.change(world.agencies.A1.slug, "intent=set-populations&internalPopulation=41&externalPopulation=501&intent=revoke-code");
    expect(duplicated.status).toBeGreaterThanOrEqual(400);
    expect(duplicated.status).toBeLessThan(500);
    expect(await settings("A1")).toEqual(before);

    const json = await browser.call(dashboardRoute.action as Route, `/admin/agencies/${world.agencies.A1.slug}`, {
      method: "POST",
      body: JSON.stringify({ intent: "revoke-code" }),
      headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "same-origin" },
      params: { slug: world.agencies.A1.slug },
    });
    expect(json.status).toBe(415);
    expect(await settings("A1")).toEqual(before);

    const crossSite = await browser.call(dashboardRoute.action as Route, `/admin/agencies/${world.agencies.A1.slug}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "revoke-code" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site" },
      params: { slug: world.agencies.A1.slug },
    });
    expect(crossSite.status).toBe(403);
    expect(await settings("A1")).toEqual(before);

    // The positive controls: the largest allowed value, thousands separators, empty = unknown.
    expect(
      (await browser.change(world.agencies.A1.slug, { intent: "set-populations", internalPopulation: "10000000", externalPopulation: "1,250" })).status,
    ).toBe(200);
    expect(await settings("A1")).toMatchObject({ internalPopulation: 10_000_000, externalPopulation: 1250 });
    expect((await browser.change(world.agencies.A1.slug, { intent: "set-populations", internalPopulation: "45", externalPopulation: "" })).status).toBe(200);
    expect(await settings("A1")).toMatchObject({ internalPopulation: 45, externalPopulation: null });
    const page = await browser.dashboard(world.agencies.A1.slug);
    expect(page.body.progress.find((row: { instrument: string }) => row.instrument === "iit").minimum).toBe(30);
    expect(page.body.progress.find((row: { instrument: string }) => row.instrument === "eit1").minimum).toBeNull();
    await browser.change(world.agencies.A1.slug, { intent: "set-populations", internalPopulation: "40", externalPopulation: "500" });
  });

  it("rotate-code returns a new XXXXX-XXXXX code that /iit accepts and the old one stops working; revoke → no code works", async () => {
    const browser = await browserFor("agency_admin");
    const slug = world.agencies.A1.slug;
    await browser.change(slug, { intent: "set-populations", internalPopulation: "40", externalPopulation: "500" });
    const original = world.agencies.A1.code;
    expect((await new Browser().enterIitCode(original)).location).toBe("/iit/eligibility");

    const rotated = await browser.change(slug, { intent: "rotate-code" });
    expect(rotated.status).toBe(200);
    const first = rotated.body.newCode as string;
    expect(first).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(first).not.toBe(original);
    // Shown once: the dashboard never shows it again, and only its hash is stored.
    const page = await browser.dashboard(slug);
    expect(JSON.stringify(page.body)).not.toContain(first);
    expect(JSON.stringify(page.body)).not.toContain(first.replace("-", ""));
    expect(page.body.participation.codeIssuedAt).toBeTruthy();
    expect(JSON.stringify(await agencyCycle("A1"))).not.toContain(first.replace("-", ""));

    const accepted = await new Browser().enterIitCode(first);
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe("/iit/eligibility");
    const old = await new Browser().enterIitCode(original);
    expect(old.status).toBe(400);
    expect(old.body.error).toBe("iit.code.invalid");

    const second = (await browser.change(slug, { intent: "rotate-code" })).body.newCode as string;
    expect(second).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(second).not.toBe(first);
    expect((await new Browser().enterIitCode(first)).status).toBe(400);
    expect((await new Browser().enterIitCode(second.toLowerCase())).location).toBe("/iit/eligibility");
    // Another agency's code is untouched by A1's rotation.
    expect((await new Browser().enterIitCode(world.agencies.A2.code)).location).toBe("/iit/eligibility");

    const revoked = await browser.change(slug, { intent: "revoke-code" });
    expect(revoked.status).toBe(200);
    const row = await agencyCycle("A1");
    expect(row.iitCodeHash).toBeNull();
    expect(row.iitCodeRevokedAt).not.toBeNull();
    for (const code of [original, first, second]) {
      const attempt = await new Browser().enterIitCode(code);
      expect(attempt.status, code).toBe(400);
      expect(attempt.body.error).toBe("iit.code.invalid");
    }
    expect((await browser.dashboard(slug)).body.participation.codeIssuedAt).toBeNull();
    const audits = await prisma.auditLog.findMany({
      where: { agencyId: world.agencies.A1.id, actorId: world.users.agency_admin.id, action: { startsWith: "iit.code." } },
    });
    expect(audits.map((audit) => audit.action).sort()).toEqual(["iit.code.revoke", "iit.code.rotate", "iit.code.rotate"]);
  });

  it("a system admin may rotate any agency's code; the coordinator's attempt did not change B1's", async () => {
    const before = await settings("B1");
    expect((await (await browserFor("province_coordinator")).change(world.agencies.B1.slug, { intent: "rotate-code" })).status).toBe(403);
    expect(await settings("B1")).toEqual(before);
    const rotated = await (await browserFor("system_admin")).change(world.agencies.B1.slug, { intent: "rotate-code" });
    expect(rotated.body.newCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect((await settings("B1")).iitCodeHash).not.toBe(before.iitCodeHash);
    expect((await new Browser().enterIitCode(rotated.body.newCode)).location).toBe("/iit/eligibility");
  });
});
