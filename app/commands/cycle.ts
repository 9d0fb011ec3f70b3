// `npm run ita -- cycle:create | cycle:list | cycle:windows | cycle:forget-contacts`: open a fiscal
// year's cycle, list the cycles, change a cycle's windows (docs/fiscal-years.md), and after the appeal
// period delete the EIT-1 markers and destroy the cycle key (shared/security.md → PDPA). Windows are typed OPEN..CLOSE as
// YYYY-MM-DD Bangkok days, both included: a window opens at 00:00 Bangkok on OPEN and closes at the
// end of CLOSE (00:00 Bangkok the next day). Refusals exit 2 and write nothing.
// --json prints one line: {"created":{…}} / {"cycles":[…]} / {"windows":{…}}
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { closeDatabaseConnections } from "~/services/maintenance.server";
import { createFiscalYear, FiscalYearRefusal, forgetCycleContacts, listFiscalYears, setCycleWindows } from "~/services/fiscal-years.server";
import { CommandInputError, defineCommand } from "./index";

const YEAR = "ต้องเป็นปี พ.ศ. 2500–2700 / must be a Buddhist-era year, 2500–2700";
/** A Buddhist-era fiscal year argument (cycle:* and ruleset:*). */
export const year = () => z.coerce.number({ error: YEAR }).int({ error: YEAR }).min(2500, { error: YEAR }).max(2700, { error: YEAR });
const WINDOW = "ต้องเป็น YYYY-MM-DD..YYYY-MM-DD / must be OPEN..CLOSE as YYYY-MM-DD..YYYY-MM-DD";
const window = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/, { error: WINDOW })
    .optional()
    .describe(`${what}: OPEN..CLOSE (YYYY-MM-DD, วันตามเวลากรุงเทพฯ รวมทั้งสองวัน / Bangkok days, both included)`);

/** Run a fiscal-years use case; its refusal is the operator's bad input (exit 2, nothing written). Shared with ruleset:*. */
export async function refusalsAsInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FiscalYearRefusal) throw new CommandInputError(error.message);
    throw error;
  } finally {
    await closeDatabaseConnections();
  }
}

const windowLines = (windows: Record<string, string>) => Object.entries(windows).map(([name, range]) => `  ${name.toUpperCase()}: ${range}`);

export const cycleCreate = defineCommand({
  name: "cycle:create",
  summary: { th: "เปิดรอบการประเมินของปีงบประมาณ และลงทะเบียนทุกหน่วยงานที่ยังใช้งาน", en: "open a fiscal year's cycle and register every active agency" },
  ArgsSchema: z.object({
    year: year().describe("ปีงบประมาณที่จะเปิด (พ.ศ.) / the fiscal year to open (B.E.)"),
    copyRuleset: year().optional().describe("คัดลอกชุดเกณฑ์จากปีนี้ / copy the ruleset of this year"),
    ruleset: z.string().min(1).optional().describe("หรือใช้ชุดเกณฑ์จากไฟล์ JSON / or a JSON ruleset file"),
    iit: window("IIT"),
    eit: window("EIT"),
    oit: window("OIT"),
    populationsFrom: year().optional().describe("ยกจำนวนประชากรของแต่ละหน่วยงานจากปีนี้ / carry each agency's populations from this year"),
  }),
  async run(args) {
    if ((args.copyRuleset === undefined) === (args.ruleset === undefined)) {
      throw new CommandInputError("--copy-ruleset / --ruleset: ต้องระบุอย่างใดอย่างหนึ่ง / give exactly one");
    }
    let rulesetText: string | undefined;
    if (args.ruleset !== undefined) {
      try {
        rulesetText = await readFile(args.ruleset, "utf8");
      } catch (error) {
        throw new CommandInputError(`--ruleset: อ่านไฟล์ไม่ได้ / cannot read ${args.ruleset}: ${(error as Error).message}`);
      }
    }
    const created = await refusalsAsInput(() =>
      createFiscalYear({
        fiscalYear: args.year,
        copyRulesetFrom: args.copyRuleset,
        rulesetText,
        windows: { iit: args.iit, eit: args.eit, oit: args.oit },
        populationsFrom: args.populationsFrom,
        via: "cli",
      }),
    );
    const text = [
      `สร้างรอบปีงบประมาณ ${created.fiscalYear} แล้ว / created the ${created.fiscalYear} cycle (rules ${created.rulesVersion})`,
      "ช่วงเวลา / windows (Bangkok days, both included):",
      ...windowLines(created.windows),
      `ลงทะเบียน / registered: ${created.registered} agencies`,
      ...(args.populationsFrom !== undefined ? [`ยกจำนวนประชากรจาก / populations from ${args.populationsFrom}: ${created.populationsCarried} agencies`] : []),
    ].join("\n");
    return { json: { created }, text };
  },
});

