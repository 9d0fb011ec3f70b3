// Admin page JavaScript (issue 20 §3): what the browser downloads to hydrate each admin page — the
// client entry, then root, the admin layout (for admin.* routes) and the page's own route module,
// each with its shared chunks, deduplicated — plus the i18n messages its document carries (decision
// 028: one language, in the root loader's data, not in any chunk). Reads the classic compiler's
// output in public/build/; builds nothing itself. The budget (120 KB = 122,880 bytes) is on the
// bytes a phone receives from scripts/serve.js: the compression middleware gzips (zlib's default
// level) every file of 1 KB or more and sends smaller ones as they are. That is how issue 20
// measured 208–226 KB. Uncompressed bytes are printed beside it (React and Remix alone are ~265 KB).
// Usage: npm run build && npx tsx scripts/bench/admin-bundle.ts
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { LANGS } from "../../app/utils/i18n";
import { pageMessages } from "../../app/utils/i18n.server";

export const ADMIN_JS_BUDGET_BYTES = 120 * 1024;
/** compression()'s default threshold: smaller responses go out uncompressed. */
const COMPRESSION_THRESHOLD_BYTES = 1024;

type ManifestRoute = { id: string; parentId?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports?: string[] }; routes: Record<string, ManifestRoute> };

/**
 * bytes: uncompressed JS; gzipBytes: the JS on the wire (gzip for files ≥ 1 KB, as served);
 * totalBytes: gzipBytes plus the messages the page's document carries (catalogueBytes).
 */
export type AdminBundle = { route: string; files: number; bytes: number; gzipBytes: number; totalBytes: number; zod: boolean };

/**
 * The page's messages as its document carries them, gzipped, in the larger language (Thai): the
 * root loader's JSON text, written by single fetch as a string in the turbo-stream (JSON.stringify)
 * and inlined as a string literal in a <script> (JSON.stringify again, then Remix's escapeHtml).
 * Gzipped alone; in a real document it costs about as much (measured on /admin/login: 16.4 KB
 * alone, the served document 16.6 KB heavier than with empty messages — docs/benchmarks.md).
 */
export function catalogueBytes(): number {
  const inDocument = (text: string) =>
    JSON.stringify(JSON.stringify(text)).replace(/[&<>\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return Math.max(...LANGS.map((lang) => gzipSync(inDocument(pageMessages(lang))).length));
}

/** Reads public/build/manifest-*.js; throws a readable message when the app has not been built. */
export function readManifest(root = process.cwd()): { manifest: Manifest; buildDir: string } {
  const buildDir = path.join(root, "public/build");
  const file = fs.existsSync(buildDir) ? fs.readdirSync(buildDir).find((name) => /^manifest-.*\.js$/.test(name)) : undefined;
  if (!file) throw new Error(`No client build in ${buildDir}: run "npm run build" first (npm test does).`);
  const text = fs.readFileSync(path.join(buildDir, file), "utf8");
  return { manifest: JSON.parse(text.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest, buildDir };
}

const weighed = new Map<string, { bytes: number; gzipBytes: number; zod: boolean }>();

/** One file as served, once per file (chunks are content-hashed, so the path names the content). */
function weighFile(file: string) {
  let figures = weighed.get(file);
  if (!figures) {
    const body = fs.readFileSync(file);
    // zod names its error class in every version the app has used
    figures = {
      bytes: body.length,
      gzipBytes: body.length < COMPRESSION_THRESHOLD_BYTES ? body.length : gzipSync(body).length,
      zod: body.includes("ZodError"),
    };
    weighed.set(file, figures);
  }
  return figures;
}

function weigh(buildDir: string, urls: Set<string>): { bytes: number; gzipBytes: number; zod: boolean } {
  const total = { bytes: 0, gzipBytes: 0, zod: false };
  for (const url of urls) {
    const file = weighFile(path.join(buildDir, url.replace(/^\/build\//, "")));
    total.bytes += file.bytes;
    total.gzipBytes += file.gzipBytes;
    total.zod ||= file.zod;
  }
  return total;
}

/** What every hydrated page downloads before its own routes: the entry and root, with their chunks (bytes on the wire). */
export function sharedFloor(root = process.cwd()): number {
  const { manifest, buildDir } = readManifest(root);
  const rootRoute = manifest.routes.root;
  return weigh(buildDir, new Set([manifest.entry.module, ...(manifest.entry.imports ?? []), rootRoute.module, ...(rootRoute.imports ?? [])])).gzipBytes;
}

/** JS per admin route (routes/admin* and routes/admin_*), largest first. */
export function adminBundles(root = process.cwd()): AdminBundle[] {
  const { manifest, buildDir } = readManifest(root);
  const catalogue = catalogueBytes();
  const bundles: AdminBundle[] = [];
  for (const route of Object.values(manifest.routes)) {
    if (!/^routes\/admin[._]|^routes\/admin$/.test(route.id)) continue;
    const urls = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
    for (let at: ManifestRoute | undefined = route; at; at = at.parentId ? manifest.routes[at.parentId] : undefined) {
      urls.add(at.module);
      for (const url of at.imports ?? []) urls.add(url);
    }
    const js = weigh(buildDir, urls);
    bundles.push({ route: route.id.replace(/^routes\//, ""), files: urls.size, ...js, totalBytes: js.gzipBytes + catalogue });
  }
  return bundles.sort((a, b) => b.totalBytes - a.totalBytes);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const kb = (n: number) => (n / 1024).toFixed(1).padStart(6);
  const bundles = adminBundles();
  console.log(`route${" ".repeat(40)}files   KB  wire KB  +msgs KB  zod`);
  for (const b of bundles) {
    console.log(`${b.route.padEnd(45)}${String(b.files).padStart(5)} ${kb(b.bytes)} ${kb(b.gzipBytes)}   ${kb(b.totalBytes)}  ${b.zod ? "yes" : "no"}`);
  }
  console.log(`\nshared by every page (entry + root: React, Remix): ${kb(sharedFloor()).trim()} KB of JS on the wire`);
  console.log(`the page's messages in its document (one language, Thai the larger): ${kb(catalogueBytes()).trim()} KB on the wire, in every total`);
  const over = bundles.filter((b) => b.totalBytes > ADMIN_JS_BUDGET_BYTES);
  console.log(
    `\n${bundles.length} admin routes; largest ${kb(bundles[0]?.totalBytes ?? 0).trim()} KB on the wire with its messages; ${over.length} over ${ADMIN_JS_BUDGET_BYTES / 1024} KB`,
  );
}
