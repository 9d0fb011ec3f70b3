// The respondent pages' accessibility that axe cannot see (issue 20 §3, decision 025), in Chromium
// against the production build: the time limit stated, warned and extended; a submit after expiry
// keeping its answers (IIT: the code again; EIT: a new OTP); a <title> per step and per error
// state; focus on the error summary; every answer group named by its question; errors worded in
// the page's language with the question's number and words; the language button named by its label.
// The session is aged by writing its row in the server's SQLite file (no waiting, no timed assertion).
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { demoIitCode, e2eDatabaseFile } from "./demo";

const DEMO_SLUG = "rae-subdistrict-municipality";
const PHONE = "0861234590";
const MASKED = "086-xxx-4590";

test.use({ viewport: { width: 360, height: 740 } });

/** Set every live survey session's expiry to `at` (ms), in the column's own storage format. */
function ageSessions(at: number) {
  const db = new Database(e2eDatabaseFile, { fileMustExist: true });
  try {
    const sample = db.prepare(`SELECT "expiresAt" FROM "SurveySession" LIMIT 1`).get() as { expiresAt: unknown } | undefined;
    const value = typeof sample?.expiresAt === "string" ? new Date(at).toISOString() : at;
    db.prepare(`UPDATE "SurveySession" SET "expiresAt" = ? WHERE "expiresAt" > ?`).run(
      value,
      typeof value === "string" ? new Date().toISOString() : Date.now(),
    );
  } finally {
    db.close();
  }
}

