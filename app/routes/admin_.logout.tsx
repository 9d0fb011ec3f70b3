import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getAdminSession, revokeAdminSession } from "~/models/admin-session.server";
import { recordAudit } from "~/models/audit.server";
import { adminCookie, readAdminToken } from "~/services/admin-guard.server";
import { readForm } from "~/utils/http.server";

export async function loader() {
  return redirect("/admin");
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request); // CSRF check
  const session = await getAdminSession(await readAdminToken(request));
  if (session) {
    await revokeAdminSession(session.id);
    await recordAudit({ action: "admin.logout", outcome: "ok", actorId: session.userId });
  }
  return redirect("/admin/login", { headers: { "Set-Cookie": await adminCookie.serialize("", { maxAge: 0 }) } });
}
