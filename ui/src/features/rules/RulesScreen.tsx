import { useCallback, useEffect, useRef } from "react";
import type { GlossaryEntry, OutlineSection, RuleRef } from "../../bindings";
import { GlossaryPane } from "./components/GlossaryPane";
import { GlossaryView } from "./components/GlossaryView";
import { JumpBox } from "./components/JumpBox";
import { LookupFailure } from "./components/LookupFailure";
import { RuleView } from "./components/RuleView";
import { RulesOverview } from "./components/RulesOverview";
import { RulesTree } from "./components/RulesTree";
import { SearchPane } from "./components/SearchPane";
import { levelOf } from "./ruleNumbers";
import { type RulesTab, type Selection, useRules } from "./rulesStore";

export interface RulesScreenProps {
  /** A rule number or glossary term to open (from another screen or the history), or null. */
  rule: string | null;
  /** Records an opened rule or term in the app's history (Back returns to it). */
  onOpenRule: (rule: string) => void;
}

const TABS: { id: RulesTab; label: string }[] = [
  { id: "contents", label: "Contents" },
  { id: "glossary", label: "Glossary" },
  { id: "search", label: "Search" },
];

/**
 * The Comprehensive Rules browser: on the left the contents as a tree, the glossary and a
 * full-text search, with a box to jump to a number or term; on the right the opened rule or
 * definition, typeset for reading.
 */
export function RulesScreen({ rule, onOpenRule }: RulesScreenProps) {
  const outline = useRules((state) => state.outline);
  const selection = useRules((state) => state.selection);
  const pending = useRules((state) => state.pending);
  const treeError = useRules((state) => state.treeError);
  const tab = useRules((state) => state.tab);
  const setTab = useRules((state) => state.setTab);
  const loadOutline = useRules((state) => state.loadOutline);
  const open = useRules((state) => state.open);
  const showEntry = useRules((state) => state.showEntry);
  const readingPane = useRef<HTMLDivElement>(null);
  // Set when a link in the reading pane is followed: the link is replaced, so focus moves to
  // the new heading instead of falling back to the page.
  const focusReading = useRef(false);

  useEffect(() => {
    void loadOutline();
  }, [loadOutline]);

  useEffect(() => {
    if (rule !== null && rule !== useRules.getState().opened) {
      void open(rule, { reveal: true });
    }
  }, [rule, open]);

  useEffect(() => {
    const pane = readingPane.current;
    if (pane === null) {
      return;
    }
    pane.scrollTop = 0;
    if (focusReading.current) {
      focusReading.current = false;
      pane.querySelector<HTMLElement>("h2")?.focus();
    }
  }, [selection]);

  // Each opening goes into the app's history, once: reopening what is shown adds nothing.
  const record = useCallback(
    (target: string) => {
      if (target !== useRules.getState().opened) {
        onOpenRule(target);
      }
    },
    [onOpenRule],
  );
  const navigate = useCallback(
    (target: string) => {
      record(target);
      void open(target, { reveal: false });
    },
    [open, record],
  );
  const followLink = (target: string) => {
    focusReading.current = true;
    navigate(target);
  };
  const jump = (target: string) => {
    record(target);
    void open(target, { reveal: true });
  };
  const pickEntry = (entry: GlossaryEntry) => {
    record(entry.term);
    showEntry(entry);
  };

  const onTabKey = (event: React.KeyboardEvent) => {
    const index = TABS.findIndex((candidate) => candidate.id === tab);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step !== 0) {
      event.preventDefault();
      const next = TABS[(index + step + TABS.length) % TABS.length];
      if (next !== undefined) {
        setTab(next.id);
        document.getElementById(`rules-tab-${next.id}`)?.focus();
      }
    }
  };

  const selectedRule = selection.kind === "rule" ? selection.number : null;

  return (
    <div className="grid h-full grid-cols-[minmax(17rem,22rem)_1fr]">
      <div className="flex min-h-0 flex-col border-r border-stone-200 bg-stone-100/50 dark:border-stone-800 dark:bg-stone-900/40">
        <JumpBox onJump={jump} />
        <div
          role="tablist"
          aria-label="Browse the rules"
          className="flex gap-1 border-b border-stone-200 px-3 dark:border-stone-800"
        >
          {TABS.map((candidate) => {
            const selected = candidate.id === tab;
            return (
              <button
                key={candidate.id}
                type="button"
                role="tab"
                id={`rules-tab-${candidate.id}`}
                aria-selected={selected}
                aria-controls={`rules-panel-${candidate.id}`}
                tabIndex={selected ? 0 : -1}
                onKeyDown={onTabKey}
                onClick={() => {
                  setTab(candidate.id);
                }}
                className={`-mb-px border-b-2 px-2 py-1.5 text-sm ${selected ? "border-sky-600 font-medium text-stone-900 dark:border-sky-400 dark:text-stone-100" : "border-transparent text-stone-600 hover:text-stone-900 dark:text-stone-400 dark:hover:text-stone-100"}`}
              >
                {candidate.label}
              </button>
            );
          })}
        </div>
        <div
          role="tabpanel"
          id={`rules-panel-${tab}`}
          aria-labelledby={`rules-tab-${tab}`}
          className="min-h-0 flex-1 overflow-y-auto"
        >
          {tab === "contents" && (
            <>
              {treeError !== null && (
                <p role="alert" className="p-3 text-sm text-red-700 dark:text-red-300">
                  {treeError.message}
                </p>
              )}
              {outline.status === "ready" ? (
                <RulesTree outline={outline.value} selected={selectedRule} onOpen={navigate} />
              ) : outline.status === "failed" ? (
                <div role="alert" className="space-y-2 p-3 text-sm">
                  <p>{outline.error.message}</p>
                  <button type="button" className="btn" onClick={() => void loadOutline()}>
                    Try again
                  </button>
                </div>
              ) : (
                <p className="p-3 text-sm text-stone-500 dark:text-stone-400">
                  Loading the contents…
                </p>
              )}
            </>
          )}
          {tab === "glossary" && (
            <GlossaryPane
              selectedTerm={selection.kind === "glossary" ? selection.entry.term : null}
              onPick={pickEntry}
            />
          )}
          {tab === "search" && <SearchPane onOpen={navigate} />}
        </div>
      </div>
      <div
        ref={readingPane}
        aria-busy={pending !== null}
        className="min-h-0 overflow-y-auto bg-white dark:bg-stone-950"
      >
        <div className="mx-auto max-w-[72ch] px-8 py-10">
          <Reading
            selection={selection}
            pending={pending}
            outline={outline.status === "ready" ? outline.value : null}
            onOpen={followLink}
            onRetry={(query) => void open(query, { reveal: false })}
          />
        </div>
      </div>
    </div>
  );
}

