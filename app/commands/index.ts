// The operator CLI's runner: `npm run ita -- <command> [arguments] [--json]` (scripts/ita.ts).
//
// Every other file in app/commands/ is a command group: `ruleset.ts` holds `ruleset:import`,
// `ruleset:export` …, `purge.ts` holds `purge`. A group exports its commands, each made with
// `defineCommand({ name, summary, ArgsSchema, run })`; the runner finds them by the file name, so
// adding a group is adding one file. Commands call services/ (the use cases the routes and the
// server share), never the database directly (test/unit/layers.test.ts).
//
// Arguments: node:util parseArgs (no dependency). `ArgsSchema` is a zod object: its keys are the
// options (`lockTimeoutSeconds` ↔ `--lock-timeout-seconds`; z.boolean() is a flag, anything else
// takes a value) and, listed in `positionals`, the positional arguments in order. `.describe()`
// gives an option's help line. Every command also takes --help and --json.
//
// Exit codes: 0 done; 2 bad arguments or bad input (one line on stderr naming the field, nothing
// written, nothing on stdout); 1 anything else (the error on stderr).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { progressReporter, type Progress } from "~/utils/progress";

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Both languages in one line: operators read Thai, the logs and the next engineer may not. */
export type Bilingual = { th: string; en: string };

/** What a command gives back: `json` for --json (one line), `text` for a person. */
export type CommandOutput = { json: unknown; text: string };

export type CommandContext = {
  /** Standard input, for commands that read `-` (score). */
  stdin: AsyncIterable<Buffer | string>;
  /** Progress of long work: a bar on a terminal, plain lines otherwise (on standard error). */
  progress: Progress;
};

export type AnyArgsSchema = z.ZodObject<z.ZodRawShape>;

export type Command<S extends AnyArgsSchema = AnyArgsSchema> = {
  /** `group` or `group:action`; the group is the file's name. */
  name: string;
  summary: Bilingual;
  ArgsSchema: S;
  /** Keys of ArgsSchema taken from positional arguments, in order. */
  positionals?: ReadonlyArray<keyof z.output<S> & string>;
  run(args: z.output<S>, context: CommandContext): Promise<CommandOutput>;
};

/** A command, typed from its schema (run's `args` is what ArgsSchema parses to). */
export function defineCommand<S extends AnyArgsSchema>(command: Command<S>): Command<S> {
  return command;
}

/** Bad input found while running (an unreadable file, invalid JSON …): exit 2, one line. */
export class CommandInputError extends Error {
  override name = "CommandInputError";
}

export type CliIo = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: AsyncIterable<Buffer | string>;
};

const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

const COMMANDS_DIR = import.meta.dirname;
const RUN = "npm run ita --";

const GLOBAL_OPTIONS = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean" },
} as const;

const GLOBAL_HELP: Array<[string, Bilingual]> = [
  ["--help, -h", { th: "แสดงวิธีใช้", en: "show this help" }],
  ["--json", { th: "พิมพ์ผลเป็น JSON บรรทัดเดียว สำหรับสคริปต์", en: "print the result as one line of JSON, for scripts" }],
];

// ───────────── finding the commands ─────────────

/** The group files: every .ts/.js file here except this one. */
function groupFiles(): Map<string, string> {
  const groups = new Map<string, string>();
  for (const file of fs.readdirSync(COMMANDS_DIR).sort()) {
    const match = /^([a-z][a-z0-9-]*)\.(ts|js)$/.exec(file);
    if (match && match[1] !== "index") groups.set(match[1], path.join(COMMANDS_DIR, file));
  }
  return groups;
}

function isCommand(value: unknown): value is Command {
  if (typeof value !== "object" || value === null) return false;
  const c = value as Partial<Command>;
  return typeof c.name === "string" && typeof c.run === "function" && c.ArgsSchema instanceof z.ZodObject && typeof c.summary?.en === "string";
}

/** The commands a group file exports, in the order it exports them. */
export async function loadGroup(file: string): Promise<Command[]> {
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  return Object.values(module).filter(isCommand);
}

/** Every command of every group (imports every group: for --help and the tests). */
export async function listCommands(): Promise<Array<{ group: string; commands: Command[] }>> {
  const out: Array<{ group: string; commands: Command[] }> = [];
  // A module's exports come in alphabetical order of their names; list by command name instead.
  for (const [group, file] of groupFiles()) out.push({ group, commands: (await loadGroup(file)).sort((a, b) => a.name.localeCompare(b.name)) });
  return out;
}

