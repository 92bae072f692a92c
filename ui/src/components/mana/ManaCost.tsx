import { ManaSymbol } from "./ManaSymbol";
import { tokenizeSymbols } from "./symbols";

/** A mana cost as printed, e.g. `{2}{G}{G}`; a split card's `{1}{R} // {2}{U}` keeps its `//`. */
export interface ManaCostProps {
  cost: string;
}

/** A mana cost drawn as symbols, read out as "mana cost: two generic mana, green mana...". */
export function ManaCost({ cost }: ManaCostProps) {
  if (cost.trim() === "") {
    return null;
  }
  return (
    <span
      className="inline-flex items-center whitespace-nowrap"
      role="group"
      aria-label="mana cost"
    >
      {tokenizeSymbols(cost).map((token, index) =>
        token.kind === "symbol" ? (
          <ManaSymbol key={index} symbol={token.symbol} />
        ) : (
          <span key={index} className="whitespace-pre">
            {token.text}
          </span>
        ),
      )}
    </span>
  );
}
