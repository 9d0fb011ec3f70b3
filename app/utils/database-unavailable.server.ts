// A database that cannot be reached or written (server down, connection lost, disk full, I/O
// error, locked too long) is an outage, not a bug: respondents and admins get 503 "briefly
// unavailable, nothing you sent was saved, please try again" instead of the generic system-error
// page (issue #8, test/reliability/faults).
import { data } from "@remix-run/node";

// Prisma: can't reach / timed out / connection closed / pool timeout.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// Prisma driver-adapter error kinds for the same.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "SocketTimeout", "ConnectionClosed", "TooManyConnections"]);
// Node sockets and PostgreSQL SQLSTATEs: connection exceptions (08…), shutdown / starting up (57P0…),
// insufficient resources (53…: disk full, out of memory, too many connections).
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOSPC", "EIO"]);
const SQLSTATE = /^(08|53|57P0)/;
// SQLite primary result codes: BUSY 5, LOCKED 6, NOMEM 7, READONLY 8, IOERR 10, FULL 13, CANTOPEN 14.
const SQLITE_PRIMARY = new Set([5, 6, 7, 8, 10, 13, 14]);
const SQLITE_NAMES = /^SQLITE_(BUSY|LOCKED|NOMEM|READONLY|IOERR|FULL|CANTOPEN)/;
const MESSAGES = /connection terminated|terminating connection|can't reach database|database or disk is full|disk I\/O error|database is locked/i;

/** True when `error` (or what it wraps) says the database is unreachable or cannot write. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; kind?: unknown; extendedCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || NODE_CODES.has(e.code) || SQLSTATE.test(e.code) || SQLITE_NAMES.test(e.code))) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (e.kind === "postgres" && typeof (e as { originalCode?: unknown }).originalCode === "string" && SQLSTATE.test((e as { originalCode: string }).originalCode)) return true;
  if (typeof e.extendedCode === "number" && SQLITE_PRIMARY.has(e.extendedCode & 0xff)) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/**
 * Wraps a loader or action: a database outage becomes 503 (GeneralErrorBoundary shows error.503);
 * responses and every other error pass through unchanged.
 *
 * Write `export const loader = /* @__PURE__ *\/ unavailableAs503(pageLoader)`. The browser build
 * replaces this .server module with an empty one and keeps only the client exports; without the
 * annotation esbuild keeps the top-level call, which throws in the browser and stops a hydrated
 * page (every admin page) from working. test/unit/route-modules.test.ts checks it.
 */
export function unavailableAs503<Args, Result>(handler: (args: Args) => Promise<Result>): (args: Args) => Promise<Result> {
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof Response || !isDatabaseUnavailable(error)) throw error;
      console.error("[db] unavailable:", error instanceof Error ? error.message.split("\n").slice(-1)[0] : "unknown error");
      throw data("database unavailable", { status: 503 });
    }
  };
}
