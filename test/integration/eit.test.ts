// EIT part 1 through the route actions, as a browser would drive them (issue 4; shared/security.md →
// Citizen OTP, Duplicates and durability, Sessions/CSRF, Input). Console transport: the code is read
// from the dev outbox.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { outcome } from "../fixtures/http";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { dbTarget, prisma } from "~/db.server";
import { contactHashForCycle } from "~/models/cycle.server";
import { otpFormToken } from "~/models/otp.server";
import { getTally } from "~/models/response.server";
import { createServiceCounter } from "~/models/service-counter.server";
import { submitResponse } from "~/models/submission.server";
import { createSurveySession, saveScreening } from "~/models/survey-session.server";
import * as eligibilityRoute from "~/routes/e.$slug.eligibility";
import * as landingRoute from "~/routes/e.$slug._index";
import * as surveyRoute from "~/routes/e.$slug.survey";
import * as verifyRoute from "~/routes/e.$slug.verify";
import * as resumeRoute from "~/routes/e.$slug.resume";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { readOutbox } from "../fixtures/outbox";
import { surveyCookie } from "~/services/survey-cookies.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { CookieJar, registeredAgency } from "../fixtures/db";
import { silenceOtpConsole } from "../fixtures/quiet-otp-console";

type Fixture = Awaited<ReturnType<typeof registeredAgency>>;
type RouteFn = (args: { request: Request; params: { slug: string }; context: { clientAddress: string } }) => Promise<unknown>;

const SCREENING = { "respondent-type": "individual", "dealt-in-year": "yes" };
const CLIENT = { clientAddress: "198.51.100.4" };

silenceOtpConsole();

function formRequest(path: string, fields: Record<string, string> | URLSearchParams, jar: CookieJar, headers: Record<string, string> = {}) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body: fields instanceof URLSearchParams ? fields : new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header(), ...headers },
  });
}

async function act(
  route: RouteFn,
  slug: string,
  path: string,
  fields: Record<string, string> | URLSearchParams,
  jar: CookieJar,
  headers?: Record<string, string>,
) {
  const result = await outcome(() => route({ request: formRequest(path, fields, jar, headers), params: { slug }, context: CLIENT }));
  jar.absorb(new Response(null, { headers: result.headers }));
  return result;
}

// The phone form carries the signed token the page rendered (as a browser would post it).
const landing = (fx: Fixture, fields: Record<string, string>, jar: CookieJar, headers?: Record<string, string>) =>
  act(landingRoute.action as RouteFn, fx.agency.slug, `/e/${fx.agency.slug}`, { formToken: otpFormToken(fx.agency.id), ...fields }, jar, headers);
/** The landing page as the QR opens it (GET /e/<slug>?c=…); its cookies go into the jar. */
async function landingPage(fx: Fixture, query: string, jar: CookieJar) {
  const request = new Request(`http://localhost/e/${fx.agency.slug}${query}`, { headers: { Cookie: jar.header() } });
  const result = await outcome(() => (landingRoute.loader as RouteFn)({ request, params: { slug: fx.agency.slug }, context: CLIENT }));
  jar.absorb(new Response(null, { headers: result.headers }));
  return result;
}
const verify = (fx: Fixture, fields: Record<string, string>, jar: CookieJar, headers?: Record<string, string>) =>
  act(verifyRoute.action as RouteFn, fx.agency.slug, `/e/${fx.agency.slug}/verify`, fields, jar, headers);
const eligibility = (fx: Fixture, fields: Record<string, string>, jar: CookieJar, headers?: Record<string, string>) =>
  act(eligibilityRoute.action as RouteFn, fx.agency.slug, `/e/${fx.agency.slug}/eligibility`, fields, jar, headers);
const survey = (fx: Fixture, fields: Record<string, string> | URLSearchParams, jar: CookieJar, headers?: Record<string, string>) =>
  act(surveyRoute.action as RouteFn, fx.agency.slug, `/e/${fx.agency.slug}/survey`, fields, jar, headers);

