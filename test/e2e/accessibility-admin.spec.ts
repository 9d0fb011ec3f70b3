// Issue 20 §3 for the admin pages: every admin page state, in Thai and in English, passes axe-core
// (WCAG 2.0/2.1 A and AA, zero violations) and reflows at 320 CSS px (1.4.10: no sideways scroll,
// every table in a named, focusable scroll region), both checked on one load at 320×640 (decision
// 027): each state is visited once per language. One browser context per role, signed in once; the
// language is switched inside it through the page's own /language form (a cookie), so English costs
// no second sign-in. The states, each in both languages:
// - signed out: the sign-in page and its error (titled "ข้อผิดพลาด:" / "Error:", focus on the
//   message), the forgotten password, a dead invite link and a dead password link;
// - the agency admin: dashboard (with the daily chart's table open), results, plan, its print view,
//   the counter poster, OIT, account; the daily chart's text alternative and its patterns;
// - the national assessor: overview, the demo agency's page, results, EIT part 2 entry, OIT, an
//   unknown agency (the admin 404 page);
// - the province coordinator: overview, users, the demo agency's page and results; 2FA enrolment,
//   its wrong code, the recovery codes, the 2FA step of a sign-in and its wrong code;
// - the system administrator: overview, users (after a 2FA reset), audit, operations, fiscal years
//   (list, one, new), register (upload, agencies), account and its form error, 2FA enrolment.
// Any page error or console error on the way fails the role's test (a page that does not hydrate).
//
// Ordering (the "admin" project, files alphabetically): after "public" has answered the demo
// agency's IIT and EIT (the daily chart has bars), and before admin.spec.ts enrols the agency admin
// in 2FA (this spec signs the agency admin in with a password only). It changes nothing the other
// specs read: the coordinator enrols 2FA twice (once per language) and the system administrator
// resets it after each, leaving the coordinator as the seed made them.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { generate } from "otplib";
import { axeInEveryPage, checkPage, REFLOW_WIDTH, watchErrors } from "./a11y";
import { demoPassword } from "./demo";

type Lang = "th" | "en";

const DEMO_SLUG = "rae-subdistrict-municipality";
const AGENCY = `/admin/agencies/${DEMO_SLUG}`;
const YEAR = "/admin/cycles/2568"; // the demo seed's collecting year
const DEAD = "x".repeat(30); // a well-formed but unknown token: the "link no longer works" pages
const USERS = {
  agency: "agency@demo.ita.local",
  assessor: "assessor@demo.ita.local",
  sysadmin: "sysadmin@demo.ita.local",
  coordinator: "province@demo.ita.local",
};

/** The words the checks below look for, as each language shows them. */
const TEXT = {
  th: {
    errorTitle: /^ข้อผิดพลาด: /,
    reset2fa: "รีเซ็ต 2FA",
    chart: "จำนวนคำตอบรายวัน",
    chartTable: "ดูตัวเลขรายวันเป็นตาราง",
    series: ["IIT (บุคลากรภายใน)", "EIT ส่วนที่ 1 (ผู้รับบริการ)", "EIT ส่วนที่ 2 (ผู้มีส่วนได้ส่วนเสียสำคัญ)"],
    day: "วันที่",
    total: "รวม",
  },
  en: {
    errorTitle: /^Error: /,
    reset2fa: "Reset 2FA",
    chart: "Responses per day",
    chartTable: "Show the daily figures as a table",
    series: ["IIT (staff)", "EIT part 1 (service users)", "EIT part 2 (key stakeholders)"],
    day: "Day",
    total: "Total",
  },
} as const;

/** axe, no sideways scroll at 320 px, tables in their regions: all on this one load. */
const check = (page: Page, lang: Lang, state: string) => checkPage(page, `${state} [${lang}]`, { reflow: true, tableRegions: true });
const submit = (page: Page) => page.locator("main button.button[type=submit]").first();

/** A phone-sized browser (the reflow width), Thai as the server's default. */
async function phoneContext(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: "th-TH", viewport: { width: REFLOW_WIDTH, height: 640 } });
  await axeInEveryPage(context);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

