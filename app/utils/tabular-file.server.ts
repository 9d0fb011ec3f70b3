// A spreadsheet an operator uploads, as a table of strings: CSV (RFC 4180; UTF-8 with or without a
// BOM, or Windows-874/TIS-620, which Thai Excel writes for "CSV") or XLSX (the first sheet).
// Leaf infrastructure: it knows files, not what the columns mean (domain/agency-register.ts does).
import ExcelJS from "exceljs";

export type TabularFile =
  | { ok: true; format: "csv" | "xlsx"; encoding: "utf-8" | "windows-874" | null; table: string[][] }
  | { ok: false; reason: "tooLarge" | "emptyFile" | "notTabular" };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]) {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** Read CSV or XLSX bytes (the format from the bytes, not the file's name: names lie). */
export async function readTabularFile(bytes: Uint8Array, maxBytes: number): Promise<TabularFile> {
  if (bytes.byteLength > maxBytes) return { ok: false, reason: "tooLarge" };
  if (bytes.byteLength === 0) return { ok: false, reason: "emptyFile" };
  if (startsWith(bytes, ZIP_MAGIC)) {
    const table = await readXlsx(bytes);
    return table ? { ok: true, format: "xlsx", encoding: null, table } : { ok: false, reason: "notTabular" };
  }
  const decoded = decodeText(bytes);
  if (!decoded) return { ok: false, reason: "notTabular" };
  const table = parseCsv(decoded.text);
  if (table.every((cells) => cells.every((cell) => cell.trim() === ""))) return { ok: false, reason: "emptyFile" };
  return { ok: true, format: "csv", encoding: decoded.encoding, table };
}

/**
 * UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Windows-874 (TIS-620 plus a few
 * punctuation marks), the code page of Thai Windows: a TIS-620 Thai letter (0xA1–0xFB) followed by
 * another is never valid UTF-8, so a Thai file cannot be taken for the wrong one. Binary data (NUL
 * bytes: a PDF, an XLS, UTF-16) is not a CSV.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-874" } | null {
  if (bytes.includes(0)) return null;
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-874").decode(bytes), encoding: "windows-874" };
  }
}

/**
 * RFC 4180 CSV: fields separated by commas (or by tabs when the first line has tabs and no
 * comma — Excel's "Text" export), quoted with "…" where they hold a comma, a quote ("") or a line
 * break; CRLF or LF between records.
 */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === separator) {
      record.push(field);
      field = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** A cell as CSV: quoted when it holds a separator, a quote or a line break. */
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV as Thai Excel opens it correctly: UTF-8 with a BOM, CRLF line ends. */
export function writeCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** The first sheet of an XLSX workbook as strings (what a person sees: formulas' results, rich text's text), or null when it is not one. */
async function readXlsx(bytes: Uint8Array): Promise<string[][] | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return null;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return null;
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    table[rowNumber - 1] = Array.from(cells, (cell) => cell ?? "");
  });
  return Array.from(table, (cells) => cells ?? []);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("formula" in value || "sharedFormula" in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("text" in value) return String(value.text);
    if ("error" in value) return String(value.error);
  }
  return String(value);
}
