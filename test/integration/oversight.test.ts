// Oversight (issue: oversight and scoring): the /admin overview and /admin/export as each role
// sees them, the overview's search, filters, sort and paging, and the shortfall forecast per
// agency. Scenarios are hand-built so every expected figure below is worked out by hand.
import { beforeAll, describe, expect, it } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { dbTarget, prisma } from "~/db.server";
import { getCycleOverview, getOverview, provinceTotals, type AgencyOverview } from "~/models/overview.server";
import { bangkokDay } from "~/models/response.server";
import { sha256 } from "~/utils/crypto.server";
import { openCycle } from "../fixtures/db";
import { addResponses, agency, exportFile, newProvince, overview, signedIn } from "../fixtures/oversight";

const DAY = 86_400_000;
type Row = {
  slug: string;
  name: string;
  province: string;
  risk: string | null;
  published: boolean;
  total: number;
  rating: string;
  cells: { instrument: string; responses: number; minimum: number | null; percent: number | null; forecast: { status: string } }[];
};
const slugsOf = (rows: Row[]) => rows.map((row) => row.slug);
const sorted = (list: string[]) => [...list].sort();

// ───────────── 1. role scoping: two provinces, one agency admin, one coordinator ─────────────

const scoping = {} as {
  p1: { id: string; slug: string };
  p2: { id: string; slug: string };
  a1: string;
  a2: string;
  b1: string;
  b1Name: string;
  coordinator: string;
  agencyAdmin: string;
  assessor: string;
};

beforeAll(async () => {
  await openCycle();
  const p1 = await newProvince("จังหวัดกำกับหนึ่ง", "Oversight One");
  const p2 = await newProvince("จังหวัดกำกับสอง", "Oversight Two");
  const a1 = await agency({ provinceId: p1.id });
  const a2 = await agency({ provinceId: p1.id, register: false });
  const b1Name = "เทศบาลตำบลลับเฉพาะจังหวัดสอง";
  const b1 = await agency({ provinceId: p2.id, nameTh: b1Name });
  await addResponses({ agencyId: a1.agency.id, cycleId: a1.cycle.id }, { iit: 7, eit1: 3 });
  await addResponses({ agencyId: b1.agency.id, cycleId: b1.cycle.id }, { iit: 11 });
  Object.assign(scoping, {
    p1,
    p2,
    a1: a1.agency.slug,
    a2: a2.agency.slug,
    b1: b1.agency.slug,
    b1Name,
    coordinator: (await signedIn({ role: "province_coordinator", provinceId: p1.id })).cookie,
    agencyAdmin: (await signedIn({ role: "agency_admin", agencyId: a1.agency.id })).cookie,
    assessor: (await signedIn({ role: "national_assessor" })).cookie,
  });
});

