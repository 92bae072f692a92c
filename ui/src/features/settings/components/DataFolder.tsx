/** Where the knowledge base lives and how to rebuild it. */
export interface DataFolderProps {
  /** The app-data folder as the shell resolved it. */
  path: string;
  /** An import is running, so another cannot start. */
  busy: boolean;
  onReimport: () => void;
}

/** The settings row showing the data folder, with a re-import action. */
export function DataFolder({ path, busy, onReimport }: DataFolderProps) {
  return (
    <section aria-labelledby="data-folder-heading" className="space-y-2">
      <h3 id="data-folder-heading" className="font-semibold">
        Data folder
      </h3>
      <p className="font-mono text-sm break-all text-stone-700 dark:text-stone-300">{path}</p>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        Re-importing downloads only the sources that changed; the current knowledge base keeps
        answering until the new one is complete.
      </p>
      <button type="button" className="btn" disabled={busy} onClick={onReimport}>
        Re-import from the public sources
      </button>
    </section>
  );
}
