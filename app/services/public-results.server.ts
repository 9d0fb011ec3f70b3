// Public results after publication (issue 20 §1, docs/decisions/023): the national picture, the
// province and agency pages, and the open-data files, for anyone, without signing in.
//
// Cheap under a spike: a published agency's figures never change (publication freezes its tallies,
// OIT scores and populations: decision 005), so a fiscal year's public view depends only on which
// agencies are published. Each process keeps ONE view per year, keyed by that year's publication
// version (how many agencies are published, the latest publication); it asks the database whether
// the version moved at most every PUBLIC_RESULTS_RECHECK_SECONDS (one small query) and recomputes
// the year only when it did. Pages and files carry an ETag derived from the view's content, so a
// browser or proxy revalidates with a 304 and no body.
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { resultsPicture, publicParts, type PublicPart, type ResultsPicture } from "~/domain/public-results";
import { instrumentIndicators, PART_INSTRUMENT, type Ruleset } from "~/domain/ruleset";
import { toScoringInputJson, type ScoringInput } from "~/domain/scoring-input";
import { compareYears, type PartChange } from "~/domain/year-on-year";
import { env } from "~/env.server";
import { listPublicationVersions, readPublishedYear, type PublicationVersion } from "~/models/public-results.server";
import { bangkokDay } from "~/models/response.server";
import { prisma, type Db } from "~/db.server";
import { sha256 } from "~/utils/crypto.server";
import { translate } from "~/utils/i18n.server";
import { matchesSearch, searchTerms } from "~/utils/thai-search";
import { csvLine } from "./spreadsheet.server";

export type PublicAgencyResult = {
  slug: string;
  nameTh: string;
  nameEn: string;
  kind: string;
  province: { slug: string; nameTh: string; nameEn: string } | null;
  /** the day the assessor published it (Bangkok), YYYY-MM-DD */
  publishedOn: string;
  total: number;
  rating: { code: string; th: string; en: string };
  parts: PublicPart[];
};

export type ProvinceResults = { slug: string | null; nameTh: string; nameEn: string; picture: ResultsPicture };

export type PublicYear = {
  fiscalYear: number;
  rulesVersion: string;
  ruleset: Ruleset;
  /** the publication version this view was computed for */
  version: string;
  /** the latest publication in the year (ISO): the open data's "as of" */
  lastPublishedAt: string;
  /** agencies registered for the year, published or not (a count of agencies only) */
  assessed: number;
  agencies: PublicAgencyResult[];
  picture: ResultsPicture;
  /** one row per province (central agencies last, slug null), by Thai name */
  provinces: ProvinceResults[];
  /** the scoring inputs every figure comes from, sorted by slug, as in the exports (docs/exports.md) */
  sources: { slug: string; input: ScoringInput }[];
  /** SHA-256 of the view's content: the ETags' base */
  digest: string;
  /** the open-data files built from this view, by scope and format (they go with the view) */
  files: Map<string, PublicFile>;
};

type YearSlot = { version: string; view?: PublicYear; building?: Promise<PublicYear> };
type Cache = { checkedAt: number; versions: PublicationVersion[] | null; checking?: Promise<PublicationVersion[]>; years: Map<string, YearSlot> };

const globalForPublic = globalThis as unknown as { __itaPublicResults?: Cache };
const emptyCache = (): Cache => ({ checkedAt: -Infinity, versions: null, years: new Map() });
let cache = (globalForPublic.__itaPublicResults ??= emptyCache());

/** Forget every kept view (tests; an operator who changed published data by hand). */
export function forgetPublicResults() {
  cache = globalForPublic.__itaPublicResults = emptyCache();
}

const versionKey = (version: PublicationVersion) => `${version.published}.${version.lastPublishedAt.getTime()}`;

/** The years with published agencies and their versions, read again at most every recheck interval. */
async function publicationVersions(now: number, db: Db): Promise<PublicationVersion[]> {
  if (cache.versions && now - cache.checkedAt < env.PUBLIC_RESULTS_RECHECK_SECONDS * 1000) return cache.versions;
  const current = cache;
  current.checking ??= listPublicationVersions(db)
    .then((versions) => {
      current.versions = versions;
      current.checkedAt = now;
      return versions;
    })
    .finally(() => {
      current.checking = undefined;
    });
  return current.checking;
}

