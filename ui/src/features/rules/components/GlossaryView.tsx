import type { GlossaryEntry } from "../../../bindings";
import { RuleLink } from "./RuleLink";
import { RuleText } from "./RuleText";

export interface GlossaryViewProps {
  entry: GlossaryEntry;
  onOpen: (target: string) => void;
}

/** A glossary term's definition, with the rules it cites. */
export function GlossaryView({ entry, onOpen }: GlossaryViewProps) {
  return (
    <article aria-labelledby="glossary-heading" className="space-y-6">
      <header className="space-y-1">
        <p className="text-xs font-semibold tracking-wider text-stone-500 uppercase dark:text-stone-400">
          Glossary
        </p>
        <h2 id="glossary-heading" tabIndex={-1} className="text-2xl font-semibold tracking-tight">
          {entry.term}
        </h2>
      </header>
      <div className="space-y-3">
        {entry.definition.split("\n").map((line, index) => (
          <RuleText
            key={index}
            text={line}
            onRuleLink={onOpen}
            className="font-serif text-[1.0625rem] leading-8 text-stone-800 dark:text-stone-200"
          />
        ))}
      </div>
      {entry.cited_rules.length > 0 && (
        <section aria-labelledby="glossary-cited-heading" className="space-y-2">
          <h3
            id="glossary-cited-heading"
            className="text-xs font-semibold tracking-wider text-stone-500 uppercase dark:text-stone-400"
          >
            Cited rules
          </h3>
          <ul className="flex flex-wrap gap-2">
            {entry.cited_rules.map((number) => (
              <li key={number}>
                <RuleLink
                  target={number}
                  onOpen={onOpen}
                  className="inline-block rounded border border-stone-300 px-2 py-0.5 font-mono text-sm text-sky-700 tabular-nums hover:bg-stone-100 dark:border-stone-700 dark:text-sky-300 dark:hover:bg-stone-900"
                >
                  {number}
                </RuleLink>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
