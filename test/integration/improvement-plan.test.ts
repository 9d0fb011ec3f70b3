// The improvement-plan report (issue 7) through its routes: an agency with IIT/EIT/OIT data recorded
// through the real models; the editor's analysis against hand-computed figures; saving and
// versions; who may read and who may save; the print page (rendered) with Thai or Arabic digits;
// the .docx download; last fiscal year's plan next to this year's.
import JSZip from "jszip";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { perceptionItems } from "~/domain/answers";
import { parseRuleset } from "~/domain/ruleset";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { prisma } from "~/db.server";
import { createCycle } from "~/models/cycle.server";
import { EDIT_SESSION_MS, getPlan, listPlanVersions, savePlan } from "~/models/improvement-plan.server";
import { recordResponses } from "~/models/response.server";
import * as editorRoute from "~/routes/admin.agencies.$slug.plan._index";
import * as docxRoute from "~/routes/admin.agencies.$slug.plan[.docx]";
import * as printRoute from "~/routes/admin.agencies.$slug.plan.print";
import type { Lang } from "~/utils/i18n";
import { pageMessages } from "~/utils/i18n.server";
import { langCookie } from "~/utils/lang.server";
import { emptyPlan, type PlanContent } from "~/utils/plan-schema";
import { closeWindows, openCycle } from "../fixtures/db";
import { agency, get, newProvince, post, scoreOit, signedIn } from "../fixtures/oversight";

// The print page is rendered to HTML as the browser gets it: its loader's answer goes in through
// useLoaderData, and Link (which needs a router) becomes a plain link.
const page = vi.hoisted(() => ({ loaderData: null as unknown, rootData: null as unknown }));
vi.mock("@remix-run/react", async (importOriginal) => {
  const original = await importOriginal<typeof import("@remix-run/react")>();
  const { createElement: h } = await import("react");
  return {
    ...original,
    useLoaderData: () => page.loaderData,
    // The root's answer (language and its messages, decision 028), as app/root.tsx's loader gives it.
    useRouteLoaderData: (id: string) => (id === "root" ? page.rootData : undefined),
    Link: ({ to, children, ...rest }: { to: string; children?: ReactNode }) => h("a", { href: String(to), ...rest }, children),
  };
});

// ───────────── the agency and its data ─────────────

type Instrument = "iit" | "eit";

/**
 * One answer set that every respondent gives: each answer key gets the option worth the wanted
 * points (default 100); an item with sub-items takes a list, one per sub-item. All respondents
 * answering alike makes every item mean exactly these points.
 */
function answersWith(instrument: Instrument, points: Record<string, number | number[]>) {
  const answers: Record<string, number> = {};
  for (const item of perceptionItems(ita2568, instrument)) {
    const wanted = points[item.code];
    item.answers.forEach((answer, k) => {
      const target = Array.isArray(wanted) ? wanted[k] : (wanted ?? 100);
      const index = answer.optionSet.options.findIndex((option) => option.points === target);
      if (index < 0) throw new Error(`${answer.key} has no option worth ${target}`);
      answers[answer.key] = index;
    });
  }
  return answers;
}

// IIT (30 respondents):
//   ind 1: i1 100, i2 66.67, i3 100                  → 266.67/3 = 88.89      pass, weak [i2 66.67]
//   ind 2: 100 100 100                               → 100                   strong
//   ind 3: i7 33.33, i8 66.67, i9 100                → 200/3 = 66.67         fail, weak [i7 33.33, i8 66.67]
//   ind 4: i10 66.67, i11 100, i12 66.67             → 233.34/3 = 77.78      fail, weak [i10, i12] (66.67 each)
//   ind 5: i13 100, i14 100, i15 (100,100,100,66.67) → i15 = 366.67/4 = 91.6675;
//          (200 + 91.6675)/3 = 97.2225 → 97.22                                strong
//   IIT = (88.89 + 100 + 66.666… + 77.78 + 97.2225)/5 = 86.1118… → 86.11
const IIT_POINTS = { i2: 66.67, i7: 33.33, i8: 66.67, i10: 66.67, i12: 66.67, i15: [100, 100, 100, 66.67] };
// EIT-1 (30): ind 6 = 100; ind 7: e4 66.67, e5 100, e6 100 → 88.89; ind 8: e7 0, e8 66.67, e9 100 → 55.56
//   EIT-1 = (100 + 88.89 + 55.5566…)/3 = 81.4822… → 81.48
const EIT1_POINTS = { e4: 66.67, e7: 0, e8: 66.67 };
// EIT-2 (20): ind 6 = 100; ind 7 = 100; ind 8: e7 100, e8 100, e9 66.67 → 88.89
//   EIT-2 = (100 + 100 + 88.89)/3 = 96.2966… → 96.30
const EIT2_POINTS = { e9: 66.67 };
// Report (EIT-1 and EIT-2 at 15/15: the plain mean of the two):
//   ind 6 = 100 strong; ind 7 = (88.89 + 100)/2 = 94.445 → 94.45 pass, e4 = (66.67 + 100)/2 = 83.335 → 83.34 weak
//   ind 8 = (55.56 + 88.89)/2 = 72.225 → 72.23 fail; e7 = (0 + 100)/2 = 50, e8 = e9 = 83.335 → 83.34
// OIT: all 100 but o4 = 0 → 9.1 = 75, ind 9 = (75 + 4·100)/5 = 95 pass, weak [o4 0]; ind 10 = 100 strong; OIT = 97.5
// Total = 0.30·86.1118… + 0.15·81.4822… + 0.15·96.2966… + 0.40·97.5 = 25.8336 + 12.2223 + 14.4445 + 39 = 91.50
// Rating: total ≥ 85 but EIT-1 81.48 < 85 → ผ่าน
const EXPECTED = [
  { code: "1", score: 88.89, passed: true, strong: false, weak: [["i2", 66.67]] },
  { code: "2", score: 100, passed: true, strong: true, weak: [] },
  {
    code: "3",
    score: 66.67,
    passed: false,
    strong: false,
    weak: [
      ["i7", 33.33],
      ["i8", 66.67],
    ],
  },
  {
    code: "4",
    score: 77.78,
    passed: false,
    strong: false,
    weak: [
      ["i10", 66.67],
      ["i12", 66.67],
    ],
  },
  { code: "5", score: 97.22, passed: true, strong: true, weak: [] },
  { code: "6", score: 100, passed: true, strong: true, weak: [] },
  { code: "7", score: 94.45, passed: true, strong: false, weak: [["e4", 83.34]] },
  {
    code: "8",
    score: 72.23,
    passed: false,
    strong: false,
    weak: [
      ["e7", 50],
      ["e8", 83.34],
      ["e9", 83.34],
    ],
  },
  { code: "9", score: 95, passed: true, strong: false, weak: [["o4", 0]] },
  { code: "10", score: 100, passed: true, strong: true, weak: [] },
] as const;

