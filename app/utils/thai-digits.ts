// Thai digits (เลขไทย) for printed government documents, where an agency prefers them.
const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

export type DigitStyle = "thai" | "arabic";

export function withDigits(text: string, style: DigitStyle): string {
  return style === "thai" ? text.replace(/[0-9]/g, (digit) => THAI_DIGITS[Number(digit)]) : text;
}
