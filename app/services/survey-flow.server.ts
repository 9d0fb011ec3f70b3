// The steps every perception survey shares once a survey session exists — eligibility, the items,
// the durable submit — parameterised by flow, so the IIT and EIT routes stay thin.
import { data, redirect } from "@remix-run/node";
import { answersSchema } from "~/domain/answers";
import { collectionState, type CollectionState } from "~/domain/collection";
import { blockedMessage, blockingQuestion, screeningQuestions, screeningSchema } from "~/domain/screening";
import { rulesetInstrument } from "~/models/response.server";
import { findSubmission, submitResponse, SUBMISSION_KEY_PATTERN } from "~/models/submission.server";
import {
  endSurveySession,
  extendSurveySession,
  getSubmitContext,
  saveScreening,
  SURVEY_SESSION_MAX_SECONDS,
  SURVEY_SESSION_TTL_SECONDS,
} from "~/models/survey-session.server";
import { randomToken } from "~/utils/crypto.server";
import { isDatabaseUnavailable } from "~/utils/database-unavailable.server";
import { readForm } from "~/utils/http.server";
import { countSubmitAccepted, countSubmitRefused, type SubmitRefusal } from "~/utils/metrics.server";
import { type Lang, type MessageKey, localName } from "~/utils/i18n";
import { translate } from "~/utils/i18n.server";
import type { Ruleset } from "~/domain/ruleset";
import { getLang } from "~/utils/lang.server";
import { answeredCookie, answeredMark, counterCookie, readAnswered, surveyCookie } from "./survey-cookies.server";
import { surveyView } from "~/utils/survey-view";
import { requireSurveySession } from "./survey-guard.server";
import { answerErrors, screeningErrors } from "./survey-errors.server";
import { expiredSubmitView, SCREENING_FIELD_PREFIX } from "./survey-resume.server";

export type SurveyFlow = {
  instrument: "iit" | "eit1";
  paths: { start: string; eligibility: string; survey: string; thanks: string };
  /** EIT links are per agency: a session for another agency does not belong on this page. */
  agencySlug?: string;
};

export const iitFlow: SurveyFlow = {
  instrument: "iit",
  paths: { start: "/iit", eligibility: "/iit/eligibility", survey: "/iit/survey", thanks: "/iit/thanks" },
};

export function eitFlow(agencySlug: string): SurveyFlow {
  const start = `/e/${encodeURIComponent(agencySlug)}`;
  return {
    instrument: "eit1",
    agencySlug,
    paths: { start, eligibility: `${start}/eligibility`, survey: `${start}/survey`, thanks: `${start}/thanks` },
  };
}

/**
 * What a respondent is told when the survey is not open (domain/collection.ts): the EIT says
 * "not open"; the IIT also names its agency's own closing, which publication is too (it closes both
 * surveys).
 */
export function closedMessage(instrument: SurveyFlow["instrument"], state: CollectionState = "closed-window"): MessageKey {
  if (instrument !== "iit") return "eit.closed";
  return state === "closed-by-agency" || state === "published" ? "iit.closed.agency" : "iit.closed";
}

// ───────────── the page's error state, for its <title> ─────────────
// Remix hands one load context to a request's action and then its loaders, but `meta` sees only
// loader data: an action that answered with errors marks the request's context here, and the
// loader passes `pageError` on, so the <title> says "ข้อผิดพลาด: …" (WCAG 2.4.2, 3.3.1).
const contextsWithErrors = new WeakSet<object>();

/** Run a respondent action; an answer that is not a redirect (a page with errors) marks the request. */
export async function markingErrors<T>(context: unknown, run: () => Promise<T>): Promise<T> {
  const result = await run();
  const redirected = result instanceof Response && result.status >= 300 && result.status < 400;
  if (!redirected && context && typeof context === "object") contextsWithErrors.add(context);
  return result;
}

export function pageHasError(context: unknown): boolean {
  return Boolean(context && typeof context === "object" && contextsWithErrors.has(context));
}

/**
 * The "more time" button's POST (public/citizen.js): push the live session on, within its
 * maximum. Answers never travel here. 200 with the new expiry, or 410 when it is already gone.
 */
