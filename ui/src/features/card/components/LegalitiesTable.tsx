/** Format name → `legal` | `banned` | `restricted` | `not_legal`, as the card JSON gives it. */
export interface LegalitiesTableProps {
  legalities: Readonly<Record<string, string>>;
}

// The formats players look for first, in the order Scryfall's card pages list them; any other
// format the data carries follows alphabetically.
const FORMAT_ORDER = [
  "standard",
  "pioneer",
  "modern",
  "legacy",
  "vintage",
  "commander",
  "oathbreaker",
  "pauper",
  "brawl",
  "historic",
  "explorer",
  "alchemy",
  "timeless",
  "penny",
  "duel",
  "oldschool",
  "premodern",
  "predh",
  "paupercommander",
  "gladiator",
  "future",
];

const FORMAT_NAMES: Record<string, string> = {
  paupercommander: "Pauper Commander",
  oldschool: "Old School",
  predh: "PreDH",
  penny: "Penny Dreadful",
  duel: "Duel Commander",
};

const STATUS: Record<string, { label: string; className: string }> = {
  legal: {
    label: "Legal",
    className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  },
  restricted: {
    label: "Restricted",
    className: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  },
  banned: {
    label: "Banned",
    className: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  },
  not_legal: {
    label: "Not legal",
    className: "bg-stone-200 text-stone-700 dark:bg-stone-800 dark:text-stone-300",
  },
};

function formatName(format: string): string {
  return FORMAT_NAMES[format] ?? format.charAt(0).toUpperCase() + format.slice(1);
}

function orderedFormats(legalities: Readonly<Record<string, string>>): string[] {
  const rank = (format: string) => {
    const index = FORMAT_ORDER.indexOf(format);
    return index === -1 ? FORMAT_ORDER.length : index;
  };
  return Object.keys(legalities).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Where a card may be played, one row per format, the status spelt out, not only coloured. */
export function LegalitiesTable({ legalities }: LegalitiesTableProps) {
  return (
    <table className="w-full max-w-md border-separate border-spacing-y-0.5 text-sm">
      <caption className="sr-only">Format legality</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Format</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {orderedFormats(legalities).map((format) => {
          const status = legalities[format] ?? "not_legal";
          const shown = STATUS[status] ?? { label: status, className: "" };
          return (
            <tr key={format}>
              <th scope="row" className="pr-3 text-left font-normal">
                {formatName(format)}
              </th>
              <td>
                <span className={`inline-block w-24 rounded px-2 text-center ${shown.className}`}>
                  {shown.label}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
