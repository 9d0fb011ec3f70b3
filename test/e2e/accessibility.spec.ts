// Issue 20 §3: every public and respondent page state, in Thai and in English, passes axe-core
// (WCAG 2.0/2.1 A and AA, zero violations) and fits a 320-px screen (1.4.10), on the same load.
// One browser context per language, walked like a person would: home, the public results (the
// national page of the latest year, a province, an agency, an unknown agency), what happens to the
// answers, the IIT (code, a wrong code, eligibility, its error, screened out, the survey, its error,
// thanks) and the EIT part 1 (finder, phone entry, a bad number, OTP, a wrong OTP, eligibility, the
// survey, its error, thanks), with the OTP read from the dev outbox. The admin pages are in
// accessibility-admin.spec.ts (the "admin" project, before admin.spec.ts enrols the agency admin's 2FA).
//
// Runs in the "a11y" project, beside "public" (playwright.config.ts): it uses the demo's printed IIT
// code, which "admin" rotates. Each language adds one IIT and one EIT response (its own phone number,
// the plain agency link: no service counter is counted).
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { checkPage, REFLOW_WIDTH } from "./a11y";
import { demoIitCode } from "./demo";

const DEMO_SLUG = "rae-subdistrict-municipality";
const YEAR = 2567; // the demo seed's published past year
// One number per language, new on every run (a number answers once per agency and year).
const PHONES = Object.fromEntries(
  (["th", "en"] as const).map((lang) => {
    const last = String(Math.floor(Math.random() * 10_000)).padStart(4, "0");
    return [lang, { number: `089-555-${last}`, masked: `089-xxx-${last}` }];
  }),
) as Record<"th" | "en", { number: string; masked: string }>;

type Lang = "th" | "en";

/** A respondent's browser: a phone-sized window at the reflow width, in the chosen language. */
async function respondentContext(browser: import("@playwright/test").Browser, lang: Lang) {
  const context = await browser.newContext({ locale: "th-TH", viewport: { width: REFLOW_WIDTH, height: 640 } });
  if (lang === "en") {
    // Through the page's own switch (a POST to /language), once for the whole context.
    const page = await context.newPage();
    await page.goto("/");
    await page.locator(".language-switch button").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.close();
  }
  return context;
}

const check = (page: Page, state: string) => checkPage(page, state, { reflow: true });
/** The page's main call to action (the one `.button` submit in <main>). */
const submit = (page: Page) => page.locator("main button.button[type=submit]").first();

async function publicPages(page: Page, lang: Lang) {
  await page.goto("/");
  await check(page, "home");
  await page.goto("/results");
  await expect(page).toHaveURL(new RegExp(`/results/${YEAR}$`));
  await check(page, "results: national (the latest year's page)");
  const province = await page.locator(`main a[href^="/results/${YEAR}/province/"]`).first().getAttribute("href");
  expect(province, "the national page links its provinces").toBeTruthy();
  await page.goto(province!);
  await check(page, "results: a province");
  await page.goto(`/results/${YEAR}/agency/${DEMO_SLUG}`);
  await check(page, "results: an agency");
  expect((await page.goto(`/results/${YEAR}/agency/no-such-agency`))?.status()).toBe(404);
  await check(page, "results: an unknown agency (404)");
  // 2.4.2: an error state has its own title, saying it is one, in the page's language.
  await expect(page).toHaveTitle(lang === "th" ? /^ข้อผิดพลาด: ไม่พบหน้าที่ต้องการ/ : /^Error: Page not found/);
  await page.goto("/about-your-answers");
  await check(page, "about your answers");
}

/** Every answer group of the survey form on the page: the first option of each. */
async function answerAll(page: Page) {
  const groups = page.locator("form.survey-form fieldset.choice-group");
  const count = await groups.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await groups.nth(i).locator("label.choice").first().click();
}

/** The survey page: its error state (submitted empty), then answered and sent → thanks. */
async function surveyToThanks(page: Page, who: string) {
  await check(page, `${who}: survey`);
  await submit(page).click();
  await expect(page.locator(".error-summary")).toBeVisible();
  await check(page, `${who}: survey with errors`);
  await answerAll(page);
  await submit(page).click();
  await page.waitForURL(/\/thanks$/);
  await check(page, `${who}: thanks`);
}

