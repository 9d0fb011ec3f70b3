// The one e-mail transport: OTP e-mails and account mail (invitations, set-password and reset
// links) are written to the outbox (docs/decisions/018) and sent from there through here, so there
// is one SMTP connection pool and one place that decides "console" versus "smtp".
//   console — local demo/dev: the server log and the /dev/outbox page (never in production)
//   smtp    — a real SMTP server (nodemailer)
import nodemailer from "nodemailer";
import { env } from "~/env.server";

export type Mail = { to: string; subject: string; text: string };

/** A refusal that trying again cannot change (an SMTP 5xx, a gateway 4xx): the message fails at once. */
export class PermanentDeliveryError extends Error {
  override name = "PermanentDeliveryError";
}

// ───── smtp ─────
let transporter: nodemailer.Transporter | null = null;

/** The domain of SMTP_FROM, for Message-IDs (RFC 5322 wants one that is ours). */
function senderDomain(): string {
  return /@([^>\s]+)/.exec(env.SMTP_FROM)?.[1] ?? "ita.local";
}

/**
 * Send one e-mail by SMTP. `messageId` (the outbox row's id) becomes its Message-ID, so a retry
 * after a lost answer carries the same id and a receiving system can recognise the duplicate.
 */
export async function sendSmtp(mail: Mail, messageId: string) {
  if (env.EMAIL_TRANSPORT !== "smtp") throw new PermanentDeliveryError("no SMTP transport is configured (EMAIL_TRANSPORT)");
  transporter ??= nodemailer.createTransport({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE,
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? "" } : undefined,
  });
  try {
    await transporter.sendMail({ from: env.SMTP_FROM, to: mail.to, subject: mail.subject, text: mail.text, messageId: `<${messageId}@${senderDomain()}>` });
  } catch (error) {
    // 5xx: the server refused for good (no such mailbox, policy). Anything else may pass later.
    const code = (error as { responseCode?: unknown }).responseCode;
    const reason = `SMTP: ${typeof code === "number" ? code : ((error as { code?: unknown }).code ?? "error")}`;
    if (typeof code === "number" && code >= 500) throw new PermanentDeliveryError(reason);
    throw new Error(reason);
  }
}

/** Which e-mail transport is configured (null: none, e-mail cannot be sent). */
export function emailTransportName(): "console" | "smtp" | null {
  return env.EMAIL_TRANSPORT;
}

/** An absolute link on this installation (PUBLIC_BASE_URL + path). */
export function publicLink(path: string): string {
  return `${env.PUBLIC_BASE_URL.replace(/\/$/, "")}${path}`;
}