function latestExpiry(): number {
  const db = new Database(e2eDatabaseFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT "expiresAt" FROM "SurveySession"`).all() as { expiresAt: string | number }[];
    return Math.max(...rows.map((row) => (typeof row.expiresAt === "string" ? Date.parse(row.expiresAt) : Number(row.expiresAt))));
  } finally {
    db.close();
  }
}

function iitRows(): number {
  const db = new Database(e2eDatabaseFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "Response" WHERE "instrument" = 'iit'`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function iitSurvey(page: Page) {
  await page.goto("/iit");
  await expect(page).toHaveTitle("กรอกรหัสของหน่วยงาน — แบบวัด IIT — ITA");
  await page.getByLabel("รหัสของหน่วยงาน").fill(demoIitCode());
  await page.getByRole("button", { name: "เริ่มตอบแบบวัด" }).click();
  await page.waitForURL(/\/iit\/eligibility$/);
  await expect(page).toHaveTitle("ก่อนเริ่มตอบ — แบบวัด IIT — ITA");
  await page.locator('#screening-position input[value="staff"]').check();
  await page.locator('#screening-tenure input[value="yes"]').check();
  await page.getByRole("button", { name: "ถัดไป" }).click();
  await page.waitForURL(/\/iit\/survey$/);
}

/** One option in every answer group, so each is answered. */
async function answerAll(page: Page) {
  const groups = page.locator("form.survey-form fieldset.choice-group");
  const count = await groups.count();
  for (let i = 0; i < count; i++) await groups.nth(i).locator("input[type=radio]").first().check();
  return count;
}

test("IIT: limit stated, warned and extended; errors titled, focused and worded; groups named by their question", async ({ page }) => {
  await page.clock.install();
  await iitSurvey(page);
  await expect(page).toHaveTitle("ตอบคำถาม — แบบวัด IIT — ITA");
  await expect(page.getByTestId("time-limit")).toContainText("30 นาที");
  await expect(page.getByTestId("time-limit")).toContainText("2 ชั่วโมง");
  // The language button is named by what it shows (2.5.3).
  await expect(page.getByRole("button", { name: "English", exact: true })).toBeVisible();

  // 1.3.1: a part's group carries its item's stem; a whole item is a group named by its question.
  await expect(page.getByRole("group", { name: /^3\. บุคลากรในหน่วยงานของท่าน มีการเรียกรับสิ่งดังต่อไปนี้.* เงิน$/ })).toHaveCount(1);
  await expect(page.getByRole("group", { name: /^3\. บุคลากรในหน่วยงานของท่าน มีการเรียกรับสิ่งดังต่อไปนี้/ })).toHaveCount(4); // the item and its 3 parts

  // The warning 5 minutes before the end, and its button pushes the session on.
  const before = latestExpiry();
  await expect(page.locator(".time-warning")).toBeHidden();
  await page.clock.fastForward("26:00");
  await expect(page.locator(".time-warning")).toBeVisible();
  await expect(page.locator(".time-warning")).toContainText("ใกล้หมดแล้ว");
  await page.getByRole("button", { name: "ขอเวลาเพิ่ม" }).click();
  await expect(page.locator(".time-warning")).toContainText("ต่อเวลาแล้ว");
  expect(latestExpiry()).toBeGreaterThanOrEqual(before);

  // An empty submit: an error title, focus on the summary, a summarised list in Thai words.
  await page.getByRole("button", { name: "ส่งคำตอบ" }).click();
  await expect(page).toHaveTitle("ข้อผิดพลาด: ตอบคำถาม — แบบวัด IIT — ITA");
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("ยังไม่ได้ตอบ 23 ข้อ");
  await expect(summary.getByRole("link")).toHaveCount(5);
  await expect(summary).toContainText("และอีก 18 ข้อด้านล่าง");
  await expect(summary.getByRole("link").first()).toHaveText(/^ข้อ 1 “บุคลากรในหน่วยงานของท่าน.*” — เป็นไปตามขั้นตอนที่กำหนด: ยังไม่ได้ตอบ$/);
  expect(await summary.innerText()).not.toMatch(/i\d|Please|[A-Za-z]{4,}/);

  // 2.4.11: the question an error link jumps to is not under the sticky progress line.
  await summary.getByRole("link").first().click();
  const progress = await page.locator(".progress").boundingBox();
  const target = await page.locator("#answer-i1-1").boundingBox();
  expect(target!.y).toBeGreaterThanOrEqual(progress!.y + progress!.height);
});

test("IIT: a submit after the session expired keeps every answer and asks only for the code", async ({ page }) => {
  await iitSurvey(page);
  const count = await answerAll(page);
  const rows = iitRows();
  ageSessions(Date.now() - 1000);
  await page.getByRole("button", { name: "ส่งคำตอบ" }).click();

  await expect(page).toHaveTitle("ข้อผิดพลาด: หมดเวลา คำตอบของท่านยังอยู่ — แบบวัด IIT — ITA");
  await expect(page.locator(".error-summary")).toBeFocused();
  await expect(page.locator(".error-summary")).toContainText("ระบบยังไม่ได้บันทึกคำตอบ");
  await expect(page.locator("form.survey-form .indicator input[type=radio]:checked")).toHaveCount(count);
  expect(iitRows()).toBe(rows); // nothing stored before the code

  await page.getByLabel("รหัสของหน่วยงาน").fill(demoIitCode());
  await page.getByRole("button", { name: "ยืนยันและส่งคำตอบ" }).first().click();
  await page.waitForURL(/\/iit\/thanks$/);
  await expect(page).toHaveTitle("ขอบคุณ — แบบวัด IIT — ITA");
  expect(iitRows()).toBe(rows + 1);
});

test("EIT: an expired session explains itself; a submit after expiry keeps the answers through a new OTP", async ({ page, context }) => {
  const outbox = await context.newPage();
  const codes = async () => {
    await outbox.goto("/dev/outbox");
    const entries = outbox.locator("ol.outbox li").filter({ has: outbox.locator("strong", { hasText: MASKED }) });
    return (await entries.locator(".outbox-text").allTextContents()).map((text) => text.match(/^(\d{6})\b/)?.[1] ?? "").filter(Boolean);
  };
  const newCode = async (seen: number) => {
    let received: string[] = [];
    await expect.poll(async () => (received = await codes()).length, { timeout: 5000 }).toBeGreaterThan(seen);
    return received[0];
  };

  let seen = (await codes()).length;
  await page.goto(`/e/${DEMO_SLUG}`);
  await expect(page).toHaveTitle("กรอกหมายเลขโทรศัพท์ — แบบวัด EIT — ITA");
  await page.getByLabel("หมายเลขโทรศัพท์มือถือ").fill(PHONE);
  await page.getByRole("button", { name: "ขอรหัส OTP" }).click();
  await page.waitForURL(/\/verify$/);
  await page.getByLabel("รหัส OTP 6 หลัก").fill("000000" === (await newCode(seen)) ? "111111" : "000000");
  await page.getByRole("button", { name: "ยืนยัน" }).click();
  await expect(page).toHaveTitle("ข้อผิดพลาด: กรอกรหัส OTP — แบบวัด EIT — ITA");
  await expect(page.locator("#code-error")).toBeFocused();
  await page.getByLabel("รหัส OTP 6 หลัก").fill((await codes())[0]);
  await page.getByRole("button", { name: "ยืนยัน" }).click();
  await page.waitForURL(/\/eligibility$/);

  // The session runs out on the eligibility page: the phone page says why, focused, titled.
  ageSessions(Date.now() - 1000);
  await page.reload();
  await page.waitForURL(/\?expired=1$/);
  await expect(page).toHaveTitle("ข้อผิดพลาด: กรอกหมายเลขโทรศัพท์ — แบบวัด EIT — ITA");
  await expect(page.getByTestId("expired")).toBeFocused();
  await expect(page.getByTestId("expired")).toContainText("หมดเวลาการตอบ");

  // Again to the items, then the submit after expiry.
  seen = (await codes()).length;
  await page.getByLabel("หมายเลขโทรศัพท์มือถือ").fill(PHONE);
  await page.getByRole("button", { name: "ขอรหัส OTP" }).click();
  await page.getByLabel("รหัส OTP 6 หลัก").fill(await newCode(seen));
  await page.getByRole("button", { name: "ยืนยัน" }).click();
  await page.waitForURL(/\/eligibility$/);
  for (const group of await page.locator("fieldset.choice-group").all()) await group.locator("input[type=radio]").first().check();
  await page.getByRole("button", { name: "ถัดไป" }).click();
  await page.waitForURL(/\/survey$/);
  const count = await answerAll(page);
  ageSessions(Date.now() - 1000);
  await page.getByRole("button", { name: "ส่งคำตอบ" }).click();

  await expect(page).toHaveTitle("ข้อผิดพลาด: หมดเวลา คำตอบของท่านยังอยู่ — แบบวัด EIT — ITA");
  await expect(page.locator(".error-summary")).toBeFocused();
  await expect(page.locator("form.survey-form .indicator input[type=radio]:checked")).toHaveCount(count);
  seen = (await codes()).length;
  await page.getByLabel("หมายเลขโทรศัพท์มือถือ").fill(PHONE);
  await page.getByRole("button", { name: "ขอรหัส OTP" }).first().click();
  await expect(page.getByRole("status")).toContainText("ส่งรหัส OTP ใหม่แล้ว");
  await expect(page.locator("form.survey-form .indicator input[type=radio]:checked")).toHaveCount(count);
  await page.getByLabel("รหัส OTP 6 หลัก").fill(await newCode(seen));
  await page.getByRole("button", { name: "ยืนยันและส่งคำตอบ" }).first().click();
  await page.waitForURL(/\/thanks$/);
  await expect(page).toHaveTitle("ขอบคุณ — แบบวัด EIT — ITA");
});

test("in English: one language in titles and errors, the Thai button named by its label", async ({ page }) => {
  await iitSurvey(page);
  await page.getByRole("button", { name: "English", exact: true }).click();
  await expect(page).toHaveTitle("The questions — IIT survey — ITA");
  await expect(page.getByRole("button", { name: "ภาษาไทย", exact: true })).toHaveAttribute("lang", "th");
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page).toHaveTitle("Error: The questions — IIT survey — ITA");
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("23 questions are not answered");
  await expect(summary.getByRole("link").first()).toHaveText(/^Question 1 “To what extent do the staff.*” — Following the set steps: not answered$/);
  expect(await summary.innerText()).not.toMatch(/[\u0E00-\u0E7F]|i\d\.\d/);
});