const wordingTh = (code: string) => ita2568.items.find((item) => item.code === code)!.wording.th;
const indicatorName = (code: string) => ita2568.indicators.find((indicator) => indicator.code === code)!.name.th;

let province: Awaited<ReturnType<typeof newProvince>>;

/** A registered agency in a province, with the tallies and OIT scores above (minimums 30, 30, 20). */
async function scoredAgency() {
  const { cycle, agency: created } = await agency({ provinceId: province.id, internalPopulation: 30, externalPopulation: 30 });
  const target = { agencyId: created.id, cycleId: cycle.id };
  await prisma.$transaction(async (tx) => {
    const batches = [
      ["iit", 30, answersWith("iit", IIT_POINTS)],
      ["eit1", 30, answersWith("eit", EIT1_POINTS)],
      ["eit2", 20, answersWith("eit", EIT2_POINTS)],
    ] as const;
    for (const [instrument, n, answers] of batches) {
      const batch = Array.from({ length: n }, () => ({ screening: {}, answers }));
      await recordResponses(tx, { ...target, instrument, ruleset: ita2568 }, batch);
    }
  });
  await scoreOit(target, (code) => (code === "o4" ? 0 : 100));
  return { cycle, agency: created };
}

// ───────────── calling the routes ─────────────

type EditorView = {
  canEdit: boolean;
  fiscalYear: number;
  total: number;
  rating: string;
  content: PlanContent;
  plan: { version: number; savedAt: string } | null;
  versions: { version: number; savedAt: string }[];
  previousYear: number | null;
  saved: boolean;
  indicators: {
    code: string;
    name: string;
    score: number | null;
    passed: boolean | null;
    strong: boolean;
    text: string;
    weakItems: { code: string; wording: string; score: number }[];
    library: { value: string; code: string; text: string }[];
    previous: string[];
  }[];
};

