#!/usr/bin/env node
// The production HTTP server: Express in front of the Remix build (as remix-serve does), plus
// what remix-serve cannot give: the client address for rate limits (loadContext.clientAddress),
// no X-Powered-By, a JSON access log by route pattern (docs/decisions/022), and /metrics on an
// operator-only listener when METRICS_ADDRESS is set.
// Settings (PORT, HOST, TRUST_PROXY, ADMIT_PER_TURN) come validated from app/env.server.ts through
// the build's `serverSettings`: this file reads no environment of its own.
//
// Typed with `// @ts-check` and JSDoc against app/entry.server.tsx's exports, and checked by
// `npm run typecheck` (tsconfig.json includes this file), rather than rewritten as serve.ts run by
// tsx: tsx would put its loader in front of every import (build/index.js and all of node_modules)
// and transform this file at each start, so start-up and the submit throughput measured with plain
// `node scripts/serve.js` (docs/decisions/008, docs/benchmarks.md) would no longer be what runs.
// With @ts-check the file that runs is the file that was measured, byte for byte in behaviour.
// @ts-check
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createFetchHandler, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express from "express";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The Remix build, whose entry module is app/entry.server.tsx (what this file calls on it is typed from there). */
/** @typedef {import("@remix-run/node").ServerBuild & { entry: { module: typeof import("../app/entry.server") } }} Build */
/** @type {Build} */
const build = await import(pathToFileURL(path.join(root, "build/index.js")).href);
const { port, host, trustProxy, admitPerTurn, shutdownGraceMs, metrics } = build.entry.module.serverSettings;
const { logger, observeRequest } = build.entry.module;

const app = express();
app.disable("x-powered-by");
if (trustProxy !== undefined) app.set("trust proxy", trustProxy);
// Health checks (docs/decisions/013-health-checks.md), first of all: no compression, static files,
// access log (a probe every few seconds would bury the real lines), fair admission or Remix, so a
// probe never waits behind a deadline rush in the admission queue and costs no route matching.
// /healthz: the process answers. /readyz: the database answers and every migration folder of the
// provider in use (prisma/<provider>/migrations under this app's root) is applied; checks within
// a second share one. Bodies are one word per check: no URL, no driver message, no versions.
const probeHeaders = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
app.get("/healthz", (req, res) => {
  res.status(200).set(probeHeaders).end('{"status":"ok"}\n');
});
// Set by SIGTERM/SIGINT (drain(), at the end of this file): from then on /readyz says 503 without
// asking the database, so a balancer that probes over a connection it still holds sends no more.
let draining = false;
app.get("/readyz", async (req, res) => {
  if (draining) return void res.status(503).set(probeHeaders).end('{"status":"draining"}\n');
  /** @type {import("../app/services/health.server").Readiness} */
  const readiness = await build.entry.module.checkReadiness(root).catch(() => /** @type {const} */ ({ ready: false, database: "down", migrations: "unknown" }));
  const body = { status: readiness.ready ? "ready" : "not ready", database: readiness.database, migrations: readiness.migrations };
  res
    .status(readiness.ready ? 200 : 503)
    .set(probeHeaders)
    .end(`${JSON.stringify(body)}\n`);
});
app.use(compression()); // citizens on slow mobile networks
app.use(build.publicPath, express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h", index: false }));
// The access log (docs/decisions/022): one JSON line per request with its id (also answered as
// X-Request-Id, and in the load context for error lines), its ROUTE PATTERN — never the path,
// which can hold an invitation or password token, nor the query string, which can hold what a
// respondent typed — its status and duration. Nothing else of the request: no address, header,
// cookie or body. `aborted`: the client left before the answer was complete.
const routePatternOf = build.entry.module.routePatternMatcher(build.routes);
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  const id = requestIdOf(req);
  res.locals.requestId = id;
  res.setHeader("X-Request-Id", id);
  res.once("close", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = routePatternOf(req.path);
    const line = { requestId: id, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1e4) / 10 };
    logger.info(res.writableFinished ? line : { ...line, aborted: true }, "request");
    observeRequest(route, req.method, res.statusCode, seconds);
  });
  next();
});
/**
 * nginx's `$request_id` (proxy_set_header X-Request-Id) when the proxy is trusted and the value is
 * an id-shaped token, so a line can be followed from nginx's log to the app's; else a fresh one.
 * @param {express.Request} req
 */