async function signIn(page: Page, email: string) {
  await page.goto("/admin/login");
  await page.locator('main input[name="email"]').fill(email);
  await page.locator('main input[name="password"]').fill(demoPassword(email));
  await submit(page).click();
  await page.waitForURL((url) => url.pathname !== "/admin/login");
}

/** Through the page's own switch (a POST to /language that comes back to this page). */
async function switchTo(page: Page, lang: Lang) {
  await page.locator(".language-switch button").click();
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

/**
 * One page state: loaded from `path` (answering `status`, 200 unless said), `before` the check
 * (e.g. opening a <details>), checked, then `after` (e.g. a form's error state, checked there).
 */
type Visit = {
  path: string;
  state: string;
  status?: number;
  before?: (page: Page, lang: Lang) => Promise<void>;
  after?: (page: Page, lang: Lang) => Promise<void>;
};

/**
 * Each visit in turn, each from a full page load (a page reached by a client-side navigation, e.g.
 * a sign-in's redirect, may not have rendered yet when its URL changes).
 */
async function visit(page: Page, lang: Lang, visits: Visit[], { startHere = false } = {}) {
  const here = startHere ? visits.findIndex(({ path }) => path === new URL(page.url()).pathname) : -1;
  const order = here >= 0 ? [visits[here], ...visits.filter((_, index) => index !== here)] : visits;
  for (const [index, { path, state, status = 200, before, after }] of order.entries()) {
    if (index > 0 || here < 0) expect.soft((await page.goto(path))?.status(), `${state} [${lang}]: ${path}`).toBe(status);
    // 2.4.2: the error page's title says it is one, in the page's language. (A dead link's 410 is
    // a page of its own, with its own title.)
    if (status === 404) await expect.soft(page, `${state} [${lang}]`).toHaveTitle(TEXT[lang].errorTitle);
    // 3.1.1 / 2.4.2: the title is in the page's language (the dead-link pages had English-only titles).
    const title = await page.title();
    expect.soft(/[\u0E00-\u0E7F]/.test(title), `${state} [${lang}]: title "${title}" in the page's language`).toBe(lang === "th");
    await before?.(page, lang);
    await check(page, lang, state);
    await after?.(page, lang);
  }
}

/**
 * The language switched on the page the browser is on (a full reload of it), then each visit;
 * that page, if it is one of them, goes first and is not loaded a second time.
 */
async function switchAndVisit(page: Page, lang: Lang, visits: Visit[]) {
  await switchTo(page, lang);
  await visit(page, lang, visits, { startHere: true });
}

/** The form's alert is shown and focused, and the page's title says it is an error (3.3.1, 2.4.2). */
async function expectFormError(page: Page, lang: Lang) {
  const alert = page.locator("main [role=alert]").first();
  await expect(alert).toBeVisible();
  await expect(alert).toBeFocused();
  await expect(page).toHaveTitle(TEXT[lang].errorTitle);
}

test("signed-out admin pages in Thai and English: axe zero violations and reflow at 320 px", async ({ browser }) => {
  const { context, page, errors } = await phoneContext(browser);
  const signInError = async (page: Page, lang: Lang) => {
    await page.locator('main input[name="email"]').fill("nobody@demo.ita.local");
    await page.locator('main input[name="password"]').fill("wrong-password-123");
    await submit(page).click();
    await expectFormError(page, lang);
    await check(page, lang, "sign-in error");
  };
  const visits: Visit[] = [
    { path: "/admin/login", state: "sign-in", after: signInError },
    { path: "/admin/password/forgot", state: "forgotten password" },
    { path: `/admin/invite/${DEAD}`, state: "a dead invite link", status: 410 },
    { path: `/admin/password/${DEAD}`, state: "a dead password link", status: 410 },
  ];
  await visit(page, "th", visits);
  await switchAndVisit(page, "en", visits);
  expect(errors).toEqual([]);
  await context.close();
});

test("the agency admin's pages in Thai and English, and the daily chart's numbers as a table", async ({ browser }) => {
  const { context, page, errors } = await phoneContext(browser);
  // The dashboard's daily chart ("public" answered the IIT and the EIT today): a named picture, a
  // legend, and the same numbers in a table behind a <details>, per day and series; each series
  // has its own pattern (solid, hatched, dotted), not only its own colour (1.1.1, 1.4.1). Checked
  // with the table open.
  const dailyChart = async (page: Page, lang: Lang) => {
    const text = TEXT[lang];
    const chart = page.locator("figure.daily-chart-figure");
    await expect(chart.locator('svg[role="img"]')).toHaveAttribute("aria-label", text.chart);
    await expect(chart.locator(".chart-legend li")).toHaveText([...text.series]);
    await chart.getByText(text.chartTable).click();
    const table = chart.getByRole("region", { name: text.chart }).getByRole("table");
    await expect(table.locator("thead th")).toHaveText([text.day, ...text.series, text.total]);
    const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => Number(td.textContent))));
    expect(rows.length).toBeGreaterThan(0);
    for (const [iit, eit1, eit2, total] of rows) expect(iit + eit1 + eit2).toBe(total);
    expect(rows.reduce((sum, row) => sum + row[3], 0)).toBeGreaterThan(0);
    const patterns = await chart
      .locator("svg.daily-chart pattern")
      .evaluateAll((nodes) => nodes.map((node) => [...node.children].map((child) => child.tagName).join("+")));
    expect(new Set(patterns).size).toBe(3);
  };
  const visits: Visit[] = [
    { path: AGENCY, state: "agency admin: dashboard, the daily chart's table open", before: dailyChart },
    { path: `${AGENCY}/results`, state: "agency admin: results" },
    { path: `${AGENCY}/plan`, state: "agency admin: improvement plan" },
    { path: `${AGENCY}/plan/print`, state: "agency admin: plan, print view" },
    { path: `${AGENCY}/poster`, state: "agency admin: counter poster" },
    { path: `${AGENCY}/oit`, state: "agency admin: OIT" },
    { path: "/admin/account", state: "agency admin: account" },
  ];
  await signIn(page, USERS.agency);
  await expect(page).toHaveURL(new RegExp(`${AGENCY}$`)); // "/admin" sends an agency admin here
  await visit(page, "th", visits);
  await switchAndVisit(page, "en", visits);
  expect(errors).toEqual([]);
  await context.close();
});

