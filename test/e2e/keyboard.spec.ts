// Issue 20 §3: the IIT and EIT journeys with a keyboard only (2.1.1, 2.4.3, 2.4.7), from the page a
// QR code opens to the thanks page: Tab, Shift+Tab, Space, Enter and the arrow keys, text typed with
// page.keyboard into the field the keyboard focused; no clicks. Every element that takes focus on the
// way must show it (a computed outline or box-shadow on it or on its label), and the answer groups
// are reached in the order of the page. The OTP is read from the dev outbox in a second tab, as a
// person reads an SMS. What axe cannot see; accessibility.spec.ts does the rest.
//
// Runs in the "a11y" project, beside "public" (the demo's printed IIT code): one IIT and one EIT response.
import { expect, test, type Page } from "@playwright/test";
import { demoIitCode } from "./demo";

const DEMO_SLUG = "rae-subdistrict-municipality";
const MAX_TABS = 200;

type Focused = {
  tag: string;
  type: string;
  name: string;
  value: string;
  checked: boolean;
  /** The element's classes. */
  classes: string[];
  visible: boolean;
  /** The focus indicator's colour against what is behind it (1.4.11 asks ≥ 3:1), and the two colours. */
  contrast: number;
  colours: string;
  what: string;
};

/**
 * The focused element; whether its focus shows (an outline or box-shadow on it or on its label); and
 * the contrast of that indicator's colour with the background behind it (the nearest opaque
 * background of the parent: the ring sits around the element).
 */
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    if (!element || element === document.body)
      return { tag: "body", type: "", name: "", value: "", checked: false, classes: [], visible: false, contrast: 0, colours: "", what: "<body>" };
    const rgb = (colour: string) =>
      (colour.match(/rgba?\(([^)]+)\)/)?.[1] ?? "0,0,0,0")
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
    const luminance = ([r, g, b]: number[]) =>
      [r, g, b].map((c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    const backgroundBehind = (node: Element | null) => {
      for (let at = node; at; at = at.parentElement) {
        const colour = getComputedStyle(at).backgroundColor;
        if ((rgb(colour)[3] ?? 1) > 0) return colour;
      }
      return "rgb(255, 255, 255)";
    };
    const indicator = (node: Element | null) => {
      if (!node) return null;
      const style = getComputedStyle(node);
      if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) return style.outlineColor;
      if (style.boxShadow && style.boxShadow !== "none") return style.boxShadow.match(/rgba?\([^)]+\)/)?.[0] ?? null;
      return null;
    };
    const ownRing = indicator(element);
    const label = element.closest("label");
    const ring = ownRing ?? indicator(label);
    const behind = backgroundBehind((ownRing ? element : label)?.parentElement ?? null);
    const [a, b] = ring ? [luminance(rgb(ring)), luminance(rgb(behind))] : [0, 0];
    return {
      tag: element.tagName.toLowerCase(),
      type: element.getAttribute("type") ?? "",
      name: element.getAttribute("name") ?? "",
      value: element.value ?? "",
      checked: Boolean(element.checked),
      classes: [...element.classList],
      visible: ring !== null,
      contrast: ring ? (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) : 0,
      colours: `${ring} on ${behind}`,
      what: element.outerHTML.slice(0, 120),
    };
  });
}

/** Focus rings below 3:1, one example per colour pair, checked (softly) at the end of each test. */
const faintRings = new Map<string, string>();
test.beforeEach(() => faintRings.clear());
test.afterEach(() => {
  expect
    .soft(
      [...faintRings].map(([colours, where]) => `${colours}, e.g. ${where}`),
      "focus indicators below 3:1 (1.4.11)",
    )
    .toEqual([]);
});

/** Tab (or Shift+Tab) until `wanted` is focused; every stop on the way must show its focus. */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, key: "Tab" | "Shift+Tab" = "Tab"): Promise<Focused> {
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    expect(now.visible, `focus is visible on ${now.what}`).toBe(true);
    const faint = `${now.colours} (${now.contrast.toFixed(2)}:1)`;
    if (now.contrast < 3 && !faintRings.has(faint)) faintRings.set(faint, now.what);
    if (wanted(now)) return now;
  }
  throw new Error(`${key} never reached the wanted element on ${page.url()}`);
}

