// The province / national overview (ภาพรวมระดับจังหวัดและประเทศ): per agency and instrument the
// live count against its minimum, a shortfall forecast, and the scoring core's total and rating —
// all from the running tallies, daily counts and OIT scores, never a scan of responses. One pass
// over a cycle scores every agency in scope (the "national re-score" of docs/benchmarks.md).
import { collectionState, collectionWindow } from "~/domain/collection";
import type { Disclosure } from "~/domain/disclosure";
import { recentPeriodDays, RECENT_DAYS, shortfallForecast, type Forecast } from "~/domain/forecast";
import type { Ruleset } from "~/domain/ruleset";
import type { AssessmentInput, AssessmentResult } from "~/domain/scoring";
import type { AgencyKind, Instrument } from "~/generated/sqlite/enums";
import { prisma, type Db } from "~/db.server";
import type { AgencyScope } from "./agency.server";
import { onCacheVersionChange } from "./cache-version.server";
import { getCurrentCycle, getCycleRuleset } from "./cycle.server";
import { minimumsFor } from "./progress.server";
import { bangkokDay } from "./response.server";
import { readScoring, scoreAgency, sqlInIds, sqlParam } from "./scores.server";

const INSTRUMENTS: Instrument[] = ["iit", "eit1", "eit2"];
const DAY_MS = 86_400_000;

type CycleLike = { id: string; fiscalYear: number; rulesVersion: string; iitOpensAt: Date; iitClosesAt: Date; eitOpensAt: Date; eitClosesAt: Date };

export type InstrumentOverview = {
  responses: number;
  minimum: number | null;
  /** responses ÷ minimum in %, one decimal, not capped (a floor: 130 % is fine) */
  percent: number | null;
  forecast: Forecast;
};

/** Why an agency needs the coordinator's attention (null: it does not). */
export type AgencyRisk = "not-registered" | "no-population" | "missed" | "at-risk" | null;

export type AgencyOverview = {
  id: string;
  slug: string;
  nameTh: string;
  nameEn: string;
  kind: AgencyKind;
  provinceId: string | null;
  registered: boolean;
  published: boolean;
  instruments: Record<Instrument, InstrumentOverview>;
  risk: AgencyRisk;
  /** total and rating from the scoring core; null while any instrument is still collecting (decision 012) */
  total: number | null;
  rating: AssessmentResult["rating"] | null;
  /** per instrument: may its figures be shown */
  disclosure: Record<Instrument, Disclosure>;
  processedParts: number;
  /** what the scoring core was given (the scoring CLI's input) and what it returned, for exports */
  input: AssessmentInput;
  assessment: AssessmentResult;
};

function scopeWhere(scope: AgencyScope) {
  return scope.all ? {} : { OR: [{ id: { in: scope.agencyIds } }, { provinceId: { in: scope.provinceIds } }] };
}

/**
 * Score and forecast every agency in scope for a cycle. Reads: agencies, the scoring reads of
 * scores.server.ts (participation, live tallies and OIT scores) and recent daily counts: a handful of queries whatever the number of responses.
 */
