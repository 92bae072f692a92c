import { clearMocks } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ImportReport } from "../../bindings";
import { axeViolations } from "../../test/axe";
import { CANCELLED, type MockedImport, mockImportIpc } from "../../test/importIpc";
import { referenceStats } from "../../test/knowledgeBaseStats";
import { OnboardingScreen } from "./OnboardingScreen";
import { useOnboardingImport } from "./importStore";

const DATA_DIR = "/home/player/.local/share/planeswalker";
const REASON = "The knowledge base has not been imported yet. Import it to start.";
const RULES_URL = "https://media.wizards.com/2026/downloads/MagicCompRules%2020260116.txt";

let shell: MockedImport;

beforeEach(() => {
  useOnboardingImport.setState(useOnboardingImport.getInitialState(), true);
  shell = mockImportIpc();
});

afterEach(() => {
  clearMocks();
});

function renderScreen(onImported = vi.fn()) {
  const view = render(
    <OnboardingScreen dataDir={DATA_DIR} reason={REASON} onImported={onImported} />,
  );
  return { ...view, onImported };
}

function report(): ImportReport {
  return {
    up_to_date: false,
    parts: ["cards", "rules", "combos"],
    stats: referenceStats(),
    elapsed: 83.4,
  };
}

describe("OnboardingScreen", () => {
  it("explains what is imported, where and why", () => {
    renderScreen();
    expect(
      screen.getByRole("heading", { level: 1, name: "Welcome to Planeswalker" }),
    ).toBeVisible();
    expect(screen.getByText("MTGJSON card data")).toBeVisible();
    expect(screen.getByText("The Comprehensive Rules")).toBeVisible();
    expect(screen.getByText("Commander Spellbook combos")).toBeVisible();
    expect(screen.getByText(DATA_DIR)).toBeVisible();
    expect(screen.getByText(REASON)).toBeVisible();
  });

  it("shows a download's percentage and size from the shell's events", async () => {
    renderScreen();
    await userEvent.click(screen.getByRole("button", { name: "Download from the public sources" }));
    expect(shell.sources).toEqual([{ kind: "public_sources" }]);

    shell.emit({ event: "started", import_id: "import-1" });
    shell.emit({ event: "downloading", what: "Comprehensive Rules", url: RULES_URL });
    shell.emit({ event: "downloaded", bytes: 620_439, total: 954_522 });
    const bar = screen.getByRole("progressbar", { name: "Downloading Comprehensive Rules" });
    expect(bar).toHaveAttribute("aria-valuenow", "65");
    expect(screen.getByText(/0\.6 MB of 1\.0 MB/)).toHaveTextContent("65% · 0.6 MB of 1.0 MB");

    shell.emit({ event: "downloaded", bytes: 954_522, total: 954_522 });
    shell.emit({ event: "reading", what: "MTGJSON AtomicCards", file: "AtomicCards.json.gz" });
    shell.emit({ event: "stored", count: 12000 });
    expect(
      screen.getByRole("progressbar", { name: "Reading MTGJSON AtomicCards" }),
    ).not.toHaveAttribute("aria-valuenow");
    expect(screen.getByText("12,000 cards stored")).toBeVisible();
    expect(screen.getByRole("list", { name: "Completed steps" })).toHaveTextContent(
      "Downloaded Comprehensive Rules (1.0 MB)",
    );
  });

  it("cancels the import by the id it started with", async () => {
    renderScreen();
    await userEvent.click(screen.getByRole("button", { name: "Download from the public sources" }));
    shell.emit({ event: "started", import_id: "import-42" });
    shell.emit({
      event: "downloading",
      what: "MTGJSON AtomicCards",
      url: "https://mtgjson.com/api/v5/AtomicCards.json.gz",
    });

    await userEvent.click(screen.getByRole("button", { name: "Cancel import" }));
    expect(shell.cancelled).toEqual(["import-42"]);
    await shell.fail(CANCELLED);

    expect(await screen.findByRole("heading", { name: "Import cancelled" })).toHaveFocus();
    expect(screen.getByRole("alert")).toHaveTextContent("Import cancelled. Nothing was changed.");
  });

  it("retries the same folder after a failure, and goes back to the choices", async () => {
    renderScreen();
    await userEvent.click(screen.getByRole("button", { name: "Import from a folder" }));
    expect(await screen.findByText("Enter the folder that holds the files.")).toBeVisible();
    expect(shell.sources).toEqual([]);

    await userEvent.type(screen.getByRole("textbox", { name: "Folder" }), "  /data/mtg ");
    await userEvent.click(screen.getByRole("button", { name: "Import from a folder" }));
    shell.emit({ event: "started", import_id: "import-1" });
    await shell.fail({
      code: "import_failed",
      message: "No card, rules or combo files were found in /data/mtg.",
      detail: "scan_dir: 0 files recognised",
      suggestions: [],
      span: null,
    });

    const failure = await screen.findByRole("region", { name: "The import failed" });
    expect(within(failure).getByRole("alert")).toHaveTextContent(
      "No card, rules or combo files were found in /data/mtg.",
    );
    expect(within(failure).getByText("scan_dir: 0 files recognised")).toBeInTheDocument();

    await userEvent.click(within(failure).getByRole("button", { name: "Retry" }));
    expect(shell.sources).toEqual([
      { kind: "folder", path: "/data/mtg" },
      { kind: "folder", path: "/data/mtg" },
    ]);
    expect(screen.getByRole("progressbar")).toBeInTheDocument();
    await shell.fail(CANCELLED);

    await userEvent.click(await screen.findByRole("button", { name: "Back to the choices" }));
    expect(screen.getByRole("heading", { name: "Build the knowledge base" })).toHaveFocus();
  });

  it("summarises a finished import and goes on when asked", async () => {
    const { onImported } = renderScreen();
    await userEvent.click(screen.getByRole("button", { name: "Download from the public sources" }));
    shell.emit({ event: "started", import_id: "import-1" });
    shell.emit({ event: "reading", what: "Comprehensive Rules", file: "MagicCompRules.txt" });
    shell.emit({ event: "finishing" });
    await shell.finish(report());

    expect(
      await screen.findByRole("heading", { name: "Your knowledge base is ready" }),
    ).toHaveFocus();
    expect(screen.getByText("Built in 83 s. It now holds:")).toBeVisible();
    const stats = referenceStats();
    const figure = (label: string) => screen.getByText(label).nextElementSibling?.textContent;
    expect(figure("Cards")).toBe(stats.cards.toLocaleString("en-US"));
    expect(figure("Rules")).toBe(stats.rules.toLocaleString("en-US"));
    expect(figure("Glossary terms")).toBe(stats.glossary_terms.toLocaleString("en-US"));
    expect(figure("Combos")).toBe("0");
    expect(onImported).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: "Start searching" }));
    expect(onImported).toHaveBeenCalledOnce();
  });

  it("has no accessibility violations in any phase", async () => {
    const { container } = renderScreen();
    expect(await axeViolations(container)).toEqual([]);

    await userEvent.click(screen.getByRole("button", { name: "Download from the public sources" }));
    shell.emit({ event: "started", import_id: "import-1" });
    shell.emit({ event: "downloading", what: "Comprehensive Rules", url: RULES_URL });
    expect(await axeViolations(container)).toEqual([]);

    await shell.fail({
      ...CANCELLED,
      code: "import_failed",
      message: "The download failed.",
      detail: "HTTP 503",
    });
    expect(await axeViolations(container)).toEqual([]);

    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await shell.finish(report());
    expect(await axeViolations(container)).toEqual([]);
  });
});
