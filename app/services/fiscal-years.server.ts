// Fiscal years: opening a year's cycle, its windows, its ruleset. The use cases the operator CLI
// (app/commands/cycle.ts, ruleset.ts) and the system administrator's pages (/admin/cycles) share.
// Every refusal is a FiscalYearRefusal with a "ไทย / English" message, thrown before anything is
// written; each change is one transaction with its audit row (target "cycle:<year>").
import { collectingPeriod, currentCycle, defaultWindows, windowState, type CycleWindows } from "~/domain/collection";
import {
  checkWindowChange,
  checkWindows,
  formatWindowRange,
  parseWindowRange,
  WINDOW_NAMES,
  windowOf,
  withWindows,
  type Window,
  type WindowName,
  type WindowProblem,
} from "~/domain/cycle-windows";
import { parseRuleset, type Ruleset } from "~/domain/ruleset";
import { diffRulesets, formatRulesetDiff, type RulesetChange } from "~/domain/ruleset-diff";
import { getBuiltinRuleset } from "~/domain/rulesets";
import { prisma, type Db } from "~/db.server";
import { registerAgenciesForCycle } from "~/models/agency.server";
import { recordAudit } from "~/models/audit.server";
import {
  countCycleMarkers,
  countCycleResponses,
  createCycle,
  forgetCycleContacts as forgetCycleContactsRows,
  getCycleByFiscalYear,
  getCycleRuleset,
  listActiveAgencyIds,
  listCyclePopulations,
  listCycles,
  replaceCycleRuleset,
  updateCycleWindows,
} from "~/models/cycle.server";
import { bothLangs, type CatalogueKey } from "~/utils/i18n.server";

/** A refused request: nothing was written. `status` is what a page answers (the CLI exits 2). */
export class FiscalYearRefusal extends Error {
  override name = "FiscalYearRefusal";
  constructor(
    message: string,
    readonly status: number = 400,
    /** The form field at fault, for pages. */
    readonly field?: string,
  ) {
    super(message);
  }
}

function refuse(key: CatalogueKey, vars?: Record<string, string | number>, status = 400, field?: string): never {
  throw new FiscalYearRefusal(bothLangs(key, vars), status, field);
}

const LABEL: Record<WindowName, string> = { iit: "IIT", eit: "EIT", oit: "OIT" };

export const MIN_FISCAL_YEAR = 2500;
export const MAX_FISCAL_YEAR = 2700;

function checkYear(year: number, field = "year") {
  if (!Number.isInteger(year) || year < MIN_FISCAL_YEAR || year > MAX_FISCAL_YEAR) refuse("years.error.year", undefined, 400, field);
}

/** Window text per window ("2027-03-01..2027-07-31"), as typed; a window left out is not changed. */
export type WindowTexts = Partial<Record<WindowName, string>>;

/** Read the operator's window texts; refuses with the window's name and what is wrong. */
export function parseWindowTexts(texts: WindowTexts): Partial<Record<WindowName, Window>> {
  const out: Partial<Record<WindowName, Window>> = {};
  for (const name of WINDOW_NAMES) {
    const text = texts[name];
    if (text === undefined || text === "") continue;
    const parsed = parseWindowRange(text);
    if (parsed.ok) out[name] = parsed.window;
    else if (parsed.problem === "format") refuse("years.error.windowFormat", { window: LABEL[name] }, 400, name);
    else if (parsed.problem === "date") refuse("years.error.windowDate", { window: LABEL[name], value: text }, 400, name);
    else refuse("years.error.closeBeforeOpen", { window: LABEL[name] }, 400, name);
  }
  return out;
}

function refuseProblems(problems: WindowProblem[]) {
  const problem = problems[0];
  if (!problem) return;
  if (problem.code === "close-before-open") refuse("years.error.closeBeforeOpen", { window: LABEL[problem.window] }, 400, problem.window);
  if (problem.code === "oit-ends-before-surveys") refuse("years.error.oitEndsBeforeSurveys", undefined, 400, "oit");
  refuse("years.error.closedMovedLater", { window: LABEL[problem.window] }, 409, problem.window);
}

