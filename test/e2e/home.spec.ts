import { expect, test } from "@playwright/test";

test("the home page is Thai first, switches to English and back, with security headers", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["cache-control"]).toBe("no-store");

  await expect(page.locator("html")).toHaveAttribute("lang", "th");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("การประเมินคุณธรรมและความโปร่งใส");
  await expect(page.getByText("ปีงบประมาณ พ.ศ. 2568")).toBeVisible();
  await expect(page.getByRole("link", { name: "ตอบแบบวัด IIT" })).toHaveAttribute("href", "/iit");

  await page.getByRole("button", { name: "English", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Integrity and Transparency Assessment");
  await expect(page.getByRole("link", { name: "Answer the IIT" })).toBeVisible();

  await page.getByRole("button", { name: "ภาษาไทย", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "th");
  expect(errors).toEqual([]);
});

test("the language switch works with JavaScript off", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("button", { name: "English", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await context.close();
});

test("a cross-site POST is refused with 403", async ({ request }) => {
  const response = await request.post("/language", {
    form: { lang: "en" },
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
});

// Through the real server, not just the action: Remix's own Origin check would answer these 500.
test("a POST with a foreign Origin and no Sec-Fetch-Site is refused with 403 on every kind of action", async ({ request }) => {
  const origins = ["https://evil.example", "null", "http://localhost:1"];
  const actions: [string, Record<string, string>][] = [
    ["/language", { lang: "en" }],
    ["/iit?index", { code: "ABCD-EFGH" }],
    ["/iit/survey", { submissionKey: "k".repeat(22) }],
    ["/e/some-agency/survey", { submissionKey: "k".repeat(22) }],
    ["/admin/login", { email: "a@b.c", password: "x" }],
  ];
  for (const origin of origins) {
    for (const [path, form] of actions) {
      const response = await request.post(path, { form, headers: { Origin: origin }, maxRedirects: 0 });
      expect(response.status(), `${path} from ${origin}`).toBe(403);
      expect(await response.text()).toContain("ปฏิเสธคำขอจากเว็บไซต์อื่น");
    }
  }
});

test("a survey submit to a malformed agency path is answered by the app, not a server error", async ({ request }) => {
  const response = await request.post("/e/%E0/survey", { form: { submissionKey: "k".repeat(22) }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toContain("expired=1");
});

test("an unknown page gets the 404 page in the visitor's language (Thai by default), not a stack trace", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 404/.test(message.text())) errors.push(message.text());
  });
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("lang", "th");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ไม่พบหน้าที่ต้องการ");

  // Remix runs no loader when no route matches: the splat route (app/routes/$.tsx) makes the root
  // loader run, so the language cookie applies — under the admin layout's path and a survey's too.
  await page.goto("/");
  await page.getByRole("button", { name: "English", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  for (const path of ["/no-such-page", "/admin/no-such-page", "/e/some-agency/no/such/step"]) {
    const answer = await page.goto(path);
    expect(answer?.status(), path).toBe(404);
    await expect(page.locator("html"), path).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 }), path).toHaveText("Page not found");
    await expect(page, path).toHaveTitle(/^Error: Page not found/);
  }
  // Data requests for an unknown path (single fetch, and the old ?_data=) and a POST: a plain 404.
  for (const path of ["/no-such-page.data", "/admin/no-such-page.data", "/no-such-page?_data=routes%2F%24"]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  expect((await page.request.post("/no-such-page", { form: { a: "b" }, maxRedirects: 0 })).status()).toBe(404);
  expect(errors).toEqual([]);
  await context.close();
});
