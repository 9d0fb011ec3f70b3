// The one OTP message builder both places that send a code use (the EIT landing page and the
// resume page of an expired survey): by SMS the one-segment text of app/domain/otp-message.ts bound
// to this installation's host (WebOTP, decision 029), by e-mail the fuller text of the catalogue.
import { otpSms } from "~/domain/otp-message";
import { env } from "~/env.server";
import type { Contact } from "~/utils/contact";
import { localName, type Lang } from "~/utils/i18n";
import { translate } from "~/utils/i18n.server";
import { channelOf } from "~/utils/otp-delivery.server";

/** The host a phone compares with the verify page's before it offers the code: PUBLIC_BASE_URL's. */
export function webOtpHost(): string {
  return new URL(env.PUBLIC_BASE_URL).hostname;
}

/** What requestOtp sends for `code` to `contact`, naming `agency` in `lang`. */
export function otpMessage(lang: Lang, agency: { nameTh: string; nameEn: string }, contact: Contact) {
  const agencyName = localName(agency, lang);
  return (code: string) => ({
    subject: translate(lang, "eit.otp.subject"),
    text:
      channelOf(contact) === "sms"
        ? otpSms({ lang, code, agencyName, host: webOtpHost() }).text
        : translate(lang, "eit.otp.message", { agency: agencyName, code }),
  });
}
