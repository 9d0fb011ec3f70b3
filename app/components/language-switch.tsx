import { Form, useLocation } from "@remix-run/react";
import type { Lang } from "~/utils/i18n";
import { useT } from "~/utils/use-lang";

/** A POST form (works without JavaScript) that flips Thai ↔ English and comes back here. */
export function LanguageSwitch({ lang }: { lang: Lang }) {
  const location = useLocation();
  const t = useT();
  return (
    <Form method="post" action="/language" className="language-switch" reloadDocument>
      <input type="hidden" name="lang" value={lang === "th" ? "en" : "th"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {/* Its name is its visible label, "English" / "ภาษาไทย" (WCAG 2.5.3: a voice user says what
          they see), in the language it names: the page's messages hold the other language's name. */}
      <button type="submit" lang={lang === "th" ? "en" : "th"}>
        {t("lang.switch")}
      </button>
    </Form>
  );
}
