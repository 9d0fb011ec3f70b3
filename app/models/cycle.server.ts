import type { CycleWindows } from "~/domain/collection";
import { parseRuleset, type Ruleset } from "~/domain/ruleset";
import { directRead } from "~/db-direct.server";
import { prisma, type Db } from "~/db.server";
import { createHmac, randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret, randomId } from "~/utils/crypto.server";

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

/** The cycle shown by default: the newest fiscal year. */
export function getCurrentCycle(db: Db = prisma) {
  return db.cycle.findFirst({ orderBy: { fiscalYear: "desc" } });
}

// Keyed by the definition text itself: an imported definition of the same length (e.g. the
// official wording replacing the provisional one) must not be served from the cache.
const rulesetCache = new Map<string, Ruleset>();

/** The ruleset stored with a cycle, validated once per (cycle, definition) and cached. */
export function getCycleRuleset(cycle: { id: string; definitionJson: string }, now = Date.now()): Ruleset {
  let ruleset = rulesetCache.get(cycle.definitionJson);
  if (!ruleset) {
    const parsed = parseRuleset(JSON.parse(cycle.definitionJson));
    if (!parsed.ok) throw new Error(`Cycle ${cycle.id} has an invalid ruleset: ${parsed.errors.join("; ")}`);
    ruleset = parsed.ruleset;
    rulesetCache.set(cycle.definitionJson, ruleset);
  }
  // Every page that reads the cycle's text also tells the submit path (below) what is in force.
  const known = rulesetById.get(cycle.id);
  if (!known || known.ruleset !== ruleset) rulesetById.set(cycle.id, { ruleset, readAt: now });
  return ruleset;
}

// The submit hot path must not read the ~60 KB definition text on every request (it was 15 % of
// the server's CPU under load, docs/benchmarks.md): it asks by cycle id. The text is read again
// when the entry is older than a minute, and every page view above refreshes it, so a replaced
// definition is in force for submits within a minute (and after the first page showing it).
const RULESET_BY_ID_MAX_AGE_MS = 60_000;
const rulesetById = new Map<string, { ruleset: Ruleset; readAt: number }>();

/** The ruleset of cycle `cycleId` for the submit path; null when the cycle does not exist. */
export async function getCycleRulesetById(cycleId: string, now = Date.now()): Promise<Ruleset | null> {
  const known = rulesetById.get(cycleId);
  if (known && now - known.readAt < RULESET_BY_ID_MAX_AGE_MS) return known.ruleset;
  const [row] = await directRead('SELECT "definitionJson" FROM "Cycle" WHERE "id" = ?', [cycleId]);
  if (!row) return null;
  const ruleset = getCycleRuleset({ id: cycleId, definitionJson: String(row.definitionJson) }, now);
  rulesetById.set(cycleId, { ruleset, readAt: now });
  return ruleset;
}

const dedupeKeys = new Map<string, Buffer>();

/**
 * HMAC-SHA-256(cycle key, canonical contact): the EIT-1 de-duplication key. The cycle key is
 * random per cycle and destroyed after the appeal period, after which markers cannot be tested
 * against phone numbers any more (shared/security.md → PDPA).
 */
export function contactHashForCycle(cycle: { id: string; dedupeKeyEnc: string | null }, canonicalContact: string): string {
  let key = dedupeKeys.get(cycle.id);
  if (!key) {
    if (!cycle.dedupeKeyEnc) throw new Error(`Cycle ${cycle.id} has no de-duplication key (destroyed?)`);
    key = Buffer.from(decryptSecret("cycle-dedupe-key", cycle.dedupeKeyEnc), "base64url");
    dedupeKeys.set(cycle.id, key);
  }
  return createHmac("sha256", key).update(canonicalContact, "utf8").digest("hex");
}
