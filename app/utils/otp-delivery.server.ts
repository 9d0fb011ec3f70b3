// Delivering one-time passcodes. Each transport is one small function, so a provider-specific SMS
// adapter is a new file and a line in `transportFor`, not a rewrite.
//   console   — local demo/dev: the server log and the /dev/outbox page (never in production)
//   http-sms  — a generic HTTP SMS gateway: POST JSON {to, sender, text} with an X-API-Key header
//   smtp      — e-mail through a real SMTP server (nodemailer)
import nodemailer from "nodemailer";
import { env } from "~/env.server";
import type { Contact } from "./contact";

export type OtpMessage = { to: Contact; subject: string; text: string };
type Transport = (message: OtpMessage) => Promise<void>;

// ───── console + dev outbox ─────
export type OutboxEntry = { to: string; kind: Contact["kind"]; text: string; at: string };
const OUTBOX_SIZE = 50;
const outbox: OutboxEntry[] = [];

export function readOutbox(): OutboxEntry[] {
  return [...outbox].reverse();
}

const consoleTransport: Transport = async ({ to, text }) => {
  outbox.push({ to: to.masked, kind: to.kind, text, at: new Date().toISOString() });
  if (outbox.length > OUTBOX_SIZE) outbox.shift();
  // Demo only (env refuses console in production without DEMO_MODE): the code is meant to be seen.
  console.log(`[otp:console] to ${to.masked}: ${text}`);
};

// ───── http-sms ─────
const SMS_TIMEOUT_MS = 10_000;

const httpSmsTransport: Transport = async ({ to, text }) => {
  if (!env.SMS_GATEWAY_URL || !env.SMS_GATEWAY_KEY) throw new Error("SMS gateway is not configured");
  const response = await fetch(env.SMS_GATEWAY_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-API-Key": env.SMS_GATEWAY_KEY },
    body: JSON.stringify({ to: to.canonical, sender: env.SMS_SENDER, text }),
    signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
};

// ───── smtp ─────
let mailer: nodemailer.Transporter | null = null;

const smtpTransport: Transport = async ({ to, subject, text }) => {
  mailer ??= nodemailer.createTransport({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE,
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? "" } : undefined,
  });
  await mailer.sendMail({ from: env.SMTP_FROM, to: to.kind === "email" ? to.address : to.canonical, subject, text });
};

export function transportFor(contact: Contact): { name: string; send: Transport } | null {
  if (contact.kind === "phone") {
    return env.OTP_TRANSPORT === "http-sms" ? { name: "http-sms", send: httpSmsTransport } : { name: "console", send: consoleTransport };
  }
  if (env.EMAIL_TRANSPORT === "smtp") return { name: "smtp", send: smtpTransport };
  if (env.EMAIL_TRANSPORT === "console") return { name: "console", send: consoleTransport };
  return null;
}

/** Whether e-mail verification can be offered at all on this installation. */
export function emailDeliveryAvailable() {
  return env.EMAIL_TRANSPORT !== null;
}
