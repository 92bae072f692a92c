import { useState } from "react";
import type { Printing } from "../../../bindings";

/** Printings shown before "Show all": enough for most cards, short for basic lands. */
const FIRST_PRINTINGS = 12;

const DATE = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** Newest first; printings without a date keep their order after the dated ones. */
function newestFirst(printings: Printing[]): Printing[] {
  return printings
    .map((printing, index) => ({ printing, index }))
    .sort(
      (a, b) =>
        (b.printing.released_at ?? "").localeCompare(a.printing.released_at ?? "") ||
        a.index - b.index,
    )
    .map(({ printing }) => printing);
}

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Every printing of the card: set, collector number, rarity and date, newest first. */
export function Printings({ printings }: { printings: Printing[] }) {
  const [all, setAll] = useState(false);
  if (printings.length === 0) {
    return <p className="text-sm text-stone-600 dark:text-stone-400">No printings recorded.</p>;
  }
  const sorted = newestFirst(printings);
  const shown = all ? sorted : sorted.slice(0, FIRST_PRINTINGS);
  return (
    <div>
      <table className="w-full max-w-2xl text-left text-sm">
        <caption className="sr-only">Printings</caption>
        <thead className="text-xs text-stone-500 dark:text-stone-400">
          <tr className="border-b border-stone-200 dark:border-stone-800">
            <th scope="col" className="py-1 pr-3 font-medium">
              Set
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Number
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Rarity
            </th>
            <th scope="col" className="py-1 font-medium">
              Released
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((printing) => (
            <tr
              key={`${printing.set_code}/${printing.collector_number}`}
              className="border-b border-stone-100 last:border-0 dark:border-stone-900"
            >
              <td className="py-1 pr-3">
                {printing.set_name !== null && <span className="mr-2">{printing.set_name}</span>}
                <span className="font-mono text-xs text-stone-500 uppercase dark:text-stone-400">
                  {printing.set_code}
                </span>
              </td>
              <td className="py-1 pr-3 tabular-nums">{printing.collector_number}</td>
              <td className="py-1 pr-3">
                {printing.rarity === null ? "" : titleCase(printing.rarity)}
              </td>
              <td className="py-1 tabular-nums">
                {printing.released_at === null ? (
                  ""
                ) : (
                  <time dateTime={printing.released_at}>
                    {DATE.format(new Date(printing.released_at))}
                  </time>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > FIRST_PRINTINGS && (
        <button
          type="button"
          className="btn mt-2"
          aria-expanded={all}
          onClick={() => {
            setAll(!all);
          }}
        >
          {all ? "Show fewer printings" : `Show all ${String(sorted.length)} printings`}
        </button>
      )}
    </div>
  );
}
