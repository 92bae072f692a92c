import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DeckCard, DeckDetail } from "../../bindings";
import { axeViolations } from "../../test/axe";
import { fullCard, summaryOf } from "../../test/cardData";
import { DeckScreen } from "./DeckScreen";
import { useDeckEditor } from "./deckStore";

/** The deck the mocked shell keeps, as the user-data database would. */
let stored: DeckDetail;
/** The line lists `save_deck` received, in order. */
let saves: DeckCard[][];
/** What `draw_odds` was asked. */
let odds: Record<string, unknown>[];

function detail(cards: DeckCard[], revision: number): DeckDetail {
  return {
    deck: {
      id: "deck-1",
      name: "Goblins",
      format: "commander",
      created_at: "2026-12-06T08:00:00.000Z",
      updated_at: "2026-12-06T08:00:00.000Z",
      revision,
      deck: { name: "Goblins", cards },
    },
    cards: cards.map((line) => summaryOf(fullCard(line.card.name))),
    unknown_names: [],
  };
}

beforeEach(() => {
  saves = [];
  odds = [];
  stored = detail(
    [
      {
        section: "commander",
        quantity: 1,
        card: { name: "Krenko, Mob Boss", printing: null, finish: null },
      },
    ],
    1,
  );
  useDeckEditor.setState({ detail: null, cards: [], past: [], future: [], saving: 0, error: null });
  mockIPC((command, args) => {
    const a = args as Record<string, unknown>;
    switch (command) {
      case "get_deck":
        return stored;
      case "save_deck": {
        if (a.revision !== stored.deck.revision) {
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          return Promise.reject({
            code: "deck_changed",
            message: "changed",
            detail: null,
            suggestions: [],
            span: null,
          });
        }
        const cards = a.cards as DeckCard[];
        saves.push(cards);
        stored = detail(cards, stored.deck.revision + 1);
        return stored;
      }
      case "analyze_deck":
        return {
          analysis: {
            cards: 2,
            library: 1,
            lands: 0,
            average_mana_value: 3,
            curve: [0, 1, 2, 3, 4, 5, 6, 7].map((mv) => ({
              mana_value: mv,
              permanents: mv === 3 ? 1 : 0,
              spells: 0,
              by_type: {},
            })),
            types: { Creature: 1 },
            roles: [{ role: "ramp", copies: 0, cards: [], in_opening_hand: 0 }],
            colours: [
              { colour: "R", pips: 2, sources: 0, recommended: 0, hardest: "Krenko, Mob Boss" },
            ],
            land_advice: { lands: 0, recommended: 1, basis: "a fit" },
            opening_hand_lands: [1, 0, 0, 0, 0, 0, 0, 0],
            land_drops: [{ turn: 1, on_the_play: 0, on_the_draw: 0 }],
          },
          combos: [],
        };
      case "draw_odds":
        odds.push(a);
        return 0.25;
      case "search_cards":
        return [summaryOf(fullCard("Goblin Guide")), summaryOf(fullCard("Goblin Lackey"))];
      case "check_deck":
        return {
          format: a.format,
          report: {
            violations: [
              {
                card: null,
                rule: "CR 903.5a",
                message:
                  "a Commander deck has exactly 100 cards with its commander; this one has 2",
              },
            ],
            notes: [],
          },
        };
      default:
        throw new Error(`unexpected command ${command}`);
    }
  });
});

afterEach(() => {
  clearMocks();
});

function renderScreen() {
  const opened: string[] = [];
  render(
    <DeckScreen
      id="deck-1"
      onBack={() => {}}
      onOpenCard={(name) => opened.push(name)}
      onOpenRule={() => {}}
    />,
  );
  return opened;
}

describe("DeckScreen", () => {
  it("adds the picked card with the keyboard, saves each change and undoes it", async () => {
    const user = userEvent.setup();
    renderScreen();
    const main = await screen.findByRole("region", { name: "Main deck" });
    await user.type(screen.getByRole("combobox", { name: "Add cards" }), "goblin");
    await screen.findByRole("listbox", { name: "Cards to add" });
    await user.keyboard("{ArrowDown}{Enter}");
    await within(main).findByText("Goblin Lackey");
    await waitFor(() => {
      expect(saves.at(-1)?.map((l) => l.card.name)).toEqual(["Krenko, Mob Boss", "Goblin Lackey"]);
    });

    await user.keyboard("{Shift>}{Enter}{/Shift}");
    const side = await screen.findByRole("region", { name: "Sideboard" });
    expect(within(side).getByText("Goblin Lackey")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Undo" }));
    await waitFor(() => {
      expect(screen.queryByRole("region", { name: "Sideboard" })).toBeNull();
    });
    expect(saves.at(-1)?.map((l) => l.section)).toEqual(["commander", "main"]);
    await user.click(screen.getByRole("button", { name: "Redo" }));
    await screen.findByRole("region", { name: "Sideboard" });
  });

  it("changes quantities and moves lines between sections", async () => {
    const user = userEvent.setup();
    renderScreen();
    await screen.findByRole("region", { name: "Main deck" });
    await user.type(screen.getByRole("combobox", { name: "Add cards" }), "goblin");
    await screen.findByRole("listbox", { name: "Cards to add" });
    await user.click(screen.getByRole("option", { name: /Goblin Guide/ }));
    await user.click(await screen.findByRole("button", { name: "One more Goblin Guide" }));
    await waitFor(() => {
      expect(saves.at(-1)?.[1]?.quantity).toBe(2);
    });
    await user.selectOptions(screen.getByLabelText("Move Goblin Guide to"), "sideboard");
    const side = await screen.findByRole("region", { name: "Sideboard" });
    expect(within(side).getByText("Goblin Guide")).toBeInTheDocument();
    await user.click(within(side).getByRole("button", { name: "One fewer Goblin Guide" }));
    await user.click(within(side).getByRole("button", { name: "One fewer Goblin Guide" }));
    await waitFor(() => {
      expect(saves.at(-1)?.map((l) => l.card.name)).toEqual(["Krenko, Mob Boss"]);
    });
  });

  it("shows the legality check with its rule", async () => {
    renderScreen();
    const violations = await screen.findByRole("list", { name: "Violations" });
    expect(violations).toHaveTextContent("exactly 100 cards");
    expect(within(violations).getByRole("button", { name: "(CR 903.5a)" })).toBeInTheDocument();
  });

  it("draws the curve and asks the shell for drawing odds", async () => {
    const user = userEvent.setup();
    renderScreen();
    await user.click(await screen.findByRole("tab", { name: "Analysis" }));
    expect(await screen.findByRole("img", { name: /^Mana curve/ })).toBeInTheDocument();
    expect(screen.getByRole("img", { name: /^Colours/ })).toHaveAccessibleName(
      /Red: 2 pips, 0 sources/,
    );
    expect(await screen.findByText("25.0%")).toBeInTheDocument();
    const turn = screen.getByRole("spinbutton", { name: "By turn" });
    await user.clear(turn);
    await user.type(turn, "5");
    await waitFor(() => {
      expect(odds.at(-1)).toMatchObject({ turn: 5, onThePlay: true, wanted: 1 });
    });
  });

  it("has no accessibility violations", async () => {
    const { container } = render(
      <DeckScreen id="deck-1" onBack={() => {}} onOpenCard={() => {}} onOpenRule={() => {}} />,
    );
    await screen.findByRole("region", { name: "Main deck" });
    await screen.findByRole("list", { name: "Violations" });
    expect(await axeViolations(container)).toEqual([]);
  });
});
