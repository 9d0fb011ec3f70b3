// Issue 20 §3: every admin page state passes axe-core (WCAG 2.0/2.1 A and AA, zero violations), in
// Thai, signed in once per role (one browser context each, no sign-in per page): the sign-in page and
// its error, the forgotten-password page, 2FA enrolment and its error, the recovery codes, the 2FA
// step of a sign-in and its error; the agency admin's dashboard, results, plan, poster and account;
// the national assessor's overview, the demo agency's results, EIT part 2 entry and OIT; the system
// administrator's users, audit, cycles, register, operations, an account form error; an unknown
// agency (the admin error page).
// Reflow of the admin pages at 320 px is admin-reflow.spec.ts's (the admin pages' own helper).
//
// Named *-admin.spec.ts, so the "admin" project runs it; alphabetically it runs before admin.spec.ts,
// which enrols 2FA for the agency admin. It changes nothing the other specs read: it only reads pages,
// except that it enrols 2FA for the province coordinator, which the system administrator then resets
// (through /admin/users), leaving the coordinator as the seed made them.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { generate } from "otplib";
import { checkPage } from "./a11y";
import { demoPassword } from "./demo";

const DEMO_SLUG = "rae-subdistrict-municipality";
const AGENCY = `/admin/agencies/${DEMO_SLUG}`;
const USERS = {
  agency: "agency@demo.ita.local",
  assessor: "assessor@demo.ita.local",
  sysadmin: "sysadmin@demo.ita.local",
  coordinator: "province@demo.ita.local",
};

const check = (page: Page, state: string) => checkPage(page, state);
const submit = (page: Page) => page.locator("main button.button[type=submit]").first();

async function signIn(page: Page, email: string) {
  await page.goto("/admin/login");
  await page.locator('main input[name="email"]').fill(email);
  await page.locator('main input[name="password"]').fill(demoPassword(email));
  await submit(page).click();
  await page.waitForURL((url) => url.pathname !== "/admin/login");
}

/** A browser signed in as `email` (no 2FA yet in this run), for all of that role's pages. */
async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: "th-TH" });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

/** Each path, loaded and checked: [path, state name]. */
async function checkPaths(page: Page, paths: [string, string][]) {
  for (const [path, state] of paths) {
    const response = await page.goto(path);
    expect.soft(response?.status(), `${state}: ${path}`).toBe(200);
    await check(page, state);
  }
}

test("admin pages in Thai, one sign-in per role: axe WCAG 2.1 AA zero violations", async ({ browser }) => {
  test.setTimeout(180_000); // ~35 axe runs; a loaded 2-core machine needs 2-5 s each

  // ── signed out: sign-in, its error, forgotten password ──
  const anonymous = await browser.newContext({ locale: "th-TH" });
  const page = await anonymous.newPage();
  await page.goto("/admin/login");
  await check(page, "admin: sign-in");
  await page.locator('main input[name="email"]').fill("nobody@demo.ita.local");
  await page.locator('main input[name="password"]').fill("wrong-password-123");
  await submit(page).click();
  await expect(page.locator("main [role=alert]").first()).toBeVisible();
  await check(page, "admin: sign-in error");
  await page.goto("/admin/password/forgot");
  await check(page, "admin: forgotten password");
  await anonymous.close();

  // ── the agency admin ──
  const agency = await signedIn(browser, USERS.agency);
  await expect(agency.page).toHaveURL(new RegExp(`${AGENCY}$`));
  await checkPaths(agency.page, [
    [AGENCY, "agency admin: dashboard"],
    [`${AGENCY}/results`, "agency admin: results"],
    [`${AGENCY}/plan`, "agency admin: improvement plan"],
    [`${AGENCY}/plan/print`, "agency admin: plan, print view"],
    [`${AGENCY}/oit`, "agency admin: OIT"],
    ["/admin/account", "agency admin: account"],
  ]);
  await agency.context.close();

  // ── the national assessor ──
  const assessor = await signedIn(browser, USERS.assessor);
  await checkPaths(assessor.page, [
    ["/admin", "assessor: national overview"],
    [AGENCY, "assessor: agency page"],
    [`${AGENCY}/results`, "assessor: results"],
    [`${AGENCY}/eit2`, "assessor: EIT part 2 entry"],
    [`${AGENCY}/oit`, "assessor: OIT scores"],
  ]);
  expect((await assessor.page.goto("/admin/agencies/no-such-agency"))?.status()).toBe(404);
  await check(assessor.page, "assessor: unknown agency (error page)");
  await assessor.context.close();

  // ── 2FA: the province coordinator enrols (a wrong code first), then signs in again ──
  const coordinator = await signedIn(browser, USERS.coordinator);
  await coordinator.page.goto("/admin/2fa/setup");
  await check(coordinator.page, "2FA: enrolment");
  const secret = (await coordinator.page.locator(".totp-secret").textContent())!.trim();
  await coordinator.page.locator('main input[name="code"]').fill("000000");
  await submit(coordinator.page).click();
  await expect(coordinator.page.locator("main [role=alert]").first()).toBeVisible();
  await check(coordinator.page, "2FA: enrolment, wrong code");
  await coordinator.page.locator('main input[name="code"]').fill(await generate({ secret }));
  await submit(coordinator.page).click();
  await expect(coordinator.page.locator(".recovery-codes li")).toHaveCount(10);
  await check(coordinator.page, "2FA: recovery codes");
  await coordinator.context.close();

  const again = await browser.newContext({ locale: "th-TH" });
  const second = await again.newPage();
  await signIn(second, USERS.coordinator);
  await expect(second).toHaveURL(/\/admin\/login\/2fa$/);
  await check(second, "2FA: sign-in step");
  await second.locator('main input[name="code"]').fill("000000");
  await submit(second).click();
  await expect(second.locator("main [role=alert]").first()).toBeVisible();
  await check(second, "2FA: sign-in step, wrong code");
  await again.close();

  // ── the system administrator ──
  const sysadmin = await signedIn(browser, USERS.sysadmin);
  // First, the coordinator's 2FA reset as it was before this spec (other specs may sign in as them).
  await sysadmin.page.goto("/admin/users");
  const reset = sysadmin.page.locator("main tr", { hasText: USERS.coordinator }).getByRole("button", { name: "รีเซ็ต 2FA" });
  await reset.click();
  await expect(reset).toHaveCount(0);
  await check(sysadmin.page, "sysadmin: users (after a 2FA reset)");
  await checkPaths(sysadmin.page, [
    ["/admin/audit", "sysadmin: audit log"],
    ["/admin/cycles", "sysadmin: fiscal years"],
    ["/admin/cycles/2568", "sysadmin: a fiscal year"],
    ["/admin/cycles/new", "sysadmin: new fiscal year"],
    ["/admin/register", "sysadmin: agency register upload"],
    ["/admin/register/agencies", "sysadmin: registered agencies"],
    ["/admin/operations", "sysadmin: operations"],
    ["/admin/account", "sysadmin: account"],
  ]);
  // The change-password form sent empty: the field errors.
  await sysadmin.page.locator('main form:has(input[name="intent"][value="change-password"]) button[type="submit"]').click();
  await expect(sysadmin.page.locator("main [role=alert]").first()).toBeVisible();
  await check(sysadmin.page, "sysadmin: account form error");
  await sysadmin.context.close();
});
