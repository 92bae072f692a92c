import { clearMocks, mockConvertFileSrc, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppError, Card } from "../../bindings";
import { axeViolations } from "../../test/axe";
import { fullCard } from "../../test/cardData";
import { CardScreen } from "./CardScreen";
import { useCards } from "./cardStore";

const DELVER = "Delver of Secrets // Insectile Aberration";

/** The names `get_card` was asked for, in order. */
let asked: string[] = [];

/** Answers `get_card` with `answer(name)`: a real card, or an error as the shell sends it. */
function answerCards(answer: (name: string) => Card | AppError) {
  mockIPC((command, args) => {
    if (command !== "get_card") {
      throw new Error(`unexpected command ${command}`);
    }
    const { name } = args as { name: string };
    asked.push(name);
    const result = answer(name);
    // The shell rejects with the plain AppError object, which the bindings turn into a result.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    return "code" in result ? Promise.reject(result) : result;
  });
  mockConvertFileSrc("linux");
}

function renderCard(name: string, callbacks: Partial<Parameters<typeof CardScreen>[0]> = {}) {
  return render(
    <CardScreen
      name={name}
      onBack={callbacks.onBack ?? vi.fn()}
      onOpenCard={callbacks.onOpenCard ?? vi.fn()}
      onOpenRule={callbacks.onOpenRule ?? vi.fn()}
    />,
  );
}

/** Waits for the card's page (not the loading state, which shows the asked name too). */
async function loaded(name: string): Promise<HTMLElement> {
  return screen.findByRole("article", { name });
}

/** The text frame standing in for the picture (a `div`, where the picture is an `img`). */
function textFrame(name: string): HTMLElement | undefined {
  return screen.getAllByRole("img", { name }).find((element) => element.tagName === "DIV");
}

beforeEach(() => {
  asked = [];
  useCards.setState(useCards.getInitialState());
});

afterEach(() => {
  clearMocks();
});

