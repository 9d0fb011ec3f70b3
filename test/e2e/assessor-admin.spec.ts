// The national assessor (ป.ป.ช.) in a real browser against the demo build: sign in, the national
// overview and its search, the demo agency's results, OIT scores for every item, one EIT part 2
// stakeholder entered by hand, the results moving (OIT now processed), publishing, and the
// agency's XLSX export read back with exceljs.
//
// Named *-admin.spec.ts so the "admin" project (testMatch /admin\.spec\.ts$/, after "public")
// runs it. Publishing freezes an agency for good, so it is done on another agency found by the
// same search, เทศบาลตำบลท่าแร่; the demo agency (which the public specs answer for) stays open.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { demoPassword } from "./demo";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCREENSHOTS = path.join(ROOT, "test/e2e/screenshots");
const ASSESSOR = "assessor@demo.ita.local";
const DEMO = { slug: "rae-subdistrict-municipality", nameTh: "เทศบาลตำบลแร่" };
// Published in step 4 instead of the demo agency (see the note at the top).
const TO_PUBLISH = { slug: "tha-rae-subdistrict-municipality", nameTh: "เทศบาลตำบลท่าแร่" };
const NOT_PROCESSED = "ไม่ประมวลผล";

async function shot(page: Page, step: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `assessor-${step}.png`), fullPage: true });
}

/** The results page's total ("12.34", or "—") as a number. */
async function readTotal(main: Locator): Promise<number> {
  const text = (await main.getByTestId("results-total").textContent())!.trim();
  expect(text).toMatch(/^\d{1,3}\.\d{2}$/);
  return Number(text);
}

