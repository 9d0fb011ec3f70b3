// Linkage red-team (issue 8; shared/security.md → Anonymity; docs/decisions/002). 200 submissions
// in a known order, IIT by access code and EIT-1 by phone + OTP, through the real route actions.
// Each one's answers carry a secret code, so the test knows which submission wrote which Response
// row. Then it takes what an attacker would hold — a copy of the SQLite file and its WAL (parsed
// raw, page by page), or a pg_dump plus superuser SQL on the live PostgreSQL database (ctid, xmin,
// xmax, pageinspect, pg_wal) — and tries to recover the order of the responses and to link EIT-1
// responses to phones:
//   (a) order: Spearman's rho between the true order and every ordering of Response rows the
//       attacker can get (scan order, rowid, file offset, position inside a page, ctid, xmin,
//       dump order, every column, dead tally row versions diffed back into single responses);
//   (b) phones: EIT-1 responses paired with OTP challenges (by time) or markers by position, and
//       joined on transaction ids with markers and dead session tuples;
//   (c) every attribute of every other table (hidden ones too) joined 1:1 on a response's id,
//       answers or xmin; the WAL's transactions (SQLite: page images diffed; PostgreSQL: records).
// Thresholds are chance levels with a false alarm rate of 1e-5 per figure (linkage-attacks.ts).
// Controls show each attack finds the order where it is there: before reshuffleAnonymousRows()
// (PostgreSQL: ctid, xmin, dump; SQLite: positions inside pages), and for the submissions made
// after it (the window until the next one). Figures are printed one per line ("linkage|…") for
// docs/benchmarks.md.
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbTarget, prisma } from "~/db.server";
import { reshuffleAnonymousRows } from "~/models/anonymity.server";
import { contactHashForCycle } from "~/models/cycle.server";
import { otpFormToken } from "~/models/otp.server";
import * as eitEligibility from "~/routes/e.$slug.eligibility";
import * as eitLanding from "~/routes/e.$slug._index";
import * as eitSurvey from "~/routes/e.$slug.survey";
import * as eitVerify from "~/routes/e.$slug.verify";
import * as iitCode from "~/routes/iit._index";
import * as iitEligibility from "~/routes/iit.eligibility";
import * as iitSurvey from "~/routes/iit.survey";
import { parseContact } from "~/utils/contact";
import { sha256 } from "~/utils/crypto.server";
import { readOutbox } from "../fixtures/outbox";
import { surveyCookie } from "~/services/survey-cookies.server";
import { CookieJar, registeredAgency } from "../fixtures/db";
import { type ActionFn, type Called, EIT_KEYS, EIT_PASS, IIT_KEYS, IIT_PASS, invoke, nextAddress, nextPhone, ORIGIN } from "./harness";
import {
  copyBlocks,
  criticalRho,
  groupedKendall,
  type Key,
  MAX_CHANCE_MATCHES,
  newCellsAttack,
  positionalMatches,
  spearman,
  sqliteCells,
  walFrames,
  walInsertions,
  Z_CRIT,
} from "./linkage-attacks";

const N = 200;
/** Submissions after the reshuffle: what the next copy holds before the next reshuffle. */
const LATER = 30;
const provider = dbTarget.provider;

// ───────────── the submissions ─────────────

type Instrument = "iit" | "eit1";
type Submission = {
  index: number;
  instrument: Instrument;
  phone: string | null;
  contactHash: string | null;
  /** SHA-256 of the survey cookie's token: the SurveySession id. */
  sessionId: string;
  /** When the thank-you redirect came back (ms since the epoch). */
  at: number;
};

// Which submission wrote a row is hidden in its answers as code = SECRET[index], in mixed radix
// over the first answer keys; the rest are random. A random code keeps the answers column itself
// uncorrelated with the order (else sorting by answers would "find" the test's own encoding).
const SECRET = shuffled(Array.from({ length: N + LATER }, (_, i) => i));
const INDEX_OF_CODE = new Map(SECRET.map((code, index) => [code, index]));

function shuffled<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

function answersFor(instrument: Instrument, index: number): Record<string, string> {
  const keys = instrument === "iit" ? IIT_KEYS : EIT_KEYS;
  let rest = SECRET[index];
  let capacity = 1;
  const fields: Record<string, string> = {};
  for (const { key, options } of keys) {
    if (capacity < N + LATER) {
      fields[key] = String(rest % options);
      rest = Math.floor(rest / options);
      capacity *= options;
    } else fields[key] = String(randomInt(options));
  }
  return fields;
}

/** The submission index a stored answers JSON encodes. */
function indexOfAnswers(instrument: string, answers: string): number {
  const stored = JSON.parse(answers) as Record<string, number>;
  const keys = instrument === "iit" ? IIT_KEYS : EIT_KEYS;
  let code = 0;
  let weight = 1;
  for (const { key, options } of keys) {
    if (weight >= N + LATER) break;
    code += stored[key] * weight;
    weight *= options;
  }
  const index = INDEX_OF_CODE.get(code);
  if (index === undefined) throw new Error(`answers ${answers} decode to no submission`);
  return index;
}

type RouteModule = { action?: unknown; loader?: unknown };

async function call(
  route: RouteModule,
  kind: "action" | "loader",
  url: string,
  jar: CookieJar,
  params: Record<string, string>,
  address: string,
  fields?: Record<string, string>,
) {
  const fn = route[kind] as ActionFn;
  const request =
    kind === "action"
      ? new Request(`${ORIGIN}${url}`, {
          method: "POST",
          body: new URLSearchParams(fields),
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header(), "Sec-Fetch-Site": "same-origin" },
        })
      : new Request(`${ORIGIN}${url}`, { headers: { Cookie: jar.header() } });
  const called = await invoke(fn, request, params, address);
  if (called.error) throw called.error;
  jar.absorb(new Response(null, { headers: called.headers }));
  return called;
}

