// Admin two-factor authentication (TOTP): otplib and qrcode live only behind this file.
// Authenticator defaults (SHA1, 6 digits, 30 s) so every common app works; the secret is encrypted
// at rest; a time step is never accepted twice.
import { generate, generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

export const TOTP_PERIOD_SECONDS = 30;
const TOTP_ISSUER = "ITA (ป.ป.ช.)";

export function newTotpSecret(): string {
  return generateSecret({ length: 20 }); // base32, 160 bits
}

export function totpUri(secret: string, accountEmail: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountEmail, secret, period: TOTP_PERIOD_SECONDS });
}

export function totpAt(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000), period: TOTP_PERIOD_SECONDS });
}

/**
 * Accepts the current step or one step either side (clock drift), but only a step later than
 * `lastStep`, so a code seen over someone's shoulder cannot be replayed.
 */
export async function checkTotp(secret: string, token: string, now: Date, lastStep: number | null): Promise<{ valid: true; step: number } | { valid: false }> {
  if (!/^\d{6}$/.test(token)) return { valid: false };
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({
    secret,
    token,
    epoch,
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  if (!result.valid) return { valid: false };
  const delta = "delta" in result && typeof result.delta === "number" ? result.delta : 0;
  return { valid: true, step: Math.floor(epoch / TOTP_PERIOD_SECONDS) + delta };
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
}

export function qrPng(text: string, width = 1024): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: "png", margin: 2, width, errorCorrectionLevel: "M" });
}
