// The OTP text message a citizen gets (EIT part 1), built to fit ONE SMS segment: a Thai message is
// UCS-2 (70 UTF-16 code units in one segment, 67 per part beyond), an English one GSM-7 (160 / 153
// septets), and every extra segment is billed (decision 029; docs/operations.md → "The OTP SMS").
// The code comes first (the notification preview shows it), the last line is the origin-bound
// `@<host> #<code>` of the WebOTP / one-time-code format (wicg.github.io/sms-one-time-codes), so a
// phone offers the code on the verify page of that host only.
//
// The agency is named by its kind's usual abbreviation (อบต., ทต. … from app/domain/agency-kinds.ts).
// What gives way when room runs out, in order (decision 029): the validity, the word "OTP", the end
// of the name (cut with "…"), the name, and last the WebOTP line. The code and the one segment never do.
import { AGENCY_KINDS } from "./agency-kinds";

export type SmsEncoding = "gsm7" | "ucs2";

// GSM 03.38: the basic set (one septet each) and the extension table (two: ESC + the character).
const GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENDED = "\f^{}\\[~]|€";
// Septets per UTF-16 code unit (0: not in GSM-7); every GSM-7 character is in the BMP.
const GSM7_SEPTETS = new Uint8Array(0x10000);
for (const char of GSM7_BASIC) GSM7_SEPTETS[char.charCodeAt(0)] = 1;
for (const char of GSM7_EXTENDED) GSM7_SEPTETS[char.charCodeAt(0)] = 2;

/** One segment holds this much; a concatenated message loses 7 septets / 3 code units per part to its header. */
export const SMS_LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

/** GSM-7 when every character is in the GSM 03.38 set, else UCS-2 (what a gateway chooses too). */
export function smsEncoding(text: string): SmsEncoding {
  for (let i = 0; i < text.length; i++) if (GSM7_SEPTETS[text.charCodeAt(i)] === 0) return "ucs2";
  return "gsm7";
}

/**
 * How many segments `text` is billed as. Units are septets (GSM-7) or UTF-16 code units (UCS-2);
 * parts are packed as a gateway packs them: an escape pair or a surrogate pair is never split
 * across two parts, so a part may hold one unit less than its limit.
 */
export function smsSegments(text: string): { encoding: SmsEncoding; units: number; segments: number } {
  const encoding = smsEncoding(text);
  const size = (char: string) => (encoding === "gsm7" ? GSM7_SEPTETS[char.charCodeAt(0)] : char.length);
  let units = encoding === "ucs2" ? text.length : 0;
  if (encoding === "gsm7") for (const char of text) units += size(char);
  const limits = SMS_LIMITS[encoding];
  if (units <= limits.single) return { encoding, units, segments: units === 0 ? 0 : 1 };
  let segments = 1;
  let used = 0;
  for (const char of text) {
    if (used + size(char) > limits.part) {
      segments++;
      used = 0;
    }
    used += size(char);
  }
  return { encoding, units, segments };
}

// The kinds' own abbreviations, longest full name first (no kind's name is a prefix of another's
// today; the order keeps it so if one ever is).
const ABBREVIATIONS = AGENCY_KINDS.filter((kind) => kind.abbreviations.length > 0)
  .map((kind) => ({ full: kind.th.normalize("NFC"), short: kind.abbreviations[0] }))
  .sort((a, b) => b.full.length - a.full.length);

/** "องค์การบริหารส่วนตำบลบ้านแก้ว" → "อบต.บ้านแก้ว": the kind at the start of the name, abbreviated. */
export function shortAgencyName(name: string): string {
  const text = name.normalize("NFC").trim().replace(/\s+/g, " ");
  for (const { full, short } of ABBREVIATIONS) {
    if (text.startsWith(full) && text.length > full.length) return short + text.slice(full.length).trimStart();
  }
  return text;
}

// Punctuation that would turn an English message into UCS-2 (and its 70 units) for nothing.
const GSM_LOOKALIKES: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u2033]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, "-"],
  [/\u2026/g, "..."],
  [/[\u00a0\u2000-\u200a\u202f]/g, " "],
];

function gsmFriendly(text: string): string {
  return GSM_LOOKALIKES.reduce((out, [pattern, plain]) => out.replace(pattern, plain), text);
}