const editor = (slug: string, cookie: string, query = "") => get(editorRoute.loader, `/admin/agencies/${slug}/plan${query}`, cookie, { slug });
const save = (slug: string, cookie: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  post(editorRoute.action, `/admin/agencies/${slug}/plan`, cookie, fields, { slug }, headers);
const printData = (slug: string, cookie: string, query = "") => get(printRoute.loader, `/admin/agencies/${slug}/plan/print${query}`, cookie, { slug });
const docx = (slug: string, cookie: string, query = "") => get(docxRoute.loader, `/admin/agencies/${slug}/plan.docx${query}`, cookie, { slug });

/** The print page as text: loader answer rendered by the route's component, tags stripped. */
async function printText(slug: string, cookie: string, query = "") {
  const reply = await printData(slug, cookie, query);
  expect(reply.status).toBe(200);
  page.loaderData = reply.body;
  const lang = (reply.body as { lang: Lang }).lang;
  page.rootData = { lang, messages: pageMessages(lang) };
  const html = renderToStaticMarkup(createElement(printRoute.default));
  page.loaderData = null;
  page.rootData = null;
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/** A full save of the editor's form: threshold, digits, the given measures (one row each), signatures. */
function planForm(
  options: {
    measures?: Record<string, Partial<Record<"title" | "steps" | "start" | "end" | "unit" | "item", string>>[]>;
    threshold?: string;
    digits?: string;
    intent?: string;
    extra?: Record<string, string>;
  } = {},
) {
  const fields: Record<string, string> = { intent: options.intent ?? "save", threshold: options.threshold ?? "85", digits: options.digits ?? "thai" };
  for (const [code, rows] of Object.entries(options.measures ?? {})) {
    rows.forEach((row, index) => {
      for (const [field, value] of Object.entries(row)) fields[`m.${code}.${index}.${field}`] = value;
    });
  }
  return { ...fields, ...options.extra };
}

const planCount = (agencyId: string) => prisma.improvementPlan.count({ where: { agencyId } });

// ───────────── the people ─────────────

let people: {
  system: Awaited<ReturnType<typeof signedIn>>;
  assessor: Awaited<ReturnType<typeof signedIn>>;
  coordinator: Awaited<ReturnType<typeof signedIn>>;
};

beforeAll(async () => {
  // The report's figures are final ones: the survey windows are closed by date (while an
  // instrument collects, no figure computed from answers is shown: domain/disclosure.ts).
  await closeWindows((await openCycle()).id);
  province = await newProvince("จังหวัดทดสอบแผน");
  people = {
    system: await signedIn({ role: "system_admin" }),
    assessor: await signedIn({ role: "national_assessor" }),
    coordinator: await signedIn({ role: "province_coordinator", provinceId: province.id }),
  };
});

async function withAdmin() {
  const fx = await scoredAgency();
  const admin = await signedIn({ role: "agency_admin", agencyId: fx.agency.id });
  return { ...fx, admin };
}

// ───────────── the tests ─────────────

describe("improvement plan: the analysis", () => {
  it("the editor's analyses equal the hand-computed figures from the tallies", async () => {
    const { agency: a, admin } = await withAdmin();
    const reply = await editor(a.slug, admin.cookie);
    expect(reply.status).toBe(200);
    const view = reply.body as EditorView;
    expect(view.canEdit).toBe(true);
    expect(view.fiscalYear).toBe(2568);
    expect(view.total).toBe(91.5);
    expect(view.rating).toBe("ผ่าน");
    expect(view.plan).toBeNull();
    expect(view.versions).toEqual([]);
    expect(view.previousYear).toBeNull();
    expect(view.content).toEqual(emptyPlan());

    expect(view.indicators.map((indicator) => indicator.code)).toEqual(EXPECTED.map((expected) => expected.code));
    for (const expected of EXPECTED) {
      const indicator = view.indicators.find((candidate) => candidate.code === expected.code)!;
      expect(indicator.name, expected.code).toBe(indicatorName(expected.code));
      expect({ score: indicator.score, passed: indicator.passed, strong: indicator.strong }, expected.code).toEqual({
        score: expected.score,
        passed: expected.passed,
        strong: expected.strong,
      });
      expect(indicator.weakItems, expected.code).toEqual(expected.weak.map(([code, score]) => ({ code, wording: wordingTh(code), score })));
      if (expected.strong) expect(indicator.text, expected.code).toContain("รักษามาตรฐาน");
      else expect(indicator.text, expected.code).not.toContain("รักษามาตรฐาน");
      // suggestions for the weak items come first
      if (expected.weak.length) expect(indicator.library[0].code, expected.code).toBe(expected.weak[0][0]);
    }
    const byCode = (code: string) => view.indicators.find((indicator) => indicator.code === code)!;
    expect(byCode("1").text).toBe("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ ได้คะแนน 88.89 คะแนน ผ่านเกณฑ์ ประเด็นที่ควรพัฒนา (ต่ำกว่า 85 คะแนน) มี 1 ข้อ ได้แก่ ข้อ i2 (66.67)");
    expect(byCode("8").text).toContain("72.23 คะแนน ต่ำกว่าเกณฑ์ 85 คะแนน");
    expect(byCode("8").text).toContain("ข้อ e7 (50.00), ข้อ e8 (83.34), ข้อ e9 (83.34)");
    expect(byCode("9").text).toContain("ข้อ o4 (0.00)");
    expect(byCode("1").library[0]).toEqual({ value: "i2|0", code: "i2", text: expect.stringContaining("e-Service") });
  });

  it("the saved threshold drives the analysis: at 80, e4 (83.34) is no longer weak and indicator 7 keeps the standard", async () => {
    const { agency: a, admin } = await withAdmin();
    expect((await save(a.slug, admin.cookie, planForm({ threshold: "80" }))).status).toBe(302);
    const view = (await editor(a.slug, admin.cookie)).body as EditorView;
    const byCode = (code: string) => view.indicators.find((indicator) => indicator.code === code)!;
    expect(view.content.threshold).toBe(80);
    expect(byCode("7")).toMatchObject({ score: 94.45, strong: true, weakItems: [] });
    expect(byCode("7").text).toContain("รักษามาตรฐาน");
    expect(byCode("8").weakItems.map((item) => item.code)).toEqual(["e7"]);
    expect(byCode("4").weakItems.map((item) => item.code)).toEqual(["i10", "i12"]);
  });
});

describe("improvement plan: saving and versions", () => {
  it("the agency admin saves → version 1 and ?saved=1; again within 30 min → still version 1 with the new content; save-new → version 2", async () => {
    const { agency: a, admin } = await withAdmin();
    const first = await save(
      a.slug,
      admin.cookie,
      planForm({
        measures: { "1": [{ title: "จัดทำคู่มือการให้บริการ", steps: "ร่าง ประกาศ ติดตาม", start: "2026-04-01", end: "2026-09-30", unit: "สำนักปลัด", item: "i2" }] },
        extra: { "sig.officer.name": "นางสาวสมใจ ใจดี", "sig.officer.position": "นักวิเคราะห์นโยบายและแผน", "note.3": "ต้องสื่อสารหลักเกณฑ์มอบหมายงาน" },
      }),
    );
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/admin/agencies/${a.slug}/plan?saved=1`);
    expect(await listPlanVersions(a.id, (await openCycle()).id)).toHaveLength(1);
    const v1 = (await getPlan(a.id, (await openCycle()).id))!;
    expect(v1.version).toBe(1);
    expect(v1.savedById).toBe(admin.user.id);
    expect(v1.content.measures["1"]).toEqual([
      { title: "จัดทำคู่มือการให้บริการ", steps: "ร่าง ประกาศ ติดตาม", start: "2026-04-01", end: "2026-09-30", unit: "สำนักปลัด", item: "i2" },
    ]);
    expect(v1.content.signatures.officer).toEqual({ name: "นางสาวสมใจ ใจดี", position: "นักวิเคราะห์นโยบายและแผน" });
    expect(v1.content.notes["3"]).toBe("ต้องสื่อสารหลักเกณฑ์มอบหมายงาน");

    const afterSave = (await editor(a.slug, admin.cookie, "?saved=1")).body as EditorView;
    expect(afterSave.saved).toBe(true);
    expect(afterSave.plan?.version).toBe(1);
    expect(afterSave.content.measures["1"][0].title).toBe("จัดทำคู่มือการให้บริการ");

    // Same person, same session: the latest version is updated.
    expect((await save(a.slug, admin.cookie, planForm({ measures: { "1": [{ title: "คู่มือฉบับปรับปรุง" }] } }))).status).toBe(302);
    expect(await planCount(a.id)).toBe(1);
    const updated = (await getPlan(a.id, (await openCycle()).id))!;
    expect(updated.version).toBe(1);
    expect(updated.content.measures["1"].map((m) => m.title)).toEqual(["คู่มือฉบับปรับปรุง"]);

    // Asked for a new version.
    expect((await save(a.slug, admin.cookie, planForm({ intent: "save-new", measures: { "1": [{ title: "มาตรการฉบับที่สอง" }] } }))).status).toBe(302);
    expect(await planCount(a.id)).toBe(2);
    const view = (await editor(a.slug, admin.cookie)).body as EditorView;
    expect(view.plan?.version).toBe(2);
    expect(view.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(view.content.measures["1"][0].title).toBe("มาตรการฉบับที่สอง");
    // One audit entry per version added (updates within a session add none).
    expect(await prisma.auditLog.count({ where: { agencyId: a.id, action: "agency.plan.version" } })).toBe(2);
  });

  it("a save by another user (the system admin) adds a version; the first user's next save adds another", async () => {
    const { agency: a, admin } = await withAdmin();
    await save(a.slug, admin.cookie, planForm({ measures: { "2": [{ title: "ของผู้ดูแลหน่วยงาน" }] } }));
    expect((await save(a.slug, people.system.cookie, planForm({ measures: { "2": [{ title: "ของผู้ดูแลระบบ" }] } }))).status).toBe(302);
    const versions = await prisma.improvementPlan.findMany({ where: { agencyId: a.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.savedById])).toEqual([
      [1, admin.user.id],
      [2, people.system.user.id],
    ]);
    // The latest version is someone else's: the agency admin's save is a new version, not an overwrite.
    await save(a.slug, admin.cookie, planForm({ measures: { "2": [{ title: "ของผู้ดูแลหน่วยงานอีกครั้ง" }] } }));
    expect(await planCount(a.id)).toBe(3);
    expect(JSON.parse((await prisma.improvementPlan.findFirstOrThrow({ where: { agencyId: a.id, version: 2 } })).content).measures["2"][0].title).toBe(
      "ของผู้ดูแลระบบ",
    );
  });

  it("the same user after 30 minutes: a new version (model: 29:59 updates, 30:00 adds)", async () => {
    const { agency: a, admin, cycle } = await withAdmin();
    await save(a.slug, admin.cookie, planForm({ measures: { "5": [{ title: "ก่อนพัก" }] } }));
    await prisma.improvementPlan.updateMany({ where: { agencyId: a.id }, data: { updatedAt: new Date(Date.now() - 31 * 60_000) } });
    await save(a.slug, admin.cookie, planForm({ measures: { "5": [{ title: "หลังพัก" }] } }));
    expect((await listPlanVersions(a.id, cycle.id)).map((v) => v.version)).toEqual([2, 1]);
    expect((await getPlan(a.id, cycle.id, 1))!.content.measures["5"][0].title).toBe("ก่อนพัก");

    const content = (title: string): PlanContent => ({ ...emptyPlan(), measures: { "5": [{ title, steps: "", start: "", end: "", unit: "", item: "" }] } });
    const t0 = new Date("2026-05-01T03:00:00Z");
    const other = await scoredAgency();
    expect(await savePlan({ agencyId: other.agency.id, cycleId: cycle.id, content: content("a"), userId: admin.user.id }, t0)).toBe(1);
    expect(
      await savePlan(
        { agencyId: other.agency.id, cycleId: cycle.id, content: content("b"), userId: admin.user.id },
        new Date(t0.getTime() + EDIT_SESSION_MS - 1000),
      ),
    ).toBe(1);
    // the window runs from the last save: 29:59 after the update above is still the same session
    const lastSave = new Date(t0.getTime() + EDIT_SESSION_MS - 1000);
    expect(
      await savePlan(
        { agencyId: other.agency.id, cycleId: cycle.id, content: content("c"), userId: admin.user.id },
        new Date(lastSave.getTime() + EDIT_SESSION_MS),
      ),
    ).toBe(2);
    expect((await getPlan(other.agency.id, cycle.id, 1))!.content.measures["5"][0].title).toBe("b");
  });

  it("concurrent first saves by three people get versions 1, 2, 3", async () => {
    const { agency: a, cycle } = await withAdmin();
    const users = await Promise.all([1, 2, 3].map(() => signedIn({ role: "system_admin" })));
    const versions = await Promise.all(users.map((u) => savePlan({ agencyId: a.id, cycleId: cycle.id, content: emptyPlan(), userId: u.user.id })));
    expect([...versions].sort()).toEqual([1, 2, 3]);
    expect(await planCount(a.id)).toBe(3);
  });

  it("a measure picked from the library (lib.<indicator> = <item>|<index>) is added as a row; an unknown pick → 400, nothing saved", async () => {
    const { agency: a, admin, cycle } = await withAdmin();
    expect(
      (await save(a.slug, admin.cookie, planForm({ measures: { "4": [{ title: "ตรวจนับครุภัณฑ์" }] }, extra: { "lib.4": "i10|0", "lib.9": "o4|1" } }))).status,
    ).toBe(302);
    const plan = (await getPlan(a.id, cycle.id))!;
    expect(plan.content.measures["4"]).toEqual([
      { title: "ตรวจนับครุภัณฑ์", steps: "", start: "", end: "", unit: "", item: "" },
      { title: "จัดทำคู่มือ/แนวปฏิบัติการยืมทรัพย์สินของราชการ พร้อมแบบฟอร์มและทะเบียนคุมการยืม-คืน", steps: "", start: "", end: "", unit: "", item: "i10" },
    ]);
    expect(plan.content.measures["9"]).toEqual([
      { title: "มอบหมายผู้รับผิดชอบและกำหนดเวลาตรวจสอบข้อมูล ข้อ o4 เป็นประจำทุกไตรมาส", steps: "", start: "", end: "", unit: "", item: "o4" },
    ]);

    for (const pick of ["i10|7", "x1|0", "i10"]) {
      const reply = await save(a.slug, admin.cookie, planForm({ extra: { "lib.4": pick } }));
      expect(reply.status, pick).toBe(400);
      expect(Object.keys(reply.body.errors), pick).toEqual(["lib.4"]);
    }
    expect((await getPlan(a.id, cycle.id))!.content.measures["4"]).toHaveLength(2);
  });

  // Was a bug: the pick was appended after validation, storing a 31st measure.
  it("a library pick on top of 30 measures is refused (400 on the pick) and nothing is stored", async () => {
    const { agency: a, admin, cycle } = await withAdmin();
    const rows = Array.from({ length: 30 }, (_, i) => ({ title: `มาตรการที่ ${i + 1}` }));
    const reply = await save(a.slug, admin.cookie, planForm({ measures: { "1": rows }, extra: { "lib.1": "i2|0" } }));
    expect(reply.status).toBe(400);
    expect(Object.keys((reply.body as { errors: Record<string, string> }).errors)).toEqual(["lib.1"]);
    expect(await prisma.improvementPlan.count({ where: { agencyId: a.id, cycleId: cycle.id } })).toBe(0);
  });

  it("a library pick must be one of the indicator's own items, by a whole index", async () => {
    const { agency: a, admin, cycle } = await withAdmin();
    for (const pick of ["o4|0", "i10|", "i2|x", "zz|0"]) {
      const reply = await save(a.slug, admin.cookie, planForm({ measures: { "1": [{ title: "ก" }] }, extra: { "lib.1": pick } }));
      expect(reply.status, pick).toBe(400);
    }
    expect(await prisma.improvementPlan.count({ where: { agencyId: a.id, cycleId: cycle.id } })).toBe(0);
  });

  it("an invalid form → 400 with errors keyed by field name, the values echoed, and nothing saved", async () => {
    const { agency: a, admin, cycle } = await withAdmin();
    await save(a.slug, admin.cookie, planForm({ measures: { "1": [{ title: "ฉบับที่ถูกต้อง" }] } }));
    const before = await prisma.improvementPlan.findFirstOrThrow({ where: { agencyId: a.id } });

    const reply = await save(
      a.slug,
      admin.cookie,
      planForm({
        threshold: "150",
        intent: "save-new",
        measures: {
          "1": [{ title: "ใหม่" }, { steps: "ไม่มีชื่อมาตรการ" }],
          "2": [{ title: "กลับด้าน", start: "2026-09-30", end: "2026-04-01" }],
          "3": [{ title: "วันที่ผิด", start: "1/4/2569" }],
        },
      }),
    );
    expect(reply.status).toBe(400);
    expect(reply.body.ok).toBe(false);
    expect(reply.body.message).toBe("plan.invalid");
    expect(Object.keys(reply.body.errors).sort()).toEqual(["m.1.1.title", "m.2.0.end", "m.3.0.start", "threshold"]);
    expect(reply.body.values["m.1.0.title"]).toBe("ใหม่");
    // nothing saved: the same single version with its old content
    expect(await planCount(a.id)).toBe(1);
    const after = await prisma.improvementPlan.findFirstOrThrow({ where: { agencyId: a.id } });
    expect(after.content).toBe(before.content);
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    expect((await getPlan(a.id, cycle.id))!.content.threshold).toBe(85);
  });

  it("a cross-site POST → 403 and nothing saved (Sec-Fetch-Site, or a foreign Origin)", async () => {
    const { agency: a, admin } = await withAdmin();
    const fields = planForm({ measures: { "1": [{ title: "ปลอม" }] } });
    expect((await save(a.slug, admin.cookie, fields, { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await save(a.slug, admin.cookie, fields, { "Sec-Fetch-Site": "same-site" })).status).toBe(403);
    const request = new Request(`http://localhost/admin/agencies/${a.slug}/plan`, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example", Cookie: admin.cookie },
    });
    const status = await editorRoute.action({ request, params: { slug: a.slug }, context: { clientAddress: "192.0.2.80" } }).then(
      () => 200,
      (error: unknown) => (error instanceof Response ? error.status : -1),
    );
    expect(status).toBe(403);
    expect(await planCount(a.id)).toBe(0);
  });
});

