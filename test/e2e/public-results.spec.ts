import { expect, test } from "@playwright/test";

// Issue 20 §1: the public results of the demo seed's published past year (prisma/seed-past-year.ts
// always publishes the demo agency), read as a citizen would — Thai first, then English — and the
// link every survey page carries to /about-your-answers (§4).
const AGENCY = "/results/2567/agency/rae-subdistrict-municipality";

test("a published agency's results are readable in Thai, then in English, and fit a 320 px phone", async ({ page }) => {
  const national = await page.goto("/results");
  expect(national?.url()).toMatch(/\/results\/2567$/);
  expect(national?.headers()["cache-control"]).toMatch(/^public, max-age=\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2567");
  await expect(page.getByRole("region", { name: "ผลรายจังหวัด" })).toBeVisible();

  const response = await page.goto(AGENCY);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["etag"]).toMatch(/^"[0-9a-f]{32}"$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "th");
  await expect(page).toHaveTitle("ผลการประเมิน ITA ของเทศบาลตำบลแร่ ปีงบประมาณ พ.ศ. 2567");
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /^เทศบาลตำบลแร่: คะแนนรวม \d+\.\d\d ระดับ/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ผลการประเมิน ITA ของเทศบาลตำบลแร่ ปีงบประมาณ พ.ศ. 2567");
  const parts = page.getByRole("region", { name: "คะแนนรายเครื่องมือ" });
  await expect(parts.getByRole("columnheader", { name: "คะแนนถ่วงน้ำหนัก" })).toBeVisible();
  await expect(page.getByTestId("points-oit")).toHaveText(/^\d+\.\d\d \/ 40$/);
  await expect(
    page
      .getByRole("region", { name: "คะแนนรายตัวชี้วัด (ผ่านที่ 85 คะแนน)" })
      .getByRole("cell", { name: /^(ผ่าน|ไม่ผ่าน)$/ })
      .first(),
  ).toBeVisible();

  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  await page.locator(".language-switch button").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(new RegExp(`${AGENCY}$`));
  await expect(page).toHaveTitle("ITA results of Rae Subdistrict Municipality, fiscal year 2567 (B.E.)");
  await expect(page.getByRole("region", { name: "Score per instrument" }).getByRole("columnheader", { name: "Weighted points" })).toBeVisible();
  await expect(page.getByTestId("agency-summary")).toHaveText(/^Total \d+\.\d\d: /);
  await page.locator(".language-switch button").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "th");
});

test("every survey page links to what happens to the answers", async ({ page }) => {
  for (const path of ["/iit", "/e", "/e/rae-subdistrict-municipality"]) {
    await page.goto(path);
    await page.getByRole("link", { name: "คำตอบของท่านถูกเก็บอย่างไร" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("คำตอบของท่านถูกเก็บและใช้อย่างไร");
    await expect(page.getByRole("region", { name: "ข้อมูลที่เก็บในแถวคำตอบ (ตาราง Response)" })).toContainText("answers");
  }
});
