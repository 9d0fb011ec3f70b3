// The survey submit's path around Remix's route matching (docs/decisions/008): it answers only
// with a redirect, exactly as the route's action would; every other outcome goes to Remix with
// the action's result, and the route's action answers with it instead of running again.
import { describe, expect, it } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { prisma } from "~/db.server";
import { createSurveySession, saveScreening } from "~/models/survey-session.server";
import { surveyCookie } from "~/services/survey-cookies.server";
import * as iitSurveyRoute from "~/routes/iit.survey";
import { answerSurveySubmit, surveyFlowFor, type SurveySubmitOutcome } from "~/services/survey-fast-path.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { registeredAgency } from "../fixtures/db";
import { run } from "../fixtures/http";

async function iitSession(options: { internalPopulation?: number } = {}) {
  const { agency, cycle } = await registeredAgency(options);
  const token = await createSurveySession({ agencyId: agency.id, cycleId: cycle.id, instrument: "iit" });
  await saveScreening(sha256(token), { position: "staff", tenure: "yes" });
  const cookie = (await surveyCookie.serialize(token)).split(";")[0];
  const rows = () => prisma.response.count({ where: { agencyId: agency.id } });
  const refusedOverCap = async () => (await prisma.agencyCycle.findFirstOrThrow({ where: { agencyId: agency.id } })).iitRefusedOverCap;
  return { agency, cookie, rows, refusedOverCap };
}

/** Another IIT survey session (past eligibility) for the same agency, as a Cookie header. */
async function iitSessionFor(agencyId: string) {
  const { cycleId } = await prisma.agencyCycle.findFirstOrThrow({ where: { agencyId } });
  const token = await createSurveySession({ agencyId, cycleId, instrument: "iit" });
  await saveScreening(sha256(token), { position: "staff", tenure: "yes" });
  return (await surveyCookie.serialize(token)).split(";")[0];
}

function answers(seed: number): Record<string, string> {
  return Object.fromEntries(Object.entries(randomAnswers(ita2568, "iit", seededRandom(seed), 0)).map(([key, value]) => [key, String(value)]));
}

