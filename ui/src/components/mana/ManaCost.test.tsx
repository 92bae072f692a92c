import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../../test/axe";
import { cardFaces } from "../../test/referenceData";
import { ManaCost } from "./ManaCost";

function costOf(name: string): string {
  return cardFaces(name)[0]?.manaCost ?? "";
}

describe("ManaCost", () => {
  it("draws each symbol of a hybrid cost with mana-font and names it", () => {
    render(<ManaCost cost={costOf("Kitchen Finks")} />);
    const symbols = screen.getAllByRole("img");
    expect(symbols.map((symbol) => symbol.getAttribute("aria-label"))).toEqual([
      "1 generic mana",
      "green or white mana",
      "green or white mana",
    ]);
    expect(symbols[0]).toHaveClass("ms", "ms-cost", "ms-1");
    expect(symbols[1]).toHaveClass("ms-gw");
  });

  it("draws Phyrexian and two-or-colour symbols", () => {
    render(
      <>
        <ManaCost cost={costOf("Dismember")} />
        <ManaCost cost={costOf("Reaper King")} />
      </>,
    );
    expect(screen.getAllByRole("img", { name: "Phyrexian black mana" })[0]).toHaveClass("ms-bp");
    expect(screen.getByRole("img", { name: "two generic or blue mana" })).toHaveClass("ms-2u");
  });

  it("keeps a symbol mana-font cannot draw as its printed text", () => {
    const { container } = render(<ManaCost cost={costOf("Little Girl")} />);
    expect(screen.queryByRole("img")).toBeNull();
    expect(container).toHaveTextContent("{HW}");
  });

  it("renders nothing for a card without a mana cost", () => {
    const { container } = render(<ManaCost cost="" />);
    expect(container).toBeEmptyDOMElement();
  });

  it("has no accessibility violations", async () => {
    const { container } = render(<ManaCost cost={costOf("Reaper King")} />);
    expect(await axeViolations(container)).toEqual([]);
  });
});
