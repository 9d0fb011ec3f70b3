// Guards and helpers shared by the IIT and EIT survey routes.
import { data, redirect } from "@remix-run/node";
import type { Instrument } from "~/generated/sqlite/enums";
import { getCycleRuleset, shownCycle } from "~/models/cycle.server";
import { extendSurveySession, getSurveySession } from "~/models/survey-session.server";
import { sha256 } from "~/utils/crypto.server";
import { isDatabaseUnavailable } from "~/utils/database-unavailable.server";
import { surveyCookie } from "./survey-cookies.server";
import { bothLangs } from "~/utils/i18n.server";

type LiveSession = NonNullable<Awaited<ReturnType<typeof getSurveySession>>>;
type SessionView = LiveSession & { ruleset: ReturnType<typeof getCycleRuleset> };

/** The live survey session of this request for `instrument`, or a redirect to `startPath`. */
export async function requireSurveySession(request: Request, instrument: Instrument, startPath: string): Promise<SessionView> {
  const token = await surveyCookie.parse(request.headers.get("Cookie"));
  let session: LiveSession | null;
  try {
    session = await getSurveySession(typeof token === "string" ? token : null);
  } catch (error) {
    // Database unreachable (down, disk full, timeout): a page that was just shown can be shown
    // again from memory, so a failed submit comes back with its answers and "not saved, try
    // again" instead of an error page; otherwise a 503 "please try again".
    if (!isDatabaseUnavailable(error)) throw error;
    const known = typeof token === "string" ? recall(sha256(token)) : null;
    if (known && known.instrument === instrument) return known;
    console.error("[survey] session read failed:", error instanceof Error ? error.message : "unknown error");
    throw data("database unavailable", { status: 503 });
  }
  if (!session || session.instrument !== instrument) {
    throw redirect(`${startPath}?expired=1`, { headers: { "Set-Cookie": await surveyCookie.serialize("", { maxAge: 0 }) } });
  }
  // Every step of the flow pushes the limit on (sliding, capped: docs/decisions/025). A failed
  // write only means no extension this time; the page still shows the limit it has.
  const expiresAt = await extendSurveySession(token as string).catch(() => null);
  return remember({ ...session, expiresAt: expiresAt ?? session.expiresAt, ruleset: getCycleRuleset(session.cycle) });
}

// The last sessions shown, in this process's memory only (what the SurveySession table holds
// anyway), used only to render a page while the database is unreachable — never to accept a
// submit. Bounded; the cycle is the cycle cache's shared row (models/cycle.server.ts).
const REMEMBERED_SESSIONS = 20_000;
const rememberedSessions = new Map<string, SessionView>();

function remember(view: SessionView): SessionView {
  rememberedSessions.delete(view.id);
  // Without the EIT-1 contact hash: rendering a page never needs it.
  rememberedSessions.set(view.id, { ...view, contactHash: null, cycle: shownCycle(view.cycle) });
  if (rememberedSessions.size > REMEMBERED_SESSIONS) rememberedSessions.delete(rememberedSessions.keys().next().value!);
  return view;
}

function recall(sessionId: string, now = new Date()): SessionView | null {
  const view = rememberedSessions.get(sessionId);
  return view && view.expiresAt > now ? view : null;
}

/** Field errors in one shape for every form: field name → message. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(issues: { path: PropertyKey[]; message: string; code?: string; keys?: string[] }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys" && issue.keys) {
      for (const key of issue.keys) errors[key] ??= bothLangs("field.unknown", { key });
      continue;
    }
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}
