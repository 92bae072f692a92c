import { useId, useState } from "react";

export interface JumpBoxProps {
  /** Opens a rule number or glossary term as typed. */
  onJump: (query: string) => void;
}

/** Goes straight to a rule by number (`702.19b`, `CR 702.19b`) or to a glossary term. */
export function JumpBox({ onJump }: JumpBoxProps) {
  const [query, setQuery] = useState("");
  const inputId = useId();
  return (
    <form
      className="flex gap-2 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (query.trim() !== "") {
          onJump(query.trim());
        }
      }}
    >
      <label htmlFor={inputId} className="sr-only">
        Go to a rule number or glossary term
      </label>
      <input
        id={inputId}
        type="text"
        value={query}
        placeholder="Go to 702.19b or trample"
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          setQuery(event.target.value);
        }}
        className="min-w-0 flex-1 rounded border border-stone-300 bg-white px-2 py-1 text-sm dark:border-stone-700 dark:bg-stone-950"
      />
      <button type="submit" className="btn">
        Go
      </button>
    </form>
  );
}
