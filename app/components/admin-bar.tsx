import { Form, NavLink } from "@remix-run/react";
import type { MessageKey } from "~/utils/i18n";
import { useT } from "~/utils/use-lang";

type Role = "agency_admin" | "province_coordinator" | "national_assessor" | "system_admin";

/** The admin pages each role reaches from the bar; the pages themselves enforce the same rule. */
const NAV: Array<{ to: string; label: MessageKey; roles: readonly Role[] | "all" }> = [
  { to: "/admin", label: "admin.nav.overview", roles: "all" },
  { to: "/admin/register/agencies", label: "admin.nav.register", roles: ["system_admin"] },
  { to: "/admin/cycles", label: "admin.nav.cycles", roles: ["system_admin"] },
  { to: "/admin/users", label: "admin.nav.users", roles: ["system_admin", "national_assessor", "province_coordinator"] },
  { to: "/admin/audit", label: "admin.nav.audit", roles: ["system_admin"] },
  { to: "/admin/operations", label: "admin.nav.operations", roles: ["system_admin"] },
  { to: "/admin/account", label: "admin.nav.account", roles: "all" },
];

/** Who is signed in, in which role, the pages their roles reach, and the sign-out button (a POST). */
export function AdminBar({ name, roles }: { name: string; roles: string[] }) {
  const t = useT();
  const links = NAV.filter((item) => item.roles === "all" || item.roles.some((role) => roles.includes(role)));
  return (
    <div className="admin-bar">
      <span>
        {name} · {roles.map((role) => t(`admin.role.${role}` as MessageKey)).join(", ")}
      </span>
      <nav aria-label={t("admin.nav.label")}>
        {links.map((item) => (
          <NavLink key={item.to} to={item.to} end={item.to === "/admin"}>
            {t(item.label)}
          </NavLink>
        ))}
      </nav>
      <Form method="post" action="/admin/logout">
        <button type="submit" className="link-button">
          {t("admin.logout")}
        </button>
      </Form>
    </div>
  );
}