/** A form's main button (class "button"), not the language switch or a small inline action. */
const isSubmit = (f: Focused) => f.tag === "button" && f.type === "submit" && f.classes.includes("button") && !f.classes.includes("button-small");

/**
 * The survey (or eligibility) form by keyboard: Tab into each answer group in turn, Space to choose
 * its first option, until the submit button; the groups must come in the page's order.
 */
async function answerByKeyboard(page: Page, groupSelector: string) {
  const expected = await page
    .locator(groupSelector)
    .evaluateAll((groups) => groups.map((group) => group.querySelector('input[type="radio"]')!.getAttribute("name")!));
  expect(expected.length).toBeGreaterThan(0);
  const reached: string[] = [];
  for (;;) {
    const now = await tabTo(page, (f) => (f.type === "radio" && !reached.includes(f.name)) || isSubmit(f));
    if (isSubmit(now)) break;
    await page.keyboard.press("Space");
    expect((await focused(page)).checked, `Space chose an option of ${now.name}`).toBe(true);
    reached.push(now.name);
  }
  expect(reached, "answer groups reached in the page's order").toEqual(expected);
}

/** Tab from the top of the page to the first field of `name`, and type `text` into it. */
async function typeInto(page: Page, name: string, text: string) {
  await tabTo(page, (f) => f.tag === "input" && f.name === name);
  await page.keyboard.type(text);
}

test("the IIT by keyboard only: code, eligibility (arrow keys, Shift+Tab), 15 items, thanks, focus always visible", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/iit");
  await typeInto(page, "code", demoIitCode());
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/iit\/eligibility$/);

  // Position: Tab in, Space. Tenure: arrow down to "no", up back to "yes" (arrows move the choice).
  const position = await tabTo(page, (f) => f.type === "radio");
  await page.keyboard.press("Space");
  const tenure = await tabTo(page, (f) => f.type === "radio" && f.name !== position.name);
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowDown");
  expect(await focused(page)).toMatchObject({ name: tenure.name, value: "no", checked: true });
  await page.keyboard.press("ArrowUp");
  expect(await focused(page)).toMatchObject({ name: tenure.name, value: "yes", checked: true });
  // Back to the first group and forward again: Shift+Tab lands on its chosen option.
  expect(await tabTo(page, (f) => f.type === "radio", "Shift+Tab")).toMatchObject({ name: position.name, checked: true });
  await tabTo(page, isSubmit);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/iit\/survey$/);

  await answerByKeyboard(page, "form.survey-form fieldset.choice-group");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/iit\/thanks$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("the EIT part 1 by keyboard only: phone, OTP, eligibility, 9 items, thanks, focus always visible", async ({ page, context }) => {
  test.setTimeout(90_000);
  const last = String(Math.floor(Math.random() * 10_000)).padStart(4, "0");
  const outbox = await context.newPage();
  const codes = async () => {
    await outbox.goto("/dev/outbox");
    const entries = outbox.locator("ol.outbox li").filter({ has: outbox.locator("strong", { hasText: `089-xxx-${last}` }) });
    return (await entries.locator(".outbox-text").allTextContents()).map((text) => text.match(/^(\d{6})\b/)?.[1] ?? "").filter(Boolean);
  };
  const seen = (await codes()).length;

  await page.bringToFront();
  await page.goto(`/e/${DEMO_SLUG}`); // what the counter's QR code opens
  await typeInto(page, "contact", `089-666-${last}`);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/verify$/);

  let received: string[] = [];
  await expect.poll(async () => (received = await codes()).length, { timeout: 5000 }).toBeGreaterThan(seen);
  await page.bringToFront();
  await typeInto(page, "code", received[0]);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/eligibility$/);

  await answerByKeyboard(page, "form fieldset.choice-group");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/survey$/);

  await answerByKeyboard(page, "form.survey-form fieldset.choice-group");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/thanks$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
