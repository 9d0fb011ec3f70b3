// Admin pages on a phone (issue 20 §3, WCAG 1.4.10 reflow at 320 CSS px): every admin page, as the
// demo system admin, an agency admin, a province coordinator and the national assessor, at 320×640,
// scrolls no sideways (document.documentElement.scrollWidth <= innerWidth) and every table sits in a
// named, focusable scroll region. Plus the daily chart's text alternative and its series told apart
// by pattern, not colour alone. One sign-in per role (its context is reused for all its pages).
// Runs in the "admin" project, after "public" has answered the demo agency's IIT and EIT (the chart
// then has bars), and before admin.spec.ts enrols the agency admin in 2FA.
import { expect, test, type Browser, type ConsoleMessage, type Page } from "@playwright/test";
import { demoCredentials, demoPassword } from "./demo";

const VIEWPORT = { width: 320, height: 640 };

function demoSlug(): string {
  const link = /EIT link \(public\):\s+(\S+)/.exec(demoCredentials());
  if (!link) throw new Error("no EIT link in the e2e demo credentials");
  return new URL(link[1]).pathname.split("/").pop()!;
}

/** What a page measures at 320 px: sideways overflow and every table's region. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const name = (element: Element) => {
      const label = element.getAttribute("aria-label")?.trim();
      if (label) return label;
      const ids = element.getAttribute("aria-labelledby")?.split(/\s+/) ?? [];
      return ids
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
        .join(" ")
        .trim();
    };
    const tables = [...document.querySelectorAll("main table")].map((table) => {
      const region = table.closest('[role="region"]');
      return region && region.getAttribute("tabindex") === "0" ? name(region) : "";
    });
    // The widest elements, to make a failure readable.
    const wide = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5 && !element.closest('[role="region"]'))
      .slice(-3)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)} px)`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, tables, wide };
  });
}

/** Visits each path and returns every problem found ([] when all is well). */
async function checkPages(page: Page, paths: string[]): Promise<string[]> {
  const problems: string[] = [];
  // A page that fails to hydrate (e.g. a component reading a value only a .server file exports).
  const crashed = (error: Error) => problems.push(`${page.url()}: ${error.message}`);
  const logged = (message: ConsoleMessage) => {
    // The browser logs the expected status of a "link no longer works" page (410) as an error.
    if (message.type() === "error" && !/status of 410/.test(message.text())) problems.push(`${page.url()}: console: ${message.text()}`);
  };
  page.on("pageerror", crashed);
  page.on("console", logged);
  for (const path of paths) {
    const response = await page.goto(path);
    await page.waitForLoadState("networkidle");
    const status = response?.status() ?? 0;
    if (status >= 500 || status === 404 || status === 403) problems.push(`${path}: HTTP ${status}`);
    const { scrollWidth, innerWidth, tables, wide } = await measure(page);
    if (scrollWidth > innerWidth) problems.push(`${path}: scrolls sideways, ${scrollWidth} px > ${innerWidth} px (${wide.join(", ")})`);
    tables.forEach((regionName, index) => {
      if (!regionName) problems.push(`${path}: table ${index + 1} is not in a named, focusable region`);
    });
  }
  page.off("pageerror", crashed);
  page.off("console", logged);
  return problems;
}

/** A phone-sized context signed in through the form (demo: 2FA off). */
async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto("/admin/login");
  const main = page.locator("main");
  await main.getByLabel("อีเมล").fill(email);
  await main.getByLabel("รหัสผ่าน").fill(demoPassword(email));
  await main.getByRole("button", { name: "เข้าสู่ระบบ" }).click();
  await expect(page).not.toHaveURL(/\/admin\/login/);
  return page;
}

test("signed-out admin pages reflow at 320 px", async ({ browser }) => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const dead = "x".repeat(30); // a well-formed but unknown token: the "link no longer works" pages
  expect(await checkPages(page, ["/admin/login", "/admin/password/forgot", `/admin/invite/${dead}`, `/admin/password/${dead}`])).toEqual([]);
  // A rejected sign-in (the error state) reflows too, and…
  await page.goto("/admin/login");
  await page.locator("main").getByLabel("อีเมล").fill("nobody@demo.ita.local");
  await page.locator("main").getByLabel("รหัสผ่าน").fill("wrong-password-123");
  await page.locator("main").getByRole("button", { name: "เข้าสู่ระบบ" }).click();
  await expect(page.locator("main").getByRole("alert")).toBeVisible();
  // …its title says so and focus is on the message (WCAG 2.4.2, 3.3.1).
  await expect(page).toHaveTitle(/^ข้อผิดพลาด: /);
  await expect(page.locator("main").getByRole("alert")).toBeFocused();
  expect((await measure(page)).scrollWidth).toBeLessThanOrEqual(VIEWPORT.width);
  await context.close();
});

