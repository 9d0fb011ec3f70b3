// A request's route PATTERN ("/e/:slug/survey", "/admin/invite/:token") for the access log and the
// latency histogram: never the raw path, which can hold an invitation or password token, and
// never the query string (docs/decisions/022-logs-and-metrics.md).
//
// @remix-run/router's matchRoutes gives the same answer but flattens, ranks and compiles every
// route on every call (~330 µs here for 42 routes, measured), as much as a survey submit costs.
// So the build's routes are compiled once, the way @remix-run/router compiles and ranks them
// (compilePath with end = true, computeScore), and a request costs a few regular-expression tests.
// test/unit/route-patterns.test.ts checks every route of app/routes against matchRoutes.

/** The fields of the build's route manifest (`build.routes`) that matching needs. */
export type RouteManifest = Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean } | undefined>;

/** The pattern of a request no route matches (a 404, or a file the static handler did not find). */
export const UNMATCHED_ROUTE = "(no route)";
/** app/routes/$.tsx: matches what no page does, only to answer 404 in the visitor's language. */
const NOT_FOUND_SPLAT = "/*";

// @remix-run/router's ranking weights (utils.ts, computeScore).
const PARAM = /^:[\w-]+$/;
const STATIC_SEGMENT = 10;
const DYNAMIC_SEGMENT = 3;
const INDEX_ROUTE = 2;
const EMPTY_SEGMENT = 1;
const SPLAT_PENALTY = -2;

function score(pattern: string, index: boolean): number {
  const segments = pattern.split("/");
  let total = segments.length + (segments.includes("*") ? SPLAT_PENALTY : 0) + (index ? INDEX_ROUTE : 0);
  for (const segment of segments) {
    if (segment === "*") continue;
    total += PARAM.test(segment) ? DYNAMIC_SEGMENT : segment === "" ? EMPTY_SEGMENT : STATIC_SEGMENT;
  }
  return total;
}

function compile(pattern: string, caseSensitive: boolean): RegExp {
  let source =
    "^" +
    pattern
      .replace(/\/*\*?$/, "")
      .replace(/^\/*/, "/")
      .replace(/[\\.*+^${}|()[\]]/g, "\\$&")
      .replace(/\/:([\w-]+)(\?)?/g, (_, _name, optional) => (optional ? "/?([^\\/]+)?" : "/([^\\/]+)"));
  source += pattern.endsWith("*") ? (pattern === "*" || pattern === "/*" ? "(.*)$" : "(?:\\/(.+)|\\/*)$") : "\\/*$";
  return new RegExp(source, caseSensitive ? undefined : "i");
}

/** A function from a request's path (no query string) to its route pattern, compiled once per build. */
export function routePatternMatcher(routes: RouteManifest): (pathname: string) => string {
  const fullPath = (id: string | undefined): string => {
    const route = id ? routes[id] : undefined;
    if (!route) return "";
    const parent = fullPath(route.parentId);
    return route.path ? `${parent.replace(/\/$/, "")}/${route.path}` : parent;
  };
  const compiled = Object.values(routes)
    .filter((route) => route !== undefined)
    .map((route, order) => {
      const pattern = fullPath(route.id).replace(/^\/*/, "/");
      return { pattern, order, score: score(pattern, route.index === true), regex: compile(pattern, route.caseSensitive === true) };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order);
  return (pathname) => {
    let path = pathname;
    try {
      path = decodeURI(pathname); // as Remix decodes before matching
    } catch {}
    for (const route of compiled) if (route.regex.test(path)) return route.pattern === NOT_FOUND_SPLAT ? UNMATCHED_ROUTE : route.pattern;
    return UNMATCHED_ROUTE;
  };
}
