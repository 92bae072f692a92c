import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { axeViolations } from "../../../test/axe";
import { DataFolder } from "./DataFolder";

describe("DataFolder", () => {
  it("shows the folder and asks for a re-import", async () => {
    const onReimport = vi.fn();
    render(<DataFolder path="/home/player/.local/share/planeswalker" onReimport={onReimport} />);
    const section = screen.getByRole("region", { name: "Data folder" });
    expect(section).toHaveTextContent("/home/player/.local/share/planeswalker");
    await userEvent.click(screen.getByRole("button", { name: "Re-import knowledge base" }));
    expect(onReimport).toHaveBeenCalledOnce();
  });

  it("has no accessibility violations", async () => {
    const { container } = render(<DataFolder path="/data" onReimport={vi.fn()} />);
    expect(await axeViolations(container)).toEqual([]);
  });
});
