// Public results after publication (issue 20 §1, docs/decisions/023): the pages' loaders and the
// open-data routes, on a real database — only published agencies, no figure below 5 responses,
// CSV with BOM and no formula injection, the JSON shape and its hash, ETag/304, search, and the
// view computed once per publication version.
import { beforeEach, describe, expect, it } from "vitest";
import { defaultWindows } from "~/domain/collection";
import { instrumentItems, type Ruleset } from "~/domain/ruleset";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { prisma } from "~/db.server";
import { createAgency, createProvince, registerAgencyForCycle } from "~/models/agency.server";
import { createCycle } from "~/models/cycle.server";
import { publishResults } from "~/models/publication.server";
import { recordResponses } from "~/models/response.server";
import { createUser } from "~/models/user.server";
import * as agencyRoute from "~/routes/results.$year.agency.$slug";
import * as nationalRoute from "~/routes/results.$year._index";
import * as provinceRoute from "~/routes/results.$year.province.$slug";
import * as indexRoute from "~/routes/results._index";
import * as nationCsv from "~/routes/results.$year[.csv]";
import * as nationJson from "~/routes/results.$year[.json]";
import * as provinceCsv from "~/routes/results.$year.province.$slug[.csv]";
import { forgetPublicResults, getPublicYear } from "~/services/public-results.server";
import { randomId, sha256 } from "~/utils/crypto.server";
import { parseCsv } from "~/utils/tabular-file.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { openCycle } from "../fixtures/db";
import { outcome } from "../fixtures/http";

const context = { clientAddress: "192.0.2.80" };
let assessorId: string | null = null;
let province: { id: string; slug: string } | null = null;

async function assessor() {
  assessorId ??= (
    await createUser({
      email: `assessor-${randomId().slice(0, 6)}@test.local`,
      name: "ผู้ประเมิน",
      password: "correct horse battery",
      scope: { role: "national_assessor" },
    })
  ).id;
  return assessorId;
}

async function testProvince() {
  province ??= await createProvince({ code: "99", slug: "test-province", nameTh: "ทดสอบ", nameEn: "Testland" });
  return province;
}

/** Fiscal year 2567, closed, under 2568's rules relabelled (as the demo seed does). */
async function pastCycle() {
  const existing = await prisma.cycle.findUnique({ where: { fiscalYear: 2567 } });
  if (existing) return { cycle: existing, ruleset: { ...ita2568, meta: { ...ita2568.meta, fiscalYear: 2567 } } as Ruleset };
  const ruleset: Ruleset = { ...ita2568, meta: { ...ita2568.meta, fiscalYear: 2567, rulesVersion: "2567-test" } };
  return { cycle: await createCycle(ruleset, defaultWindows(2567)), ruleset };
}

type AgencyOptions = {
  nameTh?: string;
  nameEn?: string;
  kind?: "local_sao" | "local_subdistrict";
  internalPopulation?: number;
  counts?: { iit: number; eit1: number; eit2: number };
  publish?: boolean;
  agency?: { id: string; slug: string };
  year?: "current" | "past";
  inProvince?: boolean;
};

/**
 * An agency with every answer at the best option (100), OIT all 100 but o4 = 0 (OIT 97.5), its
 * minimums met (populations 30 → IIT 30, EIT-1 30, EIT-2 20), and published unless told otherwise.
 */
async function agencyWithResults(options: AgencyOptions = {}) {
  const { cycle, ruleset } = options.year === "past" ? await pastCycle() : { cycle: await openCycle(), ruleset: ita2568 };
  const slug = options.agency?.slug ?? `pub-${randomId().slice(0, 8).toLowerCase()}`;
  const agency =
    options.agency ??
    (await createAgency({
      slug,
      nameTh: options.nameTh ?? `องค์การบริหารส่วนตำบลทดสอบ ${slug}`,
      nameEn: options.nameEn ?? `Test SAO ${slug}`,
      kind: options.kind ?? "local_sao",
      provinceId: options.inProvince === false ? null : (await testProvince()).id,
    }));
  await registerAgencyForCycle({ agencyId: agency.id, cycleId: cycle.id, internalPopulation: options.internalPopulation ?? 30, externalPopulation: 30 });
  const counts = options.counts ?? { iit: 30, eit1: 30, eit2: 20 };
  const random = seededRandom(11);
  await prisma.$transaction(async (tx) => {
    for (const instrument of ["iit", "eit1", "eit2"] as const) {
      const batch = Array.from({ length: counts[instrument] }, () => ({
        screening: {},
        answers: randomAnswers(ruleset, instrument === "iit" ? "iit" : "eit", random, 1),
      }));
      await recordResponses(tx, { agencyId: agency.id, cycleId: cycle.id, instrument, ruleset }, batch);
    }
  });
  const participation = await prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId: agency.id, cycleId: cycle.id } } });
  await prisma.oitScore.createMany({
    data: instrumentItems(ruleset, "oit").map((item) => ({
      id: randomId(),
      agencyCycleId: participation.id,
      itemCode: item.code,
      score: item.code === "o4" ? 0 : 100,
    })),
  });
  if (options.publish !== false) expect(await publishResults(agency.id, cycle.id, await assessor())).toBe("published");
  return { agency, cycle };
}

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });

