import { useId } from "react";
import { type ThemePreference, useTheme } from "../themeStore";

const CHOICES: { value: ThemePreference; label: string; hint: string }[] = [
  { value: "system", label: "System", hint: "Follows your operating system" },
  { value: "light", label: "Light", hint: "Dark text on a light page" },
  { value: "dark", label: "Dark", hint: "Light text on a dark page" },
];

/**
 * The theme choice, as native radio buttons (arrow keys move between them); each is named by
 * its label alone, its hint being its description.
 */
export function ThemeSetting() {
  const preference = useTheme((state) => state.preference);
  const setPreference = useTheme((state) => state.setPreference);
  const id = useId();
  return (
    <fieldset>
      <legend className="mb-2 font-semibold">Theme</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {CHOICES.map((choice) => (
          <label
            key={choice.value}
            className="flex cursor-pointer items-start gap-3 rounded-lg border border-stone-200 bg-white p-3 has-checked:border-sky-600 has-checked:ring-1 has-checked:ring-sky-600 dark:border-stone-800 dark:bg-stone-900 dark:has-checked:border-sky-400 dark:has-checked:ring-sky-400"
          >
            <input
              type="radio"
              name={id}
              value={choice.value}
              aria-labelledby={`${id}-${choice.value}`}
              aria-describedby={`${id}-${choice.value}-hint`}
              checked={preference === choice.value}
              onChange={() => {
                setPreference(choice.value);
              }}
              className="mt-1 accent-sky-700 dark:accent-sky-400"
            />
            <span>
              <span id={`${id}-${choice.value}`} className="block font-medium">
                {choice.label}
              </span>
              <span
                id={`${id}-${choice.value}-hint`}
                className="block text-sm text-stone-600 dark:text-stone-400"
              >
                {choice.hint}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
