import { useEffect, useState } from "react";
import { gameFormatName } from "./formats";
import { useDeckList } from "./deckListStore";
import { ImportPanel } from "./components/ImportPanel";

export interface DecksScreenProps {
  onOpenDeck: (id: string) => void;
}

/** The player's decks: open one, start a new one, or import a list. */
export function DecksScreen({ onOpenDeck }: DecksScreenProps) {
  const decks = useDeckList((state) => state.decks);
  const error = useDeckList((state) => state.error);
  const busy = useDeckList((state) => state.busy);
  const refresh = useDeckList((state) => state.refresh);
  const create = useDeckList((state) => state.create);
  const [newName, setNewName] = useState("");

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const startDeck = async () => {
    const id = await create(newName.trim() || "New deck");
    if (id !== null) {
      setNewName("");
      onOpenDeck(id);
    }
  };

  return (
    <div className="grid h-full min-h-0 grid-cols-1 gap-6 overflow-auto p-6 lg:grid-cols-[1fr_28rem]">
      <section aria-labelledby="decks-title" className="min-w-0 space-y-4">
        <h2 id="decks-title" className="text-xl font-semibold">
          Decks
        </h2>
        <form
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void startDeck();
          }}
        >
          <label className="sr-only" htmlFor="new-deck-name">
            New deck name
          </label>
          <input
            id="new-deck-name"
            className="min-w-0 flex-1 field"
            placeholder="New deck name"
            value={newName}
            onChange={(event) => {
              setNewName(event.target.value);
            }}
          />
          <button type="submit" className="btn" disabled={busy}>
            New deck
          </button>
        </form>
        {error !== null && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {error.message}
          </p>
        )}
        {decks === null ? (
          <p className="text-stone-500">Loading decks…</p>
        ) : decks.length === 0 ? (
          <p className="text-stone-500">
            No decks yet. Start a new one, or import a list from Arena, MTGO, Moxfield or Archidekt.
          </p>
        ) : (
          <ul aria-label="Your decks" className="divide-y divide-stone-200 dark:divide-stone-800">
            {decks.map((deck) => (
              <li key={deck.id}>
                <button
                  type="button"
                  className="flex w-full items-baseline justify-between gap-4 px-2 py-2 text-left hover:bg-stone-100 dark:hover:bg-stone-900"
                  onClick={() => {
                    onOpenDeck(deck.id);
                  }}
                >
                  <span className="min-w-0">
                    <span className="block truncate font-medium">{deck.name}</span>
                    <span className="block text-sm text-stone-500">
                      {gameFormatName(deck.format)} · {deck.main + deck.commanders.length} cards
                      {deck.sideboard > 0 ? ` + ${String(deck.sideboard)} sideboard` : ""}
                      {deck.commanders.length > 0 ? ` · ${deck.commanders.join(" & ")}` : ""}
                    </span>
                  </span>
                  <time className="shrink-0 text-sm text-stone-500" dateTime={deck.updated_at}>
                    {new Date(deck.updated_at).toLocaleDateString()}
                  </time>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ImportPanel onOpenDeck={onOpenDeck} />
    </div>
  );
}