test("the system administrator's pages reflow at 320 px", async ({ browser }) => {
  const page = await signedIn(browser, "sysadmin@demo.ita.local");
  await page.goto("/admin/cycles");
  const year = await page.locator('main a[href^="/admin/cycles/2"]').first().getAttribute("href");
  expect(year).toMatch(/^\/admin\/cycles\/\d{4}$/);
  const pages = ["/admin", "/admin/users", "/admin/audit", "/admin/operations", "/admin/cycles", "/admin/cycles/new", year!];
  pages.push("/admin/register", "/admin/register/agencies", "/admin/account", "/admin/2fa/setup");
  expect(await checkPages(page, pages)).toEqual([]);
  // The TOTP secret wraps instead of widening the page (checked above); it is still all there.
  await page.goto("/admin/2fa/setup");
  await expect(page.locator(".totp-secret")).toHaveText(/^[A-Z2-7 ]{16,}$/);
  await page.context().close();
});

test("an agency admin's pages reflow at 320 px, and the daily chart has its numbers as a table", async ({ browser }) => {
  const slug = demoSlug();
  const page = await signedIn(browser, "agency@demo.ita.local");
  const agency = `/admin/agencies/${slug}`;
  const pages = ["/admin", agency, `${agency}/plan`, `${agency}/plan/print`, `${agency}/poster`, `${agency}/oit`, `${agency}/results`, "/admin/account"];
  expect(await checkPages(page, pages)).toEqual([]);

  // The daily chart (the "public" project answered the IIT and the EIT today): a named picture, a
  // legend, and the same numbers in a table behind a <details>, per day and series.
  await page.goto(agency);
  const chart = page.locator("figure.daily-chart-figure");
  await expect(chart.locator('svg[role="img"]')).toHaveAttribute("aria-label", "จำนวนคำตอบรายวัน");
  await expect(chart.locator(".chart-legend li")).toHaveText(["IIT (บุคลากรภายใน)", "EIT ส่วนที่ 1 (ผู้รับบริการ)", "EIT ส่วนที่ 2 (ผู้มีส่วนได้ส่วนเสียสำคัญ)"]);
  await chart.getByText("ดูตัวเลขรายวันเป็นตาราง").click();
  const table = chart.getByRole("region", { name: "จำนวนคำตอบรายวัน" }).getByRole("table");
  await expect(table.locator("thead th")).toHaveText(["วันที่", "IIT (บุคลากรภายใน)", "EIT ส่วนที่ 1 (ผู้รับบริการ)", "EIT ส่วนที่ 2 (ผู้มีส่วนได้ส่วนเสียสำคัญ)", "รวม"]);
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => Number(td.textContent))));
  expect(rows.length).toBeGreaterThan(0);
  for (const [iit, eit1, eit2, total] of rows) expect(iit + eit1 + eit2).toBe(total);
  expect(rows.reduce((sum, row) => sum + row[3], 0)).toBeGreaterThan(0);
  // Each series has its own pattern (solid, hatched, dotted), not only its own colour.
  const patterns = await chart
    .locator("svg.daily-chart pattern")
    .evaluateAll((nodes) => nodes.map((node) => [...node.children].map((child) => child.tagName).join("+")));
  expect(new Set(patterns).size).toBe(3);
  await page.context().close();
});

test("a province coordinator's and the national assessor's pages reflow at 320 px", async ({ browser }) => {
  const slug = demoSlug();
  const coordinator = await signedIn(browser, "province@demo.ita.local");
  expect(await checkPages(coordinator, ["/admin", "/admin/users", `/admin/agencies/${slug}`, `/admin/agencies/${slug}/results`])).toEqual([]);
  await coordinator.context().close();
  const assessor = await signedIn(browser, "assessor@demo.ita.local");
  expect(await checkPages(assessor, ["/admin", `/admin/agencies/${slug}/eit2`, `/admin/agencies/${slug}/oit`, `/admin/agencies/${slug}/results`])).toEqual([]);
  await assessor.context().close();
});
