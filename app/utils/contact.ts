// Contacts for EIT-1 verification: Thai mobile numbers (and, where an agency allows, e-mail).
// Canonical forms make every spelling one key: 081-234-5678, 0812345678 and +66 81 234 5678 are
// all +66812345678 (shared/security.md → Duplicates). libphonenumber-js ("max" metadata) knows
// Thailand's mobile, VoIP, premium and toll-free ranges.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";
import type { MessageKey } from "./i18n";

export type Contact =
  | { kind: "phone"; canonical: string; masked: string }
  // An e-mail's canonical form is its de-duplication key; `address` (trimmed, lower-cased, tag and
  // dots kept) is where the message goes, since only Gmail is known to ignore dots.
  | { kind: "email"; canonical: string; masked: string; address: string };
export type ContactResult = { ok: true; contact: Contact } | { ok: false; error: MessageKey };

const EmailSchema = z.email();
const GMAIL_DOMAINS = new Set(["gmail.com", "googlemail.com"]);

/**
 * One key per mailbox (attack L6): "+tag" is dropped for every domain, dots are dropped for Gmail,
 * and googlemail.com is gmail.com — so plus-addresses and Gmail dots do not make new contacts.
 * Expects a lower-cased, valid address; returns null if nothing is left of the local part.
 */
export function canonicalEmail(email: string): string | null {
  const at = email.lastIndexOf("@");
  let user = email.slice(0, at).split("+")[0];
  let domain = email.slice(at + 1);
  if (GMAIL_DOMAINS.has(domain)) {
    user = user.replace(/\./g, "");
    domain = "gmail.com";
  }
  return user ? `${user}@${domain}` : null;
}

export function parseContact(input: string, options: { allowEmail: boolean }): ContactResult {
  // NFKC folds full-width digits; Thai numerals (๐–๙) are mapped by hand.
  const raw = input
    .normalize("NFKC")
    .replace(/[๐-๙]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50))
    .trim();
  if (!raw) return { ok: false, error: "eit.contact.required" };
  if (raw.includes("@")) {
    if (!options.allowEmail) return { ok: false, error: "eit.contact.emailNotAllowed" };
    const email = raw.toLowerCase();
    if (email.length > 254 || !EmailSchema.safeParse(email).success) return { ok: false, error: "eit.contact.emailInvalid" };
    const canonical = canonicalEmail(email);
    if (!canonical) return { ok: false, error: "eit.contact.emailInvalid" };
    const [user, domain] = email.split("@");
    return { ok: true, contact: { kind: "email", canonical, masked: `${user.slice(0, 2)}***@${domain}`, address: email } };
  }
  if (!/^[+\d\s().-]{6,24}$/.test(raw)) return { ok: false, error: "eit.contact.phoneInvalid" };
  const phone = parsePhoneNumberFromString(raw, "TH");
  if (!phone || !phone.isValid()) return { ok: false, error: "eit.contact.phoneInvalid" };
  // Thai mobiles only: no landline, VoIP, premium, toll-free or foreign number is ever sent to.
  if (phone.country !== "TH") return { ok: false, error: "eit.contact.notThaiMobile" };
  if (phone.getType() !== "MOBILE") return { ok: false, error: "eit.contact.notThaiMobile" };
  const canonical = phone.number; // E.164
  return { ok: true, contact: { kind: "phone", canonical, masked: `0${canonical.slice(3, 5)}-xxx-${canonical.slice(-4)}` } };
}
