import type { DeckCard, Section } from "../../bindings";

/** Sections in the order a deck lists them (the Rust `Section` order). */
export const SECTIONS: Section[] = ["commander", "companion", "main", "sideboard", "maybeboard"];

/** A section's heading. */
export const SECTION_NAMES: Record<Section, string> = {
  commander: "Commander",
  companion: "Companion",
  main: "Main deck",
  sideboard: "Sideboard",
  maybeboard: "Maybeboard",
};

/** The lines grouped by section in deck order, keeping their order within a section. */
function ordered(cards: DeckCard[]): DeckCard[] {
  return SECTIONS.flatMap((section) => cards.filter((line) => line.section === section));
}

/**
 * One more copy of `name` in `section`: a line that has the card gains it, else a new line
 * goes at the end of the section.
 */
export function addCard(cards: DeckCard[], name: string, section: Section): DeckCard[] {
  const at = cards.findIndex((line) => line.section === section && line.card.name === name);
  if (at >= 0) {
    return cards.map((line, i) => (i === at ? { ...line, quantity: line.quantity + 1 } : line));
  }
  return ordered([
    ...cards,
    { section, quantity: 1, card: { name, printing: null, finish: null } },
  ]);
}

/** Line `index` with `quantity` copies; none removes it. */
export function setQuantity(cards: DeckCard[], index: number, quantity: number): DeckCard[] {
  if (quantity <= 0) {
    return cards.filter((_, i) => i !== index);
  }
  return cards.map((line, i) => (i === index ? { ...line, quantity } : line));
}

/**
 * Line `index` moved to `section`, after that section's lines; a line of the same card there
 * takes its copies instead.
 */
export function moveCard(cards: DeckCard[], index: number, section: Section): DeckCard[] {
  const moving = cards[index];
  if (moving === undefined || moving.section === section) {
    return cards;
  }
  const rest = cards.filter((_, i) => i !== index);
  const same = rest.findIndex(
    (line) =>
      line.section === section &&
      line.card.name === moving.card.name &&
      JSON.stringify(line.card.printing) === JSON.stringify(moving.card.printing),
  );
  if (same >= 0) {
    return rest.map((line, i) =>
      i === same ? { ...line, quantity: line.quantity + moving.quantity } : line,
    );
  }
  return ordered([...rest, { ...moving, section }]);
}

/** Copies in `section`. */
export function countIn(cards: DeckCard[], section: Section): number {
  return cards
    .filter((line) => line.section === section)
    .reduce((sum, line) => sum + line.quantity, 0);
}
