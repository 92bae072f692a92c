import type { Format, GameFormat } from "../../bindings";

/** The deck list formats, as the import and export menus offer them. */
export const LIST_FORMATS: { id: Format; name: string }[] = [
  { id: "arena", name: "MTG Arena" },
  { id: "mtgo", name: "MTGO .txt" },
  { id: "dek", name: "MTGO .dek" },
  { id: "moxfield", name: "Moxfield" },
  { id: "plain", name: "Plain text / Archidekt" },
  { id: "json", name: "Planeswalker JSON" },
  { id: "csv", name: "CSV" },
];

/** The formats a deck can be checked against. */
export const GAME_FORMATS: { id: GameFormat; name: string }[] = [
  { id: "standard", name: "Standard" },
  { id: "pioneer", name: "Pioneer" },
  { id: "modern", name: "Modern" },
  { id: "legacy", name: "Legacy" },
  { id: "vintage", name: "Vintage" },
  { id: "pauper", name: "Pauper" },
  { id: "commander", name: "Commander" },
  { id: "oathbreaker", name: "Oathbreaker" },
  { id: "brawl", name: "Brawl" },
  { id: "historicbrawl", name: "Historic Brawl" },
  { id: "limited", name: "Limited" },
];

export function listFormatName(id: Format): string {
  return LIST_FORMATS.find((format) => format.id === id)?.name ?? id;
}

export function gameFormatName(id: GameFormat | null): string {
  return id === null ? "No format" : (GAME_FORMATS.find((f) => f.id === id)?.name ?? id);
}
