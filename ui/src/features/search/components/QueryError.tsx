/** A search query's syntax error, as the query parser reports it. */
export interface QueryErrorProps {
  /** The query exactly as the user typed it. */
  query: string;
  /** What is wrong, e.g. "unknown keyword `foo`". */
  message: string;
  /** First character of the bad part, counted in Unicode characters (Rust `char`s). */
  start: number;
  /** One past the last character of the bad part; equal to `start` at the end of the query. */
  end: number;
  /** Lets the search box point at this error with `aria-describedby`. */
  id?: string;
}

/**
 * The query shown again under the search box with the bad part underlined, then the message.
 * The parser counts characters as Rust does (code points), so the query is split by code point,
 * not by UTF-16 unit, or an emoji before the error would shift the underline.
 */
export function QueryError({ query, message, start, end, id }: QueryErrorProps) {
  const characters = Array.from(query);
  const from = Math.min(Math.max(start, 0), characters.length);
  const to = Math.min(Math.max(end, from), characters.length);
  const before = characters.slice(0, from).join("");
  // An error at the very end (a missing value) has nothing to underline: mark the gap after it.
  const bad = to > from ? characters.slice(from, to).join("") : "\u00a0";
  const after = characters.slice(to).join("");
  return (
    <div id={id} role="alert" className="mt-1 text-sm">
      <p className="font-mono whitespace-pre-wrap break-all text-stone-600 dark:text-stone-400">
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
