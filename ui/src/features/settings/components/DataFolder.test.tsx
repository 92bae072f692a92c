import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { axeViolations } from "../../../test/axe";
import { DataFolder } from "./DataFolder";

describe("DataFolder", () => {
  it("shows the folder and asks for a re-import", async () => {
    const onReimport = vi.fn();
    render(
      <DataFolder
        path="/home/player/.local/share/planeswalker"
        busy={false}
        onReimport={onReimport}
      />,
    );
    const section = screen.getByRole("region", { name: "Data folder" });
    expect(section).toHaveTextContent("/home/player/.local/share/planeswalker");
    await userEvent.click(
      screen.getByRole("button", { name: "Re-import from the public sources" }),
    );
    expect(onReimport).toHaveBeenCalledOnce();
  });

  it("cannot start a second import while one runs", () => {
    render(<DataFolder path="/data" busy onReimport={vi.fn()} />);
    expect(
      screen.getByRole("button", { name: "Re-import from the public sources" }),
    ).toBeDisabled();
  });

  it("has no accessibility violations", async () => {
    const { container } = render(<DataFolder path="/data" busy={false} onReimport={vi.fn()} />);
    expect(await axeViolations(container)).toEqual([]);
  });
});
