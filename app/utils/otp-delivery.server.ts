// Delivering one-time passcodes. Each transport is one small function, so a provider-specific SMS
// adapter is a new file and a line in `transportFor`, not a rewrite.
//   console   — local demo/dev: the server log and the /dev/outbox page (never in production)
//   http-sms  — a generic HTTP SMS gateway: POST JSON {to, sender, text} with an X-API-Key header
//   smtp      — e-mail through a real SMTP server (mailer.server.ts, shared with account mail)
import { env } from "~/env.server";
import type { Contact } from "./contact";
import { sendMail, writeOutbox } from "./mailer.server";

export type OtpMessage = { to: Contact; subject: string; text: string };
type Transport = (message: OtpMessage) => Promise<void>;

// ───── console + dev outbox (kept in mailer.server.ts, shared with account mail) ─────
export { readOutbox, type OutboxEntry } from "./mailer.server";

const consoleTransport: Transport = async ({ to, text }) => {
  // Demo only (env refuses console in production without DEMO_MODE): the code is meant to be seen.
  writeOutbox({ to: to.masked, kind: to.kind, text }, "otp");
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

// ───── smtp (the one e-mail transport, mailer.server.ts) ─────
const smtpTransport: Transport = async ({ to, subject, text }) => {
  await sendMail({ to: to.kind === "email" ? to.address : to.canonical, subject, text });
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