test("the national assessor's pages in Thai and English, and the admin 404", async ({ browser }) => {
  const { context, page, errors } = await phoneContext(browser);
  const visits: Visit[] = [
    { path: "/admin", state: "assessor: national overview" },
    { path: AGENCY, state: "assessor: agency page" },
    { path: `${AGENCY}/results`, state: "assessor: results" },
    { path: `${AGENCY}/eit2`, state: "assessor: EIT part 2 entry" },
    { path: `${AGENCY}/oit`, state: "assessor: OIT scores" },
    { path: "/admin/agencies/no-such-agency", state: "assessor: unknown agency (error page)", status: 404 },
  ];
  await signIn(page, USERS.assessor);
  await visit(page, "th", visits);
  await switchAndVisit(page, "en", visits); // on the 404 page: the switch works there too
  expect(errors).toEqual([]);
  await context.close();
});

test("2FA states, the province coordinator's and the system administrator's pages, in Thai and English", async ({ browser }) => {
  test.setTimeout(120_000);
  const sysadmin = await phoneContext(browser);
  const coordinator = await phoneContext(browser);

  /** The system administrator resets the coordinator's 2FA (as the seed had it) on the users page. */
  const resetCoordinator = async (lang: Lang) => {
    const page = sysadmin.page;
    await page.goto("/admin/users");
    const reset = page.locator("main tr", { hasText: USERS.coordinator }).getByRole("button", { name: TEXT[lang].reset2fa });
    await reset.click();
    await expect(reset).toHaveCount(0);
    await check(page, lang, "sysadmin: users (after a 2FA reset)");
  };
  /** Enrolment as the coordinator meets it: the page, a wrong code, then the recovery codes. */
  const enrol = async (lang: Lang) => {
    const page = coordinator.page;
    await page.goto("/admin/2fa/setup");
    // The secret wraps at 320 px instead of widening the page (the check); it is still all there.
    const secret = (await page.locator(".totp-secret").textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7 ]{16,}$/);
    await check(page, lang, "2FA: enrolment");
    await page.locator('main input[name="code"]').fill("000000");
    await submit(page).click();
    await expectFormError(page, lang);
    await check(page, lang, "2FA: enrolment, wrong code");
    await page.locator('main input[name="code"]').fill(await generate({ secret: secret.replace(/\s/g, "") }));
    await submit(page).click();
    await expect(page.locator(".recovery-codes li")).toHaveCount(10);
    await check(page, lang, "2FA: recovery codes");
    return page.locator(".recovery-codes li").allTextContents();
  };
  const coordinatorVisits: Visit[] = [
    { path: "/admin", state: "coordinator: province overview" },
    { path: "/admin/users", state: "coordinator: users" },
    { path: AGENCY, state: "coordinator: agency page" },
    { path: `${AGENCY}/results`, state: "coordinator: results" },
  ];
  const accountError = async (page: Page, lang: Lang) => {
    // The change-password form sent empty: the field errors.
    await page.locator('main form:has(input[name="intent"][value="change-password"]) button[type="submit"]').click();
    await expectFormError(page, lang);
    await check(page, lang, "sysadmin: account form error");
  };
  const sysadminVisits: Visit[] = [
    { path: "/admin", state: "sysadmin: national overview" },
    { path: "/admin/audit", state: "sysadmin: audit log" },
    { path: "/admin/operations", state: "sysadmin: operations" },
    { path: "/admin/cycles", state: "sysadmin: fiscal years" },
    { path: YEAR, state: "sysadmin: a fiscal year" },
    { path: "/admin/cycles/new", state: "sysadmin: new fiscal year" },
    { path: "/admin/register", state: "sysadmin: agency register upload" },
    { path: "/admin/register/agencies", state: "sysadmin: registered agencies" },
    { path: "/admin/account", state: "sysadmin: account", after: accountError },
  ];

  // ── Thai: the coordinator's pages and enrolment ──
  await signIn(coordinator.page, USERS.coordinator);
  await visit(coordinator.page, "th", coordinatorVisits);
  const recoveryCodes = await enrol("th");

  // ── the 2FA step of a new sign-in, in Thai then English, finished with a recovery code (the
  // TOTP code enrolment just used would be a replay) ──
  const second = await phoneContext(browser);
  await signIn(second.page, USERS.coordinator);
  await expect(second.page).toHaveURL(/\/admin\/login\/2fa$/);
  await expect(second.page.locator('main input[name="code"]')).toBeVisible(); // rendered, not only routed
  for (const lang of ["th", "en"] as const) {
    if (lang === "en") await switchTo(second.page, "en");
    await check(second.page, lang, "2FA: sign-in step");
    await second.page.locator('main input[name="code"]').fill("000000");
    await submit(second.page).click();
    await expectFormError(second.page, lang);
    await check(second.page, lang, "2FA: sign-in step, wrong code");
  }
  await second.page.locator('main input[name="code"]').fill(recoveryCodes[0].trim());
  await submit(second.page).click();
  await expect(second.page).not.toHaveURL(/\/admin\/login/);
  expect(second.errors).toEqual([]);
  await second.context.close();

  // ── the system administrator in Thai, then English (switched on the account page) ──
  await signIn(sysadmin.page, USERS.sysadmin);
  await resetCoordinator("th");
  await visit(sysadmin.page, "th", sysadminVisits);
  await switchAndVisit(sysadmin.page, "en", sysadminVisits);

  // ── English: the coordinator (signed out by the reset) signs in again and enrols; reset after ──
  await coordinator.page.goto("/admin/login");
  await switchTo(coordinator.page, "en");
  await signIn(coordinator.page, USERS.coordinator);
  await visit(coordinator.page, "en", coordinatorVisits);
  await enrol("en");
  await resetCoordinator("en");

  expect(coordinator.errors).toEqual([]);
  expect(sysadmin.errors).toEqual([]);
  await coordinator.context.close();
  await sysadmin.context.close();
});
