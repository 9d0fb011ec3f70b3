// UI messages for people and roles (invitations, passwords, users, the audit log). A file per feature keeps the catalogue
// (app/utils/i18n.ts spreads them in) readable; keys are "<feature>.<what>".
import type { Bilingual } from "~/utils/i18n";

export const peopleMessages = {} satisfies Record<string, Bilingual>;
