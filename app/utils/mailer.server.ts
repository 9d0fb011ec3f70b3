// The one e-mail transport: OTP e-mails (otp-delivery.server.ts) and account mail (invitations,
// set-password and reset links) go through here, so there is one SMTP connection pool and one
// place that decides "console" versus "smtp".
//   console — local demo/dev: the server log and the /dev/outbox page (never in production)
//   smtp    — a real SMTP server (nodemailer)
import nodemailer from "nodemailer";
import { env } from "~/env.server";

export type Mail = { to: string; subject: string; text: string };

// ───── console + dev outbox (shared with the console SMS transport) ─────
export type OutboxEntry = { to: string; kind: "email" | "phone"; text: string; at: string };
const OUTBOX_SIZE = 50;
const outbox: OutboxEntry[] = [];

/** What the console transports "sent", newest first. */
export function readOutbox(): OutboxEntry[] {
  return [...outbox].reverse();
}

/** Demo only (env refuses console transports in production without DEMO_MODE): meant to be seen. */
export function writeOutbox(entry: Omit<OutboxEntry, "at">, logLabel: string) {
  outbox.push({ ...entry, at: new Date().toISOString() });
  if (outbox.length > OUTBOX_SIZE) outbox.shift();
  console.log(`[${logLabel}:console] to ${entry.to}: ${entry.text}`);
}

// ───── smtp ─────
let transporter: nodemailer.Transporter | null = null;

async function sendSmtp(mail: Mail) {
  transporter ??= nodemailer.createTransport({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE,
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? "" } : undefined,
  });
  await transporter.sendMail({ from: env.SMTP_FROM, to: mail.to, subject: mail.subject, text: mail.text });
}

/** Which e-mail transport is configured (null: none, e-mail cannot be sent). */
export function emailTransportName(): "console" | "smtp" | null {
  return env.EMAIL_TRANSPORT;
}

/**
 * Send one e-mail. `outboxTo` is what the dev outbox shows as the recipient (a masked contact for
 * OTPs; the address itself for account mail). Throws when no transport is configured.
 */
export async function sendMail(mail: Mail, options: { outboxTo?: string; logLabel?: string } = {}) {
  if (env.EMAIL_TRANSPORT === "smtp") return sendSmtp(mail);
  if (env.EMAIL_TRANSPORT === "console")
    return writeOutbox({ to: options.outboxTo ?? mail.to, kind: "email", text: `${mail.subject}\n${mail.text}` }, options.logLabel ?? "mail");
  throw new Error("no e-mail transport is configured (EMAIL_TRANSPORT)");
}

/** An absolute link on this installation (PUBLIC_BASE_URL + path). */
export function publicLink(path: string): string {
  return `${env.PUBLIC_BASE_URL.replace(/\/$/, "")}${path}`;
}
