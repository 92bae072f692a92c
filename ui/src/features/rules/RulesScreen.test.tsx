import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { axeViolations } from "../../test/axe";
import {
  glossaryEntries,
  glossaryEntry,
  lookup,
  ruleOf,
  rulesOutline,
  searchRules,
} from "../../test/comprehensiveRules";
import { ruleText } from "../../test/referenceData";
import { RulesScreen } from "./RulesScreen";
import { useRules } from "./rulesStore";

/** The commands the rules browser called, in order, with their arguments. */
let calls: { command: string; args: Record<string, unknown> }[];
let scrolledIntoView: Element[];

beforeEach(() => {
  useRules.setState(useRules.getInitialState(), true);
  calls = [];
  mockIPC((command, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ command, args });
    switch (command) {
      case "rules_outline":
        return rulesOutline();
      case "glossary":
        return glossaryEntries();
      case "search_rules":
        return searchRules(String(args.text), Number(args.limit));
      case "get_rule": {
        const answer = lookup(String(args.query));
        // The shell rejects with the AppError itself, as Tauri delivers a command's error.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        return "code" in answer ? Promise.reject(answer) : answer;
      }
      default:
        throw new Error(`unexpected command ${command}`);
    }
  });
  // jsdom lays nothing out and has no scrollIntoView; record which elements asked for it.
  scrolledIntoView = [];
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolledIntoView.push(this);
  };
});

afterEach(() => {
  clearMocks();
  Reflect.deleteProperty(Element.prototype, "scrollIntoView");
});

function renderScreen(rule: string | null = null) {
  const onOpenRule = vi.fn();
  const view = render(<RulesScreen rule={rule} onOpenRule={onOpenRule} />);
  return { ...view, onOpenRule };
}

function treeItem(number: string): HTMLElement {
  const item = document.getElementById(`rules-tree-${number}`);
  if (item === null) {
    throw new Error(`${number} is not in the tree`);
  }
  return item;
}

function readingHeading() {
  return screen.getByRole("heading", { level: 2 });
}

async function jumpTo(query: string) {
  await userEvent.type(
    screen.getByRole("textbox", { name: "Go to a rule number or glossary term" }),
    `${query}{Enter}`,
  );
}