/** The newest code sent to `masked`, read from the dev outbox like the demo user would. */
async function latestCode(masked: string): Promise<string> {
  const entry = (await readOutbox()).find((e) => e.to === masked);
  const code = entry?.text.match(/^(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code for ${masked} in the outbox`);
  return code;
}

function answerFields(seed = 1): Record<string, string> {
  return Object.fromEntries(Object.entries(randomAnswers(ita2568, "eit", seededRandom(seed))).map(([key, value]) => [key, String(value)]));
}

/** A verified EIT session with its screening saved, as the verify + eligibility steps leave it. */
async function verifiedSession(fx: Fixture, contactHash: string) {
  const token = await createSurveySession({ agencyId: fx.agency.id, cycleId: fx.cycle.id, instrument: "eit1", contactHash });
  await saveScreening(sha256(token), SCREENING);
  const jar = new CookieJar();
  jar.absorb(new Response(null, { headers: { "Set-Cookie": await surveyCookie.serialize(token) } }));
  return { token, jar };
}

/** Every row of every table, as text (BigInt-safe), keyed by table. */
async function dumpAllTables(): Promise<Record<string, string>> {
  const tables =
    dbTarget.provider === "sqlite"
      ? (await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)).map(
          (r) => r.name,
        )
      : (
          await prisma.$queryRawUnsafe<{ table_name: string }[]>(
            `SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
          )
        ).map((r) => r.table_name);
  expect(tables).toEqual(
    expect.arrayContaining(["Response", "EitContactMarker", "OtpChallenge", "SurveySession", "AuditLog", "RateLimitCounter", "IdempotencyKey"]),
  );
  const dump: Record<string, string> = {};
  for (const table of tables) {
    // PostgreSQL: row_to_json renders every column type (enums, bytea, …) as text.
    const rows =
      dbTarget.provider === "sqlite"
        ? await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`)
        : (await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`)).map((r) => JSON.parse(r.row) as unknown);
    dump[table] = JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
  }
  return dump;
}

const cookieNames = (headers: Headers) => headers.getSetCookie().map((c) => c.split("=")[0]);
/** A Set-Cookie header without its value: name and attributes. */
const cookieShape = (headers: Headers) => headers.getSetCookie().map((c) => c.replace(/^([^=]+)=[^;]*/, "$1=<value>"));