type NationalData = Awaited<ReturnType<typeof nationalRoute.loader>>["data"];
type AgencyData = Awaited<ReturnType<typeof agencyRoute.loader>>["data"];

async function national(year: number, query = "", headers: Record<string, string> = {}) {
  return outcome(() => nationalRoute.loader({ request: get(`/results/${year}${query}`, headers), params: { year: String(year) }, context }));
}

async function agencyPage(year: number, slug: string, headers: Record<string, string> = {}) {
  return outcome(() => agencyRoute.loader({ request: get(`/results/${year}/agency/${slug}`, headers), params: { year: String(year), slug }, context }));
}

async function download(
  route: { loader: (args: never) => Promise<Response> },
  path: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return (route.loader as (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<Response>)({
    request: get(path, headers),
    params,
    context,
  });
}

beforeEach(() => {
  // Each test publishes agencies: start from no kept view (the recheck interval is tested below).
  forgetPublicResults();
});

describe("public results", () => {
  it("shows a published agency's figures and nothing of an unpublished one (page, lists, downloads)", async () => {
    const published = await agencyWithResults();
    const unpublished = await agencyWithResults({ publish: false });

    const page = await agencyPage(2568, published.agency.slug);
    expect(page.status).toBe(200);
    const data = page.data as AgencyData;
    // IIT, EIT-1, EIT-2 at 100; OIT (100·3 + 0)/4 = 75 for 9.1, indicator 9 = 95, 10 = 100 → 97.5.
    // total = 0.30·100 + 0.15·100 + 0.15·100 + 0.40·97.5 = 99.00
    expect(data.result?.total).toBe(99);
    expect(data.result?.parts.map((part) => [part.code, part.score, part.points, part.weight, part.respondents])).toEqual([
      ["iit", 100, 30, 30, 30],
      ["eit1", 100, 15, 15, 30],
      ["eit2", 100, 15, 15, 20],
      ["oit", 97.5, 39, 40, null],
    ]);
    const oit = data.result!.parts.find((part) => part.code === "oit")!;
    expect(oit.indicators.map((indicator) => [indicator.code, indicator.score, indicator.pass])).toEqual([
      ["9", 95, true],
      ["10", 100, true],
    ]);

    // Registered, 80 responses, not published: a 404 page that says so and carries no figure or count.
    const hidden = await agencyPage(2568, unpublished.agency.slug);
    expect(hidden.status).toBe(404);
    expect((hidden.data as AgencyData).result).toBeNull();
    expect(JSON.stringify(hidden.data)).not.toMatch(/"(total|score|respondents|points)"/);

    const view = (await national(2568)).data as NationalData;
    expect(view.assessed).toBeGreaterThanOrEqual(2);
    const year = await getPublicYear(2568);
    expect(year!.agencies.map((agency) => agency.slug)).toContain(published.agency.slug);
    expect(year!.agencies.map((agency) => agency.slug)).not.toContain(unpublished.agency.slug);
    expect(view.picture.published).toBe(year!.agencies.length);
    const search = (await national(2568, `?q=${encodeURIComponent(unpublished.agency.slug)}`)).data as NationalData;
    expect(search.search?.matches).toEqual([]);

    const csv = await (await download(nationCsv, "/results/2568.csv", { year: "2568" })).text();
    expect(csv).toContain(published.agency.slug);
    expect(csv).not.toContain(unpublished.agency.slug);
    const json = await (await download(nationJson, "/results/2568.json", { year: "2568" })).text();
    expect(json).not.toContain(unpublished.agency.slug);
  });

  it("never shows a figure or a count from fewer than 5 responses, even when the minimum is lower", async () => {
    // 3 staff → IIT minimum 3 (all of a small population); 3 responses meet it, but 3 < 5.
    const { agency } = await agencyWithResults({ internalPopulation: 3, counts: { iit: 3, eit1: 30, eit2: 20 } });
    const part = (await agencyPage(2568, agency.slug)).data as AgencyData;
    const iit = part.result!.parts.find((candidate) => candidate.code === "iit")!;
    expect(iit).toMatchObject({ processed: false, score: null, points: 0, respondents: null });
    expect(iit.indicators.every((indicator) => indicator.score === null && indicator.pass === null)).toBe(true);
    // Not processed counts 0: 0.15·100 + 0.15·100 + 0.40·97.5 = 69.00 → needs urgent improvement.
    expect(part.result!.total).toBe(69);

    const rows = parseCsv((await (await download(nationCsv, "/results/2568.csv", { year: "2568" })).text()).replace(/^\uFEFF/, ""));
    const header = rows[0];
    const row = rows.find((cells) => cells[header.indexOf("agency_slug")] === agency.slug)!;
    expect(row[header.indexOf("iit_respondents")]).toBe("");
    expect(row[header.indexOf("iit_score")]).toBe("");
    expect(row[header.indexOf("iit_reason")]).toBe("too-few");
    expect(row[header.indexOf("iit_indicator_1")]).toBe("");
    const json = JSON.parse(await (await download(nationJson, "/results/2568.json", { year: "2568" })).text());
    // The hidden part is left out of the scoring inputs too (no means, no count).
    expect(json.agencies.find((source: { slug: string }) => source.slug === agency.slug).input.iit).toBeUndefined();
  });

  it("writes CSV as UTF-8 with a BOM and never lets a cell start a formula", async () => {
    const names = ['=HYPERLINK("http://evil.example")', "+66 ทดสอบ", "@SUM(A1)", "-1+2"];
    const slugs: string[] = [];
    for (const [index, name] of names.entries()) {
      const { agency } = await agencyWithResults({ nameEn: name, nameTh: index === 1 ? "=1+1 หน่วยงาน" : `หน่วยงาน ${index}` });
      slugs.push(agency.slug);
    }
    const response = await download(provinceCsv, "/results/2568/province/test-province.csv", { year: "2568", slug: "test-province" });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    for (const cells of rows) for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@]/);
    const header = rows[0];
    const english = rows.filter((cells) => slugs.includes(cells[header.indexOf("agency_slug")])).map((cells) => cells[header.indexOf("agency_en")]);
    expect(english.sort()).toEqual(names.map((name) => `'${name}`).sort());
    expect(rows.some((cells) => cells[header.indexOf("agency_th")] === "'=1+1 หน่วยงาน")).toBe(true);
    expect(header.slice(0, 4)).toEqual(["fiscal_year", "rules_version", "scope", "source_sha256"]);
    expect(rows.slice(1).every((cells) => cells[header.indexOf("scope")] === "province:test-province")).toBe(true);
  });

  it("JSON: the page's columns per agency, and the SHA-256 of the scoring inputs it carries", async () => {
    await agencyWithResults();
    const response = await download(nationJson, "/results/2568.json", { year: "2568" });
    const body = JSON.parse(await response.text());
    expect(Object.keys(body)).toEqual(["fiscalYear", "rulesVersion", "scope", "lastPublishedAt", "sourceSha256", "columns", "rows", "agencies"]);
    expect(body).toMatchObject({ fiscalYear: 2568, rulesVersion: ita2568.meta.rulesVersion, scope: "nation" });
    expect(body.sourceSha256).toBe(sha256(JSON.stringify(body.agencies)));
    const keys = body.columns.map((column: { key: string }) => column.key);
    expect(keys).toEqual(expect.arrayContaining(["agency_slug", "total", "rating_th", "oit_points", "iit_indicator_1_pass"]));
    for (const row of body.rows) expect(Object.keys(row)).toEqual(keys);
    expect(body.rows.map((row: { agency_slug: string }) => row.agency_slug)).toEqual(body.agencies.map((source: { slug: string }) => source.slug));
    // The CSV of the same scope carries the same hash.
    const csv = await (await download(nationCsv, "/results/2568.csv", { year: "2568" })).text();
    expect(csv.split("\r\n")[1]).toContain(body.sourceSha256);
  });

  it("ETag and 304 on pages and files; the ETag changes with the language and with a new publication", async () => {
    await agencyWithResults();
    const first = await national(2568);
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+$/);
    expect(first.headers.get("Vary")).toBe("Cookie");
    const again = await national(2568, "", { "If-None-Match": etag });
    expect(again).toMatchObject({ status: 304, thrown: true, data: "" });
    expect(again.headers.get("ETag")).toBe(etag);
    const english = await national(2568, "", { Cookie: "lang=ImVuIg%3D%3D", "If-None-Match": etag });
    expect(english.status).toBe(200);
    expect(english.headers.get("ETag")).not.toBe(etag);

    const file = await download(nationCsv, "/results/2568.csv", { year: "2568" });
    const fileTag = file.headers.get("ETag")!;
    const cached = await download(nationCsv, "/results/2568.csv", { year: "2568" }, { "If-None-Match": `W/${fileTag}` });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe("");

    await agencyWithResults();
    forgetPublicResults(); // as if the recheck interval had passed
    expect((await national(2568, "", { "If-None-Match": etag })).status).toBe(200);
    expect((await download(nationCsv, "/results/2568.csv", { year: "2568" }, { "If-None-Match": fileTag })).status).toBe(200);
  });

  it("computes a year once per publication version, and sees a new publication after the recheck interval", async () => {
    await agencyWithResults();
    const now = Date.now();
    const view = await getPublicYear(2568, { now });
    expect(await getPublicYear(2568, { now: now + 1000 })).toBe(view);
    await agencyWithResults();
    // Within the interval the version is not asked again: the same view.
    expect(await getPublicYear(2568, { now: now + 2000 })).toBe(view);
    const later = await getPublicYear(2568, { now: now + 10 * 60_000 });
    expect(later).not.toBe(view);
    expect(later!.agencies.length).toBe(view!.agencies.length + 1);
    // Same version again: the same view, not a recomputation.
    expect(await getPublicYear(2568, { now: now + 20 * 60_000 })).toBe(later);
  });

  it("finds agencies by Thai or English name, with ทต. / อบต. understood", async () => {
    const { agency } = await agencyWithResults({ nameTh: "เทศบาลตำบลหนองค้นหา", nameEn: "Nong Khonha Subdistrict Municipality", kind: "local_subdistrict" });
    const byAbbreviation = (await national(2568, `?q=${encodeURIComponent("ทต.หนองค้นหา")}`)).data as NationalData;
    expect(byAbbreviation.search?.matches.map((match) => match.slug)).toEqual([agency.slug]);
    const byEnglish = (await national(2568, "?q=nong%20KHONHA")).data as NationalData;
    expect(byEnglish.search?.matches.map((match) => match.slug)).toEqual([agency.slug]);
    const none = (await national(2568, `?q=${encodeURIComponent("อบต.หนองค้นหา")}`)).data as NationalData;
    expect(none.search?.matches).toEqual([]);
  });

  it("shows the earlier published years beside this one, with the change per part and indicator", async () => {
    const past = await agencyWithResults({ year: "past", counts: { iit: 30, eit1: 30, eit2: 20 } });
    await agencyWithResults({ agency: past.agency });
    const page = (await agencyPage(2568, past.agency.slug)).data as AgencyData;
    expect(page.years).toEqual([2568, 2567]);
    expect(page.result!.history).toEqual([{ fiscalYear: 2567, total: 99, rating: "ผ่านดีเยี่ยม" }]);
    expect(page.result!.changeYear).toBe(2567);
    const oit = page.result!.parts.find((part) => part.code === "oit")!;
    expect(oit).toMatchObject({ previous: 97.5, change: 0 });
    expect(oit.indicators[0]).toMatchObject({ code: "9", previous: 95, change: 0 });
  });

  it("answers 404 for a year with nothing published, and /results sends to the latest published year", async () => {
    await agencyWithResults();
    expect((await national(2570)).status).toBe(404);
    expect((await download(nationCsv, "/results/2570.csv", { year: "2570" })).status).toBe(404);
    const index = await outcome(() => indexRoute.loader({ request: get("/results?q=abc"), params: {}, context }));
    expect(index.status).toBe(302);
    expect(index.headers.get("Location")).toBe("/results/2568?q=abc");
    const provincePage = await outcome(() =>
      provinceRoute.loader({ request: get("/results/2568/province/test-province"), params: { year: "2568", slug: "test-province" }, context }),
    );
    expect(provincePage.status).toBe(200);
    expect(
      (await outcome(() => provinceRoute.loader({ request: get("/results/2568/province/nowhere"), params: { year: "2568", slug: "nowhere" }, context })))
        .status,
    ).toBe(404);
  });
});
