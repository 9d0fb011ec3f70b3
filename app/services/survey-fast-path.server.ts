// The survey submit without Remix's document handler (docs/decisions/008). Under a deadline rush
// this one POST is most of the traffic, and Remix matches every request against all routes twice
// (@remix-run/router flattens, ranks and compiles every route pattern per call, with no cache):
// 16 % of the server's CPU. scripts/serve.js calls `answerSurveySubmit` first for POSTs to the
// two survey pages. It runs the route's action once. A redirect (thank-you, session expired, back
// to the start) needs no page and is the answer. Anything else (a page with errors, a refusal, an
// exception) is handed to Remix with the outcome in the load context, and the route's action
// (`surveyActionOnce`) answers with that outcome instead of running again: a refusal is counted
// once, and a 503 costs one attempt, not two.
import type { AppLoadContext } from "@remix-run/node";
import { eitFlow, iitFlow, markingErrors, surveyAction, type SurveyFlow } from "./survey-flow.server";

/**
 * The survey pages' path, also scripts/serve.js's route for this path. No capturing group: Express
 * would decode it as a parameter and answer a malformed escape itself (an English 400 page).
 */
export const SURVEY_PATH = /^\/(?:iit|e\/[^/]+)\/survey$/;

/** The survey flow a POST to `pathname` submits, or null when it is not a survey page. */
export function surveyFlowFor(pathname: string): SurveyFlow | null {
  if (!SURVEY_PATH.test(pathname)) return null;
  if (pathname === "/iit/survey") return iitFlow;
  try {
    return eitFlow(decodeURIComponent(pathname.split("/")[2]));
  } catch {
    return null; // a malformed escape: Remix answers it
  }
}

/** What the survey action did for one request: returned a value, or threw one. */
export type SurveySubmitOutcome = { thrown: boolean; value: unknown };

/**
 * The survey submit, run once: `{ response }` when the answer is a redirect, `{ outcome }` when
 * Remix must render it (pass it as `surveySubmitOutcome` in the load context), or null when the
 * request is not a survey submit this path takes (Remix runs the action itself).
 */
export async function answerSurveySubmit(request: Request): Promise<{ response: Response } | { outcome: SurveySubmitOutcome } | null> {
  const url = new URL(request.url);
  // `?_data` is a Remix data request (redirects are encoded differently): Remix's own.
  if (request.method !== "POST" || url.searchParams.has("_data") || originMismatch(request)) return null;
  const flow = surveyFlowFor(url.pathname);
  if (!flow) return null;
  let outcome: SurveySubmitOutcome;
  try {
    outcome = { thrown: false, value: await surveyAction(request, flow) };
  } catch (thrown) {
    outcome = { thrown: true, value: thrown };
  }
  const { value } = outcome;
  if (value instanceof Response && value.status >= 300 && value.status < 400 && value.headers.has("Location")) return { response: value };
  return { outcome };
}

/** The survey routes' action: the outcome scripts/serve.js already has for this request, else a run of its own. */
export async function surveyActionOnce(request: Request, flow: SurveyFlow, context: AppLoadContext | undefined) {
  // A page with errors marks the request, so the page's <title> says so (survey-flow.server.ts).
  return markingErrors(context, async () => {
    const earlier = context?.surveySubmitOutcome;
    if (!earlier) return surveyAction(request, flow);
    if (earlier.thrown) throw earlier.value;
    return earlier.value as Awaited<ReturnType<typeof surveyAction>>;
  });
}

// Remix answers an action whose Origin is not its Host with a 500, before the action runs.
// scripts/serve.js refuses the cross-site ones (403) before either path; what is left here (a
// same-origin Sec-Fetch-Site with another Origin: a proxy that rewrote Host) goes to Remix as well,
// so both paths answer alike.
function originMismatch(request: Request): boolean {
  const origin = request.headers.get("Origin");
  if (!origin) return false;
  const host = request.headers.get("X-Forwarded-Host")?.split(",")[0]?.trim() || request.headers.get("Host");
  try {
    return origin === "null" || new URL(origin).host !== host;
  } catch {
    return true;
  }
}
