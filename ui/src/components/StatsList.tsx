import type { Stats } from "../bindings";
import { formatCount } from "../lib/importProgress";

/** The countable parts of {@link Stats}. */
export type CountedStat = Exclude<keyof Stats, "meta">;

const LABELS: Record<CountedStat, string> = {
  cards: "Cards",
  faces: "Card faces",
  sets: "Sets",
  printings: "Printings",
  rulings: "Rulings",
  rules: "Rules",
  glossary_terms: "Glossary terms",
  combos: "Combos",
};

export interface StatsListProps {
  stats: Stats;
  /** Which counts to show, in order. */
  shown: CountedStat[];
}

/** What the knowledge base holds, as large figures with their labels. */
export function StatsList({ stats, shown }: StatsListProps) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {shown.map((key) => (
        <div
          key={key}
          className="rounded-lg border border-stone-200 bg-white px-3 py-2 dark:border-stone-800 dark:bg-stone-900"
        >
          <dt className="text-xs font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400">
            {LABELS[key]}
          </dt>
          <dd className="text-xl font-semibold tabular-nums">{formatCount(stats[key])}</dd>
        </div>
      ))}
    </dl>
  );
}