/** One command, importing only its group's file (so `score` never loads the database). */
async function findCommand(name: string): Promise<Command | undefined> {
  const file = groupFiles().get(name.split(":")[0]);
  return file ? (await loadGroup(file)).find((command) => command.name === name) : undefined;
}

// ───────────── options from the schema ─────────────

type OptionSpec = { key: string; flag: string; kind: "boolean" | "string" | "strings"; description?: string; defaultValue?: unknown };

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** What parseArgs needs to know about each key of ArgsSchema (its kind, under the wrappers). */
function specsOf(command: Command): OptionSpec[] {
  return Object.entries(command.ArgsSchema.shape).map(([key, schema]) => {
    let inner = schema as z.ZodType;
    let description = inner.description;
    let defaultValue: unknown;
    for (;;) {
      const def = inner._zod.def as { type: string; innerType?: z.ZodType; defaultValue?: unknown };
      if (def.type === "default") defaultValue = def.defaultValue;
      if (!def.innerType) break;
      inner = def.innerType;
      description ??= inner.description;
    }
    const type = inner._zod.def.type;
    const kind = type === "boolean" ? "boolean" : type === "array" ? "strings" : "string";
    return { key, flag: `--${kebab(key)}`, kind, description, defaultValue };
  });
}

/** A command-line problem: "<field>: <th> / <en>". */
class UsageError extends Error {}

function bilingual(message: Bilingual): string {
  return `${message.th} / ${message.en}`;
}

/** parseArgs, with our own messages (it would say them in English only). */
function readArguments(command: Command | undefined, argv: string[]) {
  const specs = command ? specsOf(command).filter((s) => !command.positionals?.includes(s.key)) : [];
  const options: Record<string, { type: "boolean" | "string"; short?: string; multiple?: boolean }> = { ...GLOBAL_OPTIONS };
  for (const spec of specs) options[spec.flag.slice(2)] = { type: spec.kind === "boolean" ? "boolean" : "string", multiple: spec.kind === "strings" };
  const { tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  let help = false;
  let json = false;
  for (const token of tokens) {
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === "option-terminator") continue;
    const known = options[token.name];
    if (!known) throw new UsageError(`${token.rawName}: ${bilingual({ th: "ไม่มีตัวเลือกนี้", en: "unknown option" })}`);
    if (known.type === "boolean" && token.inlineValue) {
      throw new UsageError(`${token.rawName}: ${bilingual({ th: "ตัวเลือกนี้ไม่รับค่า", en: "takes no value" })}`);
    }
    // parseArgs (not strict) takes the next argument as the value even when it is another option.
    if (known.type === "string" && (token.value === undefined || (!token.inlineValue && token.value.startsWith("-") && token.value !== "-"))) {
      throw new UsageError(`${token.rawName}: ${bilingual({ th: "ต้องมีค่าตามหลัง", en: "needs a value" })}`);
    }
    if (token.name === "help") help = true;
    else if (token.name === "json") json = true;
    else {
      const key = specs.find((s) => s.flag === `--${token.name}`)!.key;
      values[key] = known.multiple ? [...((values[key] as string[] | undefined) ?? []), token.value] : (token.value ?? true);
    }
  }
  return { values, positionals, help, json };
}

const HAS_THAI = /[\u0E00-\u0E7F]/;

/** The zod issues as one line, each naming its field as the operator typed it. */
function describeIssues(command: Command, issues: z.ZodError["issues"], given: Record<string, unknown>): string {
  return issues
    .map((issue) => {
      const key = String(issue.path[0] ?? "");
      const field = command.positionals?.includes(key) ? `<${kebab(key)}>` : key ? `--${kebab(key)}` : "(arguments)";
      if (key && given[key] === undefined && issue.code === "invalid_type") return `${field}: ${bilingual({ th: "ต้องระบุ", en: "required" })}`;
      // Schemas should write their messages in both languages; zod's own are English only.
      return `${field}: ${HAS_THAI.test(issue.message) ? issue.message : bilingual({ th: "ค่าไม่ถูกต้อง", en: issue.message })}`;
    })
    .join("; ");
}

// ───────────── help ─────────────

function table(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join("\n");
}

async function mainHelp(): Promise<string> {
  const rows: Array<[string, string]> = [];
  for (const { commands } of await listCommands()) for (const c of commands) rows.push([c.name, bilingual(c.summary)]);
  return [
    "ita — คำสั่งสำหรับผู้ดูแลระบบ ITA / ITA operator commands",
    "",
    `วิธีใช้ / Usage: ${RUN} <command> [arguments] [--json]`,
    "",
    "คำสั่ง / Commands:",
    table(rows),
    "",
    "ตัวเลือกของทุกคำสั่ง / Options of every command:",
    table(GLOBAL_HELP.map(([flag, text]) => [flag, bilingual(text)])),
    "",
    `รายละเอียดของคำสั่ง / One command in detail: ${RUN} <command> --help`,
    "",
  ].join("\n");
}

