import { Field } from "~/components/field";
import type { Translate } from "~/utils/i18n";

export const WINDOW_FIELDS = ["iit", "eit", "oit"] as const;

/** A cycle's three windows as date inputs (Bangkok days: first and last day collected). */
export function WindowFields({ t, values, errors }: { t: Translate; values: Record<string, string>; errors: Record<string, string | undefined> }) {
  return (
    <fieldset className="settings-form">
      <legend>{t("years.col.windows")}</legend>
      <p className="hint">{t("years.windows.hint")}</p>
      {WINDOW_FIELDS.map((name) => (
        <div key={name}>
          <strong>{name.toUpperCase()}</strong>{" "}
          <Field
            name={`${name}Open`}
            label={t("years.field.open")}
            error={errors[name]}
            inputProps={{ type: "date", defaultValue: values[`${name}Open`] ?? "" }}
          />{" "}
          <Field name={`${name}Close`} label={t("years.field.close")} inputProps={{ type: "date", defaultValue: values[`${name}Close`] ?? "" }} />
        </div>
      ))}
    </fieldset>
  );
}

/** "2027-03-01..2027-07-31" → the two date inputs' values. */
export function windowInputValues(windows: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of WINDOW_FIELDS) {
    const [open, close] = (windows[name] ?? "..").split("..");
    out[`${name}Open`] = open;
    out[`${name}Close`] = close;
  }
  return out;
}
