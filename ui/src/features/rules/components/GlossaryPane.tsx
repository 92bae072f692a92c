import { useEffect } from "react";
import { PaneSearchField } from "./PaneSearchField";
import type { GlossaryEntry } from "../../../bindings";
import { useRules } from "../rulesStore";

export interface GlossaryPaneProps {
  /** The term shown in the reading pane, if any. */
  selectedTerm: string | null;
  onPick: (entry: GlossaryEntry) => void;
}

/** Case, accents and punctuation aside, as players type terms. */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[^\p{Letter}\p{Number} ]/gu, "")
    .toLowerCase();
}

function termId(term: string): string {
  return `glossary-term-${fold(term).replace(/ /g, "-")}`;
}

/** Every glossary term, filtered as the user types; picking one shows its definition. */
export function GlossaryPane({ selectedTerm, onPick }: GlossaryPaneProps) {
  const glossary = useRules((state) => state.glossary);
  const filter = useRules((state) => state.glossaryFilter);
  const setFilter = useRules((state) => state.setGlossaryFilter);
  const loadGlossary = useRules((state) => state.loadGlossary);

  useEffect(() => {
    void loadGlossary();
  }, [loadGlossary]);

  const ready = glossary.status === "ready";
  useEffect(() => {
    if (ready && selectedTerm !== null) {
      document.getElementById(termId(selectedTerm))?.scrollIntoView({ block: "nearest" });
    }
  }, [ready, selectedTerm]);

  const wanted = fold(filter.trim());
  const entries =
    glossary.status === "ready"
      ? glossary.value.filter((entry) => fold(entry.term).includes(wanted))
      : [];

  return (
    <div className="flex h-full flex-col">
      <div className="space-y-1 border-b border-stone-200 p-3 dark:border-stone-800">
        <PaneSearchField
          label="Filter glossary terms"
          placeholder="Filter terms"
          value={filter}
          onChange={setFilter}
          status={
            glossary.status === "ready" &&
            (entries.length === 1 ? "1 term" : `${String(entries.length)} terms`)
          }
        />
      </div>
      {glossary.status === "failed" && (
        <div role="alert" className="space-y-2 p-3 text-sm">
          <p>{glossary.error.message}</p>
          <button type="button" className="btn" onClick={() => void loadGlossary()}>
            Try again
          </button>
        </div>
      )}
      {(glossary.status === "loading" || glossary.status === "idle") && (
        <p className="p-3 text-sm text-stone-500 dark:text-stone-400">Loading the glossary…</p>
      )}
      {glossary.status === "ready" && entries.length === 0 && (
        <p className="p-3 text-sm text-stone-500 dark:text-stone-400">
          No term contains “{filter.trim()}”. The Search tab looks through the definitions too.
        </p>
      )}
      <ul aria-label="Glossary terms" className="min-h-0 flex-1 overflow-y-auto py-1">
        {entries.map((entry) => {
          const selected = entry.term === selectedTerm;
          return (
            <li key={entry.term}>
              <button
                type="button"
                id={termId(entry.term)}
                aria-current={selected ? "true" : undefined}
                onClick={() => {
                  onPick(entry);
                }}
                className={`block w-full px-3 py-1 text-left text-sm ${selected ? "bg-sky-100 font-medium text-sky-950 dark:bg-sky-950 dark:text-sky-50" : "hover:bg-stone-100 dark:hover:bg-stone-900"}`}
              >
                {entry.term}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
