import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../../test/axe";
import { cardFaces } from "../../test/referenceData";
import { OracleText } from "./OracleText";

function textOf(name: string): string {
  return cardFaces(name)[0]?.text ?? "";
}

describe("OracleText", () => {
  it("draws the tap symbol and mana inside the text", () => {
    const { container } = render(<OracleText text={textOf("Llanowar Elves")} />);
    expect(screen.getByRole("img", { name: "tap" })).toHaveClass("ms-tap");
    expect(screen.getByRole("img", { name: "green mana" })).toHaveClass("ms-g");
    expect(container).toHaveTextContent(": Add .");
  });

  it("puts each ability in its own paragraph and reminder text in italics", () => {
    const { container } = render(<OracleText text={textOf("Kitchen Finks")} />);
    const paragraphs = container.querySelectorAll("p");
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]).toHaveTextContent(/^When Kitchen Finks enters the battlefield/);
    const reminder = paragraphs[1]?.querySelector("i");
    expect(reminder).toHaveTextContent(/^\(When this creature dies, .* counter on it\.\)$/);
  });

  it("draws symbols inside reminder text", () => {
    render(<OracleText text={textOf("Dismember")} />);
    const phyrexian = screen.getByRole("img", { name: "Phyrexian black mana" });
    expect(phyrexian.closest("i")).not.toBeNull();
  });

  it("has no accessibility violations", async () => {
    const { container } = render(<OracleText text={textOf("Reaper King")} />);
    expect(await axeViolations(container)).toEqual([]);
  });
});
