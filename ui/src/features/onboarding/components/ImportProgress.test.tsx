import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { axeViolations } from "../../../test/axe";
import { ImportProgress } from "./ImportProgress";

describe("ImportProgress", () => {
  it("reports the share of the stage done", () => {
    render(<ImportProgress stage="Importing cards" done={5928} total={23711} onCancel={vi.fn()} />);
    const bar = screen.getByRole("progressbar", { name: "Importing cards" });
    expect(bar).toHaveAttribute("aria-valuenow", "25");
    expect(screen.getByText("25%")).toBeInTheDocument();
  });

  it("shows an indeterminate bar while the total is unknown", () => {
    render(
      <ImportProgress stage="Downloading rules" done={4096} total={null} onCancel={vi.fn()} />,
    );
    expect(screen.getByRole("progressbar")).not.toHaveAttribute("aria-valuenow");
    expect(screen.getByText("Working…")).toBeInTheDocument();
  });

  it("cancels from the keyboard", async () => {
    const onCancel = vi.fn();
    render(<ImportProgress stage="Importing cards" done={1} total={2} onCancel={onCancel} />);
    await userEvent.tab();
    expect(screen.getByRole("button", { name: "Cancel import" })).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it("has no accessibility violations", async () => {
    const { container } = render(
      <ImportProgress stage="Importing cards" done={1} total={2} onCancel={vi.fn()} />,
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
