// Admin page JavaScript (issue 20 §3, decisions 026 and 028). Reads the client build that `npm test`
// makes before vitest (scripts/test.js: build → typecheck → unit); run `npm run build` first when
// running this file alone. Per admin route: the entry, root, the admin layout and the page, as
// served, plus the messages its document carries (scripts/bench/admin-bundle.ts prints the same).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FALLBACK_MESSAGES } from "~/utils/i18n";
import * as i18nServer from "~/utils/i18n.server";
import { ADMIN_JS_BUDGET_BYTES, adminBundles, catalogueBytes, readManifest, sharedFloor } from "../../scripts/bench/admin-bundle";

describe("admin pages' JavaScript", () => {
  it("needs a client build", () => {
    expect(() => readManifest("/nonexistent")).toThrow(/run "npm run build" first/);
    expect(() => readManifest(), 'No client build: run "npm run build" first (npm test does).').not.toThrow();
  });

  it("ships no zod: the form schemas stay in *.server.ts files", () => {
    const withZod = adminBundles()
      .filter((bundle) => bundle.zod)
      .map((bundle) => bundle.route);
    expect(withZod, "these admin routes pull zod into the browser (a zod import outside a .server.ts file?)").toEqual([]);
  });

  it("adds at most 10 KB of its own to what every page shares", () => {
    const floor = sharedFloor();
    const heavy = adminBundles()
      .filter((bundle) => bundle.gzipBytes - floor > 10 * 1024)
      .map((bundle) => `${bundle.route}: ${bundle.gzipBytes - floor} B of its own`);
    expect(heavy).toEqual([]);
  });

  it("stays within 120 KB on the wire, the page's messages in its document included", () => {
    // The messages are counted, so moving texts from a chunk into the document cannot hide them.
    expect(catalogueBytes()).toBeGreaterThan(10 * 1024);
    const over = adminBundles()
      .filter((bundle) => bundle.totalBytes > ADMIN_JS_BUDGET_BYTES)
      .map((bundle) => `${bundle.route}: ${bundle.totalBytes} B (${bundle.gzipBytes} B of JS)`);
    expect(over).toEqual([]);
  });
});

/** Every client chunk's text, its \uXXXX escapes (esbuild writes Thai that way) decoded. */
function clientChunks(): Array<{ file: string; text: string }> {
  const { buildDir } = readManifest();
  const chunks: Array<{ file: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".js")) {
        const text = fs.readFileSync(full, "utf8").replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        chunks.push({ file: path.relative(buildDir, full), text });
      }
    }
  };
  walk(buildDir);
  return chunks;
}

// Decision 028: the catalogue is server-only. A client file that imports it (or a copy of
// messages/*.ts) would put both languages back in every page's JavaScript; a component that calls
// translate/bothLangs from i18n.server gets an empty module in the browser and breaks on hydration.
describe("the i18n catalogue stays on the server", () => {
  it("no client chunk holds a Thai text of the catalogue (the few fallback texts and agency kinds aside)", () => {
    const chunks = clientChunks();
    expect(chunks.length).toBeGreaterThan(20);
    const allowed = new Set<string>(Object.values(FALLBACK_MESSAGES.th));
    const messages = JSON.parse(i18nServer.pageMessages("th")) as Record<string, string>;
    // Agency kinds are domain data (app/domain/agency-kinds.ts) that client code uses itself; a short
    // text ("ข้อมูลไม่ถูกต้อง") may also be a library's (zod's Thai locale): sentences only.
    const texts = Object.entries(messages)
      .filter(([key, text]) => !key.startsWith("kind.") && !allowed.has(text) && text.length >= 20 && /[\u0E00-\u0E7F]{4}/.test(text))
      .map(([, text]) => text);
    expect(texts.length).toBeGreaterThan(300);
    const leaked = chunks.flatMap(({ file, text }) => texts.filter((message) => text.includes(message)).map((message) => `${file}: ${message}`));
    expect(leaked.slice(0, 10), `${leaked.length} catalogue texts in client chunks`).toEqual([]);
  });

  it("no client chunk calls a function of i18n.server (it is an empty module there)", () => {
    const names = Object.keys(i18nServer);
    expect(names).toContain("translate");
    // esbuild reaches into the emptied CommonJS module by property: `(0, x.translate)(…)`.
    const call = new RegExp(`[\\w$]+\\.(${names.join("|")})\\b`);
    const callers = clientChunks()
      .filter(({ text }) => call.test(text))
      .map(({ file, text }) => `${file}: ${text.match(call)?.[0]}`);
    expect(callers).toEqual([]);
  });
});
