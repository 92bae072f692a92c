import { symbolGlyph } from "./symbols";

/** One symbol written without braces, e.g. `G`, `2/W`, `T`. */
export interface ManaSymbolProps {
  symbol: string;
}

/**
 * One card symbol drawn with mana-font. It is an image to assistive technology, named by what
 * it means; a symbol mana-font lacks is shown as its printed text (`{HW}`), never as a blank.
 */
export function ManaSymbol({ symbol }: ManaSymbolProps) {
  const glyph = symbolGlyph(symbol);
  if (glyph === null) {
    return <span>{`{${symbol}}`}</span>;
  }
  return (
    <i
      className={`ms ms-cost ${glyph.className} mx-px text-[0.9em]`}
      role="img"
      aria-label={glyph.label}
      title={`{${symbol}}`}
    />
  );
}
