// Issue 20 §3, "then hold it": one call per page state runs axe-core with the WCAG 2.1 A/AA tags
// and, with `reflow`, the 320-px reflow check (1.4.10) on the same load (the public, respondent and
// admin contexts all run at 320 px; a page whose scroll regions clip text at that width is widened
// for axe, see checkPage). Failures are soft (expect.soft) so one run lists every page's
// violations, each with the rule id, its help text, the selectors it hit and axe's own summary: the
// fix is in the message.
import axe, { type Result } from "axe-core";
import { expect, type BrowserContext, type Page } from "@playwright/test";

/** WCAG 2.0 and 2.1, levels A and AA: what the ITA's own accessibility target (WCAG 2.1 AA) covers. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Rules axe ships as "experimental" (off even when their WCAG tag is asked for) that this project
 * turns on: 2.5.3 Label in Name (A), the one the issue-20 audit found on every page (the language
 * button's name must contain its visible text).
 */
const EXTRA_RULES = { "label-content-name-mismatch": { enabled: true } };

/** The narrowest screen 1.4.10 asks for: 320 CSS px (a 1280-px window zoomed to 400 %). */
export const REFLOW_WIDTH = 320;

/** One line per violated rule and node: what is wrong, where, and how axe would fix it. */
export function describeViolations(violations: Pick<Result, "id" | "impact" | "help" | "helpUrl" | "nodes">[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} [${violation.impact ?? "?"}] ${violation.help} (${violation.helpUrl.replace(/\?.*$/, "")})\n` +
        `    at ${node.target.map(String).join(" ")}\n` +
        `    ${(node.failureSummary ?? "").replace(/\s*\n\s*/g, " · ")}`,
    ),
  );
}

export type CheckOptions = {
  /** Nothing wider than the viewport (run it in a 320-px context: then it is 1.4.10). */
  reflow?: boolean;
  /**
   * Every table in <main> sits in a named, focusable scroll region (the admin pages' TableRegion):
   * a wide table scrolls inside it, not the page, and a keyboard can scroll it.
   */
  tableRegions?: boolean;
};

/**
 * axe-core in every document the context loads, before the page's own scripts: one script
 * registered once instead of ~0.5 MB sent over the DevTools protocol and evaluated after each
 * load (checkPage still injects it into a page that lacks it). About 0.1 s per checked page.
 */
export async function axeInEveryPage(context: BrowserContext) {
  await context.addInitScript({ content: axe.source });
}

/** What the page measures for `reflow` and `tableRegions`, in one evaluate. */
async function measureLayout(page: Page) {
  return page.evaluate(() => {
    const name = (element: Element) => {
      const label = element.getAttribute("aria-label")?.trim();
      if (label) return label;
      const ids = element.getAttribute("aria-labelledby")?.split(/\s+/) ?? [];
      return ids
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
        .join(" ")
        .trim();
    };
    const unregioned = [...document.querySelectorAll("main table")].flatMap((table, index) => {
      const region = table.closest('[role="region"]');
      return region && region.getAttribute("tabindex") === "0" && name(region) ? [] : [`table ${index + 1}`];
    });
    const { scrollWidth } = document.documentElement;
    // The widest elements outside a scroll region, so an overflow failure says what overflows.
    const wide =
      scrollWidth > window.innerWidth
        ? [...document.querySelectorAll("body *")]
            .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5 && !element.closest('[role="region"]'))
            .slice(-3)
            .map((element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)} px)`)
        : [];
    return { scrollWidth, innerWidth: window.innerWidth, unregioned, wide };
  });
}

/**
 * A desktop width, where every admin and public table fits. At 320 px axe cannot judge the
 * contrast of text a scroll region has clipped: it reports it "incomplete" (partially obscured),
 * which a zero-violation check does not fail on (measured on the admin pages: ~200 table cells
 * of the national overview). At this width nothing is clipped.
 */
