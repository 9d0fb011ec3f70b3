// `npm run ita -- score <input.json | ->` (alias `npm run score -- <input.json | ->`): score one
// agency's ITA assessment from a JSON file (or stdin) and print the result. No database.
//
// Input (app/domain/scoring-input.ts has the full contract):
//   { "fiscalYear": 2568,
//     "iit":  { "items": { "i1": 97.5, …, "i15": 90 }, "respondents": 40, "minimumSample": 30 },
//     "eit1": { "items": { "e1": …, …, "e9": … }, "respondents": 250, "population": 1000 },
//     "eit2": { "items": { … }, "respondents": 40 },
//     "oit":  { "items": { "o1": 100, …, "o28": 100 } }   or   { "subIndicators": { "9.1": 100, … } } }
// Output (stdout, exit 0): { fiscalYear, rulesVersion, parts: { iit, eit1, eit2, oit }, total, rating }
//   with every score rounded half up to 2 decimals; each part has score, indicators, minimumSample,
//   respondents, processed and reason ({ code, th, en } or null); oit also has subIndicators.
//   Pretty-printed; with --json on one line.
// Bad input, unreadable file or invalid JSON: one line on stderr naming the field, exit 2.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { scoreAssessment } from "~/domain/scoring";
import { parseScoringInput } from "~/domain/scoring-input";
import { CommandInputError, defineCommand, type CommandContext } from "./index";

async function readAll(stdin: CommandContext["stdin"]): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

export const score = defineCommand({
  name: "score",
  summary: {
    th: "คำนวณคะแนน ITA ของหน่วยงานหนึ่งจากไฟล์ JSON (หรือ stdin)",
    en: "score one agency's ITA assessment from a JSON file (or stdin)",
  },
  ArgsSchema: z.object({
    input: z.string().describe("ไฟล์ JSON หรือ - เพื่ออ่านจาก stdin / the input JSON file, or - for stdin"),
  }),
  positionals: ["input"],
  async run({ input }, { stdin }) {
    let text: string;
    try {
      text = input === "-" ? await readAll(stdin) : await readFile(input, "utf8");
    } catch (error) {
      throw new CommandInputError(`cannot read ${input}: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new CommandInputError(`invalid JSON in ${input === "-" ? "stdin" : input}: ${(error as Error).message}`);
    }
    const parsed = parseScoringInput(json);
    if (!parsed.ok) throw new CommandInputError(parsed.errors.join("; "));
    const result = scoreAssessment(parsed.input, parsed.ruleset);
    return { json: result, text: JSON.stringify(result, null, 2) };
  },
});
