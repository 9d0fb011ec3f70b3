// Shared by the reliability tests (csrf.test.ts, fuzz.test.ts): finds every route module under
// app/routes that exports an `action` (read from disk at test time, so a new route is covered
// without touching these tests), builds the world each route needs to get past its guards (a
// signed-in system admin, survey sessions with screening done, an OTP challenge, a real agency
// slug), and calls actions in-process the way Remix would, turning every outcome — returned or
// thrown Response, data(), plain value, or a thrown non-Response error (a 5xx) — into one shape.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { perceptionItems } from "~/domain/answers";
import { instrumentItems } from "~/domain/ruleset";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { screeningQuestions } from "~/domain/screening";
import { dbTarget, prisma } from "~/db.server";
import { createAdminSession } from "~/models/admin-session.server";
import { contactHashForCycle } from "~/models/cycle.server";
import { requestOtp } from "~/models/otp.server";
import { createSurveySession, saveScreening } from "~/models/survey-session.server";
import { acceptTotp, beginTotpEnrolment, createUser } from "~/models/user.server";
import { adminCookie } from "~/services/admin-guard.server";
import { parseContact } from "~/utils/contact";
import { randomId, randomToken, sha256 } from "~/utils/crypto.server";
import { MAX_BODY_BYTES, MAX_FORM_FIELDS, MAX_LONG_FORM_BYTES, MAX_LONG_FORM_FIELDS } from "~/utils/http.server";
import { otpCookie, surveyCookie } from "~/services/survey-cookies.server";
import { totpAt } from "~/utils/totp.server";
import { openCycle, registeredAgency } from "../fixtures/db";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const ROUTES_DIR = path.join(ROOT, "app/routes");
export const ORIGIN = "http://localhost";

// ───────────── discovery ─────────────

export type ActionFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;
export type RouteKind = "admin" | "iit" | "eit" | "public";
export type ActionRoute = {
  /** The route id: the file (or folder) name without extension, e.g. "admin.agencies.$slug._index". */
  id: string;
  file: string;
  action: ActionFn;
  /** Dynamic segments, e.g. ["slug"]. */
  params: string[];
  kind: RouteKind;
};

const MODULE_EXTENSIONS = /\.(tsx|ts|jsx|js)$/;

/** Route module files of the flat-routes convention: app/routes/<id>.tsx and app/routes/<id>/route.tsx. */
export function routeModuleFiles(): { id: string; file: string }[] {
  const found: { id: string; file: string }[] = [];
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    if (entry.isFile() && MODULE_EXTENSIONS.test(entry.name)) {
      found.push({ id: entry.name.replace(MODULE_EXTENSIONS, ""), file: path.join(ROUTES_DIR, entry.name) });
    } else if (entry.isDirectory()) {
      const inner = fs.readdirSync(path.join(ROUTES_DIR, entry.name)).find((name) => /^route\.(tsx|ts|jsx|js)$/.test(name));
      if (inner) found.push({ id: entry.name, file: path.join(ROUTES_DIR, entry.name, inner) });
    }
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

/** Route files whose source text exports an action (independent of importing them). */
export function filesDeclaringAction(): string[] {
  const pattern = /export\s+(async\s+)?function\s+action\b|export\s+(const|let|var)\s+action\b|export\s*\{[^}]*\baction\b[^}]*\}/;
  return routeModuleFiles()
    .filter(({ file }) => pattern.test(fs.readFileSync(file, "utf8")))
    .map(({ id }) => id);
}

/** Route id split into segments on dots outside [brackets]. */
function segmentsOf(id: string): string[] {
  const segments: string[] = [];
  let current = "";
  let depth = 0;
  for (const ch of id) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "." && depth === 0) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  return segments;
}

function kindOf(id: string): RouteKind {
  const first = segmentsOf(id)[0].replace(/_$/, ""); // admin_.login: outside the admin layout, still admin
  if (first === "admin") return "admin";
  if (first === "iit") return "iit";
  if (first === "e") return "eit";
  return "public";
}

export async function discoverActionRoutes(): Promise<ActionRoute[]> {
  const routes: ActionRoute[] = [];
  for (const { id, file } of routeModuleFiles()) {
    const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { action?: unknown };
    if (typeof mod.action !== "function") continue;
    const params = segmentsOf(id)
      .map((segment) => segment.replace(/^\(|\)$/g, ""))
      .filter((segment) => segment.startsWith("$"))
      .map((segment) => (segment === "$" ? "*" : segment.slice(1)));
    routes.push({ id, file, action: mod.action as ActionFn, params, kind: kindOf(id) });
  }
  return routes;
}

/** The URL a browser would POST to for a route id (index routes get ?index, as Remix forms do). */
export function routeUrl(id: string, params: Record<string, string>): string {
  const parts: string[] = [];
  let index = false;
  for (let segment of segmentsOf(id)) {
    segment = segment.replace(/^\(|\)$/g, "");
    if (segment === "_index") {
      index = true;
      continue;
    }
    if (segment.startsWith("_")) continue; // pathless layout
    segment = segment.replace(/_$/, "");
    if (segment.startsWith("$")) segment = encodeURIComponent(params[segment === "$" ? "*" : segment.slice(1)] ?? "x");
    parts.push(segment.replace(/[[\]]/g, ""));
  }
  return `${ORIGIN}/${parts.join("/")}${index ? "?index" : ""}`;
}

