// Language helpers for the server and the browser, and the page's translator. The catalogue itself
// is server-only (app/utils/i18n.server.ts, decision 028): the browser translates from the one
// language of it that the root loader sends with every document (RootData.messages).
import type { MessageKey } from "./i18n.server";

export type { MessageKey };

export const LANGS = ["th", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "th";

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

/** A bilingual text, as used in the ruleset data and in messages. */
export type Bilingual = { th: string; en: string };

export function pick(text: Bilingual, lang: Lang): string {
  return text[lang] || text.th;
}

/** An agency's or a province's name in `lang` (both names are required data, so no fallback). */
export function localName(named: { nameTh: string; nameEn: string }, lang: Lang): string {
  return lang === "th" ? named.nameTh : named.nameEn;
}

export type Vars = Record<string, string | number>;

/** One language of the catalogue's page texts, as the root loader sends it. */
export type Messages = Readonly<Record<MessageKey, string>>;

export type Translate = (key: MessageKey, vars?: Vars) => string;

/** "{name}" → vars.name; an unknown name stays visible rather than vanishing. */
export function fillIn(text: string, vars: Vars = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/**
 * What the root loader answers every page with (app/root.tsx): the language and its messages as
 * JSON text (pageMessages in i18n.server.ts says why text).
 */
export type RootData = { lang: Lang; messages: string };

/**
 * The only catalogue texts in the JavaScript: what the layout and the error page say when the root
 * loader did not answer (a URL no route matches renders the root error page without it). Copies of
 * the catalogue's texts; test/unit/i18n.test.ts keeps them equal.
 */
export const FALLBACK_MESSAGES = {
  th: {
    "app.name": "ระบบเก็บแบบสำรวจ ITA",
    "lang.switch": "English",
    "error.title": "ข้อผิดพลาด: {message} — ระบบเก็บแบบสำรวจ ITA",
    "error.404": "ไม่พบหน้าที่ต้องการ",
    "error.500": "เกิดข้อผิดพลาดในระบบ",
    "error.home": "กลับหน้าแรก",
  },
  en: {
    "app.name": "ITA survey collection",
    "lang.switch": "ภาษาไทย",
    "error.title": "Error: {message} — ITA survey collection",
    "error.404": "Page not found",
    "error.500": "Something went wrong",
    "error.home": "Back to the home page",
  },
} as const satisfies Record<Lang, Partial<Messages>>;

/**
 * `t(key, vars)` over one language's messages; a text the messages lack (no root data) comes from
 * the fallback, else the general error text, so a page never shows a bare key.
 */
export function translatorFrom(messages: Partial<Messages> | undefined, lang: Lang): Translate {
  const fallback: Partial<Messages> = FALLBACK_MESSAGES[lang];
  return (key, vars) => fillIn(messages?.[key] ?? fallback[key] ?? fallback["error.500"] ?? "", vars);
}

// Parsed once per text: the browser holds one (the root is never revalidated), the server two.
const parsed = new Map<string, Messages>();

function parseMessages(text: unknown): Messages | undefined {
  if (typeof text !== "string") return undefined;
  let messages = parsed.get(text);
  if (!messages) {
    messages = JSON.parse(text) as Messages;
    if (parsed.size >= 4) parsed.clear();
    parsed.set(text, messages);
  }
  return messages;
}

/** The language and messages in the root loader's data (none when the root loader did not run). */
export function readRootData(data: unknown): { lang: Lang; messages: Messages | undefined } {
  const root = data as Partial<RootData> | null | undefined;
  return { lang: isLang(root?.lang) ? root.lang : DEFAULT_LANG, messages: parseMessages(root?.messages) };
}

type MetaMatches = readonly { id: string; data?: unknown }[];

/** A meta function's page language, from the root match (Thai when the root loader did not run). */
export function metaLang(matches: MetaMatches): Lang {
  return readRootData(matches.find((match) => match.id === "root")?.data).lang;
}

/**
 * `t` for a meta function: meta runs in the browser on client navigations, so it translates from
 * the root match's messages like a component does.
 */
export function metaT(matches: MetaMatches): Translate {
  const { lang, messages } = readRootData(matches.find((match) => match.id === "root")?.data);
  return translatorFrom(messages, lang);
}