/** Search the overview for agency names containing `query` (the filter form is a GET). */
async function searchOverview(page: Page, query: string) {
  const main = page.locator("main");
  await main.getByLabel("ค้นหาชื่อหน่วยงาน").fill(query);
  await main.getByRole("button", { name: "กรอง" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin\\?q=${encodeURIComponent(query)}(&|$)`));
}

test("the national assessor scores OIT, enters an EIT-2 stakeholder, sees the results move, publishes and exports", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const main = page.locator("main");
  const demoResults = `/admin/agencies/${DEMO.slug}/results`;
  let totalBefore = 0;
  let ratingBefore = "";
  let totalAfter = 0;
  let ratingAfter = "";

  await test.step("sign in → the national overview", async () => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/login\?redirectTo=%2Fadmin$/);
    await main.getByLabel("อีเมล").fill(ASSESSOR);
    await main.getByLabel("รหัสผ่าน").fill(demoPassword(ASSESSOR));
    await main.getByRole("button", { name: "เข้าสู่ระบบ" }).click();
    // A national assessor is not sent to one agency's dashboard: the overview of the nation.
    await expect(page).toHaveURL(/\/admin$/);
    await expect(main.getByRole("heading", { level: 1 })).toHaveText("ภาพรวมทั้งประเทศ");
    await expect(page.locator(".admin-bar")).toContainText("ผู้ประเมิน (ป.ป.ช.)");

    // The seed: Sakon Nakhon's 142 agencies and 2 central ones, every one registered.
    const summary = main.getByTestId("overview-summary");
    await expect(summary).toHaveText(/^144 หน่วยงาน · ลงทะเบียน 144 · ต้องติดตาม \d+$/);
    const rows = main.locator("table.overview-table tbody tr");
    await expect(rows).toHaveCount(50); // one page of 50
    await expect(main.getByText("หน้า 1 จาก 3 (144 หน่วยงาน)")).toBeVisible();
    for (const row of await rows.all()) {
      await expect(row).toHaveAttribute("data-agency", /^[a-z0-9-]+$/);
      await expect(row.locator("td").last().locator("a")).toHaveText(/^\d{1,3}\.\d{2}$/);
    }
    // The province totals: Sakon Nakhon (142) and the central agencies (2).
    await expect(main.locator('tr[data-province="sakon-nakhon"] td').nth(1)).toHaveText("142");
    await expect(main.locator('tr[data-province="central"] td').nth(1)).toHaveText("2");
    await shot(page, "1-overview");

    // Search "แร่": the demo agency and the two Tha Rae agencies, nothing else.
    await searchOverview(page, "แร่");
    await expect(main.getByText("หน้า 1 จาก 1 (3 หน่วยงาน)")).toBeVisible();
    await expect(rows).toHaveCount(3);
    for (const name of await rows.locator("td:first-child a").allTextContents()) expect(name).toContain("แร่");
    const demoRow = main.locator(`tr[data-agency="${DEMO.slug}"]`);
    await expect(demoRow.locator("td").first().locator("a")).toHaveText(DEMO.nameTh);
    await expect(demoRow.locator("td").nth(1)).toHaveText("สกลนคร");
    await expect(main.locator(`tr[data-agency="${TO_PUBLISH.slug}"] td:first-child a`)).toHaveText(TO_PUBLISH.nameTh);
    await shot(page, "1-overview-search");

    // The total in the row links to the agency's results.
    await demoRow.locator("td").last().locator("a").click();
    await expect(page).toHaveURL(new RegExp(`${demoResults}$`));
  });

  await test.step("the demo agency's results before: OIT not processed", async () => {
    await expect(main.getByRole("heading", { level: 1 })).toHaveText(`ผลการประเมิน ITA — ${DEMO.nameTh}`);
    await expect(main.locator("tr.part-row")).toHaveCount(4);
    await expect(main.locator('tr[data-part="oit"]')).toContainText(NOT_PROCESSED);
    totalBefore = await readTotal(main);
    ratingBefore = (await main.getByTestId("results-rating").textContent())!.trim();
    expect(ratingBefore).not.toBe("");
    // Still collecting: provisional, and the publish form is there for the assessor.
    await expect(main.getByText(/^ผลเบื้องต้นระหว่างเก็บข้อมูล/)).toBeVisible();
    await expect(main.locator("form.publish-form")).toBeVisible();
    await shot(page, "2-results-before");
  });

  await test.step("OIT: a score for every item, refused above 100, then saved", async () => {
    await page.goto(`/admin/agencies/${DEMO.slug}/oit`);
    await expect(main.getByRole("heading", { level: 1 })).toHaveText("แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)");
    await expect(main.getByTestId("oit-score")).toHaveText("คะแนน OIT: —");
    const scores = main.locator('input[name^="score."]');
    const comments = main.locator('input[name^="comment."]');
    const count = await scores.count();
    expect(count).toBeGreaterThan(0);
    await expect(comments).toHaveCount(count);
    await expect(main.locator('input[name^="url."]')).toHaveCount(0); // links are the agency's to enter

    // 101 is out of range: nothing saved, the field marked.
    for (let i = 0; i < count; i++) await scores.nth(i).fill("100");
    await scores.first().fill("101");
    const save = main.getByRole("button", { name: "บันทึก", exact: true });
    await save.click();
    await expect(main.getByRole("status")).toHaveText("ข้อมูลบางช่องไม่ถูกต้อง");
    await expect(scores.first()).toHaveAttribute("aria-invalid", "true");
    await expect(main.getByTestId("oit-score")).toHaveText("คะแนน OIT: —");
    await page.reload();
    await expect(scores.first()).toHaveValue(""); // nothing of that form was kept

    for (let i = 0; i < count; i++) await scores.nth(i).fill("100");
    await comments.first().fill("ตรวจแล้ว เผยแพร่ครบถ้วน (e2e)");
    await shot(page, "3-oit-filled");
    await save.click();
    await expect(main.getByRole("status")).toHaveText("บันทึกแล้ว");
    await expect(main.getByTestId("oit-score")).toHaveText("คะแนน OIT: 100.00");

    // Saved for real: a reload shows the scores and the comment.
    await page.reload();
    await expect(main.getByTestId("oit-score")).toHaveText("คะแนน OIT: 100.00");
    await expect(scores).toHaveCount(count);
    for (let i = 0; i < count; i++) await expect(scores.nth(i)).toHaveValue("100");
    await expect(comments.first()).toHaveValue("ตรวจแล้ว เผยแพร่ครบถ้วน (e2e)");
  });

  await test.step("EIT part 2: the stakeholder type is required; one stakeholder entered", async () => {
    await page.goto(`/admin/agencies/${DEMO.slug}/eit2`);
    await expect(main.getByRole("heading", { level: 1 })).toHaveText("บันทึกแบบวัด EIT ส่วนที่ 2 (ผู้มีส่วนได้ส่วนเสียสำคัญ)");
    const counter = main.getByTestId("eit2-count");
    await expect(counter).toHaveText(/^บันทึกแล้ว \d+ จากขั้นต่ำ \d+$/);
    const [, enteredBefore, minimum] = (await counter.textContent())!.match(/บันทึกแล้ว (\d+) จากขั้นต่ำ (\d+)/)!.map(Number);

    const form = main.locator("form.survey-form");
    const typeGroup = form.locator("#answer-respondent-type");
    await expect(typeGroup.locator("legend")).toHaveText("ท่านติดต่อหน่วยงานในฐานะ");
    await expect(typeGroup.locator("label.choice")).toHaveText(["บุคคล", "นิติบุคคล", "บริษัทเอกชน", "หน่วยงานของรัฐอื่น"]);
    const items = form.locator("fieldset.choice-group:not(#answer-respondent-type)");
    await expect(items).toHaveCount(12); // the 9 EIT items, e1 and e3 in parts
    const answerAll = async () => {
      for (let i = 0; i < 12; i++) {
        const labels = items.nth(i).locator("label.choice");
        const option = labels.nth((await labels.count()) - 1 - (i % 2)); // mostly favourable answers
        await option.click();
        await expect(option.locator('input[type="radio"]')).toBeChecked();
      }
    };

    // Every item answered but no stakeholder type: refused, the answers kept.
    await answerAll();
    await expect(form.locator(".progress")).toContainText("ตอบแล้ว 12 จาก 12 ข้อ");
    await form.getByRole("button", { name: "ส่งคำตอบ" }).click();
    await expect(typeGroup.locator(".field-error")).toContainText("กรุณาเลือกประเภทผู้มีส่วนได้ส่วนเสีย");
    await expect(counter).toHaveText(`บันทึกแล้ว ${enteredBefore} จากขั้นต่ำ ${minimum}`);
    await expect(form.locator('fieldset.choice-group input[type="radio"]:checked')).toHaveCount(12);

    await typeGroup.locator("label.choice", { hasText: "หน่วยงานของรัฐอื่น" }).click();
    await expect(typeGroup.locator('input[value="government-agency"]')).toBeChecked();
    await shot(page, "4-eit2-filled");
    await form.getByRole("button", { name: "ส่งคำตอบ" }).click();
    await expect(main.getByRole("status")).toHaveText("บันทึกคำตอบแล้ว — กรอกรายถัดไปได้");
    await expect(counter).toHaveText(`บันทึกแล้ว ${enteredBefore + 1} จากขั้นต่ำ ${minimum}`);
    // A fresh, empty form for the next stakeholder.
    await expect(form.locator('input[type="radio"]:checked')).toHaveCount(0);
    await expect(form.locator(".progress")).toContainText("ตอบแล้ว 0 จาก 12 ข้อ");
    await shot(page, "4-eit2-saved");
  });

  await test.step("the results after: OIT processed, the total higher", async () => {
    await page.goto(demoResults);
    const oitRow = main.locator('tr[data-part="oit"]');
    await expect(oitRow).not.toContainText(NOT_PROCESSED);
    await expect(oitRow.locator("td.num")).toHaveText("100.00");
    totalAfter = await readTotal(main);
    ratingAfter = (await main.getByTestId("results-rating").textContent())!.trim();
    expect(totalAfter).toBeGreaterThan(totalBefore);
    // OIT weighs 40 %: all items at 100 add 40 points, whatever the other parts do.
    expect(totalAfter).toBeGreaterThanOrEqual(totalBefore + 40 - 0.01);
    expect(ratingAfter).not.toBe("");
    testInfo.annotations.push({
      type: "results",
      description: `${DEMO.slug}: ${totalBefore.toFixed(2)} (${ratingBefore}) → ${totalAfter.toFixed(2)} (${ratingAfter})`,
    });
    await shot(page, "5-results-after");
  });

  await test.step("the demo agency's XLSX export carries the page's total and rating", async () => {
    const link = main.getByRole("link", { name: "Excel (XLSX)" });
    await expect(link).toHaveAttribute("href", `/admin/export?scope=agency:${DEMO.slug}&format=xlsx`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const fileName = download.suggestedFilename();
    expect(fileName).toMatch(new RegExp(`^ita-2568-agency-${DEMO.slug}-[0-9a-f]{12}\\.xlsx$`));
    const file = testInfo.outputPath(fileName);
    await download.saveAs(file);
    expect(fs.statSync(file).size).toBeGreaterThan(0);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("คะแนน Scores");
    expect(sheet).toBeDefined();
    // Row 1 Thai headings, row 2 English, row 3 keys, then one row per agency.
    const keys = (sheet!.getRow(3).values as unknown[]).map((value) => (typeof value === "string" ? value : null));
    const column = (key: string) => {
      const index = keys.indexOf(key);
      expect(index, `column ${key}`).toBeGreaterThan(0);
      return index;
    };
    expect(sheet!.rowCount).toBe(4);
    const row = sheet!.getRow(4);
    expect(row.getCell(column("agency_slug")).value).toBe(DEMO.slug);
    expect(row.getCell(column("agency_th")).value).toBe(DEMO.nameTh);
    expect(row.getCell(column("oit_processed")).value).toBe(true);
    expect(Number(row.getCell(column("oit_score")).value)).toBe(100);
    expect(Number(row.getCell(column("total")).value)).toBeCloseTo(totalAfter, 2);
    expect(row.getCell(column("rating_th")).value).toBe(ratingAfter);
  });

  await test.step(`publish ${TO_PUBLISH.nameTh}: the notice, no publish form, EIT-2 closed`, async () => {
    // Found on the overview by the same search, not the demo agency the public specs use.
    await page.goto("/admin");
    await searchOverview(page, "แร่");
    await main.locator(`tr[data-agency="${TO_PUBLISH.slug}"] td`).last().locator("a").click();
    await expect(page).toHaveURL(new RegExp(`/admin/agencies/${TO_PUBLISH.slug}/results$`));
    await expect(main.getByRole("heading", { level: 1 })).toHaveText(`ผลการประเมิน ITA — ${TO_PUBLISH.nameTh}`);
    await expect(main.getByTestId("results-published")).toHaveCount(0);
    const total = (await main.getByTestId("results-total").textContent())!.trim();
    const rating = (await main.getByTestId("results-rating").textContent())!.trim();

    const publishForm = main.locator("form.publish-form");
    await expect(publishForm.getByRole("heading", { level: 2 })).toHaveText("ประกาศผล");
    const confirm = publishForm.getByLabel("ข้าพเจ้าตรวจสอบผลแล้วและยืนยันการประกาศผล");
    await expect(confirm).not.toBeChecked();
    await confirm.check();
    await publishForm.getByRole("button", { name: "ประกาศผลของหน่วยงานนี้" }).click();

    await expect(main.getByRole("status")).toHaveText("ประกาศผลแล้ว ตัวเลขคงที่");
    await expect(main.getByTestId("results-published")).toHaveText(/^ประกาศผลเมื่อ \S.+$/);
    await expect(publishForm).toHaveCount(0);
    await expect(main.getByText(/^ผลเบื้องต้นระหว่างเก็บข้อมูล/)).toHaveCount(0);
    await shot(page, "6-published");
    // Still so after a reload; the figures have not moved.
    await page.reload();
    await expect(main.getByTestId("results-published")).toBeVisible();
    await expect(main.locator("form.publish-form")).toHaveCount(0);
    await expect(main.getByTestId("results-total")).toHaveText(total);
    await expect(main.getByTestId("results-rating")).toHaveText(rating);

    // EIT part 2 refuses entry: no form on the page, and a direct POST is refused too.
    await page.goto(`/admin/agencies/${TO_PUBLISH.slug}/eit2`);
    await expect(main.getByText("ผลของหน่วยงานนี้ประกาศแล้ว จึงบันทึกเพิ่มไม่ได้")).toBeVisible();
    await expect(main.locator("form.survey-form")).toHaveCount(0);
    await shot(page, "6-published-eit2");
    const post = await page.request.post(`/admin/agencies/${TO_PUBLISH.slug}/eit2`, { form: { submissionKey: "x" } });
    expect(post.status()).toBe(403);
    // OIT scores are frozen too: no score inputs any more.
    await page.goto(`/admin/agencies/${TO_PUBLISH.slug}/oit`);
    await expect(main.getByRole("heading", { level: 1 })).toHaveText("แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)");
    await expect(main.locator('input[name^="score."]')).toHaveCount(0);

    // The overview's "published" filter (recomputed now) lists it, and only it.
    await page.goto("/admin?show=published&refresh=1");
    await expect(main.locator("table.overview-table tbody tr")).toHaveCount(1);
    await expect(main.locator(`tr[data-agency="${TO_PUBLISH.slug}"]`)).toBeVisible();

    // The demo agency is still open for the public specs.
    await page.goto(demoResults);
    await expect(main.getByTestId("results-published")).toHaveCount(0);
    await expect(main.locator("form.publish-form")).toBeVisible();
  });

  // The deliberate failures above (OIT 101, EIT-2 without a type) answer 400 to a fetch.
  expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
});
