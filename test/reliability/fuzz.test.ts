// Fuzzing every POST route (every route module under app/routes exporting an `action`, found on
// disk at test time) with generated bodies (fast-check) — FUZZ_CASES per route, 2,000 by default
// for the routes anyone can POST to, FUZZ_ADMIN_CASES (1,000) for those behind the admin layout
// (`admin.*`: a signed-in, 2FA-verified session is the first thing they check):
// random and real field names (answer keys, intents, populations, code, contact, otp, …), empty /
// huge / Thai / combining-mark / control-character / out-of-range / JSON / SQL-looking / redirect
// payload values, repeated keys, undecodable percent-encoding, urlencoded / multipart / JSON / text
// / missing content types, streamed bodies, lying Content-Lengths, and bodies just under, at and
// over the 16 KB limit (and over 256 KB for the improvement plan). Requests are same-site and carry
// valid cookies (a signed-in system admin with a real agency slug, a survey session with screening
// done, a live OTP challenge), so most reach each route's own validation (the "reached" column;
// the test fails if fewer than half do, or if more than 1% bounce to a login or start page).
//
// Asserted for every case: no 5xx (a thrown error that is not a Response counts as one), no
// redirect off this site, and no Response row unless the body is a complete valid answer set (an
// oracle independent of the app decides). Valid sets — a few percent of the "near valid" cases —
// are counted separately (validSets / rowsWritten / validNoRow) and may write at most one row each.
// App bugs this suite finds while they are open go in KNOWN_BUGS below (none open now).
//
// Knobs: FUZZ_CASES (per public route), FUZZ_ADMIN_CASES (per signed-in admin route), FUZZ_SEED, FUZZ_ROUTES (regex on route ids), FUZZ_SHARD (k/n),
// FUZZ_STRICT=1 (known bugs fail too).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { dbTarget, prisma } from "~/db.server";
import { recordResponses } from "~/models/response.server";
import { registeredAgency } from "../fixtures/db";
import { build, expectedForm, type FuzzCase, preview, sample } from "./fuzz-gen";
import {
  type ActionRoute,
  adminSessionCookie,
  type Called,
  describeError,
  discoverActionRoutes,
  filesDeclaringAction,
  IIT_KEYS,
  invoke,
  nextAddress,
  OIT_CODES,
  ORIGIN,
  routeUrl,
  validAnswers,
} from "./harness";
import { absorb, ensureCookies, newState, profileFor, resetRateLimits } from "./profiles";

// 2,000 per public route since issue 20 added four (the survey's "more time" and "resume after
// expiry" doors): at 10,000 the suite took ~600 s of CI's 1,800 (5,000 in two shards: 271 s). The
// seed is fixed, so a run repeats the same cases; FUZZ_CASES=10000 (or another FUZZ_SEED) for a deeper
// run by hand, as before a release.
const CASES = Number(process.env.FUZZ_CASES ?? 2_000);
// Issue 15 added ten signed-in admin routes; at 10,000 cases each the suite would have doubled
// (CI's budget is 30 minutes). Their bodies come from admins who passed a password and TOTP; the
// routes a stranger reaches keep the full count.
const ADMIN_CASES = Number(process.env.FUZZ_ADMIN_CASES ?? 1_000);
const casesFor = (route: { id: string }) => (route.id.startsWith("admin.") ? ADMIN_CASES : CASES);
const SEED = Number(process.env.FUZZ_SEED ?? 20_568);
const ONLY = process.env.FUZZ_ROUTES ? new RegExp(process.env.FUZZ_ROUTES) : null; // e.g. FUZZ_ROUTES='^iit\\.'
// FUZZ_SHARD=1/2 and FUZZ_SHARD=2/2 in two processes split the routes between them.
const [shard, shards] = (process.env.FUZZ_SHARD ?? "1/1").split("/").map(Number);
const allRoutes = await discoverActionRoutes();
const routes = allRoutes.filter((route, i) => (!ONLY || ONLY.test(route.id)) && i % shards === shard - 1);

