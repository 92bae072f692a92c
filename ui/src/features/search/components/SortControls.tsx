import type { SortDirection, SortKey } from "../searchStore";

const SORT_OPTIONS: { key: SortKey; label: string }[] = [
  { key: "relevance", label: "Relevance" },
  { key: "name", label: "Name" },
  { key: "cmc", label: "Mana value" },
  { key: "color", label: "Colour" },
  { key: "rarity", label: "Rarity" },
  { key: "edhrec", label: "EDHREC rank" },
  { key: "released", label: "Release date" },
  { key: "power", label: "Power" },
  { key: "toughness", label: "Toughness" },
];

const SORT_KEYS = new Set<string>(SORT_OPTIONS.map((option) => option.key));

function isSortKey(value: string): value is SortKey {
  return SORT_KEYS.has(value);
}

export interface SortControlsProps {
  sort: SortKey;
  direction: SortDirection;
  /** The query has its own `order:`/`dir:`, which wins: the controls are off and say why. */
  setByQuery: boolean;
  onChange: (sort: SortKey, direction: SortDirection) => void;
}

const SELECT_CLASS =
  "rounded border border-stone-300 bg-white px-2 py-1.5 text-sm disabled:opacity-50 dark:border-stone-700 dark:bg-stone-900";

/** The order of the results: a key and a direction (relevance has no direction). */
export function SortControls({ sort, direction, setByQuery, onChange }: SortControlsProps) {
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="search-sort" className="text-sm text-stone-600 dark:text-stone-400">
        Sort
      </label>
      <select
        id="search-sort"
        value={sort}
        disabled={setByQuery}
        aria-describedby={setByQuery ? "search-sort-hint" : undefined}
        onChange={(event) => {
          const key = event.target.value;
          if (isSortKey(key)) {
            onChange(key, direction);
          }
        }}
        className={SELECT_CLASS}
      >
        {SORT_OPTIONS.map((option) => (
          <option key={option.key} value={option.key}>
            {option.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Sort direction"
        value={direction}
        disabled={setByQuery || sort === "relevance"}
        onChange={(event) => {
          onChange(sort, event.target.value === "desc" ? "desc" : "asc");
        }}
        className={SELECT_CLASS}
      >
        <option value="asc">Ascending</option>
        <option value="desc">Descending</option>
      </select>
      {setByQuery && (
        <span id="search-sort-hint" className="text-xs text-stone-500 dark:text-stone-400">
          Your query sets the order
        </span>
      )}
    </div>
  );
}