function expectRedirect(called: Called, to: string, step: string) {
  if (called.status !== 302 || called.location !== to) {
    throw new Error(`${step}: expected 302 → ${to}, got ${called.status} ${called.location ?? ""} ${JSON.stringify(called.body).slice(0, 200)}`);
  }
}

/** Loader → submission key → submit; returns the survey session id the cookie named. */
async function answerSurvey(
  jar: CookieJar,
  survey: RouteModule,
  base: string,
  params: Record<string, string>,
  address: string,
  fields: Record<string, string>,
) {
  const token = await surveyCookie.parse(jar.header());
  if (typeof token !== "string") throw new Error("no survey cookie");
  const page = await call(survey, "loader", `${base}/survey`, jar, params, address);
  const { submissionKey } = page.body as { submissionKey: string };
  const submitted = await call(survey, "action", `${base}/survey`, jar, params, address, { submissionKey, ...fields });
  expectRedirect(submitted, `${base}/thanks`, "survey submit");
  return sha256(token);
}

let fx: Awaited<ReturnType<typeof registeredAgency>>;
const submissions: Submission[] = [];

async function submitIit(index: number): Promise<Submission> {
  const jar = new CookieJar();
  const address = nextAddress();
  expectRedirect(await call(iitCode, "action", "/iit?index", jar, {}, address, { code: fx.iitCode }), "/iit/eligibility", "IIT code");
  expectRedirect(await call(iitEligibility, "action", "/iit/eligibility", jar, {}, address, IIT_PASS), "/iit/survey", "IIT eligibility");
  const sessionId = await answerSurvey(jar, iitSurvey, "/iit", {}, address, answersFor("iit", index));
  return { index, instrument: "iit", phone: null, contactHash: null, sessionId, at: Date.now() };
}

async function submitEit(index: number): Promise<Submission> {
  const jar = new CookieJar();
  const address = nextAddress();
  const slug = fx.agency.slug;
  const base = `/e/${slug}`;
  const phone = nextPhone();
  const contact = parseContact(phone, { allowEmail: false });
  if (!contact.ok) throw new Error(`test phone ${phone} rejected`);
  expectRedirect(
    await call(eitLanding, "action", `${base}?index`, jar, { slug }, address, { contact: phone, counter: "", formToken: otpFormToken(fx.agency.id) }),
    `${base}/verify`,
    "EIT phone",
  );
  // The console transport's outbox (what /dev/outbox shows), newest first.
  const sent = (await readOutbox())[0];
  const code = sent?.to === contact.contact.masked ? /^(\d{6})\b/.exec(sent.text)?.[1] : undefined;
  if (!code) throw new Error(`no OTP in the outbox for ${contact.contact.masked}`);
  expectRedirect(await call(eitVerify, "action", `${base}/verify`, jar, { slug }, address, { code }), `${base}/eligibility`, "EIT verify");
  expectRedirect(await call(eitEligibility, "action", `${base}/eligibility`, jar, { slug }, address, EIT_PASS), `${base}/survey`, "EIT eligibility");
  const sessionId = await answerSurvey(jar, eitSurvey, base, { slug }, address, answersFor("eit1", index));
  return { index, instrument: "eit1", phone, contactHash: contactHashForCycle(fx.cycle, contact.contact.canonical), sessionId, at: Date.now() };
}

// ───────────── what the attacker sees, and the attacks ─────────────

/** A row as the attacker holds it: its columns and whatever else orders it (scan position, ctid…). */
type Row = Record<string, Key>;
type View = {
  label: string;
  /** Response rows; attributes in parentheses are not columns (positions, offsets, hidden columns). */
  responses: Row[];
  markers: Row[];
  /** Every other table (and derived sources such as dead tuples), rows with all their attributes. */
  tables: Record<string, Row[]>;
  /** Extra ordering attacks measured on this view: name → key per response id. */
  extraOrders: Record<string, Map<string, Key>>;
  /** Rows with their page and in-page position, and which submission wrote them (within-page attack). */
  pageGroups: Record<string, { truth: number; page: number; position: number; key: string }[]>;
};

const figures: string[] = [];
function report(line: string) {
  figures.push(`linkage|${provider}|${line}`);
  console.log(`linkage|${provider}|${line}`);
}

const truthOf = (row: Row) => indexOfAnswers(String(row.instrument), String(row.answers));

type OrderFigure = { attack: string; subset: string; n: number; rho: number; critical: number };

/** (a) Spearman's rho of every ordering against the true order, on all rows and per instrument. */
function orderAttacks(view: View): OrderFigure[] {
  const results: OrderFigure[] = [];
  const attributes = new Set(view.responses.flatMap((row) => Object.keys(row)));
  const subsets: [string, Row[]][] = [
    ["all", view.responses],
    ["iit", view.responses.filter((row) => row.instrument === "iit")],
    ["eit1", view.responses.filter((row) => row.instrument === "eit1")],
  ];
  const measure = (attack: string, key: (row: Row) => Key) => {
    for (const [subset, rows] of subsets) {
      const usable = rows.filter((row) => key(row) !== undefined);
      // A constant (e.g. the cycle id) orders nothing: not a test.
      if (usable.length < 10 || new Set(usable.map((row) => String(key(row)))).size < 2) continue;
      const rho = spearman(usable.map(key), usable.map(truthOf));
      results.push({ attack, subset, n: usable.length, rho, critical: criticalRho(usable.length) });
    }
  };
  for (const attribute of attributes) measure(attribute, (row) => row[attribute]);
  for (const [name, keys] of Object.entries(view.extraOrders)) measure(name, (row) => keys.get(String(row.id)) as Key);
  return results;
}

/**
 * Within-page order (SQLite fills a page from its end): Kendall's S over rows sharing a page, and
 * the sharper "new cells below the key-ordered run" statistic (linkage-attacks.ts).
 */
