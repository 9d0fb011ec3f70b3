// Decision 028: the i18n catalogue is server-only; a hydrated page receives its language's messages
// once, in the root loader's data, and translates from them in the browser. In a real browser:
// the admin pages hydrate without a React error in Thai and in English, client navigations and
// actions never fetch the root's data again (shouldRevalidate), the language switch reloads the
// document (the only way the messages change), meta titles follow client navigations, and the
// respondent and public pages (no <Scripts/>) carry no messages at all.
//
// Named *-admin.spec.ts so the "admin" project runs it (after "public"). It signs in as the system
// administrator (no 2FA in the demo) and changes nothing: the reminders opt-out is flipped twice.
import { expect, test, type Page, type Request } from "@playwright/test";
import { demoPassword } from "./demo";

const SYSADMIN = "sysadmin@demo.ita.local";

/** Console errors and uncaught exceptions (a hydration mismatch is one, minified or not). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** Single fetch's data requests: every loader run after the document is one of these. */
function watchDataRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.endsWith(".data")) requests.push(request);
  });
  return requests;
}

/** Which routes a data GET asked for; null = all of them (single fetch leaves _routes out then). */
const routesAsked = (request: Request) => new URL(request.url()).searchParams.get("_routes");

test("admin pages hydrate in Thai and English from the page's messages; the root's data is sent once per document", async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ locale: "th-TH" });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const data = watchDataRequests(page);
  const main = page.locator("main");

  await page.goto("/admin/login");
  await main.locator('input[name="email"]').fill(SYSADMIN);
  await main.locator('input[name="password"]').fill(demoPassword(SYSADMIN));
  await main.locator("button.button[type=submit]").first().click();
  await page.waitForURL((url) => url.pathname === "/admin");

  // A fresh document: the Thai messages are in it, the English ones are not.
  const documentHtml = await (await page.request.get("/admin/users")).text();
  expect(documentHtml).toContain("ผู้ใช้งาน");
  expect(documentHtml).not.toContain("Agency register");
  await page.goto("/admin/users");
  await expect(page.locator("html")).toHaveAttribute("lang", "th");

  // A client navigation (proof of hydration): the page's loaders only, never the root's.
  data.length = 0;
  await page.locator(".admin-bar nav").getByRole("link", { name: "บัญชีของฉัน" }).click();
  await expect(page).toHaveURL(/\/admin\/account$/);
  await expect(main.getByRole("heading", { level: 1 })).toBeVisible();
  expect(data.length, "a client navigation, not a document load").toBeGreaterThan(0);
  // meta runs in the browser on a client navigation: the title comes from the root's messages.
  await expect(page).toHaveTitle(/ITA/);

  // An action (the reminders opt-out, flipped and flipped back) revalidates without the root.
  const flip = main.locator('form:has(input[name="intent"][value="reminders"]) button');
  const before = await flip.textContent();
  await flip.click();
  await expect(flip).not.toHaveText(before!);
  await flip.click();
  await expect(flip).toHaveText(before!);
  const gets = data.filter((request) => request.method() === "GET");
  expect(gets.length).toBeGreaterThan(0);
  for (const request of gets) {
    const routes = routesAsked(request);
    expect(routes, `${request.url()} asks for every route`).not.toBeNull();
    expect(routes!.split(","), request.url()).not.toContain("root");
  }

  // The language switch posts with reloadDocument: a new document, the English messages.
  const documents: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest()) documents.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  await page.getByRole("button", { name: "English", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect(documents).toContain("POST /language");
  await expect(page.locator(".admin-bar nav")).toContainText("My account");
  await expect(page.getByRole("button", { name: "ภาษาไทย", exact: true })).toBeVisible();

  // English: hydrate, navigate on the client, and the texts stay English.
  data.length = 0;
  await page.locator(".admin-bar nav").getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  expect(data.length).toBeGreaterThan(0);
  await expect(page.locator(".admin-bar nav")).toContainText("Audit log");
  await page.goto("/admin/operations");
  await expect(main.getByRole("heading", { level: 1 }).first()).toHaveText("Operations");

  // Back to Thai for whoever uses this context next.
  await page.getByRole("button", { name: "ภาษาไทย", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "th");
  expect(errors, "console errors (a React hydration error is one)").toEqual([]);
  await context.close();
});

test("the public results pages show no error in either language, and pages without <Scripts/> carry no messages", async ({ browser }) => {
  for (const lang of ["th", "en"] as const) {
    const context = await browser.newContext({ locale: "th-TH" });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/results");
    if (lang === "en") {
      await page.getByRole("button", { name: "English", exact: true }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
    }
    const first = page.locator("main a[href^='/results/']").first();
    if (await first.count()) await first.click();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    expect(errors, `${lang}: console errors`).toEqual([]);
    await context.close();
  }
  // Respondent and public pages render on the server only: no loader data, no catalogue.
  for (const path of ["/", "/iit", "/results", "/about-your-answers"]) {
    const html = await (await browser.newContext()).request.get(path).then((response) => response.text());
    expect(html, path).not.toContain("streamController");
    expect(html, path).not.toContain("admin.nav.users");
  }
});
