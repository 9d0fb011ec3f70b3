// Score one agency's ITA assessment from a JSON file (or stdin) and print the result.
//
//   npm run score -- <input.json>        npm run score -- - < input.json
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
// Bad input, unreadable file or invalid JSON: one line on stderr naming the field, exit 2.
import { readFile } from "node:fs/promises";
import { parseScoringInput } from "../app/domain/scoring-input";
import { scoreAssessment } from "../app/domain/scoring";

const USAGE_ERROR = 2;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

function fail(message: string): void {
  process.stderr.write(`score: ${message}\n`);
  process.exitCode = USAGE_ERROR;
}

async function main(args: string[]): Promise<void> {
  const source = args[0];
  if (args.length !== 1 || !source) return fail("usage: npm run score -- <input.json | ->");

  let text: string;
  try {
    text = source === "-" ? await readStdin() : await readFile(source, "utf8");
  } catch (error) {
    return fail(`cannot read ${source}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`invalid JSON in ${source === "-" ? "stdin" : source}: ${(error as Error).message}`);
  }

  const parsed = parseScoringInput(json);
  if (!parsed.ok) return fail(parsed.errors.join("; "));
  const result = scoreAssessment(parsed.input, parsed.ruleset);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main(process.argv.slice(2));