/** Fiscal years with published results, newest first (the year switcher). */
export async function listPublishedYears(options: { now?: number; db?: Db } = {}): Promise<number[]> {
  return (await publicationVersions(options.now ?? Date.now(), options.db ?? prisma)).map((version) => version.fiscalYear);
}

/** A year's public view, or null when nothing of that year is published. Computed once per version. */
export async function getPublicYear(fiscalYear: number, options: { now?: number; db?: Db } = {}): Promise<PublicYear | null> {
  const db = options.db ?? prisma;
  const version = (await publicationVersions(options.now ?? Date.now(), db)).find((candidate) => candidate.fiscalYear === fiscalYear);
  if (!version) return null;
  const key = versionKey(version);
  let slot = cache.years.get(version.cycleId);
  if (!slot || slot.version !== key) cache.years.set(version.cycleId, (slot = { version: key }));
  if (slot.view) return slot.view;
  const building = slot;
  // One computation per version and process, however many requests arrive meanwhile.
  building.building ??= buildYear(version, key, db)
    .then((view) => (building.view = view))
    .finally(() => {
      building.building = undefined;
    });
  return building.building;
}

async function buildYear(version: PublicationVersion, key: string, db: Db): Promise<PublicYear> {
  const year = await readPublishedYear(version.cycleId, db);
  const agencies = year.agencies.map((agency): PublicAgencyResult => ({
    slug: agency.slug,
    nameTh: agency.nameTh,
    nameEn: agency.nameEn,
    kind: agency.kind,
    province: agency.province,
    publishedOn: bangkokDay(agency.publishedAt),
    // Published: no instrument is collecting, so the total and rating are disclosed (decision 012).
    total: agency.scores.assessment.total,
    rating: agency.scores.assessment.rating,
    parts: publicParts(year.ruleset, agency.scores.assessment, agency.scores.disclosure, agency.scores.counts),
  }));
  const sources = year.agencies.map((agency) => ({ slug: agency.slug, input: toScoringInputJson(year.ruleset, agency.scores.input) }));
  const groups = new Map<string | null, { slug: string | null; nameTh: string; nameEn: string; rows: PublicAgencyResult[] }>();
  for (const agency of agencies) {
    const slug = agency.province?.slug ?? null;
    const group = groups.get(slug) ?? { slug, nameTh: agency.province?.nameTh ?? "ส่วนกลาง", nameEn: agency.province?.nameEn ?? "Central government", rows: [] };
    group.rows.push(agency);
    groups.set(slug, group);
  }
  const provinces = [...groups.values()]
    .sort((a, b) => (a.slug === null ? 1 : b.slug === null ? -1 : a.nameTh.localeCompare(b.nameTh, "th")))
    .map((group) => ({ slug: group.slug, nameTh: group.nameTh, nameEn: group.nameEn, picture: resultsPicture(year.ruleset, group.rows) }));
  const picture = resultsPicture(year.ruleset, agencies);
  return {
    fiscalYear: year.fiscalYear,
    rulesVersion: year.rulesVersion,
    ruleset: year.ruleset,
    version: key,
    lastPublishedAt: version.lastPublishedAt.toISOString(),
    assessed: year.registered,
    agencies,
    picture,
    provinces,
    sources,
    digest: sha256(JSON.stringify([BUILD_ID(), year.fiscalYear, year.rulesVersion, year.registered, agencies, sources])),
    files: new Map(),
  };
}

// ───────────────────────── pages ─────────────────────────

/** At most this many agencies are listed for a search (the rest: refine the search). */
export const SEARCH_LIMIT = 50;