describe(`EIT part 1 through the routes (${dbTarget.provider})`, () => {
  it("full flow: landing (?c=<registered counter>) → code from the outbox → eligibility → 9 items → thanks; nothing identifying is stored", async () => {
    const fx = await registeredAgency();
    const counter = await createServiceCounter(fx.agency.id, "Front desk");
    const jar = new CookieJar();

    const page = await landingPage(fx, `?c=${counter.id}`, jar);
    expect(page.status).toBe(200);
    expect(cookieNames(page.headers)).toEqual(["ita_counter"]);
    expect(page.headers.getSetCookie()[0]).toMatch(/HttpOnly/i);
    expect(page.headers.getSetCookie()[0]).toMatch(/SameSite=Lax/i);
    const sent = await landing(fx, { contact: "081-234-5678" }, jar);
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe(`/e/${fx.agency.slug}/verify`);
    expect(cookieNames(sent.headers)).toEqual(["ita_otp"]);
    expect(sent.headers.getSetCookie()[0]).toMatch(/HttpOnly/i);
    expect(sent.headers.getSetCookie()[0]).toMatch(/SameSite=Lax/i);
    expect(sent.headers.getSetCookie()[0]).not.toContain("812345678");

    const code = await latestCode("081-xxx-5678");
    const verified = await verify(fx, { code }, jar);
    expect(verified.status).toBe(302);
    expect(verified.headers.get("Location")).toBe(`/e/${fx.agency.slug}/eligibility`);
    expect(jar.has("ita_otp")).toBe(false);
    expect(jar.has("ita_survey")).toBe(true);

    const eligible = await eligibility(fx, SCREENING, jar);
    expect(eligible.status).toBe(302);
    expect(eligible.headers.get("Location")).toBe(`/e/${fx.agency.slug}/survey`);

    // The survey page hands out the submission key, as the form would carry it.
    const form = (await surveyRoute.loader({
      request: new Request(`http://localhost/e/${fx.agency.slug}/survey`, { headers: { Cookie: jar.header() } }),
      params: { slug: fx.agency.slug },
      context: CLIENT,
    })) as {
      submissionKey: string;
      view: { answerKeys: string[] };
    };
    expect(form.submissionKey).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
    const answers = answerFields(7);
    expect(Object.keys(answers).sort()).toEqual([...form.view.answerKeys].sort());
    const submitted = await survey(fx, { submissionKey: form.submissionKey, ...answers }, jar);
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get("Location")).toBe(`/e/${fx.agency.slug}/thanks`);
    expect(jar.has("ita_survey")).toBe(false);
    expect(jar.has("ita_counter")).toBe(false); // counted once

    const rows = await prisma.response.findMany({ where: { agencyId: fx.agency.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ instrument: "eit1", cycleId: fx.cycle.id });
    expect(JSON.parse(rows[0].answers)).toEqual(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Number(v)])));
    // The counter and the screening categories are counts in their own tallies, not on the row.
    expect(await prisma.counterTally.findMany({ where: { counterId: counter.id } })).toEqual([{ counterId: counter.id, cycleId: fx.cycle.id, responses: 1 }]);
    const screening = await prisma.screeningTally.findMany({ where: { agencyId: fx.agency.id, instrument: "eit1" }, orderBy: { question: "asc" } });
    expect(Object.fromEntries(screening.map((row) => [row.question, [row.answer, row.responses]]))).toEqual({
      "dealt-in-year": ["yes", 1],
      "respondent-type": ["individual", 1],
    });
    expect(await prisma.eitContactMarker.count({ where: { agencyId: fx.agency.id } })).toBe(1);
    const marker = await prisma.eitContactMarker.findFirstOrThrow({ where: { agencyId: fx.agency.id } });
    expect(marker.contactHash).toBe(contactHashForCycle(fx.cycle, "+66812345678"));
    expect((await getTally(fx.agency.id, fx.cycle.id, "eit1")).responses).toBe(1);
    expect(await prisma.surveySession.count({ where: { agencyId: fx.agency.id } })).toBe(0);

    // The code is in no column of the challenge (only its keyed hash), nor anywhere else.
    const challenges = await prisma.otpChallenge.findMany({ where: { agencyId: fx.agency.id } });
    expect(challenges).toHaveLength(1);
    for (const [column, value] of Object.entries(challenges[0])) {
      expect(value instanceof Date ? value.toISOString() : String(value), `OtpChallenge.${column}`).not.toContain(code);
    }
    // The raw number is in no column of any table, in any spelling.
    const dump = await dumpAllTables();
    // The dump sees the data (so a leak would show): the response, the marker, the challenge.
    expect(dump.CounterTally).toContain(counter.id);
    expect(dump.Response.includes(counter.id)).toBe(false);
    for (const table of ["OtpChallenge", "SurveySession", "EitContactMarker"]) expect(dump[table].includes(counter.id), table).toBe(false);
    expect(dump.EitContactMarker).toContain(marker.contactHash);
    expect(dump.OtpChallenge).toContain(challenges[0].codeHash);
    for (const [table, text] of Object.entries(dump)) {
      for (const needle of ["812345678", "0812345678", "081-234-5678", "81 234 5678"]) {
        expect(text.includes(needle), `${needle} found in table ${table}`).toBe(false);
      }
    }
    expect(dump.AuditLog.includes(code)).toBe(false);
    expect(dump.Response.includes(marker.contactHash)).toBe(false);
  });

  it("a retry of the same submit (same submission key) returns thanks again, never a second row", async () => {
    const fx = await registeredAgency();
    const { jar } = await verifiedSession(fx, contactHashForCycle(fx.cycle, "+66820000001"));
    const fields = { submissionKey: randomToken(16), ...answerFields(3) };
    const first = await survey(fx, fields, jar);
    expect(first.status).toBe(302);
    const again = await survey(fx, fields, jar); // cookie already cleared, as after a real success
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(`/e/${fx.agency.slug}/thanks`);
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(1);
  });

  it("no enumeration: new, already-answered and over-limit numbers get the identical answer; 'already' only after the right code", async () => {
    const fx = await registeredAgency();
    const numbers = { fresh: "085-000-0001", answered: "085-000-0002", limited: "085-000-0003" };
    // Already answered: its marker exists for this agency and cycle.
    await prisma.eitContactMarker.create({
      data: { cycleId: fx.cycle.id, agencyId: fx.agency.id, contactHash: contactHashForCycle(fx.cycle, "+66850000002") },
    });
    // Over its per-number limit: 3 sends in the last 10 minutes.
    for (let i = 0; i < 3; i++) expect((await landing(fx, { contact: numbers.limited, counter: "" }, new CookieJar())).status).toBe(302);

    const jars = { fresh: new CookieJar(), answered: new CookieJar(), limited: new CookieJar() };
    const newestBefore = (await readOutbox())[0];
    const answers = {
      fresh: await landing(fx, { contact: numbers.fresh, counter: "" }, jars.fresh),
      answered: await landing(fx, { contact: numbers.answered, counter: "" }, jars.answered),
      limited: await landing(fx, { contact: numbers.limited, counter: "" }, jars.limited),
    };
    for (const [kind, answer] of Object.entries(answers)) {
      expect(answer.status, kind).toBe(302);
      expect(answer.thrown, kind).toBe(answers.fresh.thrown);
      expect(answer.headers.get("Location"), kind).toBe(`/e/${fx.agency.slug}/verify`);
      expect(cookieNames(answer.headers), kind).toEqual(["ita_otp"]);
      expect(cookieShape(answer.headers), kind).toEqual(cookieShape(answers.fresh.headers));
      expect(answer.data, kind).toEqual(answers.fresh.data);
      expect([...answer.headers.keys()].sort(), kind).toEqual([...answers.fresh.headers.keys()].sort());
      expect(JSON.stringify(answer.data ?? "").includes("already"), kind).toBe(false);
    }
    // The cookie values are the same kind of opaque token.
    const values = Object.values(answers).map((a) => a.headers.getSetCookie()[0].split(";")[0].split("=")[1]);
    expect(new Set(values.map((v) => v.length)).size).toBe(1);
    // Only the limited number got no message.
    const sentTo = (await readOutbox()).slice(0, (await readOutbox()).indexOf(newestBefore)).map((e) => e.to);
    expect(sentTo.sort()).toEqual(["085-xxx-0001", "085-xxx-0002"]);

    // A wrong code says nothing about the number either.
    const realCode = await latestCode("085-xxx-0002");
    const wrongCode = String((Number(realCode) + 1) % 1_000_000).padStart(6, "0");
    const wrong = await verify(fx, { code: wrongCode }, jars.answered);
    expect(wrong.status).toBe(400);
    expect(wrong.data).toEqual({ error: "eit.verify.wrong", attemptsLeft: 4 });
    // After the right code: "already answered", 409, and no survey session.
    const already = await verify(fx, { code: realCode }, jars.answered);
    expect(already.status).toBe(409);
    expect(already.data).toEqual({ error: "eit.already", already: true });
    expect(jars.answered.has("ita_survey")).toBe(false);
    expect(jars.answered.has("ita_otp")).toBe(false);
    expect(await prisma.surveySession.count({ where: { agencyId: fx.agency.id } })).toBe(0);
    // The fresh number goes on to the survey.
    const fresh = await verify(fx, { code: await latestCode("085-xxx-0001") }, jars.fresh);
    expect(fresh.status).toBe(302);
    expect(fresh.headers.get("Location")).toBe(`/e/${fx.agency.slug}/eligibility`);
  });

  it("the same number in another spelling is the same person: after one answer, the second attempt is 'already answered'", async () => {
    const fx = await registeredAgency();
    const first = new CookieJar();
    await landing(fx, { contact: "0830000004", counter: "" }, first);
    await verify(fx, { code: await latestCode("083-xxx-0004") }, first);
    await eligibility(fx, SCREENING, first);
    expect((await survey(fx, { submissionKey: randomToken(16), ...answerFields(5) }, first)).status).toBe(302);

    const second = new CookieJar();
    expect((await landing(fx, { contact: "+66 83 000 0004", counter: "" }, second)).status).toBe(302);
    const already = await verify(fx, { code: await latestCode("083-xxx-0004") }, second);
    expect(already.status).toBe(409);
    expect(already.data).toMatchObject({ already: true });
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(1);
  });

  it("race: 100 concurrent verified sessions for ONE number submit at once → exactly 1 row, 99 'already answered', 0 errors", async () => {
    const fx = await registeredAgency();
    const contactHash = contactHashForCycle(fx.cycle, "+66812345679");
    const sessions = [];
    for (let i = 0; i < 100; i++) sessions.push(await verifiedSession(fx, contactHash));
    const errors: unknown[] = [];
    const started = performance.now();
    const results = await Promise.all(
      sessions.map(({ jar }, i) =>
        survey(fx, { submissionKey: randomToken(16), ...answerFields(i) }, jar).catch((error: unknown) => {
          errors.push(error);
          return null;
        }),
      ),
    );
    const elapsed = performance.now() - started;
    expect(errors).toEqual([]);
    const statuses = results.map((r) => r?.status);
    const accepted = results.filter((r) => r?.status === 302 && r.headers.get("Location") === `/e/${fx.agency.slug}/thanks`);
    const already = results.filter((r) => r?.status === 409 && (r.data as { formError?: string }).formError === "eit.already");
    expect(statuses.filter((s) => (s ?? 500) >= 500)).toEqual([]);
    expect(accepted).toHaveLength(1);
    expect(already).toHaveLength(99);
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(1);
    expect(await prisma.eitContactMarker.count({ where: { agencyId: fx.agency.id } })).toBe(1);
    expect((await getTally(fx.agency.id, fx.cycle.id, "eit1")).responses).toBe(1);
    console.info(`[race] 100 concurrent submits via the survey action in ${Math.round(elapsed)} ms`);
  }, 120_000);

  it("race at the model: 100 parallel submitResponse calls for one number → 1 accepted, 99 already-answered, 0 thrown", async () => {
    const fx = await registeredAgency();
    const contactHash = contactHashForCycle(fx.cycle, "+66812345670");
    for (let i = 0; i < 100; i++) await verifiedSession(fx, contactHash);
    const sessions = await prisma.surveySession.findMany({ where: { agencyId: fx.agency.id } });
    expect(sessions).toHaveLength(100);
    const settled = await Promise.allSettled(
      sessions.map((session, i) =>
        submitResponse({
          submissionKey: randomToken(16),
          session,
          screening: SCREENING,
          answers: randomAnswers(ita2568, "eit", seededRandom(i)),
          ruleset: ita2568,
          rulesetVersion: 0, // the cycle was never changed (decision 019)
        }),
      ),
    );
    const rejected = settled.filter((s) => s.status === "rejected");
    expect(rejected.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const outcomes = settled.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof submitResponse>>>).value);
    expect(outcomes.filter((o) => o.status === "accepted")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "refused" && o.reason === "already-answered")).toHaveLength(99);
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(1);
    expect((await getTally(fx.agency.id, fx.cycle.id, "eit1")).responses).toBe(1);
  }, 120_000);
});

