// Findings H3 and L5 replayed through the real routes (shared/security.md → Anonymity): a counter
// tag must not track a person, and a screening category must not sit on a response row.
// - H3: `?c=` used to accept ANY tag, store it on the response ("qr:<tag>") and beside the contact
//   hash (OtpChallenge, SurveySession), and the dashboard showed "somchai-0819990001: 1".
// - L5: the screening category (e.g. position "executive") was stored on each response row.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { dbTarget, prisma } from "~/db.server";
import { createAdminSession } from "~/models/admin-session.server";
import { otpFormToken } from "~/models/otp.server";
import { createUser } from "~/models/user.server";
import * as dashboardRoute from "~/routes/admin.agencies.$slug._index";
import * as eligibilityRoute from "~/routes/e.$slug.eligibility";
import * as landingRoute from "~/routes/e.$slug._index";
import * as surveyRoute from "~/routes/e.$slug.survey";
import * as verifyRoute from "~/routes/e.$slug.verify";
import * as iitCodeRoute from "~/routes/iit._index";
import * as iitEligibilityRoute from "~/routes/iit.eligibility";
import * as iitSurveyRoute from "~/routes/iit.survey";
import { adminCookie } from "~/services/admin-guard.server";
import { randomId } from "~/utils/crypto.server";
import { readOutbox } from "../fixtures/outbox";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { CookieJar, registeredAgency } from "../fixtures/db";
import { outcome } from "../fixtures/http";
import { silenceOtpConsole } from "../fixtures/quiet-otp-console";

type Fixture = Awaited<ReturnType<typeof registeredAgency>>;
type RouteFn = (args: { request: Request; params: Record<string, string>; context: { clientAddress: string } }) => Promise<unknown>;
type DashboardCounter = Record<string, unknown>;

const CLIENT = { clientAddress: "198.51.100.9" };
const ATTACK_TAG = "somchai-0819990001";
const EIT_SCREENING = { "respondent-type": "individual", "dealt-in-year": "yes" };

silenceOtpConsole();

async function call(route: unknown, path: string, params: Record<string, string>, jar: CookieJar, fields?: Record<string, string>) {
  const headers: Record<string, string> = { Cookie: jar.header() };
  if (fields) headers["Content-Type"] = "application/x-www-form-urlencoded";
  const request = new Request(`http://localhost${path}`, fields ? { method: "POST", body: new URLSearchParams(fields), headers } : { headers });
  const result = await outcome(() => (route as RouteFn)({ request, params, context: CLIENT }));
  jar.absorb(new Response(null, { headers: result.headers }));
  return result;
}

let phoneSeq = 0;
/** One citizen through the QR link `query`: landing page, phone, OTP from the outbox, screening, 9 items. */
async function citizen(fx: Fixture, query: string, options: { beforeSubmit?: () => Promise<void> } = {}) {
  const jar = new CookieJar();
  const slug = fx.agency.slug;
  const base = `/e/${slug}`;
  const tag = new URLSearchParams(query).get("c") ?? "";
  expect((await call(landingRoute.loader, `${base}${query}`, { slug }, jar)).status).toBe(200);
  // The form as a page rendered before the fix would post it (a hidden `counter` field).
  const phoneDigits = String(10_000_000 + (process.pid % 1000) * 10_000 + phoneSeq++).slice(-7);
  const sent = await call(landingRoute.action, `${base}${query}`, { slug }, jar, {
    contact: `086${phoneDigits}`,
    counter: tag,
    formToken: otpFormToken(fx.agency.id),
  });
  expect(sent.status).toBe(302);
  const code = (await readOutbox()).find((entry) => entry.to === `086-xxx-${phoneDigits.slice(-4)}`)?.text.match(/^(\d{6})\b/)?.[1];
  expect(code).toBeDefined();
  expect((await call(verifyRoute.action, `${base}/verify`, { slug }, jar, { code: code! })).status).toBe(302);
  expect((await call(eligibilityRoute.action, `${base}/eligibility`, { slug }, jar, EIT_SCREENING)).status).toBe(302);
  const page = (await call(surveyRoute.loader, `${base}/survey`, { slug }, jar)).data as { submissionKey: string };
  await options.beforeSubmit?.();
  const answers = Object.fromEntries(Object.entries(randomAnswers(ita2568, "eit", seededRandom(phoneSeq))).map(([key, value]) => [key, String(value)]));
  const submitted = await call(surveyRoute.action, `${base}/survey`, { slug }, jar, { submissionKey: page.submissionKey, ...answers });
  expect(submitted.headers.get("Location")).toBe(`${base}/thanks`);
}

