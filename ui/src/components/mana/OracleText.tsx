import { ManaSymbol } from "./ManaSymbol";
import { tokenizeSymbols } from "./symbols";

/** Oracle text as stored: lines separated by `\n`, symbols in braces, reminder text in parentheses. */
export interface OracleTextProps {
  text: string;
}

// Reminder text is the parenthesised explanation printed in italics on the card.
const REMINDER_PATTERN = /(\([^()]*\))/;

function OracleLine({ line }: { line: string }) {
  return line.split(REMINDER_PATTERN).map((part, partIndex) => {
    const content = tokenizeSymbols(part).map((token, index) =>
      token.kind === "symbol" ? (
        <ManaSymbol key={index} symbol={token.symbol} />
      ) : (
        <span key={index}>{token.text}</span>
      ),
    );
    return REMINDER_PATTERN.test(part) ? (
      <i key={partIndex}>{content}</i>
    ) : (
      <span key={partIndex}>{content}</span>
    );
  });
}

/** A card's rules text, one paragraph per ability, symbols drawn with mana-font. */
export function OracleText({ text }: OracleTextProps) {
  return (
    <div className="space-y-1.5 leading-relaxed">
      {text.split("\n").map((line, index) => (
        <p key={index}>
          <OracleLine line={line} />
        </p>
      ))}
    </div>
  );
}
