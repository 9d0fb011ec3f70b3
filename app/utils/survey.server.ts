// Guards and helpers shared by the IIT and EIT survey routes.
import { redirect } from "@remix-run/node";
import type { Instrument } from "~/generated/sqlite/enums";
import { getCycleRuleset } from "~/models/cycle.server";
import { getSurveySession } from "~/models/survey-session.server";
import { surveyCookie } from "./survey-cookie.server";

/** The live survey session of this request for `instrument`, or a redirect to `startPath`. */
export async function requireSurveySession(request: Request, instrument: Instrument, startPath: string) {
  const token = await surveyCookie.parse(request.headers.get("Cookie"));
  const session = await getSurveySession(typeof token === "string" ? token : null);
  if (!session || session.instrument !== instrument) {
    throw redirect(`${startPath}?expired=1`, { headers: { "Set-Cookie": await surveyCookie.serialize("", { maxAge: 0 }) } });
  }
  return { ...session, ruleset: getCycleRuleset(session.cycle) };
}

/** Field errors in one shape for every form: field name → message. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(issues: { path: PropertyKey[]; message: string; code?: string; keys?: string[] }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys" && issue.keys) {
      for (const key of issue.keys) errors[key] ??= `ไม่รู้จักข้อ ${key} / Unknown field ${key}`;
      continue;
    }
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}
