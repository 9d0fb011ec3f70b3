// Issue 19, attack L7: every 429 lacked `Retry-After`. The refusals set it, but Remix builds a
// document's headers from the routes' `headers` exports and dropped the action's own headers, so
// only a real server shows the bug (an in-process action call sees the header). Each kind of 429
// the app can answer is triggered here against the production build (scripts/serve.js), and its
// answer must carry `Retry-After` as a positive whole number of seconds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbTarget } from "~/db.server";
import { requestOtp, otpFormToken, OTP_WRONG_GUESSES_PER_CONTACT_PER_DAY } from "~/models/otp.server";
import { takeSlot } from "~/models/rate-limit.server";
import { otpCookie } from "~/services/survey-cookies.server";
import { keyedHash } from "~/utils/crypto.server";
import { parseContact } from "~/utils/contact";
import { registeredAgency } from "../fixtures/db";
import { type AppServer, freePort, startApp } from "./app-server";

// A tiny agency ceiling, so one address reaches its share (half) after two sends.
const AGENCY_HOURLY_LIMIT = 4;

let server: AppServer;
let fx: Awaited<ReturnType<typeof registeredAgency>>;
beforeAll(async () => {
  fx = await registeredAgency();
  server = await startApp({ port: await freePort(), databaseUrl: process.env.DATABASE_URL!, env: { OTP_AGENCY_HOURLY_LIMIT: String(AGENCY_HOURLY_LIMIT) } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

async function postForm(path: string, fields: Record<string, string>, cookie?: string) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Posts until the first 429 (at most `tries`), and returns it. */
async function until429(tries: number, send: (attempt: number) => Promise<Response>) {
  for (let attempt = 0; attempt < tries; attempt++) {
    const response = await send(attempt);
    await response.arrayBuffer();
    if (response.status === 429) return response;
  }
  throw new Error(`no 429 after ${tries} tries`);
}

function expectRetryAfter(response: Response) {
  expect(response.status).toBe(429);
  const value = response.headers.get("Retry-After");
  expect(value ?? "(none)", "Retry-After header").toMatch(/^\d+$/);
  expect(Number(value)).toBeGreaterThan(0);
}

describe(`every 429 carries Retry-After, through the real server (${dbTarget.provider})`, () => {
  it("OTP send: one address over its share of the agency's hourly ceiling", async () => {
    const formToken = otpFormToken(fx.agency.id);
    const response = await until429(AGENCY_HOURLY_LIMIT, (i) =>
      postForm(`/e/${fx.agency.slug}`, { contact: `08123400${String(i).padStart(2, "0")}`, formToken }),
    );
    expectRetryAfter(response);
  });

  it("OTP verify: the number's daily ceiling of wrong guesses", async () => {
    const contact = parseContact("0891230001", { allowEmail: false });
    if (!contact.ok) throw new Error("bad test number");
    const issued = await requestOtp({
      cycle: fx.cycle,
      agency: fx.agency,
      contact: contact.contact,
      channel: "qr",
      lang: "th",
      message: () => ({ subject: "", text: "" }),
    });
    if (issued.status !== "issued") throw new Error("expected issued");
    // The number already spent its 20 wrong guesses today (on other challenges).
    const { contactHashForCycle } = await import("~/models/cycle.server");
    const guessKey = `otp-guess:${keyedHash("rate-limit-contact-guess", contactHashForCycle(fx.cycle, contact.contact.canonical))}`;
    for (let i = 0; i < OTP_WRONG_GUESSES_PER_CONTACT_PER_DAY; i++)
      await takeSlot(guessKey, [{ seconds: 86_400, limit: OTP_WRONG_GUESSES_PER_CONTACT_PER_DAY }]);
    const cookie = (await otpCookie.serialize(issued.challengeToken)).split(";")[0];
    const response = await postForm(`/e/${fx.agency.slug}/verify`, { code: "000000" }, cookie);
    await response.arrayBuffer();
    expectRetryAfter(response);
  });

  it("IIT code guesses: the client's failure window", async () => {
    const response = await until429(20, (i) => postForm("/iit?index", { code: `WRONG-${String(i).padStart(5, "0")}` }));
    expectRetryAfter(response);
  });

  it("admin sign-in: wrong passwords for one account from one client", async () => {
    const response = await until429(10, () => postForm("/admin/login?index", { email: "nobody@example.go.th", password: "not-the-password-123" }));
    expectRetryAfter(response);
  });
});
