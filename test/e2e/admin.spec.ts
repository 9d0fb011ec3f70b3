// The agency admin in a real browser against the demo build (DEMO_MODE, ADMIN_REQUIRE_2FA=false,
// seeded fresh): sign in through the form, the dashboard with the three instruments, populations →
// minimum samples, a new IIT code shown once, a service counter registered on the dashboard and the
// A4 poster of it with its QR and short link (?c=<its opaque id>), printed to PDF and read back with
// pdftotext; then 2FA, the counter's QR PNG decoded, a citizen answering through it (counted for
// that counter in CounterTally), and the counter retired.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { generate } from "otplib";
import { PNG } from "pngjs";
import Database from "better-sqlite3";
import { demoCounter, demoCredentials as demoCredentialsText, e2eDatabaseFile } from "./demo";
import { answerEitPart1 } from "./eit-flow";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCREENSHOTS = path.join(ROOT, "test/e2e/screenshots");

/** The demo logins the e2e server's seed wrote next to its database. */
function demoCredentials() {
  const text = demoCredentialsText();
  const admin = /agency_admin\s+(\S+@\S+)\s+(\S+)/.exec(text);
  if (!admin) throw new Error("No agency_admin line in the e2e demo credentials");
  const agency = /Demo agency:\s+(.+?)\s+\((.+)\)\s*$/m.exec(text);
  const link = /EIT link \(public\):\s+(\S+)/.exec(text);
  return {
    email: admin[1],
    password: admin[2],
    nameTh: agency?.[1] ?? "เทศบาลตำบลแร่",
    slug: link ? new URL(link[1]).pathname.split("/").pop()! : "rae-subdistrict-municipality",
  };
}

async function shot(page: Page, step: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `admin-${step}.png`), fullPage: true });
}

// The counter the demo seed registers, and the one this spec registers on the dashboard.
const SEEDED_COUNTER = "เคาน์เตอร์ 1 / Front desk";
const NEW_COUNTER = "ช่องบริการ 2 (e2e)";
const COUNTER_ID = /^[0-9abcdefghjkmnpqrstvwxyz]{16}$/;

const seededCounterId = () => demoCounter().id;

