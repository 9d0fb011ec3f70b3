// The fuzzer's request generator (fast-check arbitraries) and the oracle that says what a correct
// readForm would make of a request. A case is a small description; its body is built only when
// it is sent, so 10,000 cases with bodies up to 300 KB do not sit in memory at once.
//
// fast-check is a devDependency (3.x).
import fc from "fast-check";
import { LIMITS, REDIRECT_PAYLOADS } from "./harness";
import type { Profile } from "./profiles";

// ───────────── values ─────────────

/** A value: text, or a long run of one unit built at send time. */
export type Val = string | { repeat: string; times: number };
export type Entry = [string, Val];

export type Mutation =
  | { op: "drop"; at: number }
  | { op: "set"; at: number; value: Val; pick: number; usePool: boolean }
  | { op: "add"; name: string; value: Val }
  | { op: "dup"; at: number }
  | { op: "rename"; at: number; name: string }
  | { op: "case"; at: number }
  | { op: "inject"; at: number; how: { what: string; at: number } };

export type SizeClass = "limit-1" | "limit" | "limit+1" | "over" | "16k+1" | "over-256k";

export type FuzzCase = {
  kind: "form" | "near-valid" | "raw" | "multipart" | "json" | "text-plain" | "no-type" | "empty";
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  entries: Entry[];
  /** near-valid: the template's seed, submission key and what is changed. */
  seed: number;
  key: string;
  mutations: Mutation[];
  /** raw: undecodable / odd urlencoded text appended to the entries. */
  raw: string[];
  /** form: one entry sent twice. */
  repeat: number | null;
  contentType: string | null;
  size: { target: SizeClass; extra: number; unit: "x" | "thai" | "plus"; field: string } | null;
  transport: "buffer" | "stream";
  chunk: number;
  contentLength: "absent" | "honest" | "small-lie" | "huge" | "garbage";
  site: "same-origin" | "none" | "own-origin" | "both" | "absent";
  json: unknown;
};

const char = fc.oneof(
  // (code points mapped by hand rather than fc.char()/fc.fullUnicode(), which fast-check 4 removed)
  { weight: 5, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((cp) => String.fromCodePoint(cp)) },
  { weight: 4, arbitrary: fc.integer({ min: 0x0e01, max: 0x0e5b }).map((cp) => String.fromCodePoint(cp)) }, // Thai, digits ๐–๙ included
  { weight: 1, arbitrary: fc.integer({ min: 0x0300, max: 0x036f }).map((cp) => String.fromCodePoint(cp)) }, // combining marks
  { weight: 1, arbitrary: fc.constantFrom("\u0e31", "\u0e34", "\u0e35", "\u0e47", "\u0e48", "\u0e49", "\u0e4c", "\u0e4d") }, // Thai marks
  { weight: 1, arbitrary: fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f })).map((cp) => String.fromCodePoint(cp)) }, // control
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "\u200b",
      "\u200d",
      "\u2028",
      "\ufeff",
      "\u202e",
      "\ud800",
      "\udc00",
      "\ufffd",
      "\uffff",
      "😀",
      "👨‍👩‍👧",
      "ﬁ",
      "Å",
      "K",
      "１",
      "%",
      "&",
      "=",
      "+",
      "#",
      "?",
      ";",
      "\\",
      "'",
      '"',
      "<",
      ">",
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)) },
);
const text = (maxLength: number) => fc.string({ unit: char, maxLength });

const NUMERIC = [
  "-1",
  "-0",
  "00",
  "007",
  "1.0",
  "1.5",
  "1e1",
  "1E400",
  "0x1",
  "0b1",
  "+1",
  " 1",
  "1 ",
  "\t1",
  "1\n",
  "NaN",
  "Infinity",
  "-Infinity",
  "9007199254740993",
  "99999999999999999999",
  "1e-7",
  "๐",
  "๓",
  "๑๐๐",
  "٣",
  "３",
  "²",
  "Ⅲ",
  "1,000",
  "1_000",
  "0.",
];
const numeric = fc.oneof(
  fc.nat({ max: 12 }).map(String),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.constantFrom(...NUMERIC),
);

const SQLISH = [
  "' OR '1'='1",
  '1; DROP TABLE "Response"; --',
  '" UNION SELECT * FROM "User" --',
  "%' OR 1=1 --",
  '\'); DELETE FROM "AuditLog"; --',
  "1' AND SLEEP(5)--",
  "$1",
  "?",
  "\\x00",
  "NULL",
  "null",
  "undefined",
  "true",
  "[object Object]",
];
const PATHY = REDIRECT_PAYLOADS;
const CONTROL = ["\u0000", "\u0000\u0000", "\r\n", "\b", "\u001b[31m", "\u007f", "a\u0000b"];

