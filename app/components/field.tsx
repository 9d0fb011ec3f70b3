import type { InputHTMLAttributes, ReactNode } from "react";

/** The ids a field's hint and error text get, derived from the control's id (= its name by default). */
export function fieldIds(id: string) {
  return { hintId: `${id}-hint`, errorId: `${id}-error` };
}

/** What a control needs so screen readers hear its hint and its error. */
export type FieldControlProps = { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string };

/**
 * The wiring on its own, for a control that cannot sit in a Field (a table cell labelled by
 * aria-label): aria-invalid when there is an error, aria-describedby naming the hint and the error
 * text — which the caller then renders with the ids from `fieldIds`.
 */
export function fieldControlProps(
  name: string,
  { id = name, hint = false, error }: { id?: string; hint?: boolean; error?: string | null } = {},
): FieldControlProps {
  const { hintId, errorId } = fieldIds(id);
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return { id, name, ...(error ? { "aria-invalid": true as const } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) };
}

/**
 * One form field (shared/style.md: "a Field component wires aria-invalid / aria-describedby"):
 * its label, an optional hint, the control and its error text. Rendered as siblings, not wrapped,
 * so the grid of `.code-form` / `.settings-form` lays them out as before. The control is an
 * `<input>` built from `inputProps`, or — for a select or a textarea — whatever `children` renders
 * with the wiring it is given. `announce` puts role="alert" on the error, for a page that announces
 * its errors that way.
 */
export function Field({
  name,
  id = name,
  label,
  hint,
  error,
  announce = false,
  inputProps,
  children,
}: {
  name: string;
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  announce?: boolean;
  inputProps?: Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name">;
  children?: (control: FieldControlProps) => ReactNode;
}) {
  const { hintId, errorId } = fieldIds(id);
  const control = fieldControlProps(name, { id, hint: Boolean(hint), error });
  return (
    <>
      <label htmlFor={id}>{label}</label>{" "}
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {children ? children(control) : <input {...inputProps} {...control} />}
      {error ? (
        <>
          {" "}
          <span className="field-error" id={errorId} role={announce ? "alert" : undefined}>
            {error}
          </span>
        </>
      ) : null}
    </>
  );
}
