// Thai digits (เลขไทย) for printed government documents, where an agency prefers them.
const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

export type DigitStyle = "thai" | "arabic";

/**
 * Numbers in the text in Thai digits ("85.50" → "๘๕.๕๐", "1 เมษายน 2569" → "๑ เมษายน ๒๕๖๙"); a code
 * whose digits follow letters ("i12", "o3") keeps its digits, since it is a code, not a number.
 */
export function withDigits(text: string, style: DigitStyle): string {
  if (style !== "thai") return text;
  return text.replace(/(?<![A-Za-z0-9])[0-9]+/g, (number) => number.replace(/[0-9]/g, (digit) => THAI_DIGITS[Number(digit)]));
}