async function agencyAdmin(fx: Fixture) {
  const user = await createUser({
    email: `${randomId().slice(0, 8)}@test.local`,
    name: "ผู้ดูแลหน่วยงาน",
    password: "correct horse battery",
    scope: { role: "agency_admin", agencyId: fx.agency.id },
  });
  const jar = new CookieJar();
  jar.absorb(new Response(null, { headers: { "Set-Cookie": await adminCookie.serialize(await createAdminSession(user.id, true)) } }));
  return jar;
}

/** What the agency dashboard shows under "EIT part 1 responses by service point". */
async function dashboardCounters(fx: Fixture, admin: CookieJar): Promise<DashboardCounter[]> {
  const slug = fx.agency.slug;
  const page = await call(dashboardRoute.loader, `/admin/agencies/${slug}`, { slug }, admin);
  expect(page.status).toBe(200);
  return (page.data as { counters: DashboardCounter[] }).counters;
}

/** The agency admin registers a counter on the dashboard (label → create); its opaque id from the list. */
async function registerCounter(fx: Fixture, admin: CookieJar, label: string): Promise<string> {
  const slug = fx.agency.slug;
  const created = await call(dashboardRoute.action, `/admin/agencies/${slug}`, { slug }, admin, { intent: "create-counter", label });
  expect(created.status, "the dashboard registers a counter").toBe(200);
  const counter = (await dashboardCounters(fx, admin)).find((row) => row.label === label);
  expect(counter, "the new counter is listed").toBeDefined();
  return String(counter!.id);
}

/** Every row of every table as text, keyed by table. */
async function dumpAllTables(): Promise<Record<string, string>> {
  const tables =
    dbTarget.provider === "sqlite"
      ? (await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)).map(
          (r) => r.name,
        )
      : (
          await prisma.$queryRawUnsafe<{ t: string }[]>(
            `SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
          )
        ).map((r) => r.t);
  const dump: Record<string, string> = {};
  for (const table of tables) {
    const rows =
      dbTarget.provider === "sqlite"
        ? await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`)
        : (await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`)).map((r) => JSON.parse(r.row) as unknown);
    dump[table] = JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
  }
  return dump;
}

async function responseColumns(): Promise<string[]> {
  const rows =
    dbTarget.provider === "sqlite"
      ? await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('Response')`)
      : await prisma.$queryRawUnsafe<{ name: string }[]>(
          `SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'Response'`,
        );
  return rows.map((row) => row.name);
}

