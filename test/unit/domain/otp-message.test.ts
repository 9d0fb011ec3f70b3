// The OTP SMS (app/domain/otp-message.ts, decision 029): segments counted as a gateway bills them,
// the code first, the WebOTP line last, and ONE segment for every agency name of the national seed.
import { describe, expect, it } from "vitest";
import { AGENCY_KINDS } from "~/domain/agency-kinds";
import { MIN_CUT_NAME_UNITS, otpSms, shortAgencyName, smsEncoding, smsSegments } from "~/domain/otp-message";
import { CENTRAL, FIRST, LOCAL_KINDS, planNationalAgencies, SECOND } from "../../../prisma/data/national-agencies";
import { thaiProvinces } from "../../../prisma/data/provinces";
import { sakonNakhonAgencies } from "../../../prisma/data/sakon-nakhon";
import { hashSeed, seededRandom } from "../../../prisma/factories";

const CODE = "428193";
const PRODUCTION_HOST = "ita.nacc.go.th";
/** The longest host that keeps the WebOTP line in every message of the register (decision 029). */
const LONGEST_WEBOTP_HOST = "ita-survey.provincial-office.nacc.go.th".padEnd(41, "x");

/**
 * The WICG "parse an origin-bound one-time code message" steps (last line: "@host #code", one
 * space, nothing before the host): what a phone reads.
 */
function parseOriginBound(message: string): { host: string; code: string } | null {
  const line = message.replace(/\r\n?/g, "\n").split("\n").at(-1)!;
  const match = /^@([^\s]+) #([^\s]+)/.exec(line);
  return match ? { host: match[1], code: match[2] } : null;
}

