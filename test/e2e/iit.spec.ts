// IIT end to end on a phone-sized screen, in Thai: the demo agency's code typed sloppily, the
// eligibility screen, all answer keys, the thank-you page, and the tally moved by exactly one —
// with JavaScript on and off. Screenshots of every step land in test/e2e/screenshots/ (git-ignored).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { demoIitCode, e2eDatabaseFile } from "./demo";

// The file playwright.config.ts gives the e2e server (one per port), freshly seeded for this run.
const DB_FILE = e2eDatabaseFile;
const SHOTS = path.resolve("test/e2e/screenshots");
const DEMO_SLUG = "rae-subdistrict-municipality";
const DEMO_NAME = "เทศบาลตำบลแร่";
const PHONE = { width: 360, height: 740 };

test.use({ viewport: PHONE });

/** The demo IIT code the seed printed for this server. */
const demoCode = demoIitCode;

/** The demo agency's IIT tally and response rows, read straight from the server's SQLite file. */
function demoIit() {
  const db = new Database(DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        // The current fiscal year's: the demo also has a published past year (2567).
        `SELECT t."responses" AS tally, ac."internalPopulation" AS population,
                (SELECT COUNT(*) FROM "Response" r WHERE r."agencyId" = a."id" AND r."cycleId" = c."id" AND r."instrument" = 'iit') AS rows
         FROM "Agency" a
         JOIN "Cycle" c ON c."fiscalYear" = (SELECT MAX("fiscalYear") FROM "Cycle")
         JOIN "ResponseTally" t ON t."agencyId" = a."id" AND t."cycleId" = c."id" AND t."instrument" = 'iit'
         JOIN "AgencyCycle" ac ON ac."agencyId" = a."id" AND ac."cycleId" = c."id"
         WHERE a."slug" = ?`,
      )
      .get(DEMO_SLUG) as { tally: number; population: number; rows: number };
  } finally {
    db.close();
  }
}

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `iit-${name}.png`), fullPage: true });
}

/** Nothing may scroll sideways on a 360-px phone. */
async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

/** Code page → eligibility → the survey page, as a staff member would type it. */
async function startSurvey(page: Page, prefix: string) {
  const code = demoCode();
  await page.goto("/iit");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("IIT");
  await expectNoSidewaysScroll(page);
  await shot(page, `${prefix}1-code`);

  // Lower case, spaces instead of the dash, stray spaces around it.
  const [left, right] = code.toLowerCase().split("-");
  await page.getByLabel("รหัสของหน่วยงาน").fill(`  ${left}  ${right} `);
  await shot(page, `${prefix}2-code-typed`);
  await page.getByRole("button", { name: "เริ่มตอบแบบวัด" }).click();
  await page.waitForURL(/\/iit\/eligibility$/);
  expect(page.url().toUpperCase()).not.toContain(code.replace("-", ""));

  await expect(page.getByText(`หน่วยงาน: ${DEMO_NAME}`)).toBeVisible();
  await expectNoSidewaysScroll(page);
  await shot(page, `${prefix}3-eligibility`);
  await page.locator("#screening-position label.choice", { has: page.locator('input[value="staff"]') }).click();
  await page.locator("#screening-tenure label.choice", { has: page.locator('input[value="yes"]') }).click();
  await expect(page.locator('#screening-tenure input[value="yes"]')).toBeChecked();
  await page.getByRole("button", { name: "ถัดไป" }).click();
  await page.waitForURL(/\/iit\/survey$/);
  await expect(page.getByText(`หน่วยงาน: ${DEMO_NAME}`)).toBeVisible();
  await expectNoSidewaysScroll(page);
  await shot(page, `${prefix}4-survey`);
}

/** Click one option's label in every radio group of the survey, except the groups in `skip`. */
async function answerAll(page: Page, skip: string[] = []) {
  const groups = page.locator("form.survey-form fieldset.choice-group");
  const count = await groups.count();
  expect(count).toBe(23); // 15 items, 23 answer keys (sub-items of i1, i3, i4, i6, i15)
  let answered = 0;
  for (let i = 0; i < count; i++) {
    const group = groups.nth(i);
    if (skip.includes((await group.getAttribute("id")) ?? "")) continue;
    const labels = group.locator("label.choice");
    const option = labels.nth(i % (await labels.count()));
    await option.click();
    await expect(option.locator('input[type="radio"]')).toBeChecked();
    answered++;
  }
  return { count, answered };
}

async function submitAndSeeThanks(page: Page, prefix: string) {
  await page.getByRole("button", { name: "ส่งคำตอบ" }).click();
  await page.waitForURL(/\/iit\/thanks$/);
  await expect(page.getByRole("heading", { level: 1, name: "ขอบคุณที่ตอบแบบวัด" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await shot(page, `${prefix}6-thanks`);
}

test("a staff member answers the IIT on a 360-px phone: sloppy code, eligibility, all items, thanks; tally +1", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const before = demoIit();
  expect(before.population).toBe(45);
  expect(before.tally).toBeLessThan(before.population);

  await startSurvey(page, "");
  const { count } = await answerAll(page);
  await expect(page.locator(".progress")).toContainText(`ตอบแล้ว ${count} จาก ${count} ข้อ`);
  await shot(page, "5-answered");
  await submitAndSeeThanks(page, "");

  const after = demoIit();
  expect(after.tally).toBe(before.tally + 1);
  expect(after.rows).toBe(before.rows + 1);
  expect(errors).toEqual([]);
});

test("the same with JavaScript off", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: "th-TH" });
  const page = await context.newPage();
  const before = demoIit();

  await startSurvey(page, "nojs-");
  await answerAll(page);
  await shot(page, "nojs-5-answered");
  await submitAndSeeThanks(page, "nojs-");

  const after = demoIit();
  expect(after.tally).toBe(before.tally + 1);
  expect(after.rows).toBe(before.rows + 1);
  await context.close();
});

test("one item unanswered → an error summary that links to it, nothing stored, the other answers kept", async ({ page }) => {
  const before = demoIit();
  await startSurvey(page, "missing-");
  const missing = "answer-i7";
  const { count, answered } = await answerAll(page, [missing]);
  expect(answered).toBe(count - 1);
  await page.getByRole("button", { name: "ส่งคำตอบ" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "กรุณาตรวจสอบคำตอบ" });
  await expect(summary).toBeVisible();
  const links = summary.getByRole("link");
  await expect(links).toHaveCount(1);
  await expect(links.first()).toHaveAttribute("href", `#${missing}`);
  // The question as the respondent sees it (its number and words), not its code (issue 20 §3).
  await expect(links.first()).toHaveText(/^ข้อ 7 “.+” ยังไม่ได้ตอบ$/);
  await expect(page.locator(`#${missing}`)).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/iit\/survey$/);
  await expectNoSidewaysScroll(page);
  await shot(page, "missing-5-error-summary");
  expect(demoIit()).toEqual(before);

  // The link takes the person to the item; the other answers are still there.
  await links.first().click();
  await expect(page).toHaveURL(new RegExp(`#${missing}$`));
  await expect(page.locator('form.survey-form input[type="radio"]:checked')).toHaveCount(count - 1);
  await page.locator(`#${missing} label.choice`).first().click();
  await submitAndSeeThanks(page, "missing-");
  expect(demoIit().tally).toBe(before.tally + 1);
});
