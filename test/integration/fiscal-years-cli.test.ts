// The fiscal-year commands (app/commands/cycle.ts, ruleset.ts) against this file's database, run
// through the CLI's own runner in this process: every command, every refusal (exit 2, the message
// on stderr, and nothing written: no cycle, no participation, no audit row).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "~/commands/index";
import { defaultWindows } from "~/domain/collection";
import { dbTarget, prisma } from "~/db.server";
import { createAgency } from "~/models/agency.server";
import { getCycleRuleset } from "~/models/cycle.server";
import { openCycle } from "../fixtures/db";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-years-"));

async function ita(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: (async function* () {})(),
  });
  return { status, stdout, stderr };
}

/** What a refusal must leave untouched. */
async function footprint() {
  const [cycles, participations, tallies, audits, definitions] = await Promise.all([
    prisma.cycle.count(),
    prisma.agencyCycle.count(),
    prisma.responseTally.count(),
    prisma.auditLog.count(),
    prisma.cycle.findMany({
      select: { fiscalYear: true, definitionJson: true, iitClosesAt: true, eitClosesAt: true, oitClosesAt: true },
      orderBy: { fiscalYear: "asc" },
    }),
  ]);
  return { cycles, participations, tallies, audits, definitions };
}

async function expectRefused(argv: string[], message: RegExp) {
  const before = await footprint();
  const run = await ita(...argv);
  expect(run.status, run.stderr).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toMatch(/[\u0E00-\u0E7F].* \/ /); // Thai / English
  expect(await footprint()).toEqual(before);
}

let activeIds: string[] = [];
let retiredId = "";

beforeAll(async () => {
  const cycle = await openCycle();
  const a = await createAgency({ slug: "years-a", nameTh: "หน่วยงาน ก", nameEn: "Agency A", kind: "local_sao" });
  const b = await createAgency({ slug: "years-b", nameTh: "หน่วยงาน ข", nameEn: "Agency B", kind: "local_sao" });
  const retired = await createAgency({ slug: "years-c", nameTh: "หน่วยงาน ค", nameEn: "Agency C", kind: "local_sao" });
  await prisma.agency.update({ where: { id: retired.id }, data: { deactivatedAt: new Date() } });
  await prisma.agencyCycle.create({
    data: { id: "years-a-2568", agencyId: a.id, cycleId: cycle.id, registered: true, internalPopulation: 41, externalPopulation: 501 },
  });
  activeIds = [a.id, b.id];
  retiredId = retired.id;
});

