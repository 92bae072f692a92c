import type { Rule, RuleRef } from "../../../bindings";
import { isTitle, levelOf, ruleLabel } from "../ruleNumbers";
import { LINK_CLASS, RuleLink } from "./RuleLink";
import { RuleText } from "./RuleText";

export interface RuleViewProps {
  rule: Rule;
  /** The rules beside it under the same parent, in order (for previous and next). */
  siblings: RuleRef[];
  onOpen: (target: string) => void;
}

const PROSE = "font-serif text-[1.0625rem] leading-8 text-stone-800 dark:text-stone-200";

const CHILDREN_HEADING: Record<string, string> = {
  section: "Chapters",
  chapter: "Rules",
  rule: "Sub-rules",
};

/** A rule typeset for reading: where it sits, its text, its examples, and what it contains. */
export function RuleView({ rule, siblings, onOpen }: RuleViewProps) {
  const level = levelOf(rule.number);
  const titled = isTitle(rule);
  const index = siblings.findIndex((sibling) => sibling.number === rule.number);
  const previous = index > 0 ? siblings[index - 1] : undefined;
  const next = index >= 0 ? siblings[index + 1] : undefined;
  // A sub-rule's parent rule stands in the trail only when it is not the chapter already there.
  const trail = [rule.section, rule.chapter, level === "subrule" ? rule.parent : null].filter(
    (ref): ref is RuleRef => ref !== null,
  );
  // Headings' children are titles, listed compactly; a rule's sub-rules are read in full.
  const compactChildren = level === "section" || level === "chapter";

  return (
    <article aria-labelledby="rule-heading" className="space-y-6">
      {trail.length > 0 && (
        <nav aria-label="Breadcrumb">
          <ol className="flex flex-wrap items-baseline gap-x-1.5 gap-y-1 text-sm text-stone-500 dark:text-stone-400">
            {trail.map((ref) => (
              <li key={ref.number} className="flex items-baseline gap-1.5">
                <RuleLink target={ref.number} onOpen={onOpen}>
                  {ruleLabel(ref)}
                </RuleLink>
                <span aria-hidden="true">›</span>
              </li>
            ))}
            <li aria-current="page" className="font-mono text-stone-700 dark:text-stone-300">
              {rule.number}
            </li>
          </ol>
        </nav>
      )}

      <header>
        <h2
          id="rule-heading"
          tabIndex={-1}
          className="flex flex-wrap items-baseline gap-x-3 text-2xl"
        >
          <span className="font-mono font-semibold text-sky-800 tabular-nums dark:text-sky-300">
            {level === "section" || level === "chapter" ? `${rule.number}.` : rule.number}
          </span>
          {titled && <span className="font-semibold tracking-tight">{rule.text}</span>}
        </h2>
      </header>

      {!titled && (
        <div className="space-y-3">
          {rule.text.split("\n").map((line, lineIndex) => (
            <RuleText key={lineIndex} text={line} onRuleLink={onOpen} className={PROSE} />
          ))}
        </div>
      )}

      {rule.examples.length > 0 && (
        <div className="space-y-3">
          {rule.examples.map((example, exampleIndex) => (
            <div
              key={exampleIndex}
              className="rounded-r border-l-4 border-amber-400 bg-amber-50 px-4 py-3 dark:border-amber-500 dark:bg-amber-950/30"
            >
              <p className="mb-1 text-xs font-semibold tracking-wider text-amber-800 uppercase dark:text-amber-300">
                Example
              </p>
              {example.split("\n").map((line, lineIndex) => (
                <RuleText
                  key={lineIndex}
                  text={line}
                  onRuleLink={onOpen}
                  className="font-serif leading-7 text-stone-800 italic dark:text-stone-200"
                />
              ))}
            </div>
          ))}
        </div>
      )}

      {rule.children.length > 0 && (
        <section aria-labelledby="rule-children-heading" className="space-y-3">
          <h3
            id="rule-children-heading"
            className="text-xs font-semibold tracking-wider text-stone-500 uppercase dark:text-stone-400"
          >
            {CHILDREN_HEADING[level]}
          </h3>
          {compactChildren ? (
            <ul className="columns-1 gap-8 text-sm sm:columns-2">
              {rule.children.map((child) => (
                <li key={child.number} className="break-inside-avoid py-0.5">
                  <RuleLink
                    target={child.number}
                    onOpen={onOpen}
                    className={`${LINK_CLASS} font-mono text-xs tabular-nums`}
                  >
                    {child.number}
                  </RuleLink>{" "}
                  {isTitle(child) ? child.text : firstWords(child.text)}
                </li>
              ))}
            </ul>
          ) : (
            <ol className="space-y-4">
              {rule.children.map((child) => (
                <li key={child.number} className="grid grid-cols-[4.5rem_1fr] gap-x-3">
                  <RuleLink
                    target={child.number}
                    onOpen={onOpen}
                    className={`${LINK_CLASS} pt-1.5 font-mono text-sm tabular-nums`}
                  >
                    {child.number}
                  </RuleLink>
                  <div className="space-y-2">
                    {child.text.split("\n").map((line, lineIndex) => (
                      <RuleText key={lineIndex} text={line} onRuleLink={onOpen} className={PROSE} />
                    ))}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}

      {(previous !== undefined || next !== undefined) && (
        <nav
          aria-label="Neighbouring rules"
          className="flex justify-between gap-4 border-t border-stone-200 pt-4 text-sm dark:border-stone-800"
        >
          {previous === undefined ? (
            <span />
          ) : (
            <RuleLink target={previous.number} onOpen={onOpen}>
              ← {ruleLabel(previous)}
            </RuleLink>
          )}
          {next !== undefined && (
            <RuleLink target={next.number} onOpen={onOpen}>
              {ruleLabel(next)} →
            </RuleLink>
          )}
        </nav>
      )}
    </article>
  );
}

/** The start of a long rule text, for a one-line list entry. */
function firstWords(text: string): string {
  const line = text.split("\n", 1)[0] ?? text;
  return line.length > 90 ? `${line.slice(0, 88).trimEnd()}…` : line;
}