/** A long value that mostly fits the body limit once URL-encoded (the size classes go past it). */
/** Inserted into real values: what breaks parsers, headers, URLs and database text columns. */
const INJECT = [
  "\n",
  "\r",
  "\r\n",
  "\t",
  "\u0000",
  "\u000b",
  "\u000c",
  "\u0085",
  "\u2028",
  "\u00a0",
  " ",
  "%0A",
  "%00",
  "%",
  "/",
  "\\",
  "//",
  "/\t/",
  "@",
  "#",
  "?",
  "..",
  "\u202e",
  "\ufeff",
  "\u0301",
  "\u0e48",
  "๑",
  "\ud800",
  "😀",
  "'",
  '"',
  "<",
  ">",
  "&",
  "=",
  "+",
  ";",
  ",",
  "e",
  "-",
  ".",
];
// Where it goes: the start and the first characters decide how prefixes are checked.
const inject = fc.record({ what: fc.constantFrom(...INJECT), at: fc.oneof(fc.constantFrom(0, 1, 2), fc.nat()) });
function injectInto(value: string, { what, at }: { what: string; at: number }) {
  const i = at % (value.length + 1);
  return value.slice(0, i) + what + value.slice(i);
}

const huge = (limit: number) =>
  fc.constantFrom("x", "ก", "ก\u0e34", "é", "0", "😀", "%").chain((repeat) =>
    fc.record({
      repeat: fc.constant(repeat),
      times: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 100, max: 1000 }) },
        {
          weight: 1,
          arbitrary: fc.integer({ min: 100, max: Math.max(200, Math.floor((limit * 0.9) / new URLSearchParams([["", repeat]]).toString().length)) }),
        },
      ),
    }),
  );

function valueArb(profile: Profile): fc.Arbitrary<Val> {
  return fc.oneof(
    { weight: 16, arbitrary: fc.constantFrom(...profile.values) },
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...profile.values), inject).map(([value, how]) => injectInto(value, how)) },
    { weight: 8, arbitrary: fc.constant("") },
    { weight: 12, arbitrary: numeric },
    { weight: 12, arbitrary: text(80) },
    { weight: 1, arbitrary: huge(profile.maxBytes) as fc.Arbitrary<Val> },
    { weight: 4, arbitrary: fc.json({ maxDepth: 2 }) },
    { weight: 4, arbitrary: fc.constantFrom(...SQLISH, ...PATHY, ...CONTROL) },
  );
}

// ───────────── names ─────────────

const GENERIC_NAMES = [
  "submissionKey",
  "intent",
  "code",
  "phone",
  "otp",
  "contact",
  "email",
  "password",
  "redirectTo",
  "lang",
  "i1.1",
  "i2",
  "e3",
  "e3.1",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "",
  "_data",
  "index",
  "_action",
  "a[b]",
  "a[]",
  "x".repeat(300),
];

/** The field's own value pool, if the profile has one ("*" in a key matches any run of characters). */
export function poolFor(profile: Profile, name: string): string[] | null {
  for (const [pattern, pool] of Object.entries(profile.fieldValues ?? {})) {
    const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    if (regex.test(name)) return pool;
  }
  return null;
}

/** A value for a named field: from its own pool half the time (when it has one), else any value. */
function valueFor(profile: Profile, value: fc.Arbitrary<Val>) {
  return (name: string): fc.Arbitrary<Val> => {
    const pool = poolFor(profile, name);
    if (!pool) return value;
    const own = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...pool) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...pool), inject).map(([v, how]) => injectInto(v, how)) },
    );
    return fc.oneof(own, value);
  };
}

function nameArb(profile: Profile): fc.Arbitrary<string> {
  const real = fc.constantFrom(...profile.fields);
  const mangled = fc
    .tuple(real, fc.constantFrom("upper", "space", "brackets", "dot", "nul", "combining", "fullwidth", "thai-digit", "nbsp"))
    .map(([name, how]) => {
      switch (how) {
        case "upper":
          return name.toUpperCase();
        case "space":
          return ` ${name}`;
        case "brackets":
          return `${name}[]`;
        case "dot":
          return `${name}.`;
        case "nul":
          return `${name}\u0000`;
        case "combining":
          return `${name}\u0301`;
        case "fullwidth":
          return name.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
        case "thai-digit":
          return name.replace(/[0-9]/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
        default:
          return `${name}\u00a0`;
      }
    });
  return fc.oneof(
    { weight: 8, arbitrary: real },
    { weight: 2, arbitrary: fc.constantFrom(...GENERIC_NAMES) },
    { weight: 1, arbitrary: text(24) },
    { weight: 1, arbitrary: mangled },
  );
}

// ───────────── whole cases ─────────────

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".split("");
const submissionKey = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom(...KEY_ALPHABET), minLength: 22, maxLength: 64 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...KEY_ALPHABET), maxLength: 21 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...KEY_ALPHABET), minLength: 65, maxLength: 90 }) },
  { weight: 1, arbitrary: text(40) },
);