function requestIdOf(req) {
  const given = trustProxy === undefined ? undefined : req.get("X-Request-Id");
  return given && /^[\w.-]{8,64}$/.test(given) ? given : crypto.randomUUID();
}
// Fair admission (docs/decisions/007): at most ADMIT_PER_TURN requests start per event-loop turn;
// the rest wait their turn in arrival order. Node 20 (libuv ≥ 1.45) accepts ONE new connection
// per turn, so a turn that runs a hundred requests (~250 ms under a deadline rush) leaves new
// phones in the kernel's accept queue for seconds. Short turns keep accepting.
/** @type {Array<{ req: express.Request; next: express.NextFunction }>} */
const admission = [];
let admitted = 0;
let admitting = false;
function admitSome() {
  for (let started = 0; started < admitPerTurn && admitted < admission.length;) {
    const { req, next } = admission[admitted++];
    // A phone that gave up while waiting (closed its connection) gets no work done for it.
    if (req.destroyed) continue;
    next();
    started++;
  }
  if (admitted === admission.length) {
    admission.length = admitted = 0;
    admitting = false;
  } else setImmediate(admitSome);
}
app.use((req, res, next) => {
  admission.push({ req, next });
  if (!admitting) {
    admitting = true;
    setImmediate(admitSome);
  }
});
// CSRF (shared/security.md): a cross-site state change is refused here, before Remix, because
// Remix's own Origin check answers a foreign Origin with a 500. Every action checks again.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const request = {
    headers: { get: (/** @type {string} */ name) => req.get(name) ?? null },
    get url() {
      return requestUrl(req);
    },
  };
  if (!build.entry.module.isCrossSite(request)) return next();
  res.status(403).set({ "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" });
  res.end(build.entry.module.CROSS_SITE_REFUSED);
});
/**
 * @param {express.Request} req
 * @param {express.Response} res
 */
const getLoadContext = (req, res) => ({ clientAddress: req.ip || req.socket.remoteAddress || "unknown", requestId: res.locals.requestId });
// The survey submit, the one hot POST of a deadline rush, around Remix's route matching
// (docs/decisions/008, app/services/survey-fast-path.server.ts): the app runs the action once and
// answers a redirect itself; any other outcome goes to Remix, with the same buffered body and the
// outcome in the load context, to render the page.
const remixFetchHandler = createFetchHandler(build, build.mode);
app.post(build.entry.module.SURVEY_PATH, async (req, res, next) => {
  const controller = new AbortController();
  res.on("close", () => res.writableFinished || controller.abort());
  try {
    const body = await readBody(req, build.entry.module.MAX_BODY_BYTES);
    if (!body) return; // the client hung up: no one to answer
    const request = () => new Request(requestUrl(req), { method: "POST", headers: requestHeaders(req), body, signal: controller.signal });
    /** @type {{ response?: Response; outcome?: import("../app/services/survey-fast-path.server").SurveySubmitOutcome } | null} */
    const answer = await build.entry.module.answerSurveySubmit(request());
    const response = answer?.response ?? (await remixFetchHandler(request(), { ...getLoadContext(req, res), surveySubmitOutcome: answer?.outcome }));
    await sendResponse(res, response);
  } catch (error) {
    next(error);
  }
});
app.all("*", createRequestHandler({ build, mode: build.mode, getLoadContext }));

// /metrics (docs/decisions/022): a listener of its own on METRICS_ADDRESS, for the operator's
// Prometheus only — the public port has no /metrics at all. Plain node:http: no Express, no
// admission queue, no access log; one path, GET only. unref(): it never keeps a draining process up.
if (metrics) {
  const metricsServer = http.createServer(async (req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    try {
      const { contentType, body } = await build.entry.module.renderMetrics();
      res.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-store" }).end(body);
    } catch (error) {
      logger.error({ err: error }, "metrics: scrape failed");
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("metrics unavailable\n");
    }
  });
  metricsServer.on("error", (error) => {
    logger.fatal({ err: error }, `metrics: cannot listen on ${metrics.host}:${metrics.port}`);
    process.exit(1);
  });
  metricsServer.listen(metrics.port, metrics.host, () => logger.info({ host: metrics.host, port: metrics.port }, "metrics listening"));
  metricsServer.unref();
}

/**
 * The body, at most `limit` + 1 bytes (the action refuses anything over `limit` as too large), or
 * null when the client is gone before it was all read.
 * @param {express.Request} req
 * @param {number} limit
 * @returns {Promise<Buffer<ArrayBuffer> | null>}
 */
