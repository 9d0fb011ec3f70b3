// The improvement plan's content and its form: one schema, used by the editor's action (server)
// and kept free of server imports so the page can share it. Field names of the form:
//   threshold, digits, note.<indicator>, m.<indicator>.<row>.<title|steps|start|end|unit|item|remove>,
//   sig.<officer|secretary|executive>.<name|position>
import { z } from "zod";

const isoDate = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, { error: "วันที่ไม่ถูกต้อง / Not a valid date" })
  // A real calendar day: Date would roll 2026-02-30 over to 2 March, so it must read back the same.
  .refine((value) => value === "" || (!Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value), {
    error: "วันที่ไม่ถูกต้อง / Not a valid date",
  });

export const MeasureSchema = z
  .object({
    title: z.string().trim().min(1, { error: "กรุณากรอกมาตรการ/โครงการ/กิจกรรม / Enter the measure" }).max(500),
    steps: z.string().trim().max(2000),
    start: isoDate,
    end: isoDate,
    unit: z.string().trim().max(200),
    item: z.string().trim().max(10),
  })
  .refine((measure) => !measure.start || !measure.end || measure.start <= measure.end, {
    error: "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม / The end date is before the start date",
    path: ["end"],
  });
export type Measure = z.infer<typeof MeasureSchema>;

const SignatureSchema = z.object({ name: z.string().trim().max(200), position: z.string().trim().max(200) });

export const SIGNATORIES = ["officer", "secretary", "executive"] as const;

/** Measures per indicator: plenty for a plan, and a bound on the form's size. */
export const MAX_MEASURES = 30;
export const tooManyMeasures = `ไม่เกิน ${MAX_MEASURES} มาตรการต่อตัวชี้วัด / At most ${MAX_MEASURES} measures per indicator`;

export const PlanContentSchema = z.object({
  threshold: z.coerce.number({ error: "เกณฑ์ต้องเป็นตัวเลข 0–100 / The threshold must be 0–100" }).min(0).max(100),
  digits: z.enum(["thai", "arabic"]),
  notes: z.record(z.string(), z.string().trim().max(4000)),
  measures: z.record(z.string(), z.array(MeasureSchema).max(MAX_MEASURES)),
  signatures: z.object({ officer: SignatureSchema, secretary: SignatureSchema, executive: SignatureSchema }),
});
export type PlanContent = z.infer<typeof PlanContentSchema>;

export function emptyPlan(): PlanContent {
  const blank = { name: "", position: "" };
  return { threshold: 85, digits: "thai", notes: {}, measures: {}, signatures: { officer: blank, secretary: { ...blank }, executive: { ...blank } } };
}

const MEASURE_FIELDS = ["title", "steps", "start", "end", "unit", "item"] as const;

/**
 * Read the editor's form into plan content. Rows left entirely blank are dropped; every error is
 * keyed by its form field name, so the page can show it next to the field.
 */
export function planFromForm(fields: Record<string, string>, indicatorCodes: string[]): { content: PlanContent | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const measures: Record<string, Measure[]> = {};
  const notes: Record<string, string> = {};
  for (const code of indicatorCodes) {
    notes[code] = fields[`note.${code}`] ?? "";
    const rows = new Set<number>();
    for (const key of Object.keys(fields)) {
      const match = key.match(/^m\.([^.]+)\.(\d{1,2})\.(\w+)$/);
      if (match && match[1] === code) rows.add(Number(match[2]));
    }
    measures[code] = [];
    for (const row of [...rows].sort((a, b) => a - b)) {
      if (fields[`m.${code}.${row}.remove`] === "1") continue;
      const raw = Object.fromEntries(MEASURE_FIELDS.map((field) => [field, fields[`m.${code}.${row}.${field}`] ?? ""]));
      if (MEASURE_FIELDS.every((field) => raw[field].trim() === "")) continue;
      const parsed = MeasureSchema.safeParse(raw);
      if (parsed.success) measures[code].push(parsed.data);
      else for (const issue of parsed.error.issues) errors[`m.${code}.${row}.${String(issue.path[0])}`] ??= issue.message;
      if (measures[code].length > MAX_MEASURES) errors[`m.${code}.${row}.title`] ??= tooManyMeasures;
    }
  }
  const candidate = {
    // Left blank, the threshold is the pass mark (a blank must not become 0, which hides every item).
    threshold: fields.threshold?.trim() || "85",
    digits: fields.digits ?? "thai",
    notes,
    measures,
    signatures: Object.fromEntries(SIGNATORIES.map((who) => [who, { name: fields[`sig.${who}.name`] ?? "", position: fields[`sig.${who}.position`] ?? "" }])),
  };
  const parsed = PlanContentSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, ...rest] = issue.path.map(String);
      const key =
        head === "threshold" || head === "digits" ? head : head === "signatures" ? `sig.${rest.join(".")}` : head === "notes" ? `note.${rest[0]}` : null;
      if (key) errors[key] ??= issue.message;
    }
  }
  return { content: parsed.success && Object.keys(errors).length === 0 ? parsed.data : null, errors };
}
