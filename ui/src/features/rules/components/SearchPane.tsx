import { useEffect } from "react";
import { PaneSearchField } from "./PaneSearchField";
import type { RuleHit } from "../../../bindings";
import { useRules } from "../rulesStore";
import { Snippet } from "./Snippet";

export interface SearchPaneProps {
  onOpen: (target: string) => void;
}

/** Typing pauses this long before the search runs, so each keystroke does not search. */
const DEBOUNCE_MS = 200;

/** Full-text search over the rules and the glossary, hits with their matched words marked. */
export function SearchPane({ onOpen }: SearchPaneProps) {
  const text = useRules((state) => state.searchText);
  const setText = useRules((state) => state.setSearchText);
  const result = useRules((state) => state.searchResult);
  const error = useRules((state) => state.searchError);
  const searching = useRules((state) => state.searching);
  const search = useRules((state) => state.search);

  useEffect(() => {
    const timer = setTimeout(() => void search(), DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [text, search]);

  const asked = text.trim();
  let status = "";
  if (error === null && searching && result === null) {
    status = "Searching…";
  } else if (error === null && result !== null && asked !== "") {
    const count = result.hits.length;
    status =
      count === 0
        ? `Nothing in the rules or the glossary matches “${result.text}”.`
        : `${String(count)} ${count === 1 ? "match" : "matches"} for “${result.text}”, best first`;
  }

  return (
    <div className="flex h-full flex-col">
      <form
        role="search"
        aria-label="Rules text search"
        className="space-y-1 border-b border-stone-200 p-3 dark:border-stone-800"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <PaneSearchField
          label="Search the rules text"
          placeholder="Words in rules or definitions"
          value={text}
          onChange={setText}
          status={status}
        />
      </form>
      {error !== null && (
        <div role="alert" className="space-y-2 p-3 text-sm">
          <p>{error.message}</p>
          <button type="button" className="btn" onClick={() => void search()}>
            Try again
          </button>
        </div>
      )}
      {result !== null && asked !== "" && result.hits.length > 0 && (
        <ol
          aria-label="Search results"
          aria-busy={searching}
          className={`min-h-0 flex-1 divide-y divide-stone-200 overflow-y-auto dark:divide-stone-800 ${searching ? "opacity-60" : ""}`}
        >
          {result.hits.map((hit) => (
            <li key={hitKey(hit)}>
              <button
                type="button"
                onClick={() => {
                  onOpen(hitTarget(hit));
                }}
                className="block w-full px-3 py-2 text-left hover:bg-stone-100 dark:hover:bg-stone-900"
              >
                <span className="flex items-baseline gap-2 text-sm">
                  {hit.kind === "rule" ? (
                    <span className="font-mono font-medium tabular-nums">{hit.number}</span>
                  ) : (
                    <>
                      <span className="font-medium">{hit.term}</span>
                      <span className="rounded bg-stone-200 px-1 text-[0.6875rem] text-stone-700 uppercase dark:bg-stone-800 dark:text-stone-300">
                        Glossary
                      </span>
                    </>
                  )}
                </span>
                <span className="mt-0.5 block font-serif text-sm leading-6 text-stone-700 dark:text-stone-300">
                  <Snippet text={hit.snippet} />
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** What opens a hit: its rule number or its glossary term. */
function hitTarget(hit: RuleHit): string {
  return (hit.kind === "rule" ? hit.number : hit.term) ?? hit.text;
}

function hitKey(hit: RuleHit): string {
  return `${hit.kind}:${hitTarget(hit)}`;
}
