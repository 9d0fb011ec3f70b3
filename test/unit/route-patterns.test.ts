// app/utils/route-patterns.server.ts names a request by its route pattern for the access log and
// the latency histogram. It compiles the routes once instead of calling @remix-run/router's
// matchRoutes per request; here it must agree with matchRoutes for every route of app/routes.
import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { routePatternMatcher, UNMATCHED_ROUTE, type RouteManifest } from "~/utils/route-patterns.server";

const APP = path.resolve(import.meta.dirname, "../../app");
// The manifest the Remix compiler builds from app/routes (remix.config.js: the same ignored files).
const routes: RouteManifest = {
  root: { id: "root", path: "" },
  ...(flatRoutes(APP, ["**/.*", "**/*.test.{ts,tsx}"]) as RouteManifest),
};

function tree(parentId: string | undefined): AgnosticRouteObject[] {
  return Object.values(routes)
    .filter((route) => route !== undefined && route.parentId === parentId)
    .map(
      (route) =>
        ({ id: route!.id, path: route!.path, index: route!.index, caseSensitive: route!.caseSensitive, children: tree(route!.id) }) as AgnosticRouteObject,
    );
}

/** matchRoutes' answer, as a pattern: the matched routes' paths joined. */
function remixPattern(pathname: string): string {
  const matches = matchRoutes(tree(undefined), pathname);
  if (!matches) return UNMATCHED_ROUTE;
  const pattern = `/${matches
    .map((match) => match.route.path)
    .filter(Boolean)
    .join("/")}`.replace(/\/+/g, "/");
  // The root splat (app/routes/$.tsx) only answers 404 in the visitor's language: still "(no route)".
  return pattern === "/*" ? UNMATCHED_ROUTE : pattern;
}

const patternOf = routePatternMatcher(routes);

describe("routePatternMatcher", () => {
  it("agrees with @remix-run/router for a path of every route", () => {
    const patterns = new Set(Object.values(routes).map((route) => route!.path));
    expect(patterns.size).toBeGreaterThan(30); // the real app's routes were read
    const paths = Object.keys(routes).flatMap((id) => {
      const pattern = remixPatternOf(id);
      return [pattern.replace(/:[\w-]+/g, "x-1"), pattern.replace(/:[\w-]+/g, "new"), `${pattern}/`.replace(/:[\w-]+/g, "ABC%20d")];
    });
    for (const extra of ["/", "/nope", "/admin/agencies", "/admin/cycles/new", "/admin/cycles/2568", "/e/a/b/c", "/IIT/SURVEY", "/admin/invite/%E0%B8%81"])
      paths.push(extra);
    const disagreements = paths.map((p) => [p, patternOf(p), remixPattern(p)]).filter(([, ours, theirs]) => ours !== theirs);
    expect(disagreements).toEqual([]);
  });

  it("names token-bearing paths by their pattern, never by the token", () => {
    expect(patternOf("/admin/invite/SECRET-TOKEN-123")).toBe("/admin/invite/:token");
    expect(patternOf("/admin/password/SECRET-TOKEN-123")).toBe("/admin/password/:token");
    expect(patternOf("/admin/password/forgot")).toBe("/admin/password/forgot");
    expect(patternOf("/e/some-agency/survey")).toBe("/e/:slug/survey");
    expect(patternOf("/iit/survey")).toBe("/iit/survey");
    expect(patternOf("/no/such/page")).toBe(UNMATCHED_ROUTE);
  });
});

function remixPatternOf(id: string): string {
  const route = routes[id]!;
  const parent = route.parentId ? remixPatternOf(route.parentId) : "";
  return route.path ? `${parent.replace(/\/$/, "")}/${route.path}` : parent || "/";
}