function pageAttacks(view: View) {
  const all = Object.values(view.pageGroups).flat();
  const groups = all.length ? { ...view.pageGroups, "all three b-trees, pooled": all } : view.pageGroups;
  return Object.entries(groups).flatMap(([name, entries]) => {
    const pages = new Map<number, (typeof entries)[number][]>();
    for (const entry of entries) pages.set(entry.page, [...(pages.get(entry.page) ?? []), entry]);
    const kendall = groupedKendall([...pages.values()].map((cells) => cells.map((cell) => ({ x: cell.position, y: cell.truth }))));
    const fresh = newCellsAttack([...pages.values()]);
    return [
      { attack: `${name}, Kendall`, pairs: kendall.pairs, concordant: kendall.concordant, z: kendall.z },
      { attack: `${name}, new cells below the run`, pairs: fresh.pairs, concordant: (fresh.pairs + fresh.s) / 2, z: fresh.z },
    ];
  });
}

/** (b) EIT-1 responses paired with phones: by the phones' OTP time order, and marker ↔ response by shared attributes. */
function phoneAttacks(view: View) {
  const truth = new Map(submissions.map((s) => [s.index, s]));
  const eit = view.responses.filter((row) => row.instrument === "eit1");
  const results: { attack: string; correct: number; n: number }[] = [];
  const isPair = (response: Row, contactHash: Key) => truth.get(truthOf(response))?.contactHash === contactHash;
  // The attacker's best phone order: OTP challenges by their creation time (or markers' own order).
  const challenges = view.tables.OtpChallenge ?? [];
  for (const attribute of new Set(eit.flatMap((row) => Object.keys(row)))) {
    if (new Set(eit.map((row) => String(row[attribute]))).size < 2) continue; // constant: pure chance
    if (challenges.length) {
      results.push({
        attack: `OtpChallenge.createdAt ↔ Response ${attribute}`,
        correct: positionalMatches(
          challenges,
          eit,
          (c) => c.createdAt,
          (r) => r[attribute],
          (c, r) => isPair(r, c.contactHash),
        ),
        n: eit.length,
      });
    }
    if (attribute.startsWith("(") || attribute === "xmin") {
      if (view.markers.some((m) => m[attribute] !== undefined)) {
        results.push({
          attack: `EitContactMarker ${attribute} ↔ Response ${attribute}`,
          correct: positionalMatches(
            view.markers,
            eit,
            (m) => m[attribute],
            (r) => r[attribute],
            (m, r) => isPair(r, m.contactHash),
          ),
          n: eit.length,
        });
      }
    }
  }
  for (const [name, keys] of Object.entries(view.extraOrders)) {
    if (!challenges.length) continue;
    results.push({
      attack: `OtpChallenge.createdAt ↔ Response ${name}`,
      correct: positionalMatches(
        challenges,
        eit,
        (c) => c.createdAt,
        (r) => keys.get(String(r.id)) as Key,
        (c, r) => isPair(r, c.contactHash),
      ),
      n: eit.length,
    });
  }
  // Transaction ids, as joins (not by rank): any row holding a contact hash whose xmin or xmax is
  // a response's xmin (the marker written with it; the session it deleted).
  const sources: [string, Row[]][] = [
    ["EitContactMarker", view.markers],
    ...Object.entries(view.tables).filter(([, rows]) => rows.some((row) => row.contactHash)),
  ];
  for (const [table, rows] of sources) {
    for (const attribute of ["xmin", "xmax"]) {
      if (!rows.some((row) => typeof row[attribute] === "number" && row[attribute] !== 0)) continue;
      const byId = new Map<string, Row[]>();
      for (const row of rows) if (row.contactHash) byId.set(String(row[attribute]), [...(byId.get(String(row[attribute])) ?? []), row]);
      let correct = 0;
      for (const response of eit) {
        const candidates = byId.get(String(response.xmin)) ?? [];
        const guess = candidates[randomInt(Math.max(1, candidates.length))];
        if (guess && isPair(response, guess.contactHash)) correct++;
      }
      results.push({ attack: `${table}.${attribute} = Response.xmin (join)`, correct, n: eit.length });
    }
  }
  return results;
}

/**
 * (c) Every attribute of every other table joined to the responses' high-entropy attributes (id,
 * answers, xmin): a value that one response and exactly one other row share is a 1:1 link.
 */
function joinAttacks(view: View) {
  const results: { table: string; attribute: string; on: string; links: number }[] = [];
  for (const on of ["id", "answers", "xmin"]) {
    const counts = new Map<string, number>();
    for (const row of view.responses) if (row[on] !== undefined && row[on] !== null) counts.set(String(row[on]), (counts.get(String(row[on])) ?? 0) + 1);
    const unique = new Set([...counts].filter(([, count]) => count === 1).map(([value]) => value));
    if (unique.size === 0) continue;
    for (const [table, rows] of Object.entries({ EitContactMarker: view.markers, ...view.tables })) {
      for (const attribute of new Set(rows.flatMap((row) => Object.keys(row)))) {
        const seen = new Map<string, number>();
        for (const row of rows) {
          const value = row[attribute];
          if (value === null || value === undefined) continue;
          // A value may also sit inside a longer text (JSON detail, outcome…).
          seen.set(String(value), (seen.get(String(value)) ?? 0) + 1);
        }
        let links = 0;
        for (const [value, count] of seen) if (count === 1 && unique.has(value)) links++;
        // Substrings: any stored text that contains a response id or answers JSON.
        if (on !== "xmin") {
          for (const value of unique) for (const stored of seen.keys()) if (stored !== value && stored.length > value.length && stored.includes(value)) links++;
        }
        results.push({ table, attribute, on, links });
      }
    }
  }
  return results;
}

type Verdict = { order: OrderFigure[]; pages: ReturnType<typeof pageAttacks>; phones: ReturnType<typeof phoneAttacks>; joins: ReturnType<typeof joinAttacks> };

