// EIT part 2: the assessor enters one key stakeholder's answers per form (issue: oversight and
// scoring). Only assessors (and the system admin) may; entries are idempotent and audited as a
// count, never as who said what.
import { describe, expect, it } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { prisma } from "~/db.server";
import { createAdminSession } from "~/models/admin-session.server";
import { getTally, recountFromResponses } from "~/models/response.server";
import { createUser, type RoleScope } from "~/models/user.server";
import * as eit2Route from "~/routes/admin.agencies.$slug.eit2";
import { adminCookie } from "~/services/admin-guard.server";
import { randomId } from "~/utils/crypto.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { closeWindows, registeredAgency, reopenWindows } from "../fixtures/db";
import { outcome } from "../fixtures/http";

async function signedIn(scope: RoleScope) {
  const user = await createUser({ email: `${randomId().slice(0, 8)}@test.local`, name: "ผู้ทดสอบ", password: "correct horse battery", scope });
  const token = await createAdminSession(user.id, true);
  return { user, cookie: await adminCookie.serialize(token) };
}

function stakeholderForm(seed: number, submissionKey = randomId(), extra: Record<string, string> = {}) {
  const answers = Object.fromEntries(Object.entries(randomAnswers(ita2568, "eit", seededRandom(seed))).map(([key, value]) => [key, String(value)]));
  return { submissionKey, "respondent-type": "private-company", ...answers, ...extra };
}

function post(slug: string, cookie: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost/admin/agencies/${slug}/eit2`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, ...headers },
  });
  return outcome(() => eit2Route.action({ request, params: { slug }, context: { clientAddress: "192.0.2.50" } }));
}

describe("assessor EIT part 2 entry", () => {
  it("an assessor's entry is one eit2 row, +1 on the tally and on the screening tally, audited as a count", async () => {
    const { agency, cycle } = await registeredAgency();
    const assessor = await signedIn({ role: "national_assessor" });
    const form = stakeholderForm(1);
    const saved = await post(agency.slug, assessor.cookie, form);
    expect(saved.status).toBe(200);
    expect(saved.data).toMatchObject({ ok: true });
    const rows = await prisma.response.findMany({ where: { agencyId: agency.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ instrument: "eit2" });
    expect(rows[0]).not.toHaveProperty("screening");
    expect(rows[0]).not.toHaveProperty("channel");
    const screening = await prisma.screeningTally.findMany({ where: { agencyId: agency.id, cycleId: cycle.id, instrument: "eit2" } });
    expect(screening.map(({ question, answer, responses }) => ({ question, answer, responses }))).toEqual([
      { question: "respondent-type", answer: "private-company", responses: 1 },
    ]);
    expect((await getTally(agency.id, cycle.id, "eit2")).responses).toBe(1);
    expect(await recountFromResponses(agency.id, cycle.id, "eit2")).toEqual(await getTally(agency.id, cycle.id, "eit2"));
    const audit = await prisma.auditLog.findMany({ where: { action: "assessor.eit2.entry", agencyId: agency.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: assessor.user.id, outcome: "ok", detail: JSON.stringify({ responses: 1 }) });

    // The same form again (double click, retry): still one row.
    expect((await post(agency.slug, assessor.cookie, form)).status).toBe(200);
    expect(await prisma.response.count({ where: { agencyId: agency.id } })).toBe(1);
  });

  it("agency admins and provincial coordinators may not enter EIT part 2 (403, nothing written)", async () => {
    const { agency } = await registeredAgency();
    const agencyAdmin = await signedIn({ role: "agency_admin", agencyId: agency.id });
    expect((await post(agency.slug, agencyAdmin.cookie, stakeholderForm(2))).status).toBe(403);
    const province = await prisma.province.create({ data: { id: randomId(), code: randomId().slice(0, 6), slug: randomId(), nameTh: "จ.", nameEn: "P" } });
    await prisma.agency.update({ where: { id: agency.id }, data: { provinceId: province.id } });
    const coordinator = await signedIn({ role: "province_coordinator", provinceId: province.id });
    expect((await post(agency.slug, coordinator.cookie, stakeholderForm(3))).status).toBe(403);
    expect(await prisma.response.count({ where: { agencyId: agency.id } })).toBe(0);
  });

  it("invalid entries → 400 with field errors and nothing written; cross-site → 403", async () => {
    const { agency, cycle } = await registeredAgency();
    const assessor = await signedIn({ role: "system_admin" });
    const missing = stakeholderForm(4);
    delete (missing as Record<string, string>).e5;
    const cases = [
      missing,
      stakeholderForm(5, undefined, { "respondent-type": "martian" }),
      stakeholderForm(6, undefined, { e9: "7" }),
      stakeholderForm(7, undefined, { comment: "extra field" }),
      stakeholderForm(8, "short"),
    ];
    for (const fields of cases) expect((await post(agency.slug, assessor.cookie, fields)).status).toBe(400);
    const crossSite = await post(agency.slug, assessor.cookie, stakeholderForm(9), { "Sec-Fetch-Site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect(await prisma.response.count({ where: { agencyId: agency.id } })).toBe(0);
    expect((await getTally(agency.id, cycle.id, "eit2")).responses).toBe(0);
  });

  it("no entry once the EIT window has closed by date: the final figures must not move (decision 012)", async () => {
    const { agency, cycle } = await registeredAgency();
    const assessor = await signedIn({ role: "national_assessor" });
    await closeWindows(cycle.id);
    try {
      const refused = await post(agency.slug, assessor.cookie, stakeholderForm(11));
      expect(refused.status).toBe(403);
      expect(refused.data).toMatchObject({ ok: false, message: "eit2.windowClosed" });
      expect(await prisma.response.count({ where: { agencyId: agency.id } })).toBe(0);
      expect((await getTally(agency.id, cycle.id, "eit2")).responses).toBe(0);
    } finally {
      await reopenWindows(cycle.id);
    }
  });

  it("a published agency takes no more entries", async () => {
    const { agency, cycle } = await registeredAgency();
    await prisma.agencyCycle.update({ where: { agencyId_cycleId: { agencyId: agency.id, cycleId: cycle.id } }, data: { publishedAt: new Date() } });
    const assessor = await signedIn({ role: "national_assessor" });
    expect((await post(agency.slug, assessor.cookie, stakeholderForm(10))).status).toBe(403);
    expect(await prisma.response.count({ where: { agencyId: agency.id } })).toBe(0);
  });
});
