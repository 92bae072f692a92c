import { create } from "zustand";

/** A screen of the app and what it shows. */
export type Screen =
  | { kind: "search" }
  | { kind: "card"; name: string }
  | { kind: "rules"; rule: string | null }
  | { kind: "decks" }
  | { kind: "deck"; id: string }
  | { kind: "settings" };

interface NavigationState {
  /** Screens visited before the current one, oldest first (for Back). */
  history: Screen[];
  current: Screen;
  /** Shows `screen`, remembering the current one for Back. */
  open: (screen: Screen) => void;
  /** Returns to the previous screen; does nothing on the first one. */
  back: () => void;
}

/**
 * Which screen is shown. The app composes features by passing them callbacks that call
 * `open`, so features never know about each other or about this store.
 */
export const useNavigation = create<NavigationState>()((set) => ({
  history: [],
  current: { kind: "search" },
  open: (screen) => {
    set((state) => ({ history: [...state.history, state.current], current: screen }));
  },
  back: () => {
    set((state) => {
      const previous = state.history.at(-1);
      return previous === undefined
        ? state
        : { history: state.history.slice(0, -1), current: previous };
    });
  },
}));
