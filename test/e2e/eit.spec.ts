// EIT part 1 end to end on a phone-sized screen, in Thai (issue 4): the QR link of the demo
// agency's registered service counter (seeded; its link carries only the counter's opaque id), the PDPA
// notice, a phone number, the code read from the dev outbox in a second tab (as a person reads an
// SMS), eligibility, the 9 items, thanks — then the same number spelled differently → "already
// answered" after the code. The response is counted for that counter in CounterTally (never on the
// response row); a free tag such as ?c=front-desk is ignored. Screenshots of every step land in test/e2e/screenshots/ (git-ignored).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { demoCounter, e2eDatabaseFile } from "./demo";

const SHOTS = path.resolve("test/e2e/screenshots");
const DEMO_SLUG = "rae-subdistrict-municipality";
const DEMO_NAME = "เทศบาลตำบลแร่";
const PHONE = { width: 360, height: 740 };
const MASKED = "081-xxx-5678";
// The counter the demo seed registered ("เคาน์เตอร์ 1 / Front desk"): its poster's QR link. Read when
// a test runs (the server's seed writes it), not when the file is loaded.
const counterId = () => demoCounter().id;

test.use({ viewport: PHONE });

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `eit-${name}.png`), fullPage: true });
}

async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

/**
 * The demo agency's EIT-1 rows, tally and markers, the seeded counter's count (CounterTally, all
 * cycles) and every counter count of the agency, read straight from the server's SQLite file.
 */
function demoEit() {
  const db = new Database(e2eDatabaseFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        // The current fiscal year's tally and rows: the demo also has a published past year (2567).
        `SELECT t."responses" AS tally,
                (SELECT COUNT(*) FROM "Response" r WHERE r."agencyId" = a."id" AND r."cycleId" = c."id" AND r."instrument" = 'eit1') AS rows,
                (SELECT COALESCE(SUM(ct."responses"), 0) FROM "CounterTally" ct WHERE ct."counterId" = ?) AS counter,
                (SELECT COALESCE(SUM(ct."responses"), 0) FROM "CounterTally" ct JOIN "ServiceCounter" sc ON sc."id" = ct."counterId"
                  WHERE sc."agencyId" = a."id") AS allCounters,
                (SELECT COUNT(*) FROM "EitContactMarker" m WHERE m."agencyId" = a."id") AS markers
         FROM "Agency" a
         JOIN "Cycle" c ON c."fiscalYear" = (SELECT MAX("fiscalYear") FROM "Cycle")
         JOIN "ResponseTally" t ON t."agencyId" = a."id" AND t."cycleId" = c."id" AND t."instrument" = 'eit1'
         WHERE a."slug" = ?`,
      )
      .get(counterId(), DEMO_SLUG) as { tally: number; rows: number; counter: number; allCounters: number; markers: number };
  } finally {
    db.close();
  }
}

/** The ita_counter cookie this browser holds (set by the landing page for a live counter only). */
async function counterCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === "ita_counter");
}

/** The outbox entries for our number, newest first, as the second tab shows them. */
async function outboxCodes(outbox: Page): Promise<string[]> {
  await outbox.goto("/dev/outbox");
  await expect(outbox.getByRole("heading", { level: 1 })).toContainText("Dev outbox");
  const entries = outbox.locator("ol.outbox li").filter({ has: outbox.locator("strong", { hasText: MASKED }) });
  const texts = await entries.locator(".outbox-text").allTextContents();
  return texts.map((text) => text.match(/^(\d{6})\b/)?.[1] ?? "").filter(Boolean);
}

/** Wait until a new message for our number is in the outbox; return its code (the newest). */
async function newCode(outbox: Page, seenBefore: number): Promise<string> {
  let codes: string[] = [];
  await expect
    .poll(
      async () => {
        codes = await outboxCodes(outbox);
        return codes.length;
      },
      { timeout: 5000 },
    )
    .toBeGreaterThan(seenBefore);
  return codes[0];
}

