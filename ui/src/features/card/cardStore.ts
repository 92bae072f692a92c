import { create } from "zustand";
import { type AppError, type Card, commands } from "../../bindings";
import { appError, unwrap } from "../../lib/api";

/** What the card page knows about one asked name. */
export type CardEntry =
  { state: "loading" } | { state: "ready"; card: Card } | { state: "failed"; error: AppError };

interface CardState {
  /** By the name the page was opened with (and by the card's own name once loaded). */
  entries: Partial<Record<string, CardEntry>>;
  /** Fetches `name` unless it is loaded or loading; a failure is asked again. */
  load: (name: string) => Promise<void>;
}

/**
 * Cards the page has shown, kept for the session: the data only changes with an import, so
 * Back and forward again shows a card at once.
 */
export const useCards = create<CardState>()((set, get) => ({
  entries: {},
  load: async (name) => {
    const known = get().entries[name];
    if (known !== undefined && known.state !== "failed") {
      return;
    }
    const put = (entry: CardEntry, ...names: string[]) => {
      set((state) => ({
        entries: { ...state.entries, ...Object.fromEntries(names.map((key) => [key, entry])) },
      }));
    };
    put({ state: "loading" }, name);
    try {
      const card = await unwrap(commands.getCard(name));
      put({ state: "ready", card }, name, card.name);
    } catch (thrown) {
      put({ state: "failed", error: appError(thrown) }, name);
    }
  },
}));
