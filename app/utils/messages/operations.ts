// UI messages for running it for real (health checks, bootstrap). A file per feature keeps the catalogue
// (app/utils/i18n.ts spreads them in) readable; keys are "<feature>.<what>".
import type { Bilingual } from "~/utils/i18n";

export const operationsMessages = {} satisfies Record<string, Bilingual>;
