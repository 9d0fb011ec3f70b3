import { createCookie } from "@remix-run/node";
import { env } from "~/env.server";
import { deriveKey } from "~/utils/crypto.server";
import { OTP_TTL_SECONDS } from "~/models/otp.server";
import { SURVEY_SESSION_MAX_SECONDS } from "~/models/survey-session.server";

// Respondent cookies: HttpOnly, SameSite=Lax (they must survive arriving from a QR scan), Secure
// whenever the site is served over HTTPS.
const respondentCookie = (name: string, maxAge: number) =>
  createCookie(name, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env.NODE_ENV === "production" && env.PUBLIC_BASE_URL.startsWith("https:"),
    maxAge,
  });

// The survey session cookie holds an opaque 256-bit token (and its start), nothing else. It may
// live as long as a session can (the 2-hour maximum); the row's sliding expiry decides (decision 025).
export const surveyCookie = respondentCookie("ita_survey", SURVEY_SESSION_MAX_SECONDS);

/**
 * A soft "this browser already answered" signal: which (instrument, cycle, agency) were answered
 * here — no person, no time. It only changes a notice; it blocks nothing (decision 003).
 */
export const answeredCookie = respondentCookie("ita_answered", 60 * 60 * 24 * 365);

export async function readAnswered(request: Request): Promise<string[]> {
  const value = await answeredCookie.parse(request.headers.get("Cookie"));
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string").slice(-50) : [];
}

export function answeredMark(instrument: string, cycleId: string, agencyId: string) {
  return `${instrument}:${cycleId}:${agencyId}`;
}

/** The pending OTP challenge of this browser: an opaque token, 10 minutes. */
export const otpCookie = respondentCookie("ita_otp", OTP_TTL_SECONDS);

/**
 * The service counter a citizen scanned (EIT-1), set by the landing page only for a live counter of
 * that agency and read once at submit: its opaque id, signed. It lives in the browser, never in a
 * row beside the contact hash (OtpChallenge, SurveySession). One hour covers the OTP and the session.
 */
export const counterCookie = createCookie("ita_counter", {
  path: "/e/",
  httpOnly: true,
  sameSite: "lax",
  secure: env.NODE_ENV === "production" && env.PUBLIC_BASE_URL.startsWith("https:"),
  maxAge: 60 * 60,
  secrets: [deriveKey("counter-cookie").toString("base64url")],
});
