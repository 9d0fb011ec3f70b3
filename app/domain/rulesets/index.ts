// The rulesets shipped with the app, one per fiscal year. A cycle stores its own copy
// (Cycle.definitionJson), so an assessor can import the official wording without a release.
import type { Ruleset } from "../ruleset";
import { ita2568 } from "./ita-2568";

export const builtinRulesets: Readonly<Record<number, Ruleset>> = Object.freeze({
  [ita2568.meta.fiscalYear]: ita2568,
});

/** The built-in ruleset of a fiscal year (Buddhist era), or undefined when none ships. */
export function getBuiltinRuleset(fiscalYear: number): Ruleset | undefined {
  return Object.hasOwn(builtinRulesets, fiscalYear) ? builtinRulesets[fiscalYear] : undefined;
}
