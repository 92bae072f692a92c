import { describe, expect, it } from "vitest";
import type { DeckCard } from "../../bindings";
import { addCard, countIn, moveCard, setQuantity } from "./deckEdits";

const line = (section: DeckCard["section"], quantity: number, name: string): DeckCard => ({
  section,
  quantity,
  card: { name, printing: null, finish: null },
});

describe("deck edits", () => {
  const deck = [line("main", 4, "Lightning Bolt"), line("sideboard", 2, "Pyroblast")];

  it("adds a copy to a line that has the card, else a new line in section order", () => {
    expect(addCard(deck, "Lightning Bolt", "main")[0]?.quantity).toBe(5);
    const withCommander = addCard(deck, "Krenko, Mob Boss", "commander");
    expect(withCommander.map((l) => l.card.name)).toEqual([
      "Krenko, Mob Boss",
      "Lightning Bolt",
      "Pyroblast",
    ]);
  });

  it("removes a line whose quantity reaches zero", () => {
    expect(setQuantity(deck, 0, 3)[0]?.quantity).toBe(3);
    expect(setQuantity(deck, 0, 0).map((l) => l.card.name)).toEqual(["Pyroblast"]);
  });

  it("moves a line between sections, merging with the same card there", () => {
    const moved = moveCard(deck, 1, "main");
    expect(moved.map((l) => [l.section, l.card.name])).toEqual([
      ["main", "Lightning Bolt"],
      ["main", "Pyroblast"],
    ]);
    const merged = moveCard([...deck, line("sideboard", 1, "Lightning Bolt")], 2, "main");
    expect(merged[0]?.quantity).toBe(5);
    expect(countIn(merged, "main")).toBe(5);
    expect(moveCard(deck, 0, "main")).toBe(deck);
  });
});
