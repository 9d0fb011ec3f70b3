// Agency-name search as Thai officers type it: spacing and case do not matter, and the usual
// abbreviations (อบต., ทต., อบจ. …) find the full names they stand for.
import { AGENCY_KINDS } from "~/domain/agency-kinds";

// The abbreviations of the agency kinds' table (app/domain/agency-kinds.ts), e.g. อบต. → องค์การบริหารส่วนตำบล.
// Only at the start of a term and followed by a dot or nothing: "ทมอ" (a real subdistrict) stays itself.
const ABBREVIATIONS: [RegExp, string][] = AGENCY_KINDS.flatMap((kind) =>
  kind.abbreviations.map((abbreviation): [RegExp, string] => [new RegExp(`^${escapeRegExp(abbreviation.replace(/\.$/, ""))}(\\.|$)`), kind.th]),
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function normalise(text: string): string {
  return (
    text
      .normalize("NFC")
      // Sara am typed (or pasted from a PDF) as nikhahit + sara aa, tone mark in either place: NFC
      // does not fold it, so fold it here ("ํา" → "ำ").
      .replace(/\u0E4D([\u0E48-\u0E4B]?)\u0E32/g, "$1\u0E33")
      .toLowerCase()
      .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, "")
  );
}

/** The query as terms that must all appear (split on spaces; abbreviations expanded). */
export function searchTerms(query: string): string[] {
  return query
    .normalize("NFC")
    .split(/\s+/)
    .map(normalise)
    .map((term) => ABBREVIATIONS.reduce((text, [pattern, full]) => text.replace(pattern, full), term))
    .filter(Boolean);
}

/** True when every term appears in one of the names (no terms: everything matches). */
export function matchesSearch(terms: string[], ...names: string[]): boolean {
  if (terms.length === 0) return true;
  const haystack = names.map(normalise);
  return terms.every((term) => haystack.some((name) => name.includes(term)));
}