interface ReadingProps {
  selection: Selection;
  /** What is being opened, shown while nothing else is. */
  pending: string | null;
  /** Null until the outline has loaded. */
  outline: OutlineSection[] | null;
  onOpen: (target: string) => void;
  onRetry: (query: string) => void;
}

/** The reading pane's content for the current selection. */
function Reading({ selection, pending, outline, onOpen, onRetry }: ReadingProps) {
  const rules = useRules((state) => state.rules);
  switch (selection.kind) {
    case "none":
      if (pending !== null) {
        return <p className="text-stone-500 dark:text-stone-400">Opening {pending}…</p>;
      }
      return outline === null ? null : <RulesOverview outline={outline} onOpen={onOpen} />;
    case "glossary":
      return <GlossaryView entry={selection.entry} onOpen={onOpen} />;
    case "failed":
      return (
        <LookupFailure
          query={selection.query}
          error={selection.error}
          onOpen={onOpen}
          onRetry={() => {
            onRetry(selection.query);
          }}
        />
      );
    case "rule": {
      const shown = rules[selection.number];
      return shown === undefined ? null : (
        <RuleView
          rule={shown}
          siblings={siblingsOf(selection.number, shown.parent, outline ?? [], rules)}
          onOpen={onOpen}
        />
      );
    }
  }
}

/** The rules under the same parent as `number`, in order, as far as they are loaded. */
function siblingsOf(
  number: string,
  parent: RuleRef | null,
  outline: OutlineSection[],
  rules: Record<string, { children: RuleRef[] }>,
): RuleRef[] {
  if (parent === null) {
    return outline;
  }
  if (levelOf(number) === "chapter") {
    return outline.find((section) => section.number === parent.number)?.chapters ?? [];
  }
  return rules[parent.number]?.children ?? [];
}
