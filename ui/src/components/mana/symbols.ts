/**
 * Mana and other card symbols as printed in Scryfall/MTGJSON text (`{2}{G}`, `{T}`, `{W/U}`),
 * mapped to the `mana-font` package's CSS classes and to words a screen reader can say.
 * A symbol mana-font does not draw stays as its literal text rather than an empty glyph.
 */

/** A run of plain text or one `{...}` symbol, in the order they appear. */
export type SymbolToken = { kind: "text"; text: string } | { kind: "symbol"; symbol: string };

const COLOR_NAMES: Record<string, string> = {
  W: "white",
  U: "blue",
  B: "black",
  R: "red",
  G: "green",
};

// mana-font draws each two-colour hybrid only in the order the cards print it.
const HYBRID_PAIRS = new Set(["WU", "UB", "BR", "RG", "GW", "WB", "UR", "BG", "RW", "GU"]);
// Numbers mana-font has glyphs for.
const GENERIC_AMOUNTS = new Set([
  ...Array.from({ length: 21 }, (_, amount) => String(amount)),
  "100",
  "1000000",
]);

interface SymbolGlyph {
  /** The mana-font class naming the glyph, e.g. `ms-2w`. */
  className: string;
  /** What the symbol means, for assistive technology and tooltips. */
  label: string;
}

const NAMED_SYMBOLS: Record<string, SymbolGlyph> = {
  T: { className: "ms-tap", label: "tap" },
  Q: { className: "ms-untap", label: "untap" },
  C: { className: "ms-c", label: "colorless mana" },
  S: { className: "ms-s", label: "snow mana" },
  E: { className: "ms-e", label: "energy" },
  P: { className: "ms-p", label: "Phyrexian mana" },
  X: { className: "ms-x", label: "X generic mana" },
  Y: { className: "ms-y", label: "Y generic mana" },
  Z: { className: "ms-z", label: "Z generic mana" },
  "½": { className: "ms-1-2", label: "half a generic mana" },
  "∞": { className: "ms-infinity", label: "infinite generic mana" },
  CHAOS: { className: "ms-chaos", label: "chaos" },
  PW: { className: "ms-planeswalker", label: "planeswalker" },
  TK: { className: "ms-tk", label: "ticket" },
};

/** The glyph for a symbol written without braces (`2/W`, `G`), or null when mana-font has none. */
export function symbolGlyph(symbol: string): SymbolGlyph | null {
  const upper = symbol.toUpperCase();
  const named = NAMED_SYMBOLS[upper];
  if (named !== undefined) {
    return named;
  }
  const color = COLOR_NAMES[upper];
  if (color !== undefined) {
    return { className: `ms-${upper.toLowerCase()}`, label: `${color} mana` };
  }
  if (GENERIC_AMOUNTS.has(upper)) {
    return { className: `ms-${upper}`, label: `${upper} generic mana` };
  }
  const parts = upper.split("/");
  const [first = "", second = "", third] = parts;
  const firstColor = COLOR_NAMES[first];
  const secondColor = COLOR_NAMES[second];
  const className = `ms-${parts.join("").toLowerCase()}`;
  if (parts.length === 2 && firstColor !== undefined && second === "P") {
    return { className, label: `Phyrexian ${firstColor} mana` };
  }
  if (parts.length === 2 && secondColor !== undefined) {
    if (firstColor !== undefined && HYBRID_PAIRS.has(first + second)) {
      return { className, label: `${firstColor} or ${secondColor} mana` };
    }
    if (first === "2") {
      return { className, label: `two generic or ${secondColor} mana` };
    }
    if (first === "C") {
      return { className, label: `colorless or ${secondColor} mana` };
    }
  }
  if (
    parts.length === 3 &&
    third === "P" &&
    firstColor !== undefined &&
    secondColor !== undefined &&
    HYBRID_PAIRS.has(first + second)
  ) {
    return { className, label: `Phyrexian ${firstColor} or ${secondColor} mana` };
  }
  return null;
}

const SYMBOL_PATTERN = /\{([^{}]+)\}/g;

/** Splits card text into plain runs and `{...}` symbols, dropping nothing. */
export function tokenizeSymbols(text: string): SymbolToken[] {
  const tokens: SymbolToken[] = [];
  let last = 0;
  for (const match of text.matchAll(SYMBOL_PATTERN)) {
    if (match.index > last) {
      tokens.push({ kind: "text", text: text.slice(last, match.index) });
    }
    tokens.push({ kind: "symbol", symbol: match[1] ?? "" });
    last = match.index + match[0].length;
  }
  if (last < text.length) {
    tokens.push({ kind: "text", text: text.slice(last) });
  }
  return tokens;
}
