// The transports the outbox worker sends through (docs/decisions/018), one per channel. Each is
// one small function, so a provider-specific SMS adapter is a new file and a line in
// `transportForChannel`, not a rewrite. Every send carries the outbox message id, so a retry
// never sends twice at a gateway that honours it.
//   console   — local demo/dev: the server log and the /dev/outbox page (never in production)
//   http-sms  — a generic HTTP SMS gateway: POST JSON {to, sender, text, messageId} with an
//               X-API-Key header and an Idempotency-Key header (the message id)
//   smtp      — e-mail through a real SMTP server (mailer.server.ts), Message-ID from the id
import { env } from "~/env.server";
import type { Contact } from "./contact";
import { PermanentDeliveryError, sendSmtp } from "./mailer.server";

export { PermanentDeliveryError } from "./mailer.server";

export type OutgoingMessage = {
  /** The outbox message id: the idempotency key. */
  id: string;
  to: string;
  subject: string;
  text: string;
  /** How the console prints the recipient (a masked phone for OTPs). */
  shownAs?: string;
  /** The console log's label, e.g. "otp" or "mail". */
  label: string;
};
export type TransportName = "console" | "http-sms" | "smtp";
export type Transport = {
  name: TransportName;
  /** The console's delivery IS the /dev/outbox page, so it keeps what it shows (demo only). */
  keepsPayload: boolean;
  send(message: OutgoingMessage): Promise<void>;
};

// ───── console ─────
const consoleTransport: Transport = {
  name: "console",
  keepsPayload: true,
  // Demo only (env refuses console in production without DEMO_MODE): the code is meant to be seen.
  send: async ({ to, shownAs, text, label }) => console.log(`[${label}:console] to ${shownAs ?? to}: ${text}`),
};

// ───── http-sms ─────
/** Well inside the claim lease, so a slow gateway never outlives the claim on its message. */
const smsTimeoutMs = () => Math.min(10_000, Math.floor(env.OUTBOX_LEASE_MS / 2));

const httpSmsTransport: Transport = {
  name: "http-sms",
  keepsPayload: false,
  async send({ id, to, text }) {
    if (!env.SMS_GATEWAY_URL || !env.SMS_GATEWAY_KEY) throw new PermanentDeliveryError("SMS gateway is not configured");
    let response: Response;
    try {
      response = await fetch(env.SMS_GATEWAY_URL, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-API-Key": env.SMS_GATEWAY_KEY, "Idempotency-Key": id },
        body: JSON.stringify({ to, sender: env.SMS_SENDER, text, messageId: id }),
        signal: AbortSignal.timeout(smsTimeoutMs()),
      });
    } catch (error) {
      // Refused, reset, timed out: the reason's code only (never the number or the text).
      const cause = (error as { cause?: { code?: unknown } }).cause;
      const what = cause?.code ?? ((error as Error).name === "TimeoutError" ? "timeout" : "network error");
      throw new Error(`SMS gateway unreachable: ${String(what)}`);
    }
    await response.body?.cancel();
    if (response.ok) return;
    // 4xx other than timeout/too-early/too-many: the gateway refuses this message for good.
    const permanent = response.status >= 400 && response.status < 500 && ![408, 425, 429].includes(response.status);
    const reason = `SMS gateway answered ${response.status}`;
    throw permanent ? new PermanentDeliveryError(reason) : new Error(reason);
  },
};

// ───── smtp ─────
const smtpTransport: Transport = {
  name: "smtp",
  keepsPayload: false,
  send: ({ id, to, subject, text }) => sendSmtp({ to, subject, text }, id),
};

/** The transport of a channel on this installation; null: e-mail is not configured. */
export function transportForChannel(channel: "sms" | "email"): Transport | null {
  if (channel === "sms") return env.OTP_TRANSPORT === "http-sms" ? httpSmsTransport : consoleTransport;
  if (env.EMAIL_TRANSPORT === "smtp") return smtpTransport;
  if (env.EMAIL_TRANSPORT === "console") return consoleTransport;
  return null;
}

/** The channel a contact is reached on. */
export function channelOf(contact: Contact): "sms" | "email" {
  return contact.kind === "phone" ? "sms" : "email";
}

/** Where a contact's message goes: the canonical number, or the address as typed (lower-cased). */
export function addressOf(contact: Contact): string {
  return contact.kind === "email" ? contact.address : contact.canonical;
}

export function transportFor(contact: Contact): Transport | null {
  return transportForChannel(channelOf(contact));
}

/** The channels whose transport is the console: what the demo's /dev/outbox shows. */
export function consoleChannels(): Array<"sms" | "email"> {
  return (["sms", "email"] as const).filter((channel) => transportForChannel(channel)?.name === "console");
}

/** Whether e-mail verification can be offered at all on this installation. */
export function emailDeliveryAvailable() {
  return env.EMAIL_TRANSPORT !== null;
}