/** Published agencies of a year whose Thai or English name matches (อบต., ทต. … understood). */
export function searchPublicAgencies(view: PublicYear, query: string): { matches: PublicAgencyResult[]; more: boolean } {
  const terms = searchTerms(query);
  if (terms.length === 0) return { matches: [], more: false };
  const matches = view.agencies.filter((agency) => matchesSearch(terms, agency.nameTh, agency.nameEn));
  return { matches: matches.slice(0, SEARCH_LIMIT), more: matches.length > SEARCH_LIMIT };
}

export function provinceAgencies(view: PublicYear, provinceSlug: string): PublicAgencyResult[] {
  return view.agencies.filter((agency) => agency.province?.slug === provinceSlug);
}

export type AgencyHistoryYear = { fiscalYear: number; total: number; rating: PublicAgencyResult["rating"]; parts: PublicPart[] };

/**
 * An agency's published result in a year, its published results of the earlier years (newest
 * first), and the change per part and indicator against the latest of those.
 */
export async function getPublicAgency(
  fiscalYear: number,
  slug: string,
  options: { now?: number; db?: Db } = {},
): Promise<{
  view: PublicYear;
  result: PublicAgencyResult | null;
  history: AgencyHistoryYear[];
  change: { fiscalYear: number; parts: PartChange[] } | null;
} | null> {
  const view = await getPublicYear(fiscalYear, options);
  if (!view) return null;
  const result = view.agencies.find((agency) => agency.slug === slug) ?? null;
  if (!result) return { view, result, history: [], change: null };
  const history: AgencyHistoryYear[] = [];
  for (const year of await listPublishedYears(options)) {
    if (year >= fiscalYear) continue;
    const earlier = (await getPublicYear(year, options))?.agencies.find((agency) => agency.slug === slug);
    if (earlier) history.push({ fiscalYear: year, total: earlier.total, rating: earlier.rating, parts: earlier.parts });
  }
  const figures = (parts: PublicPart[]) =>
    parts.map((part) => ({
      code: part.code,
      score: part.score,
      indicators: Object.fromEntries(part.indicators.map((indicator) => [indicator.code, indicator.score])),
    }));
  const previous = history[0];
  const change = previous ? { fiscalYear: previous.fiscalYear, parts: compareYears(figures(result.parts), figures(previous.parts)) } : null;
  return { view, result, history, change };
}

// ───────────────────────── open data ─────────────────────────

export type OpenDataColumn = { key: string; th: string; en: string; value: (row: PublicAgencyResult) => string | number | boolean | null };

