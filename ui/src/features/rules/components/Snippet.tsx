export interface SnippetProps {
  /** A search hit's passage: matched words between `**` and `**`, cuts marked `…`. */
  text: string;
}

/**
 * A search hit's passage with the matched words highlighted. The markers are split on, never
 * parsed as markup, so rules text cannot inject anything into the page.
 */
export function Snippet({ text }: SnippetProps) {
  // Between each pair of markers lies a match: the odd pieces.
  const pieces = text.split("**");
  return (
    <>
      {pieces.map((piece, index) =>
        index % 2 === 1 ? (
          <mark
            key={index}
            className="rounded-sm bg-amber-200/70 px-0.5 text-inherit dark:bg-amber-400/30"
          >
            {piece}
          </mark>
        ) : (
          piece
        ),
      )}
    </>
  );
}