export async function getCycleOverview(scope: AgencyScope, cycle: CycleLike, ruleset: Ruleset, now = new Date(), db: Db = prisma): Promise<AgencyOverview[]> {
  // A province's agencies are looked up once; the nation needs no filter.
  const scopedIds = scope.all ? null : (await db.agency.findMany({ where: scopeWhere(scope), select: { id: true } })).map((row) => row.id);
  const since = bangkokDay(new Date(now.getTime() - (RECENT_DAYS - 1) * DAY_MS));
  // The recent-day groups (≈ 20k at national scale) are plain SQL, like the big scoring reads.
  const [agencies, scoring, recent] = await Promise.all([
    db.agency.findMany({
      where: scopedIds ? { id: { in: scopedIds } } : {},
      select: { id: true, slug: true, nameTh: true, nameEn: true, kind: true, provinceId: true, sizeGroup: true },
    }),
    readScoring(cycle.id, scopedIds, db),
    db.$queryRawUnsafe<{ agencyId: string; instrument: string; recent: number | bigint }[]>(
      `SELECT "agencyId", "instrument", SUM("responses") AS "recent" FROM "DailyCount" WHERE "cycleId" = ${sqlParam()} AND "day" >= ${sqlParam(2)}${sqlInIds(scopedIds, '"agencyId"')} GROUP BY "agencyId", "instrument"`,
      cycle.id,
      since,
    ),
  ]);

  const key = (agencyId: string, instrument: string) => `${agencyId}|${instrument}`;
  const recentOf = new Map(recent.map((row) => [key(row.agencyId, row.instrument), Number(row.recent)]));

  return agencies.map((agency): AgencyOverview => {
    // The one scoring pass (scores.server.ts): the same figures as the results page.
    const { participation, registered, published, populations, counts, input, assessment, disclosure, totalShown } = scoreAgency(
      scoring,
      agency,
      ruleset,
      cycle,
      now,
    );
    const minimums = minimumsFor(populations, ruleset);

    const instruments = Object.fromEntries(
      INSTRUMENTS.map((instrument) => {
        const { opensAt, closesAt } = collectionWindow(cycle, instrument);
        // Decision: the forecast counts days left only while responses can still come in — the
        // survey is open, or its window has not opened yet (days left run to its close). Closed
        // by the agency, published, not registered, or its window closed: no days left, so below
        // the minimum it shows "missed" (closed below the minimum), at or above it "reached". A
        // closed window showed exactly this before (its negative days left counted as none).
        const state = collectionState(cycle, participation, instrument, now);
        const collecting = state === "open" || state === "not-yet-open";
        const minimum = minimums[instrument];
        const responses = counts[instrument];
        return [
          instrument,
          {
            responses,
            minimum,
            percent: minimum ? Math.round((responses / minimum) * 1000) / 10 : null,
            forecast: shortfallForecast({
              responses,
              minimum,
              recentResponses: recentOf.get(key(agency.id, instrument)) ?? 0,
              recentDays: recentPeriodDays(opensAt, now),
              daysLeft: collecting ? (closesAt.getTime() - now.getTime()) / DAY_MS : 0,
            }),
          },
        ];
      }),
    ) as Record<Instrument, InstrumentOverview>;

    const statuses = INSTRUMENTS.map((i) => instruments[i].forecast.status);
    const risk: AgencyRisk = !registered
      ? "not-registered"
      : statuses.includes("unknown")
        ? "no-population"
        : statuses.includes("missed")
          ? "missed"
          : statuses.includes("at-risk")
            ? "at-risk"
            : null;
    return {
      id: agency.id,
      slug: agency.slug,
      nameTh: agency.nameTh,
      nameEn: agency.nameEn,
      kind: agency.kind,
      provinceId: agency.provinceId,
      registered,
      published,
      instruments,
      risk,
      // Only once no instrument is still collecting (domain/disclosure.ts, decision 012).
      total: totalShown ? assessment.total : null,
      rating: totalShown ? assessment.rating : null,
      disclosure,
      processedParts: Object.values(assessment.parts).filter((part) => part.processed).length,
      input,
      assessment,
    };
  });
}

export type ProvinceTotals = {
  provinceId: string | null;
  agencies: number;
  registered: number;
  atRisk: number;
  /** agencies whose minimum is reached, per instrument */
  reached: Record<Instrument, number>;
  responses: Record<Instrument, number>;
};

/** Totals per province (central agencies under `null`), in the order the provinces first appear. */
export function provinceTotals(rows: AgencyOverview[]): ProvinceTotals[] {
  const byProvince = new Map<string | null, ProvinceTotals>();
  for (const row of rows) {
    const totals = byProvince.get(row.provinceId) ?? {
      provinceId: row.provinceId,
      agencies: 0,
      registered: 0,
      atRisk: 0,
      reached: { iit: 0, eit1: 0, eit2: 0 },
      responses: { iit: 0, eit1: 0, eit2: 0 },
    };
    totals.agencies++;
    if (row.registered) totals.registered++;
    if (row.risk) totals.atRisk++;
    for (const instrument of INSTRUMENTS) {
      const cell = row.instruments[instrument];
      totals.responses[instrument] += cell.responses;
      if (cell.forecast.status === "reached") totals.reached[instrument]++;
    }
    byProvince.set(row.provinceId, totals);
  }
  return [...byProvince.values()];
}

export function listProvinces(db: Db = prisma) {
  return db.province.findMany({ orderBy: { nameTh: "asc" }, select: { id: true, slug: true, code: true, nameTh: true, nameEn: true } });
}

