import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../../../test/axe";
import { cardFaces } from "../../../test/referenceData";
import { LegalitiesTable } from "./LegalitiesTable";

// The card JSON lists every format with a lower-case status; MTGJSON omits the formats where a
// card is not legal. This rebuilds the card JSON's shape from MTGJSON for the formats below.
const FORMATS = ["standard", "modern", "legacy", "vintage", "commander", "oldschool", "pauper"];

function legalitiesOf(name: string): Record<string, string> {
  const mtgjson = cardFaces(name)[0]?.legalities ?? {};
  return Object.fromEntries(
    FORMATS.map((format) => [format, mtgjson[format]?.toLowerCase() ?? "not_legal"]),
  );
}

function statusOf(format: string): string | null {
  const row = screen.getByRole("rowheader", { name: format }).closest("tr");
  return row === null ? null : within(row).getByRole("cell").textContent;
}

describe("LegalitiesTable", () => {
  it("spells out each status of a restricted and banned card", () => {
    render(<LegalitiesTable legalities={legalitiesOf("Black Lotus")} />);
    expect(statusOf("Vintage")).toBe("Restricted");
    expect(statusOf("Legacy")).toBe("Banned");
    expect(statusOf("Commander")).toBe("Banned");
    expect(statusOf("Old School")).toBe("Restricted");
    expect(statusOf("Standard")).toBe("Not legal");
  });

  it("lists the common formats first, in a fixed order", () => {
    render(<LegalitiesTable legalities={legalitiesOf("Dismember")} />);
    const formats = screen.getAllByRole("rowheader").map((header) => header.textContent);
    expect(formats).toEqual([
      "Standard",
      "Modern",
      "Legacy",
      "Vintage",
      "Commander",
      "Pauper",
      "Old School",
    ]);
    expect(statusOf("Modern")).toBe("Legal");
  });

  it("has no accessibility violations", async () => {
    const { container } = render(<LegalitiesTable legalities={legalitiesOf("Black Lotus")} />);
    expect(await axeViolations(container)).toEqual([]);
  });
});
