/** Where the knowledge base lives and how to rebuild it. */
export interface DataFolderProps {
  /** The app-data folder as the shell resolved it. */
  path: string;
  onReimport: () => void;
}

/** The settings row showing the data folder, with a re-import action. */
export function DataFolder({ path, onReimport }: DataFolderProps) {
  return (
    <section aria-labelledby="data-folder-heading" className="space-y-2">
      <h2 id="data-folder-heading" className="font-semibold">
        Data folder
      </h2>
      <p className="font-mono text-sm break-all">{path}</p>
      <button
        type="button"
        onClick={onReimport}
        className="rounded border border-stone-300 px-3 py-1 text-sm hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-900"
      >
        Re-import knowledge base
      </button>
    </section>
  );
}