function readBody(req, limit) {
  return new Promise((resolve) => {
    if (req.destroyed) return resolve(null);
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    /** @param {Buffer<ArrayBuffer> | null} value */
    const finish = (value) => {
      req.off("data", onData).off("end", onEnd).off("close", onGone).off("error", onGone);
      resolve(value);
    };
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) finish(Buffer.concat(chunks));
    };
    const onEnd = () => finish(Buffer.concat(chunks));
    const onGone = () => finish(null);
    req.on("data", onData).on("end", onEnd).on("close", onGone).on("error", onGone);
  });
}

// As @remix-run/express builds them, so both paths see the same URL and headers.
/** @param {express.Request} req */
function requestUrl(req) {
  /** @param {string | undefined} host */
  const portOf = (host) => Number.parseInt(host?.split(":")[1] ?? "", 10);
  const port = [portOf(req.get("X-Forwarded-Host")), portOf(req.get("Host"))].find(Number.isSafeInteger);
  return `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`;
}
/** @param {express.Request} req */
function requestHeaders(req) {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const each of value) headers.append(key, each);
    else if (value) headers.set(key, value);
  }
  return headers;
}
/**
 * @param {express.Response} res
 * @param {Response} response
 */
async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

const server = host ? app.listen(port, host, onListen) : app.listen(port, onListen);
function onListen() {
  console.log(`[ita] listening on http://${host || "localhost"}:${port}`);
}

// ───────────── drain on SIGTERM/SIGINT (docs/decisions/021) ─────────────
// A rolling upgrade restarts instances one at a time; none may drop a response it took. On the
// signal: /readyz answers 503 at once; the listening socket closes (new connections are refused,
// so nginx tries the next instance: a refused connect never reached this one); idle keep-alive
// connections close now (Node ≥ 19's server.close()) and busy ones after their answer
// (`Connection: close`); every request already received runs to its end — a submit that started
// is committed and answered. The background work (fleet jobs' tick, cache poll, outbox worker)
// stops at once; the database connections close after the last answer; the process exits 0. What is still open after SHUTDOWN_GRACE_MS (default 9 s; a stalled
// upload, a client that stopped reading) is cut, so the exit comes within about a second more.
/** Responses not yet finished: their connections close after them once draining. @type {Set<import("node:http").ServerResponse>} */
const open = new Set();
server.prependListener("request", (req, res) => {
  open.add(res);
  res.once("close", () => {
    open.delete(res);
    // A keep-alive connection that just went idle would otherwise linger for keepAliveTimeout.
    if (draining) setImmediate(() => server.closeIdleConnections());
  });
  if (draining) res.shouldKeepAlive = false;
});
for (const signal of /** @type {const} */ (["SIGTERM", "SIGINT"])) process.on(signal, () => drain(signal));

/** @param {NodeJS.Signals} signal */
function drain(signal) {
  if (draining) return; // a second signal changes nothing: the deadline below still holds
  draining = true;
  const started = performance.now();
  for (const res of open) if (!res.headersSent) res.shouldKeepAlive = false;
  // The background work stops now, alongside the requests (an outbox round under way ends first).
  const jobsStopped = build.entry.module.stopBackgroundJobs().catch((error) => {
    console.error("[ita] drain: stopping the background jobs failed:", error instanceof Error ? error.message : error);
  });
  // Whatever happens below, the process is gone a second after the grace: systemd and a rolling
  // upgrade count on it.
  setTimeout(() => {
    console.error("[ita] drain: not finished a second after the deadline; exiting anyway");
    process.exit(1);
  }, shutdownGraceMs + 1000).unref();
  let cut = 0;
  const deadline = setTimeout(() => {
    cut = open.size;
    console.error(`[ita] drain: ${cut} request(s) still open after ${shutdownGraceMs} ms, closing their connections`);
    server.closeAllConnections();
  }, shutdownGraceMs);
  server.close(async () => {
    clearTimeout(deadline);
    await jobsStopped;
    try {
      await build.entry.module.shutdown();
    } catch (error) {
      console.error("[ita] drain: closing the database failed:", error instanceof Error ? error.message : error);
    }
    console.log(`[ita] drained in ${Math.round(performance.now() - started)} ms${cut ? ` (${cut} cut at the deadline)` : ""}; exiting`);
    process.exit(0);
  });
  // Only now that the listening socket is closed: whoever reads this line may count on a refused connect.
  console.log(`[ita] ${signal}: draining — new connections refused, ${open.size} request(s) in flight, at most ${shutdownGraceMs} ms`);
}
