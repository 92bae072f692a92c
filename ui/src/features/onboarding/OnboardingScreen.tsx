import { useEffect, useRef } from "react";
import type { ImportSource } from "../../bindings";
import { ImportFailure } from "../../components/ImportFailure";
import { ImportProgress } from "../../components/ImportProgress";
import { ImportChoices } from "./components/ImportChoices";
import { ImportSummary } from "./components/ImportSummary";
import { useOnboardingImport } from "./importStore";

export interface OnboardingScreenProps {
  /** Where the knowledge base is kept. */
  dataDir: string;
  /** Why it must be imported, in a sentence from the shell. */
  reason: string;
  /** The import succeeded and the user wants to go on. */
  onImported: () => void;
}

const SOURCES = [
  {
    name: "MTGJSON card data",
    what: "Every card’s Oracle text, printings, legalities and rulings.",
  },
  {
    name: "The Comprehensive Rules",
    what: "Wizards of the Coast’s complete rules of the game, with their glossary.",
  },
  {
    name: "Commander Spellbook combos",
    what: "Known combos between cards, with what they need and what they do.",
  },
];

/**
 * The first-run screen: what the knowledge base is, where it goes, and the two ways to build
 * it, then the import's progress and outcome. Shown again whenever the shell finds no usable
 * knowledge base (an outdated or damaged one), with the reason.
 */
export function OnboardingScreen({ dataDir, reason, onImported }: OnboardingScreenProps) {
  const run = useOnboardingImport((state) => state.run);
  const start = useOnboardingImport((state) => state.start);
  const cancel = useOnboardingImport((state) => state.cancel);
  const retry = useOnboardingImport((state) => state.retry);
  const reset = useOnboardingImport((state) => state.reset);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const firstPhase = useRef(run.phase);

  // Each phase replaces the controls the user just used, so focus follows to the new panel
  // (not on arrival: the page then starts at its top as usual).
  useEffect(() => {
    if (run.phase !== firstPhase.current) {
      firstPhase.current = run.phase;
      panelHeading.current?.focus();
    }
  }, [run.phase]);

  // A finished import's summary belongs to this visit: should the knowledge base need
  // importing again later, the screen starts from the choices.
  useEffect(() => reset, [reset]);

  const begin = (source: ImportSource) => void start(source);

  return (
    <main className="min-h-screen overflow-y-auto px-6 py-12 sm:py-16">
      <div className="mx-auto max-w-2xl space-y-10">
        <header className="space-y-4">
          <h1 className="text-3xl font-semibold tracking-tight">Welcome to Planeswalker</h1>
          <p className="text-lg leading-relaxed text-stone-700 dark:text-stone-300">
            Planeswalker answers questions about cards, rules and combos from a knowledge base kept
            on this computer, so every search is instant and works offline. It is built once from
            three public sources:
          </p>
          <ul className="grid gap-3 sm:grid-cols-3">
            {SOURCES.map((source) => (
              <li
                key={source.name}
                className="rounded-lg border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900"
              >
                <p className="font-medium">{source.name}</p>
                <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">{source.what}</p>
              </li>
            ))}
          </ul>
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="inline font-medium">Why now: </dt>
              <dd className="inline text-stone-700 dark:text-stone-300">{reason}</dd>
            </div>
            <div>
              <dt className="inline font-medium">Stored in: </dt>
              <dd className="inline font-mono break-all text-stone-700 dark:text-stone-300">
                {dataDir}
              </dd>
            </div>
          </dl>
        </header>

        {run.phase === "idle" && <ImportChoices headingRef={panelHeading} onChoose={begin} />}
        {run.phase === "running" && (
          <section aria-labelledby="import-running-heading" className="space-y-4">
            <h2
              id="import-running-heading"
              ref={panelHeading}
              tabIndex={-1}
              className="text-xl font-semibold"
            >
              Building your knowledge base
            </h2>
            <ImportProgress
              progress={run.progress}
              cancelling={run.cancelling}
              onCancel={() => void cancel()}
            />
          </section>
        )}
        {run.phase === "done" && (
          <ImportSummary
            headingRef={panelHeading}
            report={run.report}
            log={run.log}
            onContinue={onImported}
          />
        )}
        {run.phase === "failed" && (
          <ImportFailure
            level={2}
            headingRef={panelHeading}
            error={run.error}
            onRetry={() => void retry()}
            onBack={reset}
            backLabel="Back to the choices"
          />
        )}
      </div>
    </main>
  );
}
