import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import {
  type BoundFunctions,
  act,
  fireEvent,
  type queries,
  render,
  screen,
  waitFor,
  within,
} from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppError, CardSummary } from "../../bindings";
import { SEARCH_INPUT_ID } from "../../lib/dom";
import { axeViolations } from "../../test/axe";
import { cardsWhere, summaryOf } from "../../test/cardData";
import { SearchScreen } from "./SearchScreen";
import { FIRST_PAGE, RESULT_LIMIT, useSearch } from "./searchStore";

/** What `search_cards` was asked, in order. */
let searches: { query: string; limit: number }[] = [];

type Answer = CardSummary[] | AppError | Promise<CardSummary[]>;

/** Answers `search_cards` with `answer(query)`: real cards, or an error as the shell sends it. */
function answerSearches(answer: (query: string) => Answer) {
  mockIPC((command, args) => {
    if (command !== "search_cards") {
      throw new Error(`unexpected command ${command}`);
    }
    const { query, limit } = args as { query: string; limit: number };
    searches.push({ query, limit });
    const result = answer(query);
    if ("code" in result) {
      // The shell rejects with the plain AppError object, which the bindings turn into a result.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      return Promise.reject(result);
    }
    // As the shell does: at most `limit` cards.
    return Promise.resolve(result).then((cards) => cards.slice(0, limit));
  });
}

const named = (word: string) =>
  cardsWhere((card) => card.name.toLowerCase().includes(word)).map(summaryOf);

function searchBox(): HTMLElement {
  return screen.getByRole("combobox", { name: "Search cards" });
}

/** The result list (the sort selects have options too, so queries look inside it). */
async function resultList() {
  return within(await screen.findByRole("listbox", { name: "Search results" }));
}

/** The result row of the card `name` (a row's accessible name is its whole visible text). */
function option(list: BoundFunctions<typeof queries>, name: string): HTMLElement {
  const row = list.getByText(name, { exact: true }).closest<HTMLElement>("[role=option]");
  if (row === null) {
    throw new Error(`${name} is not in a result row`);
  }
  return row;
}

/** The card names of the rendered rows, in order. */
function optionNames(): string[] {
  return within(screen.getByRole("listbox"))
    .getAllByRole("option")
    .map((row) => row.querySelector(".font-medium")?.textContent ?? "");
}

beforeEach(() => {
  searches = [];
  useSearch.setState(useSearch.getInitialState());
  // jsdom lays nothing out; the list needs a height to know how many rows are in view.
  vi.spyOn(Element.prototype, "clientHeight", "get").mockReturnValue(560);
  vi.spyOn(Element.prototype, "clientWidth", "get").mockReturnValue(800);
});

afterEach(() => {
  vi.useRealTimers();
  clearMocks();
});

