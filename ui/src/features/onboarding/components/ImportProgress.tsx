/** What the import is doing now, as its progress events report it. */
export interface ImportProgressProps {
  /** The step under way, e.g. "Downloading cards". */
  stage: string;
  /** Work done and total in the stage's unit; `total` null while it is unknown. */
  done: number;
  total: number | null;
  onCancel: () => void;
}

/**
 * The first-run import's progress bar and its cancel button. A stage of unknown length shows an
 * indeterminate bar (no `aria-valuenow`) rather than a made-up percentage.
 */
export function ImportProgress({ stage, done, total, onCancel }: ImportProgressProps) {
  const percent =
    total !== null && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <section aria-label="Knowledge base import" className="w-full max-w-md space-y-2">
      <p className="font-medium">{stage}</p>
      <div
        role="progressbar"
        aria-label={stage}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        className="h-2 overflow-hidden rounded bg-stone-200 dark:bg-stone-800"
      >
        <div
          className={`h-full bg-sky-600 dark:bg-sky-400 ${percent === null ? "w-1/3 animate-pulse" : ""}`}
          style={percent === null ? undefined : { width: `${String(percent)}%` }}
        />
      </div>
      <div className="flex items-center justify-between text-sm text-stone-600 dark:text-stone-400">
        <span>{percent === null ? "Working…" : `${String(percent)}%`}</span>
        <button
          type="button"
          onClick={onCancel}
          className="rounded border border-stone-300 px-3 py-1 hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-900"
        >
          Cancel import
        </button>
      </div>
    </section>
  );
}