describe(`oversight: role scoping (${dbTarget.provider})`, () => {
  it("a province coordinator's overview holds only its province: rows, matching, summary and totals", async () => {
    const page = await overview(scoping.coordinator);
    expect(page.status).toBe(200);
    expect(page.body.national).toBe(false);
    expect(sorted(slugsOf(page.body.rows))).toEqual(sorted([scoping.a1, scoping.a2]));
    expect(page.body.matching).toBe(2);
    // a1: no EIT-2 response and no recent rate → at risk; a2: not registered.
    expect(page.body.summary).toEqual({ agencies: 2, registered: 1, atRisk: 2 });
    expect(page.body.totals).toHaveLength(1);
    expect(page.body.totals[0]).toMatchObject({ slug: scoping.p1.slug, agencies: 2, registered: 1, responses: { iit: 7, eit1: 3, eit2: 0 } });
    expect(page.body.provinces).toEqual([{ slug: scoping.p1.slug, name: "จังหวัดกำกับหนึ่ง" }]);
    // Nothing of the other province leaks, not even under its own filter.
    expect(JSON.stringify(page.body)).not.toContain(scoping.b1Name);
    expect(JSON.stringify(page.body)).not.toContain(scoping.b1);
    const other = await overview(scoping.coordinator, { province: scoping.p2.slug });
    expect(other.status).toBe(200);
    expect(other.body.rows).toEqual([]);
    expect(other.body.matching).toBe(0);
    expect(JSON.stringify(other.body)).not.toContain(scoping.b1Name);
    // Filtered to its own province, the page offers that province's export.
    expect((await overview(scoping.coordinator, { province: scoping.p1.slug })).body.exportScope).toBe(`province:${scoping.p1.slug}`);
  });

  it("the national assessor's overview (refreshed) holds both provinces; an agency admin is sent to its dashboard", async () => {
    const page = await overview(scoping.assessor, { refresh: "1", q: "" });
    expect(page.status).toBe(200);
    expect(page.body.national).toBe(true);
    const slugs = slugsOf(page.body.rows);
    // The nation may span several pages here; the three are found by province filter instead.
    const p1 = await overview(scoping.assessor, { province: scoping.p1.slug });
    const p2 = await overview(scoping.assessor, { province: scoping.p2.slug });
    expect(sorted(slugsOf(p1.body.rows))).toEqual(sorted([scoping.a1, scoping.a2]));
    expect(slugsOf(p2.body.rows)).toEqual([scoping.b1]);
    expect(p2.body.exportScope).toBe(`province:${scoping.p2.slug}`);
    expect(page.body.exportScope).toBe("nation");
    expect(page.body.summary.agencies).toBeGreaterThanOrEqual(3);
    expect(slugs.length).toBe(Math.min(50, page.body.matching));
    const own = await overview(scoping.agencyAdmin);
    expect(own.status).toBe(302);
    expect(own.headers.get("Location")).toBe(`/admin/agencies/${scoping.a1}`);
  });

  it("export permissions: coordinator → own province and its agencies only", async () => {
    const { coordinator, p1, p2, a1, b1 } = scoping;
    expect((await exportFile(coordinator, "nation", "json")).status).toBe(403);
    expect((await exportFile(coordinator, `province:${p2.slug}`, "csv")).status).toBe(403);
    expect((await exportFile(coordinator, `agency:${b1}`, "json")).status).toBe(403);
    const refused = await exportFile(coordinator, `agency:${b1}`, "xlsx");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("X-Source-SHA256")).toBeNull();
    expect(refused.text).not.toContain(scoping.b1Name);

    const own = await exportFile(coordinator, `province:${p1.slug}`, "json");
    expect(own.status).toBe(200);
    expect(own.body.scope).toBe(`province:${p1.slug}`);
    expect(own.body.agencies.map((entry: { slug: string }) => entry.slug)).toEqual(sorted([scoping.a1, scoping.a2]));
    expect((await exportFile(coordinator, `agency:${a1}`, "json")).status).toBe(200);
  });

  it("export permissions: agency admin → its own agency only; national assessor → everything", async () => {
    const { agencyAdmin, assessor, p1, p2, a1, a2, b1 } = scoping;
    const own = await exportFile(agencyAdmin, `agency:${a1}`, "json");
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ fiscalYear: 2568, registered: true });
    // Its own agency's file: the hash is of [{slug, input}] with a1's slug. a1's IIT (7 of 30) is
    // still collecting, so the file holds no figure computed from its answers (domain/disclosure.ts).
    expect(own.headers.get("X-Source-SHA256")).toBe(sha256(JSON.stringify([{ slug: a1, input: own.body }])));
    expect(own.body.iit).toBeUndefined();
    expect(own.text).toBe((await exportFile(assessor, `agency:${a1}`, "json")).text);
    for (const scope of [`agency:${a2}`, `agency:${b1}`, `province:${p1.slug}`, "nation"]) {
      expect((await exportFile(agencyAdmin, scope, "csv")).status, scope).toBe(403);
    }
    for (const scope of ["nation", `province:${p1.slug}`, `province:${p2.slug}`, `agency:${b1}`]) {
      expect((await exportFile(assessor, scope, "json")).status, scope).toBe(200);
    }
    const nation = await exportFile(assessor, "nation", "json");
    expect(nation.body.agencies.map((entry: { slug: string }) => entry.slug)).toEqual(expect.arrayContaining([a1, a2, b1]));
    // Each download is audited with its scope and the hash of what it holds.
    const audits = await prisma.auditLog.findMany({ where: { action: "export" } });
    const nationAudit = audits.find((entry) => JSON.parse(entry.detail ?? "{}").sha256 === nation.headers.get("X-Source-SHA256"));
    expect(JSON.parse(nationAudit!.detail!)).toMatchObject({ scope: "nation", format: "json" });
  });

  it("bad scope or format → 400; unknown province or agency → 404; no session → login", async () => {
    const { assessor, p1 } = scoping;
    for (const [scope, format] of [
      ["everything", "json"],
      ["province:", "json"],
      ["province:Has Spaces", "csv"],
      ["agency:UPPER", "csv"],
      ["nation;drop", "csv"],
      [`province:${p1.slug}`, "pdf"],
      [`province:${p1.slug}`, ""],
    ]) {
      expect((await exportFile(assessor, scope, format)).status, `${scope} ${format}`).toBe(400);
    }
    expect((await exportFile(assessor, "province:no-such-province", "csv")).status).toBe(404);
    expect((await exportFile(assessor, "agency:no-such-agency", "csv")).status).toBe(404);
    expect((await exportFile(scoping.coordinator, "province:no-such-province", "csv")).status).toBe(404);
    const anonymous = await exportFile("", "nation", "json");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/admin\/login\?redirectTo=/);
  });
});

