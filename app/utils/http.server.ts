// Cross-cutting HTTP rules (shared/security.md): security headers, CSRF, body size, guards.
import { env } from "~/env.server";

export const MAX_BODY_BYTES = 16 * 1024; // shared/security.md → Input: body ≤ 16 KB

/** Throw a Response when a condition fails, so the happy path stays flat. */
export function invariantResponse(condition: unknown, message: string, init: ResponseInit = { status: 400 }): asserts condition {
  if (!condition) throw new Response(message, { ...init, headers: { "Content-Type": "text/plain; charset=utf-8", ...init.headers } });
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    env.NODE_ENV === "development" ? "connect-src 'self' ws:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** Headers on every page and data response. Survey and admin pages must never be cached. */
export function applySecurityHeaders(headers: Headers, nonce?: string) {
  if (nonce) headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  if (env.NODE_ENV === "production" && env.PUBLIC_BASE_URL.startsWith("https:")) {
    headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
}

/**
 * CSRF: refuse cross-site state changes. Browsers send Sec-Fetch-Site; older ones get an Origin
 * check against the request's own host. Requests with neither (curl, tests) are same-origin by
 * definition of having no ambient browser credentials. A present Origin naming another host is
 * cross-site whatever Sec-Fetch-Site says (attack L1: `Origin: http://evil.example` with
 * `Sec-Fetch-Site: same-origin` got past this and into Remix's own Origin check, which answers 500
 * with a stack trace). scripts/serve.js calls this before Remix; every action calls it again.
 */
export function isCrossSite(request: { headers: { get(name: string): string | null }; url: string }): boolean {
  const origin = request.headers.get("Origin");
  if (origin && origin !== "null" && !sameHost(origin, request)) return true;
  const fetchSite = request.headers.get("Sec-Fetch-Site");
  if (fetchSite) return fetchSite !== "same-origin" && fetchSite !== "none";
  return origin === "null";
}

/**
 * The Origin's host is the request URL's host — and the host Remix compares it with (the first
 * X-Forwarded-Host, else Host), so nothing that passes here makes Remix's check throw.
 */
function sameHost(origin: string, request: { headers: { get(name: string): string | null }; url: string }): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
    if (host !== new URL(request.url).host) return false;
  } catch {
    return false;
  }
  const forwarded = request.headers.get("X-Forwarded-Host")?.split(",")[0]?.trim();
  const remixHost = forwarded || request.headers.get("Host");
  return !remixHost || remixHost === host;
}

export const CROSS_SITE_REFUSED = "Cross-site request refused / ปฏิเสธคำขอจากเว็บไซต์อื่น";

export function requireSameSite(request: Request) {
  if (isCrossSite(request)) throw new Response(CROSS_SITE_REFUSED, { status: 403 });
}

/** The improvement plan is the one long form: Thai text is 9 bytes a letter once URL-encoded. */
export const MAX_LONG_FORM_BYTES = 256 * 1024;

/**
 * Field-count caps, so parsing stays linear and small whatever the body (attack C1: 44,000 empty
 * keys in one plan POST froze the server for 4 s). The longest 16 KB form (EIT-2: 9 items and
 * screening) has under 30 fields; the plan editor at its limits (10 indicators × 30 measures × 6
 * fields, notes, signatures) has about 1,900.
 */
export const MAX_FORM_FIELDS = 200;
export const MAX_LONG_FORM_FIELDS = 2_500;

type ReadFormOptions = {
  /**
   * The one long form (256 KB) is read only for a signed-in admin: pass the session the caller
   * already checked, so an anonymous request never gets a large body parsed (shared/security.md →
   * Input: large bodies are read only after the session is checked).
   */
  long?: { signedIn: { userId: string } };
};

/**
 * Every action reads its form through here: CSRF check, body ≤ 16 KB (checked while streaming,
 * not trusting Content-Length; 256 KB for the long form of a signed-in admin), at most
 * MAX_FORM_FIELDS fields, then a URLSearchParams-like FormData. Multipart is refused: no form of
 * this product uploads files.
 */
export async function readForm(request: Request, options: ReadFormOptions = {}): Promise<FormData> {
  requireSameSite(request);
  const limit = options.long?.signedIn ? MAX_LONG_FORM_BYTES : MAX_BODY_BYTES;
  const maxFields = options.long?.signedIn ? MAX_LONG_FORM_FIELDS : MAX_FORM_FIELDS;
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limit) throw tooLarge();
  const type = request.headers.get("Content-Type") ?? "";
  if (type && !type.startsWith("application/x-www-form-urlencoded")) {
    throw new Response("Unsupported form encoding / รูปแบบข้อมูลไม่ถูกต้อง", { status: 415 });
  }
  const body = await readLimited(request, limit);
  const form = new FormData();
  // A Set, not FormData.has (a linear scan per key: quadratic in the field count).
  const seen = new Set<string>();
  for (const [key, value] of new URLSearchParams(body)) {
    // No form of this product repeats a field; a repeat would let "e2=3&e2=0" slip past an
    // allow-list that sees only one of them.
    if (seen.has(key)) throw new Response(`Repeated field / ข้อมูลซ้ำ: ${key.slice(0, 40)}`, { status: 400 });
    if (seen.size >= maxFields) throw tooManyFields();
    // No form takes a NUL character, and PostgreSQL cannot store one in text.
    if (key.includes("\u0000") || value.includes("\u0000")) throw new Response("Invalid character / มีอักขระที่ไม่ถูกต้อง", { status: 400 });
    seen.add(key);
    form.append(key, value.normalize("NFC"));
  }
  return form;
}

function tooManyFields() {
  return new Response("Too many fields / ข้อมูลมีจำนวนช่องมากเกินไป", { status: 413 });
}

function tooLarge() {
  return new Response("Request too large / ข้อมูลมีขนาดใหญ่เกินไป", { status: 413 });
}

async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

/** A same-site path to go back to after a POST; anything else falls back to "/". */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  // A path on this site, in printable ASCII only: "//x", "/\x" and "/<TAB>/x" (browsers drop the
  // tab) would leave the site, and a CR, LF or non-Latin-1 character cannot go in a header.
  if (typeof value !== "string" || !/^\/(?![/\\])[\x21-\x7E]*$/.test(value)) return fallback;
  return value;
}
