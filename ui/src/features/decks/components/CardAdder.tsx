import { type KeyboardEvent, type MouseEvent, useEffect, useId, useState } from "react";
import { type CardSummary, type Section, commands } from "../../../bindings";
import { ManaCost } from "../../../components/mana/ManaCost";
import { appError, unwrap } from "../../../lib/api";

/** How many cards the adder lists. */
const SHOWN = 12;
/** How long typing must pause before searching. */
const DELAY_MS = 150;

export interface CardAdderProps {
  /** Adds one copy of the card to a section. */
  onAdd: (name: string, section: Section) => void;
}

/**
 * Search and add with the keyboard: type, ↑/↓ to pick, Enter adds to the main deck,
 * Shift+Enter to the sideboard, Ctrl+Enter makes it the commander (a click does the same).
 * The options hold no buttons: an option is one control.
 */
export function CardAdder({ onAdd }: CardAdderProps) {
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<CardSummary[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();

  const searching = query.trim() !== "";
  useEffect(() => {
    if (query.trim() === "") {
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      unwrap(commands.searchCards(query, SHOWN)).then(
        (cards) => {
          if (current) {
            setResults(cards);
            setActive(0);
            setMessage(cards.length === 0 ? "No card matches." : null);
          }
        },
        (thrown: unknown) => {
          if (current) {
            setResults([]);
            setMessage(appError(thrown).message);
          }
        },
      );
    }, DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const add = (card: CardSummary | undefined, section: Section) => {
    if (card !== undefined) {
      onAdd(card.name, section);
    }
  };

  /** The section a key or click with these modifiers adds to. */
  const sectionFor = (event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): Section =>
    event.shiftKey ? "sideboard" : event.ctrlKey || event.metaKey ? "commander" : "main";

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((i) => Math.min(i + 1, results.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === "Enter") {
      event.preventDefault();
      add(results[active], sectionFor(event));
    } else if (event.key === "Escape") {
      setQuery("");
    }
  };

  /** A click on an option adds its card (the listbox handles it for every option). */
  const onClick = (event: MouseEvent<HTMLElement>) => {
    const option = (event.target as HTMLElement).closest<HTMLElement>("[data-index]");
    if (option !== null) {
      const index = Number(option.dataset["index"]);
      setActive(index);
      add(results[index], sectionFor(event));
    }
  };

  return (
    <div className="space-y-2">
      <label htmlFor="deck-card-search" className="block text-sm font-medium">
        Add cards
      </label>
      <input
        id="deck-card-search"
        role="combobox"
        aria-expanded={searching && results.length > 0}
        aria-controls={listId}
        aria-activedescendant={
          searching && results.length > 0 ? `${listId}-${String(active)}` : undefined
        }
        aria-describedby={`${listId}-help`}
        className="w-full field"
        placeholder="Card name or t:goblin c:r"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <p id={`${listId}-help`} className="text-xs text-stone-500">
        Enter or a click adds to the main deck; with Shift to the sideboard, with Ctrl as commander.
      </p>
      {searching && message !== null && <p className="text-sm text-stone-500">{message}</p>}
      {searching && results.length > 0 && (
        <div
          id={listId}
          role="listbox"
          tabIndex={-1}
          onClick={onClick}
          onKeyDown={onKeyDown}
          aria-label="Cards to add"
          className="max-h-80 overflow-auto rounded border border-stone-200 dark:border-stone-800"
        >
          {results.map((card, index) => (
            <div
              key={card.name}
              id={`${listId}-${String(index)}`}
              role="option"
              aria-selected={index === active}
              data-index={index}
              className={`flex cursor-pointer items-center gap-2 px-2 py-1 text-sm hover:bg-stone-100 dark:hover:bg-stone-900 ${index === active ? "bg-sky-100 dark:bg-sky-950" : ""}`}
            >
              <span className="min-w-0 flex-1 truncate">{card.name}</span>
              <ManaCost cost={card.mana_cost ?? ""} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
