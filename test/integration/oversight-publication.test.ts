// Publishing an agency's results (ประกาศผล) through the results page's action: who may, what it
// changes, that nothing about the agency's figures can change afterwards (IIT and EIT-1 submits,
// EIT-2 entry, populations, reopening), and that submits racing with it are either counted in full
// or not written at all.
import { describe, expect, it } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { dbTarget, prisma } from "~/db.server";
import { issueIitCode } from "~/models/iit-code.server";
import { contactHashForCycle } from "~/models/cycle.server";
import { getTally, recountFromResponses } from "~/models/response.server";
import { recordAssessorResponse, submitResponse } from "~/models/submission.server";
import { createSurveySession, saveScreening } from "~/models/survey-session.server";
import * as dashboardRoute from "~/routes/admin.agencies.$slug._index";
import * as eit2Route from "~/routes/admin.agencies.$slug.eit2";
import * as resultsRoute from "~/routes/admin.agencies.$slug.results";
import * as eitSurveyRoute from "~/routes/e.$slug.survey";
import * as iitCodeRoute from "~/routes/iit._index";
import * as iitEligibilityRoute from "~/routes/iit.eligibility";
import * as iitSurveyRoute from "~/routes/iit.survey";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { surveyCookie } from "~/services/survey-cookies.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { CookieJar } from "../fixtures/db";
import { addResponses, agency, get, newProvince, overview, post, reply, results, scoreOit, signedIn, type ResultsView } from "../fixtures/oversight";

const EIT_SCREENING = { "respondent-type": "individual", "dealt-in-year": "yes" };

/** A registered agency in its own province with some responses, and one admin per role. */
async function world() {
  const province = await newProvince("จังหวัดประกาศผล", "Publication");
  const made = await agency({ provinceId: province.id, internalPopulation: 40, externalPopulation: 30 });
  const target = { agencyId: made.agency.id, cycleId: made.cycle.id };
  await addResponses(target, { iit: 31, eit1: 30, eit2: 20 }, { seed: 5, favourable: 0.8 });
  await scoreOit(target, () => 100);
  return {
    ...target,
    cycle: made.cycle,
    slug: made.agency.slug,
    provinceId: province.id,
    assessor: await signedIn({ role: "national_assessor" }),
    systemAdmin: await signedIn({ role: "system_admin" }),
    coordinator: await signedIn({ role: "province_coordinator", provinceId: province.id }),
    agencyAdmin: await signedIn({ role: "agency_admin", agencyId: made.agency.id }),
  };
}
type World = Awaited<ReturnType<typeof world>>;

const publish = (w: World, cookie: string, fields: Record<string, string> = { intent: "publish", confirm: "yes" }, headers: Record<string, string> = {}) =>
  post(resultsRoute.action, `/admin/agencies/${w.slug}/results`, cookie, fields, { slug: w.slug }, headers);

/** Everything publishing changes, to compare before and after a refused request. */
async function state(w: World) {
  const participation = await prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId: w.agencyId, cycleId: w.cycleId } } });
  const tallies = (await prisma.responseTally.findMany({ where: { agencyId: w.agencyId, cycleId: w.cycleId } })).sort((a, b) =>
    a.instrument.localeCompare(b.instrument),
  );
  return {
    publishedAt: participation.publishedAt?.getTime() ?? null,
    iitOpen: participation.iitOpen,
    eitOpen: participation.eitOpen,
    internalPopulation: participation.internalPopulation,
    externalPopulation: participation.externalPopulation,
    tallies: tallies.map((t) => ({ instrument: t.instrument, responses: t.responses, frozen: t.frozen })),
    responses: await prisma.response.count({ where: { agencyId: w.agencyId } }),
    markers: await prisma.eitContactMarker.count({ where: { agencyId: w.agencyId } }),
    publishAudits: await prisma.auditLog.count({ where: { action: "assessor.results.publish", agencyId: w.agencyId } }),
  };
}

