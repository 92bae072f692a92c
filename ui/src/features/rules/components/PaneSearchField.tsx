import { type ReactNode, useId } from "react";

export interface PaneSearchFieldProps {
  /** The field's accessible name (visually hidden: the placeholder and the pane say it). */
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** What the field found, announced politely as it changes. */
  status: ReactNode;
}

/** The search field at the top of a side pane, with its live count or status line. */
export function PaneSearchField({
  label,
  placeholder,
  value,
  onChange,
  status,
}: PaneSearchFieldProps) {
  const inputId = useId();
  const statusId = useId();
  return (
    <>
      <label htmlFor={inputId} className="sr-only">
        {label}
      </label>
      <input
        id={inputId}
        type="search"
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        aria-describedby={statusId}
        onChange={(event) => {
          onChange(event.target.value);
        }}
        className="w-full rounded border border-stone-300 bg-white px-2 py-1 text-sm dark:border-stone-700 dark:bg-stone-950"
      />
      <p id={statusId} aria-live="polite" className="text-xs text-stone-500 dark:text-stone-400">
        {status}
      </p>
    </>
  );
}