describe(`cycle:create (${dbTarget.provider})`, () => {
  it("opens 2570 from the 2568 ruleset with the default windows, registers every active agency, and audits", async () => {
    const run = await ita("cycle:create", "--year", "2570", "--copy-ruleset", "2568");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // The windows it used, as an operator types them (Bangkok days, both included).
    expect(run.stdout).toContain("IIT: 2027-03-01..2027-07-31");
    expect(run.stdout).toContain("EIT: 2027-03-01..2027-07-31");
    expect(run.stdout).toContain("OIT: 2027-03-01..2027-08-31");
    const cycle = await prisma.cycle.findUniqueOrThrow({ where: { fiscalYear: 2570 } });
    const defaults = defaultWindows(2570);
    expect(cycle.iitOpensAt).toEqual(defaults.iitOpensAt);
    expect(cycle.oitClosesAt).toEqual(defaults.oitClosesAt);
    expect(getCycleRuleset(cycle).meta.fiscalYear).toBe(2570);
    expect(cycle.dedupeKeyEnc).not.toBeNull();
    const registered = await prisma.agencyCycle.findMany({ where: { cycleId: cycle.id } });
    expect(registered.map((row) => row.agencyId)).toEqual(expect.arrayContaining(activeIds));
    expect(registered.some((row) => row.agencyId === retiredId)).toBe(false);
    expect(registered.every((row) => row.internalPopulation === null)).toBe(true); // no --populations-from
    expect(await prisma.responseTally.count({ where: { cycleId: cycle.id } })).toBe(registered.length * 3);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "cycle.create", target: "cycle:2570" } });
    expect(JSON.parse(audit.detail!)).toMatchObject({ via: "cli", rulesetFrom: 2568, registered: registered.length });
  });

  it("--populations-from carries each agency's populations; given windows are used; --json is one line", async () => {
    const run = await ita(
      "cycle:create",
      "--year",
      "2571",
      "--copy-ruleset",
      "2570",
      "--populations-from",
      "2568",
      "--iit",
      "2028-02-01..2028-06-30",
      "--json",
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(1);
    const { created } = JSON.parse(run.stdout);
    expect(created).toMatchObject({ fiscalYear: 2571, windows: { iit: "2028-02-01..2028-06-30", eit: "2028-03-01..2028-07-31" }, populationsCarried: 1 });
    const cycle = await prisma.cycle.findUniqueOrThrow({ where: { fiscalYear: 2571 } });
    const a = await prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId: activeIds[0], cycleId: cycle.id } } });
    expect([a.internalPopulation, a.externalPopulation]).toEqual([41, 501]);
    const b = await prisma.agencyCycle.findUniqueOrThrow({ where: { agencyId_cycleId: { agencyId: activeIds[1], cycleId: cycle.id } } });
    expect(b.internalPopulation).toBeNull();
  });

  it("--ruleset FILE imports the file as the new year's", async () => {
    const file = path.join(dir, "ruleset-2572.json");
    const ruleset = structuredClone(getCycleRuleset(await prisma.cycle.findUniqueOrThrow({ where: { fiscalYear: 2568 } })));
    ruleset.meta.rulesVersion = "2572-file";
    fs.writeFileSync(file, JSON.stringify(ruleset));
    const run = await ita("cycle:create", "--year", "2572", "--ruleset", file);
    expect(run.status, run.stderr).toBe(0);
    const cycle = await prisma.cycle.findUniqueOrThrow({ where: { fiscalYear: 2572 } });
    expect(cycle.rulesVersion).toBe("2572-file");
    expect(getCycleRuleset(cycle).meta.fiscalYear).toBe(2572);
  });

  it("refuses, writing nothing: year exists, source missing, bad dates, close before open, OIT before EIT, an invalid ruleset", async () => {
    await expectRefused(["cycle:create", "--year", "2570", "--copy-ruleset", "2568"], /2570 already has a cycle/);
    await expectRefused(["cycle:create", "--year", "2573", "--copy-ruleset", "2555"], /no ruleset of fiscal year 2555/);
    await expectRefused(["cycle:create", "--year", "2573", "--copy-ruleset", "2568", "--populations-from", "2555"], /no cycle of fiscal year 2555/);
    await expectRefused(["cycle:create", "--year", "2573", "--copy-ruleset", "2568", "--iit", "2029-02-30..2029-07-31"], /IIT: not a calendar date/);
    await expectRefused(["cycle:create", "--year", "2573", "--copy-ruleset", "2568", "--eit", "2029-03-01"], /--eit: .*OPEN\.\.CLOSE/);
    await expectRefused(["cycle:create", "--year", "2573", "--copy-ruleset", "2568", "--eit", "2029-07-31..2029-03-01"], /EIT: closes before it opens/);
    await expectRefused(
      ["cycle:create", "--year", "2573", "--copy-ruleset", "2568", "--oit", "2029-03-01..2029-06-30"],
      /OIT: must not close before the IIT and EIT/,
    );
    await expectRefused(["cycle:create", "--year", "2573"], /give exactly one/);
    await expectRefused(["cycle:create", "--year", "2473", "--copy-ruleset", "2568"], /--year: .*Buddhist-era/);
    const broken = path.join(dir, "broken.json");
    const ruleset = structuredClone(getCycleRuleset(await prisma.cycle.findUniqueOrThrow({ where: { fiscalYear: 2568 } }))) as Record<string, any>;
    ruleset.items[0].optionSet = "no-such-set";
    fs.writeFileSync(broken, JSON.stringify(ruleset));
    await expectRefused(["cycle:create", "--year", "2573", "--ruleset", broken], /invalid ruleset: items\[0\]/);
    fs.writeFileSync(broken, "{ not json");
    await expectRefused(["cycle:create", "--year", "2573", "--ruleset", broken], /cannot read the JSON file/);
  });
});