/** The columns of the open data: what the pages show, one row per published agency (docs/open-data.md). */
export function openDataColumns(ruleset: Ruleset): OpenDataColumn[] {
  const columns: OpenDataColumn[] = [
    { key: "agency_slug", th: "รหัสหน่วยงานในระบบ", en: "Agency id", value: (row) => row.slug },
    { key: "agency_th", th: "หน่วยงาน", en: "Agency (Thai)", value: (row) => row.nameTh },
    { key: "agency_en", th: "หน่วยงาน (อังกฤษ)", en: "Agency", value: (row) => row.nameEn },
    { key: "province_slug", th: "รหัสจังหวัดในระบบ", en: "Province id", value: (row) => row.province?.slug ?? null },
    { key: "province_th", th: "จังหวัด", en: "Province (Thai)", value: (row) => row.province?.nameTh ?? null },
    { key: "province_en", th: "จังหวัด (อังกฤษ)", en: "Province", value: (row) => row.province?.nameEn ?? null },
    { key: "kind", th: "ประเภทหน่วยงาน", en: "Agency type", value: (row) => row.kind },
    { key: "published_on", th: "วันที่ประกาศผล", en: "Published on", value: (row) => row.publishedOn },
    { key: "total", th: "คะแนนรวม", en: "Total", value: (row) => row.total },
    { key: "rating_code", th: "รหัสระดับผล", en: "Rating code", value: (row) => row.rating.code },
    { key: "rating_th", th: "ระดับผลการประเมิน", en: "Rating (Thai)", value: (row) => row.rating.th },
    { key: "rating_en", th: "ระดับผลการประเมิน (อังกฤษ)", en: "Rating", value: (row) => row.rating.en },
  ];
  (["iit", "eit1", "eit2", "oit"] as const).forEach((code, index) => {
    const part = (row: PublicAgencyResult) => row.parts[index];
    const label = code.toUpperCase();
    columns.push(
      { key: `${code}_weight`, th: `${label} น้ำหนัก (%)`, en: `${label} weight (%)`, value: (row) => part(row).weight },
      { key: `${code}_processed`, th: `${label} ประมวลผล`, en: `${label} processed`, value: (row) => part(row).processed },
      { key: `${code}_reason`, th: `${label} เหตุที่ไม่ประมวลผล`, en: `${label} not processed because`, value: (row) => part(row).reason },
      { key: `${code}_respondents`, th: `${label} จำนวนผู้ตอบ`, en: `${label} respondents`, value: (row) => part(row).respondents },
      { key: `${code}_score`, th: `${label} คะแนน`, en: `${label} score`, value: (row) => part(row).score },
      { key: `${code}_points`, th: `${label} คะแนนถ่วงน้ำหนัก`, en: `${label} weighted points`, value: (row) => part(row).points },
    );
    // The same indicators, in the same order, as publicParts gives each part (domain/public-results.ts).
    instrumentIndicators(ruleset, PART_INSTRUMENT[code]).forEach((indicator, position) => {
      const cell = (row: PublicAgencyResult) => part(row).indicators[position];
      columns.push(
        {
          key: `${code}_indicator_${indicator.code}`,
          th: `${label} ตัวชี้วัด ${indicator.code} ${indicator.name.th}`,
          en: `${label} indicator ${indicator.code} ${indicator.name.en}`,
          value: (row) => cell(row)?.score ?? null,
        },
        {
          key: `${code}_indicator_${indicator.code}_pass`,
          th: `${label} ตัวชี้วัด ${indicator.code} ผ่าน (≥ 85)`,
          en: `${label} indicator ${indicator.code} passed (≥ 85)`,
          value: (row) => cell(row)?.pass ?? null,
        },
      );
    });
  });
  return columns;
}

export type OpenDataScope = { kind: "nation" } | { kind: "province"; slug: string };
export type PublicFile = { body: string; etag: string; fileName: string; contentType: string };

/**
 * A year's open data for the nation or one province, as CSV (UTF-8 with BOM; the facts — fiscal
 * year, rules version, scope, source hash — as the first columns of every row, as the exports do)
 * or JSON. Built once per version and kept; null when the year or the province has nothing published.
 */
