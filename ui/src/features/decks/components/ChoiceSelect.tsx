export interface ChoiceSelectProps<T extends string> {
  /** The chosen id; null is the `none` choice. */
  value: T | null;
  choices: { id: T; name: string }[];
  /** A first choice that stands for none ("Detect", "No format"); omitted, one must be chosen. */
  none?: string;
  onChange: (value: T | null) => void;
  /** The name, when no `<label>` wraps the menu. */
  label?: string;
}

/** A menu of formats (deck list or game formats), the way every deck screen offers one. */
export function ChoiceSelect<T extends string>({
  value,
  choices,
  none,
  onChange,
  label,
}: ChoiceSelectProps<T>) {
  return (
    <select
      aria-label={label}
      className="field"
      value={value ?? ""}
      onChange={(event) => {
        const id = event.target.value;
        onChange(id === "" ? null : (id as T));
      }}
    >
      {none !== undefined && <option value="">{none}</option>}
      {choices.map((option) => (
        <option key={option.id} value={option.id}>
          {option.name}
        </option>
      ))}
    </select>
  );
}
