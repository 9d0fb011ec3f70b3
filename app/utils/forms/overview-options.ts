// The overview's filter and sort choices: plain lists shared by the page (its select options) and
// the server-only query schema (services/forms/admin-settings.server.ts), so the page ships no zod.
export const OVERVIEW_SORTS = ["name", "province", "iit", "eit1", "eit2", "total", "risk"] as const;
export const OVERVIEW_SHOWS = ["all", "attention", "at-risk", "reached", "published"] as const;
export const OVERVIEW_INSTRUMENTS = ["iit", "eit1", "eit2"] as const;
