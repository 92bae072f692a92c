import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, type MouseEvent, useEffect, useRef } from "react";
import type { CardSummary } from "../../../bindings";
import { ROW_HEIGHT, ResultRow } from "./ResultRow";

export interface ResultListProps {
  id: string;
  cards: CardSummary[];
  /** The highlighted row, -1 for none. */
  activeIndex: number;
  /** The element id of row `index`, for `aria-activedescendant`. */
  optionId: (index: number) => string;
  /** Opens row `index`'s card. */
  onOpen: (index: number) => void;
  /** The search box's keys, so the list answers them the same when it has focus. */
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  /** Where the list was scrolled, to start there again. */
  initialOffset: number;
  /** Reports the scroll position when the list goes away. */
  onLeave: (offset: number) => void;
  busy: boolean;
}

/**
 * Search results as a listbox that renders only the rows in view, so thousands stay smooth.
 * The search box keeps focus and points at the active row with `aria-activedescendant`; the
 * list itself is focusable too, for scrolling with the keyboard.
 */
export function ResultList({
  id,
  cards,
  activeIndex,
  optionId,
  onOpen,
  onKeyDown,
  initialOffset,
  onLeave,
  busy,
}: ResultListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns a mutable instance the React Compiler cannot memoise around; this
  // component does not rely on compiler memoisation.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialOffset,
    // The list fills the window below the search box: starting from the window's size draws
    // the first screenful in the first render, before the list is measured.
    initialRect: { width: window.innerWidth, height: window.innerHeight },
  });

  // New results start at the top; the first render keeps the offset it was given.
  const shownCards = useRef(cards);
  useEffect(() => {
    if (shownCards.current !== cards) {
      shownCards.current = cards;
      virtualizer.scrollToOffset(0);
    }
  }, [cards, virtualizer]);

  useEffect(() => {
    if (activeIndex >= 0) {
      virtualizer.scrollToIndex(activeIndex, { align: "auto" });
    }
  }, [activeIndex, virtualizer]);

  useEffect(() => {
    const element = scrollRef.current;
    return () => {
      onLeave(element?.scrollTop ?? 0);
    };
  }, [onLeave]);

  const openClicked = (event: MouseEvent<HTMLElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>("[data-index]");
    if (row !== null) {
      onOpen(Number(row.dataset["index"]));
    }
  };

  return (
    <div
      ref={scrollRef}
      id={id}
      role="listbox"
      aria-label="Search results"
      aria-busy={busy}
      aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onClick={openClicked}
      className={`min-h-0 flex-1 overflow-y-auto transition-opacity ${busy ? "opacity-60" : ""}`}
    >
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const card = cards[item.index];
          if (card === undefined) {
            return null;
          }
          const active = item.index === activeIndex;
          return (
            <div
              key={item.key}
              id={optionId(item.index)}
              role="option"
              aria-selected={active}
              aria-setsize={cards.length}
              aria-posinset={item.index + 1}
              data-index={item.index}
              className={`absolute top-0 left-0 w-full cursor-pointer ${
                active ? "bg-sky-100 dark:bg-sky-950" : "hover:bg-stone-100 dark:hover:bg-stone-900"
              }`}
              style={{ height: ROW_HEIGHT, transform: `translateY(${String(item.start)}px)` }}
            >
              <ResultRow card={card} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
