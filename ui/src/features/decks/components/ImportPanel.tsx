import { useState } from "react";
import type { Format } from "../../../bindings";
import { LIST_FORMATS, listFormatName } from "../formats";
import { ChoiceSelect } from "./ChoiceSelect";
import { useDeckList } from "../deckListStore";

export interface ImportPanelProps {
  onOpenDeck: (id: string) => void;
}

/**
 * Import a deck by pasting its list or opening a file. The format is detected unless chosen;
 * what could not be imported is listed line by line with suggestions.
 */
export function ImportPanel({ onOpenDeck }: ImportPanelProps) {
  const busy = useDeckList((state) => state.busy);
  const imported = useDeckList((state) => state.imported);
  const importList = useDeckList((state) => state.importList);
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const [format, setFormat] = useState<Format | null>(null);

  const openFile = async (file: File) => {
    setText(await file.text());
    if (name.trim() === "") {
      setName(file.name.replace(/\.[^.]+$/, ""));
    }
  };

  const leftOut =
    imported === null ? [] : [...imported.unreadable_lines, ...imported.unknown_names];

  return (
    <section
      aria-labelledby="import-title"
      className="space-y-3 rounded border border-stone-200 p-4 dark:border-stone-800"
    >
      <h2 id="import-title" className="text-lg font-semibold">
        Import a deck
      </h2>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          void importList(text, format, name);
        }}
      >
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Deck list</span>
          <textarea
            className="h-48 w-full rounded border border-stone-300 bg-transparent p-2 font-mono text-sm dark:border-stone-700"
            placeholder={"4 Lightning Bolt (M10) 146\n20 Mountain\n\nSideboard\n2 Pyroblast"}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
            }}
          />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Or open a file</span>
          <input
            type="file"
            accept=".txt,.dek,.json,.csv,text/plain"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file !== undefined) {
                void openFile(file);
              }
            }}
          />
        </label>
        <div className="flex flex-wrap gap-3">
          <label className="text-sm">
            <span className="mb-1 block font-medium">Name</span>
            <input
              className="field"
              placeholder="From the list"
              value={name}
              onChange={(event) => {
                setName(event.target.value);
              }}
            />
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium">Format</span>
            <ChoiceSelect
              value={format}
              choices={LIST_FORMATS}
              none="Detect"
              onChange={setFormat}
            />
          </label>
        </div>
        <button type="submit" className="btn" disabled={busy || text.trim() === ""}>
          {busy ? "Importing…" : "Import"}
        </button>
      </form>
      {imported !== null && (
        <div role="status" className="space-y-2 text-sm">
          <p>
            Imported <strong>{imported.detail.deck.name}</strong> as{" "}
            {listFormatName(imported.list_format)}:{" "}
            {imported.detail.deck.deck.cards.reduce((sum, line) => sum + line.quantity, 0)} cards.
          </p>
          {leftOut.length > 0 && (
            <div>
              <p className="font-medium text-amber-800 dark:text-amber-300">
                {leftOut.length} {leftOut.length === 1 ? "line was" : "lines were"} not imported:
              </p>
              <ul aria-label="Lines not imported" className="list-disc pl-5">
                {imported.unreadable_lines.map((problem) => (
                  <li key={`read-${String(problem.line)}`}>
                    Line {problem.line}: <code>{problem.text.trim()}</code> — {problem.reason}
                  </li>
                ))}
                {imported.unknown_names.map((problem) => (
                  <li key={`name-${String(problem.line)}`}>
                    Line {problem.line}: “{problem.name}”{" "}
                    {problem.ambiguous ? "could be several cards" : "is not a card"}
                    {problem.suggestions.length > 0 &&
                      ` — ${problem.ambiguous ? "which one" : "did you mean"}: ${problem.suggestions.join(", ")}?`}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <button
            type="button"
            className="btn"
            onClick={() => {
              onOpenDeck(imported.detail.deck.id);
            }}
          >
            Open {imported.detail.deck.name}
          </button>
        </div>
      )}
    </section>
  );
}