const RAW_PIECES = [
  "%",
  "%%",
  "%zz",
  "%E0%B8",
  "%E0%B8%",
  "%C0%AF",
  "%ED%A0%80",
  "%FF%FE",
  "%00",
  "%0D%0A",
  "+",
  "&",
  "&&",
  "=",
  "==",
  "a=b=c",
  "%u0E01",
  "%2",
  "%%41",
  "%E0%B8%81%E0%B8",
  ";",
  "\r\n",
  "k",
  "submissionKey=",
  "code=%00",
];

/** `arbitrary` with weight `yes`, null with weight `no`. */
function sometimes<T>(yes: number, no: number, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: yes, arbitrary }, { weight: no, arbitrary: fc.constant(null) });
}

function siteArb() {
  return fc.constantFrom("same-origin", "none", "own-origin", "both", "absent") as fc.Arbitrary<FuzzCase["site"]>;
}

export function caseArb(profile: Profile): fc.Arbitrary<FuzzCase> {
  const value = valueArb(profile);
  const name = nameArb(profile);
  const forName = valueFor(profile, value);
  const entries = fc.array(
    name.chain((n) => forName(n).map((v): Entry => [n, v])),
    { maxLength: 30 },
  );
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ op: fc.constant("drop" as const), at: fc.nat() }),
    fc.record({ op: fc.constant("set" as const), at: fc.nat(), value, pick: fc.nat(), usePool: fc.boolean() }),
    fc.record({ op: fc.constant("add" as const), name, value }),
    fc.record({ op: fc.constant("dup" as const), at: fc.nat() }),
    fc.record({ op: fc.constant("rename" as const), at: fc.nat(), name }),
    fc.record({ op: fc.constant("case" as const), at: fc.nat() }),
    fc.record({ op: fc.constant("inject" as const), at: fc.nat(), how: inject }),
    fc.record({ op: fc.constant("inject" as const), at: fc.nat(), how: inject }),
  );
  const mutations = fc.oneof(
    { weight: 1, arbitrary: fc.constant([] as Mutation[]) },
    { weight: 12, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }) },
  );
  const formTypes = fc.constantFrom(
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=UTF-8",
    "application/x-www-form-urlencoded; charset=ISO-8859-1",
    "APPLICATION/X-WWW-FORM-URLENCODED",
    "application/x-www-form-urlencoded-evil",
    "application/json",
    "multipart/form-data; boundary=zz",
    "text/plain",
    "",
  );
  const size = sometimes(
    1,
    11, // about one case in 12 is sized around a limit
    fc.record({
      target: fc.constantFrom("limit-1", "limit", "limit+1", "over", "16k+1", "over-256k") as fc.Arbitrary<SizeClass>,
      extra: fc.integer({ min: 0, max: 65_536 }),
      unit: fc.constantFrom("x", "thai", "plus") as fc.Arbitrary<"x" | "thai" | "plus">,
      field: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...profile.fields) }, { weight: 1, arbitrary: fc.constant("pad") }),
    }),
  );
  return fc.record({
    // (entries above pair each field name with values of its own pool where the profile has one)
    kind: fc.oneof(
      { weight: 10, arbitrary: fc.constant("form" as const) },
      { weight: 8, arbitrary: fc.constant("near-valid" as const) },
      { weight: 2, arbitrary: fc.constant("raw" as const) },
      { weight: 1, arbitrary: fc.constant("multipart" as const) },
      { weight: 1, arbitrary: fc.constant("json" as const) },
      { weight: 1, arbitrary: fc.constant("text-plain" as const) },
      { weight: 1, arbitrary: fc.constant("no-type" as const) },
      { weight: 1, arbitrary: fc.constant("empty" as const) },
    ),
    method: fc.oneof(
      { weight: 20, arbitrary: fc.constant("POST" as const) },
      { weight: 1, arbitrary: fc.constantFrom("PUT" as const, "PATCH" as const, "DELETE" as const) },
    ),
    entries,
    seed: fc.nat(),
    key: submissionKey,
    mutations,
    raw: fc.array(fc.oneof(fc.constantFrom(...RAW_PIECES), text(8)), { minLength: 1, maxLength: 12 }),
    repeat: sometimes(1, 5, fc.nat()), // one form in 6 repeats a field
    contentType: sometimes(1, 11, formTypes), // one case in 12 overrides the content type
    size,
    transport: fc.oneof({ weight: 4, arbitrary: fc.constant("buffer" as const) }, { weight: 1, arbitrary: fc.constant("stream" as const) }),
    chunk: fc.integer({ min: 1, max: 20_000 }),
    contentLength: fc.oneof(
      { weight: 6, arbitrary: fc.constant("absent" as const) },
      { weight: 3, arbitrary: fc.constant("honest" as const) },
      { weight: 1, arbitrary: fc.constantFrom("small-lie" as const, "huge" as const, "garbage" as const) },
    ),
    site: siteArb(),
    json: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(null)),
  });
}

