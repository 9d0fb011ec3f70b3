// Agency-name search as Thai officers type it (app/utils/thai-search.ts): spacing and case do not
// matter, the usual abbreviations find the full names, and every term must match.
import { describe, expect, it } from "vitest";
import { matchesSearch, searchTerms } from "../../app/utils/thai-search";

const find = (query: string, ...names: string[]) => matchesSearch(searchTerms(query), ...names);

const SAO = "องค์การบริหารส่วนตำบลบ้านแร่"; // อบต.
const PAO = "องค์การบริหารส่วนจังหวัดสกลนคร"; // อบจ.
const SUBDISTRICT = "เทศบาลตำบลท่าแร่"; // ทต.
const TOWN = "เทศบาลเมืองสกลนคร"; // ทม.
const CITY = "เทศบาลนครสกลนคร"; // ทน.
const ALL = [SAO, PAO, SUBDISTRICT, TOWN, CITY];

describe("abbreviations", () => {
  it.each([
    ["อบต.", "องค์การบริหารส่วนตำบล", SAO],
    ["อบต", "องค์การบริหารส่วนตำบล", SAO],
    ["อบจ.", "องค์การบริหารส่วนจังหวัด", PAO],
    ["อบจ", "องค์การบริหารส่วนจังหวัด", PAO],
    ["ทต.", "เทศบาลตำบล", SUBDISTRICT],
    ["ทต", "เทศบาลตำบล", SUBDISTRICT],
    ["ทม.", "เทศบาลเมือง", TOWN],
    ["ทม", "เทศบาลเมือง", TOWN],
    ["ทน.", "เทศบาลนคร", CITY],
    ["ทน", "เทศบาลนคร", CITY],
  ])("%s expands to %s and finds only that kind", (abbreviation, full, name) => {
    expect(searchTerms(abbreviation)).toEqual([full]);
    expect(ALL.filter((candidate) => find(abbreviation, candidate))).toEqual([name]);
  });

  it("an abbreviation glued to the place name expands in place", () => {
    expect(searchTerms("อบต.บ้านแร่")).toEqual(["องค์การบริหารส่วนตำบลบ้านแร่"]);
    expect(find("อบต.บ้านแร่", SAO)).toBe(true);
    // Without the dot a glued abbreviation is read as letters (so a place like "ทมอ" stays itself).
    expect(find("อบตบ้านแร่", SAO)).toBe(false);
    expect(find("อบต บ้านแร่", SAO)).toBe(true);
    expect(find("ทน.สกลนคร", CITY, TOWN)).toBe(true);
    expect(find("ทน.สกลนคร", TOWN)).toBe(false);
    // The wrong kind with the right place: a SAO is not a subdistrict municipality.
    expect(find("ทต.บ้านแร่", SAO)).toBe(false);
  });

  it("the full names still match as typed", () => {
    expect(find("องค์การบริหารส่วนตำบล", SAO)).toBe(true);
    expect(find("เทศบาลนคร", CITY)).toBe(true);
    expect(find("เทศบาลนคร", TOWN)).toBe(false);
  });

  it("a place name starting with the letters of an abbreviation is not expanded", () => {
    // ตำบลทมอ (อ.ปราสาท จ.สุรินทร์) is a real subdistrict: "ทมอ" must stay "ทมอ", not "เทศบาลเมืองอ".
    expect(searchTerms("ทมอ")).toEqual(["ทมอ"]);
    expect(find("ทมอ", "องค์การบริหารส่วนตำบลทมอ")).toBe(true);
    expect(searchTerms("อบต.ทมอ")).toEqual(["องค์การบริหารส่วนตำบลทมอ"]);
    expect(find("อบต.ทมอ", "องค์การบริหารส่วนตำบลทมอ")).toBe(true);
  });
});

describe("several terms", () => {
  it("every term must appear (AND, not OR)", () => {
    expect(find("อบต. แร่", SAO)).toBe(true);
    expect(find("อบต. สกลนคร", SAO)).toBe(false); // "สกลนคร" is not in this SAO's name
    expect(find("ทต. ท่าแร่", SUBDISTRICT)).toBe(true);
    expect(find("ทต. ท่าแร่", SAO)).toBe(false);
    expect(ALL.filter((name) => find("เทศบาล สกลนคร", name))).toEqual([TOWN, CITY]);
  });

  it("terms may match different names of the same agency (Thai, English, slug)", () => {
    expect(find("ทน. city", CITY, "Sakon Nakhon City Municipality", "sakon-nakhon-city-municipality")).toBe(true);
    expect(find("ทน. town", CITY, "Sakon Nakhon City Municipality", "sakon-nakhon-city-municipality")).toBe(false);
  });

  it("order does not matter", () => {
    expect(find("แร่ อบต.", SAO)).toBe(true);
  });

  it("an empty or blank query matches everything", () => {
    expect(searchTerms("")).toEqual([]);
    expect(searchTerms("  \t ")).toEqual([]);
    expect(find("", SAO)).toBe(true);
    expect(find("   ", SAO)).toBe(true);
    expect(matchesSearch([], "anything")).toBe(true);
  });

  it("a term matches nothing when there are no names", () => {
    expect(matchesSearch(searchTerms("แร่"))).toBe(false);
  });
});

