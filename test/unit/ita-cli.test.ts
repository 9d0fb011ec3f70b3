// The operator CLI, run for real: `node --import tsx scripts/ita.ts …` (app/commands/).
// `ita purge --json` against a database: test/integration/ita-cli.test.ts.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function ita(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/ita.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The group files of app/commands/ (every file but the runner). */
const groups = fs
  .readdirSync(path.join(root, "app/commands"))
  .filter((file) => /\.ts$/.test(file) && file !== "index.ts")
  .map((file) => file.replace(/\.ts$/, ""));

describe("npm run ita", { timeout: 60_000 }, () => {
  it("--help lists every command with its Thai / English summary; every command is named after its group file", () => {
    const run = ita(["--help"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const listed = run.stdout.split("คำสั่ง / Commands:\n")[1].split("\n\n")[0].split("\n");
    const names = listed.map((line) => line.trim().split(/\s+/)[0]);
    expect(names).toEqual(expect.arrayContaining(["purge", "reshuffle", "score"]));
    for (const line of listed) expect(line, "summary in both languages").toMatch(/^ {2}\S+ +[\u0E00-\u0E7F].* \/ [a-z]/);
    for (const name of names) expect(groups, `${name} lives in app/commands/${name.split(":")[0]}.ts`).toContain(name.split(":")[0]);
    expect(new Set(names).size).toBe(names.length);
    for (const group of groups)
      expect(
        names.some((name) => name === group || name.startsWith(`${group}:`)),
        `${group}.ts exports a command`,
      ).toBe(true);
  });

  it("<command> --help shows its usage and options", () => {
    const run = ita(["reshuffle", "--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("npm run ita -- reshuffle [options] [--json]");
    expect(run.stdout).toMatch(/--lock-timeout-seconds <value> .*default: 60/);
    expect(ita(["score", "-h"]).stdout).toContain("npm run ita -- score <input> [--json]");
  });

  it("an unknown command: exit 2, one line naming it, nothing on stdout", () => {
    const run = ita(["nonsense"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe('ita: ไม่รู้จักคำสั่ง "nonsense" / unknown command "nonsense" — npm run ita -- --help\n');
    expect(ita([]).status).toBe(2); // no command: the help, on stderr
  });

  it("a bad argument: exit 2, one Thai / English line naming the field, and nothing written", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-cli-"));
    const database = path.join(dir, "absent.db");
    try {
      const env = { DATABASE_URL: `file:${database}` };
      const value = ita(["reshuffle", "--lock-timeout-seconds", "soon"], env);
      expect(value.status).toBe(2);
      expect(value.stdout).toBe("");
      expect(value.stderr).toBe("reshuffle: --lock-timeout-seconds: ต้องเป็นจำนวนวินาทีเต็ม 1–3600 / must be a whole number of seconds, 1–3600\n");

      const unknown = ita(["purge", "--everything"], env);
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toBe("purge: --everything: ไม่มีตัวเลือกนี้ / unknown option\n");

      const missing = ita(["reshuffle", "--lock-timeout-seconds"], env);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toBe("reshuffle: --lock-timeout-seconds: ต้องมีค่าตามหลัง / needs a value\n");

      const positional = ita(["score"], env);
      expect(positional.status).toBe(2);
      expect(positional.stderr).toBe("score: <input>: ต้องระบุ / required\n");

      const extra = ita(["purge", "now"], env);
      expect(extra.status).toBe(2);
      expect(extra.stderr).toBe('purge: "now": อาร์กิวเมนต์เกิน / unexpected argument\n');

      expect(fs.readdirSync(dir), "no database file was opened").toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reminders:run in production without an e-mail transport: exit 2, says to use --dry-run, opens no database", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-cli-reminders-"));
    try {
      // A production configuration that is valid except that it has no way to send e-mail.
      const { EMAIL_TRANSPORT: _unset, ...inherited } = process.env;
      const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/ita.ts", "reminders:run"], {
        cwd: root,
        encoding: "utf8",
        timeout: 30_000,
        env: {
          ...inherited,
          NODE_ENV: "production",
          APP_SECRET: "x".repeat(48),
          OTP_TRANSPORT: "http-sms",
          SMS_GATEWAY_URL: "http://127.0.0.1:9/sms",
          SMS_GATEWAY_KEY: "test-key",
          DATABASE_URL: `file:${path.join(dir, "ita.db")}`,
        },
      });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^reminders:run: .*EMAIL_TRANSPORT.*--dry-run.* \/ No e-mail transport \(EMAIL_TRANSPORT\): use --dry-run/);
      expect(fs.readdirSync(dir), "no database file was opened").toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--json prints one line of JSON (score needs no database)", () => {
    const run = ita(["score", "--json", path.join(root, "test/fixtures/score/full-example.json")]);
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(JSON.parse(run.stdout).total).toBe(91.2);
  });
});
