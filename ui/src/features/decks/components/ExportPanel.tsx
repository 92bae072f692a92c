import { useState } from "react";
import { type Format, commands } from "../../../bindings";
import { appError, unwrap } from "../../../lib/api";
import { LIST_FORMATS } from "../formats";
import { ChoiceSelect } from "./ChoiceSelect";

export interface ExportPanelProps {
  deckId: string;
}

/** Export the deck as a list: shown to copy, copied to the clipboard, or saved as a file. */
export function ExportPanel({ deckId }: ExportPanelProps) {
  const [format, setFormat] = useState<Format>("arena");
  const [text, setText] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const exported = async () => {
    try {
      const list = await unwrap(commands.exportDeck(deckId, format));
      setText(list);
      return list;
    } catch (thrown) {
      setText(null);
      setMessage(appError(thrown).message);
      return null;
    }
  };

  /** Exports the list (showing it), then hands it on and shows what that says. */
  const deliver = (handOn: (list: string) => Promise<string>) => {
    void exported().then(async (list) => {
      if (list !== null) {
        setMessage(await handOn(list));
      }
    });
  };

  return (
    <div className="space-y-3 text-sm">
      <div className="flex flex-wrap items-end gap-2">
        <label>
          <span className="mb-1 block font-medium">List format</span>
          <ChoiceSelect
            value={format}
            choices={LIST_FORMATS}
            onChange={(next) => {
              if (next !== null) {
                setFormat(next);
                setText(null);
                setMessage(null);
              }
            }}
          />
        </label>
        <button
          type="button"
          className="btn"
          onClick={() => {
            deliver(async (list) => {
              try {
                await navigator.clipboard.writeText(list);
                return "Copied to the clipboard.";
              } catch {
                return "The clipboard is not available: select the text below and copy it.";
              }
            });
          }}
        >
          Copy
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            deliver(async () => {
              try {
                return `Saved to ${await unwrap(commands.saveDeckFile(deckId, format))}`;
              } catch (thrown) {
                return appError(thrown).message;
              }
            });
          }}
        >
          Save file
        </button>
      </div>
      {message !== null && <p role="status">{message}</p>}
      {text !== null && (
        <textarea
          aria-label="Exported list"
          readOnly
          className="h-64 w-full rounded border border-stone-300 bg-transparent p-2 font-mono text-xs dark:border-stone-700"
          value={text}
        />
      )}
    </div>
  );
}
