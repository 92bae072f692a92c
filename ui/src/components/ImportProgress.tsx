import { type ImportProgressState, describeStep } from "../lib/importProgress";

/** A knowledge-base import under way and how to stop it. */
export interface ImportProgressProps {
  progress: ImportProgressState;
  /** Cancel was asked and the import has not stopped yet. */
  cancelling: boolean;
  onCancel: () => void;
}

/**
 * An import's progress bar, its figures, the steps already done and its cancel button. A step of
 * unknown length shows an indeterminate bar (no `aria-valuenow`) rather than a made-up
 * percentage. Cancel works at every step: the new database replaces the old one only whole.
 */
export function ImportProgress({ progress, cancelling, onCancel }: ImportProgressProps) {
  const { stage, done, total, detail } = describeStep(progress.step);
  const percent =
    total !== null && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <section aria-label="Knowledge base import" className="w-full space-y-3">
      <p aria-live="polite" className="font-medium">
        {stage}
      </p>
      <div
        role="progressbar"
        aria-label={stage}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={
          percent === null ? (detail ?? undefined) : `${String(percent)}%, ${detail ?? ""}`
        }
        className="h-2 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-800"
      >
        <div
          className={`h-full rounded-full bg-sky-600 transition-[width] dark:bg-sky-400 ${percent === null ? "w-1/3 animate-pulse" : ""}`}
          style={percent === null ? undefined : { width: `${String(percent)}%` }}
        />
      </div>
      <div className="flex min-h-8 items-center justify-between gap-4 text-sm text-stone-600 tabular-nums dark:text-stone-400">
        <span>
          {percent !== null && (
            <span className="font-medium text-stone-900 dark:text-stone-100">{percent}% · </span>
          )}
          {detail ?? "Working…"}
        </span>
        <button type="button" className="btn" disabled={cancelling} onClick={onCancel}>
          {cancelling ? "Cancelling…" : "Cancel import"}
        </button>
      </div>
      {progress.log.length > 0 && (
        <ol aria-label="Completed steps" className="space-y-1 text-sm">
          {progress.log.map((line, index) => (
            <li key={index} className="flex gap-2 text-stone-600 dark:text-stone-400">
              <span aria-hidden="true" className="text-emerald-600 dark:text-emerald-400">
                ✓
              </span>
              {line}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