describe(`EIT submit after expiry (${dbTarget.provider})`, () => {
  it("the answers come back kept, a new OTP is asked for, and only then are they stored, once (decision 025)", async () => {
    const fx = await registeredAgency();
    const contactHash = contactHashForCycle(fx.cycle, "+66812349901");
    const { jar } = await verifiedSession(fx, contactHash);
    await prisma.surveySession.updateMany({ where: { agencyId: fx.agency.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const answers = answerFields(7);
    const copy = Object.fromEntries(Object.entries(SCREENING).map(([code, value]) => [`screening:${code}`, value]));
    const submissionKey = randomToken(16);
    const nothingStored = async () => {
      expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(0);
      expect(await prisma.eitContactMarker.count({ where: { agencyId: fx.agency.id } })).toBe(0);
      expect(await prisma.idempotencyKey.findUnique({ where: { key: submissionKey } })).toBeNull();
    };
    const resume = (fields: Record<string, string>) =>
      act(resumeRoute.action as RouteFn, fx.agency.slug, `/e/${fx.agency.slug}/resume`, { submissionKey, ...answers, ...copy, ...fields }, jar);

    // The submit after expiry: not the phone form with no word, but the answers kept and a reason.
    const expired = await survey(fx, { submissionKey, ...answers, ...copy }, jar);
    expect(expired.status).toBe(401);
    expect(expired.thrown).toBe(true);
    const kept = JSON.parse(expired.data as string);
    expect(kept).toMatchObject({ resume: true, stage: "contact", values: answers, screening: SCREENING, submissionKey });
    await nothingStored();

    // A new code to the same phone: the page again at the OTP stage, still nothing stored.
    const sent = await resume({ intent: "send", contact: "081-234-9901", formToken: otpFormToken(fx.agency.id) });
    expect(sent.status).toBe(401);
    expect((sent.data as { stage: string }).stage).toBe("otp");
    const code = await latestCode("081-xxx-9901");
    const wrong = await resume({ intent: "verify", code: code === "000000" ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect((wrong.data as { values: unknown }).values).toEqual(answers);
    await nothingStored();

    const done = await resume({ intent: "verify", code });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/e/${fx.agency.slug}/thanks`);
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(1);
    expect(await prisma.eitContactMarker.count({ where: { agencyId: fx.agency.id } })).toBe(1);
    expect(await prisma.surveySession.count({ where: { contactHash, expiresAt: { gt: new Date() } } })).toBe(0);
  });
});

describe(`EIT invalid input and CSRF (${dbTarget.provider})`, () => {
  it.each([
    ["8 items (e9 missing)", (a: Record<string, string>) => Object.fromEntries(Object.entries(a).filter(([k]) => k !== "e9"))],
    ["10 items (an e10)", (a: Record<string, string>) => ({ ...a, e10: "1" })],
    ["a sub-item missing (e3.3)", (a: Record<string, string>) => Object.fromEntries(Object.entries(a).filter(([k]) => k !== "e3.3"))],
    ["out of range (e2 = 4 of 0–3)", (a: Record<string, string>) => ({ ...a, e2: "4" })],
    ["out of range (e3.1 = 2 of 0–1)", (a: Record<string, string>) => ({ ...a, "e3.1": "2" })],
    ["negative (e1.1 = -1)", (a: Record<string, string>) => ({ ...a, "e1.1": "-1" })],
    ["not an integer (e4 = 1.5)", (a: Record<string, string>) => ({ ...a, e4: "1.5" })],
    ["empty (e5 = '')", (a: Record<string, string>) => ({ ...a, e5: "" })],
    ["text (e6 = 'มาก')", (a: Record<string, string>) => ({ ...a, e6: "มาก" })],
    ["an extra field", (a: Record<string, string>) => ({ ...a, comment: "hello" })],
    ["an IIT item", (a: Record<string, string>) => ({ ...a, i1: "1" })],
  ])("survey with %s → 400, zero rows, the session survives", async (_name, mutate) => {
    const fx = await registeredAgency();
    const { jar } = await verifiedSession(fx, contactHashForCycle(fx.cycle, "+66840000001"));
    const result = await survey(fx, { submissionKey: randomToken(16), ...mutate(answerFields(2)) }, jar);
    expect(result.status).toBe(400);
    expect(result.thrown).toBe(false);
    expect(Object.keys((result.data as { errors: Record<string, string> }).errors).length).toBeGreaterThan(0);
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(0);
    expect(await prisma.eitContactMarker.count({ where: { agencyId: fx.agency.id } })).toBe(0);
    expect((await getTally(fx.agency.id, fx.cycle.id, "eit1")).responses).toBe(0);
    // The person can still correct the form and submit once.
    expect((await survey(fx, { submissionKey: randomToken(16), ...answerFields(2) }, jar)).status).toBe(302);
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(1);
  });

  it("survey without or with a malformed submission key → 400, zero rows", async () => {
    const fx = await registeredAgency();
    const { jar } = await verifiedSession(fx, contactHashForCycle(fx.cycle, "+66840000002"));
    expect((await survey(fx, answerFields(1), jar)).status).toBe(400);
    expect((await survey(fx, { submissionKey: "short", ...answerFields(1) }, jar)).status).toBe(400);
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(0);
  });

  it("landing: an unknown field, an over-long counter field, an over-long contact → 400, nothing sent", async () => {
    const fx = await registeredAgency();
    const before = (await readOutbox())[0];
    for (const fields of [
      { contact: "0812345678", counter: "", extra: "1" },
      // A posted counter field (pages rendered before counters moved to a cookie) is ignored, but bounded.
      { contact: "0812345678", counter: "x".repeat(65) },
      { contact: "0".repeat(300), counter: "" },
      { counter: "" },
    ]) {
      const result = await landing(fx, fields as Record<string, string>, new CookieJar());
      expect(result.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(result.headers.getSetCookie()).toEqual([]);
    }
    expect((await readOutbox())[0]).toBe(before);
    expect(await prisma.otpChallenge.count({ where: { agencyId: fx.agency.id } })).toBe(0);
  });

  it("verify: not 6 digits, an extra field, no challenge cookie → 400; Thai numerals are accepted", async () => {
    const fx = await registeredAgency();
    const jar = new CookieJar();
    await landing(fx, { contact: "0840000003", counter: "" }, jar);
    const code = await latestCode("084-xxx-0003");
    expect((await verify(fx, { code: "12345" }, jar)).data).toEqual({ error: "eit.verify.format" });
    expect((await verify(fx, { code: "1234567" }, jar)).status).toBe(400);
    expect((await verify(fx, { code, extra: "1" }, jar)).status).toBe(400);
    expect((await verify(fx, { code }, new CookieJar())).data).toEqual({ error: "eit.verify.dead" });
    // Format errors spend no attempt; the code still works, typed in Thai numerals with a space.
    const thai = code.replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
    const ok = await verify(fx, { code: `${thai.slice(0, 3)} ${thai.slice(3)}` }, jar);
    expect(ok.status).toBe(302);
  });

  it("eligibility: an unknown option or an extra field → 400; 'not dealt with the agency' ends the session, nothing stored", async () => {
    const fx = await registeredAgency();
    const { jar, token } = await verifiedSession(fx, contactHashForCycle(fx.cycle, "+66840000004"));
    expect((await eligibility(fx, { ...SCREENING, "respondent-type": "robot" }, jar)).status).toBe(400);
    expect((await eligibility(fx, { ...SCREENING, extra: "1" }, jar)).status).toBe(400);
    expect((await eligibility(fx, { "respondent-type": "individual" }, jar)).status).toBe(400);
    const blocked = await eligibility(fx, { ...SCREENING, "dealt-in-year": "no" }, jar);
    // Attack L3: the "not for you, thank you" shows on the landing page (the eligibility page's
    // loader has no session any more and used to send the citizen away with nothing).
    expect(blocked.status).toBe(302);
    expect(blocked.headers.get("Location")).toBe(`/e/${fx.agency.slug}?screened=dealt-in-year`);
    const landing = await landingPage(fx, "?screened=dealt-in-year", jar);
    expect((landing.data as { screened: string | null }).screened).toBeTruthy();
    expect(await prisma.surveySession.findUnique({ where: { id: sha256(token) } })).toBeNull();
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(0);
  });

  it("a cross-site POST (Sec-Fetch-Site: cross-site) to the landing, verify, eligibility and survey actions → 403, nothing written or sent", async () => {
    const fx = await registeredAgency();
    const crossSite = { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" };
    const before = (await readOutbox())[0];

    const sent = await landing(fx, { contact: "0840000005", counter: "" }, new CookieJar(), crossSite);
    expect(sent.status).toBe(403);
    expect((await readOutbox())[0]).toBe(before);
    expect(await prisma.otpChallenge.count({ where: { agencyId: fx.agency.id } })).toBe(0);
    // Without Sec-Fetch-Site, a foreign Origin is refused too.
    expect((await landing(fx, { contact: "0840000005", counter: "" }, new CookieJar(), { Origin: "https://evil.example" })).status).toBe(403);
    expect((await landing(fx, { contact: "0840000005", counter: "" }, new CookieJar(), { "Sec-Fetch-Site": "same-site" })).status).toBe(403);

    const jar = new CookieJar();
    await landing(fx, { contact: "0840000005", counter: "" }, jar);
    const code = await latestCode("084-xxx-0005");
    expect((await verify(fx, { code }, jar, crossSite)).status).toBe(403);
    const challenge = await prisma.otpChallenge.findFirstOrThrow({ where: { agencyId: fx.agency.id, voidedAt: null } });
    expect(challenge.attempts).toBe(0);
    expect(challenge.consumedAt).toBeNull();

    const { jar: sessionJar, token } = await verifiedSession(fx, contactHashForCycle(fx.cycle, "+66840000006"));
    await prisma.surveySession.update({ where: { id: sha256(token) }, data: { screening: null } });
    expect((await eligibility(fx, SCREENING, sessionJar, crossSite)).status).toBe(403);
    expect((await prisma.surveySession.findUniqueOrThrow({ where: { id: sha256(token) } })).screening).toBeNull();
    await saveScreening(sha256(token), SCREENING);
    expect((await survey(fx, { submissionKey: randomToken(16), ...answerFields(1) }, sessionJar, crossSite)).status).toBe(403);
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(0);
    expect(await prisma.eitContactMarker.count({ where: { agencyId: fx.agency.id } })).toBe(0);

    // The same requests from the same site go through (the 403s were about the origin).
    expect((await verify(fx, { code }, jar, { "Sec-Fetch-Site": "same-origin" })).status).toBe(302);
    expect((await survey(fx, { submissionKey: randomToken(16), ...answerFields(1) }, sessionJar, { "Sec-Fetch-Site": "same-origin" })).status).toBe(302);
  });

  it("a closed EIT (eitOpen=false) → 403 on the landing action, nothing sent; a pending survey is refused too", async () => {
    const fx = await registeredAgency();
    const { jar } = await verifiedSession(fx, contactHashForCycle(fx.cycle, "+66840000007"));
    await prisma.agencyCycle.update({ where: { agencyId_cycleId: { agencyId: fx.agency.id, cycleId: fx.cycle.id } }, data: { eitOpen: false } });
    const before = (await readOutbox())[0];
    const result = await landing(fx, { contact: "0840000008", counter: "" }, new CookieJar());
    expect(result.status).toBe(403);
    expect(result.data).toMatchObject({ error: "eit.closed" });
    expect(result.headers.getSetCookie()).toEqual([]);
    expect((await readOutbox())[0]).toBe(before);
    expect(await prisma.otpChallenge.count({ where: { agencyId: fx.agency.id } })).toBe(0);
    const submitted = await survey(fx, { submissionKey: randomToken(16), ...answerFields(1) }, jar);
    expect(submitted.status).toBe(403);
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(0);
  });

  it("an unknown agency → 404 on the landing action", async () => {
    const result = await outcome(() =>
      landingRoute.action({
        request: formRequest("/e/no-such-agency", { contact: "0812345678", counter: "" }, new CookieJar()),
        params: { slug: "no-such-agency" },
        context: CLIENT,
      }),
    );
    expect(result.status).toBe(404);
  });
});