// ───────────── 5. overview behaviour: search, filters, sort, paging ─────────────

// One province, six agencies (populations 30/30 → minimums IIT 30, EIT-1 30, EIT-2 20 unless said):
//   A อบต.บางพลีใหญ่   iit 30  eit1 30  eit2 20  today        → all reached, no risk, EIT-1 100 %
//   B อบต.คลองด่าน     no internal population; eit1 6 today  → no-population, EIT-1 20 %
//   C ทต.บางพลี        iit 10  eit1 12  eit2 20  10 days ago → no recent rate: at-risk, EIT-1 40 %
//   D ทม.บางพลี        iit 10  eit1 45  eit2 20  today       → IIT on track, EIT-1 150 % (not capped)
//   E อบจ.สมุทรปราการ  not registered                         → not-registered, EIT-1 no minimum
//   F สำนักงาน…        external 500 (EIT-1 minimum 100); iit 30 eit1 55 eit2 20 today → on track, 55 %
const world = {} as { province: { id: string; slug: string }; cookie: string; slug: Record<"A" | "B" | "C" | "D" | "E" | "F", string> };

beforeAll(async () => {
  const province = await newProvince("สมุทรปราการทดสอบ", "Samut Prakan (test)");
  const tenDaysAgo = new Date(Date.now() - 10 * DAY);
  const make = async (name: keyof typeof world.slug, options: Parameters<typeof agency>[0], counts: Parameters<typeof addResponses>[1], now?: Date) => {
    const made = await agency({ provinceId: province.id, internalPopulation: 30, externalPopulation: 30, ...options });
    await addResponses({ agencyId: made.agency.id, cycleId: made.cycle.id }, counts, { now, seed: name.charCodeAt(0) });
    return made.agency.slug;
  };
  world.province = province;
  world.slug = {
    A: await make("A", { nameTh: "องค์การบริหารส่วนตำบลบางพลีใหญ่", nameEn: "Bang Phli Yai SAO", kind: "local_sao" }, { iit: 30, eit1: 30, eit2: 20 }),
    B: await make("B", { nameTh: "องค์การบริหารส่วนตำบลคลองด่าน", nameEn: "Khlong Dan SAO", kind: "local_sao", internalPopulation: null }, { eit1: 6 }),
    C: await make(
      "C",
      { nameTh: "เทศบาลตำบลบางพลี", nameEn: "Bang Phli Subdistrict Municipality", kind: "local_subdistrict" },
      { iit: 10, eit1: 12, eit2: 20 },
      tenDaysAgo,
    ),
    D: await make("D", { nameTh: "เทศบาลเมืองบางพลี", nameEn: "Bang Phli Town Municipality", kind: "local_town" }, { iit: 10, eit1: 45, eit2: 20 }),
    E: await make("E", { nameTh: "องค์การบริหารส่วนจังหวัดสมุทรปราการ", nameEn: "Samut Prakan PAO", kind: "local_pao", register: false }, {}),
    F: await make(
      "F",
      { nameTh: "สำนักงานตรวจสอบภายในจังหวัด", nameEn: "Provincial Internal Audit Office", kind: "other", externalPopulation: 500 },
      { iit: 30, eit1: 55, eit2: 20 },
    ),
  };
  world.cookie = (await signedIn({ role: "province_coordinator", provinceId: province.id })).cookie;
});

