// The audit log page (/admin/audit) and its CSV (/admin/audit.csv): system admin only (403 and
// nothing written for anyone else); filters by actor, action and Bangkok dates; keyset pages with
// ties on `at`; a CSV with BOM, formula guard and Bangkok times. And the log itself after a
// realistic flow (an IIT code issued by the agency admin, a staff member answering with it, a
// citizen's OTP sent, mistyped, verified and the EIT answered): no row holds anything a
// respondent typed or anything derived from it (code, phone, contact hash, OTP, session, answers).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { prisma } from "~/db.server";
import { createAdminSession } from "~/models/admin-session.server";
import { contactHashForCycle } from "~/models/cycle.server";
import { otpFormToken } from "~/models/otp.server";
import { createUser } from "~/models/user.server";
import * as dashboardRoute from "~/routes/admin.agencies.$slug._index";
import * as auditRoute from "~/routes/admin.audit";
import * as auditCsvRoute from "~/routes/admin.audit[.csv]";
import * as eitLandingRoute from "~/routes/e.$slug._index";
import * as eitEligibilityRoute from "~/routes/e.$slug.eligibility";
import * as eitSurveyRoute from "~/routes/e.$slug.survey";
import * as eitVerifyRoute from "~/routes/e.$slug.verify";
import * as iitCodeRoute from "~/routes/iit._index";
import * as iitEligibilityRoute from "~/routes/iit.eligibility";
import * as iitSurveyRoute from "~/routes/iit.survey";
import { adminCookie } from "~/services/admin-guard.server";
import { AUDIT_CSV_COLUMNS, AUDIT_PAGE_SIZE } from "~/services/audit-log.server";
import { randomId } from "~/utils/crypto.server";
import { readOutbox } from "../fixtures/outbox";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { CookieJar, registeredAgency } from "../fixtures/db";
import { run } from "../fixtures/http";
import { silenceOtpConsole } from "../fixtures/quiet-otp-console";

silenceOtpConsole();

type Route = (args: LoaderFunctionArgs) => unknown;
type Fields = Record<string, string>;

