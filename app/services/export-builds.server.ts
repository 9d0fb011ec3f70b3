// Attack M8 (issue 19): 200 province XLSX exports, 32 at a time, made citizen pages take up to
// 4.3 s — every request built its own workbook, all at once, on the one event loop that also
// serves the surveys. Exports are now:
// - coalesced: requests for the same key (cycle, scope, format, data version, window states, day)
//   while one is being built wait for that build and share its bytes;
// - cached: the last result per key is kept EXPORT_CACHE_MS, within EXPORT_CACHE_BYTES in all
//   (oldest dropped first), so a burst of downloads after a change costs one build;
// - bounded: at most EXPORT_BUILDS_AT_ONCE export requests do their database work and building at
//   once (a cache hit too: see sharedExport); up to EXPORT_QUEUE_LIMIT more wait in arrival order;
//   beyond that the request is refused with ExportBusy (the route: 503 + Retry-After), so a flood
//   of exports queues instead of crowding out citizen pages.
// The semaphore is a few lines here rather than a package: p-limit is in node_modules only as
// another package's dependency (not ours to rely on) and has no "queue full, refuse" mode.
// State is per process; several instances each keep their own (a cache, not a record). Its key
// holds everything the file depends on, read fresh per request (data version, the cycle's windows
// and ruleset), so no instance serves a file older than a change made through another one.
// docs/decisions/016-export-flood.md.
import { buildExport, exportDataVersion, exportSheets, type ExportDocument, type ExportScope } from "~/models/export.server";
import type { Ruleset } from "~/domain/ruleset";
import { windowState } from "~/domain/collection";
import { bangkokDay } from "~/models/response.server";
import { sha256 } from "~/utils/crypto.server";
import { exportCsv, exportXlsxStream } from "./spreadsheet.server";

export type ExportFormat = "csv" | "xlsx" | "json";
type CycleLike = Parameters<typeof buildExport>[1];

export const EXPORT_BUILDS_AT_ONCE = 2;
export const EXPORT_QUEUE_LIMIT = 64;
export const EXPORT_CACHE_MS = 30_000;
export const EXPORT_CACHE_BYTES = 64 * 1024 * 1024;
export const EXPORT_BUSY_RETRY_SECONDS = 10;

/** The document's facts the response needs, and the file's bytes. */
export type BuiltExport = {
  body: Uint8Array<ArrayBuffer>;
  scope: string;
  fiscalYear: number;
  rulesVersion: string;
  sourceSha256: string;
  agencies: number;
};

export class ExportBusy extends Error {
  constructor() {
    super("export queue full");
  }
}

/** Counters for tests and benchmarks: builds started, builds and export requests running (and their most at once). */
export const exportBuildStats = { builds: 0, building: 0, maxBuilding: 0, running: 0, maxRunning: 0, cacheHits: 0, coalesced: 0 };

const inFlight = new Map<string, Promise<BuiltExport>>();
const cache = new Map<string, { built: BuiltExport; until: number }>();
let cachedBytes = 0;
const waiting: (() => void)[] = [];