describe("RulesScreen", () => {
  it("opens on the contents, sections with their chapters", async () => {
    renderScreen();
    const tree = await screen.findByRole("tree", { name: "Contents of the Comprehensive Rules" });
    const sections = within(tree).getAllByRole("treeitem");
    expect(sections.map((item) => item.getAttribute("aria-level"))).toEqual(
      Array.from({ length: 9 }, () => "1"),
    );
    expect(sections[6]).toHaveAccessibleName("7. Additional Rules");
    expect(screen.getByRole("heading", { name: "Comprehensive Rules" })).toBeVisible();
    expect(screen.getByRole("link", { name: "Keyword Abilities" })).toBeVisible();
  });

  it("jumps to 702.19b, opening the tree down to it and scrolling it into view", async () => {
    const { onOpenRule } = renderScreen();
    await screen.findByRole("tree");
    await jumpTo("702.19b");

    await waitFor(() => {
      expect(treeItem("702.19b")).toHaveAttribute("aria-selected", "true");
    });
    for (const ancestor of ["7", "702", "702.19"]) {
      expect(treeItem(ancestor)).toHaveAttribute("aria-expanded", "true");
    }
    expect(treeItem("702.19b")).toHaveAttribute("aria-level", "4");
    expect(scrolledIntoView).toContain(treeItem("702.19b"));
    expect(onOpenRule).toHaveBeenCalledWith("702.19b");

    expect(readingHeading()).toHaveTextContent("702.19b");
    const article = screen.getByRole("article");
    expect(article).toHaveTextContent(ruleText("702.19b"));
    const breadcrumb = within(article).getByRole("navigation", { name: "Breadcrumb" });
    expect(
      within(breadcrumb)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["7. Additional Rules›", "702. Keyword Abilities›", "702.19 Trample›", "702.19b"]);
  });

  it("follows a rule number in the text to that rule", async () => {
    const { onOpenRule } = renderScreen("702.19c");
    await waitFor(() => {
      expect(readingHeading()).toHaveTextContent("702.19c");
    });

    await userEvent.click(
      within(screen.getByRole("article")).getByRole("link", { name: "702.19b" }),
    );
    await waitFor(() => {
      expect(readingHeading()).toHaveTextContent("702.19b");
    });
    expect(readingHeading()).toHaveFocus();
    expect(onOpenRule).toHaveBeenCalledWith("702.19b");
    expect(treeItem("702.19b")).toHaveAttribute("aria-selected", "true");
  });

  it("opens the rule another screen links to, listing its sub-rules in full", async () => {
    const { rerender } = renderScreen();
    await screen.findByRole("tree");
    rerender(<RulesScreen rule="702.19" onOpenRule={vi.fn()} />);

    await waitFor(() => {
      expect(readingHeading()).toHaveTextContent("702.19Trample");
    });
    const subrules = screen.getByRole("region", { name: "Sub-rules" });
    for (const letter of ["a", "b", "c", "d", "e"]) {
      const number = `702.19${letter}`;
      expect(within(subrules).getAllByRole("link", { name: number })[0]).toBeVisible();
      expect(subrules).toHaveTextContent(ruleText(number));
    }
    const neighbours = screen.getByRole("navigation", { name: "Neighbouring rules" });
    expect(within(neighbours).getByRole("link", { name: "← 702.18 Shroud" })).toBeVisible();
  });

  it("moves, opens and closes the tree from the keyboard", async () => {
    const { onOpenRule } = renderScreen();
    await screen.findByRole("tree");
    treeItem("1").focus();

    await userEvent.keyboard("{ArrowRight}");
    await waitFor(() => {
      expect(treeItem("1")).toHaveAttribute("aria-expanded", "true");
    });
    await userEvent.keyboard("{ArrowDown}");
    expect(treeItem("100")).toHaveFocus();
    await userEvent.keyboard("{ArrowRight}");
    await waitFor(() => {
      expect(treeItem("100")).toHaveAttribute("aria-expanded", "true");
    });
    await userEvent.keyboard("{ArrowRight}");
    expect(treeItem("100.1")).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await waitFor(() => {
      expect(readingHeading()).toHaveTextContent("100.1");
    });
    expect(onOpenRule).toHaveBeenCalledWith("100.1");
    expect(screen.getByRole("article")).toHaveTextContent(ruleOf("100.1").text);

    await userEvent.keyboard("{ArrowLeft}");
    expect(treeItem("100")).toHaveFocus();
    await userEvent.keyboard("{ArrowLeft}");
    expect(treeItem("100")).toHaveAttribute("aria-expanded", "false");
    expect(document.getElementById("rules-tree-100.1")).toBeNull();
    await userEvent.keyboard("{End}");
    expect(treeItem("9")).toHaveFocus();
  });

  it("opens a rule clicked in the tree, and folds it from its arrow", async () => {
    const { onOpenRule } = renderScreen();
    await screen.findByRole("tree");
    await userEvent.click(within(treeItem("5")).getByText("Turn Structure"));
    await waitFor(() => {
      expect(treeItem("5")).toHaveAttribute("aria-expanded", "true");
    });
    expect(readingHeading()).toHaveTextContent("5.Turn Structure");
    expect(onOpenRule).toHaveBeenLastCalledWith("5");

    await userEvent.click(within(treeItem("510")).getByText("Combat Damage Step"));
    await waitFor(() => {
      expect(treeItem("510")).toHaveAttribute("aria-expanded", "true");
    });
    expect(treeItem("510")).toHaveAttribute("aria-selected", "true");
    expect(treeItem("510.1")).toBeInTheDocument();

    const arrow = treeItem("510").querySelector("[data-toggle]");
    await userEvent.click(arrow as Element);
    expect(treeItem("510")).toHaveAttribute("aria-expanded", "false");
    expect(readingHeading()).toHaveTextContent("510.Combat Damage Step");
  });

  it("opens what the app's history brings back, and its own openings only once", async () => {
    function WithHistory() {
      const [rule, setRule] = useState<string | null>("702.19c");
      history.push(rule);
      return (
        <>
          <button
            type="button"
            onClick={() => {
              setRule("702.19c");
            }}
          >
            Back
          </button>
          <RulesScreen rule={rule} onOpenRule={setRule} />
        </>
      );
    }
    const history: (string | null)[] = [];
    render(<WithHistory />);
    await waitFor(() => {
      expect(readingHeading()).toHaveTextContent("702.19c");
    });
    await userEvent.click(
      within(screen.getByRole("article")).getByRole("link", { name: "702.19b" }),
    );
    await waitFor(() => {
      expect(readingHeading()).toHaveTextContent("702.19b");
    });
    expect(history.at(-1)).toBe("702.19b");
    const asked = () =>
      calls.filter((call) => call.command === "get_rule").map((call) => call.args.query);
    expect(asked().filter((query) => query === "702.19b")).toHaveLength(1);

    await userEvent.click(screen.getByRole("button", { name: "Back" }));
    await waitFor(() => {
      expect(readingHeading()).toHaveTextContent("702.19c");
    });
  });

  it("opens a term's glossary entry from the jump box", async () => {
    renderScreen();
    await screen.findByRole("tree");
    await jumpTo("trample");

    const heading = await screen.findByRole("heading", { level: 2, name: "Trample" });
    const article = heading.closest("article");
    expect(article).toHaveTextContent(glossaryEntry("Trample").definition);
    expect(screen.getByRole("tab", { name: "Glossary" })).toHaveAttribute("aria-selected", "true");
    expect(await screen.findByRole("button", { name: "Trample" })).toHaveAttribute(
      "aria-current",
      "true",
    );

    const cited = screen.getByRole("region", { name: "Cited rules" });
    await userEvent.click(within(cited).getByRole("link", { name: "702.19" }));
    await waitFor(() => {
      expect(readingHeading()).toHaveTextContent("702.19Trample");
    });
  });

  it("offers the nearest rules for a number that does not exist", async () => {
    renderScreen();
    await screen.findByRole("tree");
    await jumpTo("702.19z");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(
      /^No rule 702\.19z in the Comprehensive Rules; the nearest are/,
    );
    const expected = lookup("702.19z");
    expect("suggestions" in expected && expected.suggestions).toEqual([
      "702.19",
      "702.19c",
      "702.19d",
      "702.19e",
      "702.19f",
      "702.19g",
    ]);
    await userEvent.click(screen.getByRole("button", { name: "702.19g" }));
    await waitFor(() => {
      expect(readingHeading()).toHaveTextContent("702.19g");
    });
    expect(screen.getByRole("article")).toHaveTextContent(ruleText("702.19g"));
  });

  it("filters the glossary and shows a term's definition with its cited rules", async () => {
    const { onOpenRule } = renderScreen();
    await userEvent.click(screen.getByRole("tab", { name: "Glossary" }));
    const terms = await screen.findByRole("list", { name: "Glossary terms" });
    await waitFor(() => {
      expect(within(terms).getAllByRole("button")).toHaveLength(glossaryEntries().length);
    });

    await userEvent.type(
      screen.getByRole("searchbox", { name: "Filter glossary terms" }),
      "state-based",
    );
    expect(
      within(terms)
        .getAllByRole("button")
        .map((button) => button.textContent),
    ).toEqual(
      glossaryEntries()
        .map((entry) => entry.term)
        .filter((term) => term.toLowerCase().includes("state-based")),
    );
    await userEvent.click(within(terms).getByRole("button", { name: "State-Based Actions" }));

    const entry = glossaryEntry("State-Based Actions");
    expect(readingHeading()).toHaveTextContent("State-Based Actions");
    expect(screen.getByRole("article")).toHaveTextContent(entry.definition);
    expect(onOpenRule).toHaveBeenCalledWith("State-Based Actions");
    const cited = screen.getByRole("region", { name: "Cited rules" });
    expect(
      within(cited)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual(entry.cited_rules);
  });

  it("searches the full text and marks the matched words", async () => {
    renderScreen();
    await userEvent.click(screen.getByRole("tab", { name: "Search" }));
    await userEvent.type(
      screen.getByRole("searchbox", { name: "Search the rules text" }),
      "trample",
    );

    const results = await screen.findByRole("list", { name: "Search results" });
    const expected = searchRules("trample", 50);
    const hits = within(results).getAllByRole("button");
    expect(hits).toHaveLength(expected.length);
    expect(calls.filter((call) => call.command === "search_rules").at(-1)?.args).toEqual({
      text: "trample",
      limit: 50,
    });
    const marks = results.querySelectorAll("mark");
    expect(marks.length).toBeGreaterThan(expected.length);
    for (const mark of marks) {
      expect(mark.textContent.toLowerCase()).toBe("trample");
    }
    expect(results).not.toHaveTextContent("**");

    const glossaryHit = hits.find((hit) =>
      hit.textContent.startsWith("Trample Over Planeswalkers"),
    );
    expect(glossaryHit).toBeDefined();
    await userEvent.click(glossaryHit as HTMLElement);
    expect(
      await screen.findByRole("heading", { level: 2, name: "Trample Over Planeswalkers" }),
    ).toBeVisible();
    // Opening a hit keeps the results at hand.
    expect(screen.getByRole("list", { name: "Search results" })).toBeVisible();
  });

  it("has no accessibility violations on each view", async () => {
    const { container } = renderScreen();
    await screen.findByRole("tree");
    expect(await axeViolations(container)).toEqual([]);

    // A short chapter: axe takes seconds over the hundreds of items of chapter 702.
    await jumpTo("100.1a");
    await waitFor(() => {
      expect(readingHeading()).toHaveTextContent("100.1a");
    });
    expect(await axeViolations(container)).toEqual([]);

    await userEvent.clear(
      screen.getByRole("textbox", { name: "Go to a rule number or glossary term" }),
    );
    await jumpTo("702.19z");
    await screen.findByRole("alert");
    expect(await axeViolations(container)).toEqual([]);

    await userEvent.click(screen.getByRole("tab", { name: "Glossary" }));
    await userEvent.click(
      await screen.findByRole("button", { name: "Banding, “Bands with Other”" }),
    );
    expect(await axeViolations(container)).toEqual([]);

    await userEvent.click(screen.getByRole("tab", { name: "Search" }));
    await userEvent.type(
      screen.getByRole("searchbox", { name: "Search the rules text" }),
      "banding",
    );
    await screen.findByRole("list", { name: "Search results" });
    expect(await axeViolations(container)).toEqual([]);
  });
});
