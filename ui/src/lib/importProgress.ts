/**
 * Following a knowledge-base import. The shell streams {@link ImportEvent}s over a Channel while
 * `import_knowledge_base` runs; this turns them into what a progress bar shows, and runs the
 * import as a small state machine (idle → running → done | failed) that each screen offering an
 * import creates a store of with {@link createImportStore}.
 */
import { Channel } from "@tauri-apps/api/core";
import { create } from "zustand";
import {
  type AppError,
  type ImportEvent,
  type ImportReport,
  type ImportSource,
  commands,
} from "../bindings";
import { appError, unwrap } from "./api";

/** What the import is doing now. */
export type ImportStep =
  | { kind: "starting" }
  | { kind: "downloading"; what: string; bytes: number; total: number | null }
  | { kind: "checking"; file: string }
  | { kind: "reading"; what: string; count: number | null }
  | { kind: "finishing" };

/** An import's progress as its events have told it so far. */
export interface ImportProgressState {
  /** The id `cancel_import` takes; null until the `started` event. */
  importId: string | null;
  step: ImportStep;
  /** Steps completed, oldest first, as short sentences. */
  log: string[];
}

/** A progress bar's content for one step. */
export interface StepView {
  /** The step in a few words, e.g. "Downloading MTGJSON AtomicCards". */
  stage: string;
  /** Work done and its total in the step's unit; `total` null while unknown (indeterminate). */
  done: number;
  total: number | null;
  /** Figures for the step, e.g. "12.3 MB of 45.6 MB" or "12,345 cards stored". */
  detail: string | null;
}

const NUMBER = new Intl.NumberFormat("en-US");

/** A count with thousands separators: `12,345`. */
export function formatCount(count: number): string {
  return NUMBER.format(count);
}

/** Bytes in megabytes with one decimal: `12.3 MB`. */
function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

// What each source's `stored` count counts, by the shell's description of the source; a
// source not listed here counts "records".
const STORED_NOUNS: [RegExp, string][] = [
  [/rulings/i, "rulings"],
  [/printings/i, "printings"],
  [/\bsets?\b/i, "sets"],
  [/combos/i, "combos"],
  [/cards/i, "cards"],
];

function storedNoun(what: string): string {
  return STORED_NOUNS.find(([pattern]) => pattern.test(what))?.[1] ?? "records";
}

/** Progress before the first event. */
export function initialProgress(): ImportProgressState {
  return { importId: null, step: { kind: "starting" }, log: [] };
}

/** The sentence logged when `step` completes; null for steps not worth a line. */
function completed(step: ImportStep): string | null {
  switch (step.kind) {
    case "downloading":
      return `Downloaded ${step.what} (${formatMegabytes(step.bytes)})`;
    case "reading":
      return `Read ${step.what}`;
    case "starting":
    case "checking":
    case "finishing":
      return null;
  }
}

/** `state` with `next` as the current step, the previous one logged. */
function advance(state: ImportProgressState, next: ImportStep): ImportProgressState {
  const done = completed(state.step);
  return { ...state, step: next, log: done === null ? state.log : [...state.log, done] };
}

/** Progress after one more event. */
export function applyImportEvent(
  state: ImportProgressState,
  event: ImportEvent,
): ImportProgressState {
  switch (event.event) {
    case "started":
      return { ...state, importId: event.import_id };
    case "downloading":
      return advance(state, { kind: "downloading", what: event.what, bytes: 0, total: null });
    case "downloaded":
      return state.step.kind === "downloading"
        ? { ...state, step: { ...state.step, bytes: event.bytes, total: event.total } }
        : state;
    case "unchanged": {
      const moved = advance(state, { kind: "starting" });
      return { ...moved, log: [...moved.log, `${event.what} is already up to date`] };
    }
    case "checking":
      return advance(state, { kind: "checking", file: event.file });
    case "reading":
      return advance(state, { kind: "reading", what: event.what, count: null });
    case "stored":
      return state.step.kind === "reading"
        ? { ...state, step: { ...state.step, count: event.count } }
        : state;
    case "finishing":
      return advance(state, { kind: "finishing" });
  }
}