describe(`cycle:list and cycle:windows (${dbTarget.provider})`, () => {
  it("lists every cycle with rules, windows, state today, agencies and responses; the open 2568 is current", async () => {
    const run = await ita("cycle:list", "--json");
    expect(run.status, run.stderr).toBe(0);
    const { cycles } = JSON.parse(run.stdout);
    expect(cycles.map((cycle: { fiscalYear: number }) => cycle.fiscalYear)).toEqual([2572, 2571, 2570, 2568]);
    const c2568 = cycles.find((cycle: { fiscalYear: number }) => cycle.fiscalYear === 2568);
    expect(c2568).toMatchObject({ current: true, state: "collecting", agenciesRegistered: 1, responses: 0 });
    expect(cycles.find((cycle: { fiscalYear: number }) => cycle.fiscalYear === 2570)).toMatchObject({
      current: false,
      state: "preparing",
      agenciesRegistered: 2,
    });
    const text = await ita("cycle:list");
    expect(text.stdout).toMatch(/2568 \* {2}rules /);
  });

  it("moves a window not yet closed; audits before and after", async () => {
    const run = await ita("cycle:windows", "--year", "2570", "--iit", "2027-02-01..2027-06-30");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("IIT: 2027-02-01..2027-06-30");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "cycle.windows", target: "cycle:2570" } });
    expect(JSON.parse(audit.detail!)).toMatchObject({ before: { iit: "2027-03-01..2027-07-31" }, after: { iit: "2027-02-01..2027-06-30" } });
  });

  it("refuses (decision 012) moving a closed window later or reopening it, a close before open, an unknown year; nothing written", async () => {
    const past = await ita(
      "cycle:create",
      "--year",
      "2566",
      "--copy-ruleset",
      "2568",
      "--iit",
      "2023-03-01..2023-07-31",
      "--eit",
      "2023-03-01..2023-07-31",
      "--oit",
      "2023-03-01..2023-08-31",
    );
    expect(past.status, past.stderr).toBe(0);
    await expectRefused(["cycle:windows", "--year", "2566", "--eit", "2023-03-01..2023-08-15"], /EIT: this window has closed/);
    await expectRefused(["cycle:windows", "--year", "2566", "--iit", "2099-01-01..2099-12-31"], /IIT: this window has closed/);
    await expectRefused(["cycle:windows", "--year", "2570", "--iit", "2027-06-30..2027-02-01"], /IIT: closes before it opens/);
    await expectRefused(["cycle:windows", "--year", "2570", "--oit", "2027-03-01..2027-04-30"], /OIT: must not close before/);
    await expectRefused(["cycle:windows", "--year", "2599", "--iit", "2027-03-01..2027-04-30"], /no cycle for fiscal year 2599/);
    await expectRefused(["cycle:windows", "--year", "2570"], /at least one window/);
    // Moving a closed window EARLIER is fine.
    const earlier = await ita("cycle:windows", "--year", "2566", "--eit", "2023-03-01..2023-07-15");
    expect(earlier.status, earlier.stderr).toBe(0);
  });
});

describe(`ruleset:export and ruleset:import (${dbTarget.provider})`, () => {
  it("exports JSON to stdout and to a file; imports with a readable diff; --dry-run writes nothing", async () => {
    const out = await ita("ruleset:export", "--year", "2568");
    expect(out.status, out.stderr).toBe(0);
    const exported = JSON.parse(out.stdout);
    expect(exported.meta.fiscalYear).toBe(2568);
    const file = path.join(dir, "export-2568.json");
    expect((await ita("ruleset:export", "--year", "2568", file)).status).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(exported);
    expect(await prisma.auditLog.count({ where: { action: "ruleset.export", target: "cycle:2568" } })).toBe(2);

    const edited = structuredClone(exported);
    const oldWording = edited.items[0].wording.th;
    edited.items[0].wording.th = "ถ้อยคำทางการ";
    edited.meta.rulesVersion = "2570-official";
    fs.writeFileSync(file, JSON.stringify(edited));

    const before = await footprint();
    const dry = await ita("ruleset:import", "--year", "2570", file, "--dry-run");
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`~ ${edited.items[0].code} (th):\n  - ${oldWording}\n  + ถ้อยคำทางการ`);
    expect(await footprint()).toEqual(before);

    const real = await ita("ruleset:import", "--year", "2570", file);
    expect(real.status, real.stderr).toBe(0);
    const cycle = await prisma.cycle.findUniqueOrThrow({ where: { fiscalYear: 2570 } });
    expect(cycle.rulesVersion).toBe("2570-official");
    const stored = getCycleRuleset(cycle);
    expect(stored.items[0].wording.th).toBe("ถ้อยคำทางการ");
    expect(stored.meta.fiscalYear).toBe(2570); // the file said 2568
    expect(await prisma.auditLog.count({ where: { action: "ruleset.import", target: "cycle:2570" } })).toBe(1);
  });

  it("refuses, writing nothing: a cycle with responses (dry run too), an invalid file, an unknown year", async () => {
    const file = path.join(dir, "export-2568.json");
    const c2568 = await prisma.cycle.findUniqueOrThrow({ where: { fiscalYear: 2568 } });
    await prisma.responseTally.create({ data: { agencyId: activeIds[0], cycleId: c2568.id, instrument: "iit", responses: 3 } });
    await expectRefused(["ruleset:import", "--year", "2568", file], /already has 3 responses/);
    await expectRefused(["ruleset:import", "--year", "2568", file, "--dry-run"], /already has 3 responses/);
    const broken = path.join(dir, "broken-import.json");
    fs.writeFileSync(broken, JSON.stringify({ meta: { fiscalYear: 2570 } }));
    await expectRefused(["ruleset:import", "--year", "2570", broken], /invalid ruleset: /);
    await expectRefused(["ruleset:import", "--year", "2599", file], /no cycle for fiscal year 2599/);
    await expectRefused(["ruleset:export", "--year", "2599"], /no cycle for fiscal year 2599/);
    await expectRefused(["ruleset:import", "--year", "2570", path.join(dir, "missing.json")], /cannot read/);
  });
});

