// OIT entry: the agency submits its URLs, the assessor scores each item; sub-indicator and
// indicator scores follow from the scoring core. Each side can change only its own fields.
import { describe, expect, it } from "vitest";
import { instrumentItems } from "~/domain/ruleset";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { prisma } from "~/db.server";
import { createAdminSession } from "~/models/admin-session.server";
import { createUser, type RoleScope } from "~/models/user.server";
import * as oitRoute from "~/routes/admin.agencies.$slug.oit";
import { adminCookie } from "~/services/admin-guard.server";
import { randomId } from "~/utils/crypto.server";
import { registeredAgency } from "../fixtures/db";
import { outcome } from "../fixtures/http";

const ITEMS = instrumentItems(ita2568, "oit").map((item) => item.code);

async function cookieFor(scope: RoleScope) {
  const user = await createUser({ email: `${randomId().slice(0, 8)}@test.local`, name: "ผู้ทดสอบ", password: "correct horse battery", scope });
  return { user, cookie: await adminCookie.serialize(await createAdminSession(user.id, true)) };
}

function post(slug: string, cookie: string, fields: Record<string, string>) {
  const request = new Request(`http://localhost/admin/agencies/${slug}/oit`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });
  return outcome(() => oitRoute.action({ request, params: { slug }, context: { clientAddress: "192.0.2.60" } }));
}

function load(slug: string, cookie: string) {
  const request = new Request(`http://localhost/admin/agencies/${slug}/oit`, { headers: { Cookie: cookie } });
  return outcome(() => oitRoute.loader({ request, params: { slug }, context: { clientAddress: "192.0.2.60" } }));
}

const urls = (prefix: string) => Object.fromEntries(ITEMS.map((code) => [`url.${code}`, `${prefix}/${code}`]));
// 9.1 (o1–o4) gets 100, 100, 100, 0 → 75; everything else 100.
const scores = () =>
  Object.fromEntries(
    ITEMS.flatMap((code) => [
      [`score.${code}`, code === "o4" ? "0" : "100"],
      [`comment.${code}`, code === "o4" ? "ไม่พบข้อมูล" : ""],
    ]),
  );

describe("OIT entry", () => {
  it("the agency saves its URLs; the assessor scores; sub-indicators and indicators follow", async () => {
    const { agency } = await registeredAgency();
    const agencyAdmin = await cookieFor({ role: "agency_admin", agencyId: agency.id });
    const assessor = await cookieFor({ role: "national_assessor" });

    expect((await post(agency.slug, agencyAdmin.cookie, { intent: "agency", ...urls("https://example.go.th/ita") })).status).toBe(200);
    expect((await post(agency.slug, assessor.cookie, { intent: "assessor", ...scores() })).status).toBe(200);

    const rows = await prisma.oitScore.findMany({ where: { agencyCycle: { agencyId: agency.id } } });
    expect(rows).toHaveLength(ITEMS.length);
    const o4 = rows.find((row) => row.itemCode === "o4")!;
    expect(o4).toMatchObject({ url: "https://example.go.th/ita/o4", score: 0, comment: "ไม่พบข้อมูล", scoredById: assessor.user.id });

    const view = (await load(agency.slug, assessor.cookie)).data as {
      score: number;
      indicators: { code: string; score: number; subIndicators: { code: string; score: number }[] }[];
    };
    const indicator9 = view.indicators.find((indicator) => indicator.code === "9")!;
    // 9 = mean(9.1 … 9.5) = (75 + 100·4) / 5 = 95; 10 = 100; OIT = (95 + 100) / 2 = 97.5
    expect(indicator9.subIndicators.find((sub) => sub.code === "9.1")!.score).toBe(75);
    expect(indicator9.score).toBe(95);
    expect(view.score).toBe(97.5);
    expect(await prisma.auditLog.count({ where: { agencyId: agency.id, action: { in: ["agency.oit.urls", "assessor.oit.score"] } } })).toBe(2);
  });

  it("each side changes only its own fields; coordinators and others' agencies are refused", async () => {
    const { agency } = await registeredAgency();
    const other = await registeredAgency();
    const agencyAdmin = await cookieFor({ role: "agency_admin", agencyId: agency.id });
    const assessor = await cookieFor({ role: "national_assessor" });
    expect((await post(agency.slug, agencyAdmin.cookie, { intent: "assessor", ...scores() })).status).toBe(403);
    expect((await post(agency.slug, assessor.cookie, { intent: "agency", ...urls("https://x.example") })).status).toBe(403);
    expect((await post(other.agency.slug, agencyAdmin.cookie, { intent: "agency", ...urls("https://x.example") })).status).toBe(403);
    expect(await prisma.oitScore.count({ where: { agencyCycle: { agencyId: { in: [agency.id, other.agency.id] } } } })).toBe(0);
  });

  it("bad values → 400 and nothing saved: a javascript: URL, a score over 100, a field of the other side", async () => {
    const { agency } = await registeredAgency();
    const agencyAdmin = await cookieFor({ role: "agency_admin", agencyId: agency.id });
    const assessor = await cookieFor({ role: "national_assessor" });
    expect((await post(agency.slug, agencyAdmin.cookie, { intent: "agency", ...urls("https://ok.example"), "url.o3": "javascript:alert(1)" })).status).toBe(
      400,
    );
    expect((await post(agency.slug, assessor.cookie, { intent: "assessor", ...scores(), "score.o7": "101" })).status).toBe(400);
    expect((await post(agency.slug, assessor.cookie, { intent: "assessor", ...scores(), "url.o1": "https://sneaky.example" })).status).toBe(400);
    expect(await prisma.oitScore.count({ where: { agencyCycle: { agencyId: agency.id } } })).toBe(0);
  });
});
