import { describe, expect, it } from "vitest";
import { FALLBACK_MESSAGES, LANGS, localName, metaT, readRootData, translatorFrom, type MessageKey } from "~/utils/i18n";
import { bothLangs, inBothLangs, isMessageKey, isServerOnlyKey, pageMessages, translate, translator } from "~/utils/i18n.server";

describe("i18n helpers", () => {
  it("localName picks the name of the language", () => {
    const agency = { nameTh: "กรมตัวอย่าง", nameEn: "Example Department" };
    expect(localName(agency, "th")).toBe("กรมตัวอย่าง");
    expect(localName(agency, "en")).toBe("Example Department");
  });

  it("bothLangs says a refusal in Thai first, English second, as the inline literals did", () => {
    expect(bothLangs("refuse.agencyNotFound")).toBe("ไม่พบหน่วยงาน / Agency not found");
    expect(bothLangs("field.unknown", { key: "i99" })).toBe("ไม่รู้จักข้อ i99 / Unknown field i99");
    expect(bothLangs("meta.title")).toBe("ITA — ระบบเก็บแบบสำรวจ / survey collection");
  });

  it("translator is translate for one language", () => {
    expect(translator("en")("error.404")).toBe("Page not found");
    expect(translator("th")("error.404")).toBe("ไม่พบหน้าที่ต้องการ");
  });
});

// Decision 028: the browser translates from one language of the catalogue, sent by the root loader.
describe("the page's messages (root loader → useT, metaT)", () => {
  const root = (lang: "th" | "en") => ({ lang, messages: pageMessages(lang) });

  it("translate in the browser exactly as on the server, for every key a page may show, in both languages", () => {
    for (const lang of LANGS) {
      const { messages } = readRootData(root(lang));
      const t = translatorFrom(messages, lang);
      const keys = Object.keys(messages ?? {}) as MessageKey[];
      expect(keys.length).toBeGreaterThan(700);
      const vars = { count: 3, year: 2568, name: "ก", agency: "ข", code: "X1" };
      const differ = keys.filter((key) => t(key, vars) !== translate(lang, key, vars));
      expect(differ).toEqual([]);
    }
  });

  it("carry one language only: the Thai page's texts are the Thai ones, the English page's the English", () => {
    const th = JSON.parse(pageMessages("th")) as Record<string, string>;
    const en = JSON.parse(pageMessages("en")) as Record<string, string>;
    expect(th["error.404"]).toBe("ไม่พบหน้าที่ต้องการ");
    expect(en["error.404"]).toBe("Page not found");
    expect(pageMessages("th")).not.toContain("Page not found");
    expect(pageMessages("en")).not.toContain("ไม่พบหน้าที่ต้องการ");
    // The language button names the other language, in that language, from the page's own messages.
    expect([th["lang.switch"], en["lang.switch"]]).toEqual(["English", "ภาษาไทย"]);
  });

  it("leave the server-only texts (mail and SMS bodies, refusals worded by the server) on the server", () => {
    const sent = Object.keys(JSON.parse(pageMessages("th")) as object);
    for (const key of ["reminders.mail.subject", "people.mail.invite.body", "eit.otp.message", "refuse.agencyNotFound", "register.issue.row"]) {
      expect(isServerOnlyKey(key), key).toBe(true);
      expect(sent, key).not.toContain(key);
      expect(translate("th", key as Parameters<typeof translate>[1])).not.toBe(translate("th", "error.400"));
    }
    expect(sent.filter(isServerOnlyKey)).toEqual([]);
    expect(isMessageKey("eit.otp.message")).toBe(false);
    expect(isMessageKey("iit.code.invalid")).toBe(true);
    expect(isMessageKey("no.such.key")).toBe(false);
  });

  it("meta functions read the root match's messages; without root data they fall back to Thai", () => {
    expect(
      metaT([
        { id: "root", data: root("en") },
        { id: "routes/x", data: null },
      ])("about.link"),
    ).toBe(translate("en", "about.link"));
    const bare = metaT([]);
    expect(bare("error.title", { message: bare("error.404") })).toBe(translate("th", "error.title", { message: translate("th", "error.404") }));
    // A text outside the fallback says "something went wrong" rather than showing its key.
    expect(bare("admin.nav.users")).toBe(translate("th", "error.500"));
  });

  it("the fallback (the only catalogue texts in the JavaScript) says what the catalogue says", () => {
    for (const lang of LANGS) {
      for (const [key, text] of Object.entries(FALLBACK_MESSAGES[lang])) expect(text, `${lang} ${key}`).toBe(translate(lang, key as MessageKey));
    }
  });

  it("inBothLangs gives a page the few texts it shows in both languages whatever its own", () => {
    expect(inBothLangs(["years.closed.title"])).toEqual({
      th: { "years.closed.title": translate("th", "years.closed.title") },
      en: { "years.closed.title": translate("en", "years.closed.title") },
    });
  });
});
