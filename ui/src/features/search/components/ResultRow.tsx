import { memo } from "react";
import type { CardSummary } from "../../../bindings";
import { ManaCost } from "../../../components/mana/ManaCost";

/** Every row has this height, so the list can place thousands without measuring them. */
export const ROW_HEIGHT = 56;

const RARITY: Record<string, { label: string; className: string }> = {
  common: { label: "Common", className: "text-stone-500 dark:text-stone-400" },
  uncommon: { label: "Uncommon", className: "text-slate-600 dark:text-slate-300" },
  rare: { label: "Rare", className: "text-amber-700 dark:text-amber-400" },
  mythic: { label: "Mythic", className: "text-orange-700 dark:text-orange-400" },
  special: { label: "Special", className: "text-purple-700 dark:text-purple-400" },
  bonus: { label: "Bonus", className: "text-purple-700 dark:text-purple-400" },
};

/** The front face's printed stats: power/toughness, loyalty or defense. */
function cardStats(card: CardSummary): string | null {
  if (card.power !== null && card.toughness !== null) {
    return `${card.power}/${card.toughness}`;
  }
  if (card.loyalty !== null) {
    return `Loyalty ${card.loyalty}`;
  }
  if (card.defense !== null) {
    return `Defense ${card.defense}`;
  }
  return null;
}

/**
 * One search result: name and cost, type line, stats and rarity on the right. Memoised: moving
 * the highlight or loading more results re-renders the list, not the rows already drawn.
 */
export const ResultRow = memo(function ResultRow({ card }: { card: CardSummary }) {
  const stats = cardStats(card);
  const rarity = card.rarity === null ? null : RARITY[card.rarity];
  return (
    <div className="flex h-full items-center gap-4 border-b border-stone-200 px-4 dark:border-stone-800">
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-2">
          <span className="truncate font-medium">{card.name}</span>
          {card.mana_cost !== null && <ManaCost cost={card.mana_cost} />}
        </div>
        <div className="truncate text-sm text-stone-600 dark:text-stone-400">{card.type_line}</div>
      </div>
      <div className="shrink-0 text-right text-sm leading-tight">
        {stats !== null && <div className="font-medium tabular-nums">{stats}</div>}
        {rarity !== undefined && rarity !== null && (
          <div className={`text-xs ${rarity.className}`}>{rarity.label}</div>
        )}
      </div>
    </div>
  );
});