let addresses = 0;
class Browser {
  readonly jar = new CookieJar();
  readonly address = `198.51.100.${++addresses}`;
  constructor(cookie?: string) {
    if (cookie) this.jar.absorb(new Response(null, { headers: { "Set-Cookie": cookie } }));
  }
  async call(route: Route, path: string, init: { body?: Fields; params?: Record<string, string> } = {}) {
    const headers = new Headers({ Cookie: this.jar.header() });
    if (init.body) headers.set("Content-Type", "application/x-www-form-urlencoded");
    const request = new Request(`http://localhost${path}`, {
      method: init.body ? "POST" : "GET",
      body: init.body ? new URLSearchParams(init.body) : undefined,
      headers,
    });
    const outcome = await run(() => route({ request, params: init.params ?? {}, context: { clientAddress: this.address } }));
    this.jar.absorb(new Response(null, { headers: outcome.headers }));
    return outcome;
  }
  audit(query = "") {
    return this.call(auditRoute.loader as Route, `/admin/audit${query}`);
  }
  async csv(query = "") {
    const request = new Request(`http://localhost/admin/audit.csv${query}`, { headers: { Cookie: this.jar.header() } });
    try {
      return (await auditCsvRoute.loader({ request, params: {}, context: { clientAddress: this.address } })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }
}

const answerFields = (instrument: "iit" | "eit", seed: number): Fields =>
  Object.fromEntries(Object.entries(randomAnswers(ita2568, instrument, seededRandom(seed))).map(([key, value]) => [key, String(value)]));

const world = {} as {
  fx: Awaited<ReturnType<typeof registeredAgency>>;
  system: { id: string; email: string; cookie: string };
  agencyAdmin: { id: string; email: string; cookie: string };
};

async function signedIn(scope: Parameters<typeof createUser>[0]["scope"], name: string) {
  const email = `audit-${scope.role}-${randomId().slice(0, 6)}@test.ita.local`;
  const user = await createUser({ email, name, password: `pw-${randomId()}`, scope });
  const token = await createAdminSession(user.id, true);
  return { id: user.id, email, cookie: await adminCookie.serialize(token) };
}

beforeAll(async () => {
  world.fx = await registeredAgency();
  world.system = await signedIn({ role: "system_admin" }, "ผู้ดูแลระบบ ทดสอบ");
  world.agencyAdmin = await signedIn({ role: "agency_admin", agencyId: world.fx.agency.id }, "ผู้ดูแลหน่วยงาน ทดสอบ");
});

describe("the audit log holds no respondent data", () => {
  it("after an IIT code issue, an IIT answer, an OTP sent / mistyped / verified and an EIT answer: no row holds anything respondent-derived", async () => {
    const { fx } = world;
    const slug = fx.agency.slug;
    const before = new Set((await prisma.auditLog.findMany({ select: { id: true } })).map((row) => row.id));

    // The agency admin issues a new IIT code (audited: who, which agency — never the code).
    const admin = new Browser(world.agencyAdmin.cookie);
    const rotated = await admin.call(dashboardRoute.action as Route, `/admin/agencies/${slug}`, { body: { intent: "rotate-code" }, params: { slug } });
    const iitCode = rotated.body.newCode as string;
    expect(iitCode).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);

    // A staff member answers the IIT with it.
    const staff = new Browser();
    expect((await staff.call(iitCodeRoute.action as Route, "/iit?index", { body: { code: iitCode } })).status).toBe(302);
    expect((await staff.call(iitEligibilityRoute.action as Route, "/iit/eligibility", { body: { position: "staff", tenure: "yes" } })).status).toBe(302);
    const iitPage = await staff.call(iitSurveyRoute.loader as Route, "/iit/survey");
    const iitKey = iitPage.body.submissionKey as string;
    expect((await staff.call(iitSurveyRoute.action as Route, "/iit/survey", { body: { submissionKey: iitKey, ...answerFields("iit", 3) } })).location).toBe(
      "/iit/thanks",
    );

    // A citizen: OTP sent, a wrong code, the right one, screening, the EIT.
    const citizen = new Browser();
    const params = { slug };
    const sent = await citizen.call(eitLandingRoute.action as Route, `/e/${slug}`, {
      body: { formToken: otpFormToken(fx.agency.id), contact: "081-234-5678" },
      params,
    });
    expect(sent.location).toBe(`/e/${slug}/verify`);
    const otp = (await readOutbox()).find((entry) => entry.to === "081-xxx-5678")?.text.match(/^(\d{6})\b/)?.[1];
    expect(otp).toMatch(/^\d{6}$/);
    const wrong = otp === "000000" ? "111111" : "000000";
    expect((await citizen.call(eitVerifyRoute.action as Route, `/e/${slug}/verify`, { body: { code: wrong }, params })).status).toBe(400);
    expect((await citizen.call(eitVerifyRoute.action as Route, `/e/${slug}/verify`, { body: { code: otp! }, params })).location).toBe(`/e/${slug}/eligibility`);
    const screened = await citizen.call(eitEligibilityRoute.action as Route, `/e/${slug}/eligibility`, {
      body: { "respondent-type": "individual", "dealt-in-year": "yes" },
      params,
    });
    expect(screened.location).toBe(`/e/${slug}/survey`);
    const eitPage = await citizen.call(eitSurveyRoute.loader as Route, `/e/${slug}/survey`, { params });
    const eitKey = eitPage.body.submissionKey as string;
    const eitAnswers = answerFields("eit", 5);
    const submitted = await citizen.call(eitSurveyRoute.action as Route, `/e/${slug}/survey`, { body: { submissionKey: eitKey, ...eitAnswers }, params });
    expect(submitted.location).toBe(`/e/${slug}/thanks`);

    const rows = await prisma.auditLog.findMany();
    const written = rows.filter((row) => !before.has(row.id));
    expect(written.map((row) => row.action)).toContain("iit.code.rotate");
    expect(written.find((row) => row.action === "iit.code.rotate")).toMatchObject({ actorId: world.agencyAdmin.id, agencyId: fx.agency.id });
    // Only the AuditLog columns exist on a row (nothing joined, nothing added).
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(["action", "actorId", "agencyId", "at", "detail", "id", "outcome", "target"]);

    const responses = await prisma.response.findMany({ where: { agencyId: fx.agency.id } });
    expect(responses).toHaveLength(2);
    const contactHash = contactHashForCycle(fx.cycle, "+66812345678");
    const respondentValues = [
      iitCode,
      iitCode.replace("-", ""),
      "0812345678",
      "081-234-5678",
      "66812345678",
      "812345678",
      otp!,
      wrong,
      iitKey,
      eitKey,
      ...staff.jar
        .header()
        .split("; ")
        .map((pair) => pair.split("=").slice(1).join("=")),
      ...citizen.jar
        .header()
        .split("; ")
        .map((pair) => pair.split("=").slice(1).join("=")),
      ...responses.flatMap((response) => [response.id, response.answers]),
      // Any 12 characters in a row of the contact hash (a prefix or a slice would still link).
      ...Array.from({ length: contactHash.length - 11 }, (_, i) => contactHash.slice(i, i + 12)),
    ].filter((value) => value.length >= 6);
    const everything = JSON.stringify(rows).toLowerCase();
    for (const value of respondentValues) expect(everything, `audit log holds ${value}`).not.toContain(value.toLowerCase());
  });
});

describe("/admin/audit and /admin/audit.csv", () => {
  it("only the system admin: an agency admin gets 403 with a clear message, and nothing is written", async () => {
    const admin = new Browser(world.agencyAdmin.cookie);
    const count = await prisma.auditLog.count();
    const page = await admin.audit();
    expect(page.status).toBe(403);
    expect(page.body).toBe("เฉพาะผู้ดูแลระบบเท่านั้น / System administrators only");
    const csv = await admin.csv();
    expect(csv.status).toBe(403);
    expect(await csv.text()).toMatch(/System administrators only/);
    expect(await prisma.auditLog.count()).toBe(count);
    // Not signed in: to the sign-in page.
    expect((await new Browser().audit()).location).toBe("/admin/login?redirectTo=%2Fadmin%2Faudit");
  });

  it("shows who (name, e-mail), what, outcome, agency, target and Bangkok time — the AuditLog columns and nothing else", async () => {
    await prisma.auditLog.create({
      data: {
        id: randomId(),
        action: "user.invite",
        outcome: "ok",
        actorId: world.system.id,
        agencyId: world.fx.agency.id,
        target: "user:abc",
        at: new Date("2026-03-01T05:00:00Z"),
      },
    });
    const page = await new Browser(world.system.cookie).audit("?action=user.invite");
    expect(page.status).toBe(200);
    expect(page.body.rows).toHaveLength(1);
    const [row] = page.body.rows;
    expect(Object.keys(row).sort()).toEqual(["action", "actor", "actorId", "agency", "at", "atIso", "detail", "id", "outcome", "target"]);
    expect(row).toMatchObject({
      action: "user.invite",
      outcome: "ok",
      target: "user:abc",
      actor: { name: "ผู้ดูแลระบบ ทดสอบ", email: world.system.email },
      agency: `${world.fx.agency.code} · ${world.fx.agency.nameTh}`,
      atIso: "2026-03-01T05:00:00.000Z",
    });
    expect(row.at).toMatch(/12:00:00/); // 05:00 UTC is noon in Bangkok
  });

  it("filters by actor (part of a name or e-mail), action (or its start) and Bangkok dates; dates running backwards say so", async () => {
    const system = new Browser(world.system.cookie);
    const mark = `f${randomId().slice(0, 6)}`;
    const at = (iso: string) => new Date(iso);
    await prisma.auditLog.createMany({
      data: [
        // 23:30 on 10 January in Bangkok, and 00:30 on the 11th: one UTC day, two Bangkok days.
        { id: randomId(), action: `${mark}.one`, outcome: "ok", actorId: world.system.id, at: at("2026-01-10T16:30:00Z") },
        { id: randomId(), action: `${mark}.two`, outcome: "ok", actorId: world.agencyAdmin.id, at: at("2026-01-10T17:30:00Z") },
        { id: randomId(), action: `${mark}.two`, outcome: "refused", actorId: null, at: at("2026-01-12T03:00:00Z") },
      ],
    });
    const actions = async (query: string) =>
      ((await system.audit(query)).body.rows as { action: string; outcome: string }[]).map((r) => `${r.action}/${r.outcome}`);
    expect(await actions(`?action=${mark}`)).toEqual([`${mark}.two/refused`, `${mark}.two/ok`, `${mark}.one/ok`]);
    expect(await actions(`?action=${mark}.two`)).toEqual([`${mark}.two/refused`, `${mark}.two/ok`]);
    expect(await actions(`?action=${mark}&actor=${world.agencyAdmin.email.slice(0, 18).toUpperCase()}`)).toEqual([`${mark}.two/ok`]);
    expect(await actions(`?action=${mark}&actor=${encodeURIComponent("ผู้ดูแลระบบ")}`)).toEqual([`${mark}.one/ok`]);
    expect(await actions(`?action=${mark}&actor=nobody-at-all`)).toEqual([]);
    expect(await actions(`?action=${mark}&from=2026-01-11&to=2026-01-11`)).toEqual([`${mark}.two/ok`]);
    expect(await actions(`?action=${mark}&to=2026-01-10`)).toEqual([`${mark}.one/ok`]);
    expect(await actions(`?action=${mark}&from=2026-01-12`)).toEqual([`${mark}.two/refused`]);
    const backwards = await system.audit(`?action=${mark}&from=2026-01-12&to=2026-01-10`);
    expect(backwards.body).toMatchObject({ badRange: true, rows: [] });
    // A hand-edited link with nonsense falls back to no filter rather than failing.
    expect((await system.audit(`?action=${mark}&from=yesterday&older=zzz`)).body.rows).toHaveLength(3);
  });

  it("pages by keyset, newest first, ties on `at` included: every row once, and back again", async () => {
    const system = new Browser(world.system.cookie);
    const mark = `p${randomId().slice(0, 6)}`;
    const base = Date.parse("2025-06-01T00:00:00Z");
    // 120 rows, three at each instant: a page boundary falls inside a tie.
    const data = Array.from({ length: 120 }, (_, i) => ({
      id: randomId(),
      action: `${mark}.x`,
      outcome: "ok",
      at: new Date(base + Math.floor(i / 3) * 60_000),
    }));
    await prisma.auditLog.createMany({ data });
    const expected = [...data].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1)).map((row) => row.id);

    const pages: { ids: string[]; older: string | null; newer: string | null }[] = [];
    let query = `?action=${mark}`;
    for (;;) {
      const { body } = await system.audit(query);
      pages.push({ ids: body.rows.map((row: { id: string }) => row.id), older: body.older, newer: body.newer });
      if (!body.older) break;
      query = `?action=${mark}&older=${encodeURIComponent(body.older)}`;
    }
    expect(pages.map((page) => page.ids.length)).toEqual([AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, 20]);
    expect(pages.flatMap((page) => page.ids)).toEqual(expected);
    expect(pages[0].newer).toBeNull();
    // From the last page, "newer" gives the middle page again, and from there the first.
    const middle = await system.audit(`?action=${mark}&newer=${encodeURIComponent(pages[2].newer!)}`);
    expect(middle.body.rows.map((row: { id: string }) => row.id)).toEqual(pages[1].ids);
    const first = await system.audit(`?action=${mark}&newer=${encodeURIComponent(middle.body.newer)}`);
    expect(first.body.rows.map((row: { id: string }) => row.id)).toEqual(pages[0].ids);
    expect(first.body.newer).toBeNull();
  });

