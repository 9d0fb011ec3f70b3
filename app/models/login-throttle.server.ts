// Admin sign-in throttling (shared/security.md → Input: "a wrong-password flood from elsewhere
// never locks the owner out"; docs/decisions/011-admin-sign-in-limits.md).
//
// Attack M2: 5 wrong passwords from anywhere locked the account for 15 min, even for its owner
// with the right password. Now failures are counted per (account, client) and per client, the
// client being its network (IPv4 /32, IPv6 /64: utils/client-address.ts). The account itself
// keeps only a generous ceiling that slows the clients already failing at it — the second factor
// (TOTP) is what protects an account whose password is guessed, not a lock-out.
//
// Attack M1: a login flood. Besides the bound on scrypt (utils/password.server.ts), a global
// budget of failed sign-ins per minute across all accounts: over it, only clients known to sign
// in here (a successful sign-in from the same network in the last day or two) are let through.
import { prisma, type Db } from "~/db.server";
import { clientKey } from "~/utils/client-address";
import { keyedHash } from "~/utils/crypto.server";
import { giveBackSlot, incrementCounter, readCounter, takeSlot, windowStart, type Window } from "./rate-limit.server";

const FIFTEEN_MINUTES = 15 * 60;
const DAY_SECONDS = 24 * 60 * 60;
/** Wrong passwords for one account from one client before that client waits (for that account). */
export const ACCOUNT_CLIENT_FAILURES_PER_15_MIN = 5;
/** Wrong passwords from one client, whatever the accounts, before it waits. */
export const CLIENT_FAILURES_PER_15_MIN = 20;
/**
 * Wrong passwords for one account (all clients) before it is "under attack": then a client that
 * has failed at it in the window gets no further try there, while a client that has not been
 * failing still gets its try — so the owner is never locked out by someone else's guesses.
 */
export const ACCOUNT_FAILURE_CEILING_PER_15_MIN = 30;
/** Failed sign-ins per minute across all accounts; over it, unknown clients wait for the next minute. */
export const GLOBAL_LOGIN_FAILURES_PER_MINUTE = 120;

export type LoginAttempt = {
  keys: { account: string; pair: string; client: string; global: string; known: string };
  taken: { pair: Window[]; client: Window[]; global: Window[] };
};

export type LoginAdmission = { ok: true; attempt: LoginAttempt } | { ok: false; reason: "throttled" | "busy"; retryAfterSeconds: number };

function keysFor(email: string, clientAddress: string) {
  const account = keyedHash("rate-limit-account", email.trim().toLowerCase());
  const client = keyedHash("rate-limit-client", clientKey(clientAddress));
  return {
    account: `admin-login:${account}`,
    pair: `admin-login-pair:${keyedHash("rate-limit-pair", `${account}:${client}`)}`,
    client: `admin-login-client:${client}`,
    global: "admin-login-fail:global",
    known: `admin-login-known:${client}`,
  };
}

/** A client (network) from which someone signed in successfully today or yesterday. */
async function isKnownClient(key: string, now: Date, db: Db) {
  const yesterday = new Date(windowStart(now, DAY_SECONDS).getTime() - 1000);
  return (await readCounter(`${key}:${DAY_SECONDS}`, DAY_SECONDS, now, db)) > 0 || (await readCounter(`${key}:${DAY_SECONDS}`, DAY_SECONDS, yesterday, db)) > 0;
}

/**
 * Before the password is checked: take a failure slot per (account, client), per client and — for
 * an unknown client — in the global budget (each atomic, so parallel guesses cannot overrun). The
 * attempt's slots are given back by `settleLoginAttempt` unless the password was wrong.
 */
export async function admitLoginAttempt(email: string, clientAddress: string, now = new Date(), db: Db = prisma): Promise<LoginAdmission> {
  const keys = keysFor(email, clientAddress);
  const underAttack = (await readCounter(`${keys.account}:${FIFTEEN_MINUTES}`, FIFTEEN_MINUTES, now, db)) >= ACCOUNT_FAILURE_CEILING_PER_15_MIN;
  // Under attack, a client that already failed at this account in the window gets no more tries
  // there (limit 1: its first failure fills it); one that has not been failing still gets its try.
  const pair: Window[] = [{ seconds: FIFTEEN_MINUTES, limit: underAttack ? 1 : ACCOUNT_CLIENT_FAILURES_PER_15_MIN }];
  const client: Window[] = [{ seconds: FIFTEEN_MINUTES, limit: CLIENT_FAILURES_PER_15_MIN }];
  const pairSlot = await takeSlot(keys.pair, pair, now, db);
  if (!pairSlot.ok) return { ok: false, reason: "throttled", retryAfterSeconds: pairSlot.retryAfterSeconds };
  const clientSlot = await takeSlot(keys.client, client, now, db);
  if (!clientSlot.ok) {
    await giveBackSlot(keys.pair, pair, now, db);
    return { ok: false, reason: "throttled", retryAfterSeconds: clientSlot.retryAfterSeconds };
  }
  let global: Window[] = [];
  if (!(await isKnownClient(keys.known, now, db))) {
    global = [{ seconds: 60, limit: GLOBAL_LOGIN_FAILURES_PER_MINUTE }];
    const globalSlot = await takeSlot(keys.global, global, now, db);
    if (!globalSlot.ok) {
      await giveBackSlot(keys.pair, pair, now, db);
      await giveBackSlot(keys.client, client, now, db);
      return { ok: false, reason: "busy", retryAfterSeconds: globalSlot.retryAfterSeconds };
    }
  }
  return { ok: true, attempt: { keys, taken: { pair, client, global } } };
}

/**
 * After the check: "failed" keeps the slots (and counts one failure for the account's ceiling);
 * "ok" gives them back and marks the client as known; "not-checked" (hashing was busy) gives them
 * back, since no password was tried.
 */
export async function settleLoginAttempt(attempt: LoginAttempt, outcome: "ok" | "failed" | "not-checked", now = new Date(), db: Db = prisma) {
  const { keys, taken } = attempt;
  if (outcome === "failed") {
    await incrementCounter(`${keys.account}:${FIFTEEN_MINUTES}`, FIFTEEN_MINUTES, now, db);
    return;
  }
  await giveBackSlot(keys.pair, taken.pair, now, db);
  await giveBackSlot(keys.client, taken.client, now, db);
  await giveBackSlot(keys.global, taken.global, now, db);
  if (outcome === "ok") await incrementCounter(`${keys.known}:${DAY_SECONDS}`, DAY_SECONDS, now, db);
}

/** The account's key as the audit log shows it (a keyed hash's tail, never the e-mail). */
export function auditAccount(attemptOrEmail: LoginAttempt | string) {
  const key = typeof attemptOrEmail === "string" ? keysFor(attemptOrEmail, "").account : attemptOrEmail.keys.account;
  return key.slice(-16);
}
