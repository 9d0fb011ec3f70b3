// The improvement-plan report (แผนพัฒนาจากผล ITA) in a real browser against the demo build: the
// demo agency's admin opens the plan from the dashboard, reads the generated analysis of the 10
// indicators, enters measures (typed, and one from the library of suggested measures), the
// signatures, saves and finds them again after a reload; then the A4 print view in Sarabun with
// Thai digits, printed to PDF and read back with pdftotext; and the Word (.docx) download.
//
// Named *-admin.spec.ts so the "admin" project runs it, after admin.spec.ts, which enrols 2FA for
// this same admin. The TOTP secret is sealed with the machine's APP_SECRET, which a test should
// not read; so when the password leads to /admin/login/2fa, the test marks its own new session as
// verified in the e2e database (what a correct 6-digit code does) and carries on. The user's 2FA
// enrolment is left as it was. Saving a plan touches no survey data, so the other specs' figures
// do not move.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { demoPassword, e2eDatabaseFile } from "./demo";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCREENSHOTS = path.join(ROOT, "test/e2e/screenshots");
const ADMIN = "agency@demo.ita.local";
const DEMO = { slug: "rae-subdistrict-municipality", nameTh: "เทศบาลตำบลแร่" };
const PLAN = `/admin/agencies/${DEMO.slug}/plan`;

// What the officer types. Dates are Gregorian in <input type="date">; the report prints them in
// the Buddhist era, in Thai digits by default.
const MEASURE_1 = {
  indicator: "1",
  title: "พัฒนาระบบ e-Service ลดการใช้ดุลพินิจ",
  steps: "สำรวจงานบริการที่ใช้ดุลพินิจ จัดทำแบบฟอร์มออนไลน์ และประกาศขั้นตอนให้ประชาชนทราบ",
  start: "2026-04-01",
  end: "2026-09-30",
  unit: "สำนักปลัด",
  periodEditor: "1 เมษายน 2569 – 30 กันยายน 2569", // under the date inputs, Arabic digits
  periodReport: "๑ เมษายน ๒๕๖๙ – ๓๐ กันยายน ๒๕๖๙", // in the report, Thai digits
};
const MEASURE_2 = {
  indicator: "2",
  title: "เผยแพร่รายงานการใช้จ่ายงบประมาณรายไตรมาสบนเว็บไซต์เทศบาล",
  steps: "กองคลังสรุปผลการเบิกจ่ายทุกไตรมาสและนำขึ้นเว็บไซต์ภายใน 15 วัน",
  start: "2026-01-15",
  end: "2026-12-31",
  unit: "กองคลัง",
  periodReport: "๑๕ มกราคม ๒๕๖๙ – ๓๑ ธันวาคม ๒๕๖๙",
};
const LIBRARY_INDICATOR = "9"; // การเปิดเผยข้อมูล: a measure picked from the suggested-measure library
const SIGNATURES = {
  officer: { name: "นางสาวสมใจ ตั้งใจงาน", position: "นักวิเคราะห์นโยบายและแผน" },
  secretary: { name: "นายสมชาย รักษ์ดี", position: "ปลัดเทศบาลตำบลแร่" },
  executive: { name: "นายประเสริฐ ศรีสุข", position: "นายกเทศมนตรีตำบลแร่" },
} as const;
const INDICATOR_NAMES = [
  "การปฏิบัติหน้าที่",
  "การใช้งบประมาณ",
  "การใช้อำนาจ",
  "การใช้ทรัพย์สินของราชการ",
  "การแก้ไขปัญหาการทุจริต",
  "คุณภาพการดำเนินงาน",
  "ประสิทธิภาพการสื่อสาร",
  "การปรับปรุงระบบการทำงาน",
  "การเปิดเผยข้อมูล",
  "การป้องกันการทุจริต",
];

async function shot(page: Page, step: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `plan-${step}.png`), fullPage: true });
}

/** pdftotext splits and spaces Thai freely: compare without whitespace. */
const squash = (value: string) => value.normalize("NFC").replace(/\s+/g, "");

const unescapeXml = (text: string) =>
  text.replace(/&(quot|apos|lt|gt|amp);/g, (_, name: string) => ({ quot: '"', apos: "'", lt: "<", gt: ">", amp: "&" })[name]!);

