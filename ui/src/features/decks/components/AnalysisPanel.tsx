import type { Analysis, ColourRow, CurveBar, DeckCard } from "../../../bindings";
import { DrawOdds } from "./DrawOdds";

const COLOUR_NAMES: Record<string, string> = {
  W: "White",
  U: "Blue",
  B: "Black",
  R: "Red",
  G: "Green",
};

const COLOUR_FILL: Record<string, string> = {
  W: "#e8dfb8",
  U: "#3b82c4",
  B: "#44403c",
  R: "#d0452f",
  G: "#2f8a4c",
};

/** A probability as a percentage; the bindings type floats as nullable (NaN is sent as null). */
function percent(p: number | null): string {
  return `${((p ?? 0) * 100).toFixed(1)}%`;
}

export interface AnalysisPanelProps {
  analysis: Analysis;
  /** The deck's lines, for the odds calculator. */
  cards: DeckCard[];
}

/** The deck's numbers: curve and colour plots, then the tables behind them. */
export function AnalysisPanel({ analysis, cards }: AnalysisPanelProps) {
  return (
    <div className="space-y-5 text-sm">
      <p>
        {analysis.cards} cards, {analysis.lands} lands, average mana value{" "}
        {(analysis.average_mana_value ?? 0).toFixed(2)} (nonland cards).
      </p>
      <CurveChart curve={analysis.curve} />
      {analysis.colours.length > 0 && <ColourChart colours={analysis.colours} />}
      <section aria-label="Lands">
        <h4 className="font-semibold">Lands</h4>
        <p>
          {analysis.land_advice.lands} lands; {analysis.land_advice.recommended} recommended (
          {analysis.land_advice.basis}).
        </p>
      </section>
      <section aria-label="Roles">
        <h4 className="font-semibold">Roles</h4>
        <table className="w-full [&_td]:pr-3 [&_th]:pr-3">
          <thead>
            <tr className="text-left text-stone-500">
              <th scope="col">Role</th>
              <th scope="col">Copies</th>
              <th scope="col">In the opening hand</th>
            </tr>
          </thead>
          <tbody>
            {analysis.roles.map((row) => (
              <tr key={row.role} title={row.cards.join(", ")}>
                <th scope="row" className="text-left font-normal capitalize">
                  {row.role}
                </th>
                <td>{row.copies}</td>
                <td>{percent(row.in_opening_hand)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <DrawOdds
        library={analysis.library}
        lines={cards.filter((line) => line.section === "main")}
        roles={analysis.roles}
      />
      <section aria-label="Card types">
        <h4 className="font-semibold">Card types</h4>
        <p>
          {Object.entries(analysis.types)
            .map(([kind, copies]) => `${kind} ${String(copies)}`)
            .join(" · ")}
        </p>
      </section>
      <section aria-label="Drawing odds">
        <h4 className="font-semibold">Land drops</h4>
        <table className="w-full [&_td]:pr-3 [&_th]:pr-3">
          <thead>
            <tr className="text-left text-stone-500">
              <th scope="col">By turn</th>
              <th scope="col">On the play</th>
              <th scope="col">On the draw</th>
            </tr>
          </thead>
          <tbody>
            {analysis.land_drops.map((drop) => (
              <tr key={drop.turn}>
                <th scope="row" className="text-left font-normal">
                  {drop.turn}
                </th>
                <td>{percent(drop.on_the_play)}</td>
                <td>{percent(drop.on_the_draw)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2">
          Lands in the opening hand:{" "}
          {analysis.opening_hand_lands
            .map((p, lands) => `${String(lands)}: ${percent(p)}`)
            .join(" · ")}
        </p>
      </section>
    </div>
  );
}

/** The mana curve: a stacked bar per mana value, permanents under instants and sorceries. */
function CurveChart({ curve }: { curve: CurveBar[] }) {
  const tallest = Math.max(1, ...curve.map((bar) => bar.permanents + bar.spells));
  const width = 36;
  const height = 120;
  const summary = curve
    .map(
      (bar) => `${label(bar)}: ${String(bar.permanents)} permanents, ${String(bar.spells)} spells`,
    )
    .join("; ");
  return (
    <figure>
      <figcaption className="font-semibold">Mana curve</figcaption>
      <svg
        role="img"
        aria-label={`Mana curve. ${summary}`}
        viewBox={`0 0 ${String(curve.length * width)} ${String(height + 20)}`}
        className="h-40 w-full max-w-md"
      >
        {curve.map((bar, i) => {
          const x = i * width + 6;
          const permanents = (bar.permanents / tallest) * height;
          const spells = (bar.spells / tallest) * height;
          return (
            <g key={bar.mana_value}>
              <rect
                x={x}
                y={height - permanents}
                width={width - 12}
                height={permanents}
                className="fill-stone-500"
              />
              <rect
                x={x}
                y={height - permanents - spells}
                width={width - 12}
                height={spells}
                className="fill-sky-500"
              />
              <text
                x={x + (width - 12) / 2}
                y={height + 14}
                textAnchor="middle"
                className="fill-current text-[10px]"
              >
                {label(bar)}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="text-xs text-stone-500">
        <span className="mr-1 inline-block h-2 w-2 bg-stone-500" /> permanents{" "}
        <span className="mr-1 ml-2 inline-block h-2 w-2 bg-sky-500" /> instants and sorceries
      </p>
    </figure>
  );
}

function label(bar: CurveBar): string {
  return bar.mana_value === 7 ? "7+" : String(bar.mana_value);
}

/** Each colour's share of the pips beside its share of the sources, and the table. */
function ColourChart({ colours }: { colours: ColourRow[] }) {
  const pips = colours.reduce((sum, row) => sum + row.pips, 0) || 1;
  const sources = colours.reduce((sum, row) => sum + row.sources, 0) || 1;
  const rowHeight = 22;
  return (
    <figure className="space-y-2">
      <figcaption className="font-semibold">Colours: pips and sources</figcaption>
      <svg
        role="img"
        aria-label={`Colours. ${colours
          .map(
            (row) =>
              `${COLOUR_NAMES[row.colour] ?? row.colour}: ${String(row.pips)} pips, ${String(row.sources)} sources`,
          )
          .join("; ")}`}
        viewBox={`0 0 300 ${String(colours.length * rowHeight * 2)}`}
        className="w-full max-w-md"
      >
        {colours.map((row, i) => {
          const y = i * rowHeight * 2;
          const fill = COLOUR_FILL[row.colour] ?? "#888";
          return (
            <g key={row.colour}>
              <text x={0} y={y + 14} className="fill-current text-[11px]">
                {row.colour} pips
              </text>
              <rect x={70} y={y + 3} width={(row.pips / pips) * 220} height={14} fill={fill} />
              <text x={0} y={y + rowHeight + 14} className="fill-current text-[11px]">
                {row.colour} lands
              </text>
              <rect
                x={70}
                y={y + rowHeight + 3}
                width={(row.sources / sources) * 220}
                height={14}
                fill={fill}
                opacity={0.6}
              />
            </g>
          );
        })}
      </svg>
      <table className="w-full [&_td]:pr-3 [&_th]:pr-3">
        <thead>
          <tr className="text-left text-stone-500">
            <th scope="col">Colour</th>
            <th scope="col">Pips</th>
            <th scope="col">Sources</th>
            <th scope="col">Recommended</th>
            <th scope="col">Hardest card</th>
          </tr>
        </thead>
        <tbody>
          {colours.map((row) => (
            <tr key={row.colour}>
              <th scope="row" className="text-left font-normal">
                {COLOUR_NAMES[row.colour] ?? row.colour}
              </th>
              <td>{row.pips}</td>
              <td
                className={
                  row.recommended !== null && row.sources < row.recommended
                    ? "font-semibold text-amber-700 dark:text-amber-400"
                    : ""
                }
              >
                {row.sources}
              </td>
              <td>{row.recommended ?? "—"}</td>
              <td>{row.hardest ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
