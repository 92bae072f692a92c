import { clearMocks } from "@tauri-apps/api/mocks";
import { waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { CANCELLED, mockImportIpc } from "../test/importIpc";
import { referenceStats } from "../test/knowledgeBaseStats";
import {
  applyImportEvent,
  createImportStore,
  describeStep,
  initialProgress,
} from "./importProgress";

afterEach(() => {
  clearMocks();
});

describe("applyImportEvent", () => {
  it("names what each source's count counts", () => {
    const reading = (what: string) =>
      describeStep(
        [
          { event: "reading", what, file: "file" } as const,
          { event: "stored", count: 4000 } as const,
        ].reduce(applyImportEvent, initialProgress()).step,
      ).detail;
    expect(reading("MTGJSON AtomicCards")).toBe("4,000 cards stored");
    expect(reading("MTGJSON set files archive")).toBe("4,000 sets stored");
    expect(reading("Scryfall rulings")).toBe("4,000 rulings stored");
    expect(reading("Commander Spellbook combos")).toBe("4,000 combos stored");
  });

  it("ignores byte counts outside a download", () => {
    const progress = applyImportEvent(initialProgress(), {
      event: "downloaded",
      bytes: 10,
      total: 20,
    });
    expect(progress).toEqual(initialProgress());
  });
});

describe("createImportStore", () => {
  it("cancels as soon as the id is known when cancel came first", async () => {
    const shell = mockImportIpc();
    const store = createImportStore();
    const running = store.getState().start({ kind: "public_sources" });
    await store.getState().cancel();
    expect(shell.cancelled).toEqual([]);

    shell.emit({ event: "started", import_id: "import-7" });
    await waitFor(() => {
      expect(shell.cancelled).toEqual(["import-7"]);
    });
    await shell.fail(CANCELLED);
    await running;
    expect(store.getState().run).toMatchObject({ phase: "failed", error: { code: "cancelled" } });
  });

  it("keeps the completed steps with the report", async () => {
    const shell = mockImportIpc();
    const store = createImportStore();
    const running = store.getState().start({ kind: "folder", path: "/data/mtg" });
    shell.emit({ event: "started", import_id: "import-8" });
    shell.emit({ event: "reading", what: "Comprehensive Rules", file: "MagicCompRules.txt" });
    shell.emit({ event: "finishing" });
    const report = {
      up_to_date: false,
      parts: ["rules" as const],
      stats: referenceStats(),
      elapsed: 2.5,
    };
    await shell.finish(report);
    await running;
    expect(store.getState().run).toEqual({
      phase: "done",
      source: { kind: "folder", path: "/data/mtg" },
      report,
      log: ["Read Comprehensive Rules"],
    });
  });
});
