import { RuleLink } from "./RuleLink";

/** A Comprehensive Rules text and what to do when a rule number in it is chosen. */
export interface RuleTextProps {
  text: string;
  /** Called with the rule number as written, e.g. `702.19b` or `510`. */
  onRuleLink: (ruleNumber: string) => void;
  /** The paragraph's classes, for its place in the page. */
  className?: string;
}

// Subrules are written `702.19b` and always link. A bare three-digit number is a rule only
// after "rule"/"rules" ("See rule 510"); elsewhere it may be a count ("100 cards").
const RULE_REFERENCE = /\b\d{3}\.\d+[a-z]?\b|(?<=\brules? )\d{3}\b/g;

/** Rule text in which every rule number it mentions is a link into the rules browser. */
export function RuleText({ text, onRuleLink, className = "leading-relaxed" }: RuleTextProps) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(RULE_REFERENCE)) {
    const ruleNumber = match[0];
    parts.push(text.slice(last, match.index));
    parts.push(<RuleLink key={match.index} target={ruleNumber} onOpen={onRuleLink} />);
    last = match.index + ruleNumber.length;
  }
  parts.push(text.slice(last));
  return <p className={className}>{parts}</p>;
}
