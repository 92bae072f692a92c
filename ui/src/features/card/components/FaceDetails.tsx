import type { CardFace } from "../../../bindings";
import { ManaCost } from "../../../components/mana/ManaCost";
import { OracleText } from "../../../components/mana/OracleText";

const COLOR_NAMES: Record<string, string> = {
  W: "White",
  U: "Blue",
  B: "Black",
  R: "Red",
  G: "Green",
};

/** Colour letters as words: `["U", "R"]` → "Blue and red". */
export function colorNames(colors: readonly string[]): string {
  const names = colors.map((color) => COLOR_NAMES[color] ?? color);
  const listed = new Intl.ListFormat("en", { type: "conjunction" }).format(names);
  return listed.charAt(0).toUpperCase() + listed.slice(1).toLowerCase();
}

function stats(face: CardFace): { label: string; value: string } | null {
  if (face.power !== null && face.toughness !== null) {
    return { label: "Power/toughness", value: `${face.power}/${face.toughness}` };
  }
  if (face.loyalty !== null) return { label: "Loyalty", value: face.loyalty };
  if (face.defense !== null) return { label: "Defense", value: face.defense };
  return null;
}

export interface FaceDetailsProps {
  face: CardFace;
  /**
   * The id of the face's name heading: multi-faced cards name each face. Null for a one-faced
   * card, whose name is already the page title.
   */
  headingId: string | null;
}

/** One face as its text reads: name and cost, type line, rules text, stats, colour indicator. */
export function FaceDetails({ face, headingId }: FaceDetailsProps) {
  const faceStats = stats(face);
  return (
    <section
      aria-label={headingId === null ? "Card text" : undefined}
      aria-labelledby={headingId ?? undefined}
      className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm dark:border-stone-800 dark:bg-stone-900"
    >
      {headingId !== null && (
        <div className="mb-1 flex items-center justify-between gap-3">
          <h3 id={headingId} className="text-lg font-semibold">
            {face.name}
          </h3>
          {face.mana_cost !== null && <ManaCost cost={face.mana_cost} />}
        </div>
      )}
      <p className="font-medium text-stone-700 dark:text-stone-300">{face.type_line}</p>
      {face.oracle_text !== "" && (
        <div className="mt-3">
          <OracleText text={face.oracle_text} />
        </div>
      )}
      {(faceStats !== null || face.color_indicator !== null) && (
        <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          {faceStats !== null && (
            <div className="flex gap-2">
              <dt className="text-stone-500 dark:text-stone-400">{faceStats.label}</dt>
              <dd className="font-semibold tabular-nums">{faceStats.value}</dd>
            </div>
          )}
          {face.color_indicator !== null && (
            <div className="flex gap-2">
              <dt className="text-stone-500 dark:text-stone-400">Colour indicator</dt>
              <dd>{colorNames(face.color_indicator)}</dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}
