import { create } from "zustand";
import {
  type AppError,
  type DeckSummary,
  type Format,
  type ImportedDeck,
  commands,
} from "../../bindings";
import { appError, unwrap } from "../../lib/api";

interface DeckListState {
  /** The stored decks, most recently changed first; null until loaded. */
  decks: DeckSummary[] | null;
  /** The last import's outcome, shown until the next one. */
  imported: ImportedDeck | null;
  /** A command in flight. */
  busy: boolean;
  error: AppError | null;
  refresh: () => Promise<void>;
  /** Imports a pasted or opened list; the answer says what was left out. */
  importList: (text: string, format: Format | null, name: string) => Promise<ImportedDeck | null>;
  /** Creates an empty deck; answers its id. */
  create: (name: string) => Promise<string | null>;
}

/** The deck list and the import panel. */
export const useDeckList = create<DeckListState>()((set, get) => ({
  decks: null,
  imported: null,
  busy: false,
  error: null,
  refresh: async () => {
    try {
      set({ decks: await unwrap(commands.listDecks()), error: null });
    } catch (thrown) {
      set({ error: appError(thrown) });
    }
  },
  importList: async (text, format, name) => {
    set({ busy: true, error: null });
    try {
      const imported = await unwrap(commands.importDeck(text, format, name.trim() || null));
      set({ imported });
      await get().refresh();
      return imported;
    } catch (thrown) {
      set({ error: appError(thrown) });
      return null;
    } finally {
      set({ busy: false });
    }
  },
  create: async (name) => {
    set({ busy: true, error: null });
    try {
      const detail = await unwrap(commands.createDeck(name, null));
      await get().refresh();
      return detail.deck.id;
    } catch (thrown) {
      set({ error: appError(thrown) });
      return null;
    } finally {
      set({ busy: false });
    }
  },
}));