let consoleLog: ReturnType<typeof vi.spyOn>;
beforeAll(() => {
  const original = console.log.bind(console);
  consoleLog = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("[otp:console]")) return; // thousands of OTP "sends"
    original(...args);
  });
});

type Failure = { route: string; case: number; status: number; label: string; body: string; answer: string; error?: string };
type Stats = {
  route: string;
  cases: number;
  ms: number;
  perCase: string;
  statuses: string;
  /** Past readForm (not 413/415/repeated field) and not sent back to a login or start page. */
  reached: string;
  bounced: number;
  validSets: number;
  rowsWritten: number;
  /** Valid sets that wrote no row: a replayed submission key (answered from the idempotency record). */
  validNoRow: number;
  /** Failing cases, known app bugs included. */
  failures: number;
};
const stats: Stats[] = [];

afterAll(() => {
  consoleLog.mockRestore();
  const total = stats.reduce((n, s) => n + s.cases, 0);
  const ms = stats.reduce((n, s) => n + s.ms, 0);
  console.log(
    `\nFuzz (${dbTarget.provider}, seed ${SEED}): ${total} cases over ${stats.length} routes in ${(ms / 1000).toFixed(1)} s (${((ms / total) * 1000).toFixed(0)} µs a case)`,
  );
  console.table(stats);
  for (const bug of KNOWN_BUGS) {
    const seen = knownSeen.get(bug.id);
    console.log(
      `known app bug ${bug.id} (${bug.route}): ${seen ? `reproduced by ${seen.count} case(s), e.g.\n${JSON.stringify(seen.example, null, 2)}` : "not reproduced in this run"}\n  ${bug.summary}`,
    );
  }
});

