import type { ReactNode } from "react";
import type { CardRuling } from "../../../bindings";

// As the rules browser links them: a subrule (`704.5a`) always, a bare three-digit number only
// after "rule"/"rules", since elsewhere it may be a count.
const RULE_REFERENCE = /\b\d{3}\.\d+[a-z]?\b|(?<=\brules? )\d{3}\b/g;

const DATE = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** A ruling's text with each rule number it cites as a link into the rules browser. */
function linkRules(text: string, onOpenRule: (rule: string) => void): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(RULE_REFERENCE)) {
    const rule = match[0];
    parts.push(text.slice(last, match.index));
    parts.push(
      <a
        key={match.index}
        href={`#rule-${rule}`}
        className="text-sky-700 underline decoration-sky-700/40 hover:decoration-sky-700 dark:text-sky-300 dark:decoration-sky-300/40"
        onClick={(event) => {
          event.preventDefault();
          onOpenRule(rule);
        }}
      >
        {rule}
      </a>,
    );
    last = match.index + rule.length;
  }
  parts.push(text.slice(last));
  return parts;
}

export interface RulingsProps {
  rulings: CardRuling[];
  onOpenRule: (rule: string) => void;
}

/** The official rulings, oldest first as published, each with its date. */
export function Rulings({ rulings, onOpenRule }: RulingsProps) {
  if (rulings.length === 0) {
    return <p className="text-sm text-stone-600 dark:text-stone-400">No rulings for this card.</p>;
  }
  return (
    <ol className="divide-y divide-stone-200 dark:divide-stone-800">
      {rulings.map((ruling, index) => (
        <li key={index} className="py-2.5 text-sm leading-relaxed">
          <time
            dateTime={ruling.published}
            className="mb-0.5 block text-xs font-medium text-stone-500 dark:text-stone-400"
          >
            {DATE.format(new Date(ruling.published))}
          </time>
          <p>{linkRules(ruling.text, onOpenRule)}</p>
        </li>
      ))}
    </ol>
  );
}
