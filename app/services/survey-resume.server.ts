// A submit that arrives after the survey session expired keeps its answers (WCAG 2.2.1, decision
// 025): the page comes back with every answer still chosen and asks only for what proves the
// person again — the agency's code (IIT) or a new OTP (EIT) — then submits them. Nothing is stored
// before that submit: the answers travel in the page and its POSTs only, as on any survey page.
import { data, redirect } from "@remix-run/node";
import { answersSchema } from "~/domain/answers";
import { collectionState } from "~/domain/collection";
import { blockingQuestion, screeningQuestions, screeningSchema } from "~/domain/screening";
import { getEitLanding } from "~/models/agency.server";
import { getCurrentCycle, getCycleRuleset } from "~/models/cycle.server";
import { checkIitCode } from "~/models/iit-code.server";
import { hasAnswered, isValidOtpFormToken, otpFormToken, requestOtp, verifyOtp } from "~/models/otp.server";
import { rulesetInstrument, getTally } from "~/models/response.server";
import { SUBMISSION_KEY_PATTERN } from "~/models/submission.server";
import { createSurveySession, saveScreening } from "~/models/survey-session.server";
import { parseContact } from "~/utils/contact";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { readForm } from "~/utils/http.server";
import { localName, type Lang, type MessageKey } from "~/utils/i18n";
import { translate } from "~/utils/i18n.server";
import { getLang } from "~/utils/lang.server";
import { emailDeliveryAvailable } from "~/utils/otp-delivery.server";
import { surveyView, type SurveyView } from "~/utils/survey-view";
import type { Ruleset } from "~/domain/ruleset";
import { otpMessage } from "./otp-message.server";
import { answerErrors, screeningErrors } from "./survey-errors.server";
import { otpCookie, surveyCookie } from "./survey-cookies.server";
import { closedMessage, surveyAction, type SurveyFlow } from "./survey-flow.server";

/** Screening answers travel in the survey page as `screening:<question code>` fields. */
export const SCREENING_FIELD_PREFIX = "screening:";

export type ResumeStage = "code" | "contact" | "otp";

export type ResumeView = {
  resume: true;
  lang: Lang;
  instrument: SurveyFlow["instrument"];
  /** Where the form posts: the flow's resume page. */
  action: string;
  startPath: string;
  agencyName: string | null;
  view: SurveyView;
  screeningQuestions: { code: string; question: string; options: { value: string; label: string }[] }[];
  values: Record<string, string>;
  screening: Record<string, string>;
  submissionKey: string;
  stage: ResumeStage;
  errors: Record<string, string>;
  /** The verification field's own error (code, contact or OTP), already in the page's language. */
  fieldError: string | null;
  notice: string | null;
  formToken: string | null;
  allowEmail: boolean;
  contact: string;
};

type Base = { ruleset: Ruleset; agencyName: string | null; agency: Awaited<ReturnType<typeof getEitLanding>> };

/** What the page needs without a session: the cycle's ruleset (and, for the EIT, the agency of the link). */
async function resumeBase(flow: SurveyFlow, lang: Lang): Promise<Base | null> {
  if (flow.instrument === "iit") {
    const cycle = await getCurrentCycle();
    return cycle ? { ruleset: getCycleRuleset(cycle), agencyName: null, agency: null } : null;
  }
  const landing = flow.agencySlug ? await getEitLanding(flow.agencySlug) : null;
  if (!landing?.cycle) return null;
  return { ruleset: getCycleRuleset(landing.cycle), agencyName: localName(landing.agency, lang), agency: landing };
}

