// The survey submit without Remix's document handler (docs/decisions/008). Under a deadline rush
// this one POST is most of the traffic, and Remix matches every request against all routes twice
// (@remix-run/router flattens, ranks and compiles every route pattern per call, with no cache):
// 16 % of the server's CPU. scripts/serve.js calls `answerSurveySubmit` first for POSTs to the
// two survey pages. It answers only the outcomes that need no page, the redirects (thank-you,
// session expired, back to the start); for anything else it returns null and the server hands the
// same request to Remix, which runs the action again and renders the page. Running it twice is
// safe: a submit writes only through submitResponse, at most once per submission key, and every
// outcome that is not a redirect wrote nothing.
import { eitFlow, iitFlow, surveyAction, type SurveyFlow } from "./survey-steps.server";

const SURVEY_PATH = /^\/(?:iit|e\/([^/]+))\/survey$/;

/** The survey flow a POST to `pathname` submits, or null when it is not a survey page. */
export function surveyFlowFor(pathname: string): SurveyFlow | null {
  const match = SURVEY_PATH.exec(pathname);
  if (!match) return null;
  if (match[1] === undefined) return iitFlow;
  try {
    return eitFlow(decodeURIComponent(match[1]));
  } catch {
    return null; // a malformed escape: Remix answers it
  }
}

/** The redirect a survey submit answers with, or null when Remix must answer (a page to render). */
export async function answerSurveySubmit(request: Request): Promise<Response | null> {
  if (request.method !== "POST" || originMismatch(request)) return null;
  const flow = surveyFlowFor(new URL(request.url).pathname);
  if (!flow) return null;
  let result: unknown;
  try {
    result = await surveyAction(request, flow);
  } catch (thrown) {
    result = thrown;
  }
  return result instanceof Response && result.status >= 300 && result.status < 400 && result.headers.has("Location") ? result : null;
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