/** The windows as the operator types them back (what cycle:create prints). */
export function describeWindows(windows: CycleWindows): Record<WindowName, string> {
  return {
    iit: formatWindowRange(windowOf(windows, "iit")),
    eit: formatWindowRange(windowOf(windows, "eit")),
    oit: formatWindowRange(windowOf(windows, "oit")),
  };
}

/** A ruleset file's text → a validated ruleset for `fiscalYear`, or a refusal naming the fault. */
export function readRulesetText(text: string, fiscalYear: number): Ruleset {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    refuse("years.error.rulesetJson", { detail: error instanceof Error ? error.message : String(error) }, 400, "ruleset");
  }
  const parsed = parseRuleset(json);
  if (!parsed.ok) refuse("years.error.rulesetInvalid", { errors: parsed.errors.slice(0, 5).join("; ") }, 400, "ruleset");
  // The ruleset is this year's from now on, whatever year the file was written for.
  return { ...parsed.ruleset, meta: { ...parsed.ruleset.meta, fiscalYear } };
}

/** The ruleset of fiscal year `year`: its cycle's, else the one shipped with the app (2568). */
async function rulesetOfYear(year: number, db: Db): Promise<Ruleset | null> {
  const cycle = await getCycleByFiscalYear(year, db);
  if (cycle) return getCycleRuleset(cycle);
  return getBuiltinRuleset(year) ?? null;
}

export type CreateFiscalYearInput = {
  fiscalYear: number;
  /** Exactly one: copy the ruleset of that year, or this JSON text (a ruleset file). */
  copyRulesetFrom?: number;
  rulesetText?: string;
  windows?: WindowTexts;
  /** Carry each agency's populations over from that year's cycle. */
  populationsFrom?: number;
  actorId?: string | null;
  via: "cli" | "web";
};

/**
 * Open a fiscal year: its cycle (ruleset frozen in with meta.fiscalYear = the year; windows from
 * defaultWindows(year) unless given) and every active agency registered for it, in one
 * transaction with its audit row.
 */
export async function createFiscalYear(input: CreateFiscalYearInput, db: Db = prisma) {
  checkYear(input.fiscalYear);
  if ((input.copyRulesetFrom === undefined) === (input.rulesetText === undefined)) refuse("years.error.rulesetSource", undefined, 400, "ruleset");
  const windows = withWindows(defaultWindows(input.fiscalYear), parseWindowTexts(input.windows ?? {}));
  refuseProblems(checkWindows(windows));
  if (await getCycleByFiscalYear(input.fiscalYear, db)) refuse("years.error.yearExists", { year: input.fiscalYear }, 409, "year");

  let ruleset: Ruleset;
  if (input.copyRulesetFrom !== undefined) {
    const source = await rulesetOfYear(input.copyRulesetFrom, db);
    if (!source) refuse("years.error.noRulesetSource", { year: input.copyRulesetFrom }, 404, "copyFrom");
    ruleset = { ...source, meta: { ...source.meta, fiscalYear: input.fiscalYear } };
  } else {
    ruleset = readRulesetText(input.rulesetText!, input.fiscalYear);
  }

  let populations = new Map<string, { internalPopulation: number | null; externalPopulation: number | null }>();
  if (input.populationsFrom !== undefined) {
    const from = await getCycleByFiscalYear(input.populationsFrom, db);
    if (!from) refuse("years.error.populationsFrom", { year: input.populationsFrom }, 404, "populationsFrom");
    populations = new Map((await listCyclePopulations(from.id, db)).map(({ agencyId, ...rest }) => [agencyId, rest]));
  }

  return db.$transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const cycle = await createCycle(ruleset, windows, tx);
    const agencies = await listActiveAgencyIds(tx);
    const entries = agencies.map(({ id }) => ({ agencyId: id, ...(populations.get(id) ?? {}) }));
    const registered = await registerAgenciesForCycle(cycle.id, entries, tx);
    const carried = entries.filter((entry) => populations.has(entry.agencyId)).length;
    await recordAudit(
      {
        action: "cycle.create",
        outcome: "ok",
        actorId: input.actorId ?? null,
        target: `cycle:${input.fiscalYear}`,
        detail: {
          via: input.via,
          rulesVersion: ruleset.meta.rulesVersion,
          rulesetFrom: input.copyRulesetFrom ?? "file",
          windows: describeWindows(windows),
          registered: registered.added,
          populationsFrom: input.populationsFrom ?? null,
          populationsCarried: carried,
        },
      },
      tx,
    );
    return {
      fiscalYear: cycle.fiscalYear,
      rulesVersion: cycle.rulesVersion,
      windows: describeWindows(windows),
      registered: registered.added,
      populationsCarried: carried,
    };
  });
}

