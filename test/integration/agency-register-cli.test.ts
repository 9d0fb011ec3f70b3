// `npm run ita -- agencies:import | agencies:export` as an operator runs them, against this file's
// database: exit codes, the summary, --json, --dry-run, --year, refusals on stderr (exit 2, nothing
// written), and export → import = 0 changes through files.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "~/commands/index";
import { dbTarget, prisma } from "~/db.server";
import { openCycle } from "../fixtures/db";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ita-register-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** As an operator runs it: a child process (it inherits DATABASE_URL, NODE_ENV and APP_SECRET from test/setup/database.ts). */
function itaProcess(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/ita.ts", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
}

/** The same runner in this process (a child costs seconds; CI's budget is shared). */
async function ita(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: (async function* () {})(),
  });
  return { status, stdout, stderr };
}

function writeFile(name: string, text: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `\uFEFF${text}`);
  return file;
}

const REGISTER = [
  "รหัสหน่วยงาน,ชื่อหน่วยงาน,ประเภท,จังหวัด,หน่วยงานต้นสังกัด,จำนวนบุคลากร,จำนวนผู้รับบริการ",
  "C1,กระทรวงซีแอลไอ,กระทรวง,,,,",
  'C2,"กรมซีแอลไอ, สาขาหนึ่ง",กรม,,C1,,',
  "C3,เทศบาลเมืองซีแอลไอ,เทศบาลเมือง,สกลนคร,,55,2400",
].join("\r\n");

const counts = async () => ({ agencies: await prisma.agency.count(), participations: await prisma.agencyCycle.count(), audits: await prisma.auditLog.count() });

describe(`ita agencies:import / agencies:export (${dbTarget.provider})`, () => {
  it("--dry-run prints the summary and writes nothing", async () => {
    const before = await counts();
    const run = itaProcess("agencies:import", writeFile("r.csv", REGISTER), "--dry-run");
    // Not a terminal: the progress is plain lines on stderr, a line per step, and nothing else there.
    expect(run.stderr).toBe("อ่านไฟล์ / reading the file\nตรวจ 4 แถว / checking 4 rows\nบันทึกทะเบียน / writing the register\n");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Dry run: nothing was written");
    expect(run.stdout).toMatch(/added:\s+3/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a bad file with exit 2, every bad row on stderr, nothing on stdout, nothing written", async () => {
    const before = await counts();
    const bad = `${REGISTER}\r\nC1,ซ้ำ,กรม,,,,\r\nC5,ห้า,บริษัท,,,x,`;
    const run = await ita("agencies:import", writeFile("bad.csv", bad));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('row 5 (code): the code "C1" repeats row 2');
    expect(run.stderr).toContain('row 6 (kind): unknown agency kind "บริษัท"');
    expect(run.stderr).toContain('row 6 (iit_population): must be a whole number, not negative (got "x")');
    expect(await counts()).toEqual(before);
  });

  it("refuses a --year with no cycle (exit 2) and a file that is not there", async () => {
    const before = await counts();
    const year = await ita("agencies:import", writeFile("r.csv", REGISTER), "--year", "2690");
    expect(year.status).toBe(2);
    expect(year.stderr).toContain("there is no assessment cycle for fiscal year 2690");
    const missing = await ita("agencies:import", path.join(dir, "nope.csv"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("cannot read the file");
    expect(await counts()).toEqual(before);
  });

  it("imports with --year (registered, populations set), prints --json, and a re-import changes nothing", async () => {
    const cycle = await openCycle();
    const run = await ita("agencies:import", writeFile("r.csv", REGISTER), "--year", String(cycle.fiscalYear), "--json");
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      "อ่านไฟล์ / reading the file",
      "ตรวจ 4 แถว / checking 4 rows",
      "บันทึกทะเบียน / writing the register",
      `ลงทะเบียนรอบ ${cycle.fiscalYear} และจำนวนประชากร / registering for ${cycle.fiscalYear}, populations`,
    ]);
    expect(run.status).toBe(0);
    const { import: report } = JSON.parse(run.stdout);
    expect(report.counts).toEqual({ added: 3, changed: 0, unchanged: 0, missing: 0, deactivated: 0, registered: 3, populationsUpdated: 0 });
    const c3 = await prisma.agency.findUniqueOrThrow({ where: { code: "C3" }, include: { participations: true, parent: true } });
    expect([c3.kind, c3.participations[0].internalPopulation, c3.participations[0].externalPopulation]).toEqual(["local_town", 55, 2400]);
    expect((await prisma.agency.findUniqueOrThrow({ where: { code: "C2" } })).nameTh).toBe("กรมซีแอลไอ, สาขาหนึ่ง");

    const again = JSON.parse((await ita("agencies:import", writeFile("r.csv", REGISTER), "--year", String(cycle.fiscalYear), "--json")).stdout).import;
    expect(again.totalChanges).toBe(0);
  });

  it("agencies:export writes the import's format (stdout or a file); exporting then importing changes nothing", async () => {
    const cycle = await openCycle();
    const stdout = itaProcess("agencies:export", "--year", String(cycle.fiscalYear));
    expect(stdout.status).toBe(0);
    expect(stdout.stdout.split("\r\n")[0]).toBe("\uFEFFcode,name_th,name_en,kind,province,parent_code,iit_population,eit_population");
    expect(stdout.stdout).toContain("C3,เทศบาลเมืองซีแอลไอ,เทศบาลเมืองซีแอลไอ,local_town,47,,55,2400");

    const file = path.join(dir, "export.csv");
    expect((await ita("agencies:export", file)).status).toBe(0);
    const before = await prisma.agency.findMany({ orderBy: { code: "asc" } });
    const run = await ita("agencies:import", file, "--json");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).import).toMatchObject({ totalChanges: 0, counts: { unchanged: 3 } });
    expect(await prisma.agency.findMany({ orderBy: { code: "asc" } })).toEqual(before);
  });

  it("--deactivate-missing deactivates the agencies the file leaves out (and says so)", async () => {
    const without = REGISTER.split("\r\n")
      .filter((line) => !line.startsWith("C3"))
      .join("\r\n");
    const run = await ita("agencies:import", writeFile("w.csv", without), "--deactivate-missing");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/deactivated:\s+1/);
    expect(run.stdout).toContain("- C3 เทศบาลเมืองซีแอลไอ");
    expect((await prisma.agency.findUniqueOrThrow({ where: { code: "C3" } })).deactivatedAt).toBeInstanceOf(Date);
  });
});