/** Runs `work` within the bound (waiting its turn, or ExportBusy when the queue is full). */
export async function withExportBuildSlot<T>(work: () => Promise<T>): Promise<T> {
  if (exportBuildStats.running >= EXPORT_BUILDS_AT_ONCE) {
    if (waiting.length >= EXPORT_QUEUE_LIMIT) throw new ExportBusy();
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  exportBuildStats.running++;
  exportBuildStats.maxRunning = Math.max(exportBuildStats.maxRunning, exportBuildStats.running);
  try {
    return await work();
  } finally {
    exportBuildStats.running--;
    waiting.shift()?.();
  }
}

function remember(key: string, built: BuiltExport, now: number) {
  for (const [old, entry] of cache) if (entry.until <= now) forget(old);
  if (built.body.byteLength > EXPORT_CACHE_BYTES) return;
  forget(key);
  cache.set(key, { built, until: now + EXPORT_CACHE_MS });
  cachedBytes += built.body.byteLength;
  // Map order is insertion order: the oldest entries go first.
  for (const [old] of cache) {
    if (cachedBytes <= EXPORT_CACHE_BYTES) break;
    forget(old);
  }
}

function forget(key: string) {
  const entry = cache.get(key);
  if (!entry) return;
  cachedBytes -= entry.built.body.byteLength;
  cache.delete(key);
}

async function render(document: ExportDocument, format: ExportFormat, scope: ExportScope, ruleset: Ruleset): Promise<Uint8Array<ArrayBuffer>> {
  if (format === "json") {
    // One agency: exactly the scoring CLI's input (`npm run score < file`). More: a bundle of them.
    const body =
      scope.kind === "agency"
        ? document.agencies[0]?.input
        : {
            fiscalYear: document.fiscalYear,
            rulesVersion: document.rulesVersion,
            scope: document.scope,
            generatedAt: document.generatedAt,
            sourceSha256: document.sourceSha256,
            agencies: document.agencies,
          };
    return new TextEncoder().encode(`${JSON.stringify(body, null, 2)}\n`);
  }
  const sheets = exportSheets(ruleset, document);
  if (format === "csv") return new TextEncoder().encode(exportCsv(document, sheets));
  return new Uint8Array(await new Response(exportXlsxStream(document, sheets)).arrayBuffer());
}

/**
 * The export of `scope` in `format`: from the cache, from a build already running for the same
 * key, or built now. The whole request's database work (the data version, the build, and `record`,
 * the caller's audit row) runs within the bound: with SQLite every query of the process takes
 * turns on one connection, so even cache hits, 32 at a time, queued the citizens' queries behind
 * them. Throws ExportBusy when the queue is full.
 */
export function sharedExport(
  scope: ExportScope,
  format: ExportFormat,
  cycle: CycleLike & { id: string },
  ruleset: Ruleset,
  record: (built: BuiltExport) => Promise<unknown> = async () => undefined,
  now = new Date(),
): Promise<BuiltExport> {
  return withExportBuildSlot(async () => {
    const built = await exportFor(scope, format, cycle, ruleset, now);
    await record(built);
    return built;
  });
}

// A ruleset object is the cycle cache's, one per definition text: its hash is computed once.
const rulesetHashes = new WeakMap<Ruleset, string>();
function rulesetFingerprint(ruleset: Ruleset): string {
  let hash = rulesetHashes.get(ruleset);
  if (!hash) rulesetHashes.set(ruleset, (hash = sha256(JSON.stringify(ruleset))));
  return hash;
}

async function exportFor(scope: ExportScope, format: ExportFormat, cycle: CycleLike & { id: string }, ruleset: Ruleset, now: Date): Promise<BuiltExport> {
  const version = await exportDataVersion(scope, cycle.id);
  // Whether each window is open changes what is disclosed (decision 012); the day, the forecast's
  // recent days. Both are in the key, so a cached file never outlives them.
  const windows = (["iit", "eit1", "eit2"] as const).map((instrument) => windowState(cycle, instrument, now)).join(",");
  const scopeKey = scope.kind === "nation" ? "nation" : `${scope.kind}:${scope.kind === "province" ? scope.provinceId : scope.agencyId}`;
  // The cycle as the caller has just read it: a window moved (the forecast's days left) or a ruleset
  // replaced under the same rulesVersion, through any instance, is another key (decision 019).
  const cycleFacts = [cycle.iitOpensAt, cycle.iitClosesAt, cycle.eitOpensAt, cycle.eitClosesAt].map((date) => date.getTime()).join(",");
  const key = [cycle.id, cycle.rulesVersion, rulesetFingerprint(ruleset), cycleFacts, scopeKey, format, version, windows, bangkokDay(now)].join("|");

  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) {
    exportBuildStats.cacheHits++;
    return cached.built;
  }
  const running = inFlight.get(key);
  if (running) {
    exportBuildStats.coalesced++;
    return running;
  }
  const build = (async () => {
    exportBuildStats.builds++;
    exportBuildStats.building++;
    exportBuildStats.maxBuilding = Math.max(exportBuildStats.maxBuilding, exportBuildStats.building);
    try {
      const document = await buildExport(scope, cycle, ruleset, now);
      const built: BuiltExport = {
        body: await render(document, format, scope, ruleset),
        scope: document.scope,
        fiscalYear: document.fiscalYear,
        rulesVersion: document.rulesVersion,
        sourceSha256: document.sourceSha256,
        agencies: document.rows.length,
      };
      remember(key, built, Date.now());
      return built;
    } finally {
      exportBuildStats.building--;
    }
  })();
  inFlight.set(key, build);
  try {
    return await build;
  } finally {
    inFlight.delete(key);
  }
}

/** Tests: forget every cached export and reset the counters. */
export function resetExportBuilds() {
  cache.clear();
  cachedBytes = 0;
  Object.assign(exportBuildStats, { builds: 0, maxBuilding: 0, maxRunning: 0, cacheHits: 0, coalesced: 0 });
}
