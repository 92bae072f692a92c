import { useState } from "react";
import { type GameFormat, commands } from "../../../bindings";
import { useCommand } from "../../../lib/useCommand";
import { GAME_FORMATS, gameFormatName } from "../formats";
import { ChoiceSelect } from "./ChoiceSelect";

export interface LegalityPanelProps {
  deckId: string;
  /** Changes whenever the deck is saved, so the check runs again. */
  revision: number;
  /** The deck's own format, checked first. */
  format: GameFormat | null;
  onOpenRule: (rule: string) => void;
}

/** Whether the deck is legal in a format, with every violation's card and rule. */
export function LegalityPanel({ deckId, revision, format, onOpenRule }: LegalityPanelProps) {
  // The deck's format until the player picks another one here.
  const [picked, setChosen] = useState<GameFormat | null>(null);
  const chosen = picked ?? format ?? "commander";
  const { data: check, error } = useCommand(
    () => commands.checkDeck(deckId, chosen),
    [deckId, revision, chosen],
  );

  return (
    <div className="space-y-3">
      <label className="text-sm">
        <span className="mr-2 font-medium">Format</span>
        <ChoiceSelect
          value={chosen}
          choices={GAME_FORMATS}
          onChange={(next) => {
            if (next !== null) {
              setChosen(next);
            }
          }}
        />
      </label>
      {error !== null && <p role="alert">{error.message}</p>}
      {check !== null && check.format === chosen && (
        <div role="status" aria-live="polite" className="space-y-2 text-sm">
          {check.report.violations.length === 0 ? (
            <p className="font-medium text-emerald-700 dark:text-emerald-400">
              Legal in {gameFormatName(chosen)}.
            </p>
          ) : (
            <>
              <p className="font-medium text-red-700 dark:text-red-400">
                Not legal in {gameFormatName(chosen)}: {check.report.violations.length}{" "}
                {check.report.violations.length === 1 ? "problem" : "problems"}.
              </p>
              <ul aria-label="Violations" className="list-disc space-y-1 pl-5">
                {check.report.violations.map((violation, i) => (
                  <li key={i}>
                    {violation.message}{" "}
                    <RuleReference rule={violation.rule} onOpenRule={onOpenRule} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {check.report.notes.map((note) => (
            <p key={note} className="text-stone-500">
              Note: {note}.
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

/** A violation's rule: a link to the rules browser for a CR number, plain text otherwise. */
function RuleReference({ rule, onOpenRule }: { rule: string; onOpenRule: (rule: string) => void }) {
  const number = /^CR (\d{3}(?:\.\d+[a-z]?)?)$/.exec(rule)?.[1];
  if (number === undefined) {
    return <span className="text-stone-500">({rule})</span>;
  }
  return (
    <button
      type="button"
      className="text-sky-700 hover:underline dark:text-sky-400"
      onClick={() => {
        onOpenRule(number);
      }}
    >
      ({rule})
    </button>
  );
}
