import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { axeViolations } from "../../../test/axe";
import { ruleText } from "../../../test/referenceData";
import { RuleText } from "./RuleText";

describe("RuleText", () => {
  it("links a subrule number mentioned in the text", async () => {
    const onRuleLink = vi.fn();
    render(<RuleText text={ruleText("702.19c")} onRuleLink={onRuleLink} />);
    const links = screen.getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual(["702.19b"]);
    await userEvent.click(links[0] as HTMLElement);
    expect(onRuleLink).toHaveBeenCalledWith("702.19b");
  });

  it("links a bare rule number after 'rule'", () => {
    render(<RuleText text={ruleText("702.19a")} onRuleLink={vi.fn()} />);
    expect(screen.getByRole("link", { name: "510" })).toHaveAttribute("href", "#rule-510");
  });

  it("does not link numbers that are not rules", () => {
    // 100.2a speaks of "60 cards" and cites rule 201.3.
    render(<RuleText text={ruleText("100.2a")} onRuleLink={vi.fn()} />);
    expect(screen.getAllByRole("link").map((link) => link.textContent)).toEqual(["201.3"]);
  });

  it("opens a link from the keyboard", async () => {
    const onRuleLink = vi.fn();
    render(<RuleText text={ruleText("702.19c")} onRuleLink={onRuleLink} />);
    await userEvent.tab();
    await userEvent.keyboard("{Enter}");
    expect(onRuleLink).toHaveBeenCalledWith("702.19b");
  });

  it("has no accessibility violations", async () => {
    const { container } = render(<RuleText text={ruleText("702.19c")} onRuleLink={vi.fn()} />);
    expect(await axeViolations(container)).toEqual([]);
  });
});
