import { create } from "zustand";
import {
  type AppError,
  type GlossaryEntry,
  type OutlineSection,
  type Rule,
  type RuleHit,
  commands,
} from "../../bindings";
import { appError, unwrap } from "../../lib/api";

/** Something fetched once and kept: not yet asked, on its way, there, or failed. */
export type Loadable<T> =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; value: T }
  | { status: "failed"; error: AppError };

/** What the reading pane shows. */
export type Selection =
  | { kind: "none" }
  | { kind: "rule"; number: string }
  | { kind: "glossary"; entry: GlossaryEntry }
  | { kind: "failed"; query: string; error: AppError };

/** The left pane's tabs. */
export type RulesTab = "contents" | "glossary" | "search";

/** How many full-text hits a search shows. */
const SEARCH_LIMIT = 50;

interface RulesState {
  outline: Loadable<OutlineSection[]>;
  /** Every rule fetched so far (headings included), by canonical number. */
  rules: Record<string, Rule>;
  /** Tree nodes whose children are being fetched. */
  loading: Record<string, boolean>;
  /** Tree nodes shown open. */
  expanded: Record<string, boolean>;
  /** Why the last tree node could not open, until another opens. */
  treeError: AppError | null;
  selection: Selection;
  /** The query being opened; the reading pane keeps showing the last answer meanwhile. */
  pending: string | null;
  /**
   * The query last opened, as given: the screen's `rule` prop reopens only what differs, so
   * the screen's own navigation, echoed back through the prop, does not open twice.
   */
  opened: string | null;
  tab: RulesTab;
  glossary: Loadable<GlossaryEntry[]>;
  glossaryFilter: string;
  searchText: string;
  /** The last search's hits and the text they answer; kept while the next one runs. */
  searchResult: { text: string; hits: RuleHit[] } | null;
  searchError: AppError | null;
  searching: boolean;

  loadOutline: () => Promise<void>;
  loadGlossary: () => Promise<void>;
  /** Opens a tree node, fetching its children the first time. */
  expand: (number: string) => Promise<void>;
  collapse: (number: string) => void;
  /**
   * Shows the rule numbered `query` (expanding the tree down to it) or the glossary entry it
   * names; `reveal` also switches the left pane to where it is listed.
   */
  open: (query: string, options: { reveal: boolean }) => Promise<void>;
  /** Shows a glossary entry already at hand (picked from the glossary list). */
  showEntry: (entry: GlossaryEntry) => void;
  setTab: (tab: RulesTab) => void;
  setGlossaryFilter: (filter: string) => void;
  setSearchText: (text: string) => void;
  /** Full-text search for the current search text. */
  search: () => Promise<void>;
}

// Requests in flight, so a rule asked twice at once (a jump while its node expands) is fetched once.
const inFlight = new Map<string, Promise<Rule>>();
let searchGeneration = 0;

