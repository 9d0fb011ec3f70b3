// Agency-name search as Thai officers type it: spacing and case do not matter, and the usual
// abbreviations (อบต., ทต., อบจ. …) find the full names they stand for.

const ABBREVIATIONS: [RegExp, string][] = [
  [/อบต\.?/g, "องค์การบริหารส่วนตำบล"],
  [/อบจ\.?/g, "องค์การบริหารส่วนจังหวัด"],
  [/ทต\.?/g, "เทศบาลตำบล"],
  [/ทม\.?/g, "เทศบาลเมือง"],
  [/ทน\.?/g, "เทศบาลนคร"],
];

function normalise(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/[\s\u200b]+/g, "");
}

/** The query as terms that must all appear (split on spaces; abbreviations expanded). */
export function searchTerms(query: string): string[] {
  return query
    .normalize("NFC")
    .split(/\s+/)
    .map((term) => ABBREVIATIONS.reduce((text, [pattern, full]) => text.replace(pattern, full), term))
    .map(normalise)
    .filter(Boolean);
}

/** True when every term appears in one of the names (no terms: everything matches). */
export function matchesSearch(terms: string[], ...names: string[]): boolean {
  if (terms.length === 0) return true;
  const haystack = names.map(normalise);
  return terms.every((term) => haystack.some((name) => name.includes(term)));
}
