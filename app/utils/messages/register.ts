// UI messages for the agency register (agencies:import, the register pages). A file per feature keeps the catalogue
// (app/utils/i18n.ts spreads them in) readable; keys are "<feature>.<what>".
import type { Bilingual } from "~/utils/i18n";

export const registerMessages = {} satisfies Record<string, Bilingual>;
