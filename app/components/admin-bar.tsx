import { Form } from "@remix-run/react";
import { translate, type Lang, type MessageKey } from "~/utils/i18n";

/** Who is signed in, in which role, and the sign-out button (a POST). */
export function AdminBar({ lang, name, roles }: { lang: Lang; name: string; roles: string[] }) {
  return (
    <div className="admin-bar">
      <span>
        {name} · {roles.map((role) => translate(lang, `admin.role.${role}` as MessageKey)).join(", ")}
      </span>
      <Form method="post" action="/admin/logout">
        <button type="submit" className="link-button">
          {translate(lang, "admin.logout")}
        </button>
      </Form>
    </div>
  );
}
