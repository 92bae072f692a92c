import type { AppError } from "../bindings";

export interface ImportFailureProps {
  error: AppError;
  /** The heading's level where the failure sits in the page's outline. */
  level: 2 | 3;
  /** Receives focus when the failure appears, replacing the progress bar. */
  headingRef?: React.Ref<HTMLHeadingElement>;
  onRetry: () => void;
  /** The way out other than retrying, e.g. back to the import choices. */
  onBack: () => void;
  backLabel: string;
}

/**
 * How an import ended when it did not succeed: a cancel is no failure and says so plainly;
 * anything else gives the shell's message, its technical detail folded away, and a retry.
 */
export function ImportFailure({
  error,
  level,
  headingRef,
  onRetry,
  onBack,
  backLabel,
}: ImportFailureProps) {
  const cancelled = error.code === "cancelled";
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section
      aria-labelledby="import-failure-heading"
      className={`space-y-3 rounded-lg border p-5 ${cancelled ? "border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900" : "border-red-200 bg-red-50 dark:border-red-900 dark:bg-red-950/40"}`}
    >
      <Heading
        id="import-failure-heading"
        ref={headingRef}
        tabIndex={-1}
        className="text-lg font-semibold"
      >
        {cancelled ? "Import cancelled" : "The import failed"}
      </Heading>
      <div role="alert" className="space-y-2">
        <p>{cancelled ? "Import cancelled. Nothing was changed." : error.message}</p>
        {!cancelled && error.detail !== null && (
          <details className="text-sm text-stone-600 dark:text-stone-400">
            <summary className="cursor-pointer">Technical details</summary>
            <p className="mt-1 font-mono break-all whitespace-pre-wrap">{error.detail}</p>
          </details>
        )}
      </div>
      <div className="flex flex-wrap gap-2 pt-1">
        <button type="button" className="btn" onClick={onRetry}>
          Retry
        </button>
        <button type="button" className="btn" onClick={onBack}>
          {backLabel}
        </button>
      </div>
    </section>
  );
}