describe("improvement plan: who may read and who may save", () => {
  it("coordinator of the province and national assessor: editor (read-only), print and docx 200; POST → 403, nothing saved", async () => {
    const { agency: a, admin } = await withAdmin();
    await save(a.slug, admin.cookie, planForm({ measures: { "1": [{ title: "มาตรการของหน่วยงาน" }] } }));
    for (const who of ["coordinator", "assessor"] as const) {
      const { cookie } = people[who];
      const view = await editor(a.slug, cookie);
      expect(view.status, who).toBe(200);
      expect((view.body as EditorView).canEdit, who).toBe(false);
      expect((view.body as EditorView).indicators).toHaveLength(10);
      expect((await printData(a.slug, cookie, "?version=1")).status, who).toBe(200);
      expect((await docx(a.slug, cookie)).status, who).toBe(200);
      const refused = await save(a.slug, cookie, planForm({ intent: "save-new", measures: { "1": [{ title: "แก้โดยผู้ไม่มีสิทธิ์" }] } }));
      expect(refused.status, who).toBe(403);
    }
    expect(await planCount(a.id)).toBe(1);
    expect((await getPlan(a.id, (await openCycle()).id))!.content.measures["1"][0].title).toBe("มาตรการของหน่วยงาน");
  });

  it("the system admin can edit; another agency's admin and a coordinator of another province get 403; no session → login", async () => {
    const { agency: a } = await withAdmin();
    expect(((await editor(a.slug, people.system.cookie)).body as EditorView).canEdit).toBe(true);
    const other = await agency({ provinceId: (await newProvince("จังหวัดอื่น")).id });
    const outsider = await signedIn({ role: "agency_admin", agencyId: other.agency.id });
    const otherCoordinator = await signedIn({ role: "province_coordinator", provinceId: other.agency.provinceId! });
    for (const cookie of [outsider.cookie, otherCoordinator.cookie]) {
      expect((await editor(a.slug, cookie)).status).toBe(403);
      expect((await printData(a.slug, cookie)).status).toBe(403);
      expect((await docx(a.slug, cookie)).status).toBe(403);
      expect((await save(a.slug, cookie, planForm())).status).toBe(403);
    }
    const anonymous = await editor(a.slug, "");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/admin/login?redirectTo=${encodeURIComponent(`/admin/agencies/${a.slug}/plan`)}`);
    expect((await editor("no-such-agency", people.system.cookie)).status).toBe(404);
    expect(await planCount(a.id)).toBe(0);
  });
});

describe("improvement plan: the printed report", () => {
  it("?version=1 shows version 1's measures, the latest by default; an unknown version → 404 (print and docx)", async () => {
    const { agency: a, admin } = await withAdmin();
    await save(a.slug, admin.cookie, planForm({ measures: { "3": [{ title: "มาตรการฉบับแรก" }] } }));
    await save(a.slug, admin.cookie, planForm({ intent: "save-new", measures: { "3": [{ title: "มาตรการฉบับสอง" }] } }));

    const v1 = await printText(a.slug, admin.cookie, "?version=1");
    expect(v1).toContain("มาตรการฉบับแรก");
    expect(v1).not.toContain("มาตรการฉบับสอง");
    const latest = await printText(a.slug, admin.cookie);
    expect(latest).toContain("มาตรการฉบับสอง");
    expect(latest).not.toContain("มาตรการฉบับแรก");
    expect((await printData(a.slug, admin.cookie, "?version=2")).body.report.versionParam).toBe(2);

    for (const query of ["?version=3", "?version=99"]) {
      expect((await printData(a.slug, admin.cookie, query)).status, query).toBe(404);
      expect((await docx(a.slug, admin.cookie, query)).status, query).toBe(404);
    }
  });

  it("the report: title, methodology, total and rating, the indicator table, analyses with wording, measures, signatures", async () => {
    const { agency: a, admin } = await withAdmin();
    await save(
      a.slug,
      admin.cookie,
      planForm({
        digits: "arabic",
        measures: { "8": [{ title: "พัฒนาระบบ e-Service", steps: "จัดหา ทดสอบ เปิดใช้", start: "2026-04-01", end: "2026-09-30", unit: "กองช่าง" }] },
        extra: { "sig.secretary.name": "นายสมชาย รักงาน", "sig.secretary.position": "ปลัดองค์การบริหารส่วนตำบล" },
      }),
    );
    const text = await printText(a.slug, admin.cookie);
    expect(text).toContain("การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร");
    expect(text).toContain(a.nameTh);
    expect(text).toContain("รอบการประเมินปีงบประมาณ พ.ศ. 2568");
    expect(text).toContain("ผลเบื้องต้น — ยังไม่ประกาศผล"); // not published yet
    // methodology from the rules
    expect(text).toContain("IIT ร้อยละ 30 + EIT ส่วนที่ ๑ ร้อยละ 15 + EIT ส่วนที่ ๒ ร้อยละ 15 + OIT ร้อยละ 40");
    expect(text).toContain("หาก N มากกว่า 2,000 ใช้ 400 คน");
    for (const band of ita2568.ratingBands) expect(text).toContain(band.label.th);
    // overall and parts
    expect(text).toContain("คะแนนรวม 91.50 — ระดับผลการประเมิน ผ่าน");
    for (const score of ["86.11", "81.48", "96.30", "97.50"]) expect(text).toContain(score);
    // the table: no · instrument · indicator · score · pass/fail
    expect(text).toContain("1 IIT 1. การปฏิบัติหน้าที่ 88.89 ผ่าน");
    expect(text).toContain("3 IIT 3. การใช้อำนาจ 66.67 ไม่ผ่าน");
    expect(text).toContain("8 EIT 8. การปรับปรุงระบบการทำงาน 72.23 ไม่ผ่าน");
    expect(text).toContain("10 OIT 10. การป้องกันการทุจริต 100.00 ผ่าน");
    expect(text).toContain("หมายเหตุ: ผ่าน หมายถึง คะแนนตั้งแต่ 85 คะแนนขึ้นไป");
    // analyses: weak items by code, wording and score; strong ones keep the standard
    expect(text).toContain(`ข้อ i2 ${wordingTh("i2")} (66.67)`);
    expect(text).toContain(`ข้อ o4 ${wordingTh("o4")} (0.00)`);
    expect(text).toContain("ตัวชี้วัดที่ 2 การใช้งบประมาณ ได้คะแนน 100.00 คะแนน ผ่านเกณฑ์ และไม่มีข้อใดต่ำกว่า 85 คะแนน หน่วยงานควรรักษามาตรฐาน");
    // the action plan of indicator 8, Buddhist-era period
    expect(text).toContain("พัฒนาระบบ e-Service จัดหา ทดสอบ เปิดใช้ 1 เมษายน 2569 – 30 กันยายน 2569 กองช่าง");
    expect(text).toContain("ยังไม่มีมาตรการ"); // the other indicators
    // signatures: the entered name and position, the defaults elsewhere
    expect(text).toContain("(นายสมชาย รักงาน) ปลัดองค์การบริหารส่วนตำบล");
    expect(text).toContain("ผู้จัดทำ");
    expect(text).toContain("ผู้บริหาร");
  });

  it("Thai digits (the setting): dates, scores and numbers in Thai digits, item codes unchanged; Arabic: no Thai digits", async () => {
    const { agency: a, admin } = await withAdmin();
    const measures = { "1": [{ title: "อบรมการให้บริการอย่างเท่าเทียม", start: "2026-04-01", end: "2026-09-30", unit: "สำนักปลัด" }] };
    await save(a.slug, admin.cookie, planForm({ digits: "thai", measures }));
    const thai = await printText(a.slug, admin.cookie);
    expect(thai).toContain("๑ เมษายน ๒๕๖๙ – ๓๐ กันยายน ๒๕๖๙");
    expect(thai).toContain("คะแนนรวม ๙๑.๕๐ — ระดับผลการประเมิน ผ่าน");
    expect(thai).toContain("รอบการประเมินปีงบประมาณ พ.ศ. ๒๕๖๘");
    expect(thai).toContain("๑ IIT ๑. การปฏิบัติหน้าที่ ๘๘.๘๙");
    expect(thai).toContain("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ได้คะแนน ๘๘.๘๙ คะแนน");
    expect(thai).toContain(`ข้อ i2 ${wordingTh("i2")} (๖๖.๖๗)`); // the code keeps its digits
    expect(thai).toContain("ข้อ i2 (๖๖.๖๗)");
    expect(thai).toContain("ข้อ e7 (๕๐.๐๐), ข้อ e8 (๘๓.๓๔), ข้อ e9 (๘๓.๓๔)");
    expect(thai).toContain("๒,๐๐๐");
    expect(thai).not.toContain("91.50");
    expect(thai).not.toContain("2569");

    await save(a.slug, admin.cookie, planForm({ digits: "arabic", measures }));
    const arabic = await printText(a.slug, admin.cookie);
    expect(arabic).toContain("1 เมษายน 2569 – 30 กันยายน 2569");
    expect(arabic).toContain("คะแนนรวม 91.50");
    expect(arabic).not.toMatch(/[๐-๙]{2}/); // the rules' own "EIT ส่วนที่ ๑" aside, no Thai numbers
  });

  it("in English the report uses Arabic digits and English text whatever the setting", async () => {
    const { agency: a, admin } = await withAdmin();
    await save(a.slug, admin.cookie, planForm({ digits: "thai", measures: { "1": [{ title: "Service manual", start: "2026-04-01", end: "2026-09-30" }] } }));
    const cookie = `${admin.cookie}; ${(await langCookie.serialize("en")).split(";")[0]}`;
    const text = await printText(a.slug, cookie);
    expect(text).toContain("Bringing the ITA results into organisational development");
    expect(text).toContain("91.50");
    expect(text).toContain("1 April 2026 – 30 September 2026");
    expect(text).toContain(`Indicator 1 ${ita2568.indicators[0].name.en}`);
    expect(text).not.toMatch(/[๐-๙]{2}/);
  });
});

describe("improvement plan: the .docx download", () => {
  it("is a Word file (ZIP) whose document.xml has the Thai indicator names, the analyses and the saved measures", async () => {
    const { agency: a, admin } = await withAdmin();
    const titles = ["จัดทำคู่มือการยืมทรัพย์สินของราชการ", "ประกาศนโยบายไม่รับของขวัญ"];
    await save(
      a.slug,
      admin.cookie,
      planForm({
        digits: "arabic",
        measures: { "4": [{ title: titles[0], unit: "กองคลัง", start: "2026-04-01", end: "2026-09-30" }], "10": [{ title: titles[1] }] },
      }),
    );
    const reply = await docx(a.slug, admin.cookie);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(reply.headers.get("Content-Disposition")).toBe(`attachment; filename="ita-2568-plan-${a.slug}-v1.docx"`);
    expect([...reply.bytes!.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // "PK\3\4"
    const zip = await JSZip.loadAsync(reply.bytes!);
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร");
    expect(text).toContain(a.nameTh);
    for (const indicator of ita2568.indicators) expect(text).toContain(indicator.name.th);
    for (const title of titles) expect(text).toContain(title);
    expect(text).toContain("1 เมษายน 2569 – 30 กันยายน 2569");
    expect(text).toContain("กองคลัง");
    expect(text).toContain("คะแนนรวม 91.50");
    expect(text).toContain(wordingTh("o4"));
    expect(xml).toContain("TH Sarabun New");

    // ?version=N gives that version's measures
    await save(a.slug, admin.cookie, planForm({ intent: "save-new", measures: { "4": [{ title: "มาตรการฉบับสอง" }] } }));
    const v1 = await docx(a.slug, admin.cookie, "?version=1");
    expect(v1.headers.get("Content-Disposition")).toContain(`-v1.docx`);
    const v1Text = (await (await JSZip.loadAsync(v1.bytes!)).file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
    expect(v1Text).toContain(titles[0]);
    expect(v1Text).not.toContain("มาตรการฉบับสอง");
  });

  it("before any save: a report without a version in the file name, and 'no measures yet'", async () => {
    const { agency: a, admin } = await withAdmin();
    const reply = await docx(a.slug, admin.cookie);
    expect(reply.headers.get("Content-Disposition")).toBe(`attachment; filename="ita-2568-plan-${a.slug}.docx"`);
    const text = (await (await JSZip.loadAsync(reply.bytes!)).file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
    expect(text).toContain("ยังไม่มีมาตรการ");
    expect(text).toContain("๙๑.๕๐"); // the default setting is Thai digits
  });
});

describe("improvement plan: last fiscal year's plan", () => {
  it("a 2567 plan of the same agency shows next to this year's analysis in the editor, print page and docx; 2568 stays current", async () => {
    const current = await openCycle();
    const definition = JSON.parse(JSON.stringify(ita2568));
    definition.meta.fiscalYear = 2567;
    definition.meta.rulesVersion = "2567.test";
    const parsed = parseRuleset(definition);
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    const year = 365 * 86_400_000;
    const past = (days: number) => new Date(Date.now() - year + days * 86_400_000);
    const cycle2567 = await createCycle(parsed.ruleset, {
      iitOpensAt: past(0),
      iitClosesAt: past(30),
      eitOpensAt: past(0),
      eitClosesAt: past(30),
      oitOpensAt: past(0),
      oitClosesAt: past(60),
    });

    const { agency: a, admin } = await withAdmin();
    const other = await withAdmin();
    const measure = (title: string) => ({ title, steps: "", start: "2025-04-01", end: "2025-09-30", unit: "สำนักปลัด", item: "" });
    const lastYear: PlanContent = {
      ...emptyPlan(),
      measures: { "1": [measure("คู่มือการให้บริการ ปี 2567"), measure("อบรมบุคลากร ปี 2567")], "9": [measure("ปรับปรุงเว็บไซต์ ปี 2567")] },
    };
    await savePlan({ agencyId: a.id, cycleId: cycle2567.id, content: lastYear, userId: admin.user.id });
    // an older draft of 2567 is not what shows: the latest version does
    await savePlan({
      agencyId: a.id,
      cycleId: cycle2567.id,
      content: { ...lastYear, measures: { ...lastYear.measures, "3": [measure("มอบหมายงานเป็นธรรม ปี 2567")] } },
      userId: admin.user.id,
      newVersion: true,
    });
    await save(a.slug, admin.cookie, planForm({ digits: "arabic", measures: { "1": [{ title: "มาตรการปี 2568" }] } }));

    const view = (await editor(a.slug, admin.cookie)).body as EditorView;
    expect(view.fiscalYear).toBe(2568);
    expect(view.previousYear).toBe(2567);
    const byCode = (code: string) => view.indicators.find((indicator) => indicator.code === code)!;
    expect(byCode("1").previous).toEqual(["คู่มือการให้บริการ ปี 2567", "อบรมบุคลากร ปี 2567"]);
    expect(byCode("3").previous).toEqual(["มอบหมายงานเป็นธรรม ปี 2567"]);
    expect(byCode("9").previous).toEqual(["ปรับปรุงเว็บไซต์ ปี 2567"]);
    expect(byCode("2").previous).toEqual([]);
    // this year's figures and plan, not last year's
    expect(byCode("1").score).toBe(88.89);
    expect(view.content.measures["1"].map((m) => m.title)).toEqual(["มาตรการปี 2568"]);

    const text = await printText(a.slug, admin.cookie);
    expect(text).toContain("รอบการประเมินปีงบประมาณ พ.ศ. 2568");
    expect(text).toContain("แผนปีงบประมาณ 2567: คู่มือการให้บริการ ปี 2567 · อบรมบุคลากร ปี 2567");
    expect(text).toContain("แผนปีงบประมาณ 2567: ปรับปรุงเว็บไซต์ ปี 2567");
    expect(text).toContain("มาตรการปี 2568");

    const docxText = (await (await JSZip.loadAsync((await docx(a.slug, admin.cookie)).bytes!)).file("word/document.xml")!.async("string")).replace(
      /<[^>]+>/g,
      "",
    );
    expect(docxText).toContain("แผนปีงบประมาณ 2567: คู่มือการให้บริการ ปี 2567 · อบรมบุคลากร ปี 2567");

    // another agency with no 2567 plan: no previous year
    const otherView = (await editor(other.agency.slug, other.admin.cookie)).body as EditorView;
    expect(otherView.previousYear).toBeNull();
    expect(otherView.indicators.every((indicator) => indicator.previous.length === 0)).toBe(true);
    expect(await printText(other.agency.slug, other.admin.cookie)).not.toContain("แผนปีงบประมาณ");

    // nothing of 2567 was touched by this year's save
    expect((await listPlanVersions(a.id, cycle2567.id)).map((v) => v.version)).toEqual([2, 1]);
    expect((await listPlanVersions(a.id, current.id)).map((v) => v.version)).toEqual([1]);
  });
});