function attack(view: View): Verdict {
  const verdict = { order: orderAttacks(view), pages: pageAttacks(view), phones: phoneAttacks(view), joins: joinAttacks(view) };
  const worstOrder = [...verdict.order].sort((a, b) => Math.abs(b.rho) / b.critical - Math.abs(a.rho) / a.critical)[0];
  const worstPhone = [...verdict.phones].sort((a, b) => b.correct - a.correct)[0];
  const links = verdict.joins.filter((join) => join.links > 0);
  report(
    `${view.label}|order: ${verdict.order.length} orderings of ${view.responses.length} responses, max |rho| ${Math.abs(worstOrder?.rho ?? 0).toFixed(3)} (${worstOrder?.attack} on ${worstOrder?.subset}, n=${worstOrder?.n}, chance < ${worstOrder?.critical.toFixed(3)}); over chance: ${verdict.order.filter((o) => Math.abs(o.rho) >= o.critical).length}`,
  );
  for (const page of verdict.pages)
    report(
      `${view.label}|within-page order, ${page.attack}: ${page.pairs} pairs, ${page.concordant} in insertion order, z = ${page.z.toFixed(2)} (chance |z| < ${Z_CRIT})`,
    );
  report(
    `${view.label}|phones: ${verdict.phones.length} pairings of ${worstPhone?.n ?? 0} EIT-1 responses, max correct ${worstPhone?.correct ?? 0} (${worstPhone?.attack}; chance ≈ 1, ≤ ${MAX_CHANCE_MATCHES})`,
  );
  report(
    `${view.label}|joins: ${verdict.joins.length} (table, attribute) × {id, answers, xmin} joins, 1:1 links: ${links.length ? links.map((l) => `${l.table}.${l.attribute}=${l.on}:${l.links}`).join(", ") : "none"}`,
  );
  return verdict;
}

function expectChance(verdict: Verdict, label: string) {
  const overOrder = verdict.order
    .filter((o) => Math.abs(o.rho) >= o.critical)
    .map((o) => `${o.attack} (${o.subset}): rho ${o.rho.toFixed(3)} ≥ ${o.critical.toFixed(3)}`);
  expect(overOrder, `${label}: orderings that follow insertion`).toEqual([]);
  const overPages = verdict.pages.filter((p) => Math.abs(p.z) >= Z_CRIT).map((p) => `${p.attack}: z ${p.z.toFixed(2)}`);
  expect(overPages, `${label}: within-page order follows insertion`).toEqual([]);
  const overPhones = verdict.phones.filter((p) => p.correct > MAX_CHANCE_MATCHES).map((p) => `${p.attack}: ${p.correct}/${p.n}`);
  expect(overPhones, `${label}: phone pairings better than chance`).toEqual([]);
  const links = verdict.joins.filter((join) => join.links > 0).map((join) => `${join.table}.${join.attribute} = Response.${join.on} (${join.links})`);
  expect(links, `${label}: 1:1 links from other tables`).toEqual([]);
}

// ───────────── SQLite: a copy of the files ─────────────

/** Copies of the database file and its WAL, as a backup or a stolen disk would have them. */
function copySqlite() {
  if (dbTarget.provider !== "sqlite") throw new Error("SQLite only");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-linkage-"));
  const copy = path.join(dir, "copy.db");
  for (const suffix of ["", "-wal"]) if (fs.existsSync(dbTarget.file + suffix)) fs.copyFileSync(dbTarget.file + suffix, copy + suffix);
  const main = fs.readFileSync(copy);
  const wal = fs.existsSync(`${copy}-wal`) ? fs.readFileSync(`${copy}-wal`) : Buffer.alloc(0);
  // The attacker then folds the WAL into their copy and reads the file through SQLite and raw.
  const writable = new Database(copy);
  writable.pragma("wal_checkpoint(TRUNCATE)");
  writable.close();
  return { dir, copy, main, wal, file: fs.readFileSync(copy) };
}

