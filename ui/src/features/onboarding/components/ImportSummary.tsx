import type { ImportReport } from "../../../bindings";
import { StatsList } from "../../../components/StatsList";

export interface ImportSummaryProps {
  report: ImportReport;
  /** The steps the import went through. */
  log: string[];
  /** Receives focus when the summary replaces the progress bar. */
  headingRef: React.Ref<HTMLHeadingElement>;
  onContinue: () => void;
}

/** What a finished import built, and the way into the app. */
export function ImportSummary({ report, log, headingRef, onContinue }: ImportSummaryProps) {
  const elapsed = report.elapsed === null ? null : Math.max(1, Math.round(report.elapsed));
  return (
    <section aria-labelledby="import-summary-heading" className="space-y-5">
      <div className="space-y-1">
        <h2
          id="import-summary-heading"
          ref={headingRef}
          tabIndex={-1}
          className="text-xl font-semibold"
        >
          {report.up_to_date ? "Your knowledge base is up to date" : "Your knowledge base is ready"}
        </h2>
        <p className="text-stone-600 dark:text-stone-400">
          {report.up_to_date
            ? "The sources have not changed since the last import, so nothing was rebuilt."
            : `Built${elapsed === null ? "" : ` in ${String(elapsed)} s`}. It now holds:`}
        </p>
      </div>
      <StatsList stats={report.stats} shown={["cards", "rules", "glossary_terms", "combos"]} />
      {log.length > 0 && (
        <details className="text-sm text-stone-600 dark:text-stone-400">
          <summary className="cursor-pointer">Steps taken</summary>
          <ol className="mt-2 list-inside list-decimal space-y-1">
            {log.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ol>
        </details>
      )}
      <button
        type="button"
        onClick={onContinue}
        className="rounded bg-sky-700 px-5 py-2 font-medium text-white hover:bg-sky-800 dark:bg-sky-500 dark:text-stone-950 dark:hover:bg-sky-400"
      >
        Start searching
      </button>
    </section>
  );
}
