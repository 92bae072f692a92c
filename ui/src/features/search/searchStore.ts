import { create } from "zustand";
import { type AppError, type CardSummary, commands } from "../../bindings";
import { appError, unwrap } from "../../lib/api";

/** The orders the search offers; every key but `relevance` is a Scryfall `order:` value. */
export type SortKey =
  "relevance" | "name" | "cmc" | "color" | "rarity" | "edhrec" | "released" | "power" | "toughness";

export type SortDirection = "asc" | "desc";

/** The most cards one search shows; more than a list can usefully hold. */
export const RESULT_LIMIT = 3000;

/**
 * A search first asks for this many cards, enough to fill the screen, and shows them; only
 * when there may be more does it ask for the rest (up to RESULT_LIMIT). Thousands of full
 * cards take a while to load and cross the IPC bridge, and the first screenful should not
 * wait for them.
 */
export const FIRST_PAGE = 100;

/** One `search_cards` call as a value: the cards or the error. */
async function fetchResults(sent: string, limit: number) {
  return unwrap(commands.searchCards(sent, limit)).then(
    (results) => ({ results, error: null }),
    (thrown: unknown) => ({ results: null, error: appError(thrown) }),
  );
}

/** How long typing must pause before the search runs. */
export const SEARCH_DELAY_MS = 150;

/** Whether the user's own query chooses the order, so the sort controls must not add one. */
export function queryOrders(text: string): boolean {
  return /(?:^|[\s(-])(?:order|dir):/i.test(text);
}

/**
 * The query sent for the box's `text`: the chosen order is appended, never prepended, so the
 * parser's error spans still point into the text the user typed.
 */
export function queryToSend(text: string, sort: SortKey, direction: SortDirection): string {
  return sort === "relevance" || queryOrders(text)
    ? text
    : `${text} order:${sort} dir:${direction}`;
}

interface SearchState {
  /** The search box's text. */
  query: string;
  sort: SortKey;
  direction: SortDirection;
  /** The box text whose answer (`results` or `error`) is shown; null before any search. */
  searched: string | null;
  /** The answer to `searched`; null when it failed or nothing was searched. */
  results: CardSummary[] | null;
  error: AppError | null;
  /** A search is on its way (the previous answer stays shown meanwhile). */
  loading: boolean;
  /** The highlighted result, -1 for none. */
  activeIndex: number;
  /** The list's scroll position, restored when the screen comes back from a card page. */
  scrollOffset: number;
  /** Changes the box text and searches once typing pauses. */
  setQuery: (query: string) => void;
  /** Changes the order and searches again at once. */
  setSort: (sort: SortKey, direction: SortDirection) => void;
  /** Searches the box text now (Enter, an example, a retry). */
  searchNow: () => void;
  /** Whether the shown answer is the box's: nothing typed since, nothing on its way. */
  isCurrent: () => boolean;
  setActiveIndex: (index: number) => void;
  setScrollOffset: (offset: number) => void;
}

// Only the newest search may show its answer: each search takes the next number and an answer
// is dropped when a later search has started since.
let latestSearch = 0;
let pendingTimer: ReturnType<typeof setTimeout> | undefined;

/** The card search: kept outside the screen so a card page and back finds it as it was. */
export const useSearch = create<SearchState>()((set, get) => {
  const run = async () => {
    clearTimeout(pendingTimer);
    pendingTimer = undefined;
    const { query, sort, direction } = get();
    const search = ++latestSearch;
    if (query.trim() === "") {
      set({ searched: null, results: null, error: null, loading: false, activeIndex: -1 });
      return;
    }
    set({ loading: true });
    const sent = queryToSend(query, sort, direction);
    const first = await fetchResults(sent, FIRST_PAGE);
    if (search !== latestSearch) {
      return;
    }
    set({ ...first, searched: query, loading: false, activeIndex: -1, scrollOffset: 0 });
    const shown = first.results;
    if (shown?.length === FIRST_PAGE) {
      const all = await fetchResults(sent, RESULT_LIMIT);
      // Only rows are added: the active row and the scroll position stay as the player left
      // them, and the rows already drawn keep their objects, so they are not drawn again.
      if (search === latestSearch && all.results !== null) {
        set({
          results: all.results.map((card, i) => (shown[i]?.name === card.name ? shown[i] : card)),
        });
      }
    }
  };

  return {
    query: "",
    sort: "relevance",
    direction: "asc",
    searched: null,
    results: null,
    error: null,
    loading: false,
    activeIndex: -1,
    scrollOffset: 0,
    setQuery: (query) => {
      set({ query });
      clearTimeout(pendingTimer);
      pendingTimer = setTimeout(() => void run(), SEARCH_DELAY_MS);
    },
    setSort: (sort, direction) => {
      set({ sort, direction });
      void run();
    },
    searchNow: () => void run(),
    isCurrent: () => {
      const { query, searched, loading } = get();
      return pendingTimer === undefined && !loading && query === searched;
    },
    setActiveIndex: (activeIndex) => {
      set({ activeIndex });
    },
    setScrollOffset: (scrollOffset) => {
      set({ scrollOffset });
    },
  };
});
