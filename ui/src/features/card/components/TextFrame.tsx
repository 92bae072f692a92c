import type { CardFace } from "../../../bindings";
import { ManaCost } from "../../../components/mana/ManaCost";
import { OracleText } from "../../../components/mana/OracleText";

interface Frame {
  /** The frame's colour and its border. */
  outer: string;
  /** The name, type and text boxes. */
  inner: string;
}

// A printed card's frame colour: one colour's own, gold for several, grey for none. The panel
// stands in for a picture, so it keeps a card's light colours and is only dimmed in dark mode.
const SINGLE: Partial<Record<string, Frame>> = {
  W: { outer: "bg-amber-100 border-amber-300", inner: "bg-amber-50" },
  U: { outer: "bg-sky-300 border-sky-600", inner: "bg-sky-50" },
  B: { outer: "bg-stone-500 border-stone-800", inner: "bg-stone-200" },
  R: { outer: "bg-red-300 border-red-600", inner: "bg-red-50" },
  G: { outer: "bg-emerald-300 border-emerald-700", inner: "bg-emerald-50" },
};
const GOLD: Frame = { outer: "bg-amber-300 border-amber-600", inner: "bg-amber-50" };
const COLORLESS: Frame = { outer: "bg-stone-300 border-stone-500", inner: "bg-stone-100" };

function frameOf(colorIdentity: readonly string[]): Frame {
  if (colorIdentity.length > 1) return GOLD;
  return SINGLE[colorIdentity[0] ?? ""] ?? COLORLESS;
}

function faceStats(face: CardFace): string | null {
  if (face.power !== null && face.toughness !== null) return `${face.power}/${face.toughness}`;
  return face.loyalty ?? face.defense;
}

export interface TextFrameProps {
  /** The faces printed on the side shown: one for a double-faced card, all for a split card. */
  faces: CardFace[];
  colorIdentity: readonly string[];
  /** What the panel stands for, as a picture's alt text would say it. */
  label: string;
}

/**
 * A card drawn in CSS from its text: shown while the picture loads and when there is none
 * (offline, or no Scryfall id), so the page always shows a card rather than an error.
 */
export function TextFrame({ faces, colorIdentity, label }: TextFrameProps) {
  const frame = frameOf(colorIdentity);
  return (
    <div
      role="img"
      aria-label={label}
      className="aspect-[63/88] w-full rounded-[4.5%/3.2%] bg-stone-900 p-[3.2%] shadow-lg dark:bg-black dark:brightness-90"
    >
      <div
        className={`flex h-full flex-col gap-1 rounded-[2.5%/1.8%] border-2 p-1.5 text-stone-900 ${frame.outer}`}
      >
        {faces.map((face) => (
          <FaceFrame key={face.name} face={face} inner={frame.inner} />
        ))}
      </div>
    </div>
  );
}

function FaceFrame({ face, inner }: { face: CardFace; inner: string }) {
  const stats = faceStats(face);
  const bar = `flex items-center justify-between gap-2 rounded-sm border border-stone-900/30 px-2 py-0.5 shadow-sm ${inner}`;
  return (
    <div className="relative flex min-h-0 flex-1 flex-col gap-1">
      <div className={`${bar} text-sm font-semibold`}>
        <span className="truncate">{face.name}</span>
        {face.mana_cost !== null && <ManaCost cost={face.mana_cost} />}
      </div>
      {/* Where the art would be: a soft wash of the frame's colour. */}
      <div className="min-h-6 flex-[0.8] rounded-sm border border-stone-900/30 bg-gradient-to-br from-white/50 to-stone-900/20" />
      <div className={`${bar} text-xs font-medium`}>
        <span className="truncate">{face.type_line}</span>
      </div>
      <div
        className={`min-h-0 flex-1 overflow-hidden rounded-sm border border-stone-900/30 px-2 py-1 text-[0.7rem] leading-snug ${inner}`}
      >
        <OracleText text={face.oracle_text} />
      </div>
      {stats !== null && (
        <div
          className={`absolute -right-0.5 -bottom-1 rounded-sm border border-stone-900/40 px-2 text-sm font-bold shadow ${inner}`}
        >
          {stats}
        </div>
      )}
    </div>
  );
}
