import { useLayoutEffect } from "react";
import { create } from "zustand";
import { persist } from "zustand/middleware";

/** The theme the user picked; "system" follows the OS. */
export type ThemePreference = "system" | "light" | "dark";

interface ThemeState {
  preference: ThemePreference;
  setPreference: (preference: ThemePreference) => void;
}

/** The theme preference, kept in localStorage across launches. */
export const useTheme = create<ThemeState>()(
  persist(
    (set) => ({
      preference: "system",
      setPreference: (preference) => {
        set({ preference });
      },
    }),
    { name: "planeswalker.theme" },
  ),
);

const DARK_QUERY = "(prefers-color-scheme: dark)";

/**
 * Applies the theme to the page: `data-theme` (which Tailwind's `dark:` variant follows) and
 * `color-scheme` (native controls and scrollbars), resolving "system" from the OS and
 * following it live. A layout effect, so the first paint already has the right theme.
 */
export function useAppliedTheme(): void {
  const preference = useTheme((state) => state.preference);
  useLayoutEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const apply = () => {
      const resolved = preference === "system" ? (media.matches ? "dark" : "light") : preference;
      const root = document.documentElement;
      root.dataset.theme = resolved;
      root.style.colorScheme = resolved;
    };
    apply();
    if (preference !== "system") {
      return undefined;
    }
    media.addEventListener("change", apply);
    return () => {
      media.removeEventListener("change", apply);
    };
  }, [preference]);
}
