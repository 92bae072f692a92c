import { useEffect, useMemo, useState } from "react";
import { type CardSummary, commands } from "../../bindings";
import { appError, unwrap } from "../../lib/api";
import { useCommand } from "../../lib/useCommand";
import { addCard, moveCard, setQuantity } from "./deckEdits";
import { useDeckEditor } from "./deckStore";
import { GAME_FORMATS } from "./formats";
import { AnalysisPanel } from "./components/AnalysisPanel";
import { ChoiceSelect } from "./components/ChoiceSelect";
import { CardAdder } from "./components/CardAdder";
import { CombosPanel } from "./components/CombosPanel";
import { DeckSections } from "./components/DeckSections";
import { ExportPanel } from "./components/ExportPanel";
import { LegalityPanel } from "./components/LegalityPanel";

type Panel = "legality" | "analysis" | "combos" | "export";

const PANELS: { id: Panel; label: string }[] = [
  { id: "legality", label: "Legality" },
  { id: "analysis", label: "Analysis" },
  { id: "combos", label: "Combos" },
  { id: "export", label: "Export" },
];

export interface DeckScreenProps {
  id: string;
  onBack: () => void;
  onOpenCard: (name: string) => void;
  onOpenRule: (rule: string) => void;
}

/**
 * The deck builder: search and add cards with the keyboard, change quantities, move cards
 * between sections (menu or drag and drop), undo and redo; legality, analysis, combos and
 * export beside it. Every change is saved at once.
 */
export function DeckScreen({ id, onBack, onOpenCard, onOpenRule }: DeckScreenProps) {
  const detail = useDeckEditor((state) => state.detail);
  const cards = useDeckEditor((state) => state.cards);
  const error = useDeckEditor((state) => state.error);
  const saving = useDeckEditor((state) => state.saving);
  const canUndo = useDeckEditor((state) => state.past.length > 0);
  const canRedo = useDeckEditor((state) => state.future.length > 0);
  const { load, edit, undo, redo, describe } = useDeckEditor.getState();
  const [panel, setPanel] = useState<Panel>("legality");
  const [deleteError, setDeleteError] = useState<string | null>(null);

  useEffect(() => {
    void load(id);
  }, [id, load]);

  const deck = detail?.deck.id === id ? detail.deck : null;
  const revision = deck?.revision ?? 0;

  // Again after every save (the revision) and when the panel opens.
  const wanted = deck !== null && (panel === "analysis" || panel === "combos");
  const { data: analysis, error: analysisError } = useCommand(
    () => (wanted ? commands.analyzeDeck(id) : null),
    [id, revision, wanted],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const typing =
        event.target instanceof HTMLElement &&
        ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName);
      if (typing || !(event.ctrlKey || event.metaKey)) {
        return;
      }
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        void undo();
      } else if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        void redo();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
    };
  }, [undo, redo]);

  const info = useMemo(
    () => new Map<string, CardSummary>((detail?.cards ?? []).map((card) => [card.name, card])),
    [detail],
  );

  if (deck === null) {
    return (
      <div className="p-6">
        {error === null ? (
          <p className="text-stone-500">Opening the deck…</p>
        ) : (
          <div role="alert" className="space-y-2">
            <p>{error.message}</p>
            <button type="button" className="btn" onClick={onBack}>
              Back
            </button>
          </div>
        )}
      </div>
    );
  }

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-stone-200 px-4 py-2 dark:border-stone-800">
        <button type="button" className="btn" onClick={onBack}>
          Back
        </button>
        <label className="sr-only" htmlFor="deck-name">
          Deck name
        </label>
        <input
          id="deck-name"
          key={`${deck.id}-${deck.name}`}
          className="min-w-0 rounded border border-transparent bg-transparent px-1 text-lg font-semibold hover:border-stone-300 dark:hover:border-stone-700"
          defaultValue={deck.name}
          onBlur={(event) => {
            const name = event.target.value.trim();
            if (name !== "" && name !== deck.name) {
              void describe(name, deck.format);
            }
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.currentTarget.blur();
            }
          }}
        />
        <ChoiceSelect
          label="Deck format"
          value={deck.format}
          choices={GAME_FORMATS}
          none="No format"
          onChange={(next) => {
            void describe(deck.name, next);
          }}
        />
        <button
          type="button"
          className="btn"
          disabled={!canUndo}
          title="Ctrl+Z"
          onClick={() => void undo()}
        >
          Undo
        </button>
        <button
          type="button"
          className="btn"
          disabled={!canRedo}
          title="Ctrl+Shift+Z"
          onClick={() => void redo()}
        >
          Redo
        </button>
        <span role="status" className="text-sm text-stone-500">
          {saving > 0 ? "Saving…" : "Saved"}
        </span>
        <button
          type="button"
          className="btn ml-auto"
          onClick={() => {
            if (window.confirm(`Delete “${deck.name}”?`)) {
              unwrap(commands.deleteDeck(deck.id, deck.revision)).then(
                onBack,
                (thrown: unknown) => {
                  setDeleteError(appError(thrown).message);
                },
              );
            }
          }}
        >
          Delete deck
        </button>
      </div>
      {(error !== null || deleteError !== null) && (
        <p role="alert" className="px-4 py-1 text-sm text-red-700 dark:text-red-400">
          {deleteError ?? error?.message}
        </p>
      )}
      {detail !== null && detail.unknown_names.length > 0 && (
        <p className="px-4 py-1 text-sm text-amber-800 dark:text-amber-300">
          Not in the knowledge base:{" "}
          {detail.unknown_names.map((problem) => problem.name).join(", ")}
        </p>
      )}
      <div className="grid min-h-0 flex-1 grid-cols-1 gap-4 overflow-auto p-4 lg:grid-cols-[16rem_minmax(0,1fr)_24rem]">
        <CardAdder
          onAdd={(name, section) => {
            void edit((current) => addCard(current, name, section));
          }}
        />
        <DeckSections
          cards={cards}
          info={info}
          onQuantity={(index, quantity) => {
            void edit((current) => setQuantity(current, index, quantity));
          }}
          onMove={(index, section) => {
            void edit((current) => moveCard(current, index, section));
          }}
          onOpenCard={onOpenCard}
        />
        <div className="min-w-0 space-y-3">
          <div role="tablist" aria-label="Deck panels" className="flex gap-1">
            {PANELS.map((option) => (
              <button
                key={option.id}
                type="button"
                role="tab"
                aria-selected={panel === option.id}
                className={`rounded px-3 py-1 text-sm ${panel === option.id ? "bg-stone-200 font-medium dark:bg-stone-800" : "hover:bg-stone-100 dark:hover:bg-stone-900"}`}
                onClick={() => {
                  setPanel(option.id);
                }}
              >
                {option.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-label={PANELS.find((p) => p.id === panel)?.label}>
            {panel === "legality" && (
              <LegalityPanel
                deckId={deck.id}
                revision={revision}
                format={deck.format}
                onOpenRule={onOpenRule}
              />
            )}
            {(panel === "analysis" || panel === "combos") && analysisError !== null && (
              <p role="alert">{analysisError.message}</p>
            )}
            {panel === "analysis" && analysis !== null && (
              <AnalysisPanel analysis={analysis.analysis} cards={cards} />
            )}
            {panel === "combos" && analysis !== null && (
              <CombosPanel combos={analysis.combos} onOpenCard={onOpenCard} />
            )}
            {panel === "export" && <ExportPanel deckId={deck.id} />}
          </div>
        </div>
      </div>
    </div>
  );
}
