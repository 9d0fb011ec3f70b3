import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { LANGS } from "~/utils/i18n";
import { bothLangs } from "~/utils/i18n.server";
import { readForm, safeRedirectPath } from "~/utils/http.server";
import { langCookie } from "~/utils/lang.server";

const LanguageSchema = z.object({
  lang: z.enum(LANGS, { error: bothLangs("refuse.language") }),
  redirectTo: z.string().max(2000).optional(),
});

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = LanguageSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw new Response(parsed.error.issues[0]?.message ?? "Invalid", { status: 400 });
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await langCookie.serialize(parsed.data.lang) },
  });
}
