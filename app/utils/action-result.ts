// One answer shape for every admin action (shared/style.md: "Errors return in one shape"), so a
// page — and the Field component — reads `ok`, `message`, `errors`, `values` the same way
// everywhere. What a page needs beyond that (a new IIT code, recovery codes) rides along as Extra.
import { data } from "@remix-run/node";
import type { MessageKey } from "./i18n";

export type ActionResult<Extra extends object = {}> = {
  ok: boolean;
  /** The page-level message (a catalogue key), shown above the form. */
  message?: MessageKey;
  /** Interpolation for `message`, e.g. `{ minutes: 15 }` for "admin.login.limited". */
  messageVars?: Record<string, string | number>;
  /** Per field, keyed by the form field's name: a catalogue key or a ready (bilingual) text. */
  errors?: Record<string, MessageKey | string>;
  /** What the user sent, echoed back so a refused form keeps its input. */
  values?: Record<string, string>;
} & Extra;

type Body<Extra extends object> = Omit<ActionResult<Extra>, "ok">;

/** Parts left undefined are left out, so every answer carries only what it says. */
function compact<Extra extends object>(ok: boolean, body: Body<Extra>) {
  return Object.fromEntries([["ok", ok], ...Object.entries(body).filter(([, value]) => value !== undefined)]) as ActionResult<Extra>;
}

/** A successful action: `{ ok: true, ... }` (status 200 unless `init` says otherwise). */
export function actionOk<Extra extends object = {}>(body: Body<Extra> = {} as Body<Extra>, init?: ResponseInit) {
  return data(compact(true, body), init);
}

/** A refused action: `{ ok: false, ... }` with its status (400, 401, 403, 409, 429, 503 …). */
export function actionError<Extra extends object = {}>(status: number, body: Body<Extra> = {} as Body<Extra>, init: Omit<ResponseInit, "status"> = {}) {
  return data(compact(false, body), { ...init, status });
}
