// Admin passwords: scrypt (N=2^15, r=8, p=1), 16-byte salt, 64-byte key; stored as
// "scrypt$N$r$p$salt$hash". shared/security.md: ≥ 8 characters, long passphrases allowed.
import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

// Attack M1: 1,200 scrypt checks from 60 addresses filled libuv's thread pool (4 threads, shared
// with zlib and file I/O), so every compressed page waited ~6 s. At most MAX_CONCURRENT_HASHES
// scrypt calls run at once; up to MAX_QUEUED_HASHES more wait their turn; a password check beyond
// that fails fast with PasswordHashingBusy (the login answers 503 + Retry-After).
export const MAX_CONCURRENT_HASHES = 2;
export const MAX_QUEUED_HASHES = 6;

export class PasswordHashingBusy extends Error {
  constructor() {
    super("password hashing is busy");
    this.name = "PasswordHashingBusy";
  }
}

const hashing = { active: 0, peak: 0, refused: 0, waiting: [] as (() => void)[] };

/** For tests: how many scrypt calls run now, the most that ever ran at once, and the refusals. */
export function passwordHashingStats() {
  return { active: hashing.active, queued: hashing.waiting.length, peak: hashing.peak, refused: hashing.refused };
}
export function resetPasswordHashingPeak() {
  hashing.peak = hashing.active;
  hashing.refused = 0;
}

/**
 * Run scrypt under the bound. `failFast`: refuse at once when the queue is full (anonymous password
 * checks); otherwise wait (hashing a new password: signed-in admins, invitations, the CLI).
 */
async function bounded<T>(work: () => Promise<T>, failFast: boolean): Promise<T> {
  if (hashing.active >= MAX_CONCURRENT_HASHES) {
    if (failFast && hashing.waiting.length >= MAX_QUEUED_HASHES) {
      hashing.refused++;
      throw new PasswordHashingBusy();
    }
    await new Promise<void>((resolve) => hashing.waiting.push(resolve));
  } else hashing.active++;
  // Here this call holds a slot (taken above, or handed over by the call that finished).
  hashing.peak = Math.max(hashing.peak, hashing.active);
  try {
    return await work();
  } finally {
    const next = hashing.waiting.shift();
    if (next)
      next(); // hand the slot over: `active` stays the same
    else hashing.active--;
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await bounded(() => scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 }), false);
  return ["scrypt", N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Throws PasswordHashingBusy when MAX_CONCURRENT_HASHES run and MAX_QUEUED_HASHES wait already. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await bounded(
    () =>
      scrypt(password.normalize("NFC"), Buffer.from(salt, "base64url"), expected.length, {
        N: Number(n),
        r: Number(r),
        p: Number(p),
        maxmem: 64 * 1024 * 1024,
      }),
    true,
  );
  return crypto.timingSafeEqual(key, expected);
}
