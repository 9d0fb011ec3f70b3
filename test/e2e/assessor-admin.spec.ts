// The national assessor (ป.ป.ช.) in a real browser against the demo build: sign in, the national
// overview and its search, the demo agency's results, OIT scores for every item, one EIT part 2
// stakeholder entered by hand, the results moving (OIT now processed), publishing, and the
// agencies' XLSX exports read back with exceljs.
//
// Disclosure (docs/decisions/012-disclosure.md): the seed's windows are open, so every agency is
// collecting and every role sees counts only: the IIT/EIT parts "still collecting" with no score,
// no total, no rating ("—"). OIT (the assessor's own scores) is still shown. Publishing an agency
// makes its final total and rating appear, the same on the page, in the export and on the overview.
//
// Named *-admin.spec.ts so the "admin" project (testMatch /admin\.spec\.ts$/, after "public")
// runs it. Publishing freezes an agency for good, so it is done on another agency found by the
// same search, เทศบาลตำบลท่าแร่; the demo agency (which the public specs answer for) stays open.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { demoPassword } from "./demo";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCREENSHOTS = path.join(ROOT, "test/e2e/screenshots");
const ASSESSOR = "assessor@demo.ita.local";
const DEMO = { slug: "rae-subdistrict-municipality", nameTh: "เทศบาลตำบลแร่" };
// Published in step 4 instead of the demo agency (see the note at the top).
const TO_PUBLISH = { slug: "tha-rae-subdistrict-municipality", nameTh: "เทศบาลตำบลท่าแร่" };
const NOT_PROCESSED = "ไม่ประมวลผล";
// app/utils/i18n.ts results.collecting: a part whose instrument still collects (decision 012).
const COLLECTING = "กำลังเก็บข้อมูล: คะแนนจะแสดงเมื่อปิดช่วงเวลาเก็บข้อมูล";
const HIDDEN = "—";
const SCORE = /^\d{1,3}\.\d{2}$/;
const COLLECTING_PARTS = ["iit", "eit1", "eit2"] as const;

async function shot(page: Page, step: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `assessor-${step}.png`), fullPage: true });
}

/**
 * The results page while collecting (decision 012): IIT, EIT-1 and EIT-2 say "still collecting"
 * and show no part score and no indicator score; no total, no rating.
 */
async function expectCollecting(main: Locator) {
  for (const part of COLLECTING_PARTS) {
    const row = main.locator(`tr[data-part="${part}"]`);
    await expect(row).toContainText(COLLECTING);
    await expect(row).not.toContainText(NOT_PROCESSED);
    await expect(row.locator("td.num")).toHaveText(HIDDEN);
  }
  // Indicator rows: # · part · indicator · score · pass; none of a collecting part has a score.
  const indicators = main.locator("tr[data-indicator]");
  expect(await indicators.count()).toBeGreaterThan(0);
  for (const row of await indicators.all()) {
    const part = (await row.locator("td").nth(1).textContent())!.trim().toLowerCase();
    if (part === "oit") continue;
    await expect(row.locator("td").nth(3)).toHaveText(HIDDEN);
    await expect(row.locator("td").nth(4)).toHaveText(HIDDEN);
  }
  await expect(main.getByTestId("results-total")).toHaveText(HIDDEN);
  await expect(main.getByTestId("results-rating")).toHaveText(HIDDEN);
}

/** The results page's final total ("12.34") and rating, once disclosed. */
async function readFinal(main: Locator): Promise<{ total: string; rating: string }> {
  const total = (await main.getByTestId("results-total").textContent())!.trim();
  const rating = (await main.getByTestId("results-rating").textContent())!.trim();
  expect(total).toMatch(SCORE);
  expect(rating).not.toBe("");
  expect(rating).not.toBe(HIDDEN);
  return { total, rating };
}