// ───────────── calling an action ─────────────

export type Called = {
  status: number;
  headers: Headers;
  location: string | null;
  body: unknown;
  /** A thrown error that is not a Response: Remix would answer 500. */
  error?: unknown;
};

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

export async function invoke(action: ActionFn, request: Request, params: Record<string, string>, clientAddress: string): Promise<Called> {
  let value: unknown;
  try {
    value = await action({ request, params, context: { clientAddress } });
  } catch (thrown) {
    if (!(thrown instanceof Response)) return { status: 500, headers: new Headers(), location: null, body: null, error: thrown };
    value = thrown;
  }
  if (value instanceof Response) {
    const text = await value.text();
    return { status: value.status, headers: value.headers, location: value.headers.get("Location"), body: text };
  }
  if (isDataWithInit(value)) {
    const headers = new Headers(value.init?.headers);
    return { status: value.init?.status ?? 200, headers, location: headers.get("Location"), body: value.data };
  }
  return { status: 200, headers: new Headers(), location: null, body: value };
}

/** A cookie header from Set-Cookie values (name=value only). */
export function cookieHeader(setCookies: string[]): string {
  return setCookies.map((header) => header.split(";")[0]).join("; ");
}

/** True when the outcome clears the named cookie. */
export function clearsCookie(called: Called, name: string): boolean {
  return called.headers
    .getSetCookie()
    .some((header) => header.startsWith(`${name}=`) && (/max-age=0/i.test(header) || /expires=Thu, 01 Jan 1970/i.test(header)));
}

// ───────────── the ruleset's real field names ─────────────

const ruleset = ita2568;
export const IIT_KEYS = perceptionItems(ruleset, "iit").flatMap((item) =>
  item.answers.map((answer) => ({ key: answer.key, options: answer.optionSet.options.length })),
);
export const EIT_KEYS = perceptionItems(ruleset, "eit").flatMap((item) =>
  item.answers.map((answer) => ({ key: answer.key, options: answer.optionSet.options.length })),
);
export const IIT_SCREENING = screeningQuestions(ruleset, "iit").map((question) => ({
  code: question.code,
  options: question.options.map((option) => option.code),
}));
export const EIT_SCREENING = screeningQuestions(ruleset, "eit").map((question) => ({
  code: question.code,
  options: question.options.map((option) => option.code),
}));
export const OIT_CODES = instrumentItems(ruleset, "oit").map((item) => item.code);
export const INDICATOR_CODES = ruleset.indicators.map((indicator) => indicator.code);
/** Screening answers that pass (the first option that does not block: staff + yes, individual + yes). */
export const IIT_PASS = { position: "staff", tenure: "yes" };
export const EIT_PASS = { "respondent-type": "individual", "dealt-in-year": "yes" };

export function validAnswers(keys: { key: string; options: number }[], seed: number): Record<string, string> {
  return Object.fromEntries(keys.map(({ key, options }, i) => [key, String((seed + i * 7) % options)]));
}

// ───────────── the world ─────────────

