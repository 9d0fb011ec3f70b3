// Form schemas of the agency pages (admin.agencies.$slug.*): server-only
// (decision 026). A zod schema at the top of a route module ships zod (~92 KB on the wire) to every
// browser under the classic compiler, which strips only `.server` files. The action is the
// authority and these forms never validated with zod in the browser, so the schemas live here and
// the route uses them in its loader/action only. One schema per form.
import { z } from "zod";
import { instrumentItems, type Ruleset } from "~/domain/ruleset";
import { COUNTER_ID, COUNTER_LABEL_MAX } from "~/utils/counter-tag";

/** admin.agencies.$slug._index (the dashboard) */
// Several buttons, one action: an `intent` and a discriminated union, one branch per intent.
// Empty = not known yet; "1,250" is fine.
const population = z
  .string()
  .transform((value) => value.replace(/[,\s]/g, ""))
  .refine((value) => value === "" || (/^\d{1,8}$/.test(value) && Number(value) <= 10_000_000), { error: "dash.populations.invalid" })
  .transform((value) => (value === "" ? null : Number(value)));

export const DashboardActionSchema = z.discriminatedUnion("intent", [
  z.strictObject({ intent: z.literal("set-populations"), internalPopulation: population, externalPopulation: population }),
  z.strictObject({ intent: z.literal("rotate-code") }),
  z.strictObject({ intent: z.literal("revoke-code") }),
  z.strictObject({ intent: z.literal("set-open"), instrument: z.enum(["iit", "eit"]), open: z.enum(["true", "false"]) }),
  z.strictObject({ intent: z.literal("set-email"), allow: z.enum(["true", "false"]) }),
  z.strictObject({ intent: z.literal("create-counter"), label: z.string().trim().min(1).max(COUNTER_LABEL_MAX) }),
  z.strictObject({ intent: z.literal("retire-counter"), counterId: z.string().regex(COUNTER_ID) }),
]);

/** admin.agencies.$slug.oit */
// One schema per editor, built from the ruleset's OIT items: the agency sends `url.<item>`, the
// assessor `score.<item>` and `comment.<item>`; nothing else is accepted.
const UrlSchema = z.union([z.literal("").transform(() => null), z.url({ protocol: /^https?$/, error: "http(s) URL" }).max(500)]);
const ScoreSchema = z
  .string()
  .trim()
  .refine((value) => value === "" || (/^\d{1,3}(\.\d{1,2})?$/.test(value) && Number(value) <= 100), { error: "0–100" })
  .transform((value) => (value === "" ? null : Number(value)));
const CommentSchema = z
  .string()
  .max(1000)
  .transform((value) => value.trim() || null);

export function oitFormSchema(ruleset: Ruleset, editor: "agency" | "assessor") {
  const shape: Record<string, z.ZodType> = { intent: z.literal(editor) };
  for (const item of instrumentItems(ruleset, "oit")) {
    if (editor === "agency") shape[`url.${item.code}`] = UrlSchema;
    else {
      shape[`score.${item.code}`] = ScoreSchema;
      shape[`comment.${item.code}`] = CommentSchema;
    }
  }
  return z.strictObject(shape);
}

/** admin.agencies.$slug.eit2: the stakeholder's respondent type, one of the ruleset's codes; a
 * ruleset without the question records none. The answers themselves use the domain's answersSchema. */
export function parseStakeholderType(codes: string[], value: unknown) {
  return codes.length ? z.enum(codes as [string, ...string[]]).safeParse(value) : ({ success: true, data: "" } as const);
}

/** admin.agencies.$slug.results */
// Publishing cannot be undone here, so the form asks for an explicit confirmation.
export const PublishSchema = z.object({
  intent: z.literal("publish"),
  confirm: z.literal("yes"),
});
