import { useEffect } from "react";

const PREFIX = { th: "ข้อผิดพลาด: ", en: "Error: " } as const;

/**
 * A refused admin form (issue 20 §3; WCAG 2.4.2, 3.3.1, 4.1.3): the page title says so, prefixed
 * "ข้อผิดพลาด: " (or "Error: " in English), and focus moves to the page's error message (the error
 * summary, or the form's role="alert" message), so a screen reader announces it and a keyboard user
 * starts from it. Admin pages are hydrated React; `meta` cannot see action data, hence an effect.
 * Runs again on each refusal (a new result object), and restores the title when the form is accepted.
 */
export function useRejectedForm(result: { ok: boolean } | null | undefined) {
  const rejected = result ? !result.ok : false;
  useEffect(() => {
    if (!rejected) return;
    const prefix = document.documentElement.lang === "en" ? PREFIX.en : PREFIX.th;
    const title = document.title.replace(PREFIX.th, "").replace(PREFIX.en, "");
    document.title = prefix + title;
    const message = document.querySelector<HTMLElement>("main .error-summary, main [role='alert']");
    if (message) {
      if (!message.hasAttribute("tabindex")) message.setAttribute("tabindex", "-1");
      message.focus();
    }
    return () => {
      document.title = title;
    };
  }, [rejected, result]);
}
