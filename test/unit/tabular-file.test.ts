// Reading an uploaded register (app/utils/tabular-file.server.ts): RFC 4180 CSV, the encodings Thai
// Excel writes, XLSX, and files that are neither.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { decodeText, parseCsv, readTabularFile, writeCsv } from "~/utils/tabular-file.server";
import { tis620 } from "../fixtures/tis620";

describe("CSV", () => {
  it("parses quotes, commas, doubled quotes and line breaks inside fields, CRLF or LF", () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n"two\nlines",,x\n')).toEqual([
      ["a", "b,c", 'say "hi"'],
      ["two\nlines", "", "x"],
    ]);
    expect(parseCsv("a,b")).toEqual([["a", "b"]]);
    expect(parseCsv("a\tb\n1\t2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("writes what it reads back (BOM, CRLF, quoting)", () => {
    const rows = [
      ["code", "name"],
      ["A", 'เทศบาล "หนึ่ง", ตำบล\nสอง'],
    ];
    const text = writeCsv(rows);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(parseCsv(decodeText(new TextEncoder().encode(text))!.text)).toEqual(rows);
  });

  it("decodes UTF-8 with or without BOM, and Windows-874 (TIS-620) when the bytes are not UTF-8", () => {
    expect(decodeText(new TextEncoder().encode("\uFEFFกรม"))).toEqual({ text: "กรม", encoding: "utf-8" });
    expect(decodeText(new TextEncoder().encode("กรม"))).toEqual({ text: "กรม", encoding: "utf-8" });
    expect(decodeText(tis620("code,ชื่อหน่วยงาน\nA,เทศบาลตำบลหนึ่ง"))).toEqual({ text: "code,ชื่อหน่วยงาน\nA,เทศบาลตำบลหนึ่ง", encoding: "windows-874" });
  });
});

describe("readTabularFile", () => {
  it("reads the first sheet of an XLSX as text (numbers, formulas' results, rich text)", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("ทะเบียน");
    sheet.addRow(["code", "จำนวนบุคลากร", "name"]);
    sheet.addRow(["A", 40, { richText: [{ text: "เทศบาล" }, { text: "หนึ่ง" }] }]);
    sheet.addRow(["B", { formula: "1+1", result: 2 }, "x"]);
    workbook.addWorksheet("other").addRow(["ignored"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await readTabularFile(bytes, 1e6)).toEqual({
      ok: true,
      format: "xlsx",
      encoding: null,
      table: [
        ["code", "จำนวนบุคลากร", "name"],
        ["A", "40", "เทศบาลหนึ่ง"],
        ["B", "2", "x"],
      ],
    });
  });

  it("refuses an empty file, a file over the cap, binary data and a broken zip", async () => {
    expect(await readTabularFile(new Uint8Array(), 100)).toEqual({ ok: false, reason: "emptyFile" });
    expect(await readTabularFile(new TextEncoder().encode(" \n\n"), 100)).toEqual({ ok: false, reason: "emptyFile" });
    expect(await readTabularFile(new Uint8Array(101).fill(65), 100)).toEqual({ ok: false, reason: "tooLarge" });
    expect(await readTabularFile(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]), 100)).toEqual({ ok: false, reason: "notTabular" });
    expect(await readTabularFile(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 100)).toEqual({ ok: false, reason: "notTabular" });
  });
});