// ───────────────────────── the national view's cache ─────────────────────────
// Scoring the whole nation takes 1–2 s (docs/benchmarks.md), too slow for every page view, and the
// figures only move every 5 responses per agency anyway. So the national rows are kept per process
// and refreshed in the background once older than a minute (stale-while-revalidate); the page says
// "as of". A province (≈ 150 agencies) is always computed fresh. docs/decisions/005-overview.md.
// What is not a response count is not left to that minute: a write to the cycle (windows, ruleset)
// or to its participation (an agency's survey closed, a publication, a registration) bumps the
// cycle's CacheVersion keys, and every instance drops its national rows for the cycle within one
// version poll (decision 019). A refresh that was running when they were dropped is not kept.

export const NATIONAL_FRESH_MS = 60_000;
const NATIONAL_STALE_LIMIT_MS = 10 * 60_000;

type CacheEntry = { computedAt: Date; rows: AgencyOverview[] };
type Slot = { entry?: CacheEntry; refreshing?: Promise<CacheEntry>; generation: number };
const globalForOverview = globalThis as unknown as { __itaOverview?: Map<string, Slot>; __itaOverviewListening?: boolean };
const nationalCache = (globalForOverview.__itaOverview ??= new Map());

/** Drop the national rows of `cycleId` (all cycles: null); a refresh under way is not kept. */
export function dropNationalOverview(cycleId: string | null) {
  for (const [id, slot] of nationalCache) {
    if (cycleId !== null && id !== cycleId) continue;
    slot.entry = undefined;
    slot.refreshing = undefined;
    slot.generation++;
  }
}

if (!globalForOverview.__itaOverviewListening) {
  globalForOverview.__itaOverviewListening = true;
  onCacheVersionChange((key) => {
    if (key === null) return dropNationalOverview(null);
    const [kind, cycleId] = key.split(":");
    if ((kind === "cycle" || kind === "participation") && cycleId) dropNationalOverview(cycleId);
  });
}

/** What the national cache holds for a cycle (tests, operators). */
export function nationalOverviewState(cycleId: string) {
  const slot = nationalCache.get(cycleId);
  return { cached: Boolean(slot?.entry), computedAt: slot?.entry?.computedAt ?? null };
}

function refreshNational(cycle: CycleLike, ruleset: Ruleset, db: Db): Promise<CacheEntry> {
  const slot: Slot = nationalCache.get(cycle.id) ?? { generation: 0 };
  nationalCache.set(cycle.id, slot);
  if (slot.refreshing) return slot.refreshing;
  const generation = slot.generation;
  const refreshing = (async () => {
    try {
      const computedAt = new Date();
      const entry = { computedAt, rows: await getCycleOverview({ all: true }, cycle, ruleset, computedAt, db) };
      // Dropped meanwhile (a bump): these rows may predate the change, so they are not kept.
      if (slot.generation === generation) slot.entry = entry;
      return entry;
    } finally {
      // Not dropped meanwhile: the refresh under way is still this one.
      if (slot.generation === generation) slot.refreshing = undefined;
    }
  })();
  slot.refreshing = refreshing;
  return refreshing;
}

/**
 * The overview rows for a scope. The nation comes from the cache (`fresh` forces a recompute);
 * a province or a list of agencies is computed now.
 */
export async function getOverview(
  scope: AgencyScope,
  cycle: CycleLike,
  ruleset: Ruleset,
  options: { fresh?: boolean; now?: Date; db?: Db } = {},
): Promise<CacheEntry> {
  const db = options.db ?? prisma;
  const now = options.now ?? new Date();
  if (!scope.all) return { computedAt: now, rows: await getCycleOverview(scope, cycle, ruleset, now, db) };
  const entry = nationalCache.get(cycle.id)?.entry;
  const age = entry ? now.getTime() - entry.computedAt.getTime() : Infinity;
  if (options.fresh || !entry || age > NATIONAL_STALE_LIMIT_MS) return refreshNational(cycle, ruleset, db);
  if (age > NATIONAL_FRESH_MS) {
    refreshNational(cycle, ruleset, db).catch((error: unknown) => console.error("[overview] refresh failed:", error instanceof Error ? error.message : error));
  }
  return entry;
}

/** Compute the national rows once at start-up, so the first assessor does not wait for them. */
export async function warmNationalOverview(db: Db = prisma) {
  const cycle = await getCurrentCycle(db);
  if (cycle) await refreshNational(cycle, getCycleRuleset(cycle), db);
}
