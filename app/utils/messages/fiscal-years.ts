// UI messages for fiscal years (cycles, windows, rulesets, the year switcher). A file per feature keeps the catalogue
// (app/utils/i18n.ts spreads them in) readable; keys are "<feature>.<what>".
import type { Bilingual } from "~/utils/i18n";

export const fiscalYearMessages = {} satisfies Record<string, Bilingual>;
