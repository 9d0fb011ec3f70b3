// The server's one logger: JSON lines on stdout (pino), one object per event, at LOG_LEVEL
// (docs/decisions/022-logs-and-metrics.md). What goes into a line is chosen by the caller from an
// allow-list of harmless fields (a request's id, route pattern, status, duration; an error's type,
// message and stack): never a request body, URL, header, cookie, address, contact, code or answer.
// The redaction below is a second net for a field someone adds by mistake, not the rule itself.
import pino from "pino";
import { env } from "~/env.server";

/**
 * Field names that must never carry a value into a line (top level only: a wildcard path such as
 * `*.cookie` tripled the cost of every line in a quick measurement, docs/decisions/022).
 */
const NEVER_LOGGED = ["answers", "body", "code", "contact", "cookie", "cookies", "email", "headers", "ip", "otp", "phone", "token", "url"];

/**
 * An error as type, message and stack only. pino's own serializer copies every enumerable property,
 * and a PostgreSQL error's `detail` names the values of a violated key ("Key (x)=(…) already exists").
 */
export function errorFields(error: unknown): { type: string; message: string; stack?: string } {
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  if (error instanceof Response) return { type: "Response", message: `${error.status} ${error.statusText}`.trim() };
  return { type: typeof error, message: "non-Error value thrown" };
}

export const logger = pino(
  {
    level: env.LOG_LEVEL,
    // Levels by name and ISO times: read by people in the journal as much as by machines.
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: errorFields },
    redact: { paths: NEVER_LOGGED, censor: "[redacted]" },
  },
  // Asynchronous writes (sonic-boom): the request does not wait for stdout; pino flushes what is
  // buffered when the process exits (a SIGKILL loses at most the last few lines).
  pino.destination({ dest: 1, sync: false }),
);

export type Logger = typeof logger;
