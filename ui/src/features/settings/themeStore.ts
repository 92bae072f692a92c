// Placeholder until the theme setting lands (this session).
export function useAppliedTheme(): void {
  // The OS theme applies through prefers-color-scheme.
}
