// `npm run ita -- ruleset:export | ruleset:import`: a cycle's ruleset (its items, options, sampling
// and rating rules) out as JSON, and a JSON file in, validated by parseRuleset and shown as a diff
// of item texts and options first. Import is refused once the cycle has a response.
// --json prints one line: the ruleset (export) / {"imported":{…}} (import).
import { readFile, writeFile } from "node:fs/promises";
import { z } from "zod";
import { exportRuleset, importRuleset } from "~/services/fiscal-years.server";
import { refusalsAsInput, year } from "./cycle";
import { CommandInputError, defineCommand } from "./index";

export const rulesetExport = defineCommand({
  name: "ruleset:export",
  summary: { th: "ส่งออกชุดเกณฑ์ของรอบการประเมินเป็น JSON", en: "export a cycle's ruleset as JSON" },
  ArgsSchema: z.object({
    year: year().describe("ปีงบประมาณ (พ.ศ.) / the fiscal year (B.E.)"),
    file: z.string().min(1).optional().describe("เขียนลงไฟล์นี้ (ค่าตั้งต้น: stdout) / write to this file (default: stdout)"),
  }),
  positionals: ["file"],
  async run({ year: fiscalYear, file }) {
    const text = await refusalsAsInput(() => exportRuleset({ fiscalYear, via: "cli" }));
    if (!file) return { json: JSON.parse(text), text };
    try {
      await writeFile(file, text, "utf8");
    } catch (error) {
      throw new CommandInputError(`<file>: เขียนไฟล์ไม่ได้ / cannot write ${file}: ${(error as Error).message}`);
    }
    return { json: { exported: { fiscalYear, file } }, text: `เขียนชุดเกณฑ์ปี ${fiscalYear} ลง ${file} แล้ว / wrote the ${fiscalYear} ruleset to ${file}` };
  },
});

export const rulesetImport = defineCommand({
  name: "ruleset:import",
  summary: { th: "นำเข้าชุดเกณฑ์ JSON ให้รอบการประเมิน (แสดงส่วนที่เปลี่ยน)", en: "import a JSON ruleset into a cycle (shows what changes)" },
  ArgsSchema: z.object({
    year: year().describe("ปีงบประมาณ (พ.ศ.) / the fiscal year (B.E.)"),
    file: z.string().min(1).describe("ไฟล์ชุดเกณฑ์ JSON / the JSON ruleset file"),
    dryRun: z.boolean().default(false).describe("แสดงส่วนที่เปลี่ยนเท่านั้น ไม่บันทึก / show the changes only, write nothing"),
  }),
  positionals: ["file"],
  async run({ year: fiscalYear, file, dryRun }) {
    let rulesetText: string;
    try {
      rulesetText = await readFile(file, "utf8");
    } catch (error) {
      throw new CommandInputError(`<file>: อ่านไฟล์ไม่ได้ / cannot read ${file}: ${(error as Error).message}`);
    }
    const imported = await refusalsAsInput(() => importRuleset({ fiscalYear, rulesetText, dryRun, via: "cli" }));
    const head = dryRun
      ? `ทดลอง ไม่ได้บันทึก / dry run, nothing written — ${imported.changes.length} changes for ${fiscalYear}:`
      : `นำเข้าชุดเกณฑ์ปี ${fiscalYear} แล้ว (rules ${imported.rulesVersion}) / imported — ${imported.changes.length} changes:`;
    return {
      json: { imported: { fiscalYear, dryRun, rulesVersion: imported.rulesVersion, changes: imported.changes } },
      text: [head, ...imported.diff].join("\n"),
    };
  },
});
