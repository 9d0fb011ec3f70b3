// Per-route knowledge for the reliability tests: which cookies get a request past the route's
// guards, a valid-looking body, the route's real field names and meaningful values (for the fuzz
// generator), and — for the routes that can write a Response row — an oracle saying whether a
// parsed form is a complete valid answer set. A route without a profile here still gets covered,
// with cookies chosen by its URL (admin → signed-in system admin, /iit and /e → survey session)
// and field names scraped from its source.
import fs from "node:fs";
import { prisma } from "~/db.server";
import { otpFormToken } from "~/models/otp.server";
import { SUBMISSION_KEY_PATTERN } from "~/models/submission.server";
import {
  adminSessionCookie,
  type ActionRoute,
  type Agency,
  type Called,
  EIT_KEYS,
  EIT_PASS,
  EIT_SCREENING,
  enrollingCookie,
  IIT_KEYS,
  IIT_PASS,
  IIT_SCREENING,
  INDICATOR_CODES,
  newSubmissionKey,
  LIMITS,
  nextAddress,
  nextPhone,
  OIT_CODES,
  otpChallengeCookie,
  REDIRECT_PAYLOADS,
  surveySessionCookie,
  totpPendingCookie,
  validAnswers,
  world,
} from "./harness";

export type CookieName = "ita_admin" | "ita_survey" | "ita_otp";

export type RouteState = {
  route: ActionRoute;
  agency: Agency;
  params: Record<string, string>;
  /** Cookies this browser holds (name → value). */
  jar: Map<string, string>;
  clientAddress: string;
  /** Cases run so far (for periodic resets). */
  cases: number;
};

export type Profile = {
  /** Cookies the route needs to reach its validation, and how to get a fresh one. */
  cookies: Partial<Record<CookieName, (state: RouteState) => Promise<string>>>;
  /** A body a real page would send (the CSRF tests send this cross-site). */
  validBody: (state: RouteState) => Record<string, string>;
  /** The route's real field names. */
  fields: string[];
  /** Meaningful values for those fields (valid ones and near misses). */
  values: string[];
  /** Values that belong to particular fields ("*" matches any run of characters): drawn for them often. */
  fieldValues?: Record<string, string[]>;
  /** A complete valid body built from a seed (the fuzzer's "near valid" cases mutate it). */
  template: (seed: number, key: string) => [string, string][];
  maxBytes: number;
  /** For routes that can write a Response row: is this parsed form a complete valid answer set? */
  responseOracle?: (form: Map<string, string>) => boolean;
  /** Clear rate-limit counters every N cases so throttles do not hide the validation behind a 429. */
  resetLimitsEvery?: number;
  /** A new client address for every case (per-client limits). */
  freshAddressPerCase?: boolean;
  /** After a case: drop cookies whose server-side state is used up. */
  after?: (state: RouteState, called: Called) => void;
  /** Is this answer a bounce (sent to a login or start page: the cookies did not get it in)? */
  bounce?: (called: Called) => boolean;
  /** Control (same-site) outcome check for the CSRF test: null when it shows the cookies were good. */
  control?: (called: Called) => string | null;
  /** Agency options for this route's own agency. */
  agencyOptions?: { internalPopulation?: number | null; externalPopulation?: number | null };
};

// ───────────── shared value pools ─────────────

const DIGITS6 = ["123456", "000000", "999999", "12345", "1234567", " 123 456 ", "๑๒๓๔๕๖", "１２３４５６", "12345a", "-12345", "1e5", "123456\n"];
const NUMBERS = [
  "0",
  "1",
  "2",
  "3",
  "4",
  "5",
  "-1",
  "00",
  "01",
  "1.0",
  "1.5",
  "1e1",
  "0x1",
  "+1",
  " 1",
  "1 ",
  "NaN",
  "Infinity",
  "9007199254740993",
  "99999999999999999999",
  "๓",
  "٣",
  "３",
];

