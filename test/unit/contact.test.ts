// Contacts for EIT-1 (shared/security.md → SMS cost abuse, Duplicates): every spelling of a Thai
// mobile number is one canonical E.164 key; landlines, VoIP, premium, toll-free and foreign numbers
// are refused before anything is sent; e-mail only where the agency allows it.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { parseContact } from "~/utils/contact";
import { translate } from "~/utils/i18n.server";

const phoneOnly = { allowEmail: false };
const withEmail = { allowEmail: true };

describe("parseContact: Thai mobile numbers", () => {
  it.each([
    "081-234-5678",
    "0812345678",
    "+66 81 234 5678",
    "+66812345678",
    "081 234 5678",
    "(081) 234-5678",
    " 081.234.5678 ",
    "+66-81-234-5678",
    "０８１-２３４-５６７８" /* full-width digits (IME) */,
    "๐๘๑-๒๓๔-๕๖๗๘" /* Thai numerals */,
  ])("%j → +66812345678", (input) => {
    const result = parseContact(input, phoneOnly);
    expect(result).toEqual({ ok: true, contact: { kind: "phone", canonical: "+66812345678", masked: "081-xxx-5678" } });
  });

  it("all spellings give one key (one canonical string)", () => {
    const spellings = ["081-234-5678", "0812345678", "+66 81 234 5678", "+66812345678", "081 234 5678", "(081) 234-5678"];
    const keys = new Set(
      spellings.map((s) => {
        const result = parseContact(s, withEmail);
        return result.ok ? result.contact.canonical : `refused:${s}`;
      }),
    );
    expect([...keys]).toEqual(["+66812345678"]);
  });

  it.each([
    ["0612345678", "+66612345678"],
    ["0631234567", "+66631234567"],
    ["0651234567", "+66651234567"],
    ["0812345678", "+66812345678"],
    ["0851234567", "+66851234567"],
    ["0881234567", "+66881234567"],
    ["0912345678", "+66912345678"],
    ["0991234567", "+66991234567"],
  ])("accepts the 06x/08x/09x mobile %s as %s", (input, canonical) => {
    const result = parseContact(input, phoneOnly);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.contact.kind).toBe("phone");
      expect(result.contact.canonical).toBe(canonical);
      // The masked form shows no more than the prefix and the last four digits.
      expect(result.contact.masked).toBe(`${input.slice(0, 3)}-xxx-${input.slice(-4)}`);
    }
  });
});

describe("parseContact: refused before any send", () => {
  // What libphonenumber-js ("max" metadata) says about each, asserted so a metadata change that
  // would turn one of them into a "mobile" shows up here, not as an SMS bill.
  it.each([
    ["02-123-4567", "FIXED_LINE", "landline (Bangkok)"],
    ["053-123-456", "FIXED_LINE", "landline (Chiang Mai)"],
    ["0601234567", "VOIP", "VoIP 060"],
    ["0602345678", "VOIP", "VoIP 060"],
    ["0681234567", "VOIP", "VoIP 068"],
    ["0689999999", "VOIP", "VoIP 068"],
    ["1900123456", "PREMIUM_RATE", "premium 1900"],
    ["1800123456", "TOLL_FREE", "toll-free 1800"],
  ])("%s (%s, %s) → eit.contact.notThaiMobile", (input, libraryType) => {
    const library = parsePhoneNumberFromString(input, "TH");
    expect(library?.isValid()).toBe(true);
    expect(library?.country).toBe("TH");
    expect(library?.getType()).toBe(libraryType);
    expect(parseContact(input, phoneOnly)).toEqual({ ok: false, error: "eit.contact.notThaiMobile" });
    expect(parseContact(input, withEmail)).toEqual({ ok: false, error: "eit.contact.notThaiMobile" });
  });

  it.each([
    ["+1 202 555 0143", "US"],
    ["+12025550143", "US"],
    ["+44 7400 123456", "GB"],
    ["+60 12-345 6789", "MY"],
    ["+856 20 5512 3456", "LA"],
  ])("a foreign number %s (%s) → eit.contact.notThaiMobile", (input, country) => {
    expect(parsePhoneNumberFromString(input, "TH")?.country).toBe(country);
    expect(parseContact(input, phoneOnly)).toEqual({ ok: false, error: "eit.contact.notThaiMobile" });
  });

  it.each([
    ["abc", "letters"],
    ["081-234-567x", "a letter among digits"],
    ["0812", "too short"],
    ["08123456789", "11 digits"],
    ["0212345678", "not a valid Thai number"],
    ["081234567812345678901234567", "too long"],
    ["081<script>", "markup"],
    ["+", "a plus sign alone"],
    ["@", "an at sign alone (e-mail not allowed)"],
  ])("garbage %j (%s) is refused", (input) => {
    const result = parseContact(input, phoneOnly);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(["eit.contact.phoneInvalid", "eit.contact.emailNotAllowed"]).toContain(result.error);
  });

  it.each(["abc", "0812", "08123456789", "0212345678", "081<script>"])("garbage %j → eit.contact.phoneInvalid", (input) => {
    expect(parseContact(input, phoneOnly)).toEqual({ ok: false, error: "eit.contact.phoneInvalid" });
  });

  it.each(["", "   ", "\t\n"])("empty %j → eit.contact.required", (input) => {
    expect(parseContact(input, phoneOnly)).toEqual({ ok: false, error: "eit.contact.required" });
    expect(parseContact(input, withEmail)).toEqual({ ok: false, error: "eit.contact.required" });
  });

  it("every refusal key has a Thai and an English message", () => {
    for (const key of [
      "eit.contact.required",
      "eit.contact.phoneInvalid",
      "eit.contact.notThaiMobile",
      "eit.contact.emailInvalid",
      "eit.contact.emailNotAllowed",
    ] as const) {
      for (const lang of ["th", "en"] as const) {
        const text = translate(lang, key);
        expect(text.length).toBeGreaterThan(0);
        expect(text).not.toBe(key);
      }
    }
  });
});