const names = (...keys: (keyof typeof world.slug)[]) => keys.map((key) => world.slug[key]);
async function shown(query: Record<string, string>) {
  const page = await overview(world.cookie, query);
  expect(page.status).toBe(200);
  return page.body as { rows: Row[]; matching: number; pages: number; query: { page: number }; totals: any[]; summary: any };
}

describe(`oversight: overview behaviour (${dbTarget.provider})`, () => {
  it("each agency's risk and instrument cells, and the province totals, are as worked out by hand", async () => {
    const page = await shown({});
    const row = (key: keyof typeof world.slug) => page.rows.find((r) => r.slug === world.slug[key])!;
    const cell = (key: keyof typeof world.slug, instrument: string) => row(key).cells.find((c) => c.instrument === instrument)!;
    expect(Object.fromEntries(Object.entries(world.slug).map(([key, slug]) => [key, page.rows.find((r) => r.slug === slug)!.risk]))).toEqual({
      A: null,
      B: "no-population",
      C: "at-risk",
      D: null,
      E: "not-registered",
      F: null,
    });
    expect(cell("A", "eit2")).toMatchObject({ responses: 20, minimum: 20, percent: 100, forecast: { status: "reached" } });
    expect(cell("B", "iit")).toMatchObject({ responses: 0, minimum: null, percent: null, forecast: { status: "unknown" } });
    expect(cell("C", "iit")).toMatchObject({ responses: 10, minimum: 30, percent: 33.3, forecast: { status: "at-risk", dailyRate: 0, projected: 10 } });
    expect(cell("D", "iit").forecast.status).toBe("on-track");
    expect(cell("D", "eit1")).toMatchObject({ responses: 45, minimum: 30, percent: 150, forecast: { status: "reached" } });
    expect(cell("F", "eit1")).toMatchObject({ responses: 55, minimum: 100, percent: 55, forecast: { status: "on-track" } });
    expect(row("E")).toMatchObject({ published: false, total: 0 });
    expect(page.summary).toEqual({ agencies: 6, registered: 5, atRisk: 3 });
    expect(page.totals).toEqual([
      {
        provinceId: world.province.id,
        name: "สมุทรปราการทดสอบ",
        slug: world.province.slug,
        agencies: 6,
        registered: 5,
        atRisk: 3,
        reached: { iit: 2, eit1: 2, eit2: 4 },
        responses: { iit: 80, eit1: 148, eit2: 80 },
      },
    ]);
  });

  it("search: Thai abbreviations, several terms, spacing and English names", async () => {
    expect(sorted(slugsOf((await shown({ q: "อบต." })).rows))).toEqual(sorted(names("A", "B")));
    expect(slugsOf((await shown({ q: "อบต. บางพลี" })).rows)).toEqual(names("A"));
    expect(slugsOf((await shown({ q: "ทต.บางพลี" })).rows)).toEqual(names("C"));
    expect(slugsOf((await shown({ q: "ทม บางพลี" })).rows)).toEqual(names("D"));
    expect(slugsOf((await shown({ q: "อบจ." })).rows)).toEqual(names("E"));
    expect(sorted(slugsOf((await shown({ q: "บางพลี" })).rows))).toEqual(sorted(names("A", "C", "D")));
    expect(slugsOf((await shown({ q: "  เทศบาล   เมือง " })).rows)).toEqual(names("D"));
    expect(slugsOf((await shown({ q: "INTERNAL audit" })).rows)).toEqual(names("F"));
    const none = await shown({ q: "ไม่มีหน่วยงานนี้" });
    expect(none.rows).toEqual([]);
    expect(none.matching).toBe(0);
  });

  // Abbreviations are expanded only as whole abbreviations at the start of a term: a place name
  // containing ทม / ทน / ทต (อำเภอนาทม, จังหวัดนครพนม) must still be found by its own letters.
  it("search: a name containing ทม (องค์การบริหารส่วนตำบลนาทม) is found by 'นาทม' and by 'อบต.นาทม'", async () => {
    const province = await newProvince("นครพนมทดสอบ", "Nakhon Phanom (test)");
    const made = await agency({ provinceId: province.id, nameTh: "องค์การบริหารส่วนตำบลนาทม", nameEn: "Na Thom SAO" });
    const cookie = (await signedIn({ role: "province_coordinator", provinceId: province.id })).cookie;
    expect(slugsOf((await overview(cookie, { q: "Na Thom" })).body.rows)).toEqual([made.agency.slug]); // the control
    expect(slugsOf((await overview(cookie, { q: "อบต." })).body.rows)).toEqual([made.agency.slug]); // the control
    expect(slugsOf((await overview(cookie, { q: "นาทม" })).body.rows)).toEqual([made.agency.slug]);
    expect(slugsOf((await overview(cookie, { q: "อบต.นาทม" })).body.rows)).toEqual([made.agency.slug]);
  });

  it("show=attention lists exactly the agencies with a risk; other show filters and the kind filter", async () => {
    const attention = await shown({ show: "attention" });
    expect(sorted(slugsOf(attention.rows))).toEqual(sorted(names("B", "C", "E")));
    expect(attention.rows.every((row) => row.risk !== null)).toBe(true);
    expect(attention.matching).toBe(3);
    // B's EIT-2 (minimum 20, none yet, no recent rate) is at risk too, though B's risk is no-population.
    expect(sorted(slugsOf((await shown({ show: "at-risk" })).rows))).toEqual(sorted(names("B", "C")));
    expect(slugsOf((await shown({ show: "reached" })).rows)).toEqual(names("A"));
    expect((await shown({ show: "published" })).rows).toEqual([]);
    expect(slugsOf((await shown({ kind: "local_pao" })).rows)).toEqual(names("E"));
    expect(sorted(slugsOf((await shown({ kind: "local_sao", show: "attention" })).rows))).toEqual(names("B"));
    // A mistyped parameter falls back to its default rather than failing.
    expect((await shown({ show: "everything", kind: "castle", sort: "??", dir: "up", page: "x" })).matching).toBe(6);
  });

  it("sort=eit1 orders by EIT-1 percent (no minimum first when ascending), dir=desc reverses", async () => {
    const ascending = slugsOf((await shown({ sort: "eit1", dir: "asc" })).rows);
    expect(ascending).toEqual(names("E", "B", "C", "F", "A", "D"));
    expect(slugsOf((await shown({ sort: "eit1", dir: "desc" })).rows)).toEqual(names("D", "A", "F", "C", "B", "E"));
    const risk = slugsOf((await shown({ sort: "risk", dir: "asc" })).rows);
    // at-risk, no-population, not-registered, then the rest by name
    expect(risk.slice(0, 3)).toEqual(names("C", "B", "E"));
  });

  it("the province filter as the national assessor: only that province; 'central' only agencies without one", async () => {
    const assessor = (await signedIn({ role: "national_assessor" })).cookie;
    const centralAgency = (await agency({ provinceId: null, nameTh: "กรมทดสอบส่วนกลาง", kind: "department" })).agency.slug;
    const filtered = await overview(assessor, { province: world.province.slug, refresh: "1" });
    expect(sorted(slugsOf(filtered.body.rows))).toEqual(sorted(Object.values(world.slug)));
    expect(filtered.body.matching).toBe(6);
    const central = await overview(assessor, { province: "central", q: "กรมทดสอบส่วนกลาง" });
    expect(slugsOf(central.body.rows)).toEqual([centralAgency]);
    expect(central.body.rows[0].province).toBe("ส่วนกลาง (ไม่สังกัดจังหวัด)");
    const allCentral = await overview(assessor, { province: "central" });
    expect(slugsOf(allCentral.body.rows).some((slug: string) => Object.values(world.slug).includes(slug))).toBe(false);
  });

  it("pagination: 50 rows a page, `matching` is the total, an out-of-range page shows the last one", async () => {
    const province = await newProvince("จังหวัดหลายหน่วยงาน", "Many agencies");
    const made: string[] = [];
    for (let i = 0; i < 53; i++) {
      made.push((await agency({ provinceId: province.id, nameTh: `เทศบาลตำบลลำดับ ${String(i).padStart(2, "0")}`, register: false })).agency.slug);
    }
    const cookie = (await signedIn({ role: "province_coordinator", provinceId: province.id })).cookie;
    const first = await overview(cookie);
    expect(first.body.rows).toHaveLength(50);
    expect(first.body.matching).toBe(53);
    expect(first.body.pages).toBe(2);
    expect(first.body.query.page).toBe(1);
    // Sorted by Thai name: ลำดับ 00 … 49 on page 1.
    expect(first.body.rows[0].name).toBe("เทศบาลตำบลลำดับ 00");
    expect(first.body.rows[49].name).toBe("เทศบาลตำบลลำดับ 49");
    const second = await overview(cookie, { page: "2" });
    expect(second.body.rows.map((row: Row) => row.name)).toEqual(["เทศบาลตำบลลำดับ 50", "เทศบาลตำบลลำดับ 51", "เทศบาลตำบลลำดับ 52"]);
    expect(sorted([...slugsOf(first.body.rows), ...slugsOf(second.body.rows)])).toEqual(sorted(made));
    const beyond = await overview(cookie, { page: "9" });
    expect(beyond.body.query.page).toBe(2);
    expect(slugsOf(beyond.body.rows)).toEqual(slugsOf(second.body.rows));
    // Filters count before paging: "ลำดับ5" (spacing ignored) is ลำดับ 50, 51, 52.
    const filtered = await overview(cookie, { q: "ลำดับ5" });
    expect(filtered.body.matching).toBe(3);
    expect(filtered.body.pages).toBe(1);
  });
});

