// The IIT flow driven through its route loaders and actions, like a browser would with a cookie
// jar: code → eligibility → the items → thanks. Proves issue 3 and shared/security.md (staff access
// code, anonymity, cap, idempotency, input limits, CSRF) on SQLite and, with TEST_DATABASE=postgres,
// on PostgreSQL.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { run, type ParsedOutcome } from "../fixtures/http";
import { perceptionItems } from "~/domain/answers";
import type { Ruleset } from "~/domain/ruleset";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { dbTarget, prisma } from "~/db.server";
import { createAgency, registerAgencyForCycle } from "~/models/agency.server";
import { createCycle } from "~/models/cycle.server";
import { checkIitCode, CODE_FAILURE_WINDOWS, GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR, issueIitCode, revokeIitCode } from "~/models/iit-code.server";
import { secondsLeft } from "~/models/rate-limit.server";
import { getSnapshotTally, getTally, recountFromResponses } from "~/models/response.server";
import { sessionStartedAt, slidingExpiry, SURVEY_SESSION_MAX_SECONDS, SURVEY_SESSION_TTL_SECONDS } from "~/models/survey-session.server";
import * as codeRoute from "~/routes/iit._index";
import * as eligibilityRoute from "~/routes/iit.eligibility";
import * as surveyRoute from "~/routes/iit.survey";
import * as resumeRoute from "~/routes/iit.resume";
import { surveyCookie } from "~/services/survey-cookies.server";
import * as sessionRoute from "~/routes/iit.session";
import { randomId, randomToken } from "~/utils/crypto.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { CookieJar, openCycle, registeredAgency } from "../fixtures/db";

// ───────────── driving the routes ─────────────

/** What a loader or action answered, whether it returned or threw, as a Response or data(). */
type Outcome = ParsedOutcome;

type Route = (args: ActionFunctionArgs & LoaderFunctionArgs) => unknown;
type Fields = Record<string, string>;

let addresses = 0;
/** A distinct client address per browser (TEST-NET / benchmark ranges), so limits do not leak between tests. */
function nextAddress() {
  addresses++;
  return `198.18.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
}

/** One browser: a cookie jar and a client address. */
class Browser {
  readonly jar = new CookieJar();
  constructor(readonly address = nextAddress()) {}

  async call(route: Route, path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers);
    const cookie = this.jar.header();
    if (cookie) headers.set("Cookie", cookie);
    const request = new Request(`http://localhost${path}`, { method: init.method ?? "GET", body: init.body, headers });
    const outcome = await run(() => route({ request, params: {}, context: { clientAddress: this.address } }));
    this.jar.absorb(new Response(null, { headers: outcome.headers }));
    return outcome;
  }

  post(route: Route, path: string, fields: Fields, headers: Record<string, string> = {}) {
    return this.call(route, path, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    });
  }

  enterCode(code: string, headers: Record<string, string> = {}) {
    return this.post(codeRoute.action as Route, "/iit?index", { code }, headers);
  }
  answerEligibility(fields: Fields = { position: "staff", tenure: "yes" }, headers: Record<string, string> = {}) {
    return this.post(eligibilityRoute.action as Route, "/iit/eligibility", fields, headers);
  }
  loadEligibility() {
    return this.call(eligibilityRoute.loader as Route, "/iit/eligibility");
  }
  loadSurvey() {
    return this.call(surveyRoute.loader as Route, "/iit/survey");
  }
  submit(submissionKey: string, answers: Fields, headers: Record<string, string> = {}) {
    return this.post(surveyRoute.action as Route, "/iit/survey", { submissionKey, ...answers }, headers);
  }
}

/** A complete valid answer set as form strings (option index per answer key). */
function answersForm(seed: number): Fields {
  const answers = randomAnswers(ita2568, "iit", seededRandom(seed), 0.5);
  return Object.fromEntries(Object.entries(answers).map(([key, value]) => [key, String(value)]));
}

const ANSWER_KEYS = perceptionItems(ita2568, "iit").flatMap((item) => item.answerKeys);

/** A browser that entered the code, passed eligibility and holds the survey page's submission key. */
async function readyToSubmit(code: string) {
  const browser = new Browser();
  const entered = await browser.enterCode(code);
  expect(entered.status, JSON.stringify(entered.body)).toBe(302);
  const eligible = await browser.answerEligibility();
  expect(eligible.status).toBe(302);
  const page = await browser.loadSurvey();
  expect(page.status).toBe(200);
  return { browser, submissionKey: page.body.submissionKey as string };
}

function counts(agencyId: string, cycleId: string) {
  return Promise.all([prisma.response.count({ where: { agencyId } }), getTally(agencyId, cycleId, "iit").then((tally) => tally.responses)]).then(
    ([rows, tally]) => ({ rows, tally }),
  );
}

function agencyCycleOf(agencyId: string, cycleId: string) {
  return prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId, cycleId } } });
}

/** A wrong code of the right shape (a different last symbol). */
function wrongCode(code: string) {
  return code.slice(0, -1) + (code.endsWith("0") ? "1" : "0");
}

/** Fixed-window limits: start a burst of counted requests well inside one 10-minute window. */
async function awayFromWindowEdge(seconds = 600, margin = 20) {
  const left = secondsLeft(new Date(), seconds);
  if (left < margin) await new Promise((resolve) => setTimeout(resolve, (left + 1) * 1000));
}