describe(`cycle:forget-contacts: after the appeal period (${dbTarget.provider})`, () => {
  it("refuses while EIT part 1 may still collect; says what it would delete without --yes; then deletes every marker and destroys the key, audited", async () => {
    const open = await prisma.cycle.findUniqueOrThrow({ where: { fiscalYear: 2568 } });
    await prisma.eitContactMarker.create({ data: { cycleId: open.id, agencyId: activeIds[0]!, contactHash: "a".repeat(64) } });
    await expectRefused(["cycle:forget-contacts", "--year", "2568", "--yes"], /EIT part 1 has not closed/);
    expect(await prisma.eitContactMarker.count({ where: { cycleId: open.id } })).toBe(1);

    const created = await ita(
      "cycle:create",
      "--year",
      "2559",
      "--copy-ruleset",
      "2568",
      "--iit",
      "2016-02-01..2016-06-30",
      "--eit",
      "2016-03-01..2016-07-31",
      "--oit",
      "2016-03-01..2016-08-31",
    );
    expect(created.status, created.stderr).toBe(0);
    const closed = await prisma.cycle.findUniqueOrThrow({ where: { fiscalYear: 2559 } });
    await prisma.eitContactMarker.createMany({
      data: ["b", "c", "d"].map((letter, index) => ({ cycleId: closed.id, agencyId: activeIds[index % activeIds.length]!, contactHash: letter.repeat(64) })),
    });

    const dry = await ita("cycle:forget-contacts", "--year", "2559", "--json");
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout).forgetContacts).toEqual({ fiscalYear: 2559, done: false, markers: 3, keyPresent: true });
    expect(await prisma.eitContactMarker.count({ where: { cycleId: closed.id } })).toBe(3);
    expect((await prisma.cycle.findUniqueOrThrow({ where: { id: closed.id } })).dedupeKeyEnc).not.toBeNull();

    const done = await ita("cycle:forget-contacts", "--year", "2559", "--yes");
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/deleted 3 markers, destroyed the key/);
    expect(await prisma.eitContactMarker.count({ where: { cycleId: closed.id } })).toBe(0);
    expect(await prisma.eitContactMarker.count({ where: { cycleId: open.id } })).toBe(1); // another cycle's markers stay
    const after = await prisma.cycle.findUniqueOrThrow({ where: { id: closed.id } });
    expect(after.dedupeKeyEnc).toBeNull();
    expect(after.dedupeKeyDestroyedAt).toBeInstanceOf(Date);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "cycle.contacts-forgotten", target: "cycle:2559" } });
    expect(JSON.parse(audit.detail ?? "{}")).toMatchObject({ via: "cli", markersDeleted: 3, keyDestroyed: true });

    const again = await ita("cycle:forget-contacts", "--year", "2559", "--yes");
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/deleted 0 markers, no key was left/);
    await prisma.eitContactMarker.deleteMany({ where: { cycleId: open.id } });
  });
});

describe("npm run ita -- cycle:list (a real process)", () => {
  it("runs from the command line against the same database", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/ita.ts", "cycle:list", "--json"], { cwd: root, encoding: "utf8", timeout: 30_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).cycles.length).toBeGreaterThanOrEqual(4);
  });
});