describe(`service counters and screening are counts, never on a response or beside a contact (${dbTarget.provider})`, () => {
  it("H3: an unregistered ?c=somchai-0819990001 is stored nowhere, the citizen still answers, and the dashboard shows no such counter", async () => {
    const fx = await registeredAgency();
    const admin = await agencyAdmin(fx);
    await citizen(fx, `?c=${ATTACK_TAG}`);

    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(1); // answered all the same
    const dump = await dumpAllTables();
    for (const [table, text] of Object.entries(dump)) expect(text.includes(ATTACK_TAG), `"${ATTACK_TAG}" found in table ${table}`).toBe(false);
    const columns = await responseColumns();
    expect(columns.filter((name) => /channel|counter|tag/i.test(name))).toEqual([]);
    expect(JSON.stringify(await dashboardCounters(fx, admin))).not.toContain(ATTACK_TAG);
  }, 60_000);

  it("H3: a registered counter's count appears on the dashboard only from 5 responses; another agency's counter and a retired one are ignored", async () => {
    const fx = await registeredAgency();
    const admin = await agencyAdmin(fx);
    const counterId = await registerCounter(fx, admin, "ช่องบริการ 1");
    expect(counterId).toMatch(/^[0-9abcdefghjkmnpqrstvwxyz]{16}$/); // opaque, not the label
    const shown = async () => (await dashboardCounters(fx, admin)).find((row) => row.id === counterId)!.responses;

    for (let n = 1; n <= 4; n++) {
      await citizen(fx, `?c=${counterId}`);
      expect(await shown(), `after ${n} responses`).toBeNull();
    }
    await citizen(fx, `?c=${counterId}`);
    expect(await shown()).toBe(5);

    // Another agency's live counter and this agency's retired counter count nowhere.
    const other = await registeredAgency();
    const othersCounter = await registerCounter(other, await agencyAdmin(other), "Elsewhere");
    const retiredId = await registerCounter(fx, admin, "Old desk");
    const retired = await call(dashboardRoute.action, `/admin/agencies/${fx.agency.slug}`, { slug: fx.agency.slug }, admin, {
      intent: "retire-counter",
      counterId: retiredId,
    });
    expect(retired.status).toBe(200);
    await citizen(fx, `?c=${othersCounter}`);
    await citizen(fx, `?c=${retiredId}`);
    const tallies = await prisma.$queryRawUnsafe<{ counterId: string; responses: number }[]>(
      `SELECT "counterId", "responses" FROM "CounterTally" ORDER BY "counterId"`,
    );
    expect(tallies.filter((row) => [counterId, othersCounter, retiredId].includes(row.counterId)).map((row) => [row.counterId, Number(row.responses)])).toEqual(
      [[counterId, 5]],
    );
    expect(await prisma.response.count({ where: { agencyId: fx.agency.id } })).toBe(7);
  }, 120_000);

  it("H3: no row that holds a contact hash (OtpChallenge, SurveySession, EitContactMarker) holds the counter id", async () => {
    const fx = await registeredAgency();
    const counterId = await registerCounter(fx, await agencyAdmin(fx), "Front desk");
    const besideContact = ["OtpChallenge", "SurveySession", "EitContactMarker"];
    let midway: Record<string, string> = {};
    await citizen(fx, `?c=${counterId}`, {
      // Mid-flow, while the challenge and the session rows exist.
      beforeSubmit: async () => {
        midway = await dumpAllTables();
      },
    });
    expect(midway.SurveySession).toContain("contactHash");
    expect(midway.OtpChallenge).toContain("contactHash");
    const after = await dumpAllTables();
    expect(after.EitContactMarker).toContain(fx.agency.id);
    for (const [when, dump] of [
      ["before submit", midway],
      ["after submit", after],
    ] as const) {
      for (const table of besideContact) expect(dump[table].includes(counterId), `${table} ${when}`).toBe(false);
      expect(dump.Response.includes(counterId), `Response ${when}`).toBe(false);
    }
    expect(after.CounterTally).toContain(counterId); // counted, in its own tally
  }, 60_000);

  it("L5: a response row has no screening and no channel column, while the screening tally counts the categories", async () => {
    const fx = await registeredAgency({ internalPopulation: 10 });
    // Two staff answer the IIT: an executive and an officer.
    for (const position of ["executive", "staff"]) {
      const jar = new CookieJar();
      expect((await call(iitCodeRoute.action, "/iit", {}, jar, { code: fx.iitCode })).status).toBe(302);
      expect((await call(iitEligibilityRoute.action, "/iit/eligibility", {}, jar, { position, tenure: "yes" })).status).toBe(302);
      const page = (await call(iitSurveyRoute.loader, "/iit/survey", {}, jar)).data as { submissionKey: string };
      const answers = Object.fromEntries(
        Object.entries(randomAnswers(ita2568, "iit", seededRandom(position.length))).map(([key, value]) => [key, String(value)]),
      );
      expect((await call(iitSurveyRoute.action, "/iit/survey", {}, jar, { submissionKey: page.submissionKey, ...answers })).headers.get("Location")).toBe(
        "/iit/thanks",
      );
    }
    const columns = await responseColumns();
    expect(columns.filter((name) => /screening|channel|position|counter/i.test(name))).toEqual([]);
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "Response" WHERE "agencyId" = '${fx.agency.id}'`);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(JSON.stringify(row)).not.toMatch(/executive|staff|tenure/);
    const tally = await prisma.$queryRawUnsafe<{ question: string; answer: string; responses: number }[]>(
      `SELECT "question", "answer", "responses" FROM "ScreeningTally" WHERE "agencyId" = '${fx.agency.id}' AND "instrument" = 'iit' ORDER BY "question", "answer"`,
    );
    expect(tally.map((row) => [row.question, row.answer, Number(row.responses)])).toEqual([
      ["position", "executive", 1],
      ["position", "staff", 1],
      ["tenure", "yes", 2],
    ]);
  }, 60_000);
});