function commandHelp(command: Command): string {
  const specs = specsOf(command);
  const positional = (command.positionals ?? []).map((key) => specs.find((s) => s.key === key)!);
  const options = specs.filter((s) => !command.positionals?.includes(s.key));
  const usage = [RUN, command.name, ...positional.map((s) => `<${kebab(s.key)}>`), ...(options.length ? ["[options]"] : []), "[--json]"].join(" ");
  const describe = (s: OptionSpec) => `${s.description ?? ""}${s.defaultValue !== undefined ? ` (ค่าตั้งต้น / default: ${String(s.defaultValue)})` : ""}`;
  const lines = [`ita ${command.name} — ${bilingual(command.summary)}`, "", `วิธีใช้ / Usage: ${usage}`, ""];
  if (positional.length) lines.push("อาร์กิวเมนต์ / Arguments:", table(positional.map((s) => [`<${kebab(s.key)}>`, describe(s)])), "");
  const optionRows: Array<[string, string]> = options.map((s) => [s.kind === "boolean" ? s.flag : `${s.flag} <value>`, describe(s)]);
  lines.push("ตัวเลือก / Options:", table([...optionRows, ...GLOBAL_HELP.map(([flag, text]): [string, string] => [flag, bilingual(text)])]), "");
  return lines.join("\n");
}

// ───────────── running ─────────────

/** Run the CLI on `argv` (without node and the script); returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  // Only global flags may come before the command's name.
  const nameIndex = argv.findIndex((arg) => !arg.startsWith("-"));
  const name = nameIndex === -1 ? undefined : argv[nameIndex];
  const fail = (prefix: string, message: string) => {
    io.stderr.write(`${prefix}: ${message}\n`);
    return EXIT_USAGE;
  };

  if (name === undefined) {
    const before = argv.filter((arg) => arg !== "--json");
    if (before.length > 0 && before.every((arg) => arg === "--help" || arg === "-h")) {
      io.stdout.write(await mainHelp());
      return EXIT_OK;
    }
    if (before.length > 0) return fail("ita", `${before[0]}: ${bilingual({ th: "ไม่มีตัวเลือกนี้", en: "unknown option" })}`);
    io.stderr.write(await mainHelp());
    return fail("ita", bilingual({ th: "ต้องระบุคำสั่ง", en: "a command is required" }));
  }
  for (const arg of argv.slice(0, nameIndex)) {
    if (!(arg === "--json" || arg === "--help" || arg === "-h"))
      return fail("ita", `${arg}: ${bilingual({ th: "ไม่มีตัวเลือกนี้ (ก่อนชื่อคำสั่ง)", en: "unknown option (before the command)" })}`);
  }

  const command = await findCommand(name);
  if (!command) {
    return fail("ita", `${bilingual({ th: `ไม่รู้จักคำสั่ง "${name}"`, en: `unknown command "${name}"` })} — ${RUN} --help`);
  }

  let parsed: ReturnType<typeof readArguments>;
  try {
    parsed = readArguments(command, [...argv.slice(0, nameIndex), ...argv.slice(nameIndex + 1)]);
  } catch (error) {
    if (error instanceof UsageError) return fail(command.name, error.message);
    throw error;
  }
  if (parsed.help) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }

  const keys = command.positionals ?? [];
  if (parsed.positionals.length > keys.length) {
    const extra = parsed.positionals[keys.length];
    return fail(command.name, `"${extra}": ${bilingual({ th: "อาร์กิวเมนต์เกิน", en: "unexpected argument" })}`);
  }
  const given: Record<string, unknown> = { ...parsed.values };
  keys.forEach((key, i) => (given[key] = parsed.positionals[i]));
  const args = command.ArgsSchema.safeParse(given);
  if (!args.success) return fail(command.name, describeIssues(command, args.error.issues, given));

  const progress = progressReporter(io.stderr);
  try {
    const output = await command.run(args.data, { stdin: io.stdin, progress });
    progress.end();
    io.stdout.write(parsed.json ? `${JSON.stringify(output.json)}\n` : output.text.endsWith("\n") ? output.text : `${output.text}\n`);
    return EXIT_OK;
  } catch (error) {
    progress.end();
    if (error instanceof CommandInputError) return fail(command.name, error.message);
    io.stderr.write(
      `${command.name}: ${bilingual({ th: "ล้มเหลว", en: "failed" })}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT_FAILED;
  }
}
