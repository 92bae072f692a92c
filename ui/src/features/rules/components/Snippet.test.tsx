import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { searchRules } from "../../../test/comprehensiveRules";
import { Snippet } from "./Snippet";

describe("Snippet", () => {
  it("marks each matched word and drops the markers", () => {
    const hit = searchRules("trample", 1)[0];
    expect(hit?.snippet).toMatch(
      /^\*\*Trample\*\* over planeswalkers is a variant of \*\*trample\*\*/,
    );
    const { container } = render(
      <p>{hit === undefined ? null : <Snippet text={hit.snippet} />}</p>,
    );
    expect([...container.querySelectorAll("mark")].map((mark) => mark.textContent)).toEqual([
      "Trample",
      "trample",
    ]);
    expect(container.textContent).toBe(hit?.snippet.replaceAll("**", ""));
  });

  it("shows markup in a passage as text, never as elements", () => {
    const { container } = render(
      <p>
        <Snippet text={'a **<img src=x onerror="alert(1)">** b'} />
      </p>,
    );
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("mark")).toHaveTextContent('<img src=x onerror="alert(1)">');
  });
});