/** A counter's EIT-1 count in CounterTally (all cycles), read straight from the e2e database. */
function counterCount(counterId: string): number {
  const db = new Database(e2eDatabaseFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT COALESCE(SUM("responses"), 0) AS n FROM "CounterTally" WHERE "counterId" = ?`).get(counterId) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** The "minimum" cell of an instrument's row in the progress table. */
const minimumOf = (page: Page, instrument: string) => page.locator(`main table tr[data-instrument="${instrument}"] td`).nth(1);

test("an agency admin signs in, sets populations, rotates the IIT code, registers a counter and prints its poster", async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const demo = demoCredentials();
  const main = page.locator("main");

  // ── sign in through the form ──
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login\?redirectTo=%2Fadmin$/);
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("เข้าสู่ระบบผู้ดูแล");
  // A wrong password first: the generic message, no session.
  await main.getByLabel("อีเมล").fill(demo.email);
  await main.getByLabel("รหัสผ่าน").fill("wrong-password-123");
  await main.getByRole("button", { name: "เข้าสู่ระบบ" }).click();
  await expect(main.getByRole("alert")).toHaveText("อีเมลหรือรหัสผ่านไม่ถูกต้อง");
  await main.getByLabel("อีเมล").fill(demo.email);
  await main.getByLabel("รหัสผ่าน").fill(demo.password);
  await shot(page, "login");
  await main.getByRole("button", { name: "เข้าสู่ระบบ" }).click();

  // ── the agency's own dashboard ──
  await expect(page).toHaveURL(new RegExp(`/admin/agencies/${demo.slug}$`));
  const cookie = (await page.context().cookies()).find((c) => c.name === "ita_admin");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Strict");
  await expect(main.getByRole("heading", { level: 1 })).toHaveText(demo.nameTh);
  for (const [instrument, label] of [
    ["iit", "IIT (บุคลากรภายใน)"],
    ["eit1", "EIT ส่วนที่ 1 (ผู้รับบริการ)"],
    ["eit2", "EIT ส่วนที่ 2 (ผู้มีส่วนได้ส่วนเสียสำคัญ)"],
  ]) {
    await expect(main.locator(`table tr[data-instrument="${instrument}"] th`)).toHaveText(label);
  }
  await shot(page, "dashboard");

  // ── populations → minimum samples, recomputed at once ──
  const save = main.getByRole("button", { name: "บันทึก", exact: true });
  await main.locator("#internalPopulation").fill("200");
  await main.locator("#externalPopulation").fill("2,000");
  await save.click();
  await expect(main.getByRole("status")).toHaveText("บันทึกแล้ว");
  await expect(minimumOf(page, "iit")).toHaveText("40");
  await expect(minimumOf(page, "eit1")).toHaveText("400");
  await expect(minimumOf(page, "eit2")).toHaveText("80");

  await main.locator("#internalPopulation").fill("45");
  await main.locator("#externalPopulation").fill("400");
  await save.click();
  await expect(minimumOf(page, "iit")).toHaveText("30");
  await expect(minimumOf(page, "eit1")).toHaveText("80");
  await expect(minimumOf(page, "eit2")).toHaveText("20");
  await expect(main.locator("#internalPopulation")).toHaveValue("45");
  await shot(page, "populations");

  // ── a new IIT code, shown once ──
  await main.getByRole("button", { name: "สร้างรหัสใหม่ (รหัสเดิมจะใช้ไม่ได้)" }).click();
  const shown = main.getByTestId("new-code");
  await expect(shown).toHaveText(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  const code = (await shown.textContent())!.trim();
  await shot(page, "code");
  await page.reload();
  await expect(main.getByRole("heading", { level: 1 })).toHaveText(demo.nameTh);
  await expect(main.getByTestId("new-code")).toHaveCount(0);
  expect(await page.content()).not.toContain(code);
  await expect(main.getByText(/มีรหัสที่ใช้งานอยู่/)).toBeVisible();

  // ── service counters: the seeded one is listed (its count hidden below 5); a new one registered ──
  const counters = main.getByTestId("counters");
  const seeded = counters.locator("li", { hasText: SEEDED_COUNTER });
  await expect(seeded).toContainText(`${SEEDED_COUNTER}: น้อยกว่า 5`);
  await main.getByLabel("ชื่อจุดบริการ (เช่น ช่องบริการ 1)").fill(NEW_COUNTER);
  await main.getByRole("button", { name: "เพิ่มจุดบริการ" }).click();
  await expect(main.getByRole("status")).toHaveText("บันทึกแล้ว");
  const added = counters.locator("li", { hasText: NEW_COUNTER });
  await expect(added).toHaveCount(1);
  await expect(added).toContainText(`${NEW_COUNTER}: น้อยกว่า 5`);
  // Its id is opaque: 16 random Crockford characters, nothing of the label.
  const counterId = (await added.getAttribute("data-counter"))!;
  expect(counterId).toMatch(COUNTER_ID);
  await shot(page, "counters");

  // ── the A4 poster of the new counter, opened from its row: the QR link carries only its id ──
  await added.getByRole("link", { name: "โปสเตอร์ A4" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/agencies/${demo.slug}/poster\\?c=${counterId}$`));
  const qr = main.locator(".poster-qr svg");
  await expect(qr).toBeVisible();
  const box = await qr.boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(200); // large enough to scan from a counter
  expect(Math.abs(box!.width - box!.height)).toBeLessThan(2);
  expect(await qr.locator("path").count()).toBeGreaterThan(0);
  await expect(main.locator(".poster-link")).toHaveText(new RegExp(`^https?://[^/]+/e/${demo.slug}\\?c=${counterId}$`));
  await expect(main.locator(".poster-agency")).toHaveText(demo.nameTh);
  await expect(main.locator(".poster-counter")).toHaveText(NEW_COUNTER); // the label is printed, never linked
  await shot(page, "poster");
  // A free tag is no counter: no poster, no QR for it.
  expect((await page.request.get(`/admin/agencies/${demo.slug}/poster?c=front-desk`)).status()).toBe(404);
  expect((await page.request.get(`/admin/agencies/${demo.slug}/qr.png?c=front-desk`)).status()).toBe(404);

  // ── printed: the PDF carries the agency's Thai name and the link, on one A4 page ──
  const pdfFile = testInfo.outputPath("poster.pdf");
  await page.pdf({ path: pdfFile, format: "A4", printBackground: true });
  const text = execFileSync("pdftotext", ["-layout", pdfFile, "-"], { encoding: "utf8" });
  const squash = (value: string) => value.normalize("NFKC").replace(/\s+/g, "");
  expect(squash(text)).toContain(squash(demo.nameTh));
  expect(squash(text)).toContain(`/e/${demo.slug}?c=${counterId}`);
  expect(text).not.toContain("ดาวน์โหลด PNG"); // screen-only links stay off paper
  const info = execFileSync("pdfinfo", [pdfFile], { encoding: "utf8" });
  expect(info).toMatch(/Pages:\s+1\s/);
  expect(info).toMatch(/Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)/);

  // ── sign out (a POST) → back to the login page ──
  await page.goto(`/admin/agencies/${demo.slug}`);
  await page.locator(".admin-bar").getByRole("button", { name: "ออกจากระบบ" }).click();
  await expect(page).toHaveURL(/\/admin\/login$/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login\?/);
  // Expected: exactly one console error, the deliberate wrong password's 401.
  expect(errors.filter((e) => /401/.test(e))).toHaveLength(1);
  expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
});