describe("spaces, zero-width spaces and case", () => {
  it("spaces inside a name do not matter on either side", () => {
    expect(find("บ้านแร่", "องค์การบริหารส่วนตำบล บ้าน แร่")).toBe(true);
    // A space in the query splits terms; both still appear in the name.
    expect(find("บ้าน แร่", SAO)).toBe(true);
    // Tabs, new lines and non-breaking spaces are spaces too.
    expect(find("อบต.\tบ้าน\nแร่", SAO)).toBe(true);
    expect(find("บ้าน\u00a0แร่", SAO)).toBe(true);
  });

  it("zero-width spaces (U+200B, common in Thai text) are ignored on either side", () => {
    expect(searchTerms("บ้าน\u200bแร่")).toEqual(["บ้านแร่"]);
    expect(find("บ้าน\u200bแร่", SAO)).toBe(true);
    expect(find("บ้านแร่", "องค์การบริหารส่วนตำบล\u200bบ้าน\u200bแร่")).toBe(true);
    expect(find("อบต.\u200bบ้านแร่", SAO)).toBe(true);
    // A query of zero-width spaces only is no term at all.
    expect(searchTerms("\u200b\u200b")).toEqual([]);
  });

  it("English is case-insensitive on either side", () => {
    expect(searchTerms("Sakon NAKHON")).toEqual(["sakon", "nakhon"]);
    expect(find("SAKON nakhon", "Sakon Nakhon City Municipality")).toBe(true);
    expect(find("sakon", "SAKON NAKHON")).toBe(true);
    expect(find("SakonNakhon", "Sakon Nakhon")).toBe(true); // spaces ignored
    expect(find("udon", "Sakon Nakhon")).toBe(false);
  });
});

describe("Unicode normalisation", () => {
  // Sara am ำ (U+0E33) is often typed, or pasted from PDFs, as nikhahit + sara aa ํา
  // (U+0E4D U+0E32). That is a compatibility decomposition, not a canonical one, so NFC (which
  // the code applies) leaves the two spellings different; only NFKC folds them together.
  const composed = "ตำบล";
  const decomposed = "ต\u0e4d\u0e32บล";

  it("NFC itself does not fold ํา into ำ (why the cases below behave as they do)", () => {
    expect(decomposed.normalize("NFC")).toBe(decomposed);
    expect(composed.normalize("NFKC")).toBe(decomposed);
  });

  it("canonically equivalent spellings (e.g. Latin é as e + ◌́) do match: NFC applies", () => {
    expect(find("cafe\u0301", "Café Agency")).toBe(true);
    expect(find("Café", "Cafe\u0301 Agency")).toBe(true);
  });

  it("a decomposed sara am (nikhahit + sara aa) matches the precomposed name", () => {
    expect(searchTerms(`องค์การบริหารส่วน${decomposed}`)).toEqual([`องค์การบริหารส่วน${composed}`]);
    expect(find(`องค์การบริหารส่วน${decomposed}`, SAO)).toBe(true);
    expect(find(decomposed, SUBDISTRICT)).toBe(true);
    // The tone mark before or after the nikhahit: น้ำ typed as น ้ ํ า or น ํ ้ า.
    expect(find(`น\u0e49\u0e4d\u0e32พอง`, "เทศบาลตำบลน้ำพอง")).toBe(true);
    expect(find(`น\u0e4d\u0e49\u0e32พอง`, "เทศบาลตำบลน้ำพอง")).toBe(true);
  });

  it("an abbreviation finds a name stored with a decomposed sara am", () => {
    expect(find("อบต.", `องค์การบริหารส่วน${decomposed}บ้านแร่`)).toBe(true);
    expect(find("ทต.", `เทศบาล${decomposed}ท่าแร่`)).toBe(true);
  });

  it("the same spelling on both sides matches, composed or decomposed", () => {
    expect(find(composed, SAO)).toBe(true);
    expect(find(decomposed, `องค์การบริหารส่วน${decomposed}บ้านแร่`)).toBe(true);
  });
});
