import { createCookie } from "@remix-run/node";
import { DEFAULT_LANG, isLang, type Lang } from "./i18n";

// A preference only (no identity): readable by the server to render Thai or English.
export const langCookie = createCookie("lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function getLang(request: Request): Promise<Lang> {
  const value = await langCookie.parse(request.headers.get("Cookie"));
  return isLang(value) ? value : DEFAULT_LANG;
}