export async function getOpenData(
  fiscalYear: number,
  scope: OpenDataScope,
  format: "csv" | "json",
  options: { now?: number; db?: Db } = {},
): Promise<PublicFile | null> {
  const view = await getPublicYear(fiscalYear, options);
  if (!view) return null;
  const scopeName = scope.kind === "nation" ? "nation" : `province:${scope.slug}`;
  const key = `${scopeName}|${format}`;
  const kept = view.files.get(key);
  if (kept) return kept;
  const rows = scope.kind === "nation" ? view.agencies : provinceAgencies(view, scope.slug);
  if (rows.length === 0) return null;
  const slugs = new Set(rows.map((row) => row.slug));
  const sources = view.sources.filter((source) => slugs.has(source.slug));
  // As in the exports (docs/exports.md): SHA-256 of JSON.stringify(agencies), the scope's scoring inputs.
  const sourceSha256 = sha256(JSON.stringify(sources));
  const columns = openDataColumns(view.ruleset);
  const facts: [string, string | number][] = [
    ["fiscal_year", view.fiscalYear],
    ["rules_version", view.rulesVersion],
    ["scope", scopeName],
    ["source_sha256", sourceSha256],
  ];
  let body: string;
  if (format === "csv") {
    body = `\uFEFF${csvLine([...facts.map(([name]) => name), ...columns.map((column) => column.key)])}`;
    for (const row of rows) body += csvLine([...facts.map(([, value]) => value), ...columns.map((column) => column.value(row))]);
  } else {
    body = `${JSON.stringify({
      fiscalYear: view.fiscalYear,
      rulesVersion: view.rulesVersion,
      scope: scopeName,
      lastPublishedAt: view.lastPublishedAt,
      sourceSha256,
      columns: columns.map(({ key: column, th, en }) => ({ key: column, th, en })),
      rows: rows.map((row) => Object.fromEntries(columns.map((column) => [column.key, column.value(row)]))),
      agencies: sources,
    })}\n`;
  }
  const file: PublicFile = {
    body,
    etag: `"${sha256(body).slice(0, 32)}"`,
    fileName: `ita-${view.fiscalYear}-${scopeName.replace(":", "-")}-${sourceSha256.slice(0, 12)}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
  };
  view.files.set(key, file);
  return file;
}

// ───────────────────────── HTTP caching ─────────────────────────

/**
 * What identifies this build: a page's ETag must change when the code that renders it does, even
 * if the data did not. The server bundle's own text (in the Remix build this module is part of
 * build/index.js), hashed once per process; identical builds on several instances agree.
 */
let buildId: string | null = null;
function BUILD_ID(): string {
  if (buildId === null) {
    try {
      buildId = sha256(readFileSync(fileURLToPath(import.meta.url), "utf8")).slice(0, 16);
    } catch {
      buildId = "unknown";
    }
  }
  return buildId;
}

/** A public page's ETag: the year's content, the language and the address (path and query). */
export function pageEtag(view: Pick<PublicYear, "digest"> | null, lang: string, url: URL, extra = ""): string {
  return `"${sha256([BUILD_ID(), view?.digest ?? "none", lang, url.pathname, url.search, extra].join("|")).slice(0, 32)}"`;
}

/** Headers every public page and file carries: may be kept by anyone for a short while, then revalidated. */
export function publicCacheHeaders(etag: string, options: { varyOnLanguage: boolean }): Record<string, string> {
  return {
    ETag: etag,
    "Cache-Control": `public, max-age=${env.PUBLIC_RESULTS_MAX_AGE_SECONDS}`,
    // The language is a cookie (utils/lang.server.ts): a shared cache must keep Thai and English apart.
    ...(options.varyOnLanguage ? { Vary: "Cookie" } : {}),
  };
}

/** True when the request's If-None-Match names `etag` (or is "*"): answer 304 with no body. */
export function notModified(request: Request, etag: string): boolean {
  const header = request.headers.get("If-None-Match");
  if (!header) return false;
  return header.split(",").some((tag) => {
    const value = tag.trim();
    return value === "*" || value === etag || value === `W/${etag}`;
  });
}

/**
 * A public page's caching: its headers, or a thrown 304 (no body) when the browser or proxy
 * already holds this very page. `extra` is whatever else the page shows (the year switcher).
 */
export function cachedPage(request: Request, view: Pick<PublicYear, "digest"> | null, lang: string, extra = ""): Record<string, string> {
  const etag = pageEtag(view, lang, new URL(request.url), extra);
  const headers = publicCacheHeaders(etag, { varyOnLanguage: true });
  if (notModified(request, etag)) throw new Response(null, { status: 304, headers });
  return headers;
}

/** A fiscal year from a URL segment (Buddhist era, four digits), or null. */
export function parseFiscalYear(segment: string | undefined): number | null {
  return segment && /^\d{4}$/.test(segment) ? Number(segment) : null;
}

/**
 * The HTTP answer for an open-data file: the file with its ETag and public caching, a 304 when the
 * client holds it, or a 404 in both languages when the year (or province) has nothing published.
 */
export async function openDataResponse(request: Request, yearSegment: string | undefined, scope: OpenDataScope, format: "csv" | "json"): Promise<Response> {
  const fiscalYear = parseFiscalYear(yearSegment);
  const file = fiscalYear ? await getOpenData(fiscalYear, scope, format) : null;
  if (!file) {
    return new Response(`${translate("th", "public.error.year")} / ${translate("en", "public.error.year")}\n`, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const headers = publicCacheHeaders(file.etag, { varyOnLanguage: false });
  if (notModified(request, file.etag)) return new Response(null, { status: 304, headers });
  return new Response(file.body, {
    headers: {
      ...headers,
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