// ───────────── building the request ─────────────

function materialiseValue(value: Val): string {
  return typeof value === "string" ? value : value.repeat.repeat(value.times);
}

function applyMutations(profile: Profile, entries: [string, string][], mutations: Mutation[]): [string, string][] {
  const out = entries.map((entry) => [...entry] as [string, string]);
  for (const mutation of mutations) {
    if (mutation.op === "add") {
      out.push([mutation.name, materialiseValue(mutation.value)]);
      continue;
    }
    if (out.length === 0) continue;
    const at = mutation.at % out.length;
    switch (mutation.op) {
      case "drop":
        out.splice(at, 1);
        break;
      case "set": {
        const pool = mutation.usePool ? poolFor(profile, out[at][0]) : null;
        out[at][1] = pool ? pool[mutation.pick % pool.length] : materialiseValue(mutation.value);
        break;
      }
      case "dup":
        out.push([...out[at]] as [string, string]);
        break;
      case "rename":
        out[at][0] = mutation.name;
        break;
      case "inject":
        out[at][1] = injectInto(out[at][1], mutation.how);
        break;
      case "case":
        out[at][0] = out[at][0].toUpperCase() === out[at][0] ? out[at][0].toLowerCase() : out[at][0].toUpperCase();
        break;
    }
  }
  return out;
}

const encoder = new TextEncoder();
const THAI_ENCODED = "%E0%B8%81"; // ก, 9 bytes once URL-encoded

function sizeTarget(size: NonNullable<FuzzCase["size"]>, limit: number): number {
  switch (size.target) {
    case "limit-1":
      return limit - 1;
    case "limit":
      return limit;
    case "limit+1":
      return limit + 1;
    case "over":
      return limit + 1 + size.extra;
    case "16k+1":
      return 16 * 1024 + 1;
    case "over-256k":
      return 256 * 1024 + 1 + size.extra;
  }
}

/** Pad an urlencoded body with one more field so it is exactly `target` bytes (when it fits). */
function padTo(body: string, size: NonNullable<FuzzCase["size"]>, limit: number): string {
  const target = sizeTarget(size, limit);
  const head = `${body ? `${body}&` : ""}${new URLSearchParams([[size.field, ""]]).toString()}`;
  let remaining = target - encoder.encode(head).length;
  if (remaining <= 0) return body;
  let fill = "";
  if (size.unit === "thai") {
    fill = THAI_ENCODED.repeat(Math.floor(remaining / 9));
    remaining %= 9;
  }
  fill += (size.unit === "plus" ? "+" : "x").repeat(remaining);
  return head + fill;
}

export type Built = {
  request: Request;
  /** The bytes sent (for the oracle and for failure reports). */
  bytes: Uint8Array;
  label: string;
};

const SITE_HEADERS: Record<FuzzCase["site"], Record<string, string>> = {
  "same-origin": { "Sec-Fetch-Site": "same-origin" },
  none: { "Sec-Fetch-Site": "none" },
  "own-origin": { Origin: "http://localhost" },
  both: { "Sec-Fetch-Site": "same-origin", Origin: "http://localhost" },
  absent: {},
};

