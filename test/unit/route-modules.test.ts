// Route modules are bundled for the browser too, with every *.server module replaced by an empty
// one. A top-level call of a server function (e.g. `export const loader = unavailableAs503(fn)`)
// survives that unless annotated /* @__PURE__ */, and then throws in the browser: a hydrated page
// (every admin page) stops working. The e2e admin tests catch it too, later and less clearly.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROUTES = path.resolve(import.meta.dirname, "../../app/routes");

/** Names a route file imports from *.server modules. */
function serverImports(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*"[^"]*\.server"/g)) {
    for (const name of match[1].split(",")) {
      const local = name.trim().replace(/^type\s+/, "").split(/\s+as\s+/).pop()!.trim();
      if (local) names.add(local);
    }
  }
  return names;
}

/** Top-level `const x = serverFunction(…)` lines without the pure annotation. */
export function unannotatedServerCalls(source: string): string[] {
  const server = serverImports(source);
  return source
    .split("\n")
    .filter((line) => {
      const call = /^(?:export\s+)?const\s+\w+\s*=\s*(\w+)\(/.exec(line);
      return call !== null && server.has(call[1]);
    });
}

describe("route modules", () => {
  it("finds an unannotated top-level server call (the check works)", () => {
    const source = `import { unavailableAs503 } from "~/utils/database-unavailable.server";\nexport const loader = unavailableAs503(pageLoader);\nexport const action = /* @__PURE__ */ unavailableAs503(pageAction);`;
    expect(unannotatedServerCalls(source)).toEqual(["export const loader = unavailableAs503(pageLoader);"]);
  });

  it("no route calls a server function at the top level unless it is marked pure for the browser build", () => {
    const files = fs.readdirSync(ROUTES).filter((file) => /\.tsx?$/.test(file));
    expect(files.length).toBeGreaterThan(20);
    const offending = files.flatMap((file) => unannotatedServerCalls(fs.readFileSync(path.join(ROUTES, file), "utf8")).map((line) => `${file}: ${line}`));
    expect(offending).toEqual([]);
  });
});
