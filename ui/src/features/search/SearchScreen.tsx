import { type KeyboardEvent, useCallback, useEffect, useRef } from "react";
import type { AppError } from "../../bindings";
import { SEARCH_INPUT_ID } from "../../lib/dom";
import { QueryError } from "./components/QueryError";
import { ResultList } from "./components/ResultList";
import { ROW_HEIGHT } from "./components/ResultRow";
import { SortControls } from "./components/SortControls";
import { RESULT_LIMIT, queryOrders, useSearch } from "./searchStore";

export interface SearchScreenProps {
  onOpenCard: (name: string) => void;
}

const LISTBOX_ID = "search-results";
const ERROR_ID = "search-error";
const optionId = (index: number) => `search-result-${String(index)}`;

/** Queries that show what the syntax can do, one click away on the empty screen. */
const EXAMPLES = [
  { query: "t:creature c:g mv<=2", meaning: "green creatures costing two or less" },
  { query: 'o:"draw a card" t:instant', meaning: "instants that draw a card" },
  { query: "lightning", meaning: "cards with a word in their name" },
  { query: "id:esper is:commander", meaning: "commanders for an Esper deck" },
  { query: "f:pauper t:creature pow>=4", meaning: "big creatures legal in Pauper" },
];

const count = new Intl.NumberFormat("en");

/**
 * Card search: a box taking Scryfall syntax or plain words, searching as the user types, and
 * the matching cards in a list driven from the keyboard (arrows, Home/End, Enter) or the mouse.
 */
export function SearchScreen({ onOpenCard }: SearchScreenProps) {
  const query = useSearch((state) => state.query);
  const sort = useSearch((state) => state.sort);
  const direction = useSearch((state) => state.direction);
  const searched = useSearch((state) => state.searched);
  const results = useSearch((state) => state.results);
  const error = useSearch((state) => state.error);
  const loading = useSearch((state) => state.loading);
  const activeIndex = useSearch((state) => state.activeIndex);
  const setQuery = useSearch((state) => state.setQuery);
  const setSort = useSearch((state) => state.setSort);
  const searchNow = useSearch((state) => state.searchNow);
  const isCurrent = useSearch((state) => state.isCurrent);
  const setActiveIndex = useSearch((state) => state.setActiveIndex);
  const setScrollOffset = useSearch((state) => state.setScrollOffset);
  const inputRef = useRef<HTMLInputElement>(null);

  // Back from a card page (or arriving from a tab), typing and arrowing go on from the box.
  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const open = useCallback(
    (index: number) => {
      const card = results?.[index];
      if (card !== undefined) {
        setActiveIndex(index);
        onOpenCard(card.name);
      }
    },
    [results, onOpenCard, setActiveIndex],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const last = (results?.length ?? 0) - 1;
    const inBox = event.currentTarget === inputRef.current;
    const page = Math.max(1, Math.floor((window.innerHeight * 0.6) / ROW_HEIGHT));
    const move = (index: number) => {
      event.preventDefault();
      if (last >= 0) {
        setActiveIndex(Math.min(Math.max(index, 0), last));
      }
    };
    switch (event.key) {
      case "ArrowDown":
        move(activeIndex + 1);
        break;
      case "ArrowUp":
        move(activeIndex - 1);
        break;
      case "PageDown":
        move(activeIndex + page);
        break;
      case "PageUp":
        move(activeIndex - page);
        break;
      // In the box, Home and End move the caret until the user is moving through the results.
      case "Home":
        if (!inBox || activeIndex >= 0) move(0);
        break;
      case "End":
        if (!inBox || activeIndex >= 0) move(last);
        break;
      case "Enter":
        event.preventDefault();
        if (inBox && (!isCurrent() || activeIndex < 0)) {
          searchNow();
        } else {
          open(activeIndex);
        }
        break;
      case "Escape":
        if (activeIndex >= 0) {
          event.preventDefault();
          setActiveIndex(-1);
        } else if (inBox && query !== "") {
          event.preventDefault();
          setQuery("");
        }
        break;
    }
  };

  const runExample = (example: string) => {
    setQuery(example);
    searchNow();
    inputRef.current?.focus();
  };

  const syntaxError = error?.code === "invalid_query" ? error : null;
  const showList = results !== null && results.length > 0;

  return (
    <div className="flex h-full flex-col">
      <div className="space-y-2 border-b border-stone-200 px-4 py-3 dark:border-stone-800">
        <div className="flex flex-wrap items-center gap-3">
          <div className="relative min-w-64 flex-1">
            <SearchIcon />
            <input
              ref={inputRef}
              id={SEARCH_INPUT_ID}
              type="search"
              role="combobox"
              aria-label="Search cards"
              aria-expanded={showList}
              aria-controls={LISTBOX_ID}
              aria-autocomplete="list"
              aria-activedescendant={
                showList && activeIndex >= 0 ? optionId(activeIndex) : undefined
              }
              aria-invalid={syntaxError !== null}
              aria-describedby={syntaxError !== null ? ERROR_ID : undefined}
              autoComplete="off"
              autoCorrect="off"
              autoCapitalize="off"
              spellCheck={false}
              placeholder="Search cards: names, or Scryfall syntax like t:goblin c:r mv<=2"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
              }}
              onKeyDown={onKeyDown}
              className="w-full rounded-md border border-stone-300 bg-white py-2 pr-3 pl-9 font-mono text-sm shadow-sm placeholder:font-sans placeholder:text-stone-400 dark:border-stone-700 dark:bg-stone-900 dark:placeholder:text-stone-500"
            />
          </div>
          <SortControls
            sort={sort}
            direction={direction}
            setByQuery={queryOrders(query)}
            onChange={setSort}
          />
        </div>
        {syntaxError !== null && searched !== null && (
          <QueryError
            id={ERROR_ID}
            query={searched}
            message={syntaxError.message}
            start={syntaxError.span?.start ?? searched.length}
            end={syntaxError.span?.end ?? searched.length}
          />
        )}
      </div>
      <ResultSummary
        loading={loading}
        found={results?.length ?? null}
        hasQuery={searched !== null}
      />
      {showList ? (
        <ResultList
          id={LISTBOX_ID}
          cards={results}
          activeIndex={activeIndex}
          optionId={optionId}
          onOpen={open}
          onKeyDown={onKeyDown}
          initialOffset={useSearch.getState().scrollOffset}
          onLeave={setScrollOffset}
          busy={loading}
        />
      ) : error !== null && syntaxError === null ? (
        <SearchFailure error={error} onRetry={searchNow} />
      ) : results !== null && searched !== null ? (
        <NoMatches query={searched} />
      ) : searched === null && !loading ? (
        <Examples onPick={runExample} />
      ) : null}
    </div>
  );
}

function SearchIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 fill-stone-400 dark:fill-stone-500"
    >
      <path d="M8.5 3a5.5 5.5 0 1 0 3.4 9.83l3.63 3.63a.75.75 0 1 0 1.06-1.06l-3.63-3.63A5.5 5.5 0 0 0 8.5 3Zm-4 5.5a4 4 0 1 1 8 0 4 4 0 0 1-8 0Z" />
    </svg>
  );
}

/** The count line: how many cards, whether the cap cut the list, whether a search is running. */
function ResultSummary({
  loading,
  found,
  hasQuery,
}: {
  loading: boolean;
  found: number | null;
  hasQuery: boolean;
}) {
  let text = "";
  if (found !== null && found >= RESULT_LIMIT) {
    text = `Showing the first ${count.format(RESULT_LIMIT)} cards — refine your search to see the rest`;
  } else if (found !== null && hasQuery) {
    text = found === 0 ? "No cards" : found === 1 ? "1 card" : `${count.format(found)} cards`;
  }
  return (
    <p
      role="status"
      className="flex min-h-8 items-center gap-2 px-4 text-xs text-stone-600 dark:text-stone-400"
    >
      <span>{text}</span>
      {loading && <span className="text-stone-500">Searching…</span>}
    </p>
  );
}

function NoMatches({ query }: { query: string }) {
  return (
    <div className="px-4 py-10 text-center">
      <p className="font-medium">
        No cards match <span className="font-mono">{query}</span>
      </p>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
        Check the spelling, or loosen a filter.
      </p>
    </div>
  );
}

function SearchFailure({ error, onRetry }: { error: AppError; onRetry: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-md space-y-3 px-4 py-10 text-center">
      <p className="font-medium">{error.message}</p>
      {error.code === "no_knowledge_base" ? (
        <p className="text-sm text-stone-600 dark:text-stone-400">Import it again from Settings.</p>
      ) : (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

function Examples({ onPick }: { onPick: (query: string) => void }) {
  return (
    <div className="mx-auto max-w-xl px-4 py-12">
      <h2 className="text-lg font-semibold tracking-tight">Search every Magic card</h2>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
        Type a name, or filter with Scryfall&rsquo;s syntax. Press{" "}
        <kbd className="rounded border border-stone-300 px-1 font-mono text-xs dark:border-stone-700">
          /
        </kbd>{" "}
        anywhere to come back here.
      </p>
      <ul className="mt-5 space-y-2" aria-label="Example searches">
        {EXAMPLES.map((example) => (
          <li key={example.query} className="flex items-center gap-3">
            <button
              type="button"
              className="btn font-mono"
              onClick={() => {
                onPick(example.query);
              }}
            >
              {example.query}
            </button>
            <span className="text-sm text-stone-500 dark:text-stone-400">{example.meaning}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