export async function extendAction(request: Request) {
  await readForm(request); // CSRF and size checks
  const token = await surveyCookie.parse(request.headers.get("Cookie"));
  const expiresAt = await extendSurveySession(typeof token === "string" ? token : null);
  if (!expiresAt) return Response.json({ expired: true }, { status: 410, headers: { "Cache-Control": "no-store" } });
  // At the maximum when the new limit is short of a full period.
  const atMaximum = expiresAt.getTime() < Date.now() + SURVEY_SESSION_TTL_SECONDS * 1000 - 60_000;
  const secondsLeft = Math.floor((expiresAt.getTime() - Date.now()) / 1000);
  return Response.json({ expiresAt: expiresAt.toISOString(), secondsLeft, atMaximum }, { headers: { "Cache-Control": "no-store" } });
}

async function sessionFor(request: Request, flow: SurveyFlow) {
  const session = await requireSurveySession(request, flow.instrument, flow.paths.start);
  if (flow.agencySlug && session.agency.slug !== flow.agencySlug) throw redirect(flow.paths.start);
  return session;
}

// ───────────── eligibility ─────────────

/** The start page's "not eligible, thank you" text for `?screened=<question code>` (null: none). */
export function screenedOutMessage(ruleset: Ruleset, flow: Pick<SurveyFlow, "instrument">, url: URL, lang: Lang): string | null {
  return blockedMessage(ruleset, rulesetInstrument(flow.instrument), url.searchParams.get("screened"))?.[lang] ?? null;
}

export async function eligibilityLoader(request: Request, flow: SurveyFlow, context?: unknown) {
  const lang = await getLang(request);
  const session = await sessionFor(request, flow);
  const answeredHere = (await readAnswered(request)).includes(answeredMark(flow.instrument, session.cycleId, session.agencyId));
  return {
    lang,
    startPath: flow.paths.start,
    agencyName: localName(session.agency, lang),
    answeredHere,
    questions: screeningQuestions(session.ruleset, rulesetInstrument(flow.instrument)).map((question) => ({
      code: question.code,
      question: question.question[lang],
      options: question.options.map((option) => ({ value: option.code, label: option.label[lang] })),
    })),
    chosen: (session.screening ?? {}) as Record<string, string>,
    timing: timingOf(session.expiresAt),
    pageError: pageHasError(context),
  };
}

/** The limit the page states and citizen.js counts down to (WCAG 2.2.1, decision 025). */
export function timingOf(expiresAt: Date) {
  return {
    expiresAt: expiresAt.toISOString(),
    // Relative, so a phone whose clock is off still warns at the right moment.
    secondsLeft: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
    minutes: SURVEY_SESSION_TTL_SECONDS / 60,
    maxHours: SURVEY_SESSION_MAX_SECONDS / 3600,
  };
}

export async function eligibilityAction(request: Request, flow: SurveyFlow) {
  const form = await readForm(request); // CSRF and size checks come before anything else
  const session = await sessionFor(request, flow);
  // The form schema comes from the ruleset: exactly its screening questions, known options only.
  const fields = Object.fromEntries(form);
  const parsed = screeningSchema(session.ruleset, rulesetInstrument(flow.instrument)).safeParse(fields);
  if (!parsed.success) {
    const lang = await getLang(request);
    const { errors, unknown } = screeningErrors(session.ruleset, rulesetInstrument(flow.instrument), fields, parsed.error.issues, lang);
    return data({ errors: unknown ? { ...errors, form: translate(lang, "answer.unknown") } : errors }, { status: 400 });
  }
  const blocking = blockingQuestion(session.ruleset, rulesetInstrument(flow.instrument), parsed.data);
  if (blocking) {
    // Not eligible: nothing is recorded and the session ends. The start page says why and thanks
    // them (attack L3: rendering it here was lost, the page's loader found no session and said
    // "session expired"). Only the question's code travels in the URL, never the answer.
    await endSurveySession(session.id);
    return redirect(`${flow.paths.start}?screened=${encodeURIComponent(blocking)}`, {
      headers: { "Set-Cookie": await surveyCookie.serialize("", { maxAge: 0 }) },
    });
  }
  try {
    await saveScreening(session.id, parsed.data);
  } catch (error) {
    // Database unreachable: "nothing was saved, try again" (503), not a system error.
    if (!isDatabaseUnavailable(error)) throw error;
    console.error(`[${flow.instrument}] screening not saved:`, error instanceof Error ? error.message : "unknown error");
    throw data("database unavailable", { status: 503 });
  }
  return redirect(flow.paths.survey);
}