function routeSeed(id: string) {
  let h = SEED >>> 0;
  for (const ch of id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

const responseRows = () => prisma.response.count();

function answerPreview(called: Called): string {
  const body = typeof called.body === "string" ? called.body : JSON.stringify(called.body);
  return `${called.status}${called.location ? ` → ${called.location}` : ""} ${String(body).slice(0, 200)}`;
}

function sameSite(location: string) {
  try {
    return new URL(location, `${ORIGIN}/`).origin === ORIGIN;
  } catch {
    return true; // not a URL a browser would follow
  }
}

/** Refused by readForm itself: too large, not urlencoded, a repeated field. */
function refusedByReadForm(called: Called) {
  return (
    called.status === 413 || called.status === 415 || (called.status === 400 && typeof called.body === "string" && called.body.startsWith("Repeated field"))
  );
}

/** Sent to the admin login or back to a survey's start: the cookies did not get the request in. */
function bounced(called: Called) {
  return /^\/admin\/login|expired=1/.test(called.location ?? "");
}

const BATCH = 100;

// ───────────── open app bugs this suite tolerates (none now) ─────────────
// A failure matching one of these is counted and printed but does not fail its route's test, so
// the suite stays usable while the bug is open; every other failure still fails. FUZZ_STRICT=1
// fails on these too. Each has a deterministic it.fails below: once the app is fixed, that test
// fails ("expected to fail") — then delete the entry and the it.fails.
type KnownBug = { id: string; route: string; summary: string; matches: (failure: Failure) => boolean };
// Found by this suite and fixed: /language redirectTo with a header-breaking character (500) or a
// tab before "//" (open redirect), and a NUL character in any form on PostgreSQL (500).
const KNOWN_BUGS: KnownBug[] = [];
const STRICT = process.env.FUZZ_STRICT === "1";
const knownSeen = new Map<string, { count: number; example: Failure }>();

async function fuzzRoute(route: ActionRoute, count = casesFor(route), record = true, seed = routeSeed(route.id)) {
  const profile = profileFor(route);
  const agency = await registeredAgency(profile.agencyOptions);
  const state = await newState(route, agency);
  const url = routeUrl(route.id, state.params);
  const writesResponses = Boolean(profile.responseOracle);
  const cases: FuzzCase[] = sample(profile, count, seed);

  const failures: Failure[] = [];
  const statuses = new Map<number, number>();
  const msByStatus = new Map<number, number>();
  let validSets = 0;
  let rowsWritten = 0;
  let validNoRow = 0;
  let reached = 0;
  let bounces = 0;
  const rowsAtStart = await responseRows();
  let rows = rowsAtStart;
  const labels: string[] = []; // of the current batch, to name the cases when rows cannot be attributed
  const started = performance.now();

  for (let i = 0; i < cases.length; i++) {
    if (profile.resetLimitsEvery && i % profile.resetLimitsEvery === 0) await resetRateLimits();
    if (profile.freshAddressPerCase) state.clientAddress = nextAddress();
    const cookie = await ensureCookies(state, profile);
    const built = build(cases[i], profile, url, cookie);
    const form = writesResponses ? expectedForm(built.request, built.bytes, profile.maxBytes) : null;
    const valid = Boolean(form && profile.responseOracle!(form));

    const t0 = performance.now();
    const called = await invoke(route.action, built.request, state.params, state.clientAddress);
    msByStatus.set(called.status, (msByStatus.get(called.status) ?? 0) + performance.now() - t0);
    state.cases++;
    statuses.set(called.status, (statuses.get(called.status) ?? 0) + 1);
    const bounce = profile.bounce ? profile.bounce(called) : bounced(called);
    if (!refusedByReadForm(called) && !bounce) reached++;
    if (bounce) bounces++;
    const fail = (why: string) =>
      failures.push({
        route: route.id,
        case: i,
        status: called.status,
        label: `${why}: ${built.label}`,
        body: preview(built.bytes),
        answer: answerPreview(called),
        error: called.error ? describeError(called.error) : undefined,
      });

    if (called.error !== undefined || called.status >= 500) fail(called.error !== undefined ? "threw a non-Response error (500)" : `answered ${called.status}`);
    // A redirect must stay on this site once a browser resolves it (WHATWG URL: tabs and
    // newlines are dropped, "\\" is "/").
    if (called.location !== null && !sameSite(called.location))
      fail(`redirects off-site to ${JSON.stringify(called.location)} (${new URL(called.location, ORIGIN + "/").href})`);
    if (writesResponses) {
      if (valid) validSets++;
      labels.push(`#${i} ${valid ? "valid" : "invalid"} → ${called.status}: ${built.label}`);
      // Rows are counted after every case that could have written one (a valid set, or any
      // answer that is not an error), and after every batch: a row the batch count finds that no
      // such case accounts for was written by an invalid request that was refused.
      if (valid || called.status < 400 || called.error !== undefined) {
        const now = await responseRows();
        const added = now - rows;
        rows = now;
        rowsWritten += Math.max(added, 0);
        if (valid && added === 0) validNoRow++;
        if (added > 0 && !valid) fail(`wrote ${added} Response row(s) for invalid input`);
        if (added > 1) fail(`wrote ${added} Response rows for one request (or an earlier refused request wrote one)`);
      }
      if ((i + 1) % BATCH === 0 || i === cases.length - 1) {
        const now = await responseRows();
        if (now !== rows) {
          failures.push({
            route: route.id,
            case: i,
            status: 0,
            label: `${now - rows} Response row(s) written by refused requests among cases ${i + 1 - labels.length}–${i}`,
            body: labels.join("\n"),
            answer: "",
          });
          rows = now;
        }
        labels.length = 0;
      }
    }
    absorb(state, profile, called);
  }
  const ms = performance.now() - started;
  if (!writesResponses) {
    const added = (await responseRows()) - rowsAtStart;
    if (added !== 0)
      failures.push({ route: route.id, case: -1, status: 0, label: `wrote ${added} Response row(s); this route never should`, body: "", answer: "" });
  }
  const row: Stats = {
    route: route.id,
    cases: cases.length,
    ms: Math.round(ms),
    perCase: `${((ms / cases.length) * 1000).toFixed(0)} µs`,
    statuses: [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n} (${(msByStatus.get(status)! / n).toFixed(1)} ms)`)
      .join(" "),
    reached: `${((reached / cases.length) * 100).toFixed(1)}%`,
    bounced: bounces,
    validSets,
    rowsWritten,
    validNoRow,
    failures: failures.length,
  };
  if (record) stats.push(row);
  return { failures, reached, bounces, known: profile.known };
}

describe(`fuzz: every POST route, ${CASES} generated bodies each (${ADMIN_CASES} for signed-in admin routes) (${dbTarget.provider})`, () => {
  it("finds every route file that exports an action", () => {
    expect(allRoutes.map((route) => route.id)).toEqual(expect.arrayContaining(filesDeclaringAction()));
  });

  it("self-check: a route that throws, or writes a row for invalid input, is reported", async () => {
    const real = allRoutes.find((route) => route.id === "iit.survey");
    if (!real) return; // the check borrows the IIT submit's profile
    let refusals = 0;
    const sabotaged: ActionRoute = {
      ...real,
      action: async (args) => {
        if ((await args.request.clone().text()).includes("i16=")) throw new TypeError("sabotage: a crash on an unknown item");
        const answer = await invoke(real.action, args.request, args.params, String(args.context.clientAddress));
        if (answer.status === 400 && ++refusals === 5) {
          // The bug being simulated: a refused submit that still stored a row.
          const session = await prisma.surveySession.findFirstOrThrow({ where: { instrument: "iit" }, orderBy: { expiresAt: "desc" } });
          await prisma.$transaction((tx) =>
            recordResponses(tx, { agencyId: session.agencyId, cycleId: session.cycleId, instrument: "iit", ruleset: ita2568 }, [
              { screening: {}, answers: Object.fromEntries(Object.entries(validAnswers(IIT_KEYS, 1)).map(([k, v]) => [k, Number(v)])) },
            ]),
          );
        }
        if (answer.error) throw answer.error;
        return new Response(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
      },
    };
    const { failures } = await fuzzRoute(sabotaged, 400, false, SEED + 1);
    expect(failures.some((failure) => failure.label.startsWith("threw a non-Response error"))).toBe(true);
    expect(failures.some((failure) => /Response row\(s\) written by refused requests|Response row\(s\) for invalid input/.test(failure.label))).toBe(true);
  });

  // Was a bug: safeRedirectPath let these through and redirect() threw (500).
  it.each(["/\nfoo", "/\r\nSet-Cookie: x=1", "/\u0000", "/ภาษา", "/\u2028", "/i\ufeffit"])(
    "POST /language redirectTo=%j answers without a 5xx",
    async (redirectTo) => {
      const route = allRoutes.find((candidate) => candidate.id === "language")!;
      const request = new Request("http://localhost/language", {
        method: "POST",
        body: new URLSearchParams({ lang: "en", redirectTo }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      });
      const answer = await invoke(route.action, request, {}, "192.0.2.1");
      expect(answer.error, describeError(answer.error)).toBeUndefined();
      expect(answer.status).toBeLessThan(500);
    },
  );

  // Was a bug: an open redirect (browsers drop the tab and go to //evil.example).
  it('POST /language redirectTo="/\\t/evil.example" stays on this site', async () => {
    const route = allRoutes.find((candidate) => candidate.id === "language")!;
    const request = new Request("http://localhost/language", {
      method: "POST",
      body: new URLSearchParams({ lang: "en", redirectTo: "/\t/evil.example" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
    });
    const answer = await invoke(route.action, request, {}, "192.0.2.1");
    expect(answer.status).toBe(302);
    expect(new URL(answer.location!, `${ORIGIN}/`).origin).toBe(ORIGIN);
  });

  // Known bugs "oit-nul-postgres" and "login-nul-postgres": on PostgreSQL these fail while the app
  // answers 500 (see KNOWN_BUGS); on SQLite the same requests work and the tests must pass.
  const onPostgres = dbTarget.provider === "postgres";
  it(`OIT comment/url with a NUL character answers without a 5xx`, async () => {
    const route = allRoutes.find((candidate) => candidate.id === "admin.agencies.$slug.oit")!;
    const fx = await registeredAgency();
    const cookie = await adminSessionCookie();
    const forms = [
      {
        intent: "assessor",
        ...Object.fromEntries(
          OIT_CODES.flatMap((code) => [
            [`score.${code}`, "50"],
            [`comment.${code}`, code === "o1" ? "a\u0000b" : ""],
          ]),
        ),
      },
      { intent: "agency", ...Object.fromEntries(OIT_CODES.map((code) => [`url.${code}`, code === "o1" ? "https://example.go.th/a\u0000b" : ""])) },
    ];
    for (const fields of forms) {
      const request = new Request(`http://localhost/admin/agencies/${fx.agency.slug}/oit`, {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin", Cookie: cookie },
      });
      const answer = await invoke(route.action, request, { slug: fx.agency.slug }, "192.0.2.2");
      expect(answer.error, describeError(answer.error)).toBeUndefined();
      expect(answer.status).toBeLessThan(500);
    }
  });
  it(`admin login with a NUL character in the e-mail answers without a 5xx`, async () => {
    const route = allRoutes.find((candidate) => candidate.id === "admin_.login._index")!;
    await resetRateLimits();
    const request = new Request("http://localhost/admin/login?index", {
      method: "POST",
      body: new URLSearchParams({ email: "a\u0000@b.c", password: "whatever-123" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
    });
    const answer = await invoke(route.action, request, {}, nextAddress());
    expect(answer.error, describeError(answer.error)).toBeUndefined();
    expect(answer.status).toBeLessThan(500);
  });

  it.each(routes.map((route) => ({ id: route.id, route })))(
    "$id: no 5xx, no Response row for invalid input",
    async ({ route }) => {
      const { failures: all, reached, bounces, known } = await fuzzRoute(route);
      const failures = STRICT
        ? all
        : all.filter((failure) => {
            const bug = KNOWN_BUGS.find((candidate) => candidate.matches(failure));
            if (!bug) return true;
            const seen = knownSeen.get(bug.id);
            knownSeen.set(bug.id, { count: (seen?.count ?? 0) + 1, example: seen?.example ?? failure });
            return false;
          });
      // The cookies must actually get the requests in, or a green run proves nothing.
      if (known) {
        expect(reached / casesFor(route), `${route.id}: share of cases that reached the route's own validation`).toBeGreaterThan(0.5);
        expect(bounces, `${route.id}: cases sent back to a login or start page`).toBeLessThanOrEqual(casesFor(route) * 0.01);
      }
      if (failures.length) {
        // One example per distinct symptom, so a report names each bug once.
        const distinct = new Map<string, Failure>();
        for (const failure of failures) distinct.set(`${failure.status} ${failure.label.split(":")[0]} ${failure.error?.split("\n")[0] ?? ""}`, failure);
        console.error(
          `${route.id}: ${failures.length} failing cases; distinct:\n${[...distinct.values()]
            .slice(0, 8)
            .map((f) => JSON.stringify(f, null, 2))
            .join("\n")}`,
        );
      }
      expect(
        failures.length,
        `${route.id}: ${failures
          .slice(0, 3)
          .map((f) => `#${f.case} ${f.label} → ${f.answer}\n${f.error ?? ""}`)
          .join("\n")}`,
      ).toBe(0);
    },
    600_000,
  );
});