/** Where a cycle stands today, for lists: before its first window, collecting, or after its last. */
export function cycleStateAt(cycle: CycleWindows, now: Date): "preparing" | "collecting" | "closed" {
  const { opensAt, closesAt } = collectingPeriod(cycle);
  if (now < opensAt) return "preparing";
  return now < closesAt ? "collecting" : "closed";
}

/** Every cycle with its windows, state today, registrations and responses (cycle:list, /admin/cycles). */
export async function listFiscalYears(now: Date = new Date(), db: Db = prisma) {
  const cycles = await listCycles(db);
  const current = currentCycle(cycles, now);
  return cycles.map((cycle) => ({
    fiscalYear: cycle.fiscalYear,
    rulesVersion: cycle.rulesVersion,
    windows: describeWindows(cycle),
    state: cycleStateAt(cycle, now),
    surveys: { iit: windowState(cycle, "iit", now), eit: windowState(cycle, "eit1", now) },
    current: cycle.id === current?.id,
    agenciesRegistered: cycle.agenciesRegistered,
    responses: cycle.responses,
  }));
}

async function requireFiscalYear(fiscalYear: number, db: Db) {
  checkYear(fiscalYear);
  const cycle = await getCycleByFiscalYear(fiscalYear, db);
  if (!cycle) refuse("years.error.noCycle", { year: fiscalYear }, 404, "year");
  return cycle;
}

/**
 * Change some of a cycle's windows. Refused (decision 012) when a window that has closed would
 * close later or reopen, when one would close before it opens, and when the OIT would end before
 * the surveys.
 */
export async function setCycleWindows(
  input: { fiscalYear: number; windows: WindowTexts; actorId?: string | null; via: "cli" | "web" },
  now: Date = new Date(),
  db: Db = prisma,
) {
  const changes = parseWindowTexts(input.windows);
  const cycle = await requireFiscalYear(input.fiscalYear, db);
  const proposed = withWindows(cycle, changes);
  refuseProblems(checkWindowChange(cycle, proposed, now));
  const before = describeWindows(cycle);
  const after = describeWindows(proposed);
  await db.$transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await updateCycleWindows(cycle.id, proposed, tx);
    await recordAudit(
      {
        action: "cycle.windows",
        outcome: "ok",
        actorId: input.actorId ?? null,
        target: `cycle:${cycle.fiscalYear}`,
        detail: { via: input.via, before, after },
      },
      tx,
    );
  });
  return { fiscalYear: cycle.fiscalYear, before, windows: after };
}

/**
 * After the appeal period (shared/security.md → PDPA): delete the cycle's EIT-1 markers and destroy its
 * key, with an audit row, in one transaction. Refused while EIT part 1 may still collect (the markers
 * are what keeps one answer per number). Irreversible, so without `confirm` it only says what it would
 * do. The appeal period's end is not in our data (the NACC sets it), so the operator decides when.
 */