let addressCounter = 0;
/** A distinct client address (TEST-NET-2 / benchmark ranges) so per-client limits never collide. */
export function nextAddress(): string {
  addressCounter++;
  return `198.${18 + ((addressCounter >> 16) & 1)}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

export type Agency = Awaited<ReturnType<typeof registeredAgency>>;

export type World = {
  cycleId: string;
  /** A system_admin whose session passed 2FA. */
  admin: { id: string; email: string; password: string };
  /** A system_admin with TOTP enrolled (for /admin/login/2fa), signed in with the password only. */
  totpAdmin: { id: string; email: string; password: string; secret: string };
  /** An admin without TOTP (for /admin/2fa/setup), signed in with the password only. */
  enrollingAdmin: { id: string; email: string; password: string };
};

let worldPromise: Promise<World> | null = null;

export function world(): Promise<World> {
  worldPromise ??= (async () => {
    const cycle = await openCycle();
    const suffix = randomId().slice(0, 8);
    const make = async (label: string) => {
      const password = `pass-${randomId()}`;
      const email = `${label}-${suffix}@test.ita.local`;
      const user = await createUser({ email, name: label, password, scope: { role: "system_admin" } });
      return { id: user.id, email, password };
    };
    const admin = await make("sysadmin");
    const enrollingAdmin = await make("enrolling");
    const totpBase = await make("totp");
    const secret = await beginTotpEnrolment(totpBase.id);
    const fresh = await prisma.user.findUniqueOrThrow({ where: { id: totpBase.id } });
    if (!(await acceptTotp(fresh, await totpAt(secret, new Date()), new Date(), { enable: true }))) throw new Error("could not enrol TOTP");
    return { cycleId: cycle.id, admin, enrollingAdmin, totpAdmin: { ...totpBase, secret } };
  })();
  return worldPromise;
}

/** A signed-in system admin (password + 2FA verified), as the Cookie header value. */
export async function adminSessionCookie(): Promise<string> {
  const { admin } = await world();
  return cookieHeader([await adminCookie.serialize(await createAdminSession(admin.id, true))]);
}

/** A password-only session of an admin with TOTP enrolled: what /admin/login/2fa expects. */
export async function totpPendingCookie(): Promise<string> {
  const { totpAdmin } = await world();
  return cookieHeader([await adminCookie.serialize(await createAdminSession(totpAdmin.id, false))]);
}

/** A password-only session of an admin without TOTP: what /admin/2fa/setup expects. */
export async function enrollingCookie(): Promise<string> {
  const { enrollingAdmin } = await world();
  return cookieHeader([await adminCookie.serialize(await createAdminSession(enrollingAdmin.id, false))]);
}

let contactCounter = 0;
/** A fresh Thai mobile number (valid in libphonenumber's metadata: 08x-xxx-xxxx). */
export function nextPhone(): string {
  contactCounter++;
  return `081${String(1_000_000 + ((contactCounter * 7919 + process.pid) % 8_999_999)).padStart(7, "0")}`;
}

/** A survey session with screening done, for `agency`, as the Cookie header value. */
export async function surveySessionCookie(agency: Agency, instrument: "iit" | "eit1"): Promise<string> {
  const contactHash = instrument === "eit1" ? contactHashForCycle(agency.cycle, `+66${nextPhone().slice(1)}-${randomId()}`) : null;
  const token = await createSurveySession({
    agencyId: agency.agency.id,
    cycleId: agency.cycle.id,
    instrument,
    contactHash,
  });
  await saveScreening(sha256(token), instrument === "iit" ? IIT_PASS : EIT_PASS);
  return cookieHeader([await surveyCookie.serialize(token)]);
}

/** A live OTP challenge for `agency` (the code itself is not needed), as the Cookie header value. */
export async function otpChallengeCookie(agency: Agency): Promise<string> {
  const parsed = parseContact(nextPhone(), { allowEmail: false });
  if (!parsed.ok) throw new Error(`test phone rejected: ${parsed.error}`);
  const result = await requestOtp({
    cycle: agency.cycle,
    agency: agency.agency,
    contact: parsed.contact,
    channel: "qr",
    lang: "th",
    message: (code) => ({ subject: "OTP", text: `รหัส: ${code}` }),
  });
  if (result.status !== "issued") throw new Error(`OTP challenge not issued (${result.status})`);
  return cookieHeader([await otpCookie.serialize(result.challengeToken)]);
}

export const newSubmissionKey = () => randomToken(16);

// ───────────── what the database holds ─────────────

/** The tables named by the reliability brief, counted. */
export async function namedCounts() {
  const [auditLog, response, idempotencyKey, otpChallenge, improvementPlan, oitScore] = await Promise.all([
    prisma.auditLog.count(),
    prisma.response.count(),
    prisma.idempotencyKey.count(),
    prisma.otpChallenge.count(),
    prisma.improvementPlan.count(),
    prisma.oitScore.count(),
  ]);
  return {
    AuditLog: auditLog,
    Response: response,
    IdempotencyKey: idempotencyKey,
    OtpChallenge: otpChallenge,
    ImprovementPlan: improvementPlan,
    OitScore: oitScore,
  };
}

/** Every row of every table as text: any insert, update or delete shows as a difference. */
export async function dumpAllTables(): Promise<Record<string, string>> {
  const tables =
    dbTarget.provider === "sqlite"
      ? (
          await prisma.$queryRawUnsafe<{ name: string }[]>(
            `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'`,
          )
        ).map((row) => row.name)
      : (
          await prisma.$queryRawUnsafe<{ table_name: string }[]>(
            `SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_prisma%'`,
          )
        ).map((row) => row.table_name);
  const dump: Record<string, string> = {};
  for (const table of tables.sort()) {
    const rows =
      dbTarget.provider === "sqlite"
        ? await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`)
        : (await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`)).map(
            (row) => JSON.parse(row.row) as unknown,
          );
    const text = rows.map((row) => JSON.stringify(row, (_key, value) => (typeof value === "bigint" ? value.toString() : value))).sort();
    dump[table] = text.join("\n");
  }
  return dump;
}

// Paths and the usual open-redirect payloads (a redirect target must stay on this site).
export const REDIRECT_PAYLOADS = [
  "/",
  "//evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "https://evil.example",
  "https:evil.example",
  "javascript:alert(1)",
  "../../etc/passwd",
  "%2F%2Fevil",
  "/%2F/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/ /evil.example",
  "/\u3000/evil.example",
  "/.//evil.example",
  "/@evil.example",
  "/admin?x=<script>",
  "data:text/html,x",
  "/ภาษา",
  "/e/เทศบาล?q=ไทย",
];

export const LIMITS = { MAX_BODY_BYTES, MAX_LONG_FORM_BYTES, MAX_FORM_FIELDS, MAX_LONG_FORM_FIELDS };

/** One-line description of an error with its stack (for failure reports). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${(error.stack ?? "").split("\n").slice(1, 9).join("\n")}`;
  return String(error);
}
