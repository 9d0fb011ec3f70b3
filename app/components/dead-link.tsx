import { Link } from "@remix-run/react";
import type { MessageKey } from "~/utils/i18n";
import { useT } from "~/utils/use-lang";

/** An invitation or password link that cannot be used (unknown, expired, used, revoked): a clear page, never a 500. */
export function DeadLink({ reason }: { reason: "unknown" | "expired" | "used" | "revoked" }) {
  const t = useT();
  return (
    <>
      <h1>{t("people.link.title")}</h1>
      <p className="notice" role="alert">
        {t(`people.link.${reason}` as MessageKey)}
      </p>
      <p>
        <Link to="/admin/login">{t("people.link.signIn")}</Link>
      </p>
    </>
  );
}
