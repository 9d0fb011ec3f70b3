import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getAdminSession, revokeAdminSession } from "~/models/admin-session.server";
import { recordAudit } from "~/models/audit.server";
import { adminCookie, readAdminToken } from "~/services/admin-guard.server";
import { readForm } from "~/utils/http.server";
import { unavailableAs503 } from "~/utils/database-unavailable.server";

// A database outage is a 503 "please try again", not a system error.
export const loader = /* @__PURE__ */ unavailableAs503(adminLogoutLoader);
async function adminLogoutLoader() {
  return redirect("/admin");
}

// A database outage is a 503 "please try again", not a system error.
export const action = /* @__PURE__ */ unavailableAs503(adminLogoutAction);
async function adminLogoutAction({ request }: ActionFunctionArgs) {
  await readForm(request); // CSRF check
  const session = await getAdminSession(await readAdminToken(request));
  if (session) {
    await revokeAdminSession(session.id);
    await recordAudit({ action: "admin.logout", outcome: "ok", actorId: session.userId });
  }
  return redirect("/admin/login", { headers: { "Set-Cookie": await adminCookie.serialize("", { maxAge: 0 }) } });
}