/** The posted answers and screening worth keeping: known keys of this survey with plausible values only. */
function kept(ruleset: Ruleset, flow: SurveyFlow, fields: Record<string, string>) {
  const instrument = rulesetInstrument(flow.instrument);
  const keys = new Set(surveyView(ruleset, instrument, "th").answerKeys);
  const values: Record<string, string> = {};
  const screening: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (keys.has(key) && /^\d{1,2}$/.test(value)) values[key] = value;
  }
  for (const question of screeningQuestions(ruleset, instrument)) {
    const value = fields[`${SCREENING_FIELD_PREFIX}${question.code}`];
    if (typeof value === "string" && question.options.some((option) => option.code === value)) screening[question.code] = value;
  }
  return { values, screening };
}

function buildView(
  flow: SurveyFlow,
  base: Base,
  lang: Lang,
  parts: Partial<ResumeView> & Pick<ResumeView, "values" | "screening" | "submissionKey">,
): ResumeView {
  const instrument = rulesetInstrument(flow.instrument);
  const landing = base.agency;
  return {
    resume: true,
    lang,
    instrument: flow.instrument,
    action: flow.paths.start + "/resume",
    startPath: flow.paths.start,
    agencyName: base.agencyName,
    view: surveyView(base.ruleset, instrument, lang),
    screeningQuestions: screeningQuestions(base.ruleset, instrument).map((question) => ({
      code: question.code,
      question: question.question[lang],
      options: question.options.map((option) => ({ value: option.code, label: option.label[lang] })),
    })),
    stage: flow.instrument === "iit" ? "code" : "contact",
    errors: {},
    fieldError: null,
    notice: null,
    formToken: landing ? otpFormToken(landing.agency.id) : null,
    allowEmail: Boolean(landing?.agencyCycle?.eitAllowEmail && emailDeliveryAvailable()),
    contact: "",
    ...parts,
  };
}

/**
 * The survey submit found no live session: the page with the posted answers kept, asking for the
 * code or a new OTP (thrown, so the survey route's ErrorBoundary renders it — the survey loader
 * needs a session), or null when there is nothing to show it with (no cycle, unknown agency).
 */
export async function expiredSubmitView(request: Request, flow: SurveyFlow, fields: Record<string, string>, submissionKey: string) {
  const lang = await getLang(request);
  const base = await resumeBase(flow, lang);
  if (!base) return null;
  return buildView(flow, base, lang, { ...kept(base.ruleset, flow, fields), submissionKey });
}

