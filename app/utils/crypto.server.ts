// Keyed hashes, random tokens and encryption at rest, all derived from APP_SECRET.
import crypto from "node:crypto";
import { env } from "~/env.server";

/** A purpose-bound key (HKDF-SHA-256), so one leaked derived key does not expose the others. */
export function deriveKey(purpose: string, secret: string = env.APP_SECRET): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", secret, "ita-survey", purpose, 32));
}

/** HMAC-SHA-256 as hex, e.g. for IIT access codes (purpose "iit-code"). */
export function keyedHash(purpose: string, value: string): string {
  return crypto.createHmac("sha256", deriveKey(purpose)).update(value, "utf8").digest("hex");
}

/** A random opaque token (default 256 bits) for cookies and submission keys. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** 128 random bits as 32 hex characters: the id of every anonymous row (never sequential). */
export function randomId(): string {
  return crypto.randomBytes(16).toString("hex");
}

export function sha256(value: string): string {
  return crypto.createHash("sha256").update(value, "utf8").digest("hex");
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** AES-256-GCM, output "v1.<iv>.<tag>.<ciphertext>" (base64url), for secrets at rest. */
export function encryptSecret(purpose: string, plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", deriveKey(`enc:${purpose}`), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

export function decryptSecret(purpose: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !body) throw new Error("Unrecognised sealed secret");
  const decipher = crypto.createDecipheriv("aes-256-gcm", deriveKey(`enc:${purpose}`), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
