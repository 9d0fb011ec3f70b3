// The password policy for admin accounts (issue 15; shared/security.md → Passwords): 12 to 128
// characters, not one of the commonest passwords (common-passwords.ts) nor a trivial variant of one,
// not a run or a repeat, and not containing the account's e-mail or name. Length beats rules, so
// there is no "one digit, one symbol" demand: a long passphrase in Thai or English is welcome.
import { COMMON_PASSWORDS } from "./common-passwords";

export const ADMIN_PASSWORD_MIN_LENGTH = 12;
export const ADMIN_PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = "tooShort" | "tooLong" | "common" | "personal";

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS.split("\n").filter(Boolean));
  return common;
}

// Runs a keyboard or a counting finger makes; a password inside one of them is no password.
const RUNS = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "1234567890qwertyuiop", "1qaz2wsx3edc4rfv5tgb", "qazwsxedcrfvtgbyhn"];

function isRunOrRepeat(password: string): boolean {
  if (new Set(password).size < 5) return true; // "abababababab", "aaaaaaaaaaaa1"
  for (const run of RUNS) {
    const long = run.repeat(Math.ceil(140 / run.length));
    if (long.includes(password) || [...long].reverse().join("").includes(password)) return true;
  }
  return false;
}

/** The shortest unit a password repeats ("ita2568ita2568" → "ita2568"), or the password itself. */
function repeatedUnit(password: string): string {
  for (let size = 1; size <= password.length / 2; size++) {
    if (password.length % size === 0 && password.slice(0, size).repeat(password.length / size) === password) return password.slice(0, size);
  }
  return password;
}

/** The word under the decoration: "Password123456!" → "password", "ita2568" → "ita". */
function core(password: string): string {
  return password.replace(/^[\d\W_]+/u, "").replace(/[\d\W_]+$/u, "");
}

/** What is wrong with a new password for this account, or null when it is acceptable. */
export function passwordProblem(password: string, account: { email: string; name?: string | null }): PasswordProblem | null {
  const length = [...password].length;
  if (length < ADMIN_PASSWORD_MIN_LENGTH) return "tooShort";
  if (length > ADMIN_PASSWORD_MAX_LENGTH) return "tooLong";
  const lower = password.normalize("NFC").toLowerCase();
  const compact = lower.replace(/\s+/g, "");
  const list = commonPasswords();
  const unit = repeatedUnit(compact);
  const weak = (candidate: string) => list.has(candidate) || list.has(core(candidate));
  if (list.has(lower) || weak(compact) || isRunOrRepeat(compact) || (unit !== compact && (unit.length <= 8 || weak(unit)))) return "common";
  const email = account.email.trim().toLowerCase();
  const local = email.split("@")[0] ?? "";
  const personal = [email, local.length >= 3 ? local : "", ...local.split(/[._+-]/).filter((part) => part.length >= 4)];
  const name = (account.name ?? "").normalize("NFC").toLowerCase();
  if (name.trim()) personal.push(name.replace(/\s+/g, ""), ...name.split(/\s+/).filter((part) => [...part].length >= 4));
  if (personal.some((part) => part && compact.includes(part))) return "personal";
  return null;
}
