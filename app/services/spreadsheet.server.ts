// CSV and XLSX renderings of an export (app/models/export.server.ts). Both take the same columns.
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import ExcelJS from "exceljs";
import type { ExportDocument, ExportSheet } from "~/models/export.server";
import { exportFacts } from "~/models/export.server";

type Cell = string | number | boolean | null;

/** A spreadsheet must never run a cell as a formula (CSV injection): text starting =, +, -, @ gets a quote. */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  const text = safeText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One CSV file: the facts (fiscal year, rules version, hash …) as the first columns of every row,
 * so each row stands on its own, then every sheet's columns once. UTF-8 with a BOM, so Excel
 * opens Thai text correctly.
 */
export function exportCsv(document: ExportDocument, sheets: ExportSheet[]): string {
  const facts = exportFacts(document);
  const seen = new Set<string>();
  const columns = sheets.flatMap((sheet) => sheet.columns).filter((column) => !seen.has(column.key) && seen.add(column.key));
  const header = [...facts.map(([key]) => key), ...columns.map((column) => column.key)];
  const lines = [header.map(csvField).join(",")];
  for (const row of document.rows) {
    lines.push([...facts.map(([, , , value]) => value), ...columns.map((column) => column.value(row))].map(csvField).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * The XLSX workbook, streamed (the nation is ~8,300 rows × 100 columns): an "About" sheet with the
 * facts, then one sheet per group. Each sheet has three header rows — Thai label, English label,
 * column key — so people and programs can both read it.
 */
export function exportXlsxStream(document: ExportDocument, sheets: ExportSheet[]): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = "ITA survey system";
  const write = async () => {
    const about = workbook.addWorksheet("ข้อมูลไฟล์ About");
    about.columns = [{ width: 24 }, { width: 28 }, { width: 70 }];
    about.addRow(["key", "รายการ / Item", "ค่า / Value"]).commit();
    for (const [key, th, en, value] of exportFacts(document)) about.addRow([key, `${th} / ${en}`, value]).commit();
    about.addRow([]).commit();
    about.addRow(["", "วิธีตรวจสอบ / How to check", "SHA-256 of JSON.stringify(agencies) in the JSON export of the same scope (docs/exports.md)"]).commit();
    await about.commit();
    for (const sheet of sheets) {
      const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 3, xSplit: 2 }] });
      worksheet.columns = sheet.columns.map((column) => ({ width: Math.min(40, Math.max(10, column.key.length + 2)) }));
      const thai = worksheet.addRow(sheet.columns.map((column) => column.th));
      thai.font = { bold: true };
      thai.commit();
      worksheet.addRow(sheet.columns.map((column) => column.en)).commit();
      const keys = worksheet.addRow(sheet.columns.map((column) => column.key));
      keys.font = { color: { argb: "FF777777" }, size: 9 };
      keys.commit();
      // XLSX cells are typed: text stays text (no formula), so no quoting is needed here.
      for (const row of document.rows) worksheet.addRow(sheet.columns.map((column) => column.value(row))).commit();
      await worksheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    console.error("[export] xlsx failed:", error instanceof Error ? error.message : error);
    output.destroy(error instanceof Error ? error : new Error("xlsx export failed"));
  });
  return createReadableStreamFromReadable(output);
}

/** One CSV line (CRLF-terminated) with the same quoting and formula guard as the exports: for other CSV files (the audit log). */
export function csvLine(cells: Cell[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}
