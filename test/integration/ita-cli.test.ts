// `npm run ita -- purge --json` (and its alias `npm run purge`) against this file's database.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dbTarget, prisma } from "~/db.server";

const root = path.resolve(import.meta.dirname, "../..");

describe(`ita purge --json (${dbTarget.provider})`, () => {
  it("deletes what has expired, keeps the rest, and prints one line of JSON", async () => {
    const day = 24 * 60 * 60 * 1000;
    await prisma.idempotencyKey.createMany({
      data: [
        { key: "cli-expired", outcome: "{}", purgeAfter: new Date(Date.now() - day) },
        { key: "cli-current", outcome: "{}", purgeAfter: new Date(Date.now() + day) },
      ],
    });
    // The child inherits DATABASE_URL, NODE_ENV and APP_SECRET from test/setup/database.ts.
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/ita.ts", "purge", "--json"], { cwd: root, encoding: "utf8", timeout: 30_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.endsWith("\n")).toBe(true);
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(1);
    const { purged } = JSON.parse(run.stdout);
    expect(Object.keys(purged).sort()).toEqual([
      "adminSessions",
      "auditLog",
      "counters",
      "idempotencyKeys",
      "otpChallenges",
      "outboxMessages",
      "surveySessions",
    ]);
    expect(purged.idempotencyKeys).toBe(1);
    expect((await prisma.idempotencyKey.findMany({ where: { key: { startsWith: "cli-" } } })).map((row) => row.key)).toEqual(["cli-current"]);
  });
});
