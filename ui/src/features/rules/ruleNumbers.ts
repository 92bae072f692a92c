import type { RuleLevel, RuleRef } from "../../bindings";

/** How deep a canonical number sits: `7`, `702`, `702.19`, `702.19b`. */
export function levelOf(number: string): RuleLevel {
  if (/[a-z]$/.test(number)) {
    return "subrule";
  }
  if (number.includes(".")) {
    return "rule";
  }
  return number.length === 1 ? "section" : "chapter";
}

/**
 * Whether a rule's text is a title ("Trample", "Start Your Engines!") rather than a rule
 * sentence: headings always are; a numbered rule is when it is one short line without a
 * sentence's closing period or colon.
 */
export function isTitle({ number, text }: RuleRef): boolean {
  switch (levelOf(number)) {
    case "section":
    case "chapter":
      return true;
    case "subrule":
      return false;
    case "rule":
      return text.length <= 60 && !text.includes("\n") && !/[.:]$/.test(text);
  }
}

/** How a rule is named in a breadcrumb or a list: `702. Keyword Abilities`, `702.19 Trample`. */
export function ruleLabel(ref: RuleRef): string {
  const level = levelOf(ref.number);
  const number = level === "section" || level === "chapter" ? `${ref.number}.` : ref.number;
  return isTitle(ref) ? `${number} ${ref.text}` : number;
}
