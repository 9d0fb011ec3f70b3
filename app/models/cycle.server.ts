import { currentCycle, type CycleWindows } from "~/domain/collection";
import { parseRuleset, type Ruleset } from "~/domain/ruleset";
import { directRead } from "~/db-direct.server";
import { prisma, type Db } from "~/db.server";
import { createHmac, randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret, randomId, sha256 } from "~/utils/crypto.server";
import { cycleKey, onCacheVersionChange, writeWithVersions } from "./cache-version.server";

/** Create a fiscal year's cycle with its ruleset frozen in, and a fresh de-duplication key. */
export async function createCycle(ruleset: Ruleset, windows: CycleWindows, db: Db = prisma) {
  return db.cycle.create({
    data: {
      id: randomId(),
      fiscalYear: ruleset.meta.fiscalYear,
      rulesVersion: ruleset.meta.rulesVersion,
      definitionJson: JSON.stringify(ruleset),
      ...windows,
      // HMAC key for EIT-1 markers; destroyed after the appeal period (shared/security.md → PDPA).
      dedupeKeyEnc: encryptSecret("cycle-dedupe-key", randomBytes(32).toString("base64url")),
    },
  });
}

export function getCycleByFiscalYear(fiscalYear: number, db: Db = prisma) {
  return db.cycle.findUnique({ where: { fiscalYear } });
}

/**
 * The cycle shown by default and answered by respondents: the one whose windows contain `now`,
 * else the newest fiscal year (currentCycle in app/domain/collection.ts). Reads the few cycles'
 * dates, then the one row.
 */
export async function getCurrentCycle(db: Db = prisma, now: Date = new Date()) {
  const dated = await db.cycle.findMany({ select: CYCLE_DATES });
  const chosen = currentCycle(dated, now);
  return chosen ? db.cycle.findUnique({ where: { id: chosen.id } }) : null;
}

const CYCLE_DATES = {
  id: true,
  fiscalYear: true,
  iitOpensAt: true,
  iitClosesAt: true,
  eitOpensAt: true,
  eitClosesAt: true,
  oitOpensAt: true,
  oitClosesAt: true,
} as const;

// ───────────────────────── the one cycle cache ─────────────────────────
// What this process keeps about a cycle, in ONE place, keyed by cycle id:
//  - the ruleset, validated once per (cycle, definition), with the cycle's CacheVersion (019) it
//    was read at when known;
//  - the de-duplication key, decrypted once (decision 004);
//  - the cycle row last shown by a survey page: what the page renders from while the database is
//    unreachable (services/survey-guard.server.ts), one shared object per cycle (its text is large).
// Freshness: every write to a cycle bumps its version `cycle:<id>` in the same transaction
// (updateCycleWindows, replaceCycleRuleset, forgetCycleContacts below). This process drops the entry
// at once; every other instance when its poll sees the new version (models/cache-version.server.ts,
// within CACHE_POLL_MS). A caller holding a row it has just read is always checked against it (a
// different definition or key replaces the entry's at once). The submit hot path reads the
// cycle's version with the session (one query it makes anyway) and re-reads the definition text
// only when the version differs from the entry's (decision 006: no extra query while it matches);
// its transaction checks that version again before it commits.

type CycleRow = NonNullable<Awaited<ReturnType<typeof getCurrentCycle>>>;

type CycleEntry = {
  definition?: { sha256: string; text: string; ruleset: Ruleset; version: number | null };
  dedupeKey?: { enc: string; key: Buffer };
  shown?: CycleRow;
};

const cycles = new Map<string, CycleEntry>();

// Another instance changed a cycle (or this process started polling): forget it here too.
onCacheVersionChange((key) => {
  if (key === null) for (const id of [...cycles.keys()]) invalidateCycle(id);
  else if (key.startsWith("cycle:")) invalidateCycle(key.slice("cycle:".length));
});

function entryOf(cycleId: string): CycleEntry {
  let entry = cycles.get(cycleId);
  if (!entry) cycles.set(cycleId, (entry = {}));
  return entry;
}

function forgetKey(entry: CycleEntry) {
  entry.dedupeKey?.key.fill(0);
  entry.dedupeKey = undefined;
}

/** Forget everything this process keeps about a cycle (the writes below and the version poll call it). */
export function invalidateCycle(cycleId: string) {
  const entry = cycles.get(cycleId);
  if (entry) forgetKey(entry);
  cycles.delete(cycleId);
}

/** What the cache holds for a cycle (tests, operators): never the key itself. */
export function cycleCacheState(cycleId: string) {
  const entry = cycles.get(cycleId);
  if (!entry) return null;
  return {
    definitionSha256: entry.definition?.sha256 ?? null,
    version: entry.definition?.version ?? null,
    hasKey: Boolean(entry.dedupeKey),
    hasShownRow: Boolean(entry.shown),
  };
}