describe("CardScreen", () => {
  it("shows every face of a double-faced card with its text and stats", async () => {
    answerCards(fullCard);
    renderCard(DELVER);

    await loaded(DELVER);
    expect(screen.getByRole("heading", { level: 2, name: DELVER })).toHaveFocus();
    const front = screen.getByRole("region", { name: "Delver of Secrets" });
    expect(front).toHaveTextContent("Creature — Human Wizard");
    expect(front).toHaveTextContent(
      "At the beginning of your upkeep, look at the top card of your library.",
    );
    expect(front).toHaveTextContent("Power/toughness1/1");
    expect(within(front).getByRole("img", { name: "blue mana" })).toBeInTheDocument();
    const back = screen.getByRole("region", { name: "Insectile Aberration" });
    expect(back).toHaveTextContent("Creature — Human Insect");
    expect(back).toHaveTextContent("Flying");
    expect(back).toHaveTextContent("Power/toughness3/2");
    expect(back).toHaveTextContent("Colour indicatorBlue");
    expect(asked).toEqual([DELVER]);
  });

  it("shows legality, rulings, printings and the card's facts", async () => {
    answerCards(fullCard);
    renderCard(DELVER);
    await loaded(DELVER);

    const legality = screen.getByRole("region", { name: "Legality" });
    const modern = within(legality).getByRole("rowheader", { name: "Modern" }).closest("tr");
    expect(modern).toHaveTextContent("Legal");
    const rulings = within(screen.getByRole("region", { name: "Rulings" })).getAllByRole(
      "listitem",
    );
    expect(rulings).toHaveLength(2);
    expect(rulings[0]).toHaveTextContent(
      "Sep 22, 2011You may reveal the card even if it's not an instant or sorcery.",
    );
    const printings = within(screen.getByRole("table", { name: "Printings" }));
    expect(printings.getAllByRole("row").map((row) => row.textContent)).toEqual([
      "SetNumberRarityReleased",
      "DBL47Uncommon",
      "ISD",
      "MID",
      "V17",
    ]);
    const facts = screen.getByRole("region", { name: "Details" });
    expect(facts).toHaveTextContent("EDHREC rank#10,548");
    expect(facts).toHaveTextContent("KeywordsTransformFlying");
    expect(facts).toHaveTextContent("GamesPaper");
    expect(facts).toHaveTextContent("Reserved ListNo");
  });

  it("turns a double-faced card's picture over and draws a text frame when it fails", async () => {
    answerCards(fullCard);
    const { container } = renderCard(DELVER);
    await loaded(DELVER);
    const id = fullCard(DELVER).scryfall_id ?? "";

    // While the picture loads, the frame shows the front face.
    const picture = container.querySelector("img");
    expect(picture).toHaveAttribute("src", `card-image://localhost/${id}%2Ffront`);
    expect(textFrame("Delver of Secrets")).toHaveTextContent("Delver of Secrets");
    fireEvent.load(picture as HTMLImageElement);
    expect(textFrame("Delver of Secrets")).toBeUndefined();

    await userEvent.click(screen.getByRole("button", { name: "Show back face" }));
    const backPicture = container.querySelector("img");
    expect(backPicture).toHaveAttribute("src", `card-image://localhost/${id}%2Fback`);
    fireEvent.error(backPicture as HTMLImageElement);
    expect(container.querySelector("img")).toBeNull();
    const frame = textFrame("Insectile Aberration");
    expect(frame).toHaveTextContent("Insectile Aberration");
    expect(frame).toHaveTextContent("Creature — Human Insect");
    expect(frame).toHaveTextContent("Flying3/2");

    // The front's picture had loaded: turning back shows it, not a frame.
    await userEvent.click(screen.getByRole("button", { name: "Show front face" }));
    expect(container.querySelector("img")).toHaveAttribute("alt", "Delver of Secrets");
    expect(textFrame("Delver of Secrets")).toBeUndefined();
  });

  it("draws the text frame alone when the card has no Scryfall id", async () => {
    answerCards((name) => ({ ...fullCard(name), scryfall_id: null }));
    const { container } = renderCard("Lightning Bolt");
    await loaded("Lightning Bolt");

    expect(container.querySelector("img")).toBeNull();
    const frame = textFrame("Lightning Bolt");
    expect(frame).toHaveTextContent("Lightning Bolt deals 3 damage to any target.");
    expect(screen.queryByRole("button", { name: /Show back face/ })).toBeNull();
  });

  it("links the rule numbers rulings cite", async () => {
    answerCards(fullCard);
    const onOpenRule = vi.fn();
    renderCard("Rules Lawyer", { onOpenRule });
    await loaded("Rules Lawyer");

    await userEvent.click(screen.getByRole("link", { name: "704.5a" }));
    expect(onOpenRule).toHaveBeenCalledExactlyOnceWith("704.5a");
    expect(screen.getByRole("link", { name: "704.5t" })).toBeInTheDocument();
  });

  it("offers the closest names when no card has the asked one", async () => {
    answerCards((name) => ({
      code: "card_not_found",
      message: `No card is named \u201c${name}\u201d.`,
      detail: null,
      suggestions: ["Delver of Secrets // Insectile Aberration", "Phyrexian Delver"],
      span: null,
    }));
    const onOpenCard = vi.fn();
    const { container } = renderCard("Delver of Secret", { onOpenCard });

    expect(
      await screen.findByRole("heading", {
        name: "No card is named \u201cDelver of Secret\u201d.",
      }),
    ).toBeInTheDocument();
    const suggestions = within(screen.getByRole("list", { name: "Suggested cards" }));
    await userEvent.click(suggestions.getByRole("button", { name: "Phyrexian Delver" }));
    expect(onOpenCard).toHaveBeenCalledExactlyOnceWith("Phyrexian Delver");
    expect(await axeViolations(container)).toEqual([]);
  });

  it("retries a failure and keeps loaded cards for the way back", async () => {
    let failures = 1;
    answerCards((name) =>
      failures-- > 0
        ? {
            code: "internal",
            message: "Something went wrong reading the knowledge base.",
            detail: "disk I/O error",
            suggestions: [],
            span: null,
          }
        : fullCard(name),
    );
    const onBack = vi.fn();
    const first = renderCard("Black Lotus", { onBack });
    await userEvent.click(await screen.findByRole("button", { name: "Try again" }));
    expect(await loaded("Black Lotus")).toBeVisible();
    expect(screen.getByRole("list", { name: "Highlights" })).toHaveTextContent("Reserved List");
    await userEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(onBack).toHaveBeenCalledOnce();
    first.unmount();

    // Shown at once from the store, without asking the shell again.
    renderCard("Black Lotus");
    expect(screen.getByRole("article", { name: "Black Lotus" })).toBeVisible();
    expect(asked).toEqual(["Black Lotus", "Black Lotus"]);
  });

  it("has no accessibility violations", async () => {
    answerCards(fullCard);
    const { container } = renderCard(DELVER);
    await loaded(DELVER);
    expect(await axeViolations(container)).toEqual([]);
  });
});
