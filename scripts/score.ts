// `npm run score -- <input.json | ->` = `npm run ita -- score …` (app/commands/score.ts documents the
// input and output). Kept as a file because tests and fixtures run it directly
// (test/unit/score-cli.test.ts, test/fixtures/oversight.ts).
import { runCli } from "~/commands/index";

process.exitCode = await runCli(["score", ...process.argv.slice(2)]);