const answerValid = (keys: { key: string; options: number }[], form: Map<string, string>, ignore: string[]) => {
  const expected = new Set([...keys.map((k) => k.key), ...ignore]);
  if (form.size !== expected.size) return false;
  for (const name of form.keys()) if (!expected.has(name)) return false;
  return keys.every(({ key, options }) => {
    const value = form.get(key)!;
    return /^\d+$/.test(value) && Number(value) < options;
  });
};

const keyOk = (form: Map<string, string>) => SUBMISSION_KEY_PATTERN.test(form.get("submissionKey") ?? "");

// ───────────── cookies ─────────────

const admin = { ita_admin: () => adminSessionCookie() };
const iitSession = { ita_survey: (s: RouteState) => surveySessionCookie(s.agency, "iit") };
const eitSession = { ita_survey: (s: RouteState) => surveySessionCookie(s.agency, "eit1") };

const redirectsTo = (called: Called, pattern: RegExp) => called.location !== null && pattern.test(called.location);
const notLoggedOut = (called: Called) =>
  redirectsTo(called, /^\/admin\/login/) ? `redirected to ${called.location}: the admin cookie was not accepted` : null;

// ───────────── the profiles ─────────────

const submissionTemplate =
  (keys: { key: string; options: number }[], extra: Record<string, string> = {}) =>
  (seed: number, key: string) =>
    Object.entries({ submissionKey: key, ...extra, ...validAnswers(keys, seed) });