  it("CSV: UTF-8 with BOM, the AuditLog columns, Bangkok times, formula-guarded, as filtered; the download is audited", async () => {
    const mark = `c${randomId().slice(0, 6)}`;
    await prisma.auditLog.createMany({
      data: [
        {
          id: randomId(),
          action: `${mark}.a`,
          outcome: "ok",
          actorId: world.system.id,
          agencyId: world.fx.agency.id,
          target: '=HYPERLINK("x")',
          at: new Date("2026-02-02T17:00:00.000Z"),
        },
        {
          id: randomId(),
          action: `${mark}.a`,
          outcome: "ok",
          detail: JSON.stringify({ scope: "nation", format: "csv" }),
          at: new Date("2026-02-01T00:00:00.000Z"),
        },
      ],
    });
    const response = await new Browser(world.system.cookie).csv(`?action=${mark}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="ita-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n"); // the decoder drops the BOM
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(","));
    expect(lines[0]).toBe("at_bangkok,actor_name,actor_email,action,outcome,agency_code,agency_name,target,detail");
    expect(lines.slice(1)).toEqual([
      `2026-02-03T00:00:00.000+07:00,ผู้ดูแลระบบ ทดสอบ,${world.system.email},${mark}.a,ok,${world.fx.agency.code},${world.fx.agency.nameTh},"'=HYPERLINK(""x"")",`,
      `2026-02-01T07:00:00.000+07:00,,,${mark}.a,ok,,,,"{""scope"":""nation"",""format"":""csv""}"`,
    ]);
    const exported = await prisma.auditLog.findFirstOrThrow({ where: { action: "audit.export" }, orderBy: { at: "desc" } });
    expect(exported).toMatchObject({ actorId: world.system.id, outcome: "ok" });
    expect(JSON.parse(exported.detail!)).toEqual({ actor: "", action: mark, from: "", to: "" });
  });
});
