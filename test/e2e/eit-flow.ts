// EIT part 1 as a citizen answers it, without the screenshots and layout checks of eit.spec.ts:
// for specs that need one more response through a given link (the admin's new counter poster).
import { expect, type BrowserContext } from "@playwright/test";

/** Open `link` (a poster's QR link), get a code for `phone` from the dev outbox, answer, thanks. */
export async function answerEitPart1(context: BrowserContext, link: string, phone: string, masked: string) {
  const page = await context.newPage();
  const outbox = await context.newPage();
  const codes = async () => {
    await outbox.goto("/dev/outbox");
    const entries = outbox.locator("ol.outbox li").filter({ has: outbox.locator("strong", { hasText: masked }) });
    return (await entries.locator(".outbox-text").allTextContents()).map((text) => text.match(/^(\d{6})\b/)?.[1] ?? "").filter(Boolean);
  };
  const seen = (await codes()).length;

  await page.goto(link);
  await page.getByLabel("หมายเลขโทรศัพท์มือถือ").fill(phone);
  await page.getByRole("button", { name: "ขอรหัส OTP" }).click();
  await page.waitForURL(/\/verify$/);
  let received: string[] = [];
  await expect
    .poll(
      async () => {
        received = await codes();
        return received.length;
      },
      { timeout: 5000 },
    )
    .toBeGreaterThan(seen);
  await page.getByLabel("รหัส OTP 6 หลัก").fill(received[0]);
  await page.getByRole("button", { name: "ยืนยัน" }).click();

  await page.waitForURL(/\/eligibility$/);
  await page.locator("#screening-respondent-type label.choice", { hasText: /^บุคคล$/ }).click();
  await page.locator("#screening-dealt-in-year label.choice", { hasText: /^ใช่$/ }).click();
  await page.getByRole("button", { name: "ถัดไป" }).click();

  await page.waitForURL(/\/survey$/);
  const groups = page.locator("form.survey-form fieldset.choice-group");
  await expect(groups).toHaveCount(12);
  for (let i = 0; i < 12; i++) await groups.nth(i).locator("label.choice").first().click();
  await page.getByRole("button", { name: "ส่งคำตอบ" }).click();
  await page.waitForURL(/\/thanks$/);
  await expect(page.getByRole("heading", { level: 1, name: "ขอบคุณที่ตอบแบบวัด" })).toBeVisible();
  await outbox.close();
  await page.close();
}