/** What the progress bar shows for `step`. */
export function describeStep(step: ImportStep): StepView {
  switch (step.kind) {
    case "starting":
      return { stage: "Preparing the import", done: 0, total: null, detail: null };
    case "downloading":
      return {
        stage: `Downloading ${step.what}`,
        done: step.bytes,
        total: step.total,
        detail:
          step.total === null
            ? `${formatMegabytes(step.bytes)} downloaded`
            : `${formatMegabytes(step.bytes)} of ${formatMegabytes(step.total)}`,
      };
    case "checking":
      return {
        stage: `Checking ${step.file} for changes`,
        done: 0,
        total: null,
        detail: null,
      };
    case "reading":
      return {
        stage: `Reading ${step.what}`,
        done: 0,
        total: null,
        detail:
          step.count === null ? null : `${formatCount(step.count)} ${storedNoun(step.what)} stored`,
      };
    case "finishing":
      return {
        stage: "Building the search indexes",
        done: 0,
        total: null,
        detail: "Almost done",
      };
  }
}

/** One import: not begun, under way, finished, or failed (cancelled included). */
export type ImportRun =
  | { phase: "idle" }
  | {
      phase: "running";
      source: ImportSource;
      progress: ImportProgressState;
      /** Cancel was asked; the command has not answered yet. */
      cancelling: boolean;
    }
  | { phase: "done"; source: ImportSource; report: ImportReport; log: string[] }
  | { phase: "failed"; source: ImportSource; error: AppError };

export interface ImportState {
  run: ImportRun;
  /** Imports from `source`; ignored while an import runs. */
  start: (source: ImportSource) => Promise<void>;
  /** Asks the running import to stop; it then fails with `cancelled`. */
  cancel: () => Promise<void>;
  /** Runs the failed import's source again. */
  retry: () => Promise<void>;
  /** Back to idle, forgetting the last outcome. */
  reset: () => void;
}

/** A store running one import at a time from a screen. */
export function createImportStore() {
  return create<ImportState>()((set, get) => {
    /** Updates the running import, if it is still running. */
    const updateRunning = (
      update: (run: Extract<ImportRun, { phase: "running" }>) => Partial<typeof run>,
    ) => {
      const { run } = get();
      if (run.phase === "running") {
        set({ run: { ...run, ...update(run) } });
      }
    };

    const cancelImport = async (importId: string) => {
      let stopped = false;
      try {
        stopped = await commands.cancelImport(importId);
      } catch {
        // The import goes on; the button comes back so the user can try again.
      }
      if (!stopped) {
        updateRunning(() => ({ cancelling: false }));
      }
    };

    return {
      run: { phase: "idle" },
      start: async (source) => {
        if (get().run.phase === "running") {
          return;
        }
        const channel = new Channel<ImportEvent>();
        set({ run: { phase: "running", source, progress: initialProgress(), cancelling: false } });
        channel.onmessage = (event) => {
          updateRunning((run) => ({ progress: applyImportEvent(run.progress, event) }));
          const { run } = get();
          // A cancel asked before the id was known goes out as soon as it is.
          if (event.event === "started" && run.phase === "running" && run.cancelling) {
            void cancelImport(event.import_id);
          }
        };
        try {
          const report = await unwrap(commands.importKnowledgeBase(source, channel));
          const { run } = get();
          const log = run.phase === "running" ? run.progress.log : [];
          set({ run: { phase: "done", source, report, log } });
        } catch (thrown) {
          set({ run: { phase: "failed", source, error: appError(thrown) } });
        }
      },
      cancel: async () => {
        const { run } = get();
        if (run.phase !== "running" || run.cancelling) {
          return;
        }
        set({ run: { ...run, cancelling: true } });
        if (run.progress.importId !== null) {
          await cancelImport(run.progress.importId);
        }
      },
      retry: async () => {
        const { run } = get();
        if (run.phase === "failed") {
          await get().start(run.source);
        }
      },
      reset: () => {
        if (get().run.phase !== "running") {
          set({ run: { phase: "idle" } });
        }
      },
    };
  });
}