function post(path: string, cookie: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: cookie, Host: "localhost:3000", "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

/** The redirect answered around Remix, or undefined when the request went to Remix. */
async function redirected(request: Request) {
  const answer = await answerSurveySubmit(request);
  return answer && "response" in answer ? answer.response : undefined;
}

describe("survey submit around Remix", () => {
  it("answers a complete submit with the thank-you redirect, once per key", async () => {
    const { cookie, rows } = await iitSession();
    const fields = { submissionKey: randomToken(16), ...answers(1) };
    const first = await redirected(post("/iit/survey", cookie, fields, { "Sec-Fetch-Site": "same-origin", Origin: "http://localhost:3000" }));
    expect(first?.status).toBe(302);
    expect(first?.headers.get("Location")).toBe("/iit/thanks");
    expect(first?.headers.getSetCookie().join()).toMatch(/ita_survey=;/);
    expect(await rows()).toBe(1);
    const retry = await redirected(post("/iit/survey", cookie, fields));
    expect(retry?.headers.get("Location")).toBe("/iit/thanks");
    expect(await rows()).toBe(1);
  });

  it("hands every outcome with a page to Remix, which answers with it without running the action again", async () => {
    const { cookie, rows } = await iitSession();
    const complete: Record<string, string> = { submissionKey: randomToken(16), ...answers(2) };
    const missingOne = Object.fromEntries(Object.entries(complete).filter(([key]) => key !== "i2"));
    const cases: [string, Request, number][] = [
      ["an item unanswered", post("/iit/survey", cookie, missingOne), 400],
      ["an answer out of range", post("/iit/survey", cookie, { ...complete, "i1.1": "9" }), 400],
      ["no submission key", post("/iit/survey", cookie, { ...complete, submissionKey: "" }), 400],
      ["cross-site", post("/iit/survey", cookie, complete, { "Sec-Fetch-Site": "cross-site" }), 403],
      ["too large", post("/iit/survey", cookie, { ...complete, padding: "x".repeat(20_000) }), 413],
    ];
    for (const [name, request, status] of cases) {
      const answer = await answerSurveySubmit(request);
      expect(answer && "outcome" in answer, name).toBe(true);
      // What Remix's run of the route's action gives: the same outcome, from the load context.
      const again = post("/iit/survey", "", {}); // no session, no body: a fresh run would redirect
      const outcome = await run(() =>
        iitSurveyRoute.action({
          request: again,
          params: {},
          context: { clientAddress: "198.18.9.1", surveySubmitOutcome: (answer as { outcome: SurveySubmitOutcome }).outcome },
        }),
      );
      expect(outcome.status, name).toBe(status);
    }
    expect(await rows()).toBe(0);
    // The same session still submits afterwards: nothing above ended it.
    expect((await redirected(post("/iit/survey", cookie, complete)))?.headers.get("Location")).toBe("/iit/thanks");
    expect(await rows()).toBe(1);
  });

  it("leaves to Remix what Remix answers itself: a foreign Origin, a data request, another page, a GET", async () => {
    const { cookie, rows } = await iitSession();
    const complete: Record<string, string> = { submissionKey: randomToken(16), ...answers(4) };
    const cases: [string, Request][] = [
      ["a foreign Origin", post("/iit/survey", cookie, complete, { Origin: "https://evil.example" })],
      ["Origin null", post("/iit/survey", cookie, complete, { Origin: "null" })],
      ["a ?_data request", post("/iit/survey?_data=routes%2Fiit.survey", cookie, complete)],
      ["not a survey page", post("/iit/eligibility", cookie, complete)],
      ["a GET", new Request("http://localhost:3000/iit/survey", { headers: { Cookie: cookie } })],
    ];
    for (const [name, request] of cases) expect(await answerSurveySubmit(request), name).toBeNull();
    expect(await rows()).toBe(0);
  });

  it("counts an over-headcount refusal once, though Remix renders it", async () => {
    const { agency } = await iitSession({ internalPopulation: 1 });
    const [first, second] = [await iitSessionFor(agency.id), await iitSessionFor(agency.id)];
    expect((await redirected(post("/iit/survey", first, { submissionKey: randomToken(16), ...answers(5) })))?.headers.get("Location")).toBe("/iit/thanks");
    const overCap = { submissionKey: randomToken(16), ...answers(6) };
    const refused = await answerSurveySubmit(post("/iit/survey", second, overCap));
    expect(refused && "outcome" in refused).toBe(true);
    // Remix's run of the route's action gets the same request again (serve.js rebuilds it).
    const outcome = await run(() =>
      iitSurveyRoute.action({
        request: post("/iit/survey", second, overCap),
        params: {},
        context: { clientAddress: "198.18.9.1", surveySubmitOutcome: (refused as { outcome: SurveySubmitOutcome }).outcome },
      }),
    );
    expect(outcome.status).toBe(409);
    const participation = await prisma.agencyCycle.findFirstOrThrow({ where: { agencyId: agency.id } });
    expect(participation.iitRefusedOverCap).toBe(1);
  });

  it("no session: the page with the answers kept goes to Remix (decision 025); a session of another survey goes to its start", async () => {
    const { cookie, rows } = await iitSession();
    const fields = { submissionKey: randomToken(16), ...answers(3) };
    const noSession = await answerSurveySubmit(post("/iit/survey", "", fields));
    const kept = noSession && "outcome" in noSession ? noSession.outcome : null;
    expect(kept?.thrown).toBe(true);
    expect((kept?.value as Response).status).toBe(401);
    expect(((await (kept?.value as Response).json()) as { values: unknown }).values).toEqual(answers(3));
    const eitWithIitSession = await redirected(post("/e/some-agency/survey", cookie, fields));
    expect(eitWithIitSession?.headers.get("Location")).toBe("/e/some-agency?expired=1");
    expect(await rows()).toBe(0);
  });

  it("knows the survey pages by path", () => {
    expect(surveyFlowFor("/iit/survey")?.instrument).toBe("iit");
    expect(surveyFlowFor("/e/agency-1/survey")).toMatchObject({ instrument: "eit1", agencySlug: "agency-1" });
    expect(surveyFlowFor("/e/%E0%B8%81/survey")?.agencySlug).toBe("ก");
    expect(surveyFlowFor("/e/%E0/survey")).toBeNull();
    expect(surveyFlowFor("/e/a/b/survey")).toBeNull();
    expect(surveyFlowFor("/iit/survey/")).toBeNull();
    expect(surveyFlowFor("/iit/thanks")).toBeNull();
  });
});