/** The rules browser's data and where the reader is in it. */
export const useRules = create<RulesState>()((set, get) => {
  const fetchRule = (number: string): Promise<Rule> => {
    const cached = get().rules[number];
    if (cached !== undefined) {
      return Promise.resolve(cached);
    }
    const pending = inFlight.get(number);
    if (pending !== undefined) {
      return pending;
    }
    const request = (async () => {
      try {
        const answer = await unwrap(commands.getRule(number));
        if (answer.kind !== "rule") {
          throw new Error(`${number} answered a glossary entry`);
        }
        set((state) => ({ rules: { ...state.rules, [answer.number]: answer } }));
        return answer;
      } finally {
        inFlight.delete(number);
      }
    })();
    inFlight.set(number, request);
    return request;
  };

  let outlineRequest: Promise<void> | null = null;

  return {
    outline: { status: "idle" },
    rules: {},
    loading: {},
    expanded: {},
    treeError: null,
    selection: { kind: "none" },
    pending: null,
    opened: null,
    tab: "contents",
    glossary: { status: "idle" },
    glossaryFilter: "",
    searchText: "",
    searchResult: null,
    searchError: null,
    searching: false,

    loadOutline: () => {
      if (get().outline.status === "ready") {
        return Promise.resolve();
      }
      outlineRequest ??= (async () => {
        set({ outline: { status: "loading" } });
        try {
          set({ outline: { status: "ready", value: await unwrap(commands.rulesOutline()) } });
        } catch (thrown) {
          set({ outline: { status: "failed", error: appError(thrown) } });
        } finally {
          outlineRequest = null;
        }
      })();
      return outlineRequest;
    },

    loadGlossary: async () => {
      const { status } = get().glossary;
      if (status === "ready" || status === "loading") {
        return;
      }
      set({ glossary: { status: "loading" } });
      try {
        set({ glossary: { status: "ready", value: await unwrap(commands.glossary()) } });
      } catch (thrown) {
        set({ glossary: { status: "failed", error: appError(thrown) } });
      }
    },

    expand: async (number) => {
      set((state) => ({ treeError: null, loading: { ...state.loading, [number]: true } }));
      try {
        // A section's children are its chapters, already in the outline.
        if (number.includes(".") || number.length === 3) {
          await fetchRule(number);
        }
        set((state) => ({ expanded: { ...state.expanded, [number]: true } }));
      } catch (thrown) {
        set({ treeError: appError(thrown) });
      } finally {
        set((state) => ({ loading: { ...state.loading, [number]: false } }));
      }
    },

    collapse: (number) => {
      set((state) => ({ expanded: { ...state.expanded, [number]: false } }));
    },

    open: async (query, { reveal }) => {
      const asked = query.trim();
      if (asked === "") {
        return;
      }
      set({ opened: query, pending: asked });
      const superseded = () => get().opened !== query;
      try {
        const answer = await unwrap(commands.getRule(asked));
        if (superseded()) {
          return;
        }
        if (answer.kind === "glossary") {
          set({
            selection: { kind: "glossary", entry: answer },
            pending: null,
            ...(reveal ? { tab: "glossary" } : {}),
          });
          return;
        }
        set((state) => ({ rules: { ...state.rules, [answer.number]: answer } }));
        // The tree shows the rule once every level above it is open: the section (children
        // from the outline), the chapter, and the rule above a sub-rule.
        const above = [answer.section, answer.chapter]
          .concat(answer.level === "subrule" ? [answer.parent] : [])
          .flatMap((ref) => (ref === null ? [] : [ref.number]));
        await Promise.all([
          get().loadOutline(),
          ...above.filter((number) => number.length > 1).map(fetchRule),
        ]);
        if (superseded()) {
          return;
        }
        set((state) => ({
          expanded: { ...state.expanded, ...Object.fromEntries(above.map((n) => [n, true])) },
          selection: { kind: "rule", number: answer.number },
          pending: null,
          ...(reveal ? { tab: "contents" } : {}),
        }));
      } catch (thrown) {
        if (!superseded()) {
          set({
            selection: { kind: "failed", query: asked, error: appError(thrown) },
            pending: null,
          });
        }
      }
    },

    showEntry: (entry) => {
      set({ opened: entry.term, pending: null, selection: { kind: "glossary", entry } });
    },

    setTab: (tab) => {
      set({ tab });
    },

    setGlossaryFilter: (glossaryFilter) => {
      set({ glossaryFilter });
    },

    setSearchText: (searchText) => {
      set({ searchText });
    },

    search: async () => {
      const text = get().searchText.trim();
      const generation = ++searchGeneration;
      if (text === "") {
        set({ searchResult: null, searchError: null, searching: false });
        return;
      }
      set({ searching: true });
      try {
        const hits = await unwrap(commands.searchRules(text, SEARCH_LIMIT));
        if (generation === searchGeneration) {
          set({ searchResult: { text, hits }, searchError: null, searching: false });
        }
      } catch (thrown) {
        if (generation === searchGeneration) {
          set({ searchError: appError(thrown), searching: false });
        }
      }
    },
  };
});
