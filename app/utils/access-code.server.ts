// IIT access codes (shared/security.md → Staff access code): 10 Crockford Base32 characters from
// a CSPRNG = 50 bits, shown as XXXXX-XXXXX, stored only as a keyed hash.
import crypto from "node:crypto";
import { keyedHash } from "./crypto.server";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // no I, L, O, U
export const ACCESS_CODE_LENGTH = 10;

export function generateAccessCode(): string {
  let code = "";
  for (let i = 0; i < ACCESS_CODE_LENGTH; i++) code += CROCKFORD[crypto.randomInt(CROCKFORD.length)];
  return formatAccessCode(code);
}

export function formatAccessCode(normalised: string): string {
  return `${normalised.slice(0, 5)}-${normalised.slice(5)}`;
}

/**
 * Forgiving input: case, spaces and dashes are ignored; O→0, I/L→1 (Crockford). Returns null
 * when what is left cannot be a code, so the caller gives the one generic "wrong code" message.
 */
export function normaliseAccessCode(input: string): string | null {
  const cleaned = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (cleaned.length !== ACCESS_CODE_LENGTH) return null;
  for (const ch of cleaned) if (!CROCKFORD.includes(ch)) return null;
  return cleaned;
}

export function hashAccessCode(normalised: string): string {
  return keyedHash("iit-code", normalised);
}