/** Thai marks that sit on the consonant before them: a cut must never end just before one. */
const COMBINING = /^[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/;

describe("smsSegments", () => {
  it("UCS-2: exactly 70 code units is one segment, 71 is two; 134 two, 135 three (67 a part)", () => {
    const thai = (n: number) => "ก".repeat(n);
    expect(smsSegments(thai(70))).toEqual({ encoding: "ucs2", units: 70, segments: 1 });
    expect(smsSegments(thai(71))).toEqual({ encoding: "ucs2", units: 71, segments: 2 });
    expect(smsSegments(thai(134)).segments).toBe(2);
    expect(smsSegments(thai(135)).segments).toBe(3);
  });

  it("GSM-7: exactly 160 septets is one segment, 161 is two; 306 two, 307 three (153 a part)", () => {
    expect(smsSegments("a".repeat(160))).toEqual({ encoding: "gsm7", units: 160, segments: 1 });
    expect(smsSegments("a".repeat(161))).toEqual({ encoding: "gsm7", units: 161, segments: 2 });
    expect(smsSegments("a".repeat(306)).segments).toBe(2);
    expect(smsSegments("a".repeat(307)).segments).toBe(3);
  });

  it("GSM-7's extension characters take two septets; one character outside GSM-7 makes the whole text UCS-2", () => {
    expect(smsSegments("€".repeat(80))).toEqual({ encoding: "gsm7", units: 160, segments: 1 });
    expect(smsSegments("€".repeat(81)).segments).toBe(2);
    expect(smsEncoding("@£$¥ Ä ñ {x} [y] ~ | ^ \\ \n")).toBe("gsm7");
    for (const text of ["a’b", "a…", "ก", "á", "😀", "ç"]) expect(smsEncoding(text), text).toBe("ucs2");
    expect(smsSegments(`${"a".repeat(69)}’`)).toEqual({ encoding: "ucs2", units: 70, segments: 1 });
    expect(smsSegments(`${"a".repeat(70)}’`).segments).toBe(2);
  });

  it("never splits an escape pair or a surrogate pair across parts (a gateway does not)", () => {
    // 152 + 2 + 152 = 306 septets: two parts if counted naively, three as packed.
    expect(smsSegments(`${"a".repeat(152)}€${"a".repeat(152)}`)).toEqual({ encoding: "gsm7", units: 306, segments: 3 });
    // 66 + 2 + 66 = 134 code units: likewise.
    expect(smsSegments(`${"ก".repeat(66)}😀${"ก".repeat(66)}`)).toEqual({ encoding: "ucs2", units: 134, segments: 3 });
  });
});

describe("shortAgencyName: the kinds' own abbreviations (app/domain/agency-kinds.ts)", () => {
  const abbreviated = AGENCY_KINDS.filter((kind) => kind.abbreviations.length > 0);

  it("abbreviates every kind that has an abbreviation, at the start of the name only", () => {
    expect(abbreviated.map((kind) => kind.abbreviations[0]).sort()).toEqual(["ทต.", "ทน.", "ทม.", "อบจ.", "อบต."]);
    for (const kind of abbreviated) expect(shortAgencyName(`${kind.th}บ้านแก้ว`)).toBe(`${kind.abbreviations[0]}บ้านแก้ว`);
    expect(shortAgencyName("องค์การบริหารส่วนตำบล  บ้านแก้ว ")).toBe("อบต.บ้านแก้ว");
    expect(shortAgencyName("เทศบาลเมืองสกลนคร")).toBe("ทม.สกลนคร");
    expect(shortAgencyName("สำนักงานจังหวัดสกลนคร")).toBe("สำนักงานจังหวัดสกลนคร");
    expect(shortAgencyName("ศูนย์เทศบาลตำบลบ้านแก้ว")).toBe("ศูนย์เทศบาลตำบลบ้านแก้ว");
    expect(shortAgencyName("องค์การบริหารส่วนตำบล")).toBe("องค์การบริหารส่วนตำบล");
  });
});

describe("otpSms (Thai)", () => {
  const thai = (agencyName: string, host = PRODUCTION_HOST) => otpSms({ lang: "th", code: CODE, agencyName, host });

  it("the code first, the agency, and the WebOTP line `@host #code` last; one UCS-2 segment", () => {
    const sms = thai("องค์การบริหารส่วนตำบลบ้านแร่");
    expect(sms.text).toBe(`${CODE} รหัส OTP ITA อบต.บ้านแร่ ใช้ได้ 10 นาที\n@${PRODUCTION_HOST} #${CODE}`);
    expect(sms).toMatchObject({ encoding: "ucs2", segments: 1, agency: "abbreviated", webOtp: true });
    expect(parseOriginBound(sms.text)).toEqual({ host: PRODUCTION_HOST, code: CODE });
    expect(sms.text.startsWith(CODE)).toBe(true);
  });

  it("at exactly 70 units keeps the fullest text; one unit more and the validity gives way first", () => {
    // "<code> รหัส OTP ITA " + name + " ใช้ได้ 10 นาที" + "\n@ita.nacc.go.th #<code>": 35 + 24 units around the name.
    const fits = thai("ก".repeat(11));
    expect(fits.text.length).toBe(70);
    expect(fits.text).toBe(`${CODE} รหัส OTP ITA ${"ก".repeat(11)} ใช้ได้ 10 นาที\n@${PRODUCTION_HOST} #${CODE}`);
    const over = thai("ก".repeat(12));
    expect(over.text).toBe(`${CODE} รหัส OTP ITA ${"ก".repeat(12)}\n@${PRODUCTION_HOST} #${CODE}`);
    expect(over.segments).toBe(1);
    // then the word OTP, then the end of the name (cut, with "…")
    expect(thai("ก".repeat(30)).text).toBe(`${CODE} รหัส ITA ${"ก".repeat(30)}\n@${PRODUCTION_HOST} #${CODE}`);
    const cut = thai("ก".repeat(31));
    expect(cut).toMatchObject({ agency: "cut", segments: 1, webOtp: true });
    expect(cut.text).toBe(`${CODE} รหัส ITA ${"ก".repeat(29)}…\n@${PRODUCTION_HOST} #${CODE}`);
  });

  it("a cut name ends on a whole Thai character (never before its vowel or tone mark) and a real word start", () => {
    const name = "ที่ว่าการอำเภอเมืองสกลนครและสำนักงานที่ดินจังหวัดสกลนครสาขาพังโคน";
    for (let extra = 0; extra < 30; extra++) {
      const sms = thai(name, `${"h".repeat(extra)}${PRODUCTION_HOST}`);
      expect(sms.segments).toBe(1);
      if (sms.agency !== "cut") continue;
      const kept = /ITA (.*)…/.exec(sms.text)![1];
      expect(name.startsWith(kept)).toBe(true);
      expect(name.slice(kept.length), kept).not.toMatch(COMBINING);
      expect(kept).not.toMatch(/[\u0e40-\u0e44\s]$/);
      expect(kept.length + 1).toBeGreaterThanOrEqual(MIN_CUT_NAME_UNITS);
    }
  });

  it("a longer host leaves less room: the name is cut, then left out, then the WebOTP line goes; never a second segment", () => {
    const name = "สำนักงานจังหวัดพระนครศรีอยุธยา";
    const at = (length: number) => thai(name, "h".repeat(length));
    expect(at(14)).toMatchObject({ agency: "whole", webOtp: true });
    expect(at(15)).toMatchObject({ agency: "cut", webOtp: true });
    expect(at(LONGEST_WEBOTP_HOST.length)).toMatchObject({ agency: "dropped", webOtp: true, segments: 1 });
    expect(at(LONGEST_WEBOTP_HOST.length).text).toBe(`${CODE} รหัส OTP ITA\n@${"h".repeat(41)} #${CODE}`);
    const beyond = at(LONGEST_WEBOTP_HOST.length + 1);
    expect(beyond).toMatchObject({ webOtp: false, segments: 1 });
    expect(beyond.text).toBe(`${CODE} รหัส OTP ITA สำนักงานจังหวัดพระนครศรีอยุธยา ใช้ได้ 10 นาที`);
    const absurd = thai(name, "h".repeat(253)); // the longest DNS name
    expect(absurd.segments).toBe(1);
    expect(absurd.text.startsWith(CODE)).toBe(true);
  });
});

describe("otpSms (English)", () => {
  const english = (agencyName: string, host = PRODUCTION_HOST) => otpSms({ lang: "en", code: CODE, agencyName, host });

  it("GSM-7, one segment, the code first and the WebOTP line last", () => {
    const sms = english("Ban Rae Subdistrict Administrative Organization");
    expect(sms.text).toBe(
      `${CODE} is your ITA survey code for Ban Rae Subdistrict Administrative Organization. Valid for 10 minutes. Do not share it.\n@${PRODUCTION_HOST} #${CODE}`,
    );
    expect(sms).toMatchObject({ encoding: "gsm7", segments: 1, agency: "whole", webOtp: true });
    expect(parseOriginBound(sms.text)).toEqual({ host: PRODUCTION_HOST, code: CODE });
  });

  it("typographic punctuation in a name does not turn the message into UCS-2; a cut uses '...'", () => {
    expect(english("Sam’s “Best” Office – North")).toMatchObject({ encoding: "gsm7", segments: 1 });
    expect(english("Sam’s “Best” Office – North").text).toContain(`for Sam's "Best" Office - North.`);
    const long = english("Very Long Name ".repeat(12).trim());
    expect(long).toMatchObject({ encoding: "gsm7", segments: 1, agency: "cut" });
    expect(long.text).toMatch(/\.\.\.\.\n@/);
  });

  it("an English page with a name only in Thai still gets one segment (UCS-2, the name cut)", () => {
    const sms = english("องค์การบริหารส่วนตำบลบ้านแร่และหนองแก้ว");
    expect(sms).toMatchObject({ encoding: "ucs2", segments: 1, webOtp: true });
    expect(sms.text.startsWith(CODE)).toBe(true);
  });
});

describe("every agency name of the national seed (npm run seed:national): one segment", () => {
  const planned = planNationalAgencies(8300, seededRandom(hashSeed("national-8300")));
  // Every name the seed can generate at any size (--agencies 400 … 20000), not only at 8,300.
  const everyGenerated = [
    ...CENTRAL.flatMap(([, th, en]) => Array.from({ length: 350 }, (_, i) => [`${th}ที่ ${i + 1}`, `${en} No. ${i + 1}`])),
    ...thaiProvinces.flatMap((province) => [
      [`สำนักงานจังหวัด${province.nameTh}`, `${province.nameEn} Provincial Office`],
      [`องค์การบริหารส่วนจังหวัด${province.nameTh}`, `${province.nameEn} Provincial Administrative Organization`],
    ]),
    ...LOCAL_KINDS.flatMap(([, th, en]) => FIRST.flatMap(([a, aEn]) => SECOND.map(([b, bEn]) => [`${th}${a}${b}`, `${aEn} ${bEn} ${en}`]))),
    ...sakonNakhonAgencies.map((agency) => [agency.nameTh, agency.nameEn]),
  ];

  it("the plan is the seed's: 8,300 agencies, Sakon Nakhon's 142 among them", () => {
    expect(planned).toHaveLength(8300);
    expect(planned.filter((agency) => agency.provinceCode === "47").length).toBeGreaterThanOrEqual(142);
  });

  // Collected, then asserted once: an expect per name would cost seconds (12,600 names).
  const offending = (names: string[], lang: "th" | "en", host: string, ok: (sms: ReturnType<typeof otpSms>) => boolean) =>
    names
      .map((name) => otpSms({ lang, code: CODE, agencyName: name, host }))
      .filter((sms) => !(ok(sms) && sms.segments === 1 && sms.text.startsWith(`${CODE} `) && parseOriginBound(sms.text)?.code === CODE))
      .map((sms) => sms.text);
  const thaiNames = [...planned.map((agency) => agency.nameTh), ...everyGenerated.map(([th]) => th)];
  const englishNames = [...planned.map((agency) => agency.nameEn), ...everyGenerated.map(([, en]) => en)];

  it.each([PRODUCTION_HOST, "localhost"])("with host %s every Thai name stays whole or abbreviated, with the WebOTP line", (host) => {
    expect(offending(thaiNames, "th", host, (sms) => sms.agency === "whole" || sms.agency === "abbreviated")).toEqual([]);
    expect(otpSms({ lang: "th", code: CODE, agencyName: thaiNames[0], host }).text.endsWith(`\n@${host} #${CODE}`)).toBe(true);
  });

  it("with the longest host decision 029 allows (41 characters) every message is one segment with the WebOTP line", () => {
    expect(LONGEST_WEBOTP_HOST).toHaveLength(41);
    expect(offending(thaiNames, "th", LONGEST_WEBOTP_HOST, (sms) => sms.webOtp)).toEqual([]);
    expect(offending(englishNames, "en", LONGEST_WEBOTP_HOST, (sms) => sms.webOtp)).toEqual([]);
  });

  it("every English name stays whole, GSM-7, one segment", () => {
    expect(offending(englishNames, "en", PRODUCTION_HOST, (sms) => sms.encoding === "gsm7" && sms.agency === "whole" && sms.webOtp)).toEqual([]);
  });

  it("the message before decision 029 took two segments for every Thai name (what this saves)", () => {
    const before = (agency: string) => `รหัส OTP แบบวัด ITA ของ${agency}: ${CODE} (ใช้ได้ 10 นาที) อย่าบอกรหัสนี้กับผู้อื่น`;
    expect(new Set(planned.map((agency) => smsSegments(before(agency.nameTh)).segments))).toEqual(new Set([2]));
  });
});
