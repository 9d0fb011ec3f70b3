import { fieldIds } from "./field";

/**
 * One question answered by picking one option: a fieldset of radio buttons, large touch targets,
 * wired for screen readers (legend, aria-invalid, aria-describedby on the error).
 */
export function ChoiceGroup({
  id,
  name,
  legend,
  hint,
  options,
  value,
  error,
  onChange,
}: {
  id: string;
  name: string;
  legend: React.ReactNode;
  hint?: React.ReactNode;
  options: { value: string; label: string }[];
  value?: string | null;
  error?: string;
  onChange?: (name: string) => void;
}) {
  const { errorId } = fieldIds(id);
  return (
    <fieldset
      className={error ? "choice-group has-error" : "choice-group"}
      id={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
      <div className="choices">
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input type="radio" name={name} value={option.value} defaultChecked={value === option.value} onChange={() => onChange?.(name)} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
