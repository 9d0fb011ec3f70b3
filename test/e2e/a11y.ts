// Issue 20 §3, "then hold it": one call per page state runs axe-core with the WCAG 2.1 A/AA tags
// and, on the public and respondent pages, the 320-px reflow check (1.4.10) on the same load.
// Failures are soft (expect.soft) so one run lists every page's violations, each with the rule id,
// its help text, the selectors it hit and axe's own summary: the fix is in the message.
import axe, { type Result } from "axe-core";
import { expect, type Page } from "@playwright/test";

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

export type CheckOptions = { reflow?: boolean };

/**
 * Axe (zero violations) on the page as it is now, and, with `reflow`, nothing wider than the
 * viewport (the public contexts run at 320 px, so this is the 1.4.10 check on the same load).
 * `state` names the page state in the failure message.
 */
export async function checkPage(page: Page, state: string, { reflow = false }: CheckOptions = {}) {
  await page.waitForLoadState("load");
  // axe-core (the engine of @axe-core/playwright) run in the page directly: AxeBuilder's default
  // mode opens a blank page per analysis to merge frame results, about three times slower, and
  // these pages have no frames. Injected once per document.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(
    ({ tags, rules }) =>
      (window as unknown as { axe: typeof axe }).axe
        .run(document, { runOnly: { type: "tag", values: tags }, rules, resultTypes: ["violations"] })
        .then((results) => results.violations),
    { tags: WCAG_TAGS, rules: EXTRA_RULES },
  );
  expect.soft(describeViolations(violations), `axe: ${state} (${page.url()})`).toEqual([]);
  if (reflow) {
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect.soft(scrollWidth, `reflow at ${innerWidth} px: ${state} (${page.url()}) scrolls sideways`).toBeLessThanOrEqual(innerWidth);
  }
}
