import type { AppError } from "../../../bindings";

export interface LookupFailureProps {
  /** What was asked, as typed. */
  query: string;
  error: AppError;
  onOpen: (target: string) => void;
  onRetry: () => void;
}

/**
 * A rule or term that could not be opened: for a miss, the shell's sentence and its nearest
 * rules or terms to pick from; for anything else, the message and a retry.
 */
export function LookupFailure({ query, error, onOpen, onRetry }: LookupFailureProps) {
  const miss = error.code === "rule_not_found";
  return (
    <section aria-labelledby="lookup-failure-heading" className="space-y-4">
      <h2
        id="lookup-failure-heading"
        tabIndex={-1}
        className="text-2xl font-semibold tracking-tight"
      >
        {miss ? `Nothing found for “${query}”` : `“${query}” could not be opened`}
      </h2>
      <p role="alert" className="text-stone-700 dark:text-stone-300">
        {error.message}
      </p>
      {miss && error.suggestions.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-xs font-semibold tracking-wider text-stone-500 uppercase dark:text-stone-400">
            Did you mean
          </h3>
          <ul className="flex flex-wrap gap-2">
            {error.suggestions.map((suggestion) => (
              <li key={suggestion}>
                <button
                  type="button"
                  className={/^\d/.test(suggestion) ? "btn font-mono" : "btn"}
                  onClick={() => {
                    onOpen(suggestion);
                  }}
                >
                  {suggestion}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!miss && (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </section>
  );
}