/** The resume page's answer: the page again (with what is wrong) or the survey's thank-you redirect. */
export async function resumeAction(request: Request, flow: SurveyFlow, clientAddress: string) {
  const form = await readForm(request); // CSRF and size checks first
  const lang = await getLang(request);
  const fields = Object.fromEntries(form) as Record<string, string>;
  const base = await resumeBase(flow, lang);
  if (!base) throw redirect(`${flow.paths.start}?expired=1`);
  const instrument = rulesetInstrument(flow.instrument);
  const { values, screening } = kept(base.ruleset, flow, fields);
  // The original key keeps a retry one response; a missing or forged one gets a fresh key.
  const submissionKey = SUBMISSION_KEY_PATTERN.test(fields.submissionKey ?? "") ? fields.submissionKey : randomToken(16);
  const page = (status: number, parts: Partial<ResumeView>, headers?: HeadersInit) =>
    data(buildView(flow, base, lang, { values, screening, submissionKey, ...parts }), { status, headers });

  // The answers and the screening are checked before any code or OTP is spent on them.
  const view = surveyView(base.ruleset, instrument, lang);
  const answers = answersSchema(base.ruleset, instrument).safeParse(values);
  const screened = screeningSchema(base.ruleset, instrument).safeParse(screening);
  const errors = {
    ...(screened.success ? {} : screeningErrors(base.ruleset, instrument, screening, screened.error.issues, lang).errors),
    ...(answers.success ? {} : answerErrors(view, values, answers.error.issues, lang).errors),
  };
  const stage = (fallback: ResumeStage): ResumeStage => (flow.instrument === "iit" ? "code" : fallback);
  if (!answers.success || !screened.success) return page(400, { errors, stage: stage(fields.intent === "verify" ? "otp" : "contact") });
  const blocking = blockingQuestion(base.ruleset, instrument, screened.data);
  if (blocking) throw redirect(`${flow.paths.start}?screened=${encodeURIComponent(blocking)}`);

  let sessionToken: string;
  if (flow.instrument === "iit") {
    const code = (fields.code ?? "").trim();
    if (!code) return page(401, { fieldError: fields.code === undefined ? null : translate(lang, "iit.code.required") });
    const admitted = await admitIitCode(code.slice(0, 64), clientAddress);
    if (!admitted.ok) return page(admitted.status, { fieldError: translate(lang, admitted.error, admitted.vars) }, admitted.headers);
    sessionToken = await createSurveySession({ agencyId: admitted.agencyId, cycleId: admitted.cycleId, instrument: "iit" });
  } else {
    const landing = base.agency!;
    const open = Boolean(landing.cycle && collectionState(landing.cycle, landing.agencyCycle, "eit1") === "open" && landing.cycle.dedupeKeyEnc);
    if (!open || !landing.cycle) return page(403, { fieldError: translate(lang, "eit.closed") });
    if (fields.intent === "send") {
      const contactText = (fields.contact ?? "").slice(0, 260);
      if (!isValidOtpFormToken(fields.formToken, landing.agency.id)) return page(400, { fieldError: translate(lang, "eit.formExpired"), contact: contactText });
      const allowEmail = Boolean(landing.agencyCycle?.eitAllowEmail && emailDeliveryAvailable());
      const contact = parseContact(contactText, { allowEmail });
      if (!contact.ok) return page(400, { fieldError: translate(lang, contact.error), contact: contactText });
      const held = await otpCookie.parse(request.headers.get("Cookie"));
      const sent = await requestOtp({
        cycle: landing.cycle,
        agency: landing.agency,
        contact: contact.contact,
        channel: "qr", // as on the landing page: the counter never joins the challenge row
        lang,
        clientAddress,
        resendOf: typeof held === "string" ? held : null,
        message: otpMessage(lang, landing.agency, contact.contact),
      });
      if (sent.status === "busy") {
        return page(429, { fieldError: translate(lang, "eit.busy"), contact: contactText }, { "Retry-After": String(sent.retryAfterSeconds) });
      }
      // The same answer whether or not a message went out (no enumeration, shared/security.md).
      return page(401, { stage: "otp", notice: translate(lang, "expired.sent") }, { "Set-Cookie": await otpCookie.serialize(sent.challengeToken) });
    }
    if (fields.intent !== "verify") return page(401, { stage: "contact" });
    const otp = (fields.code ?? "").replace(/[๐-๙]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50)).replace(/\s/g, "");
    if (!/^\d{6}$/.test(otp)) return page(400, { stage: "otp", fieldError: translate(lang, "eit.verify.format") });
    const held = await otpCookie.parse(request.headers.get("Cookie"));
    const verified = await verifyOtp(typeof held === "string" ? held : null, otp);
    if (verified.status === "limited") {
      return page(429, { stage: "otp", fieldError: translate(lang, "error.429") }, { "Retry-After": String(verified.retryAfterSeconds) });
    }
    if (verified.status === "wrong") {
      const left = translate(lang, "eit.verify.attemptsLeft", { count: verified.attemptsLeft });
      return page(400, { stage: "otp", fieldError: `${translate(lang, "eit.verify.wrong")} — ${left}` });
    }
    if (verified.status === "dead" || verified.challenge.agencyId !== landing.agency.id) {
      return page(400, { stage: "contact", fieldError: translate(lang, "eit.verify.dead") });
    }
    const { challenge } = verified;
    const clearOtp = await otpCookie.serialize("", { maxAge: 0 });
    if (await hasAnswered(challenge.cycleId, challenge.agencyId, challenge.contactHash)) {
      return page(409, { stage: "contact", fieldError: translate(lang, "eit.already") }, { "Set-Cookie": clearOtp });
    }
    sessionToken = await createSurveySession({
      agencyId: challenge.agencyId,
      cycleId: challenge.cycleId,
      instrument: "eit1",
      contactHash: challenge.contactHash,
    });
  }
  return submitKept(request, flow, sessionToken, screened.data, values, submissionKey, (status, formError, cookie) =>
    page(status, { fieldError: formError ? translate(lang, formError) : null, stage: stage("contact") }, cookie ? { "Set-Cookie": cookie } : undefined),
  );
}

