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

/** True when `error` (or what it wraps) says the database is unreachable or cannot write, or is the 503 made of that. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  if (isOutageResponse(error)) return true;
  const e = error as { code?: unknown; kind?: unknown; extendedCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || NODE_CODES.has(e.code) || SQLSTATE.test(e.code) || SQLITE_NAMES.test(e.code))) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (
    e.kind === "postgres" &&
    typeof (e as { originalCode?: unknown }).originalCode === "string" &&
    SQLSTATE.test((e as { originalCode: string }).originalCode)
  )
    return true;
  if (typeof e.extendedCode === "number" && SQLITE_PRIMARY.has(e.extendedCode & 0xff)) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/** True for the 503 that `outageAs503` made (already logged, already the page's answer). */
export function isOutageResponse(error: unknown): boolean {
  return isDataWithResponseInit(error) && error.init?.status === 503;
}

/**
 * The one place an outage becomes a 503: the database floor (db.server.ts for Prisma,
 * db-direct.server.ts for the hot path) passes every error it throws through here, so a loader or
 * action needs no wrapper and GeneralErrorBoundary shows error.503. Every other error, and a 503
 * already made, passes through unchanged.
 */
export function outageAs503(error: unknown): unknown {
  if (isOutageResponse(error) || !isDatabaseUnavailable(error)) return error;
  console.error("[db] unavailable:", error instanceof Error ? error.message.split("\n").slice(-1)[0] : "unknown error");
  return data("database unavailable", { status: 503 });
}

function isDataWithResponseInit(value: unknown): value is { type: "DataWithResponseInit"; init?: { status?: number } | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}
