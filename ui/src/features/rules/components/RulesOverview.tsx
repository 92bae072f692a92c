import type { OutlineSection } from "../../../bindings";
import { RuleLink } from "./RuleLink";

export interface RulesOverviewProps {
  outline: OutlineSection[];
  onOpen: (target: string) => void;
}

/** The reading pane before anything is opened: the rules' table of contents. */
export function RulesOverview({ outline, onOpen }: RulesOverviewProps) {
  return (
    <article aria-labelledby="rules-overview-heading" className="space-y-8">
      <header className="space-y-2">
        <h2
          id="rules-overview-heading"
          tabIndex={-1}
          className="text-2xl font-semibold tracking-tight"
        >
          Comprehensive Rules
        </h2>
        <p className="font-serif text-[1.0625rem] leading-8 text-stone-700 dark:text-stone-300">
          The complete rules of Magic: The Gathering, with their glossary. Browse the contents, jump
          straight to a rule number such as 702.19b or a term such as trample, or search the full
          text.
        </p>
      </header>
      <div className="grid gap-x-10 gap-y-8 sm:grid-cols-2">
        {outline.map((section) => (
          <section key={section.number} aria-labelledby={`overview-section-${section.number}`}>
            <h3 id={`overview-section-${section.number}`} className="mb-2 font-semibold">
              <RuleLink target={section.number} onOpen={onOpen}>
                {section.number}. {section.text}
              </RuleLink>
            </h3>
            <ul className="space-y-0.5 text-sm">
              {section.chapters.map((chapter) => (
                <li key={chapter.number} className="flex gap-2">
                  <span className="font-mono text-xs leading-5 text-stone-500 tabular-nums dark:text-stone-400">
                    {chapter.number}.
                  </span>
                  <RuleLink
                    target={chapter.number}
                    onOpen={onOpen}
                    className="text-stone-800 hover:text-sky-700 hover:underline dark:text-stone-200 dark:hover:text-sky-300"
                  >
                    {chapter.text}
                  </RuleLink>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </article>
  );
}