/**
 * The kept answers, submitted through the one survey submit (surveyAction) under the new session:
 * the same checks, the same transaction, the same idempotency key as the page they came from.
 */
async function submitKept(
  request: Request,
  flow: SurveyFlow,
  sessionToken: string,
  screening: Record<string, string>,
  values: Record<string, string>,
  submissionKey: string,
  again: (status: number, formError: MessageKey | null, cookie: string | null) => ReturnType<typeof data>,
) {
  const sessionCookie = await surveyCookie.serialize(sessionToken);
  await saveScreening(sha256(sessionToken), screening);
  const headers = new Headers(request.headers);
  headers.delete("Content-Length");
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  headers.set("Cookie", [request.headers.get("Cookie"), sessionCookie.split(";")[0]].filter(Boolean).join("; "));
  const inner = new Request(new URL(flow.paths.survey, request.url), {
    method: "POST",
    headers,
    body: new URLSearchParams({ submissionKey, ...values }),
  });
  let result: unknown;
  try {
    result = await surveyAction(inner, flow);
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    if (result.headers.has("Location")) return result; // thanks (its cookies end the session), or a start page
    throw result;
  }
  // Refused at the submit (closed meanwhile, the staff cap, a database outage): the page again, with
  // the new session's cookie so nothing more is asked if the person simply tries again later.
  const outcome = result as { data?: { formError?: MessageKey | null }; init?: { status?: number } };
  return again(outcome.init?.status ?? 400, outcome.data?.formError ?? "survey.notSaved", sessionCookie);
}

/** An IIT code, checked as the code page checks it: the agency and cycle it opens, or why not. */
export async function admitIitCode(code: string, clientAddress: string) {
  type Refusal = { ok: false; error: MessageKey; status: number; vars?: Record<string, string | number>; headers?: HeadersInit };
  const check = await checkIitCode(code, clientAddress);
  if (check.status === "limited") {
    return {
      ok: false,
      error: "iit.code.limited",
      status: 429,
      vars: { minutes: Math.ceil(check.retryAfterSeconds / 60) },
      headers: { "Retry-After": String(check.retryAfterSeconds) },
    } satisfies Refusal;
  }
  if (check.status === "invalid") return { ok: false, error: "iit.code.invalid", status: 400 } satisfies Refusal;
  const { agencyCycle } = check;
  const current = await getCurrentCycle();
  // A code of an earlier cycle is an expired code: the same message as a wrong one.
  if (!current || current.id !== agencyCycle.cycleId) return { ok: false, error: "iit.code.invalid", status: 400 } satisfies Refusal;
  const state = collectionState(agencyCycle.cycle, agencyCycle, "iit");
  if (state !== "open") return { ok: false, error: closedMessage("iit", state), status: 403 } satisfies Refusal;
  if (!agencyCycle.internalPopulation) return { ok: false, error: "iit.noPopulation", status: 403 } satisfies Refusal;
  const tally = await getTally(agencyCycle.agencyId, agencyCycle.cycleId, "iit");
  if (tally.responses >= agencyCycle.internalPopulation) return { ok: false, error: "iit.full", status: 409 } satisfies Refusal;
  return { ok: true as const, agencyId: agencyCycle.agencyId, cycleId: agencyCycle.cycleId };
}