function sqliteView(label: string): { view: View; wal: Buffer; main: Buffer } {
  const { dir, copy, main, wal, file } = copySqlite();
  const db = new Database(copy, { readonly: true, fileMustExist: true });
  try {
    const scan = (table: string) => db.prepare(`SELECT * FROM "${table}"`).all() as Row[];
    const withPosition = (rows: Row[]): Row[] => rows.map((row, position) => ({ ...row, "(scan order)": position }));
    const responses = withPosition(scan("Response"));
    let hasRowid = true;
    try {
      db.prepare(`SELECT rowid FROM "Response" LIMIT 1`).all();
    } catch {
      hasRowid = false;
    }
    report(`${label}|Response rowid: ${hasRowid ? "PRESENT (insertion order!)" : "none (WITHOUT ROWID)"}`);
    if (hasRowid) {
      const rowids = new Map((db.prepare(`SELECT rowid AS r, id FROM "Response"`).all() as { r: number; id: string }[]).map((row) => [row.id, row.r]));
      for (const row of responses) row["(rowid)"] = rowids.get(String(row.id)) ?? null;
    }
    const tables: Record<string, Row[]> = {};
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map(
      (row) => row.name,
    );
    for (const name of names) {
      if (name === "Response" || name === "EitContactMarker") continue;
      let rows: Row[];
      try {
        rows = db.prepare(`SELECT rowid AS "(rowid)", * FROM "${name}"`).all() as Row[];
      } catch {
        rows = scan(name); // WITHOUT ROWID
      }
      tables[name] = withPosition(rows);
    }
    // Raw pages: where each response's cell sits in the file and inside its page.
    const ids = new Set(responses.map((row) => String(row.id)));
    const { cells } = sqliteCells(file);
    const primary = cells.filter((cell) => typeof cell.values[0] === "string" && ids.has(cell.values[0]) && cell.values.length > 6);
    const index = cells.filter((cell) => cell.values.length === 4 && typeof cell.values[3] === "string" && ids.has(cell.values[3]));
    const hashes = new Map(submissions.filter((s) => s.contactHash).map((s) => [s.contactHash!, s.index]));
    const markerCells = cells.filter((cell) => cell.values.length === 3 && typeof cell.values[2] === "string" && hashes.has(cell.values[2]));
    const truth = new Map(responses.map((row) => [String(row.id), truthOf(row)]));
    const offsets = new Map(primary.map((cell) => [String(cell.values[0]), cell.fileOffset]));
    const indexOffsets = new Map(index.map((cell) => [String(cell.values[3]), cell.fileOffset]));
    report(
      `${label}|raw file: ${file.length} bytes, ${cells.length} b-tree cells; responses found in the table b-tree ${offsets.size}, in its index ${indexOffsets.size}`,
    );
    const view: View = {
      label,
      responses,
      markers: withPosition(scan("EitContactMarker")),
      tables,
      extraOrders: { "(file offset, table b-tree)": offsets, "(file offset, index b-tree)": indexOffsets },
      pageGroups: {
        "Response table b-tree": primary.map((cell) => ({
          truth: truth.get(String(cell.values[0]))!,
          page: cell.page,
          position: -cell.cellOffset,
          key: String(cell.values[0]),
        })),
        "Response index b-tree": index.map((cell) => ({
          truth: truth.get(String(cell.values[3]))!,
          page: cell.page,
          position: -cell.cellOffset,
          key: cell.values.join("|"),
        })),
        "EitContactMarker b-tree": markerCells.map((cell) => ({
          truth: hashes.get(String(cell.values[2]))!,
          page: cell.page,
          position: -cell.cellOffset,
          key: cell.values.join("|"),
        })),
      },
    };
    return { view, wal, main };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The WAL attack: which transaction inserted each response, from the live cells of consecutive
 * images of the same page (linkage-attacks.ts → walInsertions). Order = transaction order. The
 * EIT-1 marker (a 3-column record) goes in with its response, so a contact hash inserted as a
 * marker in that same transaction names the phone.
 */
function walAttack(label: string, { wal, main, view }: { wal: Buffer; main: Buffer; view: View }) {
  const { responses } = view;
  const all = walFrames(wal);
  // The current generation only: the main file is exactly its starting point. (Older generations'
  // frames past the current write point survive too, but their baseline is unknown.)
  const frames = all.filter((frame) => frame.salt === all[all.length - 1].salt);
  const ids = new Set(responses.map((row) => String(row.id)));
  const hashes = new Set(submissions.filter((s) => s.contactHash).map((s) => s.contactHash!));
  const inserted = walInsertions(frames, new Set([...ids, ...hashes]), main);
  const written = new Map<string, number>();
  const markersIn = new Map<number, string[]>();
  for (const [transaction, list] of inserted) {
    for (const { value } of list) if (ids.has(value) && !written.has(value)) written.set(value, transaction);
    markersIn.set(
      transaction,
      list.filter(({ value, shape }) => shape === 3 && hashes.has(value)).map(({ value }) => value),
    );
  }
  const timed = responses.filter((row) => written.has(String(row.id)));
  // From two rows on: two transactions are already an order (rho ±1). It was ≥ 3 here while the
  // residual test asserted order from 2, so a copy showing exactly 2 failed on rho's default of 0.
  const rho =
    timed.length >= 2
      ? spearman(
          timed.map((row) => written.get(String(row.id))!),
          timed.map(truthOf),
        )
      : 0;
  const truth = new Map(submissions.map((s) => [s.index, s]));
  const eit = timed.filter((row) => row.instrument === "eit1");
  let paired = 0;
  let wrong = 0;
  for (const row of eit) {
    const candidates = markersIn.get(written.get(String(row.id))!) ?? [];
    if (candidates.length !== 1) continue;
    if (candidates[0] === truth.get(truthOf(row))?.contactHash) paired++;
    else wrong++;
  }
  report(
    `${label}|WAL: ${wal.length} bytes, ${all.length} frames (${frames.length} of the current generation); responses whose inserting transaction shows ${timed.length}/${responses.length}, rho(transaction, true order) = ${rho.toFixed(3)}; EIT-1 responses paired with their phone by transaction ${paired} right, ${wrong} wrong, of ${eit.length}`,
  );
  return { timed: timed.length, rho, paired, wrong, eit: eit.length };
}

// ───────────── PostgreSQL: a pg_dump and superuser SQL ─────────────

let client: pg.Client;
/** Where the WAL stood before the first submission. */
let walStart = "";

/**
 * pg_wal as a superuser reads it over SQL (pg_read_binary_file): the segments written since the
 * test began, in LSN order. Null without the privilege.
 */
async function pgWal(): Promise<Buffer | null> {
  try {
    const { rows } = await client.query(
      `SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' AND name >= pg_walfile_name($1::pg_lsn) AND name <= pg_walfile_name(pg_current_wal_lsn()) ORDER BY name`,
      [walStart],
    );
    const parts: Buffer[] = [];
    for (const { name } of rows as { name: string }[])
      parts.push((await client.query(`SELECT pg_read_binary_file('pg_wal/' || $1) AS data`, [name])).rows[0].data as Buffer);
    return Buffer.concat(parts);
  } catch {
    return null;
  }
}

/** Each response's first appearance in the WAL (its INSERT record) gives the order; contact hashes (OTP challenge inserts) the phones. */
function pgWalAttack(label: string, wal: Buffer, responses: Row[]) {
  const first = new Map<string, number>();
  for (const row of responses) {
    const at = wal.indexOf(String(row.id), 0, "latin1");
    if (at >= 0) first.set(String(row.id), at);
  }
  const found = responses.filter((row) => first.has(String(row.id)));
  const rho =
    found.length >= 3
      ? spearman(
          found.map((row) => first.get(String(row.id))!),
          found.map(truthOf),
        )
      : 0;
  const phones = submissions
    .filter((s) => s.contactHash)
    .map((s) => ({ s, at: wal.indexOf(s.contactHash!, 0, "latin1") }))
    .filter((p) => p.at >= 0);
  const eit = found.filter((row) => row.instrument === "eit1");
  const correct = positionalMatches(
    phones,
    eit,
    (p) => p.at,
    (r) => first.get(String(r.id))!,
    (p, r) => p.s.index === truthOf(r),
  );
  report(
    `${label}|pg_wal: ${(wal.length / 1048576).toFixed(0)} MiB read over SQL; responses found ${found.length}/${responses.length}, rho(first appearance, true order) = ${rho.toFixed(3)}; EIT-1 responses paired with phones by position ${correct}/${eit.length}`,
  );
  return { found: found.length, rho, correct, eit: eit.length };
}

const ctidKey = (ctid: string) => {
  const [block, offset] = ctid.replace(/[()]/g, "").split(",").map(Number);
  return block * 65536 + offset;
};

async function pgRows(table: string): Promise<Row[]> {
  // Hidden columns first; no ORDER BY: the heap's own order.
  const { rows } = await client.query(
    `SELECT ctid::text AS "(ctid)", xmin::text AS xmin, xmax::text AS xmax, cmin::text AS "(cmin)", row_to_json(t)::text AS "(json)" FROM "${table}" t`,
  );
  return rows.map((row: Record<string, string>, position: number) => ({
    ...(JSON.parse(row["(json)"]) as Row),
    "(scan order)": position,
    "(ctid)": ctidKey(row["(ctid)"]),
    xmin: Number(row.xmin),
    xmax: Number(row.xmax),
    "(cmin)": Number(row["(cmin)"]),
  }));
}

function pgDump(): Map<string, Record<string, string | null>[]> {
  const url = new URL(process.env.DATABASE_URL!);
  const dumped = spawnSync(
    "pg_dump",
    ["--data-only", "--no-owner", "--format=plain", "-h", url.hostname, "-p", url.port || "5432", "-U", url.username || "postgres", url.pathname.slice(1)],
    {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (dumped.status !== 0) throw new Error(`pg_dump failed: ${dumped.stderr}`);
  return copyBlocks(dumped.stdout);
}

/** pageinspect needs a superuser; without it those attacks are reported as unavailable. */
async function hasPageinspect(): Promise<boolean> {
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pageinspect");
    return true;
  } catch {
    return false;
  }
}

/**
 * pageinspect: every tuple version still on the ResponseTally pages, dead ones included. Versions of
 * one tally that differ by one response give that response's points, p1…p30; matched to a Response
 * row by its points, the version's `responses` count is that row's place in the order.
 */
async function deadTallyVersions(responses: Row[]) {
  const pages = Number((await client.query(`SELECT pg_relation_size('"ResponseTally"') / current_setting('block_size')::int AS pages`)).rows[0].pages);
  type Version = { group: string; responses: number; sums: bigint[] };
  const versions: Version[] = [];
  const le = (hex: string) => Buffer.from(hex.slice(2), "hex");
  const { rows: attributes } = await client.query(
    `SELECT attname::text AS name, attnum FROM pg_attribute WHERE attrelid = '"ResponseTally"'::regclass AND attnum > 0`,
  );
  const at = Object.fromEntries((attributes as { name: string; attnum: number }[]).map((a) => [a.name, a.attnum]));
  const columns = ["agencyId", "instrument", "responses", ...Array.from({ length: 30 }, (_, i) => `sum${i + 1}`)];
  for (let page = 0; page < pages; page++) {
    const { rows } = await client.query(
      `SELECT ${columns.map((column, i) => `'\\x' || encode(a[${at[column]}], 'hex') AS c${i}`).join(", ")}
         FROM (SELECT tuple_data_split('"ResponseTally"'::regclass, t_data, t_infomask, t_infomask2, t_bits) AS a
                 FROM heap_page_items(get_raw_page('"ResponseTally"', $1)) WHERE t_data IS NOT NULL) v`,
      [page],
    );
    for (const row of rows as Record<string, string>[]) {
      versions.push({
        group: `${row.c0}/${row.c1}`,
        responses: le(row.c2).readInt32LE(0),
        sums: Array.from({ length: 30 }, (_, i) => le(row[`c${i + 3}`]).readBigInt64LE(0)),
      });
    }
  }
  const byPoints = new Map<string, Row[]>();
  const pointsKey = (values: (bigint | number | null)[]) => values.map((v) => String(v ?? 0)).join(",");
  for (const row of responses) {
    const key = `${String(row.instrument)}|${pointsKey(Array.from({ length: 30 }, (_, i) => row[`p${i + 1}`] as number | null))}`;
    byPoints.set(key, [...(byPoints.get(key) ?? []), row]);
  }
  const place = new Map<string, Key>();
  const groups = new Map<string, Version[]>();
  for (const version of versions) groups.set(version.group, [...(groups.get(version.group) ?? []), version]);
  for (const list of groups.values()) {
    list.sort((a, b) => a.responses - b.responses);
    for (let i = 1; i < list.length; i++) {
      if (list[i].responses !== list[i - 1].responses + 1) continue;
      const diff = list[i].sums.map((sum, k) => sum - list[i - 1].sums[k]);
      for (const instrument of ["iit", "eit1"]) {
        const candidates = byPoints.get(`${instrument}|${pointsKey(diff)}`) ?? [];
        if (candidates.length === 1) place.set(String(candidates[0].id), list[i].responses);
      }
    }
  }
  return { versions: versions.length, place };
}

async function postgresView(label: string): Promise<View> {
  const responses = await pgRows("Response");
  const markers = await pgRows("EitContactMarker");
  const { rows: tableRows } = await client.query(
    `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  const tables: Record<string, Row[]> = {};
  for (const { name } of tableRows as { name: string }[]) if (name !== "Response" && name !== "EitContactMarker") tables[name] = await pgRows(name);
  // Dead tuples of the sessions a submit deleted: xmax is the submit's transaction, and an EIT-1
  // session still holds its contact hash.
  const inspect = await hasPageinspect();
  const sessionPages = Number((await client.query(`SELECT pg_relation_size('"SurveySession"') / current_setting('block_size')::int AS pages`)).rows[0].pages);
  const contactAt = Number(
    (await client.query(`SELECT attnum FROM pg_attribute WHERE attrelid = '"SurveySession"'::regclass AND attname = 'contactHash'`)).rows[0].attnum,
  );
  const dead: Row[] = [];
  for (let page = 0; inspect && page < sessionPages; page++) {
    const { rows } = await client.query(
      `SELECT t_xmin::text AS t_xmin, t_xmax::text AS t_xmax, encode((tuple_data_split('"SurveySession"'::regclass, t_data, t_infomask, t_infomask2, t_bits))[${contactAt}], 'hex') AS contact
         FROM heap_page_items(get_raw_page('"SurveySession"', $1)) WHERE t_data IS NOT NULL AND t_xmax <> '0'`,
      [page],
    );
    for (const row of rows as Record<string, string | null>[]) {
      // A short text value: one header byte, then the characters.
      const contactHash = row.contact ? Buffer.from(row.contact, "hex").subarray(1).toString("latin1") : null;
      dead.push({ "(t_xmin)": Number(row.t_xmin), xmax: Number(row.t_xmax), contactHash });
    }
  }
  tables["SurveySession (dead tuples)"] = dead;
  const dump = pgDump();
  const dumpPosition = new Map((dump.get("Response") ?? []).map((row, position) => [String(row.id), position as Key]));
  const markerDump = new Map((dump.get("EitContactMarker") ?? []).map((row, position) => [String(row.contactHash), position]));
  for (const row of responses) row["(dump order)"] = dumpPosition.get(String(row.id)) ?? null;
  for (const row of markers) row["(dump order)"] = markerDump.get(String(row.contactHash)) ?? null;
  const tally = inspect ? await deadTallyVersions(responses) : { versions: 0, place: new Map<string, Key>() };
  report(
    inspect
      ? `${label}|pageinspect: ${tally.versions} ResponseTally tuple versions on its pages, ${tally.place.size} responses placed in order by diffing them; ${dead.length} SurveySession dead tuples`
      : `${label}|pageinspect: not available to this role (needs a superuser); dead-tuple attacks not run`,
  );
  report(`${label}|pg_dump: ${dump.size} COPY blocks, Response rows ${dumpPosition.size}, EitContactMarker rows ${markerDump.size}`);
  return { label, responses, markers, tables, extraOrders: { "(dead tally version)": tally.place }, pageGroups: {} };
}

// ───────────── the test ─────────────

let consoleLog: ReturnType<typeof vi.spyOn>;
beforeAll(async () => {
  const original = console.log.bind(console);
  consoleLog = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("[otp:console]")) return;
    original(...args);
  });
  if (provider === "postgres") {
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    walStart = String((await client.query("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0].lsn);
  }
  fx = await registeredAgency({ internalPopulation: 10_000, externalPopulation: 10_000 });
  await submitMore(N);
}, 120_000);

/** `count` more submissions, a random mix of IIT and EIT-1 (or alternating), one after the other. */
async function submitMore(count: number, alternate = false) {
  const started = Date.now();
  const first = submissions.length;
  for (let index = first; index < first + count; index++) {
    const iit = alternate ? index % 2 === 0 : randomInt(2) === 0;
    submissions.push(await (iit ? submitIit(index) : submitEit(index)));
  }
  const made = submissions.slice(first);
  report(
    `setup|${count} submissions #${first}–#${first + count - 1} (${made.filter((s) => s.instrument === "iit").length} IIT, ${made.filter((s) => s.instrument === "eit1").length} EIT-1) through the routes in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

afterAll(async () => {
  consoleLog.mockRestore();
  await client?.end();
  console.log(`\n${figures.join("\n")}`);
});

describe(`Linkage red-team (${provider})`, () => {
  it("stored every submission once, each row decoding to its submission, with nothing of the session or phone on it", async () => {
    const rows = await prisma.response.findMany();
    expect(rows).toHaveLength(N);
    const decoded = rows.map((row) => indexOfAnswers(row.instrument, row.answers));
    expect(new Set(decoded).size).toBe(N);
    for (const row of rows) expect(row.instrument).toBe(submissions[indexOfAnswers(row.instrument, row.answers)].instrument);
    const text = JSON.stringify(rows);
    for (const s of submissions) {
      expect(text).not.toContain(s.sessionId);
      if (s.contactHash) expect(text).not.toContain(s.contactHash);
      if (s.phone) expect(text).not.toContain(s.phone.slice(1));
    }
    expect(await prisma.eitContactMarker.count()).toBe(submissions.filter((s) => s.instrument === "eit1").length);
    expect(await prisma.surveySession.count()).toBe(0);
  });

  it.runIf(provider === "sqlite")("SQLite: the file's pages and its WAL order rows before the reshuffle (control); VACUUM + empty WAL → chance", async () => {
    const before = sqliteView("sqlite before reshuffle");
    // The WAL of a live server holds the last few hundred transactions' page images, in order.
    walAttack("sqlite before reshuffle", before);
    const verdict = attack(before.view);
    // Physical order, rowid, every column: at chance (WITHOUT ROWID, random keys) …
    expect(verdict.order.filter((o) => Math.abs(o.rho) >= o.critical).map((o) => o.attack)).toEqual([]);
    expect(verdict.phones.filter((p) => p.correct > MAX_CHANCE_MATCHES).map((p) => p.attack)).toEqual([]);
    // … but not inside pages: newer cells sit lower in a page until the page is rebuilt (control).
    // Control (one-sided, p < 0.001: the attack is capable, the order is there) in at least one of
    // the b-trees: which one keeps the most order varies from run to run with the page splits and
    // the checkpoints' timing (z from 2.6 to 9 pooled, 4.4 to 5.2 in the table b-tree alone).
    expect(Math.max(...verdict.pages.map((p) => p.z)), "control: within-page order").toBeGreaterThan(3.09);

    const result = await reshuffleAnonymousRows();
    report(`sqlite reshuffle|${JSON.stringify(result)}`);
    expect(result.provider === "sqlite" && result.checkpointed).toBe(true);
    const after = sqliteView("sqlite after reshuffle");
    expect(after.wal.length, "the WAL is empty after the reshuffle").toBe(0);
    expect(walAttack("sqlite after reshuffle", after).timed).toBe(0);
    expectChance(attack(after.view), "SQLite after the reshuffle");
  });

  it.runIf(provider === "postgres")(
    "PostgreSQL: ctid, xmin, dump order and dead tally versions link before the reshuffle (control) and are at chance after it",
    async () => {
      const before = attack(await postgresView("postgres before reshuffle"));
      // Control: the known hole is there, and the attacks find it.
      const rho = (name: string) => before.order.find((o) => o.attack === name && o.subset === "all")?.rho ?? 0;
      for (const name of ["(ctid)", "xmin", "(scan order)", "(dump order)"])
        expect(rho(name), `control: ${name} should follow insertion`).toBeGreaterThan(0.95);
      const phones = (name: string) => before.phones.find((p) => p.attack === name)?.correct ?? 0;
      const eitCount = submissions.filter((s) => s.instrument === "eit1").length;
      expect(phones("EitContactMarker.xmin = Response.xmin (join)"), "control: marker ↔ response by xmin").toBe(eitCount);
      // The heap back-fills a page that still has room for a shorter row, so positions are nearly exact.
      expect(phones("EitContactMarker (dump order) ↔ Response (dump order)"), "control: marker ↔ response by dump position").toBeGreaterThan(eitCount / 2);
      if (before.phones.some((p) => p.attack.startsWith("SurveySession (dead tuples)"))) {
        expect(phones("SurveySession (dead tuples).xmax = Response.xmin (join)"), "control: dead session tuples (pageinspect)").toBeGreaterThan(0);
      }
      expect(
        before.joins.find((j) => j.table === "IdempotencyKey" && j.attribute === "xmin" && j.on === "xmin")?.links,
        "control: the idempotency key shares the response's xmin",
      ).toBe(N);

      const result = await reshuffleAnonymousRows();
      report(`postgres reshuffle|${JSON.stringify(result)}`);
      const after = await postgresView("postgres after reshuffle");
      expect(after.extraOrders["(dead tally version)"].size, "no dead tally versions left to diff").toBe(0);
      expectChance(attack(after), "PostgreSQL after the reshuffle");
    },
  );

  it(`residual: ${LATER} submissions after the reshuffle can be ordered among themselves until the next one`, async () => {
    // The first few right after the reshuffle. On SQLite the submit path now empties the WAL every
    // 4 submits (decision 014), so a copy shows at most the submits since the last checkpoint —
    // usually 1–2 of these 6, all 6 only if the copy beats the deferred checkpoint. What it does
    // show is still ordered exactly: the residual risk, measured (scripts/bench/wal-exposure.ts).
    const FIRST = 6;
    await submitMore(FIRST, true);
    if (provider === "sqlite") {
      const wal = walAttack("sqlite between reshuffles (WAL)", sqliteView("sqlite between reshuffles (WAL)"));
      expect(wal.timed, "WAL: at most the new submissions' transactions show").toBeLessThanOrEqual(FIRST);
      if (wal.timed >= 2) expect(wal.rho, "WAL: the transactions it shows are in true order").toBe(1);
      expect(wal.paired, "WAL: EIT-1 responses paired with their phones, only among those shown").toBeLessThanOrEqual(Math.min(wal.timed, FIRST / 2));
      expect(wal.wrong, "WAL: pairing by transaction is exact").toBe(0);
    }
    await submitMore(LATER - FIRST);
    const later = new Set(submissions.slice(N).map((s) => s.index));
    if (provider === "sqlite") {
      const copy = sqliteView("sqlite between reshuffles");
      walAttack("sqlite between reshuffles", copy);
      // The file: rows added since the VACUUM sit below the key-ordered run of their page (reported).
      attack(copy.view);
    } else {
      const view = await postgresView("postgres between reshuffles");
      const fresh = { ...view, label: "postgres between reshuffles (new rows only)", responses: view.responses.filter((row) => later.has(truthOf(row))) };
      const verdict = attack(fresh);
      expect(verdict.order.find((o) => o.attack === "xmin" && o.subset === "all")?.rho, "new rows: xmin follows insertion").toBeGreaterThan(0.9);
      const eitLater = fresh.responses.filter((row) => row.instrument === "eit1").length;
      expect(verdict.phones.find((p) => p.attack === "EitContactMarker.xmin = Response.xmin (join)")?.correct).toBe(eitLater);
    }
    const result = await reshuffleAnonymousRows();
    report(`${provider} reshuffle|${JSON.stringify(result)}`);
    if (provider === "sqlite") {
      const copy = sqliteView("sqlite after second reshuffle");
      expect(copy.wal.length).toBe(0);
      expectChance(attack(copy.view), "SQLite after the second reshuffle");
    } else {
      const view = await postgresView("postgres after second reshuffle");
      expectChance(attack(view), "PostgreSQL after the second reshuffle");
      // Residual, documented in decision 002: the server's own WAL (and archives, replicas, base
      // backups) keeps every INSERT in commit order until recycled. Measured, not closed.
      const wal = await pgWal();
      if (wal) expect(pgWalAttack("postgres after second reshuffle", wal, view.responses).rho, "the pg_wal residual (decision 002)").toBeGreaterThan(0.9);
      else report("postgres after second reshuffle|pg_wal: not readable by this role");
    }
  });
});