describe("parseContact: e-mail", () => {
  it("is refused unless the agency allows it", () => {
    expect(parseContact("someone@example.com", phoneOnly)).toEqual({ ok: false, error: "eit.contact.emailNotAllowed" });
  });

  it.each([
    ["Someone@Example.com ", "someone@example.com"],
    ["  SOMEONE@EXAMPLE.COM", "someone@example.com"],
    ["someone@example.com", "someone@example.com"],
    ["First.Last+ita@Sub.Example.co.th\t", "first.last@sub.example.co.th"],
  ])("with allowEmail, %j is trimmed, lower-cased and canonicalised to %s", (input, canonical) => {
    const result = parseContact(input, withEmail);
    expect(result).toEqual({
      ok: true,
      contact: { kind: "email", canonical, masked: expect.stringMatching(/^.{1,2}\*\*\*@/), address: input.trim().toLowerCase() },
    });
  });

  it.each([
    // Attack L6: plus-addresses (any domain) and Gmail dots were new contacts.
    [["someone@example.com", "someone+ita@example.com", "SomeOne+2@Example.com", "someone+a+b@example.com"], "someone@example.com"],
    [
      [
        "first.last@gmail.com",
        "firstlast@gmail.com",
        "F.i.r.s.t.L.a.s.t@Gmail.com",
        "first.last+ita@gmail.com",
        "firstlast@googlemail.com",
        "first.last+x@GoogleMail.com",
      ],
      "firstlast@gmail.com",
    ],
    // Dots matter outside Gmail.
    [["first.last@example.co.th"], "first.last@example.co.th"],
  ])("%j all give the one key %s", (spellings, canonical) => {
    for (const spelling of spellings) {
      const result = parseContact(spelling, withEmail);
      expect(result.ok && result.contact.canonical, spelling).toBe(canonical);
    }
  });

  it("the message goes to the address as typed (tag and dots kept), only the key is canonical", () => {
    const result = parseContact(" First.Last+ITA@Example.com", withEmail);
    expect(result).toMatchObject({ ok: true, contact: { canonical: "first.last@example.com", address: "first.last+ita@example.com" } });
    expect(parseContact("+tag@example.com", withEmail)).toEqual({ ok: false, error: "eit.contact.emailInvalid" });
  });

  it("different spellings of one address give one key", () => {
    const keys = new Set(
      ["Someone@Example.com ", "someone@example.com", " SOMEONE@example.COM"].map((s) => {
        const result = parseContact(s, withEmail);
        return result.ok ? result.contact.canonical : null;
      }),
    );
    expect([...keys]).toEqual(["someone@example.com"]);
  });

  it.each(["someone@", "@example.com", "some one@example.com", "someone@@example.com", "someone@example", `${"a".repeat(250)}@example.com`])(
    "an invalid address %j → eit.contact.emailInvalid",
    (input) => {
      expect(parseContact(input, withEmail)).toEqual({ ok: false, error: "eit.contact.emailInvalid" });
    },
  );

  it("the masked form does not reveal the address", () => {
    const result = parseContact("someone@example.com", withEmail);
    expect(result.ok && result.contact.masked).toBe("so***@example.com");
  });
});
