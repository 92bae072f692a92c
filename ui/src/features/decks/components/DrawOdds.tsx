import { useEffect, useId, useState } from "react";
import { type DeckCard, type RoleRow, commands } from "../../../bindings";

export interface DrawOddsProps {
  /** Cards drawn from. */
  library: number;
  /** The main deck's lines, each a choice. */
  lines: DeckCard[];
  /** The roles, each a choice ("any ramp"). */
  roles: RoleRow[];
}

/** "What is the chance to have X by turn N?", for a card or a role of the deck. */
export function DrawOdds({ library, lines, roles }: DrawOddsProps) {
  const id = useId();
  const choices = [
    ...lines.map((line) => ({ label: line.card.name, copies: line.quantity })),
    ...roles
      .filter((row) => row.copies > 0)
      .map((row) => ({ label: `Any ${row.role} card`, copies: row.copies })),
  ];
  const [choice, setChoice] = useState(0);
  // The fields' text as typed (an emptied field is not snapped back while typing).
  const [wantedText, setWanted] = useState("1");
  const [turnText, setTurn] = useState("3");
  const wanted = Math.max(1, Math.floor(Number(wantedText)) || 1);
  const turn = Math.min(20, Math.max(1, Math.floor(Number(turnText)) || 1));
  const [onThePlay, setOnThePlay] = useState(true);
  const [chance, setChance] = useState<number | null>(null);
  const copies = choices[choice]?.copies ?? 0;

  useEffect(() => {
    let current = true;
    void commands.drawOdds(library, copies, wanted, turn, onThePlay).then((p) => {
      if (current) {
        setChance(p);
      }
    });
    return () => {
      current = false;
    };
  }, [library, copies, wanted, turn, onThePlay]);

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2">
      <h4 id={`${id}-title`} className="font-semibold">
        Chance to draw
      </h4>
      <div className="flex flex-wrap items-end gap-2">
        <label>
          <span className="block text-xs">At least</span>
          <input
            type="number"
            min={1}
            max={Math.max(1, copies)}
            className="field w-16"
            value={wantedText}
            onChange={(event) => {
              setWanted(event.target.value);
            }}
          />
        </label>
        <label className="min-w-0">
          <span className="block text-xs">Of</span>
          <select
            className="field max-w-48"
            value={choice}
            onChange={(event) => {
              setChoice(Number(event.target.value));
            }}
          >
            {choices.map((option, index) => (
              <option key={`${option.label}-${String(index)}`} value={index}>
                {option.label} ({option.copies})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="block text-xs">By turn</span>
          <input
            type="number"
            min={1}
            max={20}
            className="field w-16"
            value={turnText}
            onChange={(event) => {
              setTurn(event.target.value);
            }}
          />
        </label>
        <label>
          <span className="block text-xs">Going</span>
          <select
            className="field"
            value={onThePlay ? "play" : "draw"}
            onChange={(event) => {
              setOnThePlay(event.target.value === "play");
            }}
          >
            <option value="play">first (on the play)</option>
            <option value="draw">second (on the draw)</option>
          </select>
        </label>
      </div>
      <p role="status" aria-live="polite">
        {chance === null ? "…" : `${(chance * 100).toFixed(1)}%`}
      </p>
    </section>
  );
}