async function iitJourney(page: Page) {
  const code = demoIitCode();
  await page.goto("/iit");
  await check(page, "IIT: code entry");
  await page.locator('input[name="code"]').fill("AAAAA-AAAAA");
  await submit(page).click();
  await expect(page.locator("#code-error")).toBeVisible();
  await check(page, "IIT: wrong code");

  const enter = async () => {
    await page.locator('input[name="code"]').fill(code);
    await submit(page).click();
    await page.waitForURL(/\/iit\/eligibility$/);
  };
  await enter();
  await check(page, "IIT: eligibility");
  await submit(page).click();
  await expect(page.locator(".error-summary")).toBeVisible();
  await check(page, "IIT: eligibility with errors");
  await page.locator("#screening-position label.choice").first().click();
  await page.locator("#screening-tenure label.choice", { has: page.locator('input[value="no"]') }).click();
  await submit(page).click();
  await expect(page.getByTestId("screened-out")).toBeVisible();
  await check(page, "IIT: screened out");

  await enter();
  await page.locator("#screening-position label.choice").first().click();
  await page.locator("#screening-tenure label.choice", { has: page.locator('input[value="yes"]') }).click();
  await submit(page).click();
  await page.waitForURL(/\/iit\/survey$/);
  await surveyToThanks(page, "IIT");
}

/** The OTP codes the dev outbox shows for a masked number, newest first. */
async function outboxCodes(outbox: Page, masked: string) {
  await outbox.goto("/dev/outbox");
  const entries = outbox.locator("ol.outbox li").filter({ has: outbox.locator("strong", { hasText: masked }) });
  return (await entries.locator(".outbox-text").allTextContents()).map((text) => text.match(/^(\d{6})\b/)?.[1] ?? "").filter(Boolean);
}

async function eitJourney(context: BrowserContext, page: Page, phone: { number: string; masked: string }) {
  await page.goto("/e");
  await check(page, "EIT: landing (agency finder)");
  await page.goto(`/e/${DEMO_SLUG}`);
  await check(page, "EIT: PDPA notice and phone entry");
  await page.locator('input[name="contact"]').fill("12");
  await submit(page).click();
  await expect(page.locator("#contact-error")).toBeVisible();
  await check(page, "EIT: bad phone number");

  const outbox = await context.newPage();
  const seen = (await outboxCodes(outbox, phone.masked)).length;
  await page.locator('input[name="contact"]').fill(phone.number);
  await submit(page).click();
  await page.waitForURL(/\/verify$/);
  await check(page, "EIT: OTP entry");
  let codes: string[] = [];
  await expect.poll(async () => (codes = await outboxCodes(outbox, phone.masked)).length, { timeout: 5000 }).toBeGreaterThan(seen);
  if (phone === PHONES.th) await check(outbox, "dev outbox"); // a Thai-only developer page
  await outbox.close();

  const wrong = codes[0] === "000000" ? "111111" : "000000";
  await page.locator('input[name="code"]').fill(wrong);
  await submit(page).click();
  await expect(page.locator("main [role=alert]").first()).toBeVisible();
  await check(page, "EIT: wrong OTP");
  await page.locator('input[name="code"]').fill(codes[0]);
  await submit(page).click();

  await page.waitForURL(/\/eligibility$/);
  await check(page, "EIT: eligibility");
  await page.locator("#screening-respondent-type label.choice").first().click();
  await page.locator("#screening-dealt-in-year label.choice", { has: page.locator('input[value="yes"]') }).click();
  await submit(page).click();
  await page.waitForURL(/\/survey$/);
  await surveyToThanks(page, "EIT");
}

for (const lang of ["th", "en"] as const) {
  test(`public and respondent pages in ${lang === "th" ? "Thai" : "English"}: axe WCAG 2.1 AA zero violations, no sideways scroll at 320 px`, async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const context = await respondentContext(browser, lang);
    const page = await context.newPage();
    await publicPages(page, lang);
    await iitJourney(page);
    await eitJourney(context, page, PHONES[lang]);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await page.goto("/no-such-page");
    await check(page, "not found (404)");
    await context.close();
  });
}
