/**
 * The shell's import commands, mocked at the IPC boundary: `import_knowledge_base` stays pending
 * until the test finishes or fails it, and the test streams progress events into the Channel the
 * UI passed, through the same callback path the shell's messages take (`runCallback` with the
 * channel's id, each message numbered in order).
 */
import type { Channel } from "@tauri-apps/api/core";
import { mockIPC } from "@tauri-apps/api/mocks";
import { act } from "@testing-library/react";
import type { AppError, ImportEvent, ImportReport, ImportSource } from "../bindings";

interface TauriInternals {
  runCallback: (id: number, data: unknown) => void;
}

export interface MockedImport {
  /** The source of each `import_knowledge_base` call, in order. */
  sources: ImportSource[];
  /** The ids `cancel_import` was called with. */
  cancelled: string[];
  /** Sends `event` on the latest import's channel. */
  emit: (event: ImportEvent) => void;
  /** Ends the latest import with `report`. */
  finish: (report: ImportReport) => Promise<void>;
  /** Ends the latest import with `error`. */
  fail: (error: AppError) => Promise<void>;
}

/** A `cancelled` error as the shell sends it. */
export const CANCELLED: AppError = {
  code: "cancelled",
  message: "The import was cancelled. The knowledge base was not changed.",
  detail: null,
  suggestions: [],
  span: null,
};

/**
 * Mocks the import commands; any other command goes to `other` (undefined when absent).
 */
export function mockImportIpc(
  other: (command: string, args: Record<string, unknown>) => unknown = () => undefined,
): MockedImport {
  const sources: ImportSource[] = [];
  const cancelled: string[] = [];
  let channel: { id: number; next: number } | null = null;
  let settle: {
    resolve: (report: ImportReport) => void;
    reject: (error: AppError) => void;
  } | null = null;

  mockIPC((command, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    switch (command) {
      case "import_knowledge_base":
        sources.push(args.source as ImportSource);
        channel = { id: (args.onProgress as Channel<ImportEvent>).id, next: 0 };
        return new Promise<ImportReport>((resolve, reject) => {
          settle = { resolve, reject };
        });
      case "cancel_import":
        cancelled.push(args.importId as string);
        return true;
      default:
        return other(command, args);
    }
  });

  const current = () => {
    if (channel === null || settle === null) {
      throw new Error("no import is running");
    }
    return { channel, settle };
  };

  return {
    sources,
    cancelled,
    emit: (event) => {
      const { channel: target } = current();
      const internals = (window as unknown as { __TAURI_INTERNALS__: TauriInternals })
        .__TAURI_INTERNALS__;
      act(() => {
        internals.runCallback(target.id, { index: target.next, message: event });
      });
      target.next += 1;
    },
    finish: async (report) => {
      const { settle: pending } = current();
      await act(async () => {
        pending.resolve(report);
        await Promise.resolve();
      });
    },
    fail: async (error) => {
      const { settle: pending } = current();
      await act(async () => {
        pending.reject(error);
        await Promise.resolve();
      });
    },
  };
}
