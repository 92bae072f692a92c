import { clearMocks } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { KnowledgeBaseStatus } from "../../bindings";
import { axeViolations } from "../../test/axe";
import { type MockedImport, mockImportIpc } from "../../test/importIpc";
import { referenceStats } from "../../test/knowledgeBaseStats";
import { SettingsScreen } from "./SettingsScreen";
import { useReimport } from "./reimportStore";
import { useAppliedTheme, useTheme } from "./themeStore";

const DATA_DIR = "/home/player/.local/share/planeswalker";

/** A stand-in for the OS's colour-scheme setting, which the test flips. */
function mockColorScheme(dark: boolean) {
  const listeners = new Set<() => void>();
  const media = {
    get matches() {
      return dark;
    },
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  };
  vi.stubGlobal("matchMedia", (query: string) => {
    expect(query).toBe("(prefers-color-scheme: dark)");
    return media;
  });
  return {
    set: (next: boolean) => {
      dark = next;
      listeners.forEach((listener) => {
        listener();
      });
    },
  };
}

/** The screen as the app shows it: the app applies the theme. */
function Themed({
  status,
  onReimported,
}: {
  status: KnowledgeBaseStatus;
  onReimported: () => void;
}) {
  useAppliedTheme();
  return <SettingsScreen status={status} onReimported={onReimported} />;
}

let shell: MockedImport;

beforeEach(() => {
  localStorage.clear();
  useTheme.setState(useTheme.getInitialState(), true);
  useReimport.setState(useReimport.getInitialState(), true);
  shell = mockImportIpc();
});

afterEach(() => {
  clearMocks();
  vi.unstubAllGlobals();
  delete document.documentElement.dataset.theme;
});

function renderScreen(onReimported = vi.fn()) {
  const status: KnowledgeBaseStatus = {
    state: "ready",
    data_dir: DATA_DIR,
    stats: referenceStats(),
  };
  const view = render(<Themed status={status} onReimported={onReimported} />);
  return { ...view, onReimported };
}

describe("SettingsScreen", () => {
  it("shows what the knowledge base holds and where it comes from", () => {
    mockColorScheme(false);
    renderScreen();
    const section = screen.getByRole("region", { name: "Knowledge base" });
    const stats = referenceStats();
    const figure = (label: string) =>
      within(section).getByText(label).nextElementSibling?.textContent;
    expect(figure("Cards")).toBe(stats.cards.toLocaleString("en-US"));
    expect(figure("Sets")).toBe(stats.sets.toLocaleString("en-US"));
    expect(figure("Printings")).toBe(stats.printings.toLocaleString("en-US"));
    expect(figure("Rulings")).toBe(stats.rulings.toLocaleString("en-US"));
    expect(figure("Rules")).toBe(stats.rules.toLocaleString("en-US"));
    expect(figure("Glossary terms")).toBe(stats.glossary_terms.toLocaleString("en-US"));
    expect(figure("Card data")).toBe("MTGJSON 5.2.0+20220425 of April 25, 2022");
    expect(figure("Comprehensive Rules")).toBe("Effective January 16, 2026");
    expect(within(section).getByText(DATA_DIR)).toBeVisible();
  });

  it("re-imports with progress and reports the new knowledge base", async () => {
    mockColorScheme(false);
    const { onReimported } = renderScreen();
    await userEvent.click(
      screen.getByRole("button", { name: "Re-import from the public sources" }),
    );
    expect(shell.sources).toEqual([{ kind: "public_sources" }]);
    expect(
      screen.getByRole("button", { name: "Re-import from the public sources" }),
    ).toBeDisabled();

    shell.emit({ event: "started", import_id: "import-9" });
    shell.emit({ event: "unchanged", what: "MTGJSON AtomicCards" });
    shell.emit({
      event: "downloading",
      what: "Comprehensive Rules",
      url: "https://media.wizards.com/2026/downloads/MagicCompRules%2020260116.txt",
    });
    shell.emit({ event: "downloaded", bytes: 477_261, total: 954_522 });
    expect(
      screen.getByRole("progressbar", { name: "Downloading Comprehensive Rules" }),
    ).toHaveAttribute("aria-valuenow", "50");
    expect(screen.getByRole("list", { name: "Completed steps" })).toHaveTextContent(
      "MTGJSON AtomicCards is already up to date",
    );
    expect(onReimported).not.toHaveBeenCalled();

    await shell.finish({
      up_to_date: false,
      parts: ["rules"],
      stats: referenceStats(),
      elapsed: 4.2,
    });
    expect(await screen.findByText(/^Re-imported in 4 s\./)).toBeVisible();
    expect(onReimported).toHaveBeenCalledOnce();
  });

  it("switches the theme and follows the OS when set to System", async () => {
    const os = mockColorScheme(true);
    renderScreen();
    const root = document.documentElement;
    expect(screen.getByRole("radio", { name: "System" })).toBeChecked();
    expect(root.dataset.theme).toBe("dark");

    await userEvent.click(screen.getByRole("radio", { name: "Light" }));
    expect(root.dataset.theme).toBe("light");
    expect(root.style.colorScheme).toBe("light");
    os.set(true);
    expect(root.dataset.theme).toBe("light");
    expect(JSON.parse(localStorage.getItem("planeswalker.theme") ?? "{}")).toMatchObject({
      state: { preference: "light" },
    });

    await userEvent.click(screen.getByRole("radio", { name: "Dark" }));
    expect(root.dataset.theme).toBe("dark");

    await userEvent.click(screen.getByRole("radio", { name: "System" }));
    os.set(false);
    expect(root.dataset.theme).toBe("light");
    expect(root.style.colorScheme).toBe("light");
  });

  it("names the app's version and its data sources", () => {
    mockColorScheme(false);
    renderScreen();
    const about = screen.getByRole("region", { name: "About" });
    expect(about).toHaveTextContent(/Planeswalker \d+\.\d+\.\d+/);
    const sources = within(about).getByRole("table", { name: "Data sources" });
    expect(within(sources).getByRole("rowheader", { name: "Comprehensive Rules" })).toBeVisible();
  });

  it("has no accessibility violations", async () => {
    mockColorScheme(false);
    const { container } = renderScreen();
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(
      screen.getByRole("button", { name: "Re-import from the public sources" }),
    );
    shell.emit({ event: "started", import_id: "import-1" });
    expect(await axeViolations(container)).toEqual([]);
    await shell.fail({
      code: "import_failed",
      message: "Downloading the Comprehensive Rules failed: the server answered 503.",
      detail: "HTTP status 503 Service Unavailable",
      suggestions: [],
      span: null,
    });
    expect(await axeViolations(container)).toEqual([]);
  });
});