// Fullest first. {code} and {agency} are filled in; `bare`: the messages without the agency name.
const TEMPLATES = {
  th: {
    withAgency: ["{code} รหัส OTP ITA {agency} ใช้ได้ 10 นาที", "{code} รหัส OTP ITA {agency}", "{code} รหัส ITA {agency}"],
    bare: ["{code} รหัส OTP ITA ใช้ได้ 10 นาที", "{code} รหัส OTP ITA"],
  },
  en: {
    withAgency: ["{code} is your ITA survey code for {agency}. Valid for 10 minutes. Do not share it.", "{code} is your ITA survey code for {agency}."],
    bare: ["{code} is your ITA survey code. Valid for 10 minutes. Do not share it.", "{code} is your ITA survey code."],
  },
} as const;

/** A cut name keeps at least this many code units (its "…" included), else it is left out. */
export const MIN_CUT_NAME_UNITS = 8;

export type OtpSms = {
  text: string;
  encoding: SmsEncoding;
  segments: number;
  /** what became of the agency name */
  agency: "whole" | "abbreviated" | "cut" | "dropped";
  /** whether the last line is the WebOTP `@host #code` */
  webOtp: boolean;
};

const fill = (template: string, code: string, agency = "") => template.replace("{code}", code).replace("{agency}", agency);

/**
 * The longest start of `name` (whole characters: never inside a Thai cluster) that, with `ellipsis`,
 * still `fits`; null when that leaves fewer than MIN_CUT_NAME_UNITS code units.
 */
const graphemes = new Intl.Segmenter("th", { granularity: "grapheme" });

function cutName(name: string, ellipsis: string, fits: (candidate: string) => boolean): string | null {
  const parts = Array.from(graphemes.segment(name), ({ segment }) => segment);
  // The longest start that fits: a longer start never fits when a shorter one does not.
  let [low, high] = [0, parts.length];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(parts.slice(0, middle).join("") + ellipsis)) low = middle;
    else high = middle - 1;
  }
  // A Thai leading vowel (เ แ โ ใ ไ) belongs to the consonant after it: never leave it dangling.
  const kept = parts
    .slice(0, low)
    .join("")
    .replace(/[\u0e40-\u0e44\s]+$/u, "");
  return kept.length + ellipsis.length >= MIN_CUT_NAME_UNITS ? kept + ellipsis : null;
}

/**
 * The OTP SMS for `code` in `lang`, naming `agencyName`, bound to `host` (PUBLIC_BASE_URL's host
 * name, no scheme or port). One segment whatever the name and the host (decision 029).
 */
export function otpSms(input: { lang: "th" | "en"; code: string; agencyName: string; host: string }): OtpSms {
  const { lang, code } = input;
  const templates = TEMPLATES[lang];
  const webOtpLine = `@${input.host.toLowerCase().replace(/\.$/, "")} #${code}`;
  const fullName = (lang === "en" ? gsmFriendly(input.agencyName) : input.agencyName).normalize("NFC").trim().replace(/\s+/g, " ");
  // Thai SMS name agencies by their usual abbreviation (อบต. …) whenever the kind has one.
  const name = shortAgencyName(fullName);
  const named: OtpSms["agency"] = name === fullName ? "whole" : "abbreviated";

  const attempt = (first: string, agency: OtpSms["agency"], webOtp: boolean): OtpSms | null => {
    const text = webOtp ? `${first}\n${webOtpLine}` : first;
    const { encoding, segments } = smsSegments(text);
    return segments === 1 ? { text, encoding, segments, agency, webOtp } : null;
  };

  for (const webOtp of [true, false]) {
    if (name) {
      for (const template of templates.withAgency) {
        const fitted = attempt(fill(template, code, name), named, webOtp);
        if (fitted) return fitted;
      }
      const shortest = templates.withAgency.at(-1)!;
      const ellipsis = smsEncoding(fill(shortest, code, name)) === "gsm7" ? "..." : "…";
      const cut = cutName(name, ellipsis, (candidate) => attempt(fill(shortest, code, candidate), "cut", webOtp) !== null);
      if (cut) return attempt(fill(shortest, code, cut), "cut", webOtp)!;
    }
    for (const template of templates.bare) {
      const fitted = attempt(fill(template, code), "dropped", webOtp);
      if (fitted) return fitted;
    }
  }
  // Unreachable for a six-digit code: the bare text alone is well inside one segment.
  const text = fill(templates.bare.at(-1)!, code);
  return { text, ...smsSegments(text), agency: "dropped", webOtp: false };
}
