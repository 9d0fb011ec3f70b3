// The scoring CLI, run for real: `node --import tsx scripts/score.ts <file | ->`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const fixture = (name: string) => path.join(root, "test/fixtures/score", name);

function score(args: string[], stdin?: string) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/score.ts", ...args], {
    cwd: root,
    input: stdin,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("npm run score", { timeout: 30_000 }, () => {
  it("scores the full example: total 91.20, pass-good (hand-computed in test/unit/domain/scoring.test.ts)", () => {
    const run = score([fixture("full-example.json")]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.total).toBe(91.2);
    expect(result.rating).toEqual({ code: "pass-good", th: "ผ่านดี", en: "Pass — good" });
    expect(result.parts.eit2.score).toBe(92.67);
    expect(result.parts.oit.subIndicators["10.2"]).toBe(75);
    expect(run.stdout).toContain('\n  "parts": {'); // pretty-printed
  });

  it("reads stdin with -", () => {
    const run = score(["-"], fs.readFileSync(fixture("oit-sub-indicators.json"), "utf8"));
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.parts.oit.score).toBe(91.25);
    expect(result.total).toBe(91.2);
  });

  it("bad input: exit 2, one line on stderr naming the field", () => {
    const range = score([fixture("bad-item-range.json")]);
    expect(range.status).toBe(2);
    expect(range.stdout).toBe("");
    expect(range.stderr).toBe("score: eit1.items.e3: must be between 0 and 100\n");

    const missing = score([fixture("missing-item.json")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("score: iit.items.i7: required\n");
  });

  it("invalid JSON, an unreadable file or no argument: exit 2", () => {
    const invalid = score([fixture("invalid-json.json")]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/^score: invalid JSON in .*invalid-json\.json: .+\n$/);

    const absent = score([fixture("does-not-exist.json")]);
    expect(absent.status).toBe(2);
    expect(absent.stderr).toMatch(/^score: cannot read .*does-not-exist\.json/);

    expect(score([]).status).toBe(2);
  });
});
