import { PassThrough } from "node:stream";
import crypto from "node:crypto";
import type { ActionFunctionArgs, EntryContext, HandleDataRequestFunction, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { assertDurableSettings } from "./db.server";
import { env, metricsListener } from "./env.server";
import { startBackgroundJobs } from "./services/jobs.server";
import { closeDatabaseConnections } from "./services/maintenance.server";
import { applySecurityHeaders } from "./utils/http.server";
import { logger } from "./utils/logger.server";
import { NonceProvider } from "./utils/nonce";

// For scripts/serve.js: the survey submit's path around Remix's route matching (docs/decisions/008)
// and the CSRF refusal in front of Remix.
export { answerSurveySubmit, SURVEY_PATH } from "./services/survey-fast-path.server";
export { CROSS_SITE_REFUSED, isCrossSite, MAX_BODY_BYTES } from "./utils/http.server";
// /readyz, answered by scripts/serve.js before Remix (docs/decisions/013).
export { checkReadiness } from "./services/health.server";
// The access log, the request histogram and /metrics on the operator's listener (docs/decisions/022).
export { logger } from "./utils/logger.server";
export { routePatternMatcher } from "./utils/route-patterns.server";
export { observeRequest } from "./utils/metrics.server";
export { renderMetrics } from "./services/fleet-metrics.server";

/** scripts/serve.js takes its settings from the validated env (app/env.server.ts), never its own. */
export const serverSettings = {
  port: env.PORT,
  host: env.HOST,
  // Express's "trust proxy": a hop count, or its list of addresses.
  trustProxy: env.TRUST_PROXY === undefined ? undefined : Number.isInteger(Number(env.TRUST_PROXY)) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY,
  admitPerTurn: env.ADMIT_PER_TURN,
  shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
  // /metrics listens here, never on the public port; null: no metrics listener (the default).
  metrics: env.METRICS_ADDRESS ? metricsListener(env.METRICS_ADDRESS) : null,
};

// scripts/serve.js's drain (docs/decisions/021): the background work stops as the drain begins;
// the database connections close once every request has been answered, so nothing is cut mid-write.
export { stopBackgroundJobs } from "./services/jobs.server";
export async function shutdown(): Promise<void> {
  await closeDatabaseConnections();
}

// Refuse to serve if the database would not keep what we acknowledge (shared/security.md).
await assertDurableSettings();

// The fleet's jobs (hourly purge, nightly reshuffle: once per fleet under a lease), the cache
// version poll and the overview warm-up (app/services/jobs.server.ts): started once per process,
// and never keeping it alive.
startBackgroundJobs();

const ABORT_DELAY_MS = 5_000;

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  const nonce = crypto.randomBytes(16).toString("base64");
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          keepRetryAfter(responseStatusCode, responseHeaders, remixContext);
          applySecurityHeaders(responseHeaders, nonce);
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error }, "render error after the page started streaming");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY_MS);
  });
}

/** What a 429 says when its refusal named no wait (a safety net: every refusal should name one). */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

/**
 * Attack L7: Remix builds a document's headers from the routes' `headers` exports and drops an
 * action's or loader's own headers when a route has none, so every 429 lost the `Retry-After` the
 * refusal set. Rather than a `headers` export in every route that can refuse (and one forgotten in
 * the next), the wait any route set is carried over here, for every page answered 429 or 503; a
 * 429 that named none gets DEFAULT_RETRY_AFTER_SECONDS. Data requests (`?_data`) and resource
 * routes send the route's own Response, headers included. docs/decisions/017-retry-after.md.
 */
function keepRetryAfter(status: number, headers: Headers, context: EntryContext) {
  if (status !== 429 && status !== 503) return;
  if (headers.has("Retry-After")) return;
  const { actionHeaders = {}, loaderHeaders = {} } = context.staticHandlerContext;
  const set = [...Object.values(actionHeaders), ...Object.values(loaderHeaders)].map((routeHeaders) => routeHeaders.get("Retry-After")).find(Boolean);
  if (set) headers.set("Retry-After", set);
  else if (status === 429) headers.set("Retry-After", String(DEFAULT_RETRY_AFTER_SECONDS));
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  applySecurityHeaders(response.headers);
  return response;
};

const SINGLE_FETCH_DATA_WARNING = "Warning: Single fetch-enabled apps should not be making ?_data requests";

/** Log server errors without request bodies or URLs' query strings (they may carry answers). */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  // A 4xx (unknown page, refused request) is an answer, not a server error.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const url = new URL(request.url);
  // Attack L2: with single fetch on, Remix reports every `?_data=` request (the pre-single-fetch
  // data request; no client of this app sends one) as this Error before answering it — 403 for a
  // route id that does not match the URL — so any anonymous GET logged a stack trace.
  if (url.searchParams.has("_data") && error instanceof Error && error.message.startsWith(SINGLE_FETCH_DATA_WARNING)) return;
  // The request's id (scripts/serve.js) joins this line to its access-log line, which names the
  // route pattern: the path itself can hold an invitation or password token, so it is not logged.
  logger.error({ requestId: context?.requestId, method: request.method, err: error }, "server error");
}