export const cycleList = defineCommand({
  name: "cycle:list",
  summary: { th: "แสดงรอบการประเมินทุกปี ช่วงเวลา สถานะวันนี้ หน่วยงาน และผู้ตอบ", en: "list the cycles: windows, state today, agencies registered, responses" },
  ArgsSchema: z.object({}),
  async run() {
    const cycles = await refusalsAsInput(() => listFiscalYears());
    const lines = cycles.length
      ? cycles.flatMap((cycle) => [
          `${cycle.fiscalYear}${cycle.current ? " *" : ""}  rules ${cycle.rulesVersion}  ${cycle.state}  agencies ${cycle.agenciesRegistered}  responses ${cycle.responses}`,
          ...windowLines(cycle.windows),
        ])
      : ["ยังไม่มีรอบการประเมิน / no cycle yet"];
    return { json: { cycles }, text: [...lines, ...(cycles.length ? ["* รอบปัจจุบัน / the current cycle"] : [])].join("\n") };
  },
});

export const cycleWindows = defineCommand({
  name: "cycle:windows",
  summary: { th: "เปลี่ยนช่วงเวลาของรอบการประเมิน (ช่วงที่ปิดแล้วเลื่อนให้ช้าลงไม่ได้)", en: "change a cycle's windows (a closed window may not be moved later)" },
  ArgsSchema: z.object({
    year: year().describe("ปีงบประมาณ (พ.ศ.) / the fiscal year (B.E.)"),
    iit: window("IIT"),
    eit: window("EIT"),
    oit: window("OIT"),
  }),
  async run(args) {
    if (!args.iit && !args.eit && !args.oit) throw new CommandInputError("--iit / --eit / --oit: ต้องระบุอย่างน้อยหนึ่งช่วง / give at least one window");
    const changed = await refusalsAsInput(() =>
      setCycleWindows({ fiscalYear: args.year, windows: { iit: args.iit, eit: args.eit, oit: args.oit }, via: "cli" }),
    );
    return {
      json: { windows: changed },
      text: [`ช่วงเวลาของปี ${changed.fiscalYear} / windows of ${changed.fiscalYear}:`, ...windowLines(changed.windows)].join("\n"),
    };
  },
});

export const cycleForgetContacts = defineCommand({
  name: "cycle:forget-contacts",
  summary: {
    th: "หลังพ้นระยะเวลาอุทธรณ์: ลบเครื่องหมายกันตอบซ้ำของ EIT ส่วนที่ 1 และทำลายกุญแจของรอบ (ย้อนกลับไม่ได้)",
    en: "after the appeal period: delete the EIT part 1 duplicate markers and destroy the cycle key (irreversible)",
  },
  ArgsSchema: z.object({
    year: year().describe("ปีงบประมาณ (พ.ศ.) / the fiscal year (B.E.)"),
    yes: z.boolean().default(false).describe("ยืนยัน ลบจริง (ไม่ใส่ = แสดงเฉพาะสิ่งที่จะลบ) / really do it (without: only say what would go)"),
  }),
  async run(args) {
    const result = await refusalsAsInput(() => forgetCycleContacts({ fiscalYear: args.year, confirm: args.yes, via: "cli" }));
    const key = result.keyPresent ? "กุญแจของรอบ / the cycle key" : "(กุญแจถูกทำลายไปแล้ว / the key was already destroyed)";
    const text = result.done
      ? `ปี ${result.fiscalYear}: ลบเครื่องหมาย ${result.markers} รายการ และ ${result.keyPresent ? "ทำลายกุญแจแล้ว" : "ไม่มีกุญแจเหลือให้ทำลาย"} / ${result.fiscalYear}: deleted ${result.markers} markers, ${result.keyPresent ? "destroyed the key" : "no key was left"}`
      : [
          `ปี ${result.fiscalYear} จะลบ / ${result.fiscalYear} would delete: ${result.markers} markers, ${key}`,
          "ใส่ --yes เพื่อลบจริง (ย้อนกลับไม่ได้) / add --yes to do it (irreversible)",
        ].join("\n");
    return { json: { forgetContacts: result }, text };
  },
});