function answerForm(instrument: "iit" | "eit", seed: number): Record<string, string> {
  return Object.fromEntries(Object.entries(randomAnswers(ita2568, instrument, seededRandom(seed))).map(([key, value]) => [key, String(value)]));
}

/** A browser through the IIT code and eligibility steps, holding the survey page's submission key. */
async function iitBrowserReady(w: World) {
  const code = await issueIitCode(w.agencyId, w.cycleId);
  const jar = new CookieJar();
  const step = async (route: unknown, path: string, fields?: Record<string, string>) => {
    const request = new Request(`http://localhost${path}`, {
      method: fields ? "POST" : "GET",
      body: fields ? new URLSearchParams(fields) : undefined,
      headers: { Cookie: jar.header(), ...(fields ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
    });
    const result = await reply(() =>
      (route as (args: unknown) => unknown)({ request, params: {}, context: { clientAddress: `198.18.90.${Math.floor(Math.random() * 250) + 1}` } }),
    );
    jar.absorb(new Response(null, { headers: result.headers }));
    return result;
  };
  expect((await step(iitCodeRoute.action, "/iit?index", { code })).status).toBe(302);
  expect((await step(iitEligibilityRoute.action, "/iit/eligibility", { position: "staff", tenure: "yes" })).status).toBe(302);
  const page = await step(iitSurveyRoute.loader, "/iit/survey");
  expect(page.status).toBe(200);
  return { step, submissionKey: page.body.submissionKey as string, code };
}

/** A verified EIT-1 session with its screening saved, as the verify and eligibility steps leave it. */
async function eitSession(w: World, phone: string) {
  const token = await createSurveySession({ agencyId: w.agencyId, cycleId: w.cycleId, instrument: "eit1", contactHash: contactHashForCycle(w.cycle, phone) });
  await saveScreening(sha256(token), EIT_SCREENING);
  const jar = new CookieJar();
  jar.absorb(new Response(null, { headers: { "Set-Cookie": await surveyCookie.serialize(token) } }));
  return { token, jar };
}

describe(`publication (${dbTarget.provider})`, () => {
  it("coordinator and agency admin → 403; no confirmation → 400; cross-site → 403; nothing changes", async () => {
    const w = await world();
    const before = await state(w);
    expect(before).toMatchObject({ publishedAt: null, iitOpen: true, eitOpen: true, publishAudits: 0 });
    expect(before.tallies.every((t) => !t.frozen)).toBe(true);

    expect((await publish(w, w.coordinator.cookie)).status).toBe(403);
    expect((await publish(w, w.agencyAdmin.cookie)).status).toBe(403);
    for (const fields of [{ intent: "publish" }, { intent: "publish", confirm: "no" }, { intent: "publish", confirm: "YES" }, { confirm: "yes" }, {}]) {
      const refused = await publish(w, w.assessor.cookie, fields as Record<string, string>);
      expect(refused.status, JSON.stringify(fields)).toBe(400);
      expect(refused.body).toEqual({ ok: false, message: "results.publish.needConfirm" });
    }
    const crossSite = await publish(w, w.assessor.cookie, undefined, { "Sec-Fetch-Site": "cross-site" });
    expect(crossSite.status).toBe(403);
    const foreignOrigin = await publish(w, w.assessor.cookie, undefined, { "Sec-Fetch-Site": "", Origin: "https://evil.example" });
    expect(foreignOrigin.status).toBe(403);
    expect(await state(w)).toEqual(before);
    // Another province's coordinator cannot even read the page.
    const elsewhere = await signedIn({ role: "province_coordinator", provinceId: (await newProvince("จังหวัดอื่น")).id });
    expect((await publish(w, elsewhere.cookie)).status).toBe(403);
    expect((await results(w.slug, elsewhere.cookie)).status).toBe(403);
    expect((await results(w.slug, w.coordinator.cookie)).body.canPublish).toBe(false);
    expect((await results(w.slug, w.assessor.cookie)).body.canPublish).toBe(true);
    expect(await state(w)).toEqual(before);
  });

  it("the assessor publishes: 200, publishedAt set, surveys closed, tallies frozen; a second publish → 409", async () => {
    const w = await world();
    const provisional = (await results(w.slug, w.assessor.cookie)).body as ResultsView;
    expect(provisional).toMatchObject({ final: false, publishedOn: null, canPublish: true });
    const started = Date.now();
    const published = await publish(w, w.assessor.cookie);
    expect(published.status).toBe(200);
    expect(published.body).toEqual({ ok: true, message: "results.publish.done" });
    const after = await state(w);
    expect(after.publishedAt).toBeGreaterThanOrEqual(started - 1000);
    expect(after.publishedAt).toBeLessThanOrEqual(Date.now());
    expect(after).toMatchObject({ iitOpen: false, eitOpen: false, responses: 81, publishAudits: 1 });
    expect(after.tallies).toEqual([
      { instrument: "eit1", responses: 30, frozen: true },
      { instrument: "eit2", responses: 20, frozen: true },
      { instrument: "iit", responses: 31, frozen: true },
    ]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "assessor.results.publish", agencyId: w.agencyId } });
    expect(audit).toMatchObject({ actorId: w.assessor.user.id, outcome: "published" });

    const again = await publish(w, w.systemAdmin.cookie);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ ok: false, message: "results.publish.already" });
    expect((await state(w)).publishedAt).toBe(after.publishedAt); // the first time stands

    // The results page shows the final figures; the overview marks the agency published.
    const final = (await results(w.slug, w.agencyAdmin.cookie)).body as ResultsView;
    expect(final.final).toBe(true);
    expect(final.publishedOn).toMatch(/\d{4}$/);
    expect(final.canPublish).toBe(false);
    expect((await results(w.slug, w.assessor.cookie)).body.canPublish).toBe(false);
    // 31 IIT responses: the provisional page used the snapshot of 30, the final one all 31.
    expect(final.parts.map((p) => p.processed)).toEqual([true, true, true, true]);
    const page = await overview(w.coordinator.cookie, { show: "published" });
    expect(page.body.rows.map((row: { slug: string }) => row.slug)).toEqual([w.slug]);
    expect(page.body.rows[0]).toMatchObject({ published: true, total: final.total, rating: final.rating });
  });

  it("an unregistered agency cannot be published (409, nothing written)", async () => {
    const made = await agency({ register: false });
    const assessor = await signedIn({ role: "national_assessor" });
    const refused = await post(
      resultsRoute.action,
      `/admin/agencies/${made.agency.slug}/results`,
      assessor.cookie,
      { intent: "publish", confirm: "yes" },
      { slug: made.agency.slug },
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ ok: false, message: "results.publish.notRegistered" });
    expect(await prisma.agencyCycle.count({ where: { agencyId: made.agency.id } })).toBe(0);
  });

  it("after publication: IIT and EIT-1 submits, EIT-2 entry, populations and reopening are all refused; nothing is written", async () => {
    const w = await world();
    // Respondents who were already on the survey page when the assessor published.
    const iit = await iitBrowserReady(w);
    const eit = await eitSession(w, "+66812340001");
    const iitSession = await prisma.surveySession.findFirstOrThrow({ where: { agencyId: w.agencyId, instrument: "iit" } });
    const eitRaw = await prisma.surveySession.findFirstOrThrow({ where: { id: sha256(eit.token) } });
    expect((await publish(w, w.assessor.cookie)).status).toBe(200);
    const frozen = await state(w);
    const tallies = {
      iit: await getTally(w.agencyId, w.cycleId, "iit"),
      eit1: await getTally(w.agencyId, w.cycleId, "eit1"),
      eit2: await getTally(w.agencyId, w.cycleId, "eit2"),
    };

    const iitSubmit = await iit.step(iitSurveyRoute.action, "/iit/survey", { submissionKey: iit.submissionKey, ...answerForm("iit", 1) });
    expect(iitSubmit.status).toBe(403);
    expect(iitSubmit.body.formError).toBe("iit.closed.agency");
    const iitAgain = await reply(() =>
      iitCodeRoute.action({
        request: new Request("http://localhost/iit?index", {
          method: "POST",
          body: new URLSearchParams({ code: iit.code }),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        }),
        params: {},
        context: { clientAddress: "198.18.91.1" },
      } as never),
    );
    expect(iitAgain.status).toBe(403);

    const eitSubmit = await reply(() =>
      eitSurveyRoute.action({
        request: new Request(`http://localhost/e/${w.slug}/survey`, {
          method: "POST",
          body: new URLSearchParams({ submissionKey: randomToken(16), ...answerForm("eit", 2) }),
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: eit.jar.header() },
        }),
        params: { slug: w.slug },
        context: { clientAddress: "198.51.100.90" },
      } as never),
    );
    expect(eitSubmit.status).toBe(403);
    expect(eitSubmit.body.formError).toBe("eit.closed");

    // Below the route checks, the model refuses on the frozen tally itself (a submit that passed
    // the open check just before publishing): refused as "published", and rolled back entirely.
    const iitKey = randomToken(16);
    const eitKey = randomToken(16);
    expect(
      await submitResponse({
        submissionKey: iitKey,
        session: iitSession,
        screening: { position: "staff", tenure: "yes" },
        answers: randomAnswers(ita2568, "iit", seededRandom(3)),
        ruleset: ita2568,
        rulesetVersion: 0, // the cycle was never changed (decision 019)
        cap: 40,
      }),
    ).toEqual({
      status: "refused",
      reason: "published",
    });
    expect(
      await submitResponse({
        submissionKey: eitKey,
        session: eitRaw,
        screening: EIT_SCREENING,
        answers: randomAnswers(ita2568, "eit", seededRandom(4)),
        ruleset: ita2568,
        rulesetVersion: 0, // the cycle was never changed (decision 019)
      }),
    ).toEqual({
      status: "refused",
      reason: "published",
    });
    expect(await prisma.idempotencyKey.count({ where: { key: { in: [iitKey, eitKey] } } })).toBe(0);
    expect(await prisma.surveySession.count({ where: { id: { in: [iitSession.id, eitRaw.id] } } })).toBe(2); // their deletion rolled back too
    expect(
      await recordAssessorResponse({
        submissionKey: randomToken(16),
        agencyId: w.agencyId,
        cycleId: w.cycleId,
        actorId: w.assessor.user.id,
        screening: { "respondent-type": "private-company" },
        answers: randomAnswers(ita2568, "eit", seededRandom(5)),
        ruleset: ita2568,
      }),
    ).toEqual({ status: "refused", reason: "published" });

    const eit2 = await post(
      eit2Route.action,
      `/admin/agencies/${w.slug}/eit2`,
      w.assessor.cookie,
      { submissionKey: randomToken(16), "respondent-type": "private-company", ...answerForm("eit", 6) },
      { slug: w.slug },
    );
    expect(eit2.status).toBe(403);
    expect(eit2.body.message).toBe("eit2.closed");
    expect((await get(eit2Route.loader, `/admin/agencies/${w.slug}/eit2`, w.assessor.cookie, { slug: w.slug })).body.published).toBe(true);

    for (const [cookie, fields] of [
      [w.agencyAdmin.cookie, { intent: "set-populations", internalPopulation: "20", externalPopulation: "10" }],
      [w.systemAdmin.cookie, { intent: "set-populations", internalPopulation: "20", externalPopulation: "10" }],
      [w.agencyAdmin.cookie, { intent: "set-open", instrument: "iit", open: "true" }],
      [w.systemAdmin.cookie, { intent: "set-open", instrument: "eit", open: "true" }],
    ] as const) {
      const refused = await post(dashboardRoute.action, `/admin/agencies/${w.slug}`, cookie, fields, { slug: w.slug });
      expect(refused.status, JSON.stringify(fields)).toBe(403);
      expect(refused.body).toEqual({ ok: false, message: "dash.published" });
    }

    expect(await state(w)).toEqual(frozen);
    for (const instrument of ["iit", "eit1", "eit2"] as const) {
      expect(await getTally(w.agencyId, w.cycleId, instrument), instrument).toEqual(tallies[instrument]);
      expect(await recountFromResponses(w.agencyId, w.cycleId, instrument), instrument).toEqual(tallies[instrument]);
    }
    expect(((await results(w.slug, w.assessor.cookie)).body as ResultsView).final).toBe(true);
  });

  it("race: 20 concurrent IIT submits with a publish in the middle → rows = tally, sums = tally, nothing half-written", { timeout: 60_000 }, async () => {
    const w = await world();
    await prisma.agencyCycle.update({ where: { agencyId_cycleId: { agencyId: w.agencyId, cycleId: w.cycleId } }, data: { internalPopulation: 200 } });
    const base = await getTally(w.agencyId, w.cycleId, "iit");
    const sessions = [];
    for (let i = 0; i < 20; i++) {
      const token = await createSurveySession({ agencyId: w.agencyId, cycleId: w.cycleId, instrument: "iit" });
      await saveScreening(sha256(token), { position: "staff", tenure: "yes" });
      sessions.push(await prisma.surveySession.findUniqueOrThrow({ where: { id: sha256(token) } }));
    }
    const keys = sessions.map(() => randomToken(16));
    // Submits 0–14 start 2 ms apart; the assessor clicks "publish" as the tenth starts, so several
    // are in flight (past the open check, before or inside their transaction) while it commits.
    // Submits 15–19 come in just after the publish answered: those at least must be refused.
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const publishing = sleep(19).then(() => publish(w, w.assessor.cookie));
    const submits = sessions.map(async (session, i) => {
      if (i < 15) await sleep(i * 2);
      else await publishing;
      return submitResponse({
        submissionKey: keys[i],
        session,
        screening: { position: "staff", tenure: "yes" },
        answers: randomAnswers(ita2568, "iit", seededRandom(100 + i), 0.5),
        ruleset: ita2568,
        rulesetVersion: 0, // the cycle was never changed (decision 019)
        cap: 200,
      });
    });
    const settled = await Promise.allSettled(submits);
    const published = await publishing;
    expect(published.status).toBe(200);

    expect(settled.filter((s) => s.status === "rejected").map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
    const outcomes = settled.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof submitResponse>>>).value);
    const accepted = outcomes.filter((o) => o.status === "accepted").length;
    const refused = outcomes.filter((o) => o.status === "refused" && o.reason === "published").length;
    expect(accepted + refused).toBe(20);
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThanOrEqual(5);
    expect(outcomes.slice(15).every((o) => o.status === "refused")).toBe(true);
    console.info(`[publish race ${dbTarget.provider}] ${accepted} accepted before the freeze, ${refused} refused after it`);

    const tally = await getTally(w.agencyId, w.cycleId, "iit");
    expect(tally.responses).toBe(base.responses + accepted);
    expect(await prisma.response.count({ where: { agencyId: w.agencyId, instrument: "iit" } })).toBe(tally.responses);
    expect(await recountFromResponses(w.agencyId, w.cycleId, "iit")).toEqual(tally);
    const daily = await prisma.dailyCount.aggregate({ where: { agencyId: w.agencyId, instrument: "iit" }, _sum: { responses: true } });
    expect(daily._sum.responses).toBe(tally.responses);
    // Exactly the accepted submits kept their idempotency key and ended their session.
    const acceptedKeys = keys.filter((_, i) => outcomes[i].status === "accepted");
    expect(await prisma.idempotencyKey.count({ where: { key: { in: keys } } })).toBe(accepted);
    expect(await prisma.idempotencyKey.count({ where: { key: { in: acceptedKeys } } })).toBe(accepted);
    expect(await prisma.surveySession.count({ where: { id: { in: sessions.map((s) => s.id) } } })).toBe(refused);
    expect((await state(w)).tallies.every((t) => t.frozen)).toBe(true);
    // And the published figures are those of every accepted response.
    const final = (await results(w.slug, w.assessor.cookie)).body as ResultsView;
    expect(final.final).toBe(true);
  });
});