/** The value of the ita_admin cookie is the base64 of the JSON-quoted session token. */
function sessionToken(cookieValue: string): string {
  return JSON.parse(Buffer.from(decodeURIComponent(cookieValue), "base64").toString("utf8")) as string;
}

/**
 * Sign in through the form; if the account has 2FA (admin.spec.ts enrols it earlier in the run),
 * stand in for the authenticator by marking this one session verified in the e2e database.
 */
async function signIn(page: Page) {
  const main = page.locator("main");
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login\?redirectTo=%2Fadmin$/);
  await main.getByLabel("อีเมล").fill(ADMIN);
  await main.getByLabel("รหัสผ่าน").fill(demoPassword(ADMIN));
  await main.getByRole("button", { name: "เข้าสู่ระบบ" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/agencies/${DEMO.slug}$|/admin/login/2fa$`));
  if (new URL(page.url()).pathname !== "/admin/login/2fa") return "password";

  const cookie = (await page.context().cookies()).find((c) => c.name === "ita_admin");
  expect(cookie, "the password step set the admin cookie").toBeTruthy();
  const id = crypto.createHash("sha256").update(sessionToken(cookie!.value), "utf8").digest("hex");
  const db = new Database(e2eDatabaseFile, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const now = new Date().toISOString().replace(/Z$/, "+00:00"); // Prisma's SQLite DateTime text
    const changed = db
      .prepare("UPDATE AdminSession SET twoFactorVerifiedAt = ? WHERE id = ? AND revokedAt IS NULL AND twoFactorVerifiedAt IS NULL")
      .run(now, id).changes;
    expect(changed, "exactly the new half-signed-in session").toBe(1);
  } finally {
    db.close();
  }
  await page.goto("/admin");
  await expect(page).toHaveURL(new RegExp(`/admin/agencies/${DEMO.slug}$`));
  return "password+2fa(db)";
}

/** The measure rows of one indicator's table in the editor (the last one is always blank). */
const rowsOf = (main: Locator, indicator: string) => main.locator(`section[data-indicator="${indicator}"] table.plan-table tbody tr`);
const field = (main: Locator, name: string) => main.locator(`[name="${name}"]`);
const thaiDigits = (text: string) => text.replace(/[0-9]/g, (digit) => "๐๑๒๓๔๕๖๗๘๙"[Number(digit)]);

test("the agency admin writes the improvement plan, prints it in Sarabun with Thai digits, and downloads it as Word", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const fontResponses = new Map<string, number>();
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith("/fonts/")) fontResponses.set(url.pathname, response.status());
  });
  const main = page.locator("main");
  const timings: Record<string, number> = {};
  let started = Date.now();
  const lap = (name: string) => {
    timings[name] = Date.now() - started;
    started = Date.now();
  };
  let row1 = 0;
  let row2 = 0;
  let libraryTitle = "";
  let resultsTotal = "";
  let reportTotal = "";

  await test.step("sign in → dashboard → the plan editor", async () => {
    const how = await signIn(page);
    console.log(`plan-admin sign-in: ${how}`);
    await expect(main.getByRole("heading", { level: 1 })).toHaveText(DEMO.nameTh);
    await main.getByRole("link", { name: "แผนพัฒนาจากผล ITA" }).click();
    await expect(page).toHaveURL(new RegExp(`${PLAN}$`));
    await expect(main.getByRole("heading", { level: 1 })).toHaveText(`การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร — ${DEMO.nameTh}`);
    lap("sign-in+editor");
  });

  await test.step("the generated analysis of the 10 indicators", async () => {
    const sections = main.locator("section[data-indicator]");
    await expect(sections).toHaveCount(10);
    for (const [index, name] of INDICATOR_NAMES.entries()) {
      const code = String(index + 1);
      const section = main.locator(`section[data-indicator="${code}"]`);
      await expect(section.getByRole("heading", { level: 2 })).toContainText(`ตัวชี้วัดที่ ${code} ${name}`);
      const analysis = main.getByTestId(`analysis-${code}`);
      await expect(analysis).toBeVisible();
      const text = (await analysis.textContent())!.trim();
      expect(text.length, `analysis of indicator ${code}`).toBeGreaterThan(20);
      expect(text).toMatch(/[\u0E00-\u0E7F]/); // Thai UI first
      // One blank row per indicator, always.
      const rows = rowsOf(main, code);
      await expect(field(rows.last(), `m.${code}.${(await rows.count()) - 1}.title`)).toHaveValue("");
    }
    await expect(main.getByText(/ยังไม่ได้บันทึก|ฉบับที่ \d+ บันทึกเมื่อ/).first()).toBeVisible();
  });

  await test.step("two typed measures, one from the library, the signatures; saved", async () => {
    // Into the blank last row of each indicator (row 0 on a fresh database).
    row1 = (await rowsOf(main, MEASURE_1.indicator).count()) - 1;
    row2 = (await rowsOf(main, MEASURE_2.indicator).count()) - 1;
    for (const [measure, row] of [
      [MEASURE_1, row1],
      [MEASURE_2, row2],
    ] as const) {
      const name = (f: string) => `m.${measure.indicator}.${row}.${f}`;
      await field(main, name("title")).fill(measure.title);
      await field(main, name("steps")).fill(measure.steps);
      await field(main, name("start")).fill(measure.start);
      await field(main, name("end")).fill(measure.end);
      await field(main, name("unit")).fill(measure.unit);
    }
    const library = field(main, `lib.${LIBRARY_INDICATOR}`);
    const options = library.locator("option");
    expect(await options.count()).toBeGreaterThan(1);
    const option = options.nth(1);
    const optionValue = (await option.getAttribute("value"))!;
    const optionText = (await option.textContent())!.trim();
    libraryTitle = optionText.replace(/^[^:]+:\s*/, "");
    expect(libraryTitle.length).toBeGreaterThan(5);
    await library.selectOption(optionValue);
    for (const [who, signature] of Object.entries(SIGNATURES)) {
      await field(main, `sig.${who}.name`).fill(signature.name);
      await field(main, `sig.${who}.position`).fill(signature.position);
    }
    await main.getByRole("button", { name: "บันทึก", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${PLAN}\\?saved=1$`));
    await expect(main.getByRole("status")).toHaveText("บันทึกแล้ว");
    lap("fill+save");
  });

  await test.step("after a reload the plan is still there", async () => {
    await page.goto(PLAN);
    await expect(main.getByRole("status")).toHaveCount(0);
    await expect(main.getByText(/ฉบับที่ \d+ บันทึกเมื่อ/).first()).toBeVisible();
    for (const [measure, row] of [
      [MEASURE_1, row1],
      [MEASURE_2, row2],
    ] as const) {
      const name = (f: string) => `m.${measure.indicator}.${row}.${f}`;
      await expect(field(main, name("title"))).toHaveValue(measure.title);
      await expect(field(main, name("steps"))).toHaveValue(measure.steps);
      await expect(field(main, name("start"))).toHaveValue(measure.start);
      await expect(field(main, name("end"))).toHaveValue(measure.end);
      await expect(field(main, name("unit"))).toHaveValue(measure.unit);
      // Still one blank row after the saved one.
      await expect(rowsOf(main, measure.indicator)).toHaveCount(row + 2);
      await expect(field(main, `m.${measure.indicator}.${row + 1}.title`)).toHaveValue("");
    }
    // The Buddhist-era period under the date inputs.
    await expect(rowsOf(main, MEASURE_1.indicator).nth(row1).locator(".muted")).toHaveText(MEASURE_1.periodEditor);
    // The library pick became a row of indicator 9 with the suggestion as its title, the select reset.
    const libraryTitles = await main
      .locator(`section[data-indicator="${LIBRARY_INDICATOR}"] textarea[name$=".title"]`)
      .evaluateAll((nodes) => nodes.map((node) => (node as HTMLTextAreaElement).value));
    expect(libraryTitles).toContain(libraryTitle);
    await expect(field(main, `lib.${LIBRARY_INDICATOR}`)).toHaveValue("");
    for (const [who, signature] of Object.entries(SIGNATURES)) {
      await expect(field(main, `sig.${who}.name`)).toHaveValue(signature.name);
      await expect(field(main, `sig.${who}.position`)).toHaveValue(signature.position);
    }
    await shot(page, "1-editor");
    lap("reload+check");
  });

  await test.step("the print view: Sarabun loaded, Thai digits, the measures and signatures", async () => {
    // The report's total is the results page's, in Thai digits.
    await page.goto(`/admin/agencies/${DEMO.slug}/results`);
    resultsTotal = (await main.getByTestId("results-total").textContent())!.trim();
    const resultsRating = (await main.getByTestId("results-rating").textContent())!.trim();
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`${PLAN}$`));
    await main.getByTestId("plan-print-link").click();
    await expect(page).toHaveURL(new RegExp(`${PLAN}/print$`));
    const report = page.locator("article.report");
    await expect(report.getByRole("heading", { level: 1 })).toContainText(DEMO.nameTh);
    await page.evaluate(() => document.fonts.ready);
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      const faces = [...document.fonts].filter((face) => face.family.replace(/["']/g, "") === "Sarabun");
      return {
        latin: document.fonts.check("16px Sarabun"),
        thai: document.fonts.check("16px Sarabun", "ก"),
        thaiBold: document.fonts.check("bold 16px Sarabun", "ก"),
        family: getComputedStyle(document.querySelector(".report")!).fontFamily,
        faces: faces.map((face) => ({ weight: face.weight, status: face.status, thai: face.unicodeRange.includes("E01") })),
      };
    });
    console.log(`plan-admin fonts: ${JSON.stringify(fonts)}`);
    expect(fonts.family).toMatch(/^"?Sarabun"?\s*,/);
    expect(fonts.thai).toBe(true);
    expect(fonts.thaiBold).toBe(true);
    expect(fonts.latin).toBe(true);
    // check() is also true when no face matches at all: the Thai faces must really be loaded.
    expect(
      fonts.faces
        .filter((face) => face.thai && face.status === "loaded")
        .map((face) => face.weight)
        .sort(),
    ).toEqual(["400", "700"]);
    expect(fontResponses.get("/fonts/sarabun-thai-400-normal.woff2")).toBe(200);
    expect(fontResponses.get("/fonts/sarabun-thai-700-normal.woff2")).toBe(200);

    // Thai digits by default: the total, the table of indicators, the periods.
    reportTotal = (await page.getByTestId("report-total").textContent())!.trim();
    expect(reportTotal).toBe(`คะแนนรวม ${resultsTotal === "—" ? "—" : thaiDigits(resultsTotal)} — ระดับผลการประเมิน ${resultsRating}`);
    expect(reportTotal).not.toMatch(/[0-9]/);
    for (const [index, name] of INDICATOR_NAMES.entries()) {
      const code = String(index + 1);
      await expect(report.locator(`tr[data-indicator="${code}"] td`).nth(2)).toHaveText(`${thaiDigits(code)}. ${name}`);
    }
    const analysis1 = report.locator(`section[data-indicator-analysis="${MEASURE_1.indicator}"]`);
    await expect(analysis1.locator("tbody tr").first().locator("td")).toHaveText([MEASURE_1.title, MEASURE_1.steps, MEASURE_1.periodReport, MEASURE_1.unit]);
    const analysis2 = report.locator(`section[data-indicator-analysis="${MEASURE_2.indicator}"]`);
    await expect(analysis2.locator("tbody tr").first().locator("td")).toHaveText([MEASURE_2.title, MEASURE_2.steps, MEASURE_2.periodReport, MEASURE_2.unit]);
    await expect(report.locator(`section[data-indicator-analysis="${LIBRARY_INDICATOR}"] tbody td`).first()).toHaveText(libraryTitle);
    for (const signature of Object.values(SIGNATURES)) {
      await expect(report.locator(".signatures")).toContainText(`(${signature.name})`);
      await expect(report.locator(".signatures")).toContainText(signature.position);
    }
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".no-print").first()).toBeHidden();
    await shot(page, "2-print");
    lap("print-view");
  });

  await test.step("printed to A4 PDF and read back with pdftotext", async () => {
    const pdfFile = path.join(SCREENSHOTS, "plan-report.pdf");
    await page.pdf({ path: pdfFile, format: "A4", printBackground: true });
    await page.emulateMedia({ media: "screen" });
    expect(fs.readFileSync(pdfFile).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = execFileSync("pdftotext", ["-layout", pdfFile, "-"], { encoding: "utf8" });
    fs.writeFileSync(path.join(SCREENSHOTS, "plan-report.txt"), text);
    await testInfo.attach("pdftotext", { body: text, contentType: "text/plain" });
    const info = execFileSync("pdfinfo", [pdfFile], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    const fontList = execFileSync("pdffonts", [pdfFile], { encoding: "utf8" });
    console.log(
      `plan-admin pdf: ${pages} pages; fonts: ${fontList
        .split("\n")
        .slice(2)
        .map((l) => l.split(/\s+/)[0])
        .filter(Boolean)
        .join(", ")}`,
    );
    expect(fontList).toMatch(/Sarabun/); // the web font is what got embedded

    // -layout keeps the page's lines: the headings, the table of indicators, the total.
    const flat = squash(text);
    for (const expected of [
      "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร",
      DEMO.nameTh,
      "การวิเคราะห์ผลและแผนพัฒนารายตัวชี้วัด",
      ...INDICATOR_NAMES.map((name, index) => `${thaiDigits(String(index + 1))}. ${name}`),
      reportTotal,
    ]) {
      expect(flat, `pdftotext -layout has "${expected}"`).toContain(squash(expected));
    }
    // ...but it interleaves the lines of wrapped table cells (a measure's title, steps and period
    // sit side by side), so the cells are read in content order (-raw), where each stays whole.
    const raw = execFileSync("pdftotext", ["-raw", pdfFile, "-"], { encoding: "utf8" });
    fs.writeFileSync(path.join(SCREENSHOTS, "plan-report-raw.txt"), raw);
    const flatRaw = squash(raw);
    for (const expected of [
      ...INDICATOR_NAMES,
      MEASURE_1.title,
      MEASURE_1.steps,
      MEASURE_1.unit,
      MEASURE_1.periodReport,
      "๑ เมษายน ๒๕๖๙",
      MEASURE_2.title,
      MEASURE_2.unit,
      MEASURE_2.periodReport,
      libraryTitle,
      ...Object.values(SIGNATURES).flatMap((signature) => [`(${signature.name})`, signature.position]),
    ]) {
      expect(flatRaw, `pdftotext -raw has "${expected}"`).toContain(squash(expected));
    }
    // Dates only in the Buddhist era and Thai digits.
    expect(raw).not.toMatch(/2569|2026/);
    // Screen-only links stay off paper.
    expect(text).not.toContain("แก้ไขแผน");
    expect(text).not.toContain("ดาวน์โหลด Word");
    lap("pdf");
  });

  await test.step("the Word file from the link", async () => {
    await page.goto(`${PLAN}/print`);
    const downloading = page.waitForEvent("download");
    await page.locator(".no-print").getByRole("link", { name: "ดาวน์โหลด Word (.docx)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^ita-\\d{4}-plan-${DEMO.slug}-v\\d+\\.docx$`));
    const docxFile = path.join(SCREENSHOTS, "plan-report.docx");
    await download.saveAs(docxFile);
    const bytes = fs.readFileSync(docxFile);
    expect(bytes.length).toBeGreaterThan(2000);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    // The document body carries what was entered, dates in Thai digits.
    const xml = execFileSync("unzip", ["-p", docxFile, "word/document.xml"], { encoding: "utf8", maxBuffer: 32 * 1024 * 1024 });
    expect(xml).toContain('w:ascii="TH Sarabun New"');
    const runs = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => unescapeXml(match[1]));
    for (const expected of [
      MEASURE_1.title,
      MEASURE_1.steps,
      MEASURE_1.periodReport,
      MEASURE_1.unit,
      MEASURE_2.title,
      MEASURE_2.periodReport,
      libraryTitle,
      ...Object.values(SIGNATURES).map((signature) => `(${signature.name})`),
    ]) {
      expect(runs.includes(expected), `a text run of document.xml is "${expected}"`).toBe(true);
    }
    expect(runs.filter((run) => run.startsWith("ตัวชี้วัดที่ ")).length).toBeGreaterThanOrEqual(20); // heading + analysis × 10
    lap("docx");
  });

  console.log(`plan-admin timings (ms): ${JSON.stringify(timings)}`);
  expect(errors).toEqual([]);
});
