/** A link to a rule (or glossary term) that opens it in the rules browser. */
export interface RuleLinkProps {
  /** A rule number (`702.19b`) or a glossary term. */
  target: string;
  onOpen: (target: string) => void;
  /** What the link reads; the target itself when absent. */
  children?: React.ReactNode;
  /** Replaces the inline-link look ({@link LINK_CLASS}) for links styled otherwise. */
  className?: string;
}

/** The look of a link within rules text. */
export const LINK_CLASS =
  "text-sky-700 underline decoration-sky-700/40 underline-offset-2 hover:decoration-sky-700 dark:text-sky-300 dark:decoration-sky-300/40 dark:hover:decoration-sky-300";

/**
 * A real link (`#rule-…`), so it reads and behaves as one, whose click opens the target in
 * place instead of changing the URL.
 */
export function RuleLink({ target, onOpen, children, className }: RuleLinkProps) {
  return (
    <a
      href={`#rule-${encodeURIComponent(target)}`}
      className={className ?? LINK_CLASS}
      onClick={(event) => {
        event.preventDefault();
        onOpen(target);
      }}
    >
      {children ?? target}
    </a>
  );
}
