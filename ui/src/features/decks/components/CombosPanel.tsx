import type { ComboMatch } from "../../../bindings";

export interface CombosPanelProps {
  combos: ComboMatch[];
  onOpenCard: (name: string) => void;
}

/** Combos the deck holds, then those it misses by one card. */
export function CombosPanel({ combos, onOpenCard }: CombosPanelProps) {
  if (combos.length === 0) {
    return (
      <p className="text-sm text-stone-500">No known combo is in the deck or one card away.</p>
    );
  }
  return (
    <ul aria-label="Combos" className="space-y-3 text-sm">
      {combos.map(({ combo, missing }) => (
        <li
          key={combo.spellbook_id}
          className="rounded border border-stone-200 p-2 dark:border-stone-800"
        >
          <p className="font-medium">
            {missing.length === 0 ? "In the deck: " : `Missing ${missing.join(", ")}: `}
            {combo.cards.map((card, i) => (
              <span key={card.name}>
                {i > 0 && " + "}
                <button
                  type="button"
                  className="hover:underline"
                  onClick={() => {
                    onOpenCard(card.name);
                  }}
                >
                  {card.name}
                </button>
              </span>
            ))}
          </p>
          <p className="text-stone-600 dark:text-stone-400">
            {combo.results.map((result) => result.name).join("; ")}
          </p>
          <a className="text-sky-700 hover:underline dark:text-sky-400" href={combo.url}>
            Commander Spellbook
          </a>
        </li>
      ))}
    </ul>
  );
}