export const WIDE_WIDTH = 1280;

/** A table's scroll region (TableRegion, .table-region on the public pages). */
const REGION = '[role="region"]';

/** The one WCAG rule that applies only where content scrolls: at 1280 px no region scrolls. */
const NARROW_RULE = "scrollable-region-focusable";

type AxeRun = { only?: string };

/** axe in the page: the WCAG rules (or `only` one) on the whole page. */
async function runAxe(page: Page, run: AxeRun = {}) {
  // axe-core (the engine of @axe-core/playwright) run in the page directly: AxeBuilder's default
  // mode opens a blank page per analysis to merge frame results, about three times slower, and
  // these pages have no frames. Injected once per document (or by axeInEveryPage).
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  return page.evaluate(
    ({ tags, rules, run }) =>
      (window as unknown as { axe: typeof axe }).axe
        .run(document, {
          runOnly: run.only ? { type: "rule", values: [run.only] } : { type: "tag", values: tags },
          rules: run.only ? {} : rules,
          resultTypes: ["violations"],
        })
        .then((results) => results.violations),
    { tags: WCAG_TAGS, rules: EXTRA_RULES, run },
  );
}

/**
 * Axe (zero violations) on the page as it is now, and, with `reflow`, nothing wider than the
 * viewport; with `tableRegions`, every table in a named, focusable region. `state` names the page
 * state in the failure message.
 *
 * In a window narrower than WIDE_WIDTH, a page with scroll regions is widened to WIDE_WIDTH (the
 * same load, no reload) for axe, then narrowed back; only NARROW_RULE runs at the narrow width.
 * Measured on every admin state in both languages: color-contrast (clipped text "incomplete" at
 * 320 px) and NARROW_RULE (inapplicable at 1280 px) are the only rules whose results differ
 * between the two widths (docs/accessibility.md).
 */
export async function checkPage(page: Page, state: string, { reflow = false, tableRegions = false }: CheckOptions = {}) {
  await page.waitForLoadState("load");
  const size = page.viewportSize();
  const widen = size !== null && size.width < WIDE_WIDTH && (await page.locator(REGION).count()) > 0;
  const violations = await runAxe(page, widen ? { only: NARROW_RULE } : {});
  expect.soft(describeViolations(violations), `axe: ${state} (${page.url()})`).toEqual([]);
  if (reflow || tableRegions) {
    const { scrollWidth, innerWidth, unregioned, wide } = await measureLayout(page);
    if (reflow) {
      expect.soft(scrollWidth, `reflow at ${innerWidth} px: ${state} (${page.url()}) scrolls sideways: ${wide.join(", ")}`).toBeLessThanOrEqual(innerWidth);
    }
    if (tableRegions) expect.soft(unregioned, `${state} (${page.url()}): tables not in a named, focusable region`).toEqual([]);
  }
  if (widen) {
    await page.setViewportSize({ width: WIDE_WIDTH, height: size.height });
    const wideViolations = await runAxe(page);
    await page.setViewportSize(size);
    expect.soft(describeViolations(wideViolations), `axe at ${WIDE_WIDTH} px: ${state} (${page.url()})`).toEqual([]);
  }
}

/**
 * Collects what a page throws or logs as an error while it is watched (a page that fails to
 * hydrate, e.g. a component reading a value only a .server file exports), for one expect at the
 * end. A 4xx the page's own document or form action (its data request) answered is expected (an error state under
 * test); its status is asserted where it is caused.
 */
export function watchErrors(page: Page) {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    // Remix's single fetch asks for the page's data at <path>.data.
    const resource = new URL(message.location().url || page.url(), page.url()).pathname.replace(/\.data$/, "");
    const own = resource === new URL(page.url()).pathname;
    if (own && /status of 4\d\d/.test(message.text())) return;
    problems.push(`${page.url()}: console: ${message.text()}`);
  });
  return problems;
}
