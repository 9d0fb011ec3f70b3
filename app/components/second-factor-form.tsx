import { Form } from "@remix-run/react";
import { useT } from "~/utils/use-lang";
import { Field } from "./field";

/** The admin's one-time-code form (TOTP enrolment and sign-in), with its error above the field. */
export function SecondFactorForm({ error, maxLength }: { error: string | null; maxLength: number }) {
  const t = useT();
  return (
    <Form method="post" className="code-form" noValidate>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <Field name="code" label={t("admin.2fa.code")} inputProps={{ className: "code-input", inputMode: "numeric", autoComplete: "one-time-code", maxLength }} />
      <button type="submit" className="button">
        {t("admin.2fa.submit")}
      </button>
    </Form>
  );
}
