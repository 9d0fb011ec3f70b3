// WebOTP on the EIT verify page (public/citizen.js, decision 029), in the real page with its CSP.
// Headless Chromium receives no SMS, so the browser's side is a stand-in installed before the page
// loads: `OTPCredential` exists and `navigator.credentials.get` records what it was asked and answers
// with a code (or never). The page's own part is real: the request it makes, filling the field,
// sending the form, and giving up the wait when the person sends the form by hand. No code is
// requested from the server: the challenge cookie is a made-up token, so the verify step answers
// "this code can no longer be used" — proof the filled-in code reached the server.
// (Named *eit.spec.ts so that playwright.config.ts's "public" project runs it.)
import { expect, test, type BrowserContext } from "@playwright/test";
import { baseURL } from "../../playwright.config";

const DEMO_SLUG = "rae-subdistrict-municipality";
const DEAD = "รหัสนี้ใช้ไม่ได้แล้ว";

/** A challenge cookie as Remix serializes an unsigned one (base64 of the JSON string). */
async function madeUpChallenge(context: BrowserContext) {
  const value = Buffer.from(JSON.stringify("e2e-webotp-not-a-real-challenge")).toString("base64");
  await context.addCookies([{ name: "ita_otp", value: encodeURIComponent(value), url: baseURL }]);
}

/** The browser's WebOTP, standing in: answers `code` once after a moment, or never (null). */
async function fakeWebOtp(context: BrowserContext, code: string | null) {
  await context.addInitScript((answer) => {
    (window as unknown as { OTPCredential: unknown }).OTPCredential = function OTPCredential() {};
    navigator.credentials.get = (options?: CredentialRequestOptions & { otp?: { transport: string[] } }) => {
      sessionStorage.setItem("webotp-asked", JSON.stringify({ otp: options?.otp, signal: options?.signal instanceof AbortSignal }));
      options?.signal?.addEventListener("abort", () => sessionStorage.setItem("webotp-aborted", "yes"));
      // One SMS, handed over once: the page after the send asks again and waits, as a phone would.
      if (answer === null || sessionStorage.getItem("webotp-answered")) return new Promise(() => {});
      sessionStorage.setItem("webotp-answered", "yes");
      return new Promise((resolve) => setTimeout(() => resolve({ type: "otp", code: answer } as unknown as Credential), 300));
    };
  }, code);
}

test("a browser with WebOTP fills in the code from the SMS and sends the form", async ({ browser }) => {
  const context = await browser.newContext();
  await madeUpChallenge(context);
  await fakeWebOtp(context, "428193");
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    // The verify step's own 400 is logged as a failed load; anything else (a CSP refusal, a script error) counts.
    if (message.type() === "error" && !/status of 400/.test(message.text())) errors.push(message.text());
  });
  await page.goto(`/e/${DEMO_SLUG}/verify`);
  await expect(page.getByRole("alert")).toContainText(DEAD);
  expect(JSON.parse((await page.evaluate(() => sessionStorage.getItem("webotp-asked"))) ?? "null")).toEqual({ otp: { transport: ["sms"] }, signal: true });
  expect(errors).toEqual([]);
  await context.close();
});

test("typing the code and sending it by hand ends the wait for the SMS", async ({ browser }) => {
  const context = await browser.newContext();
  await madeUpChallenge(context);
  await fakeWebOtp(context, null);
  const page = await context.newPage();
  await page.goto(`/e/${DEMO_SLUG}/verify`);
  await expect.poll(() => page.evaluate(() => sessionStorage.getItem("webotp-asked"))).not.toBeNull();
  await page.getByLabel("รหัส OTP 6 หลัก").fill("111111");
  await page.getByRole("button", { name: "ยืนยัน" }).click();
  await expect(page.getByRole("alert")).toContainText(DEAD);
  expect(await page.evaluate(() => sessionStorage.getItem("webotp-aborted"))).toBe("yes");
  await context.close();
});