export function build(fuzz: FuzzCase, profile: Profile, url: string, cookie: string): Built {
  const limit = profile.maxBytes;
  // Names come from a small vocabulary, so random forms would mostly repeat one and stop at
  // readForm's repeated-field check: repeats are made on purpose (`repeat`, the "dup" mutation).
  const seen = new Set<string>();
  let pairs: [string, string][] = fuzz.entries.filter(([name]) => !seen.has(name) && seen.add(name)).map(([name, value]) => [name, materialiseValue(value)]);
  if (fuzz.kind === "near-valid") pairs = applyMutations(profile, profile.template(fuzz.seed, fuzz.key), fuzz.mutations);
  if (fuzz.repeat !== null && pairs.length > 0 && fuzz.kind === "form") pairs.push([...pairs[fuzz.repeat % pairs.length]] as [string, string]);

  let body = new URLSearchParams(pairs).toString();
  let contentType: string | null = "application/x-www-form-urlencoded";
  switch (fuzz.kind) {
    case "raw":
      body = [body, ...fuzz.raw].filter(Boolean).join(fuzz.seed % 2 ? "&" : "");
      break;
    case "multipart":
      contentType = "multipart/form-data; boundary=zz";
      body = pairs.map(([name, value]) => `--zz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + "--zz--\r\n";
      break;
    case "json":
      contentType = "application/json";
      body = JSON.stringify(fuzz.json ?? Object.fromEntries(pairs));
      break;
    case "text-plain":
      contentType = "text/plain";
      body = pairs.map(([name, value]) => `${name}=${value}`).join("\r\n");
      break;
    case "no-type":
      contentType = null;
      break;
    case "empty":
      body = "";
      break;
  }
  if (fuzz.contentType !== null && fuzz.kind !== "no-type") contentType = fuzz.contentType || null;
  if (fuzz.size && fuzz.kind !== "json" && fuzz.kind !== "multipart" && fuzz.kind !== "empty") body = padTo(body, fuzz.size, limit);

  const bytes = encoder.encode(body);
  const headers = new Headers(SITE_HEADERS[fuzz.site]);
  if (contentType) headers.set("Content-Type", contentType);
  if (cookie) headers.set("Cookie", cookie);
  if (fuzz.contentLength === "honest") headers.set("Content-Length", String(bytes.length));
  if (fuzz.contentLength === "small-lie") headers.set("Content-Length", String(Math.min(bytes.length, 10)));
  if (fuzz.contentLength === "huge") headers.set("Content-Length", "99999999999");
  if (fuzz.contentLength === "garbage") headers.set("Content-Length", fuzz.seed % 2 ? "abc" : "-1");

  let requestBody: BodyInit | undefined;
  if (fuzz.kind === "empty" && fuzz.seed % 2 === 0) requestBody = undefined;
  else if (fuzz.transport === "stream") {
    // Tiny chunks, but at most ~512 of them: a 300 KB body in 1-byte chunks tests nothing more.
    const chunk = Math.max(fuzz.chunk, Math.ceil(bytes.length / 512));
    requestBody = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += chunk) controller.enqueue(bytes.slice(offset, offset + chunk));
        controller.close();
      },
    });
  } else requestBody = bytes; // bytes: the Request adds no Content-Type of its own
  const request = new Request(url, {
    method: fuzz.method,
    body: requestBody,
    headers,
    ...(requestBody instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const label = `${fuzz.kind}${fuzz.kind === "near-valid" ? `(${fuzz.mutations.map((m) => m.op).join(",") || "unchanged"})` : ""} ${fuzz.method} ${contentType ?? "(no type)"} ${bytes.length} B${fuzz.transport === "stream" ? " streamed" : ""}${fuzz.contentLength !== "absent" ? ` CL=${headers.get("Content-Length")}` : ""}`;
  return { request, bytes, label };
}

/**
 * What readForm's contract (shared/security.md → Input) makes of a same-site request: the form,
 * or null when it must be refused (declared or actual size over the limit, a type other than
 * urlencoded, a repeated field, more fields than the cap: MAX_LONG_FORM_FIELDS for the long form,
 * MAX_FORM_FIELDS otherwise).
 */
export function expectedForm(request: Request, bytes: Uint8Array, limit: number): Map<string, string> | null {
  const maxFields = limit === LIMITS.MAX_LONG_FORM_BYTES ? LIMITS.MAX_LONG_FORM_FIELDS : LIMITS.MAX_FORM_FIELDS;
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limit) return null;
  const type = request.headers.get("Content-Type") ?? "";
  if (type && !type.startsWith("application/x-www-form-urlencoded")) return null;
  if (bytes.length > limit) return null;
  const form = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(new TextDecoder().decode(bytes))) {
    if (form.has(name)) return null;
    if (form.size >= maxFields) return null;
    form.set(name, value.normalize("NFC"));
  }
  return form;
}

export function sample(profile: Profile, count: number, seed: number): FuzzCase[] {
  return fc.sample(caseArb(profile), { numRuns: count, seed });
}

/** A short printable preview of a body for failure reports. */
export function preview(bytes: Uint8Array, max = 300): string {
  const text = new TextDecoder().decode(bytes.length > max ? bytes.slice(0, max) : bytes);
  return JSON.stringify(text) + (bytes.length > max ? ` … (${bytes.length} B)` : "");
}
