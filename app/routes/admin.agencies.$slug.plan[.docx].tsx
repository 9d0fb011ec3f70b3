// The improvement-plan report as a Word file (.docx), for agencies that publish it on their
// websites (an OIT item) or edit it further. Same content as the print page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { type MessageKey, localName } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { loadImprovementReport } from "~/services/improvement-report.server";

// Thai government documents are set in TH Sarabun New, 16 pt; Word falls back if it is missing.
const FONT = "TH Sarabun New";
const SIZE = 32; // half-points

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lang, agency, cycle, report, view } = await loadImprovementReport(request, params.slug);
  const t = translator(lang);
  const agencyName = localName(agency, lang);

  const text = (value: string, options: { bold?: boolean } = {}) => new TextRun({ text: value, bold: options.bold, font: FONT, size: SIZE });
  const paragraph = (value: string, options: { bold?: boolean; center?: boolean } = {}) =>
    new Paragraph({ children: [text(value, options)], alignment: options.center ? AlignmentType.CENTER : undefined });
  const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({ heading: level, children: [new TextRun({ text: value, bold: true, font: FONT, size: level === HeadingLevel.HEADING_1 ? 40 : 36 })] });
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  const table = (header: string[], rows: string[][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [header, ...rows].map(
        (cells, index) =>
          new TableRow({
            tableHeader: index === 0,
            children: cells.map(
              (cell) =>
                new TableCell({ borders: { top: border, bottom: border, left: border, right: border }, children: [paragraph(cell, { bold: index === 0 })] }),
            ),
          }),
      ),
    });

  const children: (Paragraph | Table)[] = [
    paragraph(t("plan.title"), { bold: true, center: true }),
    paragraph(agencyName, { bold: true, center: true }),
    paragraph(t("home.cycle", { year: view.fiscalYear }), { center: true }),
    heading(t("report.methodology"), HeadingLevel.HEADING_1),
    ...view.methodology.flatMap((section) => [heading(section.heading, HeadingLevel.HEADING_2), ...section.lines.map((line) => paragraph(`• ${line}`))]),
    heading(t("report.overall"), HeadingLevel.HEADING_1),
    paragraph(`${t("results.total")} ${view.total} — ${t("results.rating")} ${view.rating}`, { bold: true }),
    table(
      [t("results.part"), t("results.weight"), t("results.score")],
      view.parts.map((part) => [
        part.processed || !part.reason ? part.name : `${part.name} (${t("results.notProcessed")}: ${part.reason})`,
        `${part.weight}%`,
        part.score,
      ]),
    ),
    heading(t("report.table"), HeadingLevel.HEADING_1),
    table(
      [t("report.no"), t("results.part"), t("dash.indicator"), t("results.score"), view.verdictHeading],
      view.indicators.map((indicator) => [indicator.no, indicator.instrument, `${indicator.codeShown}. ${indicator.name}`, indicator.score, indicator.verdict]),
    ),
    paragraph(view.passNote),
    heading(t("report.analysis"), HeadingLevel.HEADING_1),
    ...view.indicators.flatMap((indicator) => [
      heading(t("plan.indicator", { code: indicator.codeShown, name: indicator.name }), HeadingLevel.HEADING_2),
      paragraph(indicator.text),
      ...indicator.weakItems.map((item) => paragraph(`• ${t("plan.item", { code: item.code })} ${item.wording} (${item.score})`)),
      ...(indicator.note ? [paragraph(indicator.note)] : []),
      ...(view.previousYear && indicator.previous.length
        ? [paragraph(`${t("plan.previous", { year: view.previousYear })}: ${indicator.previous.join(" · ")}`)]
        : []),
      indicator.measures.length
        ? table(
            [t("plan.measure"), t("plan.steps"), t("plan.period"), t("plan.unit")],
            indicator.measures.map((measure) => [measure.title, measure.steps, measure.period, measure.unit]),
          )
        : paragraph(t("plan.noMeasures")),
    ]),
    paragraph(""),
    ...view.signatures.flatMap((signature) => [
      paragraph(`${t("report.signHere")} ....................................`, { center: true }),
      paragraph(`(${signature.name || "...................................."})`, { center: true }),
      paragraph(signature.position || t(`plan.sig.${signature.who}` as MessageKey), { center: true }),
      paragraph(""),
    ]),
  ];

  const document = new Document({
    creator: "ITA survey system",
    title: `${t("plan.title")} — ${agencyName}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1418, right: 1134 } } }, children }],
  });
  const buffer = await Packer.toBuffer(document);
  const fileName = `ita-${cycle.fiscalYear}-plan-${agency.slug}${report.plan ? `-v${report.plan.version}` : ""}.docx`;
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