export async function forgetCycleContacts(
  input: { fiscalYear: number; confirm: boolean; actorId?: string | null; via: "cli" | "web" },
  now: Date = new Date(),
  db: Db = prisma,
) {
  const cycle = await requireFiscalYear(input.fiscalYear, db);
  if (windowState(cycle, "eit1", now) !== "closed-window") refuse("years.error.forgetWhileEitOpen", { year: cycle.fiscalYear }, 409);
  const markers = await countCycleMarkers(cycle.id, db);
  const keyPresent = cycle.dedupeKeyEnc !== null;
  if (!input.confirm) return { fiscalYear: cycle.fiscalYear, done: false, markers, keyPresent };
  const forgotten = await db.$transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const result = await forgetCycleContactsRows(cycle.id, now, tx);
    await recordAudit(
      {
        action: "cycle.contacts-forgotten",
        outcome: "ok",
        actorId: input.actorId ?? null,
        target: `cycle:${cycle.fiscalYear}`,
        detail: { via: input.via, ...result },
      },
      tx,
    );
    return result;
  });
  return { fiscalYear: cycle.fiscalYear, done: true, markers: forgotten.markersDeleted, keyPresent: forgotten.keyDestroyed };
}

/** A cycle's ruleset as JSON text (ruleset:export), with an audit row. */
export async function exportRuleset(input: { fiscalYear: number; actorId?: string | null; via: "cli" | "web" }, db: Db = prisma) {
  const cycle = await requireFiscalYear(input.fiscalYear, db);
  const ruleset = getCycleRuleset(cycle);
  await recordAudit(
    { action: "ruleset.export", outcome: "ok", actorId: input.actorId ?? null, target: `cycle:${cycle.fiscalYear}`, detail: { via: input.via } },
    db,
  );
  return `${JSON.stringify(ruleset, null, 2)}\n`;
}

/**
 * Replace a cycle's ruleset with a file's (ruleset:import): validated by parseRuleset, its
 * meta.fiscalYear set to the cycle's, refused once the cycle has a response (its answers were
 * given to the old wording and scored by the old options). Returns the diff against the current
 * ruleset; `dryRun` writes nothing at all.
 */
export async function importRuleset(
  input: { fiscalYear: number; rulesetText: string; dryRun?: boolean; actorId?: string | null; via: "cli" | "web" },
  db: Db = prisma,
): Promise<{ fiscalYear: number; dryRun: boolean; changes: RulesetChange[]; diff: string[]; rulesVersion: string }> {
  const cycle = await requireFiscalYear(input.fiscalYear, db);
  const ruleset = readRulesetText(input.rulesetText, cycle.fiscalYear);
  const responses = await countCycleResponses(cycle.id, db);
  if (responses > 0) refuse("years.error.hasResponses", { year: cycle.fiscalYear, responses }, 409, "year");
  const changes = diffRulesets(getCycleRuleset(cycle), ruleset);
  const result = {
    fiscalYear: cycle.fiscalYear,
    dryRun: Boolean(input.dryRun),
    changes,
    diff: formatRulesetDiff(changes),
    rulesVersion: ruleset.meta.rulesVersion,
  };
  if (input.dryRun) return result;
  await db.$transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    // Again inside the transaction: a response that arrived since the check wins.
    const now = await countCycleResponses(cycle.id, tx);
    if (now > 0) refuse("years.error.hasResponses", { year: cycle.fiscalYear, responses: now }, 409, "year");
    await replaceCycleRuleset(cycle.id, ruleset, tx);
    await recordAudit(
      {
        action: "ruleset.import",
        outcome: "ok",
        actorId: input.actorId ?? null,
        target: `cycle:${cycle.fiscalYear}`,
        detail: { via: input.via, rulesVersion: ruleset.meta.rulesVersion, changes: changes.length },
      },
      tx,
    );
  });
  return result;
}
