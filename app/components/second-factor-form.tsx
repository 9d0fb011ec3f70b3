import { Form } from "@remix-run/react";
import { translate, type Lang } from "~/utils/i18n";
import { Field } from "./field";

/** The admin's one-time-code form (TOTP enrolment and sign-in), with its error above the field. */
export function SecondFactorForm({ lang, error, maxLength }: { lang: Lang; error: string | null; maxLength: number }) {
  return (
    <Form method="post" className="code-form" noValidate>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <Field
        name="code"
        label={translate(lang, "admin.2fa.code")}
        inputProps={{ className: "code-input", inputMode: "numeric", autoComplete: "one-time-code", maxLength }}
      />
      <button type="submit" className="button">
        {translate(lang, "admin.2fa.submit")}
      </button>
    </Form>
  );
}
