import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../../../test/axe";
import { QueryError } from "./QueryError";

// Queries in the README's search syntax, with the spans the parser reports for them.
describe("QueryError", () => {
  it("underlines exactly the bad part of the query", () => {
    render(
      <QueryError
        query="t:creature cn:123"
        message="unsupported keyword `cn`"
        start={11}
        end={17}
      />,
    );
    const alert = screen.getByRole("alert");
    expect(alert.querySelector("mark")).toHaveTextContent(/^cn:123$/);
    expect(alert).toHaveTextContent("t:creature cn:123");
    expect(alert).toHaveTextContent("unsupported keyword `cn`");
  });

  it("counts UTF-16 code units, as the shell converts the parser's spans", () => {
    // "🔥" is one char in Rust but two UTF-16 units in JavaScript: `q` starts at unit 5.
    render(<QueryError query="🔥 c:q" message="unknown colour `q`" start={5} end={6} />);
    expect(screen.getByRole("alert").querySelector("mark")).toHaveTextContent(/^q$/);
  });

  it("marks the end of the query when the value is missing", () => {
    render(<QueryError query="mv>=" message="expected a number" start={4} end={4} />);
    const mark = screen.getByRole("alert").querySelector("mark");
    expect(mark?.textContent).toBe("\u00a0");
    expect(mark?.previousSibling?.textContent).toBe("mv>=");
  });

  it("keeps a span past the end of the query inside it", () => {
    render(<QueryError query="o:" message="expected text" start={2} end={9} />);
    expect(screen.getByRole("alert")).toHaveTextContent(/^o:/);
  });

  it("has no accessibility violations", async () => {
    const { container } = render(
      <QueryError
        query="is:dual"
        message="unsupported `is:dual`"
        start={0}
        end={7}
        id="query-error"
      />,
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
