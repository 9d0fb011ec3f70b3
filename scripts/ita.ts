// The operator CLI: `npm run ita -- --help`. The commands are in app/commands/ (one file per group).
import { runCli } from "~/commands/index";

process.exitCode = await runCli(process.argv.slice(2));
