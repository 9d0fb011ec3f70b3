import { fieldIds } from "./field";

/**
 * One question answered by picking one option: a fieldset of radio buttons, large touch targets,
 * wired for screen readers (legend, aria-invalid, aria-describedby on the error). A part of a
 * larger question ("เงิน" under "… มีการเรียกรับสิ่งดังต่อไปนี้หรือไม่") passes `stemId`: its group is
 * then named by the stem and its own legend together (WCAG 1.3.1), not by the part alone.
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
  stemId,
}: {
  id: string;
  name: string;
  legend: React.ReactNode;
  hint?: React.ReactNode;
  options: { value: string; label: string }[];
  value?: string | null;
  error?: string;
  onChange?: (name: string) => void;
  /** The id of the enclosing question's stem, when this group is one part of it. */
  stemId?: string;
}) {
  const { errorId } = fieldIds(id);
  const legendId = `${id}-legend`;
  return (
    <fieldset
      className={error ? "choice-group has-error" : "choice-group"}
      id={id}
      aria-labelledby={stemId ? `${stemId} ${legendId}` : undefined}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    >
      <legend id={legendId}>{legend}</legend>
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
