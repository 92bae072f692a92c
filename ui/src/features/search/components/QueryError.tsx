/** A search query's syntax error, as the shell reports it. */
export interface QueryErrorProps {
  /** The query exactly as the user typed it. */
  query: string;
  /** What is wrong, e.g. "unknown colour purple". */
  message: string;
  /** First UTF-16 code unit of the bad part (the offsets `AppError.span` carries). */
  start: number;
  /** One past its last code unit; equal to `start` at the end of the query. */
  end: number;
  /** Lets the search box point at this error with `aria-describedby`. */
  id?: string;
}

/**
 * The query shown again under the search box with the bad part underlined, then the message.
 * The shell converts the parser's character offsets to UTF-16 units, so the query is sliced as
 * a JavaScript string; a span past the end (text the screen appended) stays inside the query.
 */
export function QueryError({ query, message, start, end, id }: QueryErrorProps) {
  const from = Math.min(Math.max(start, 0), query.length);
  const to = Math.min(Math.max(end, from), query.length);
  const before = query.slice(0, from);
  // An error at the very end (a missing value) has nothing to underline: mark the gap after it.
  const bad = to > from ? query.slice(from, to) : "\u00a0";
  const after = query.slice(to);
  return (
    <div id={id} role="alert" className="mt-1 text-sm">
      <p className="font-mono break-all whitespace-pre-wrap text-stone-600 dark:text-stone-400">
        {before}
        <mark className="bg-transparent text-red-700 underline decoration-red-600 decoration-wavy decoration-2 underline-offset-4 dark:text-red-300 dark:decoration-red-400">
          {bad}
        </mark>
        {after}
      </p>
      <p className="text-red-700 dark:text-red-300">{message}</p>
    </div>
  );
}