/** The "คะแนน Scores" sheet of an agency's XLSX export (one agency row), by column key. */
async function exportRow(page: Page, testInfo: TestInfo, main: Locator, slug: string) {
  const link = main.getByRole("link", { name: "Excel (XLSX)" });
  await expect(link).toHaveAttribute("href", `/admin/export?scope=agency:${slug}&format=xlsx`);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const fileName = download.suggestedFilename();
  expect(fileName).toMatch(new RegExp(`^ita-2568-agency-${slug}-[0-9a-f]{12}\\.xlsx$`));
  const file = testInfo.outputPath(fileName);
  await download.saveAs(file);
  expect(fs.statSync(file).size).toBeGreaterThan(0);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet("คะแนน Scores");
  expect(sheet).toBeDefined();
  // Row 1 Thai headings, row 2 English, row 3 keys, then one row per agency.
  const keys = (sheet!.getRow(3).values as unknown[]).map((value) => (typeof value === "string" ? value : null));
  expect(sheet!.rowCount).toBe(4);
  const row = sheet!.getRow(4);
  expect(row.getCell(keys.indexOf("agency_slug")).value).toBe(slug);
  return (key: string) => {
    const index = keys.indexOf(key);
    expect(index, `column ${key}`).toBeGreaterThan(0);
    return row.getCell(index).value;
  };
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
  let published = { total: "", rating: "" };

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
    // Every agency is collecting (the seed's windows are open): no total, no rating, yet the
    // total cell still links to the agency's results.
    for (const row of await rows.all()) {
      const slug = await row.getAttribute("data-agency");
      expect(slug).toMatch(/^[a-z0-9-]+$/);
      const total = row.locator("td").last();
      await expect(total.locator("a")).toHaveText(HIDDEN);
      await expect(total.locator("a")).toHaveAttribute("href", `/admin/agencies/${slug}/results`);
      await expect(total.locator(".muted")).toHaveText("");
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

  await test.step("the demo agency's results before: still collecting, OIT not processed", async () => {
    await expect(main.getByRole("heading", { level: 1 })).toHaveText(`ผลการประเมิน ITA — ${DEMO.nameTh}`);
    await expect(main.locator("tr.part-row[data-part]")).toHaveCount(4);
    const oitRow = main.locator('tr[data-part="oit"]');
    await expect(oitRow).toContainText(NOT_PROCESSED);
    await expect(oitRow).not.toContainText(COLLECTING);
    await expect(oitRow.locator("td.num")).toHaveText(HIDDEN);
    await expectCollecting(main);
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

  await test.step("the results after: OIT processed at 100, the rest still collecting", async () => {
    await page.goto(demoResults);
    const oitRow = main.locator('tr[data-part="oit"]');
    await expect(oitRow).not.toContainText(NOT_PROCESSED);
    await expect(oitRow).not.toContainText(COLLECTING);
    await expect(oitRow.locator("td.num")).toHaveText("100.00");
    // Every OIT indicator at 100 and passing: the assessor's own scores are shown while collecting.
    const oitIndicators = main.locator("tr[data-indicator]").filter({ has: page.locator("td:nth-child(2)", { hasText: /^OIT$/ }) });
    expect(await oitIndicators.count()).toBeGreaterThan(0);
    for (const row of await oitIndicators.all()) {
      await expect(row.locator("td").nth(3)).toHaveText("100.00");
      await expect(row.locator("td").nth(4)).toHaveText("ผ่าน (≥ 85)");
    }
    // The new EIT-2 stakeholder moved no figure: IIT/EIT still collecting, no total, no rating.
    await expectCollecting(main);
    await expect(main.getByText(/^ผลเบื้องต้นระหว่างเก็บข้อมูล/)).toBeVisible();
    await shot(page, "5-results-after");
  });

  await test.step("the demo agency's XLSX export: OIT at 100, the rest still collecting, no total or rating", async () => {
    const cell = await exportRow(page, testInfo, main, DEMO.slug);
    expect(cell("agency_th")).toBe(DEMO.nameTh);
    expect(cell("oit_processed")).toBe(true);
    expect(Number(cell("oit_score"))).toBe(100);
    for (const part of COLLECTING_PARTS) {
      expect(cell(`${part}_reason`), `${part}_reason`).toBe("collecting");
      expect(cell(`${part}_processed`), `${part}_processed`).toBeNull();
      expect(cell(`${part}_score`), `${part}_score`).toBeNull();
    }
    expect(cell("total")).toBeNull();
    expect(cell("rating_th")).toBeNull();
    expect(cell("rating_en")).toBeNull();
  });

  await test.step(`publish ${TO_PUBLISH.nameTh}: the notice, its final total and rating (page, XLSX, overview), EIT-2 closed`, async () => {
    // OIT at 100 for every item first, so the final total has something to show (OIT weighs 40 %).
    await page.goto(`/admin/agencies/${TO_PUBLISH.slug}/oit`);
    const scores = main.locator('input[name^="score."]');
    expect(await scores.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await scores.count()); i++) await scores.nth(i).fill("100");
    await main.getByRole("button", { name: "บันทึก", exact: true }).click();
    await expect(main.getByRole("status")).toHaveText("บันทึกแล้ว");
    await expect(main.getByTestId("oit-score")).toHaveText("คะแนน OIT: 100.00");

    // Found on the overview by the same search, not the demo agency the public specs use.
    await page.goto("/admin");
    await searchOverview(page, "แร่");
    await main.locator(`tr[data-agency="${TO_PUBLISH.slug}"] td`).last().locator("a").click();
    await expect(page).toHaveURL(new RegExp(`/admin/agencies/${TO_PUBLISH.slug}/results$`));
    await expect(main.getByRole("heading", { level: 1 })).toHaveText(`ผลการประเมิน ITA — ${TO_PUBLISH.nameTh}`);
    await expect(main.getByTestId("results-published")).toHaveCount(0);
    // Before: collecting like every agency, no total, no rating; only OIT shows.
    await expectCollecting(main);
    await expect(main.locator('tr[data-part="oit"] td.num')).toHaveText("100.00");

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
    // Published: the final figures appear. No part is "still collecting" any more: each has a
    // score or is not processed (too few responses, or no population).
    published = await readFinal(main);
    // OIT weighs 40 %: all items at 100 put 40 points in the total, whatever the other parts do.
    await expect(main.locator('tr[data-part="oit"] td.num')).toHaveText("100.00");
    expect(Number(published.total)).toBeGreaterThanOrEqual(40 - 0.01);
    for (const part of COLLECTING_PARTS) {
      const row = main.locator(`tr[data-part="${part}"]`);
      await expect(row).not.toContainText(COLLECTING);
      const score = (await row.locator("td.num").textContent())!.trim();
      if (score === HIDDEN) await expect(row).toContainText(NOT_PROCESSED);
      else expect(score).toMatch(SCORE);
    }
    testInfo.annotations.push({ type: "results", description: `${TO_PUBLISH.slug} published: ${published.total} (${published.rating})` });
    await shot(page, "6-published");
    // Still so after a reload; the figures have not moved.
    await page.reload();
    await expect(main.getByTestId("results-published")).toBeVisible();
    await expect(main.locator("form.publish-form")).toHaveCount(0);
    await expect(main.getByTestId("results-total")).toHaveText(published.total);
    await expect(main.getByTestId("results-rating")).toHaveText(published.rating);

    // Its XLSX export carries the page's total and rating.
    const cell = await exportRow(page, testInfo, main, TO_PUBLISH.slug);
    expect(cell("agency_th")).toBe(TO_PUBLISH.nameTh);
    expect(cell("total")).not.toBeNull();
    expect(Number(cell("total"))).toBeCloseTo(Number(published.total), 2);
    expect(cell("rating_th")).toBe(published.rating);
    expect(Number(cell("oit_score"))).toBe(100);
    for (const part of COLLECTING_PARTS) expect(cell(`${part}_reason`), `${part}_reason`).not.toBe("collecting");

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
    // Its row shows the page's total and rating.
    await page.goto("/admin?show=published&refresh=1");
    await expect(main.locator("table.overview-table tbody tr")).toHaveCount(1);
    const publishedRow = main.locator(`tr[data-agency="${TO_PUBLISH.slug}"]`);
    await expect(publishedRow).toBeVisible();
    await expect(publishedRow.locator("td").last().locator("a")).toHaveText(published.total);
    await expect(publishedRow.locator("td").last().locator(".muted")).toHaveText(published.rating);

    // The same search as before: the published agency has its figures, the unpublished ones
    // (the demo agency among them) still show none (the overview was just recomputed above).
    await page.goto("/admin");
    await searchOverview(page, "แร่");
    const rows = main.locator("table.overview-table tbody tr");
    await expect(rows).toHaveCount(3);
    for (const row of await rows.all()) {
      const total = row.locator("td").last();
      if ((await row.getAttribute("data-agency")) === TO_PUBLISH.slug) {
        await expect(total.locator("a")).toHaveText(published.total);
        await expect(total.locator(".muted")).toHaveText(published.rating);
      } else {
        await expect(total.locator("a")).toHaveText(HIDDEN);
        await expect(total.locator(".muted")).toHaveText("");
      }
    }
    await shot(page, "6-published-overview");

    // The demo agency is still open for the public specs, and still collecting: no total, no rating.
    await page.goto(demoResults);
    await expect(main.getByTestId("results-published")).toHaveCount(0);
    await expect(main.locator("form.publish-form")).toBeVisible();
    await expectCollecting(main);
    await expect(main.locator('tr[data-part="oit"] td.num')).toHaveText("100.00");
  });

  // The deliberate failures above (OIT 101, EIT-2 without a type) answer 400 to a fetch.
  expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
});
