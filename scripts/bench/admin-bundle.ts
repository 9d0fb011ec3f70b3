// Admin page JavaScript (issue 20 §3): what the browser downloads to hydrate each admin page — the
// client entry, then root, the admin layout (for admin.* routes) and the page's own route module,
// each with its shared chunks, deduplicated. Reads the classic compiler's output in public/build/;
// builds nothing itself. The budget (120 KB = 122,880 bytes) is on gzip bytes at zlib's default level,
// what a phone receives from the compression middleware and how issue 20 measured 208–226 KB;
// uncompressed bytes are printed beside it (React + Remix alone are ~445 KB uncompressed).
// Usage: npm run build && npx tsx scripts/bench/admin-bundle.ts
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const ADMIN_JS_BUDGET_BYTES = 120 * 1024;

type ManifestRoute = { id: string; parentId?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports?: string[] }; routes: Record<string, ManifestRoute> };

export type AdminBundle = { route: string; files: number; bytes: number; gzipBytes: number; zod: boolean };

/** Reads public/build/manifest-*.js; throws a readable message when the app has not been built. */
export function readManifest(root = process.cwd()): { manifest: Manifest; buildDir: string } {
  const buildDir = path.join(root, "public/build");
  const file = fs.existsSync(buildDir) ? fs.readdirSync(buildDir).find((name) => /^manifest-.*\.js$/.test(name)) : undefined;
  if (!file) throw new Error(`No client build in ${buildDir}: run "npm run build" first (npm test does).`);
  const text = fs.readFileSync(path.join(buildDir, file), "utf8");
  return { manifest: JSON.parse(text.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest, buildDir };
}

/** JS per admin route (routes/admin* and routes/admin_*), largest first. */
export function adminBundles(root = process.cwd()): AdminBundle[] {
  const { manifest, buildDir } = readManifest(root);
  const bundles: AdminBundle[] = [];
  for (const route of Object.values(manifest.routes)) {
    if (!/^routes\/admin[._]|^routes\/admin$/.test(route.id)) continue;
    const urls = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
    for (let at: ManifestRoute | undefined = route; at; at = at.parentId ? manifest.routes[at.parentId] : undefined) {
      urls.add(at.module);
      for (const url of at.imports ?? []) urls.add(url);
    }
    let bytes = 0;
    let gzipBytes = 0;
    let zod = false;
    for (const url of urls) {
      const body = fs.readFileSync(path.join(buildDir, url.replace(/^\/build\//, "")));
      bytes += body.length;
      gzipBytes += gzipSync(body).length;
      // zod's error map carries this message in every version the app has used
      if (!zod && body.includes("ZodError")) zod = true;
    }
    bundles.push({ route: route.id.replace(/^routes\//, ""), files: urls.size, bytes, gzipBytes, zod });
  }
  return bundles.sort((a, b) => b.gzipBytes - a.gzipBytes);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const kb = (n: number) => (n / 1024).toFixed(1).padStart(6);
  const bundles = adminBundles();
  console.log(`route${" ".repeat(40)}files   KB  gzip KB  zod`);
  for (const b of bundles) console.log(`${b.route.padEnd(45)}${String(b.files).padStart(5)} ${kb(b.bytes)} ${kb(b.gzipBytes)}  ${b.zod ? "yes" : "no"}`);
  const over = bundles.filter((b) => b.gzipBytes > ADMIN_JS_BUDGET_BYTES);
  console.log(
    `\n${bundles.length} admin routes; largest ${kb(bundles[0]?.gzipBytes ?? 0).trim()} KB gzip; ${over.length} over ${ADMIN_JS_BUDGET_BYTES / 1024} KB gzip`,
  );
}