async function requestCode(page: Page, spelling: string, step: string) {
  await page.goto(`/e/${DEMO_SLUG}?c=${counterId()}`);
  await expect(page.locator(".agency-name")).toHaveText(DEMO_NAME);
  await expect(page.getByRole("heading", { name: "ประกาศความเป็นส่วนตัว" })).toBeVisible();
  await expect(page.locator(".pdpa")).toContainText("ระบบไม่เก็บหมายเลขของท่าน");
  // The counter travels in its own cookie, not in the form; the form carries the signed token.
  await expect(page.locator('input[name="counter"]')).toHaveCount(0);
  await expect(page.locator('input[name="formToken"]')).toHaveValue(/\S/);
  const cookie = await counterCookie(page.context());
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  expect(cookie?.path).toBe("/e/");
  await expectNoSidewaysScroll(page);
  await shot(page, `${step}-landing`);
  await page.getByLabel("หมายเลขโทรศัพท์มือถือ").fill(spelling);
  await shot(page, `${step}-number`);
  await page.getByRole("button", { name: "ขอรหัส OTP" }).click();
  await page.waitForURL(new RegExp(`/e/${DEMO_SLUG}/verify$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("กรอกรหัส OTP");
  expect(page.url()).not.toContain("812345678");
  await expectNoSidewaysScroll(page);
  await shot(page, `${step}-verify`);
}

async function readCodeInSecondTab(context: BrowserContext, seenBefore: number, step: string) {
  const outbox = await context.newPage();
  const code = await newCode(outbox, seenBefore);
  expect(code).toMatch(/^\d{6}$/);
  await shot(outbox, `${step}-outbox`);
  await outbox.close();
  return code;
}

test("a citizen answers EIT part 1 on a 360-px phone, then the same number in another spelling is 'already answered'", async ({ page, context }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const before = demoEit();
  const probe = await context.newPage();
  const seen = (await outboxCodes(probe)).length;
  await probe.close();

  // 1. The counter QR link: agency name and PDPA notice first; the number in its common spelling.
  await requestCode(page, "081-234-5678", "1");

  // 2. The code arrives "by SMS": the dev outbox in a second tab.
  const code = await readCodeInSecondTab(context, seen, "1");
  await page.getByLabel("รหัส OTP 6 หลัก").fill(code);
  await shot(page, "1-code-typed");
  await page.getByRole("button", { name: "ยืนยัน" }).click();

  // 3. Eligibility.
  await page.waitForURL(new RegExp(`/e/${DEMO_SLUG}/eligibility$`));
  await expect(page.getByText(`หน่วยงาน: ${DEMO_NAME}`)).toBeVisible();
  await expectNoSidewaysScroll(page);
  await shot(page, "2-eligibility");
  await page.locator("#screening-respondent-type label.choice", { hasText: /^บุคคล$/ }).click();
  await page.locator("#screening-dealt-in-year label.choice", { hasText: /^ใช่$/ }).click();
  await expect(page.locator('#screening-dealt-in-year input[value="yes"]')).toBeChecked();
  await page.getByRole("button", { name: "ถัดไป" }).click();

  // 4. The 9 items (12 answer keys: e1 and e3 have sub-items), by clicking the option labels.
  await page.waitForURL(new RegExp(`/e/${DEMO_SLUG}/survey$`));
  await expectNoSidewaysScroll(page);
  await shot(page, "3-survey");
  const groups = page.locator("form.survey-form fieldset.choice-group");
  await expect(groups).toHaveCount(12);
  const items = new Set<string>();
  for (let i = 0; i < 12; i++) {
    const group = groups.nth(i);
    items.add(((await group.getAttribute("id")) ?? "").replace(/^answer-(e\d+).*$/, "$1"));
    const labels = group.locator("label.choice");
    const option = labels.nth(i % (await labels.count()));
    await option.click();
    await expect(option.locator('input[type="radio"]')).toBeChecked();
  }
  expect([...items].sort()).toEqual(["e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9"]);
  await expect(page.locator(".progress")).toContainText("ตอบแล้ว 12 จาก 12 ข้อ");
  await shot(page, "4-answered");
  await page.getByRole("button", { name: "ส่งคำตอบ" }).click();

  // 5. Thanks, exactly one more row, and one more for the counter scanned — in CounterTally.
  await page.waitForURL(new RegExp(`/e/${DEMO_SLUG}/thanks$`));
  await expect(page.getByRole("heading", { level: 1, name: "ขอบคุณที่ตอบแบบวัด" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await shot(page, "5-thanks");
  const after = demoEit();
  expect(after.rows).toBe(before.rows + 1);
  expect(after.tally).toBe(before.tally + 1);
  expect(after.counter).toBe(before.counter + 1);
  expect(after.allCounters).toBe(before.allCounters + 1);
  expect(await counterCookie(context)).toBeUndefined(); // counted once: the submit drops the cookie
  expect(after.markers).toBe(before.markers + 1);

  // 6. The same number spelled "+66 81 234 5678": a code is sent as for anyone (no enumeration)…
  await requestCode(page, "+66 81 234 5678", "6");
  const second = await readCodeInSecondTab(context, seen + 1, "6");
  await page.getByLabel("รหัส OTP 6 หลัก").fill(second);
  await page.getByRole("button", { name: "ยืนยัน" }).click();
  // …and only after the right code: "already answered".
  await expect(page.getByRole("status")).toContainText("หมายเลขนี้ได้ตอบแบบวัด EIT ของหน่วยงานนี้ในปีงบประมาณนี้แล้ว");
  await expect(page).toHaveURL(new RegExp(`/e/${DEMO_SLUG}/verify$`));
  await expectNoSidewaysScroll(page);
  await shot(page, "7-already-answered");
  expect(demoEit()).toEqual(after);
  // The 409 of "already answered" is the only failed request the browser reports.
  expect(errors.filter((e) => !e.includes("status of 409"))).toEqual([]);
});

test("a free tag in ?c= (not a registered counter of the agency) is ignored: the page works, no counter cookie", async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE, locale: "th-TH" });
  const page = await context.newPage();
  for (const tag of ["front-desk", "somchai-0819990001", counterId().toUpperCase()]) {
    const response = await page.goto(`/e/${DEMO_SLUG}?c=${encodeURIComponent(tag)}`);
    expect(response?.status(), tag).toBe(200);
    await expect(page.locator(".agency-name")).toHaveText(DEMO_NAME);
    await expect(page.getByLabel("หมายเลขโทรศัพท์มือถือ")).toBeVisible();
    expect(await counterCookie(context), tag).toBeUndefined();
  }
  // The registered counter's own link sets it.
  await page.goto(`/e/${DEMO_SLUG}?c=${counterId()}`);
  expect(await counterCookie(context)).toBeDefined();
  await context.close();
});
