import { createCookie } from "@remix-run/node";
import { env } from "~/env.server";
import { SURVEY_SESSION_TTL_SECONDS } from "~/models/survey-session.server";

// The survey session cookie holds an opaque 256-bit token, nothing else.
export const surveyCookie = createCookie("ita_survey", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: env.NODE_ENV === "production" && env.PUBLIC_BASE_URL.startsWith("https:"),
  maxAge: SURVEY_SESSION_TTL_SECONDS,
});

/**
 * A soft "this browser already answered" signal: which (instrument, cycle, agency) were answered
 * here — no person, no time. It only changes a notice; it blocks nothing (decision 003).
 */
export const answeredCookie = createCookie("ita_answered", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: env.NODE_ENV === "production" && env.PUBLIC_BASE_URL.startsWith("https:"),
  maxAge: 60 * 60 * 24 * 365,
});

export async function readAnswered(request: Request): Promise<string[]> {
  const value = await answeredCookie.parse(request.headers.get("Cookie"));
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string").slice(-50) : [];
}

export function answeredMark(instrument: string, cycleId: string, agencyId: string) {
  return `${instrument}:${cycleId}:${agencyId}`;
}

/** The pending OTP challenge of this browser: an opaque token, 10 minutes. */
export const otpCookie = createCookie("ita_otp", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: env.NODE_ENV === "production" && env.PUBLIC_BASE_URL.startsWith("https:"),
  maxAge: 10 * 60,
});