// ───────────── 5. the shortfall forecast at a fixed time ─────────────

// now = 2025-07-09 20:00 UTC = 2025-07-10 03:00 in Bangkok. The recent period is the Bangkok days
// 2025-07-04 … 2025-07-10 (7 days): a count on 2025-07-03 is outside it (it would be inside if days
// were taken in UTC). Windows: opened 20 days before now, close 10 days after. Minimums 30/30/20.
const NOW = new Date("2025-07-09T20:00:00Z");
const at = (iso: string) => new Date(iso);

describe(`oversight: shortfall forecast (${dbTarget.provider})`, () => {
  it("on-track, at-risk, reached, unknown (no population), not-registered and missed, at an explicit now", async () => {
    const real = await openCycle();
    const cycle = {
      ...real,
      iitOpensAt: new Date(NOW.getTime() - 20 * DAY),
      iitClosesAt: new Date(NOW.getTime() + 10 * DAY),
      eitOpensAt: new Date(NOW.getTime() - 20 * DAY),
      eitClosesAt: new Date(NOW.getTime() + 10 * DAY),
    };
    const province = await newProvince("จังหวัดพยากรณ์", "Forecast");
    const make = async (options: Parameters<typeof agency>[0] = {}) => {
      const made = await agency({ provinceId: province.id, internalPopulation: 30, externalPopulation: 30, ...options });
      return { id: made.agency.id, cycleId: made.cycle.id, slug: made.agency.slug };
    };
    const record = (a: { id: string; cycleId: string }, counts: Parameters<typeof addResponses>[1], when: Date) =>
      addResponses({ agencyId: a.id, cycleId: a.cycleId }, counts, { now: when });
    const reachedOthers = (a: { id: string; cycleId: string }) => record(a, { eit1: 30, eit2: 20 }, at("2025-06-25T03:00:00Z"));

    // on-track: 26 IIT; 6 on 2025-06-28, 6 on 2025-07-03 (both outside), 7 on 07-04 and 7 on 07-10 → 14 recent → 2/day.
    const onTrack = await make();
    await record(onTrack, { iit: 6 }, at("2025-06-28T05:00:00Z"));
    await record(onTrack, { iit: 6 }, at("2025-07-03T16:59:00Z")); // 23:59 Bangkok on 07-03
    await record(onTrack, { iit: 7 }, at("2025-07-03T17:00:00Z")); // 00:00 Bangkok on 07-04
    await record(onTrack, { iit: 7 }, at("2025-07-09T19:00:00Z")); // 02:00 Bangkok on 07-10
    await reachedOthers(onTrack);
    // at-risk: 10 IIT, all on 2025-07-03 (Bangkok) → no recent responses at all.
    const atRisk = await make();
    await record(atRisk, { iit: 10 }, at("2025-07-03T10:00:00Z"));
    await reachedOthers(atRisk);
    const reached = await make();
    await record(reached, { iit: 31 }, at("2025-07-05T03:00:00Z"));
    await reachedOthers(reached);
    const noPopulation = await make({ internalPopulation: null });
    await reachedOthers(noPopulation);
    const notRegistered = await make({ register: false });
    // missed: the agency closed its IIT early at 10 of 30.
    const missed = await make();
    await record(missed, { iit: 10 }, at("2025-07-08T03:00:00Z"));
    await reachedOthers(missed);
    await prisma.agencyCycle.update({ where: { agencyId_cycleId: { agencyId: missed.id, cycleId: missed.cycleId } }, data: { iitOpen: false } });

    // The days were counted in Bangkok time.
    const days = await prisma.dailyCount.findMany({ where: { agencyId: onTrack.id, instrument: "iit" }, orderBy: { day: "asc" } });
    expect(days.map((d) => [d.day, d.responses])).toEqual([
      ["2025-06-28", 6],
      ["2025-07-03", 6],
      ["2025-07-04", 7],
      ["2025-07-10", 7],
    ]);
    expect(bangkokDay(NOW)).toBe("2025-07-10");

    const scope = { all: false as const, agencyIds: [], provinceIds: [province.id] };
    const rows = await getCycleOverview(scope, cycle, ita2568, NOW);
    const row = (a: { id: string }) => rows.find((r) => r.id === a.id)!;
    expect(rows).toHaveLength(6);

    expect(row(onTrack).instruments.iit).toEqual({
      responses: 26,
      minimum: 30,
      percent: 86.7,
      forecast: { status: "on-track", dailyRate: 2, daysLeft: 10, projected: 46, neededPerDay: 0.4 },
    });
    expect(row(onTrack).risk).toBeNull();
    expect(row(atRisk).instruments.iit.forecast).toEqual({ status: "at-risk", dailyRate: 0, daysLeft: 10, projected: 10, neededPerDay: 2 });
    expect(row(atRisk).risk).toBe("at-risk");
    expect(row(reached).instruments.iit.forecast).toMatchObject({ status: "reached", projected: null, neededPerDay: null });
    expect(row(reached).instruments.iit.forecast.dailyRate).toBeCloseTo(31 / 7, 10);
    expect(row(reached).risk).toBeNull();
    expect(row(noPopulation).instruments.iit).toMatchObject({ minimum: null, percent: null, forecast: { status: "unknown" } });
    expect(row(noPopulation).risk).toBe("no-population");
    expect(row(notRegistered)).toMatchObject({ registered: false, risk: "not-registered", total: 0 });
    expect(row(missed).instruments.iit.forecast).toMatchObject({ status: "missed", daysLeft: 0 });
    expect(row(missed).instruments.eit1.forecast.status).toBe("reached");
    expect(row(missed).risk).toBe("missed");
    expect(provinceTotals(rows)[0]).toMatchObject({ agencies: 6, registered: 5, atRisk: 4, reached: { iit: 1, eit1: 5, eit2: 5 } });

    // getOverview for a province passes `now` through to the same figures.
    const viaOverview = await getOverview(scope, cycle, ita2568, { now: NOW });
    expect(viaOverview.rows.map((r: AgencyOverview) => [r.slug, r.risk]).sort()).toEqual(rows.map((r) => [r.slug, r.risk]).sort());

    // Later, after the windows closed: below the minimum is now missed; reached stays reached.
    const late = await getCycleOverview(scope, cycle, ita2568, new Date(NOW.getTime() + 11 * DAY));
    const lateRow = (a: { id: string }) => late.find((r) => r.id === a.id)!;
    expect(lateRow(onTrack).instruments.iit.forecast).toMatchObject({ status: "missed", daysLeft: 0 });
    expect(lateRow(onTrack).risk).toBe("missed");
    expect(lateRow(reached).instruments.iit.forecast.status).toBe("reached");
    expect(lateRow(reached).instruments.iit.forecast.dailyRate).toBe(0); // 07-05 is more than 7 days back then
  });
});
