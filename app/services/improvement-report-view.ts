// The improvement-plan report as plain text in one language, numbers already in the chosen digits:
// what the print page renders and what the .docx export writes, so both say the same thing.
import { PASS_MARK } from "~/domain/scoring";
import { PART_CODES, type Ruleset } from "~/domain/ruleset";
import type { getImprovementReport } from "~/models/improvement-plan.server";
import { formatThaiDate } from "~/utils/dates";
import { type Lang } from "~/utils/i18n";
import { translate } from "~/utils/i18n.server";
import { SIGNATORIES } from "~/utils/plan-schema";
import { withDigits } from "~/utils/thai-digits";

/** The report as plain text fields in one language, numbers already in the chosen digits. */
export function improvementReportView(report: Awaited<ReturnType<typeof getImprovementReport>>, ruleset: Ruleset, lang: Lang) {
  const digits = lang === "th" ? report.content.digits : "arabic";
  const d = (text: string) => withDigits(text, digits);
  const score = (value: number | null) => (value === null ? "—" : d(value.toFixed(2)));
  const date = (iso: string) => (iso ? d(formatThaiDate(iso, lang)) : "");
  return {
    fiscalYear: d(String(report.fiscalYear)),
    published: report.published,
    version: report.plan ? d(String(report.plan.version)) : null,
    versionParam: report.plan?.version ?? null,
    passNote: d(translate(lang, "report.passNote", { mark: PASS_MARK })),
    verdictHeading: translate(lang, "report.verdict"),
    methodology: report.methodology.map((section) => ({ heading: section.heading[lang], lines: section.lines.map((line) => d(line[lang])) })),
    total: score(report.total),
    // No rating while an instrument still collects: a dash, never the text "null" (docx, print).
    rating: report.rating?.[lang] ?? "—",
    parts: PART_CODES.map((code) => {
      // Still collecting: no figure yet, and not "not processed: no item scores" either (as on the
      // results page, decision 012).
      const collecting = code !== "oit" && !report.disclosure[code].shown && report.disclosure[code].reason === "collecting";
      return {
        name: ruleset.parts[code].name[lang],
        weight: d(String(ruleset.parts[code].weight)),
        score: score(report.parts[code].score),
        processed: collecting || report.parts[code].processed,
        reason: !collecting && report.parts[code].reason ? d(report.parts[code].reason[lang]) : null,
      };
    }),
    indicators: report.analyses.map((analysis, index) => ({
      no: d(String(index + 1)),
      code: analysis.code,
      codeShown: d(analysis.code),
      instrument: analysis.instrument.toUpperCase(),
      name: analysis.name[lang],
      score: score(analysis.score),
      passed: analysis.passed,
      // "ผ่าน" / "ไม่ผ่าน" without "≥ 85" (the note under the table gives the mark, in the chosen digits).
      verdict: analysis.passed === null ? "—" : translate(lang, analysis.passed ? "report.pass" : "results.fail"),
      text: d(analysis.text[lang]),
      weakItems: analysis.weakItems.map((item) => ({ code: item.code, wording: item.wording[lang], score: score(item.score) })),
      note: report.content.notes[analysis.code] ?? "",
      measures: (report.content.measures[analysis.code] ?? []).map((measure) => ({
        title: measure.title,
        steps: measure.steps,
        period: measure.start || measure.end ? `${date(measure.start) || "…"} – ${date(measure.end) || "…"}` : "",
        unit: measure.unit,
      })),
      previous: report.previous?.content.measures[analysis.code]?.map((measure) => measure.title) ?? [],
    })),
    previousYear: report.previous ? d(String(report.previous.fiscalYear)) : null,
    signatures: SIGNATORIES.map((who) => ({ who, ...report.content.signatures[who] })),
  };
}

export type ImprovementReportView = ReturnType<typeof improvementReportView>;
