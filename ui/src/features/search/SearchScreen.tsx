import { SEARCH_INPUT_ID } from "../../lib/dom";

export interface SearchScreenProps {
  onOpenCard: (name: string) => void;
}

// Placeholder until the search screen lands (this session).
export function SearchScreen({ onOpenCard }: SearchScreenProps) {
  return (
    <input
      id={SEARCH_INPUT_ID}
      aria-label="Search cards"
      onKeyDown={(event) => {
        if (event.key === "Enter") onOpenCard(event.currentTarget.value);
      }}
    />
  );
}
