import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ImportEvent } from "../bindings";
import { type ImportProgressState, applyImportEvent, initialProgress } from "../lib/importProgress";
import { axeViolations } from "../test/axe";
import { ImportProgress } from "./ImportProgress";

function after(...events: ImportEvent[]): ImportProgressState {
  return events.reduce(applyImportEvent, initialProgress());
}

const STARTED: ImportEvent = { event: "started", import_id: "import-1" };
const DOWNLOADING: ImportEvent = {
  event: "downloading",
  what: "Comprehensive Rules",
  url: "https://media.wizards.com/2026/downloads/MagicCompRules%2020260116.txt",
};

describe("ImportProgress", () => {
  it("reports the share of a download done, with its size", () => {
    const progress = after(STARTED, DOWNLOADING, {
      event: "downloaded",
      bytes: 238_630,
      total: 954_522,
    });
    render(<ImportProgress progress={progress} cancelling={false} onCancel={vi.fn()} />);
    const bar = screen.getByRole("progressbar", { name: "Downloading Comprehensive Rules" });
    expect(bar).toHaveAttribute("aria-valuenow", "25");
    expect(screen.getByText(/0\.2 MB of 1\.0 MB/)).toHaveTextContent("25% · 0.2 MB of 1.0 MB");
  });

  it("shows an indeterminate bar with a count while reading", () => {
    const progress = after(
      STARTED,
      { event: "reading", what: "MTGJSON AtomicCards", file: "AtomicCards.json.gz" },
      { event: "stored", count: 12000 },
    );
    render(<ImportProgress progress={progress} cancelling={false} onCancel={vi.fn()} />);
    expect(
      screen.getByRole("progressbar", { name: "Reading MTGJSON AtomicCards" }),
    ).not.toHaveAttribute("aria-valuenow");
    expect(screen.getByText("12,000 cards stored")).toBeInTheDocument();
  });

  it("lists the steps already done", () => {
    const progress = after(
      STARTED,
      DOWNLOADING,
      { event: "downloaded", bytes: 954_522, total: 954_522 },
      { event: "unchanged", what: "Commander Spellbook combos" },
      { event: "reading", what: "Comprehensive Rules", file: "MagicCompRules.txt" },
    );
    render(<ImportProgress progress={progress} cancelling={false} onCancel={vi.fn()} />);
    const steps = screen.getByRole("list", { name: "Completed steps" });
    expect(steps).toHaveTextContent("Downloaded Comprehensive Rules (1.0 MB)");
    expect(steps).toHaveTextContent("Commander Spellbook combos is already up to date");
  });

  it("cancels from the keyboard at every step, the build included", async () => {
    const onCancel = vi.fn();
    const { rerender } = render(
      <ImportProgress
        progress={after(STARTED, DOWNLOADING)}
        cancelling={false}
        onCancel={onCancel}
      />,
    );
    await userEvent.tab();
    expect(screen.getByRole("button", { name: "Cancel import" })).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    expect(onCancel).toHaveBeenCalledOnce();

    rerender(
      <ImportProgress
        progress={after(STARTED, { event: "finishing" })}
        cancelling={false}
        onCancel={onCancel}
      />,
    );
    await userEvent.click(screen.getByRole("button", { name: "Cancel import" }));
    expect(onCancel).toHaveBeenCalledTimes(2);

    rerender(
      <ImportProgress
        progress={after(STARTED, { event: "finishing" })}
        cancelling={true}
        onCancel={onCancel}
      />,
    );
    expect(screen.getByRole("button", { name: "Cancelling…" })).toBeDisabled();
  });

  it("has no accessibility violations", async () => {
    const { container } = render(
      <ImportProgress
        progress={after(STARTED, DOWNLOADING)}
        cancelling={false}
        onCancel={vi.fn()}
      />,
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