/** Parse `text` as cycle `cycleId`'s definition into its entry (a new definition: a new entry). */
function rememberDefinition(cycleId: string, text: string, version: number | null): Ruleset {
  const entry = entryOf(cycleId);
  const hash = entry.definition?.text === text ? entry.definition.sha256 : sha256(text);
  if (entry.definition?.sha256 === hash) {
    if (version !== null) entry.definition.version = version;
    return entry.definition.ruleset;
  }
  const parsed = parseRuleset(JSON.parse(text));
  if (!parsed.ok) throw new Error(`Cycle ${cycleId} has an invalid ruleset: ${parsed.errors.join("; ")}`);
  // Another definition: what was kept for the old one (its shown row) goes with it.
  cycles.set(cycleId, { definition: { sha256: hash, text, ruleset: parsed.ruleset, version }, dedupeKey: entry.dedupeKey });
  return parsed.ruleset;
}

/** The ruleset stored with a cycle, validated once per (cycle, definition) and cached. */
export function getCycleRuleset(cycle: { id: string; definitionJson: string }): Ruleset {
  // Every page that reads the cycle's text also tells the submit path (below) what is in force.
  return rememberDefinition(cycle.id, cycle.definitionJson, null);
}

/** The SHA-256 of a cycle's definition text (cached with its ruleset): an export's key. */
export function cycleDefinitionSha256(cycle: { id: string; definitionJson: string }): string {
  getCycleRuleset(cycle);
  return cycles.get(cycle.id)!.definition!.sha256;
}

/**
 * The ruleset of cycle `cycleId` at version `version` (the cycle's CacheVersion, read by the caller
 * with the session) for the submit path; null when the cycle does not exist. The submit hot path
 * must not read the ~60 KB definition text on every request (it was 15 % of the server's CPU under
 * load, docs/benchmarks.md): it is read again only when the entry's version is not `version`. The
 * version returned is the one the text was read at: the submit's transaction checks it again.
 */
export async function getCycleRulesetAt(cycleId: string, version: number): Promise<{ ruleset: Ruleset; version: number } | null> {
  const known = cycles.get(cycleId)?.definition;
  if (known && known.version === version) return { ruleset: known.ruleset, version };
  // The text and its version in one statement: one snapshot, so they belong together.
  const [row] = await directRead(
    `SELECT c."definitionJson", COALESCE(v."version", 0) AS "version" FROM "Cycle" c LEFT JOIN "CacheVersion" v ON v."key" = ? WHERE c."id" = ?`,
    [cycleKey(cycleId), cycleId],
  );
  if (!row) return null;
  const read = Number(row.version);
  return { ruleset: rememberDefinition(cycleId, String(row.definitionJson), read), version: read };
}

/**
 * The cycle row a survey page was shown with, as one shared object per cycle and without the
 * encrypted de-duplication key (rendering never needs it; a destroyed key must not live on in
 * remembered pages). Replaced when the row read differs from the one kept.
 */
export function shownCycle(cycle: CycleRow): CycleRow {
  const entry = entryOf(cycle.id);
  const kept = entry.shown;
  const same =
    kept &&
    (Object.keys(cycle) as (keyof CycleRow)[]).every((field) => {
      if (field === "dedupeKeyEnc") return true;
      const a = kept[field];
      const b = cycle[field];
      return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
    });
  if (!same) entry.shown = { ...cycle, dedupeKeyEnc: null };
  return entry.shown!;
}

/**
 * HMAC-SHA-256(cycle key, canonical contact): the EIT-1 de-duplication key. The cycle key is
 * random per cycle and destroyed after the appeal period, after which markers cannot be tested
 * against phone numbers any more (shared/security.md → PDPA). The row the caller has just read
 * decides: a key destroyed elsewhere (the operator CLI) is forgotten here at its next use.
 */
export function contactHashForCycle(cycle: { id: string; dedupeKeyEnc: string | null }, canonicalContact: string): string {
  const entry = cycles.get(cycle.id);
  if (!cycle.dedupeKeyEnc) {
    if (entry) forgetKey(entry);
    throw new Error(`Cycle ${cycle.id} has no de-duplication key (destroyed?)`);
  }
  let key = entry?.dedupeKey?.enc === cycle.dedupeKeyEnc ? entry.dedupeKey.key : null;
  if (!key) {
    key = Buffer.from(decryptSecret("cycle-dedupe-key", cycle.dedupeKeyEnc), "base64url");
    entryOf(cycle.id).dedupeKey = { enc: cycle.dedupeKeyEnc, key };
  }
  return createHmac("sha256", key).update(canonicalContact, "utf8").digest("hex");
}