describe("SearchScreen", () => {
  it("shows the matching cards with their cost, type, stats and a count", async () => {
    const lightning = named("lightning");
    answerSearches(() => lightning);
    render(<SearchScreen onOpenCard={vi.fn()} />);
    await userEvent.type(searchBox(), "lightning");

    const list = await resultList();
    const bolt = option(list, "Lightning Bolt");
    expect(within(bolt).getByRole("img", { name: "red mana" })).toBeInTheDocument();
    const ball = option(list, "Ball Lightning");
    expect(ball).toHaveTextContent("Creature — Elemental");
    expect(ball).toHaveTextContent("6/1");
    expect(screen.getByRole("status")).toHaveTextContent(`${String(lightning.length)} cards`);
    // Fewer than a first page: one call, no second one for the rest.
    expect(searches).toEqual([{ query: "lightning", limit: FIRST_PAGE }]);
  });

  it("searches once typing pauses, not on every key", async () => {
    const bolts = named("bolt");
    answerSearches(() => bolts);
    // Fake clocks for the debounce alone; keys typed with fireEvent, which waits on no timer.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    render(<SearchScreen onOpenCard={vi.fn()} />);

    for (const typed of ["b", "bo", "bol", "bolt"]) {
      fireEvent.change(searchBox(), { target: { value: typed } });
      await act(() => vi.advanceTimersByTimeAsync(100));
    }
    expect(searches).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(60));
    expect(searches.map((search) => search.query)).toEqual(["bolt"]);
    expect(option(within(screen.getByRole("listbox")), "Lightning Bolt")).toBeInTheDocument();
  });

  it("shows only the latest query's answer when an older one arrives late", async () => {
    let answerGoblin: (cards: CardSummary[]) => void = () => undefined;
    const kings = named("goblin king");
    answerSearches((query) =>
      query === "goblin"
        ? new Promise<CardSummary[]>((resolve) => {
            answerGoblin = resolve;
          })
        : kings,
    );
    const user = userEvent.setup();
    render(<SearchScreen onOpenCard={vi.fn()} />);

    await user.type(searchBox(), "goblin");
    await waitFor(() => {
      expect(searches).toHaveLength(1);
    });
    await user.type(searchBox(), " king");
    await (await resultList()).findByText("Goblin King", { exact: true });
    await act(async () => {
      answerGoblin(named("goblin"));
      await Promise.resolve();
    });

    expect(optionNames()).toEqual(kings.map((card) => card.name));
    expect(screen.getByRole("status")).toHaveTextContent(`${String(kings.length)} card`);
  });

  it("underlines a syntax error in the box's text, even with an order appended", async () => {
    answerSearches((query) =>
      query.startsWith("t:goblin c:purple")
        ? {
            code: "invalid_query",
            message:
              "unknown colour purple (use letters like wubrg, c, m, or names like red, azorius, esper)",
            detail: null,
            suggestions: [],
            span: { start: 11, end: 17 },
          }
        : [],
    );
    const user = userEvent.setup();
    render(<SearchScreen onOpenCard={vi.fn()} />);
    await user.selectOptions(screen.getByRole("combobox", { name: "Sort" }), "Name");
    await user.type(searchBox(), "t:goblin c:purple");

    const alert = await screen.findByRole("alert");
    expect(alert.querySelector("mark")).toHaveTextContent(/^purple$/);
    expect(alert).toHaveTextContent("unknown colour purple");
    expect(searches.at(-1)?.query).toBe("t:goblin c:purple order:name dir:asc");
    expect(searchBox()).toHaveAttribute("aria-invalid", "true");
    expect(searchBox()).toHaveAccessibleDescription(/unknown colour purple/);
    expect(screen.queryByRole("listbox")).toBeNull();
  });

  it("moves through the results from the box and opens the active card with Enter", async () => {
    const lightning = named("lightning");
    answerSearches(() => lightning);
    const onOpenCard = vi.fn();
    const user = userEvent.setup();
    render(<SearchScreen onOpenCard={onOpenCard} />);
    await user.type(searchBox(), "lightning");
    await resultList();

    await user.keyboard("{ArrowDown}{ArrowDown}");
    const second = option(within(screen.getByRole("listbox")), lightning[1]?.name ?? "");
    expect(second).toHaveAttribute("aria-selected", "true");
    expect(searchBox()).toHaveAttribute("aria-activedescendant", second.id);
    await user.keyboard("{End}");
    expect(searchBox()).toHaveAttribute(
      "aria-activedescendant",
      `search-result-${String(lightning.length - 1)}`,
    );
    await user.keyboard("{Home}{ArrowUp}{ArrowDown}{Enter}");
    expect(onOpenCard).toHaveBeenCalledExactlyOnceWith(lightning[1]?.name);
  });

  it("opens a card on click and keeps the search and active row for the way back", async () => {
    const lightning = named("lightning");
    answerSearches(() => lightning);
    const onOpenCard = vi.fn();
    const user = userEvent.setup();
    const { unmount } = render(<SearchScreen onOpenCard={onOpenCard} />);
    await user.type(searchBox(), "lightning");
    await user.click(option(await resultList(), "Chain Lightning"));
    expect(onOpenCard).toHaveBeenCalledExactlyOnceWith("Chain Lightning");
    unmount();

    render(<SearchScreen onOpenCard={onOpenCard} />);
    expect(searchBox()).toHaveValue("lightning");
    expect(searchBox()).toHaveFocus();
    const chain = option(within(screen.getByRole("listbox")), "Chain Lightning");
    expect(chain).toHaveAttribute("aria-selected", "true");
    expect(searchBox()).toHaveAttribute("aria-activedescendant", chain.id);
    expect(searches).toHaveLength(1);
  });

  it("appends the chosen order, unless the query sets its own", async () => {
    answerSearches(() => named("lightning"));
    const user = userEvent.setup();
    render(<SearchScreen onOpenCard={vi.fn()} />);
    await user.type(searchBox(), "lightning");
    await resultList();

    await user.selectOptions(screen.getByRole("combobox", { name: "Sort" }), "Mana value");
    await user.selectOptions(
      screen.getByRole("combobox", { name: "Sort direction" }),
      "Descending",
    );
    await waitFor(() => {
      expect(searches.at(-1)?.query).toBe("lightning order:cmc dir:desc");
    });

    await user.clear(searchBox());
    await user.type(searchBox(), "lightning order:edhrec{Enter}");
    await waitFor(() => {
      expect(searches.at(-1)?.query).toBe("lightning order:edhrec");
    });
    expect(screen.getByRole("combobox", { name: "Sort" })).toBeDisabled();
    expect(screen.getByRole("combobox", { name: "Sort" })).toHaveAccessibleDescription(
      "Your query sets the order",
    );
  });

  it("says when the list stops at the cap, and renders only the rows in view", async () => {
    const creatures = cardsWhere((card) => card.type_line.includes("Creature"), RESULT_LIMIT).map(
      summaryOf,
    );
    expect(creatures).toHaveLength(RESULT_LIMIT);
    answerSearches(() => creatures);
    render(<SearchScreen onOpenCard={vi.fn()} />);
    await userEvent.type(searchBox(), "t:creature{Enter}");

    await waitFor(() => {
      expect(screen.getByRole("status")).toHaveTextContent(
        "Showing the first 3,000 cards — refine your search to see the rest",
      );
    });
    const rendered = (await resultList()).getAllByRole("option");
    expect(rendered.length).toBeLessThan(50);
    expect(rendered[0]).toHaveAttribute("aria-setsize", "3000");
    // A first screenful, then the rest.
    expect(searches.map((search) => search.limit)).toEqual([FIRST_PAGE, RESULT_LIMIT]);
  });

  it("offers example queries before the first search", async () => {
    answerSearches(() => named("lightning"));
    render(<SearchScreen onOpenCard={vi.fn()} />);
    const examples = within(screen.getByRole("list", { name: "Example searches" }));
    expect(examples.getByRole("button", { name: "t:creature c:g mv<=2" })).toBeInTheDocument();
    expect(examples.getByRole("button", { name: 'o:"draw a card" t:instant' })).toBeInTheDocument();

    await userEvent.click(examples.getByRole("button", { name: "lightning" }));
    expect(searchBox()).toHaveValue("lightning");
    option(await resultList(), "Lightning Bolt");
    expect(searches.map((search) => search.query)).toEqual(["lightning"]);
  });

  it("says so when nothing matches", async () => {
    answerSearches(() => []);
    render(<SearchScreen onOpenCard={vi.fn()} />);
    await userEvent.type(searchBox(), "t:goblin t:angel mv=0{Enter}");
    expect(await screen.findByText(/No cards match/)).toHaveTextContent(
      "No cards match t:goblin t:angel mv=0",
    );
  });

  it("explains a missing knowledge base and retries other failures", async () => {
    const missing: AppError = {
      code: "no_knowledge_base",
      message: "The knowledge base has not been imported yet. Import it to start.",
      detail: null,
      suggestions: [],
      span: null,
    };
    answerSearches(() => missing);
    const user = userEvent.setup();
    const { unmount } = render(<SearchScreen onOpenCard={vi.fn()} />);
    await user.type(searchBox(), "bolt{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent(missing.message);
    unmount();

    let failures = 1;
    answerSearches(() =>
      failures-- > 0
        ? {
            code: "internal",
            message: "Something went wrong reading the knowledge base.",
            detail: "disk I/O error",
            suggestions: [],
            span: null,
          }
        : named("bolt"),
    );
    useSearch.setState(useSearch.getInitialState());
    render(<SearchScreen onOpenCard={vi.fn()} />);
    await user.type(searchBox(), "bolt{Enter}");
    await user.click(await screen.findByRole("button", { name: "Try again" }));
    expect(option(await resultList(), "Lightning Bolt")).toBeVisible();
  });

  it("has no accessibility violations, empty or with results", async () => {
    answerSearches(() => named("lightning"));
    const { container } = render(<SearchScreen onOpenCard={vi.fn()} />);
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.type(searchBox(), "lightning");
    await resultList();
    await userEvent.keyboard("{ArrowDown}");
    expect(await axeViolations(container)).toEqual([]);
    expect(document.getElementById(SEARCH_INPUT_ID)).toBe(searchBox());
  });
});