test("the agency admin enrols 2FA from the page, signs in with a TOTP code, the counter QR decodes to its EIT link, a citizen is counted for it, and it is retired", async ({
  page,
}) => {
  test.setTimeout(120_000); // waits for the next TOTP step, then a citizen answers
  const demo = demoCredentials();
  const main = page.locator("main");
  const signIn = async () => {
    await page.goto("/admin/login");
    await main.getByLabel("อีเมล").fill(demo.email);
    await main.getByLabel("รหัสผ่าน").fill(demo.password);
    await main.getByRole("button", { name: "เข้าสู่ระบบ" }).click();
  };

  // ── enrol: read the raw key from the page, compute the code as an authenticator app would ──
  await signIn();
  await expect(page).toHaveURL(new RegExp(`/admin/agencies/${demo.slug}$`)); // the demo does not force 2FA
  await page.goto("/admin/2fa/setup");
  await expect(main.locator(".qr svg")).toBeVisible();
  const secret = (await main.locator(".totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await shot(page, "2fa-setup");
  await main.getByLabel(/รหัส 6 หลัก/).fill(await generate({ secret }));
  await main.getByRole("button", { name: "ยืนยัน" }).click();
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("รหัสกู้คืน — บันทึกเก็บไว้ตอนนี้");
  await expect(main.locator(".recovery-codes li")).toHaveCount(10);
  await shot(page, "2fa-recovery");

  // ── sign out, sign in again: now the second factor is asked for ──
  await page.goto(`/admin/agencies/${demo.slug}`);
  await page.locator(".admin-bar").getByRole("button", { name: "ออกจากระบบ" }).click();
  await expect(page).toHaveURL(/\/admin\/login$/);
  await signIn();
  await expect(page).toHaveURL(/\/admin\/login\/2fa$/);
  // The enrolment used this 30-s step; a replay would be refused, so wait for the next step.
  const step = Math.floor(Date.now() / 30_000);
  while (Math.floor(Date.now() / 30_000) === step) await page.waitForTimeout(500);
  await main.getByLabel(/รหัส 6 หลัก/).fill(await generate({ secret }));
  await main.getByRole("button", { name: "ยืนยัน" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/agencies/${demo.slug}$`));

  // ── the new counter's QR, as a PNG (the poster's download link), decodes to the EIT link with its id ──
  await expect(main.getByTestId("counters")).toBeVisible();
  const added = main.getByTestId("counters").locator("li", { hasText: NEW_COUNTER });
  const counterId = (await added.getAttribute("data-counter"))!;
  expect(counterId).toMatch(COUNTER_ID);
  const png = await page.request.get(`/admin/agencies/${demo.slug}/qr.png?c=${counterId}`);
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  const image = PNG.sync.read(await png.body());
  const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  expect(decoded?.data).toMatch(new RegExp(`^https?://[^/]+/e/${demo.slug}\\?c=${counterId}$`));

  // ── a citizen scans it and answers: one more in CounterTally for this counter, none for the other ──
  const seededBefore = counterCount(seededCounterId());
  const citizen = await page
    .context()
    .browser()!
    .newContext({ locale: "th-TH", viewport: { width: 360, height: 740 } });
  await answerEitPart1(citizen, decoded!.data.replace(/^https?:\/\/[^/]+/, ""), "089-999-0001", "089-xxx-0001");
  await citizen.close();
  expect(counterCount(counterId)).toBe(1);
  expect(counterCount(seededCounterId())).toBe(seededBefore);
  await page.reload();
  await expect(added).toContainText(`${NEW_COUNTER}: น้อยกว่า 5`); // one response: no count shown

  // ── retired: listed as such, its poster and QR are gone, its link no longer counts ──
  await added.getByRole("button", { name: "เลิกใช้" }).click();
  await expect(main.getByRole("status")).toHaveText("บันทึกแล้ว");
  await expect(added).toContainText("เลิกใช้แล้ว: ลิงก์นี้ไม่นับแยกจุดอีก");
  await expect(added.getByRole("link", { name: "โปสเตอร์ A4" })).toHaveCount(0);
  expect((await page.request.get(`/admin/agencies/${demo.slug}/poster?c=${counterId}`)).status()).toBe(404);
  expect((await page.request.get(`/admin/agencies/${demo.slug}/qr.png?c=${counterId}`)).status()).toBe(404);
  // A poster already on the wall still opens the survey, but no longer sets the counter cookie.
  const late = await page.context().browser()!.newContext({ locale: "th-TH" });
  const latePage = await late.newPage();
  await latePage.goto(`/e/${demo.slug}?c=${counterId}`);
  await expect(latePage.getByLabel("หมายเลขโทรศัพท์มือถือ")).toBeVisible();
  expect((await late.cookies()).find((cookie) => cookie.name === "ita_counter")).toBeUndefined();
  await late.close();
  // The seeded counter is untouched.
  await expect(main.getByTestId("counters").locator("li", { hasText: SEEDED_COUNTER }).getByRole("link", { name: "โปสเตอร์ A4" })).toBeVisible();
});