/**
 * Forget the cycle's contacts (shared/security.md → PDPA, after the appeal period): delete every EIT-1
 * de-duplication marker and destroy the key, in one transaction, so neither a marker nor the means to
 * test one against a phone number outlives it. This process forgets its decrypted copy at once; every
 * other instance within one version poll (decision 019). `keyDestroyed` is false when the key was
 * already gone (a second run deletes only markers a first run could not have missed: none).
 */
export async function forgetCycleContacts(cycleId: string, now = new Date(), db: Db = prisma) {
  const [markers, key] = await writeWithVersions(
    [cycleKey(cycleId)],
    async (tx) => [
      await tx.eitContactMarker.deleteMany({ where: { cycleId } }),
      await tx.cycle.updateMany({ where: { id: cycleId, dedupeKeyEnc: { not: null } }, data: { dedupeKeyEnc: null, dedupeKeyDestroyedAt: now } }),
    ],
    db,
  );
  invalidateCycle(cycleId);
  return { markersDeleted: markers.count, keyDestroyed: key.count === 1 };
}

/** How many EIT-1 markers a cycle still holds (what cycle:forget-contacts would delete). */
export async function countCycleMarkers(cycleId: string, db: Db = prisma) {
  return db.eitContactMarker.count({ where: { cycleId } });
}

// ───────────────────────── fiscal years (cycle:*, ruleset:*, /admin/cycles) ─────────────────────────

/** Every cycle, newest first, without its definition text: what /admin/cycles and cycle:list show. */
export async function listCycles(db: Db = prisma) {
  const [cycles, registered, responses] = await Promise.all([
    db.cycle.findMany({ select: { ...CYCLE_DATES, rulesVersion: true, createdAt: true }, orderBy: { fiscalYear: "desc" } }),
    db.agencyCycle.groupBy({ by: ["cycleId"], where: { registered: true }, _count: { _all: true } }),
    db.responseTally.groupBy({ by: ["cycleId"], _sum: { responses: true } }),
  ]);
  const registeredBy = new Map(registered.map((row) => [row.cycleId, row._count._all]));
  const responsesBy = new Map(responses.map((row) => [row.cycleId, row._sum.responses ?? 0]));
  return cycles.map((cycle) => ({ ...cycle, agenciesRegistered: registeredBy.get(cycle.id) ?? 0, responses: responsesBy.get(cycle.id) ?? 0 }));
}

/** The fiscal years that have a cycle, newest first (the year switcher). */
export async function listCycleYears(db: Db = prisma) {
  return (await db.cycle.findMany({ select: { fiscalYear: true }, orderBy: { fiscalYear: "desc" } })).map((row) => row.fiscalYear);
}

/** Responses the cycle has collected, from its running tallies (no response scan). */
export async function countCycleResponses(cycleId: string, db: Db = prisma) {
  const sum = await db.responseTally.aggregate({ where: { cycleId }, _sum: { responses: true } });
  return sum._sum.responses ?? 0;
}

/** The agencies a new cycle registers: every active one (not deactivated in the register). */
export function listActiveAgencyIds(db: Db = prisma) {
  return db.agency.findMany({ where: { deactivatedAt: null }, select: { id: true }, orderBy: { id: "asc" } });
}

/** Each agency's populations in a cycle (carried over into a new one with --populations-from). */
export function listCyclePopulations(cycleId: string, db: Db = prisma) {
  return db.agencyCycle.findMany({ where: { cycleId }, select: { agencyId: true, internalPopulation: true, externalPopulation: true } });
}

/** Change a cycle's windows (checked by the caller: app/domain/cycle-windows.ts); the cache forgets the old row. */
export async function updateCycleWindows(cycleId: string, windows: CycleWindows, db: Db = prisma) {
  const updated = await writeWithVersions([cycleKey(cycleId)], (tx) => tx.cycle.update({ where: { id: cycleId }, data: windows }), db);
  invalidateCycle(cycleId);
  return updated;
}

/** Replace a cycle's ruleset (validated by the caller; refused once it has responses); the cache forgets the old one. */
export async function replaceCycleRuleset(cycleId: string, ruleset: Ruleset, db: Db = prisma) {
  const updated = await writeWithVersions(
    [cycleKey(cycleId)],
    (tx) => tx.cycle.update({ where: { id: cycleId }, data: { rulesVersion: ruleset.meta.rulesVersion, definitionJson: JSON.stringify(ruleset) } }),
    db,
  );
  invalidateCycle(cycleId);
  return updated;
}

/** The cycle of the latest fiscal year before `fiscalYear` (the results page's year-on-year). */
export function getPreviousCycle(fiscalYear: number, db: Db = prisma) {
  return db.cycle.findFirst({ where: { fiscalYear: { lt: fiscalYear } }, orderBy: { fiscalYear: "desc" } });
}