// ───────────── the items and the submit ─────────────

export async function surveyLoader(request: Request, flow: SurveyFlow, context?: unknown) {
  const lang = await getLang(request);
  const session = await sessionFor(request, flow);
  if (!session.screening) throw redirect(flow.paths.eligibility);
  return {
    lang,
    agencyName: localName(session.agency, lang),
    view: surveyView(session.ruleset, rulesetInstrument(flow.instrument), lang),
    // A fresh key per page view: a double click or a retry of THIS form is one response.
    submissionKey: randomToken(16),
    // Carried in the page (as `screening:<code>` fields) so a submit after expiry can be completed
    // with the code or a new OTP alone; a live session's own screening always wins.
    screening: session.screening as Record<string, string>,
    timing: timingOf(session.expiresAt),
    pageError: pageHasError(context),
  };
}

export type SurveyActionResult = {
  formError: MessageKey | null;
  errors: Record<string, string>;
  values: Record<string, string>;
  /** The key this form was sent with: the page sends it again, so a retry after an unclear failure stays one response. */
  submissionKey: string | null;
};

export async function surveyAction(request: Request, flow: SurveyFlow) {
  const form = await readForm(request);
  const { submissionKey, ...posted } = Object.fromEntries(form) as Record<string, string>;
  // The page's copy of the screening (for a submit after expiry) is not an answer: set aside.
  const fields: Record<string, string> = {};
  const screeningCopy: Record<string, string> = {};
  for (const [key, value] of Object.entries(posted)) {
    if (key.startsWith(SCREENING_FIELD_PREFIX)) screeningCopy[key] = value;
    else fields[key] = value;
  }
  const validKey = typeof submissionKey === "string" && SUBMISSION_KEY_PATTERN.test(submissionKey);
  // Every answer is counted once for /metrics, by instrument and, for a refusal, its reason.
  const refused = (reason: SubmitRefusal) => countSubmitRefused(flow.instrument, reason);
  const fail = (reason: SubmitRefusal, formError: MessageKey | null, status: number, errors: Record<string, string> = {}) => {
    refused(reason);
    return data<SurveyActionResult>({ formError, errors, values: fields, submissionKey: validKey ? submissionKey : null }, { status });
  };
  const replayed = () => countSubmitAccepted(flow.instrument, true);
  if (!validKey) return fail("bad-request", "error.400", 400);
  const token = await surveyCookie.parse(request.headers.get("Cookie"));
  let previous, context;
  try {
    // A retry of a submit that already committed answers as the first time did; then the hot
    // path's one direct read for the session, agency, cycle and participation.
    previous = await findSubmission(submissionKey);
    context = previous?.status === "accepted" ? null : await getSubmitContext(typeof token === "string" ? token : null);
  } catch (error) {
    // Database unreachable: nothing was saved; the page keeps the answers and says so.
    console.error(`[${flow.instrument}] submit not saved:`, error instanceof Error ? error.message : "unknown error");
    return fail("database-unavailable", "survey.notSaved", 503);
  }
  if (previous?.status === "accepted") {
    replayed();
    return redirect(flow.paths.thanks, { headers: await thanksCookies(request, null) });
  }
  if (!context || context.session.instrument !== flow.instrument) {
    // A double click: the other request committed this key (and ended the session) meanwhile.
    if ((await findSubmission(submissionKey))?.status === "accepted") {
      replayed();
      return redirect(flow.paths.thanks, { headers: await thanksCookies(request, null) });
    }
    refused("session-expired");
    throw await expired(request, flow, { ...fields, ...screeningCopy }, submissionKey, true);
  }
  if (flow.agencySlug && context.agencySlug !== flow.agencySlug) {
    refused("session-expired");
    throw redirect(flow.paths.start);
  }
  const { session, screening, participation } = context;
  if (!screening) {
    refused("not-screened");
    throw redirect(flow.paths.eligibility);
  }
  const state = collectionState(context.cycle, participation, flow.instrument);
  if (state !== "open" || !participation) return fail("closed", closedMessage(flow.instrument, state), 403);
  const { ruleset } = context;
  // Only the session's own screening questions may ride along; any other field is unknown.
  for (const key of Object.keys(screeningCopy)) {
    if (!screening[key.slice(SCREENING_FIELD_PREFIX.length)]) fields[key] = screeningCopy[key];
  }
  const parsed = answersSchema(ruleset, rulesetInstrument(flow.instrument)).safeParse(fields);
  if (!parsed.success) {
    const lang = await getLang(request);
    const { errors } = answerErrors(surveyView(ruleset, rulesetInstrument(flow.instrument), lang), fields, parsed.error.issues, lang);
    return fail("invalid-answers", null, 400, errors);
  }

  // EIT-1: the counter scanned at the landing page, from its own cookie (the submit counts it only
  // for a live counter of this agency, in CounterTally, never on the response row).
  const counterId = flow.instrument === "eit1" ? await counterCookie.parse(request.headers.get("Cookie")) : null;

  let outcome;
  try {
    outcome = await submitResponse({
      submissionKey,
      session,
      screening,
      counterId: typeof counterId === "string" ? counterId : null,
      answers: parsed.data,
      ruleset,
      rulesetVersion: context.rulesetVersion,
      // IIT: accepted responses ≤ the declared headcount (no headcount → no room; the code page says so).
      cap: flow.instrument === "iit" ? (participation.internalPopulation ?? 0) : null,
    });
  } catch (error) {
    // Database down, timeout, disk full: nothing was committed, so say so and keep the answers.
    console.error(`[${flow.instrument}] submit not saved:`, error instanceof Error ? error.message : "unknown error");
    return fail("database-unavailable", "survey.notSaved", 503);
  }
  if (outcome.status === "accepted") {
    countSubmitAccepted(flow.instrument);
    const headers = await thanksCookies(request, answeredMark(flow.instrument, session.cycleId, session.agencyId));
    if (counterId) headers.append("Set-Cookie", await counterCookie.serialize("", { maxAge: 0 })); // counted once
    return redirect(flow.paths.thanks, { headers });
  }
  if (outcome.reason === "session-gone") {
    if ((await findSubmission(submissionKey))?.status === "accepted") {
      replayed();
      return redirect(flow.paths.thanks, { headers: await thanksCookies(request, null) });
    }
    refused("session-expired");
    throw await expired(request, flow, { ...fields, ...screeningCopy }, submissionKey, false);
  }
  if (outcome.reason === "already-answered") return fail("already-answered", "eit.already", 409);
  if (outcome.reason === "published") return fail("closed", closedMessage(flow.instrument), 403);
  // Checked again at commit (decision 019): closed meanwhile, or the questionnaire was replaced
  // after these answers were checked (the page shows the new one on reload).
  if (outcome.reason === "closed") return fail("closed", closedMessage(flow.instrument), 403);
  if (outcome.reason === "instrument-changed") return fail("instrument-changed", "survey.instrumentChanged", 409);
  return fail("staff-cap", "iit.full", 409);
}

