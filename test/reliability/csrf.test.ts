// CSRF across the whole app: every route module under app/routes that exports an `action` (found
// on disk at test time, so a new route is covered without editing this file) is POSTed cross-site
// — by Sec-Fetch-Site and, for browsers without it, by a foreign Origin — with a valid-looking body
// and cookies good enough to get past its guards (a system admin whose session passed 2FA, a survey
// session with screening done, a live OTP challenge). Every one must answer readForm's 403 and
// write nothing: the six tables the brief names are counted, and every table is compared row by
// row. A same-site control with the same body and cookies then shows the cookies were valid, so
// the 403 came from the CSRF check and not from a missing session.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbTarget } from "~/db.server";
import { registeredAgency } from "../fixtures/db";
import { type Called, describeError, discoverActionRoutes, dumpAllTables, filesDeclaringAction, invoke, namedCounts, routeUrl } from "./harness";
import { ensureCookies, newState, profileFor } from "./profiles";

const routes = await discoverActionRoutes();
const declared = filesDeclaringAction();

// Cross-site in every way a browser can say so. The first two are the brief's; the rest are the
// same rule seen from other angles (a sibling subdomain, a sandboxed/opaque origin, another port,
// and Sec-Fetch-Site winning over a same-looking Origin).
const VARIANTS: { name: string; headers: Record<string, string> }[] = [
  { name: "Sec-Fetch-Site: cross-site", headers: { "Sec-Fetch-Site": "cross-site" } },
  { name: "Origin: https://evil.example, no Sec-Fetch-Site", headers: { Origin: "https://evil.example" } },
  { name: "Sec-Fetch-Site: same-site", headers: { "Sec-Fetch-Site": "same-site" } },
  { name: "Origin: null", headers: { Origin: "null" } },
  { name: "Origin: http://localhost:8080 (another port)", headers: { Origin: "http://localhost:8080" } },
  { name: "Sec-Fetch-Site: cross-site + own Origin", headers: { "Sec-Fetch-Site": "cross-site", Origin: "http://localhost" } },
];

const CSRF_MESSAGE = "Cross-site request refused";

let consoleLog: ReturnType<typeof vi.spyOn>;
beforeAll(() => {
  const original = console.log.bind(console);
  consoleLog = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("[otp:console]")) return; // OTPs of the setup
    original(...args);
  });
});

type Row = { route: string; url: string; cookies: string; refused: string; control: string };
const covered: Row[] = [];

afterAll(() => {
  consoleLog.mockRestore();
  console.log(`\nCSRF: ${covered.length} action routes covered (${dbTarget.provider}), ${VARIANTS.length} cross-site variants each:`);
  console.table(covered);
});

/** Wait until background work of the setup (e.g. an OTP's delivery audit) has landed. */
async function settledDump() {
  let previous = await dumpAllTables();
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const next = await dumpAllTables();
    if (JSON.stringify(next) === JSON.stringify(previous)) return next;
    previous = next;
  }
  return previous;
}

function changedTables(before: Record<string, string>, after: Record<string, string>) {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((table) => before[table] !== after[table]);
}

describe(`CSRF: every action refuses cross-site POSTs (${dbTarget.provider})`, () => {
  it("finds every route file that exports an action", () => {
    expect(declared.length).toBeGreaterThan(0);
    expect(routes.map((route) => route.id)).toEqual(expect.arrayContaining(declared));
    expect(routes.length).toBeGreaterThanOrEqual(declared.length);
  });

  it.each(routes.map((route) => ({ id: route.id, route })))("$id: 403 for every cross-site variant, nothing written", async ({ route }) => {
    const profile = profileFor(route);
    const agency = await registeredAgency(profile.agencyOptions);
    const state = await newState(route, agency);
    const cookie = await ensureCookies(state, profile);
    const url = routeUrl(route.id, state.params);

    const dumpBefore = await settledDump();
    const countsBefore = await namedCounts();
    const statuses: number[] = [];
    for (const variant of VARIANTS) {
      const request = new Request(url, {
        method: "POST",
        body: new URLSearchParams(profile.validBody(state)),
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}), ...variant.headers },
      });
      const called = await invoke(route.action, request, state.params, state.clientAddress);
      const where = `${route.id} (${url}) with ${variant.name}`;
      expect(called.error, `${where} threw:\n${describeError(called.error)}`).toBeUndefined();
      expect(called.status, `${where}: ${String(called.body).slice(0, 200)}`).toBe(403);
      expect(String(called.body), `${where}: refused, but not by the CSRF check`).toContain(CSRF_MESSAGE);
      expect(called.headers.getSetCookie(), `${where}: a refused request set cookies`).toEqual([]);
      statuses.push(called.status);
    }
    expect(await namedCounts(), `${route.id}: rows written by cross-site POSTs`).toEqual(countsBefore);
    const dumpAfter = await dumpAllTables();
    expect(changedTables(dumpBefore, dumpAfter), `${route.id}: tables changed by cross-site POSTs`).toEqual([]);

    // Control: the same body and cookies, same-site. Not refused → the cookies were good enough.
    const control: Called = await invoke(
      route.action,
      new Request(url, {
        method: "POST",
        body: new URLSearchParams(profile.validBody(state)),
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}), "Sec-Fetch-Site": "same-origin" },
      }),
      state.params,
      state.clientAddress,
    );
    expect(control.error, `${route.id} same-site control threw:\n${describeError(control.error)}`).toBeUndefined();
    expect(String(control.body)).not.toContain(CSRF_MESSAGE);
    if (profile.known) expect(profile.control?.(control) ?? null, `${route.id} same-site control`).toBeNull();
    else expect(control.status, `${route.id} (no profile) same-site control`).toBeLessThan(500);

    covered.push({
      route: route.id,
      url: url.replace("http://localhost", ""),
      cookies: Object.keys(profile.cookies).join(", ") || "(none needed)",
      refused: statuses.join(" "),
      control: `${control.status}${control.location ? ` → ${control.location}` : ""}${profile.known ? "" : " (no profile)"}`,
    });
  });

  it("covered every discovered route", () => {
    console.log(`routes covered: ${covered.map((row) => row.route).join(", ")}`);
    expect(covered.length).toBeGreaterThanOrEqual(declared.length);
    expect(covered.map((row) => row.route).sort()).toEqual(routes.map((route) => route.id).sort());
  });
});
