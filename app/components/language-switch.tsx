import { Form, useLocation } from "@remix-run/react";
import { translate, type Lang } from "~/utils/i18n";

/** A POST form (works without JavaScript) that flips Thai ↔ English and comes back here. */
export function LanguageSwitch({ lang }: { lang: Lang }) {
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="language-switch" reloadDocument>
      <input type="hidden" name="lang" value={lang === "th" ? "en" : "th"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {/* Its name is its visible label, "English" / "ภาษาไทย" (WCAG 2.5.3: a voice user says what
          they see), in the language it names. */}
      <button type="submit" lang={lang === "th" ? "en" : "th"}>
        {translate(lang, "lang.switch")}
      </button>
    </Form>
  );
}