/**
 * A submit without a live session: the page with its answers kept, asking only for the code or a
 * new OTP (survey-resume.server.ts), thrown as a 401 for the route's ErrorBoundary; or, when there
 * is nothing to render it with, back to the start saying the time ran out.
 */
async function expired(request: Request, flow: SurveyFlow, fields: Record<string, string>, submissionKey: string, clearCookie: boolean) {
  const headers = new Headers();
  if (clearCookie) headers.append("Set-Cookie", await surveyCookie.serialize("", { maxAge: 0 }));
  const view = await expiredSubmitView(request, flow, fields, submissionKey);
  if (!view) return redirect(`${flow.paths.start}?expired=1`, { headers });
  // A thrown JSON Response: Remix gives the ErrorBoundary its parsed body (isRouteErrorResponse).
  headers.set("Cache-Control", "no-store");
  return Response.json(view, { status: 401, headers });
}

/** End the survey cookie; remember (softly, without identity) that this browser answered. */
async function thanksCookies(request: Request, mark: string | null) {
  const headers = new Headers();
  headers.append("Set-Cookie", await surveyCookie.serialize("", { maxAge: 0 }));
  if (mark) {
    const marks = new Set(await readAnswered(request));
    marks.add(mark);
    headers.append("Set-Cookie", await answeredCookie.serialize([...marks]));
  }
  return headers;
}
