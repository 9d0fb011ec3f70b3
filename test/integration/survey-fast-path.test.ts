// The survey submit's path around Remix's route matching (docs/decisions/008): it may answer only
// with a redirect, exactly as the route's action would; every other outcome is left to Remix
// (null) and must have written nothing, because Remix then runs the action again.
import { describe, expect, it } from "vitest";
import { ita2568 } from "~/domain/rulesets/ita-2568";
import { prisma } from "~/db.server";
import { createSurveySession, saveScreening } from "~/models/survey-session.server";
import { surveyCookie } from "~/utils/survey-cookie.server";
import { answerSurveySubmit, surveyFlowFor } from "~/utils/survey-fast-path.server";
import { randomToken } from "~/utils/crypto.server";
import { randomAnswers, seededRandom } from "../../prisma/factories";
import { registeredAgency } from "../fixtures/db";

async function iitSession() {
  const { agency, cycle } = await registeredAgency();
  const token = await createSurveySession({ agencyId: agency.id, cycleId: cycle.id, instrument: "iit", channel: "code" });
  const [session] = await prisma.surveySession.findMany({ where: { agencyId: agency.id } });
  await saveScreening(session.id, { position: "staff", tenure: "yes" });
  const cookie = (await surveyCookie.serialize(token)).split(";")[0];
  const rows = () => prisma.response.count({ where: { agencyId: agency.id } });
  return { agency, cookie, rows };
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

describe("survey submit around Remix", () => {
  it("answers a complete submit with the thank-you redirect, once per key", async () => {
    const { cookie, rows } = await iitSession();
    const fields = { submissionKey: randomToken(16), ...answers(1) };
    const first = await answerSurveySubmit(post("/iit/survey", cookie, fields, { "Sec-Fetch-Site": "same-origin", Origin: "http://localhost:3000" }));
    expect(first?.status).toBe(302);
    expect(first?.headers.get("Location")).toBe("/iit/thanks");
    expect(first?.headers.getSetCookie().join()).toMatch(/ita_survey=;/);
    expect(await rows()).toBe(1);
    const retry = await answerSurveySubmit(post("/iit/survey", cookie, fields));
    expect(retry?.headers.get("Location")).toBe("/iit/thanks");
    expect(await rows()).toBe(1);
  });

  it("leaves every outcome with a page to Remix, having written nothing", async () => {
    const { cookie, rows } = await iitSession();
    const complete: Record<string, string> = { submissionKey: randomToken(16), ...answers(2) };
    const missingOne = Object.fromEntries(Object.entries(complete).filter(([key]) => key !== "i2"));
    const cases: [string, Request][] = [
      ["an item unanswered", post("/iit/survey", cookie, missingOne)],
      ["an answer out of range", post("/iit/survey", cookie, { ...complete, "i1.1": "9" })],
      ["no submission key", post("/iit/survey", cookie, { ...complete, submissionKey: "" })],
      ["cross-site", post("/iit/survey", cookie, complete, { "Sec-Fetch-Site": "cross-site" })],
      ["a foreign Origin", post("/iit/survey", cookie, complete, { Origin: "https://evil.example" })],
      ["Origin null", post("/iit/survey", cookie, complete, { Origin: "null" })],
      ["too large", post("/iit/survey", cookie, { ...complete, padding: "x".repeat(20_000) })],
      ["not a survey page", post("/iit/eligibility", cookie, complete)],
      ["a GET", new Request("http://localhost:3000/iit/survey", { headers: { Cookie: cookie } })],
    ];
    for (const [name, request] of cases) expect(await answerSurveySubmit(request), name).toBeNull();
    expect(await rows()).toBe(0);
    // The same session still submits afterwards: nothing above ended it.
    expect((await answerSurveySubmit(post("/iit/survey", cookie, complete)))?.headers.get("Location")).toBe("/iit/thanks");
    expect(await rows()).toBe(1);
  });

  it("redirects a session to its own start page as the action does (expired, wrong survey)", async () => {
    const { cookie, rows } = await iitSession();
    const fields = { submissionKey: randomToken(16), ...answers(3) };
    const noSession = await answerSurveySubmit(post("/iit/survey", "", fields));
    expect(noSession?.headers.get("Location")).toBe("/iit?expired=1");
    const eitWithIitSession = await answerSurveySubmit(post("/e/some-agency/survey", cookie, fields));
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
