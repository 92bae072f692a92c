import { useState } from "react";
import type { CardSummary, DeckCard, Section } from "../../../bindings";
import { ManaCost } from "../../../components/mana/ManaCost";
import { SECTIONS, SECTION_NAMES, countIn } from "../deckEdits";

/** The drag payload's type: a line's index in the deck. */
const LINE_TYPE = "application/x-planeswalker-deck-line";

export interface DeckSectionsProps {
  cards: DeckCard[];
  /** What each card is, by name (lines without one are shown by name only). */
  info: Map<string, CardSummary>;
  onQuantity: (index: number, quantity: number) => void;
  onMove: (index: number, section: Section) => void;
  onOpenCard: (name: string) => void;
}

/**
 * The deck by section. Each line has − and + buttons, a "Move to" menu and can be dragged onto
 * another section; the main deck and commander are always shown as drop targets.
 */
export function DeckSections({ cards, info, onQuantity, onMove, onOpenCard }: DeckSectionsProps) {
  const [dropTarget, setDropTarget] = useState<Section | null>(null);
  const shown = SECTIONS.filter(
    (section) =>
      section === "main" || section === "commander" || cards.some((l) => l.section === section),
  );
  return (
    <div className="space-y-4">
      {shown.map((section) => {
        const lines = cards
          .map((line, index) => ({ line, index }))
          .filter(({ line }) => line.section === section);
        return (
          // Drag and drop is for the mouse; each line's "Move to" menu is the keyboard's way.
          // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
          <section
            key={section}
            aria-label={SECTION_NAMES[section]}
            data-section={section}
            className={`rounded border p-2 ${dropTarget === section ? "border-sky-500 bg-sky-50 dark:bg-sky-950" : "border-stone-200 dark:border-stone-800"}`}
            onDragOver={(event) => {
              if (event.dataTransfer.types.includes(LINE_TYPE)) {
                event.preventDefault();
                event.dataTransfer.dropEffect = "move";
                setDropTarget(section);
              }
            }}
            onDragLeave={() => {
              setDropTarget(null);
            }}
            onDrop={(event) => {
              event.preventDefault();
              setDropTarget(null);
              const index = Number(event.dataTransfer.getData(LINE_TYPE));
              if (Number.isInteger(index)) {
                onMove(index, section);
              }
            }}
          >
            <h3 className="mb-1 text-sm font-semibold">
              {SECTION_NAMES[section]} ({countIn(cards, section)})
            </h3>
            {lines.length === 0 && (
              <p className="text-sm text-stone-500">
                {section === "commander"
                  ? "Drag a card here, or Ctrl+Enter in the search."
                  : "No cards yet."}
              </p>
            )}
            <ul className="space-y-0.5">
              {lines.map(({ line, index }) => {
                const card = info.get(line.card.name);
                return (
                  // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- as above
                  <li
                    key={`${line.card.name}-${String(index)}`}
                    draggable
                    onDragStart={(event) => {
                      event.dataTransfer.setData(LINE_TYPE, String(index));
                      event.dataTransfer.effectAllowed = "move";
                    }}
                    className="flex cursor-grab items-center gap-2 rounded px-1 text-sm hover:bg-stone-100 dark:hover:bg-stone-900"
                  >
                    <button
                      type="button"
                      className="w-6 rounded hover:bg-stone-200 dark:hover:bg-stone-800"
                      aria-label={`One fewer ${line.card.name}`}
                      onClick={() => {
                        onQuantity(index, line.quantity - 1);
                      }}
                    >
                      −
                    </button>
                    <span className="w-6 text-right tabular-nums" aria-label="copies">
                      {line.quantity}
                    </span>
                    <button
                      type="button"
                      className="w-6 rounded hover:bg-stone-200 dark:hover:bg-stone-800"
                      aria-label={`One more ${line.card.name}`}
                      onClick={() => {
                        onQuantity(index, line.quantity + 1);
                      }}
                    >
                      +
                    </button>
                    <button
                      type="button"
                      className="min-w-0 flex-1 truncate text-left hover:underline"
                      onClick={() => {
                        onOpenCard(line.card.name);
                      }}
                    >
                      {line.card.name}
                    </button>
                    {card !== undefined && <ManaCost cost={card.mana_cost ?? ""} />}
                    <label className="sr-only" htmlFor={`move-${String(index)}`}>
                      Move {line.card.name} to
                    </label>
                    <select
                      id={`move-${String(index)}`}
                      className="rounded border border-stone-300 bg-transparent text-xs dark:border-stone-700"
                      value={section}
                      onChange={(event) => {
                        onMove(index, event.target.value as Section);
                      }}
                    >
                      {SECTIONS.map((target) => (
                        <option key={target} value={target}>
                          {SECTION_NAMES[target]}
                        </option>
                      ))}
                    </select>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
