import { version } from "../../../../package.json";

const SOURCES = [
  { what: "Card data", from: "MTGJSON", where: "mtgjson.com" },
  { what: "Card images", from: "Scryfall", where: "scryfall.com" },
  {
    what: "Comprehensive Rules",
    from: "Wizards of the Coast",
    where: "magic.wizards.com/en/rules",
  },
  { what: "Combos", from: "Commander Spellbook", where: "commanderspellbook.com" },
];

/** The app's version, where its data comes from, and the fan-content notice. */
export function About() {
  return (
    <div className="space-y-4 text-sm">
      <p>
        <span className="font-semibold">Planeswalker</span>{" "}
        <span className="font-mono text-stone-600 dark:text-stone-400">{version}</span>
      </p>
      <table className="w-full text-left">
        <caption className="sr-only">Data sources</caption>
        <thead className="text-xs tracking-wide text-stone-500 uppercase dark:text-stone-400">
          <tr>
            <th scope="col" className="py-1 font-medium">
              Data
            </th>
            <th scope="col" className="py-1 font-medium">
              Source
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200 dark:divide-stone-800">
          {SOURCES.map((source) => (
            <tr key={source.what}>
              <th scope="row" className="py-2 pr-4 font-medium">
                {source.what}
              </th>
              <td className="py-2">
                {source.from}{" "}
                <span className="text-stone-500 dark:text-stone-400">({source.where})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="leading-relaxed text-stone-600 dark:text-stone-400">
        Planeswalker is unofficial Fan Content permitted under the Fan Content Policy. Not approved
        or endorsed by Wizards. Portions of the materials used are property of Wizards of the Coast.
        ©Wizards of the Coast LLC.
      </p>
    </div>
  );
}
