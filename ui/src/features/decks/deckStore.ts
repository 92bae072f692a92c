import { create } from "zustand";
import {
  type AppError,
  type DeckCard,
  type DeckDetail,
  type GameFormat,
  commands,
} from "../../bindings";
import { appError, unwrap } from "../../lib/api";

/** How many edits Undo can take back. */
const HISTORY_LIMIT = 200;

interface DeckEditorState {
  /** The deck as last saved (or loaded). */
  detail: DeckDetail | null;
  /** The lines shown: the saved ones with any edit still being saved. */
  cards: DeckCard[];
  /** Earlier line lists, newest last, for Undo. */
  past: DeckCard[][];
  /** Undone line lists, newest last, for Redo. */
  future: DeckCard[][];
  /** Saves not yet answered. */
  saving: number;
  /** What went wrong loading or saving, until the next success. */
  error: AppError | null;
  /** Loads deck `id` (forgetting the history of another deck). */
  load: (id: string) => Promise<void>;
  /** Applies an edit to the lines and saves it; it can be undone. */
  edit: (change: (cards: DeckCard[]) => DeckCard[]) => Promise<void>;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  /** Renames the deck or changes its format. */
  describe: (name: string, format: GameFormat | null) => Promise<void>;
}

/**
 * The deck being built. Every change is saved at once (one transaction in the user-data
 * database), saves run one after another on the revision the previous one answered, and a
 * deck changed elsewhere meanwhile is reloaded rather than overwritten.
 */
export const useDeckEditor = create<DeckEditorState>()((set, get) => {
  /** The saves, chained so each sends the revision the one before it answered. */
  let queue: Promise<void> = Promise.resolve();

  const save = (cards: DeckCard[], name?: string, format?: GameFormat | null) => {
    set((state) => ({ cards, saving: state.saving + 1 }));
    queue = queue.then(async () => {
      const detail = get().detail;
      if (detail === null) {
        return;
      }
      const { deck } = detail;
      try {
        const saved = await unwrap(
          commands.saveDeck(
            deck.id,
            deck.revision,
            name ?? deck.name,
            format === undefined ? deck.format : format,
            cards,
          ),
        );
        set({ detail: saved, error: null });
      } catch (thrown) {
        const error = appError(thrown);
        set({ error });
        if (error.code === "deck_changed") {
          await get().load(deck.id);
          set({ error });
        }
      } finally {
        set((state) => ({ saving: state.saving - 1 }));
      }
    });
    return queue;
  };

  return {
    detail: null,
    cards: [],
    past: [],
    future: [],
    saving: 0,
    error: null,
    load: async (id) => {
      try {
        const detail = await unwrap(commands.getDeck(id));
        const same = get().detail?.deck.id === id;
        set({
          detail,
          cards: detail.deck.deck.cards,
          error: null,
          ...(same ? {} : { past: [], future: [] }),
        });
      } catch (thrown) {
        set({ error: appError(thrown) });
      }
    },
    edit: async (change) => {
      const before = get().cards;
      const after = change(before);
      if (after === before) {
        return;
      }
      set((state) => ({ past: [...state.past, before].slice(-HISTORY_LIMIT), future: [] }));
      await save(after);
    },
    undo: async () => {
      const { past, cards } = get();
      const previous = past.at(-1);
      if (previous === undefined) {
        return;
      }
      set((state) => ({ past: past.slice(0, -1), future: [...state.future, cards] }));
      await save(previous);
    },
    redo: async () => {
      const { future, cards } = get();
      const next = future.at(-1);
      if (next === undefined) {
        return;
      }
      set((state) => ({ future: future.slice(0, -1), past: [...state.past, cards] }));
      await save(next);
    },
    describe: async (name, format) => {
      await save(get().cards, name, format);
    },
  };
});
