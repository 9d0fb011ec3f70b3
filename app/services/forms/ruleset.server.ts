// The ruleset helpers that admin route modules call in their loaders and actions, through a
// server-only door (decision 026): domain/ruleset.ts, answers.ts, screening.ts and plan-schema.ts
// build zod schemas at module level, so a route file importing them, even for its loader only,
// ships zod to the browser under the classic compiler. Components get what they need from the loader.
export { answersSchema, perceptionItems } from "~/domain/answers";
export { instrumentIndicators, instrumentItems, PART_CODES, PART_INSTRUMENT } from "~/domain/ruleset";
export { builtinRulesets } from "~/domain/rulesets";
export { suggestedMeasures } from "~/domain/rulesets/measures-2568";
export { screeningQuestions } from "~/domain/screening";
export { PASS_MARK, scoreAssessment } from "~/domain/scoring";
export { compareYears } from "~/domain/year-on-year";
export { surveyView } from "~/utils/survey-view";
export { MAX_MEASURES, planFromForm, SIGNATORIES, tooManyMeasures } from "~/utils/plan-schema";