export const PROFILES: Record<string, Profile> = {
  "admin_.2fa.setup": {
    cookies: { ita_admin: () => enrollingCookie() },
    validBody: () => ({ code: "123456" }),
    fields: ["code"],
    values: DIGITS6,
    template: (seed) => [["code", String(100000 + (seed % 900000))]],
    maxBytes: LIMITS.MAX_BODY_BYTES,
    after: (state, called) => {
      // A lucky right code enrols TOTP; later requests would only be redirected to /admin.
      if (redirectsTo(called, /^\/admin$/)) state.jar.delete("ita_admin");
    },
    control: (called) => notLoggedOut(called) ?? (called.status === 400 ? null : `expected 400 (wrong code), got ${called.status}`),
  },
  "admin.agencies.$slug._index": {
    cookies: admin,
    validBody: () => ({ intent: "set-populations", internalPopulation: "1,250", externalPopulation: "300" }),
    fields: ["intent", "internalPopulation", "externalPopulation", "instrument", "open", "allow"],
    values: [
      "set-populations",
      "rotate-code",
      "revoke-code",
      "set-open",
      "set-email",
      "iit",
      "eit",
      "eit2",
      "true",
      "false",
      "1,250",
      "10000000",
      "10000001",
      "1 000",
      "",
      ...NUMBERS,
    ],
    fieldValues: {
      intent: ["set-populations", "rotate-code", "revoke-code", "set-open", "set-email"],
      "*Population": ["", "0", "1,250", "1 250", "10000000", "10000001", "99999999", "-1", "1.5", "๑๒", "1e3"],
      instrument: ["iit", "eit", "eit2", "oit"],
      open: ["true", "false", "TRUE", "1"],
      allow: ["true", "false", "yes"],
    },
    template: (seed) => {
      const options: [string, string][][] = [
        [
          ["intent", "set-populations"],
          ["internalPopulation", String(seed % 5000)],
          ["externalPopulation", ""],
        ],
        [["intent", "rotate-code"]],
        [
          ["intent", "set-open"],
          ["instrument", seed % 2 ? "iit" : "eit"],
          ["open", "true"],
        ],
        [
          ["intent", "set-email"],
          ["allow", seed % 2 ? "true" : "false"],
        ],
      ];
      return options[seed % options.length];
    },
    maxBytes: LIMITS.MAX_BODY_BYTES,
    control: (called) => notLoggedOut(called) ?? (called.status === 200 ? null : `expected 200, got ${called.status}`),
  },
  "admin.agencies.$slug.eit2": {
    cookies: admin,
    validBody: () => ({ submissionKey: newSubmissionKey(), "respondent-type": "individual", ...validAnswers(EIT_KEYS, 1) }),
    fields: ["submissionKey", "respondent-type", "dealt-in-year", ...EIT_KEYS.map((k) => k.key), ...IIT_KEYS.slice(0, 3).map((k) => k.key)],
    values: [...EIT_SCREENING.flatMap((q) => q.options), ...NUMBERS],
    template: submissionTemplate(EIT_KEYS, { "respondent-type": EIT_SCREENING[0].options[0] }),
    maxBytes: LIMITS.MAX_BODY_BYTES,
    responseOracle: (form) =>
      keyOk(form) && EIT_SCREENING[0].options.includes(form.get("respondent-type") ?? "") && answerValid(EIT_KEYS, form, ["submissionKey", "respondent-type"]),
    control: (called) => notLoggedOut(called) ?? (called.status === 200 ? null : `expected 200, got ${called.status}`),
  },
  "admin.agencies.$slug.oit": {
    cookies: admin,
    validBody: () => ({ intent: "agency", ...Object.fromEntries(OIT_CODES.map((code) => [`url.${code}`, `https://example.go.th/${code}`])) }),
    fields: ["intent", ...OIT_CODES.flatMap((code) => [`url.${code}`, `score.${code}`, `comment.${code}`]), "url.o99", "score.o0"],
    values: [
      "agency",
      "assessor",
      "https://example.go.th/a",
      "http://x.y",
      "ftp://x.y",
      "javascript:alert(1)",
      "https://",
      "0",
      "100",
      "100.00",
      "100.01",
      "99.999",
      "1e2",
      "-0",
      ...NUMBERS,
    ],
    fieldValues: {
      intent: ["agency", "assessor", "Agency", ""],
      "url.*": [
        "",
        "https://example.go.th/a",
        "http://x.y",
        "ftp://x.y",
        "javascript:alert(1)",
        "https://",
        "https://ตัวอย่าง.ไทย/หน้า",
        `https://x.y/${"a".repeat(490)}`,
      ],
      "score.*": ["", "0", "100", "100.00", "100.01", "99.999", "1e2", "-0", " 50 ", "๕๐", "0.5", "101"],
      "comment.*": ["", "ok", "ความเห็น", "x".repeat(1000), "x".repeat(1001), "a\u0000b", '\'; DROP TABLE "OitScore"; --'],
    },
    template: (seed) =>
      seed % 2
        ? [["intent", "agency"], ...OIT_CODES.map((code): [string, string] => [`url.${code}`, seed % 3 ? `https://example.go.th/${code}` : ""])]
        : [
            ["intent", "assessor"],
            ...OIT_CODES.flatMap((code): [string, string][] => [
              [`score.${code}`, String(seed % 101)],
              [`comment.${code}`, "ok"],
            ]),
          ],
    maxBytes: LIMITS.MAX_BODY_BYTES,
    control: (called) => notLoggedOut(called) ?? (called.status === 200 ? null : `expected 200, got ${called.status}`),
  },
  "admin.agencies.$slug.plan._index": {
    cookies: admin,
    validBody: () => ({
      threshold: "85",
      digits: "thai",
      "note.1": "หมายเหตุ",
      "m.1.0.title": "อบรมเจ้าหน้าที่",
      "m.1.0.start": "2026-01-01",
      "m.1.0.end": "2026-03-31",
      "sig.officer.name": "นายทดสอบ",
    }),
    fields: [
      "threshold",
      "digits",
      "intent",
      ...INDICATOR_CODES.flatMap((code) => [
        `note.${code}`,
        `lib.${code}`,
        ...["title", "steps", "start", "end", "unit", "item", "remove"].map((f) => `m.${code}.0.${f}`),
        `m.${code}.29.title`,
        `m.${code}.99.title`,
        `m.${code}.01.title`,
      ]),
      ...["officer", "secretary", "executive"].flatMap((who) => [`sig.${who}.name`, `sig.${who}.position`]),
      "sig.mayor.name",
      "m..0.title",
      "m.1.-1.title",
    ],
    values: [
      "save",
      "save-new",
      "thai",
      "arabic",
      "85",
      "100",
      "100.5",
      "-1",
      "1e2",
      "2026-01-01",
      "2026-02-30",
      "2026-13-01",
      "0000-00-00",
      "9999-12-31",
      "i1|0",
      "i1|999",
      "o1|0",
      "e1|0",
      "i1|",
      "|0",
      "1",
      "i1.1",
      ...NUMBERS,
    ],
    fieldValues: {
      threshold: ["", "0", "85", "100", "100.5", "-1", "1e2", "NaN", "Infinity", "0x10"],
      digits: ["thai", "arabic", "roman", ""],
      intent: ["save", "save-new", "publish"],
      "m.*.start": ["", "2026-01-01", "2026-02-29", "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "2026-1-1", "+002026-01-01"],
      "m.*.end": ["", "2025-12-31", "2026-06-30", "2026-02-30", "9999-12-31"],
      "m.*.item": ["", "i1", "e3", "o1", "i1.1", "x".repeat(11)],
      "m.*.remove": ["1", "0", "true"],
      "lib.*": ["", "i1|0", "i1|1", "i1|999", "o1|0", "e1|0", "i1|", "|0", "i9|0", "i1|-1", "i1|1.5"],
    },
    template: (seed) => [
      ["threshold", String(seed % 101)],
      ["digits", seed % 2 ? "thai" : "arabic"],
      ["intent", seed % 3 ? "save" : "save-new"],
      ["note.1", "หมายเหตุ"],
      ["m.1.0.title", "มาตรการ"],
      ["m.1.0.start", "2026-01-01"],
      ["m.1.0.end", "2026-06-30"],
      ["sig.officer.name", "ชื่อ"],
    ],
    maxBytes: LIMITS.MAX_LONG_FORM_BYTES,
    control: (called) =>
      notLoggedOut(called) ??
      (called.status === 302 && /saved=1/.test(called.location ?? "") ? null : `expected 302 ?saved=1, got ${called.status} ${called.location}`),
  },
  "admin.agencies.$slug.results": {
    cookies: admin,
    validBody: () => ({ intent: "publish", confirm: "yes" }),
    fields: ["intent", "confirm"],
    values: ["publish", "yes", "no", "YES", "Yes", "true"],
    template: () => [
      ["intent", "publish"],
      ["confirm", "yes"],
    ],
    maxBytes: LIMITS.MAX_BODY_BYTES,
    control: (called) => notLoggedOut(called) ?? ([200, 409].includes(called.status) ? null : `expected 200/409, got ${called.status}`),
  },
  "admin_.login.2fa": {
    cookies: { ita_admin: () => totpPendingCookie() },
    validBody: () => ({ code: "123456" }),
    fields: ["code"],
    values: [...DIGITS6, "ABCDE-FGHJK", "abcde fghjk", "ABCDEFGHJK", "0000000000", "๑๒๓๔๕๖๗๘๙๐"],
    template: (seed) => [["code", String(100000 + (seed % 900000))]],
    maxBytes: LIMITS.MAX_BODY_BYTES,
    // Per account 5 wrong codes per 15 min (then 429 before the code is looked at), and 5 per
    // session revoke it: clearing the counters every 4 cases keeps every case reaching the check.
    resetLimitsEvery: 4,
    control: (called) => notLoggedOut(called) ?? (called.status === 401 ? null : `expected 401 (wrong code), got ${called.status}`),
  },
  "admin_.login._index": {
    cookies: {},
    validBody: () => ({ email: "someone@test.ita.local", password: "a-wrong-password", redirectTo: "/admin" }),
    fields: ["email", "password", "redirectTo"],
    values: ["admin@test.ita.local", "a@b", "ab", "/admin", "x".repeat(129), "x".repeat(255), ...REDIRECT_PAYLOADS],
    fieldValues: {
      email: ["nobody@test.ita.local", "a@b", "ab", "x".repeat(255) + "@x.y", "ADMIN@TEST.ITA.LOCAL", " admin@test.ita.local "],
      password: ["", "x", "a-wrong-password", "x".repeat(128), "x".repeat(129)],
      redirectTo: ["/admin", ...REDIRECT_PAYLOADS],
    },
    template: (seed) => [
      ["email", `nobody${seed}@test.ita.local`],
      ["password", `wrong-${seed}`],
      ["redirectTo", "/admin"],
    ],
    maxBytes: LIMITS.MAX_BODY_BYTES,
    // scrypt (~90 ms) runs only when the throttle lets an attempt through (20 per client per
    // 15 min): a reset every 2,500 cases gives ~80 full sign-in attempts; the rest are parsed and
    // validated, then throttled.
    resetLimitsEvery: 2500,
    control: (called) => (called.status === 401 ? null : `expected 401 (unknown account), got ${called.status}`),
  },
  "admin_.logout": {
    cookies: admin,
    validBody: () => ({}),
    fields: ["redirectTo", "intent"],
    values: ["/admin", "logout"],
    template: () => [],
    maxBytes: LIMITS.MAX_BODY_BYTES,
    bounce: () => false, // the login page is where a logout goes
    control: (called) => (called.status === 302 && called.location === "/admin/login" ? null : `expected 302 /admin/login, got ${called.status}`),
  },
  "e.$slug._index": {
    cookies: {},
    validBody: (state) => ({ contact: nextPhone(), counter: "front-desk", formToken: otpFormToken(state.agency.agency.id) }),
    fields: ["contact", "counter", "formToken", "phone", "email"],
    values: [
      "0812345678",
      "081-234-5678",
      "+66 81 234 5678",
      "+66812345678",
      "๐๘๑๒๓๔๕๖๗๘",
      "０８１２３４５６７８",
      "021234567",
      "+14155550100",
      "someone@example.com",
      "a@b",
      "front-desk",
      "Front-Desk",
      "-x",
      "a".repeat(33),
      "counter_1",
    ],
    fieldValues: {
      contact: [
        "0812345678",
        "081-234-5678",
        "+66 81 234 5678",
        "+66812345678",
        "๐๘๑๒๓๔๕๖๗๘",
        "０８１２３４５６７８",
        "021234567",
        "+14155550100",
        "someone@example.com",
        "a@b",
        "(081) 234 5678",
      ],
      counter: ["", "front-desk", "Front-Desk", "-x", "a".repeat(32), "a".repeat(33), "counter_1", "ช่อง1"],
    },
    template: (seed) => [
      ["contact", `081${String(1_000_000 + (seed % 8_999_999))}`],
      ["counter", seed % 2 ? "front-desk" : ""],
    ],
    maxBytes: LIMITS.MAX_BODY_BYTES,
    resetLimitsEvery: 100, // 300 sends per agency and 120 per address per hour, 3 per number per 10 min
    control: (called) => (called.status === 302 && /\/verify$/.test(called.location ?? "") ? null : `expected 302 …/verify, got ${called.status}`),
  },
  "e.$slug.eligibility": {
    cookies: eitSession,
    validBody: () => ({ ...EIT_PASS }),
    fields: EIT_SCREENING.map((q) => q.code).concat(["position", "tenure"]),
    values: EIT_SCREENING.flatMap((q) => q.options).concat(IIT_SCREENING.flatMap((q) => q.options)),
    template: (seed) => EIT_SCREENING.map((q, i): [string, string] => [q.code, i === 1 ? "yes" : q.options[seed % q.options.length]]),
    maxBytes: LIMITS.MAX_BODY_BYTES,
    control: (called) =>
      called.status === 302 && /\/survey$/.test(called.location ?? "") ? null : `expected 302 …/survey, got ${called.status} ${called.location}`,
  },
  "e.$slug.survey": {
    cookies: eitSession,
    validBody: () => ({ submissionKey: newSubmissionKey(), ...validAnswers(EIT_KEYS, 2) }),
    fields: ["submissionKey", ...EIT_KEYS.map((k) => k.key), ...IIT_KEYS.slice(0, 3).map((k) => k.key), "e10", "e1", "e3.4", "i1.1"],
    values: NUMBERS,
    template: submissionTemplate(EIT_KEYS),
    maxBytes: LIMITS.MAX_BODY_BYTES,
    responseOracle: (form) => keyOk(form) && answerValid(EIT_KEYS, form, ["submissionKey"]),
    control: (called) =>
      called.status === 302 && /\/thanks$/.test(called.location ?? "") ? null : `expected 302 …/thanks, got ${called.status} ${called.location}`,
  },
  "e.$slug.verify": {
    cookies: { ita_otp: (s) => otpChallengeCookie(s.agency) },
    validBody: () => ({ code: "123456" }),
    fields: ["code", "otp"],
    values: DIGITS6,
    template: (seed) => [["code", String(100000 + (seed % 900000))]],
    maxBytes: LIMITS.MAX_BODY_BYTES,
    resetLimitsEvery: 200,
    after: (state, called) => {
      // 5 wrong codes kill a challenge: start a new one so the rest still reach verifyOtp.
      const body = called.body as { error?: string; attemptsLeft?: number } | null;
      if (body?.error === "eit.verify.dead" || (typeof body?.attemptsLeft === "number" && body.attemptsLeft <= 1)) state.jar.delete("ita_otp");
    },
    control: (called) => {
      const body = called.body as { error?: string } | null;
      return called.status === 400 && body?.error === "eit.verify.wrong"
        ? null
        : `expected 400 eit.verify.wrong (a live challenge), got ${called.status} ${JSON.stringify(body)}`;
    },
  },
  "iit._index": {
    cookies: {},
    validBody: (s) => ({ code: s.agency.iitCode }),
    fields: ["code"],
    values: ["ABCDE-FGHJK", "abcde fghjk", "ABCDEFGHJK", "ZZZZZ-ZZZZZ", "ABC-12", "0O1IL-00000"],
    template: () => [["code", "ZZZZZ-ZZZZ1"]],
    maxBytes: LIMITS.MAX_BODY_BYTES,
    freshAddressPerCase: true, // 10 wrong codes per client per 10 min
    control: (called) => (called.status === 302 && called.location === "/iit/eligibility" ? null : `expected 302 /iit/eligibility, got ${called.status}`),
  },
  "iit.eligibility": {
    cookies: iitSession,
    validBody: () => ({ ...IIT_PASS }),
    fields: IIT_SCREENING.map((q) => q.code).concat(["respondent-type", "dealt-in-year"]),
    values: IIT_SCREENING.flatMap((q) => q.options).concat(EIT_SCREENING.flatMap((q) => q.options)),
    template: (seed) => IIT_SCREENING.map((q, i): [string, string] => [q.code, i === 1 ? "yes" : q.options[seed % q.options.length]]),
    maxBytes: LIMITS.MAX_BODY_BYTES,
    control: (called) =>
      called.status === 302 && called.location === "/iit/survey" ? null : `expected 302 /iit/survey, got ${called.status} ${called.location}`,
  },
  "iit.survey": {
    cookies: iitSession,
    validBody: () => ({ submissionKey: newSubmissionKey(), ...validAnswers(IIT_KEYS, 3) }),
    fields: ["submissionKey", ...IIT_KEYS.map((k) => k.key), ...EIT_KEYS.slice(0, 3).map((k) => k.key), "i16", "i1", "i15.5", "e1.1"],
    values: NUMBERS,
    template: submissionTemplate(IIT_KEYS),
    maxBytes: LIMITS.MAX_BODY_BYTES,
    responseOracle: (form) => keyOk(form) && answerValid(IIT_KEYS, form, ["submissionKey"]),
    agencyOptions: { internalPopulation: 1_000_000 },
    control: (called) =>
      called.status === 302 && called.location === "/iit/thanks" ? null : `expected 302 /iit/thanks, got ${called.status} ${called.location}`,
  },
  language: {
    cookies: {},
    validBody: () => ({ lang: "en", redirectTo: "/iit" }),
    fields: ["lang", "redirectTo"],
    values: ["th", "en", "TH", "fr", "", "/iit", ...REDIRECT_PAYLOADS],
    fieldValues: { lang: ["th", "en", "TH", "fr", ""], redirectTo: ["/", "/iit", "/admin?page=2", ...REDIRECT_PAYLOADS] },
    template: (seed) => [
      ["lang", seed % 2 ? "th" : "en"],
      ["redirectTo", "/"],
    ],
    maxBytes: LIMITS.MAX_BODY_BYTES,
    control: (called) => (called.status === 302 ? null : `expected 302, got ${called.status}`),
  },
};

/** Field names a route's source mentions (name="…", form.get("…"), fields["…"]). */
function scrapedFields(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const names = new Set<string>();
  for (const pattern of [/name="([^"]{1,60})"/g, /form\.get\("([^"]{1,60})"\)/g, /fields\[["'`]([^"'`]{1,60})["'`]\]/g]) {
    for (const match of source.matchAll(pattern)) names.add(match[1]);
  }
  return [...names];
}

/** The profile of a route: its own, or one inferred from its URL for a route added later. */
export function profileFor(route: ActionRoute): Profile & { known: boolean } {
  const own = PROFILES[route.id];
  if (own) return { ...own, known: true };
  const fields = scrapedFields(route.file);
  const cookies = route.kind === "admin" ? admin : route.kind === "iit" ? iitSession : route.kind === "eit" ? eitSession : {};
  return {
    known: false,
    cookies,
    validBody: () => Object.fromEntries(fields.map((name) => [name, "1"])),
    fields: fields.length ? fields : ["intent", "code"],
    values: NUMBERS,
    template: () => fields.map((name): [string, string] => [name, "1"]),
    // A new route reading a long form would show up as 413s for mid-size bodies, not as failures.
    maxBytes: LIMITS.MAX_BODY_BYTES,
  };
}

// ───────────── state ─────────────

export async function resetRateLimits() {
  await prisma.rateLimitCounter.deleteMany({});
}

export async function newState(route: ActionRoute, agency: Agency): Promise<RouteState> {
  await world();
  const params = Object.fromEntries(route.params.map((name) => [name, agency.agency.slug]));
  return { route, agency, params, jar: new Map(), clientAddress: nextAddress(), cases: 0 };
}

/** Make sure the browser holds every cookie the route needs (creating sessions as needed). */
export async function ensureCookies(state: RouteState, profile: Profile): Promise<string> {
  for (const [name, make] of Object.entries(profile.cookies) as [CookieName, (s: RouteState) => Promise<string>][]) {
    if (!state.jar.has(name)) {
      const [pair] = (await make(state)).split("; ");
      state.jar.set(name, pair.slice(pair.indexOf("=") + 1));
    }
  }
  return [...state.jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** What a browser does with the answer's Set-Cookie headers; plus dropping used-up state. */
export function absorb(state: RouteState, profile: Profile, called: Called) {
  for (const header of called.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(";");
    const name = pair.slice(0, pair.indexOf("=")).trim();
    const value = pair.slice(pair.indexOf("=") + 1);
    const expired = attributes.some((a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
    if (expired || value === "") state.jar.delete(name);
    else state.jar.set(name, value);
  }
  // Sent back to the start or to the login: the server-side session is gone.
  const location = called.location ?? "";
  if (/^\/admin\/login/.test(location)) state.jar.delete("ita_admin");
  if (/expired=1|^\/iit$|^\/iit\/eligibility$|^\/e\/[^/]+$|^\/e\/[^/]+\/eligibility$/.test(location) && state.route.id !== "iit._index")
    state.jar.delete("ita_survey");
  profile.after?.(state, called);
}