const ALLOWED_RESPONSE_COLUMNS = ["id", "cycleId", "agencyId", "instrument", "answers", ...Array.from({ length: 30 }, (_, i) => `p${i + 1}`)].sort();

// ───────────── the tests ─────────────

describe(`IIT flow (${dbTarget.provider})`, () => {
  it("happy path: code in lower case with odd spacing → eligibility → 15 items → thanks; one anonymous row", async () => {
    const { agency, cycle, iitCode } = await registeredAgency({ internalPopulation: 10 });
    const browser = new Browser();

    const typed = `  ${iitCode.toLowerCase().replace("-", "   ")} `;
    const entered = await browser.enterCode(typed);
    expect(entered.status).toBe(302);
    expect(entered.location).toBe("/iit/eligibility");
    const setCookie = entered.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^ita_survey=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(browser.jar.has("ita_survey")).toBe(true);
    // The code travels in neither the redirect nor the cookie.
    const plain = iitCode.replace("-", "");
    for (const text of [entered.location ?? "", setCookie, decodeURIComponent(setCookie)]) {
      expect(text.toUpperCase()).not.toContain(plain);
      expect(text.toUpperCase()).not.toContain(iitCode);
    }

    // A short-lived, DB-backed session carrying only agency + cycle + instrument.
    const sessions = await prisma.surveySession.findMany({ where: { agencyId: agency.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ cycleId: cycle.id, instrument: "iit", contactHash: null, screening: null });
    const ttl = sessions[0].expiresAt.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(SURVEY_SESSION_TTL_SECONDS * 1000);
    expect(SURVEY_SESSION_TTL_SECONDS).toBeLessThanOrEqual(30 * 60);

    // The eligibility page names the agency, so staff see they typed the right code.
    const eligibilityPage = await browser.loadEligibility();
    expect(eligibilityPage.status).toBe(200);
    expect(eligibilityPage.body.agencyName).toBe(agency.nameTh);
    expect(eligibilityPage.body.answeredHere).toBe(false);
    expect(eligibilityPage.body.questions.map((q: { code: string }) => q.code)).toEqual(["position", "tenure"]);

    const eligible = await browser.answerEligibility({ position: "staff", tenure: "yes" });
    expect(eligible.status).toBe(302);
    expect(eligible.location).toBe("/iit/survey");

    const surveyPage = await browser.loadSurvey();
    expect(surveyPage.status).toBe(200);
    const { submissionKey, view } = surveyPage.body;
    expect(submissionKey).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
    expect(view.answerKeys).toEqual(ANSWER_KEYS);
    expect(view.indicators.flatMap((indicator: { items: unknown[] }) => indicator.items)).toHaveLength(15);

    const answers = answersForm(1);
    const submitted = await browser.submit(submissionKey, answers);
    expect(submitted.status).toBe(302);
    expect(submitted.location).toBe("/iit/thanks");
    expect(browser.jar.has("ita_survey")).toBe(false); // the session cookie ends
    expect(browser.jar.has("ita_answered")).toBe(true); // the soft "answered here" signal

    expect(await counts(agency.id, cycle.id)).toEqual({ rows: 1, tally: 1 });
    expect(await prisma.surveySession.count({ where: { agencyId: agency.id } })).toBe(0);
    expect(await recountFromResponses(agency.id, cycle.id, "iit")).toEqual(await getTally(agency.id, cycle.id, "iit"));

    const row = await prisma.response.findFirstOrThrow({ where: { agencyId: agency.id } });
    // The screening categories are counts in their own tally, not on the row.
    const screening = await prisma.screeningTally.findMany({
      where: { agencyId: agency.id, cycleId: cycle.id, instrument: "iit" },
      orderBy: { question: "asc" },
    });
    expect(screening.map(({ question, answer, responses }) => ({ question, answer, responses }))).toEqual([
      { question: "position", answer: "staff", responses: 1 },
      { question: "tenure", answer: "yes", responses: 1 },
    ]);
    expect(JSON.parse(row.answers)).toEqual(Object.fromEntries(Object.entries(answers).map(([key, value]) => [key, Number(value)])));
    expect(Object.keys(JSON.parse(row.answers))).toEqual(ANSWER_KEYS); // definition order, whatever the form order
    expect(row).toMatchObject({ cycleId: cycle.id, instrument: "iit" });
    // Nothing in the row ties it to the session, the client or the time.
    expect(Object.keys(row).sort()).toEqual(ALLOWED_RESPONSE_COLUMNS);
    expect(row.id).toMatch(/^[0-9a-f]{32}$/);
    const values = Object.values(row).map(String).join("\n");
    expect(values).not.toContain(sessions[0].id);
    expect(values).not.toContain(submissionKey);
    expect(values).not.toContain(browser.address);
    // The idempotency record holds neither agency, session nor answers, and only a purge day.
    const key = await prisma.idempotencyKey.findUniqueOrThrow({ where: { key: submissionKey } });
    expect(JSON.parse(key.outcome)).toEqual({ status: "accepted", instrument: "iit" });
    expect(key.purgeAfter.getUTCHours() * 3600 + key.purgeAfter.getUTCMinutes() * 60 + key.purgeAfter.getUTCSeconds()).toBe(0);

    // The same browser may start again (a colleague sharing the PC) and is told, softly.
    const again = await browser.enterCode(iitCode);
    expect(again.status).toBe(302);
    expect((await browser.loadEligibility()).body.answeredHere).toBe(true);
  });

  it("the survey page needs the eligibility answers first; the eligibility form takes only known options", async () => {
    const { iitCode } = await registeredAgency();
    const browser = new Browser();
    expect((await browser.enterCode(iitCode)).status).toBe(302);
    const early = await browser.loadSurvey();
    expect(early.status).toBe(302);
    expect(early.location).toBe("/iit/eligibility");
    for (const fields of [{ position: "staff" }, { position: "mayor", tenure: "yes" }, { position: "staff", tenure: "yes", extra: "1" }, {}]) {
      const refused = await browser.answerEligibility(fields as Fields);
      expect(refused.status, JSON.stringify(fields)).toBe(400);
      expect(Object.keys(refused.body.errors).length).toBeGreaterThan(0);
    }
    expect((await browser.loadSurvey()).location).toBe("/iit/eligibility");
  });

  it("wrong, malformed, rotated, revoked and earlier-cycle codes all get the same status and message", async () => {
    const live = await registeredAgency();
    const revoked = await registeredAgency();
    await revokeIitCode(revoked.agency.id, revoked.cycle.id);
    const rotated = await registeredAgency();
    await issueIitCode(rotated.agency.id, rotated.cycle.id); // the first code is now stale

    // An agency registered in an earlier cycle (2567), with a live code of that cycle.
    await openCycle();
    const now = Date.now();
    const earlierRuleset = { ...ita2568, meta: { ...ita2568.meta, fiscalYear: 2567 } } as Ruleset;
    const earlierCycle = await createCycle(earlierRuleset, {
      iitOpensAt: new Date(now - 86_400_000),
      iitClosesAt: new Date(now + 86_400_000),
      eitOpensAt: new Date(now - 86_400_000),
      eitClosesAt: new Date(now + 86_400_000),
      oitOpensAt: new Date(now - 86_400_000),
      oitClosesAt: new Date(now + 86_400_000),
    });
    const oldAgency = await createAgency({ slug: `old-${randomId().slice(0, 8)}`, nameTh: "เก่า", nameEn: "Old", kind: "local_sao" });
    await registerAgencyForCycle({ agencyId: oldAgency.id, cycleId: earlierCycle.id, internalPopulation: 10 });
    const earlierCode = await issueIitCode(oldAgency.id, earlierCycle.id);

    const sessionsBefore = await prisma.surveySession.count();
    const attempts = {
      wrong: wrongCode(live.iitCode),
      malformed: "ABC-12",
      revoked: revoked.iitCode,
      rotated: rotated.iitCode,
      earlierCycle: earlierCode,
    };
    const outcomes: Record<string, { status: number; body: unknown; cookie: string | null }> = {};
    for (const [name, code] of Object.entries(attempts)) {
      const outcome = await new Browser().enterCode(code);
      outcomes[name] = { status: outcome.status, body: outcome.body, cookie: outcome.headers.get("Set-Cookie") };
    }
    expect(outcomes.wrong).toEqual({ status: 400, body: { error: "iit.code.invalid" }, cookie: null });
    for (const name of Object.keys(attempts)) expect(outcomes[name], name).toEqual(outcomes.wrong);
    expect(await prisma.surveySession.count()).toBe(sessionsBefore);
    // ... while the live code itself works.
    expect((await new Browser().enterCode(live.iitCode)).status).toBe(302);
  });

  it("tenure 'no' → a polite explanation on the start page (not 'session expired'), no survey, no row, and the session ends (attack L3)", async () => {
    const { agency, cycle, iitCode } = await registeredAgency();
    const browser = new Browser();
    expect((await browser.enterCode(iitCode)).status).toBe(302);
    const blocked = await browser.answerEligibility({ position: "employee", tenure: "no" });
    // The eligibility page cannot show it (its loader finds no session once it ends): the start
    // page does, from the question's code in the URL (never the answer).
    expect(blocked.status).toBe(302);
    expect(blocked.location).toBe("/iit?screened=tenure");
    const start = await browser.call(codeRoute.loader as Route, blocked.location!);
    const tenure = ita2568.screening.iit.find((question) => question.code === "tenure")!;
    expect((start.body as { screened: string | null; expired: boolean }).screened).toBe(tenure.blockedMessage!.th);
    expect((start.body as { screened: string | null }).screened).toContain("ขอบคุณ");
    expect((start.body as { expired: boolean }).expired).toBe(false);
    expect(browser.jar.has("ita_survey")).toBe(false);
    expect(await prisma.surveySession.count({ where: { agencyId: agency.id } })).toBe(0);
    const after = await browser.loadSurvey();
    expect(after.status).toBe(302);
    expect(after.location).toBe("/iit?expired=1");
    expect(await counts(agency.id, cycle.id)).toEqual({ rows: 0, tally: 0 });
  });

  describe("code guessing", () => {
    it("10 wrong codes from one client → the 11th, even the right code, gets 429 + Retry-After; other clients unaffected", async () => {
      await awayFromWindowEdge();
      const { agency, iitCode } = await registeredAgency();
      const guesser = new Browser();
      for (let i = 0; i < 10; i++) {
        const guess = await guesser.enterCode(wrongCode(iitCode).slice(0, -2) + String(10 + i));
        expect(guess.status, `guess ${i + 1}`).toBe(400);
        expect(guess.body).toEqual({ error: "iit.code.invalid" });
      }
      const eleventh = await guesser.enterCode(iitCode);
      expect(eleventh.status).toBe(429);
      const retryAfter = Number(eleventh.headers.get("Retry-After"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(CODE_FAILURE_WINDOWS[0].seconds);
      expect(eleventh.body).toEqual({ error: "iit.code.limited", vars: { minutes: Math.ceil(retryAfter / 60) } });
      expect(guesser.jar.has("ita_survey")).toBe(false);
      expect((await guesser.enterCode(wrongCode(iitCode))).status).toBe(429);
      expect(await prisma.surveySession.count({ where: { agencyId: agency.id } })).toBe(0);

      // Another client (a colleague on another connection) is not affected.
      const colleague = new Browser();
      expect((await colleague.enterCode(iitCode)).status).toBe(302);
      // Right codes are not failures: many staff behind one office NAT can all start.
      const office = nextAddress();
      for (let i = 0; i < 12; i++) expect((await new Browser(office).enterCode(iitCode)).status, `staff ${i + 1}`).toBe(302);
    });

    it("the wait grows for whoever keeps guessing: 10 min, then the rest of the hour", async () => {
      const { iitCode } = await registeredAgency();
      const address = nextAddress();
      const hour = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 2 * 86_400_000; // a quiet hour, 2 days ahead
      const t0 = new Date(hour + 60_000);
      for (let i = 0; i < 10; i++) expect((await checkIitCode(wrongCode(iitCode), address, t0)).status).toBe("invalid");
      expect(await checkIitCode(iitCode, address, t0)).toEqual({ status: "limited", retryAfterSeconds: 540 });

      const t1 = new Date(hour + 11 * 60_000); // the next 10-minute window, same hour
      expect((await checkIitCode(iitCode, address, t1)).status).toBe("ok");
      for (let i = 0; i < 10; i++) expect((await checkIitCode(wrongCode(iitCode), address, t1)).status).toBe("invalid");
      expect(await checkIitCode(iitCode, address, t1)).toEqual({ status: "limited", retryAfterSeconds: 3600 - 11 * 60 });
      expect(await checkIitCode(iitCode, address, new Date(hour + 30 * 60_000))).toMatchObject({ status: "limited" });
      expect((await checkIitCode(iitCode, address, new Date(hour + 3_600_000 + 60_000))).status).toBe("ok");
    });

    it(`the global failure budget (${GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR}/h from many addresses) raises exactly one audit alert`, async () => {
      await openCycle();
      const at = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 5 * 86_400_000 + 120_000); // its own hour
      const alerts = () => prisma.auditLog.findMany({ where: { action: "iit.code.global-failure-budget" } });
      const before = (await alerts()).length;
      let next = 0;
      const fail = async (n: number) => {
        for (let done = 0; done < n; done += 25) {
          const batch = Array.from({ length: Math.min(25, n - done) }, () => {
            next++;
            return checkIitCode("ZZZZZ-ZZZZ" + "0123456789"[next % 10], `10.${next >> 8}.${next & 255}.9`, at);
          });
          for (const result of await Promise.all(batch)) expect(result.status).toBe("invalid");
        }
      };
      await fail(GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR - 1);
      expect(await alerts()).toHaveLength(before);
      await fail(1);
      const raised = await alerts();
      expect(raised).toHaveLength(before + 1);
      const alert = raised.find((entry) => entry.detail?.includes(String(GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR)))!;
      expect(alert).toMatchObject({ outcome: "alert", agencyId: null, actorId: null });
      expect(JSON.parse(alert.detail!)).toEqual({ failuresThisHour: GLOBAL_CODE_FAILURE_BUDGET_PER_HOUR });
      expect(alert.detail).not.toMatch(/ZZZZ|10\.\d+\.\d+\.9/);
      await fail(20); // past the budget: still one alert for this hour
      expect(await alerts()).toHaveLength(before + 1);
    });
  });

  describe("cap: accepted IIT responses ≤ the declared internal population", () => {
    it("H = 3: three submits accepted, the 4th session refused with 409 iit.full; the code page refuses new sessions", async () => {
      const { agency, cycle, iitCode } = await registeredAgency({ internalPopulation: 3 });
      // Four staff got in while there was room.
      const staff = [];
      for (let i = 0; i < 4; i++) staff.push(await readyToSubmit(iitCode));
      for (let i = 0; i < 3; i++) {
        const accepted = await staff[i].browser.submit(staff[i].submissionKey, answersForm(10 + i));
        expect(accepted.status, `submit ${i + 1}`).toBe(302);
        expect(accepted.location).toBe("/iit/thanks");
      }
      const fourth = await staff[3].browser.submit(staff[3].submissionKey, answersForm(13));
      expect(fourth.status).toBe(409);
      expect(fourth.body.formError).toBe("iit.full");
      expect(fourth.body.values).toMatchObject(answersForm(13)); // the answers stay in the page

      expect(await counts(agency.id, cycle.id)).toEqual({ rows: 3, tally: 3 });
      expect(await recountFromResponses(agency.id, cycle.id, "iit")).toEqual(await getTally(agency.id, cycle.id, "iit"));
      expect((await agencyCycleOf(agency.id, cycle.id)).iitRefusedOverCap).toBe(1);
      expect(await prisma.idempotencyKey.findUnique({ where: { key: staff[3].submissionKey } })).toBeNull();

      const late = new Browser();
      const refused = await late.enterCode(iitCode);
      expect(refused.status).toBe(409);
      expect(refused.body).toEqual({ error: "iit.full" });
      expect(late.jar.has("ita_survey")).toBe(false);
      expect(await counts(agency.id, cycle.id)).toEqual({ rows: 3, tally: 3 });
    });

    it("no declared population → no session at all", async () => {
      const { iitCode } = await registeredAgency({ internalPopulation: null });
      const outcome = await new Browser().enterCode(iitCode);
      expect(outcome.status).toBe(403);
      expect(outcome.body).toEqual({ error: "iit.noPopulation" });
    });
  });

  describe("idempotency", () => {
    it("the same form sent twice, in a row and at once, and replayed without a session → thanks each time, one row", async () => {
      const { agency, cycle, iitCode } = await registeredAgency({ internalPopulation: 10 });
      const { browser, submissionKey } = await readyToSubmit(iitCode);
      const answers = answersForm(21);
      const cookieAtSubmit = browser.jar.header();

      const first = await browser.submit(submissionKey, answers);
      expect(first.status).toBe(302);
      expect(first.location).toBe("/iit/thanks");
      // A retry from the page that still had the old cookie (the network dropped the reply).
      const retryBrowser = new Browser(browser.address);
      retryBrowser.jar.absorb(new Response(null, { headers: { "Set-Cookie": cookieAtSubmit } }));
      const retry = await retryBrowser.submit(submissionKey, answers);
      expect(retry.status).toBe(302);
      expect(retry.location).toBe("/iit/thanks");
      // The same key replayed once the session cookie is gone.
      const replay = await new Browser().submit(submissionKey, answers);
      expect(replay.status).toBe(302);
      expect(replay.location).toBe("/iit/thanks");
      expect(await counts(agency.id, cycle.id)).toEqual({ rows: 1, tally: 1 });

      // A double click: two identical submits in flight at the same time.
      const second = await readyToSubmit(iitCode);
      const clicks = await Promise.all([0, 1].map(() => second.browser.submit(second.submissionKey, answersForm(22))));
      expect(clicks.map((click) => [click.status, click.location])).toEqual([
        [302, "/iit/thanks"],
        [302, "/iit/thanks"],
      ]);
      expect(await counts(agency.id, cycle.id)).toEqual({ rows: 2, tally: 2 });
      expect(await recountFromResponses(agency.id, cycle.id, "iit")).toEqual(await getTally(agency.id, cycle.id, "iit"));
    });
  });

  describe("invalid bodies → 4xx, nothing written", () => {
    it("missing, extra, out-of-range and non-numeric answers, bad submission keys, oversized and multipart bodies", async () => {
      const { agency, cycle, iitCode } = await registeredAgency({ internalPopulation: 10 });
      const { browser } = await readyToSubmit(iitCode);
      const valid = answersForm(31);
      const without = (...keys: string[]) => Object.fromEntries(Object.entries(valid).filter(([key]) => !keys.includes(key)));
      const item15 = ANSWER_KEYS.filter((key) => key.startsWith("i15"));
      expect(item15.length).toBeGreaterThan(0);

      const cases: { name: string; fields: Fields; errorKey?: string; formError?: string }[] = [
        { name: "one answer key missing (i7)", fields: without("i7"), errorKey: "i7" },
        { name: "14 of the 15 items (item 15 missing)", fields: without(...item15), errorKey: item15[0] },
        { name: "an extra unknown item (i16)", fields: { ...valid, i16: "0" }, errorKey: "i16" },
        { name: "an extra non-answer field", fields: { ...valid, agencyId: agency.id }, errorKey: "agencyId" },
        { name: "out-of-range index 9", fields: { ...valid, i2: "9" }, errorKey: "i2" },
        { name: "index 2 on a yes/no item", fields: { ...valid, "i3.1": "2" }, errorKey: "i3.1" },
        { name: "negative index", fields: { ...valid, i8: "-1" }, errorKey: "i8" },
        { name: "decimal index", fields: { ...valid, i9: "1.5" }, errorKey: "i9" },
        { name: "non-numeric value", fields: { ...valid, i10: "abc" }, errorKey: "i10" },
        { name: "empty value", fields: { ...valid, i11: "" }, errorKey: "i11" },
        { name: "huge number", fields: { ...valid, i12: "99999999999999999999999" }, errorKey: "i12" },
      ];
      for (const testCase of cases) {
        const outcome = await browser.submit(randomToken(16), testCase.fields);
        expect(outcome.status, testCase.name).toBe(400);
        expect(Object.keys(outcome.body.errors), testCase.name).toContain(testCase.errorKey);
        expect(await counts(agency.id, cycle.id), testCase.name).toEqual({ rows: 0, tally: 0 });
      }

      for (const [name, key] of [
        ["empty submissionKey", ""],
        ["short submissionKey", "abc"],
        ["submissionKey with odd characters", "a".repeat(20) + "/+"],
      ]) {
        const outcome = await browser.submit(key, valid);
        expect(outcome.status, name).toBe(400);
        expect(outcome.body.formError, name).toBe("error.400");
      }
      const noKey = await browser.post(surveyRoute.action as Route, "/iit/survey", valid);
      expect(noKey.status).toBe(400);

      // 20 KB: refused while streaming, with or without a declared length.
      const padded = new URLSearchParams({ submissionKey: randomToken(16), ...valid, note: "x".repeat(20 * 1024) }).toString();
      const oversized = await browser.call(surveyRoute.action as Route, "/iit/survey", {
        method: "POST",
        body: padded,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
      expect(oversized.status).toBe(413);
      const declared = await browser.call(surveyRoute.action as Route, "/iit/survey", {
        method: "POST",
        body: padded,
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(padded.length) },
      });
      expect(declared.status).toBe(413);

      // Multipart (and other encodings) are refused: no form of this product uploads files.
      const multipart = new FormData();
      for (const [key, value] of Object.entries({ submissionKey: randomToken(16), ...valid })) multipart.append(key, value);
      expect((await browser.call(surveyRoute.action as Route, "/iit/survey", { method: "POST", body: multipart })).status).toBe(415);
      const json = await browser.call(surveyRoute.action as Route, "/iit/survey", {
        method: "POST",
        body: JSON.stringify({ submissionKey: randomToken(16), ...valid }),
        headers: { "Content-Type": "application/json" },
      });
      expect(json.status).toBe(415);

      expect(await counts(agency.id, cycle.id)).toEqual({ rows: 0, tally: 0 });
      expect(await prisma.idempotencyKey.count()).toBe(await prisma.response.count()); // none for refused bodies
      // The session survived all of that and still takes one valid submit.
      const ok = await browser.submit(randomToken(16), valid);
      expect(ok.status).toBe(302);
      expect(await counts(agency.id, cycle.id)).toEqual({ rows: 1, tally: 1 });
    });

    it("an oversized or multipart code form is refused before any code check", async () => {
      const { iitCode } = await registeredAgency();
      const browser = new Browser();
      const big = await browser.call(codeRoute.action as Route, "/iit?index", {
        method: "POST",
        body: new URLSearchParams({ code: iitCode, pad: "x".repeat(20 * 1024) }),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
      expect(big.status).toBe(413);
      const form = new FormData();
      form.append("code", iitCode);
      expect((await browser.call(codeRoute.action as Route, "/iit?index", { method: "POST", body: form })).status).toBe(415);
      expect((await browser.enterCode("")).body).toEqual({ error: "iit.code.required" });
      expect((await browser.post(codeRoute.action as Route, "/iit?index", { code: iitCode, extra: "1" })).status).toBe(400);
      expect(browser.jar.has("ita_survey")).toBe(false);
    });

    it("a cross-site POST to each of the three actions → 403, nothing changes", async () => {
      const { agency, cycle, iitCode } = await registeredAgency();
      const crossSite = { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" };
      const originOnly = { Origin: "https://evil.example" };

      const outsider = new Browser();
      for (const headers of [crossSite, originOnly, { "Sec-Fetch-Site": "same-site" }]) {
        const code = await outsider.enterCode(iitCode, headers);
        expect(code.status, JSON.stringify(headers)).toBe(403);
      }
      expect(outsider.jar.has("ita_survey")).toBe(false);
      expect(await prisma.surveySession.count({ where: { agencyId: agency.id } })).toBe(0);

      // With a live session (the worst case: the cookie came along).
      const browser = new Browser();
      expect((await browser.enterCode(iitCode, { "Sec-Fetch-Site": "same-origin" })).status).toBe(302);
      for (const headers of [crossSite, originOnly]) {
        expect((await browser.answerEligibility({ position: "staff", tenure: "yes" }, headers)).status, JSON.stringify(headers)).toBe(403);
      }
      expect((await prisma.surveySession.findFirstOrThrow({ where: { agencyId: agency.id } })).screening).toBeNull();
      expect((await browser.answerEligibility({ position: "staff", tenure: "yes" }, { Origin: "http://localhost" })).status).toBe(302);

      const { submissionKey } = (await browser.loadSurvey()).body;
      for (const headers of [crossSite, originOnly]) {
        expect((await browser.submit(submissionKey, answersForm(41), headers)).status, JSON.stringify(headers)).toBe(403);
      }
      expect(await counts(agency.id, cycle.id)).toEqual({ rows: 0, tally: 0 });
      expect(await prisma.idempotencyKey.findUnique({ where: { key: submissionKey } })).toBeNull();
    });
  });

  describe("concurrency", () => {
    it("50 parallel submits for one agency (population 100) → exactly 50 rows; tally = SQL recount", async () => {
      const { agency, cycle, iitCode } = await registeredAgency({ internalPopulation: 100 });
      const ready = await Promise.all(Array.from({ length: 50 }, () => readyToSubmit(iitCode)));
      const outcomes = await Promise.all(ready.map(({ browser, submissionKey }, i) => browser.submit(submissionKey, answersForm(1000 + i))));
      expect(outcomes.map((outcome) => `${outcome.status} ${outcome.location}`)).toEqual(Array(50).fill("302 /iit/thanks"));
      expect(await counts(agency.id, cycle.id)).toEqual({ rows: 50, tally: 50 });
      const tally = await getTally(agency.id, cycle.id, "iit");
      expect(await recountFromResponses(agency.id, cycle.id, "iit")).toEqual(tally);
      expect(tally.sums[1]).toBeGreaterThan(0n);
      expect((await getSnapshotTally(agency.id, cycle.id, "iit")).responses).toBe(50); // 50 is a snapshot step
      expect(await prisma.surveySession.count({ where: { agencyId: agency.id } })).toBe(0);
    });

    it("population 30, 50 parallel submits → exactly 30 accepted, 20 refused, 30 rows", async () => {
      const { agency, cycle, iitCode } = await registeredAgency({ internalPopulation: 30 });
      const ready = await Promise.all(Array.from({ length: 50 }, () => readyToSubmit(iitCode)));
      const outcomes = await Promise.all(ready.map(({ browser, submissionKey }, i) => browser.submit(submissionKey, answersForm(2000 + i))));
      const accepted = outcomes.filter((outcome) => outcome.status === 302 && outcome.location === "/iit/thanks");
      const refused = outcomes.filter((outcome) => outcome.status === 409 && outcome.body.formError === "iit.full");
      expect({ accepted: accepted.length, refused: refused.length }).toEqual({ accepted: 30, refused: 20 });
      expect(await counts(agency.id, cycle.id)).toEqual({ rows: 30, tally: 30 });
      expect(await recountFromResponses(agency.id, cycle.id, "iit")).toEqual(await getTally(agency.id, cycle.id, "iit"));
      expect((await agencyCycleOf(agency.id, cycle.id)).iitRefusedOverCap).toBe(20);
      expect((await new Browser().enterCode(iitCode)).status).toBe(409);
    });
  });

  describe("closed", () => {
    it("the agency closed its IIT → the code page says so (403); a session already open cannot submit", async () => {
      const { agency, cycle, iitCode } = await registeredAgency();
      const { browser, submissionKey } = await readyToSubmit(iitCode);
      await prisma.agencyCycle.update({ where: { agencyId_cycleId: { agencyId: agency.id, cycleId: cycle.id } }, data: { iitOpen: false } });

      const code = await new Browser().enterCode(iitCode);
      expect(code.status).toBe(403);
      expect(code.body).toEqual({ error: "iit.closed.agency" });
      const submit = await browser.submit(submissionKey, answersForm(51));
      expect(submit.status).toBe(403);
      expect(submit.body.formError).toBe("iit.closed.agency");
      expect(await counts(agency.id, cycle.id)).toEqual({ rows: 0, tally: 0 });
    });

    it("outside the cycle's IIT window → 403 iit.closed on the code page and at submit; the page shows the window", async () => {
      const { agency, cycle, iitCode } = await registeredAgency();
      const { browser, submissionKey } = await readyToSubmit(iitCode);
      const original = { iitOpensAt: cycle.iitOpensAt, iitClosesAt: cycle.iitClosesAt };
      try {
        await prisma.cycle.update({ where: { id: cycle.id }, data: { iitClosesAt: new Date(Date.now() - 60_000) } });
        const page = await new Browser().call(codeRoute.loader as Route, "/iit");
        expect(page.body.open).toBe(false);
        expect(page.body.window).not.toBeNull();
        const code = await new Browser().enterCode(iitCode);
        expect(code.status).toBe(403);
        expect(code.body).toEqual({ error: "iit.closed" });
        const submit = await browser.submit(submissionKey, answersForm(52));
        expect(submit.status).toBe(403);
        expect(submit.body.formError).toBe("iit.closed");

        // Not open yet is closed too.
        await prisma.cycle.update({
          where: { id: cycle.id },
          data: { iitOpensAt: new Date(Date.now() + 86_400_000), iitClosesAt: new Date(Date.now() + 2 * 86_400_000) },
        });
        expect((await new Browser().enterCode(iitCode)).status).toBe(403);
      } finally {
        await prisma.cycle.update({ where: { id: cycle.id }, data: original });
      }
      expect(await counts(agency.id, cycle.id)).toEqual({ rows: 0, tally: 0 });
      expect((await browser.submit(submissionKey, answersForm(52))).status).toBe(302); // open again
    });
  });

  it("an expired session → the pages send the person back to /iit?expired=1; a submit writes nothing", async () => {
    const { agency, cycle, iitCode } = await registeredAgency();
    const expire = () => prisma.surveySession.updateMany({ where: { agencyId: agency.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const reader = await readyToSubmit(iitCode);
    await expire();
    const page = await reader.browser.loadSurvey();
    expect(page.status).toBe(302);
    expect(page.location).toBe("/iit?expired=1");
    expect(reader.browser.jar.has("ita_survey")).toBe(false);
    const start = await reader.browser.call(codeRoute.loader as Route, "/iit?expired=1");
    expect(start.body.expired).toBe(true);

    // A tab left open past the session's life: its submit writes nothing, and comes back with
    // every answer kept and the code asked again (decision 025), not a bare start page.
    const writer = await readyToSubmit(iitCode);
    await expire();
    expect((await writer.browser.loadEligibility()).location).toBe("/iit?expired=1");
    const stale = await readyToSubmit(iitCode);
    await expire();
    const answers = answersForm(61);
    const submit = await stale.browser.submit(stale.submissionKey, { ...answers, "screening:position": "staff", "screening:tenure": "yes" });
    expect(submit.status).toBe(401);
    expect(submit.body.resume).toBe(true);
    expect(submit.body.values).toEqual(answers);
    expect(submit.body.screening).toEqual({ position: "staff", tenure: "yes" });
    expect(submit.body.submissionKey).toBe(stale.submissionKey);
    expect(await counts(agency.id, cycle.id)).toEqual({ rows: 0, tally: 0 });
    expect(await prisma.idempotencyKey.findUnique({ where: { key: stale.submissionKey } })).toBeNull();
  });

  it("a submit after expiry: the kept answers are submitted once the code is entered again, and nothing is stored before", async () => {
    const { agency, cycle, iitCode } = await registeredAgency();
    const stale = await readyToSubmit(iitCode);
    await prisma.surveySession.updateMany({ where: { agencyId: agency.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const answers = answersForm(62);
    const kept: Fields = { submissionKey: stale.submissionKey, ...answers, "screening:position": "staff", "screening:tenure": "yes" };
    const refused = await stale.browser.submit(stale.submissionKey, { ...answers, "screening:position": "staff", "screening:tenure": "yes" });
    expect(refused.status).toBe(401);
    const sessionsBefore = await prisma.surveySession.count({ where: { agencyId: agency.id } });
    const resume = (fields: Fields) => stale.browser.post(resumeRoute.action as Route, "/iit/resume", fields);

    // No code, a wrong code, an answer missing: the page again (answers kept), nothing stored.
    const noCode = await resume(kept);
    expect(noCode.status).toBe(401);
    expect(noCode.body.values).toEqual(answers);
    const wrong = await resume({ ...kept, code: "ZZZZZ-ZZZZZ" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fieldError).toMatch(/รหัส/);
    const missingOne = Object.fromEntries(Object.entries(kept).filter(([key]) => key !== "i1.1"));
    const incomplete = await resume({ ...missingOne, code: iitCode });
    expect(incomplete.status).toBe(400);
    // In words, in the page's language: the question's number and the start of its text, no code.
    expect(incomplete.body.errors["i1.1"]).toMatch(/^ข้อ 1 “บุคลากรในหน่วยงานของท่าน.*” — เป็นไปตามขั้นตอนที่กำหนด: ยังไม่ได้ตอบ$/);
    expect(Object.values(incomplete.body.errors).join(" ")).not.toMatch(/i1\.1|Please/);
    expect(await counts(agency.id, cycle.id)).toEqual({ rows: 0, tally: 0 });
    expect(await prisma.surveySession.count({ where: { agencyId: agency.id } })).toBe(sessionsBefore);
    expect(await prisma.idempotencyKey.findUnique({ where: { key: stale.submissionKey } })).toBeNull();

    // The code again: the kept answers are the response, under the original key, exactly once.
    const done = await resume({ ...kept, code: iitCode });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/iit/thanks");
    expect(await counts(agency.id, cycle.id)).toEqual({ rows: 1, tally: 1 });
    expect((await prisma.idempotencyKey.findUnique({ where: { key: stale.submissionKey } }))?.outcome).toMatch(/"accepted"/);
    expect(await prisma.surveySession.count({ where: { agencyId: agency.id } })).toBe(sessionsBefore); // the new one ended
    expect((await resume({ ...kept, code: iitCode })).location).toBe("/iit/thanks"); // a retry: still one
    expect(await counts(agency.id, cycle.id)).toEqual({ rows: 1, tally: 1 });
  });

  it("each step pushes the session on, never past its maximum; the more-time POST does the same", async () => {
    const { agency, iitCode } = await registeredAgency();
    const ready = await readyToSubmit(iitCode);
    const row = () => prisma.surveySession.findFirstOrThrow({ where: { agencyId: agency.id } });
    // Nearly expired: a step gives a full period again.
    await prisma.surveySession.updateMany({ where: { agencyId: agency.id }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    const page = await ready.browser.loadSurvey();
    expect(page.status).toBe(200);
    expect(Date.parse(page.body.timing.expiresAt)).toBeGreaterThan(Date.now() + (SURVEY_SESSION_TTL_SECONDS - 60) * 1000);
    await prisma.surveySession.updateMany({ where: { agencyId: agency.id }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    const extended = await ready.browser.post(sessionRoute.action as Route, "/iit/session", {});
    expect(extended.status).toBe(200);
    expect((await row()).expiresAt.getTime()).toBeGreaterThan(Date.now() + (SURVEY_SESSION_TTL_SECONDS - 60) * 1000);
    // Past its maximum the session is not extended (the start is in the token, not the row).
    const token = (await surveyCookie.parse(ready.browser.jar.header())) as string;
    const started = sessionStartedAt(token)!;
    expect(slidingExpiry(token, new Date(started.getTime() + SURVEY_SESSION_MAX_SECONDS * 1000 - 60_000)).getTime()).toBe(
      started.getTime() + SURVEY_SESSION_MAX_SECONDS * 1000,
    );
    // Expired: the more-time POST cannot revive it.
    await prisma.surveySession.updateMany({ where: { agencyId: agency.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await ready.browser.post(sessionRoute.action as Route, "/iit/session", {})).status).toBe(410);
    expect((await row()).expiresAt.getTime()).toBeLessThan(Date.now());
  });
});
