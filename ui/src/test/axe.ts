import axe from "axe-core";

/**
 * The accessibility violations axe-core finds in a rendered component, as `rule: help` lines so
 * a failing test names them. `region` is off: a lone component is not a page and needs no
 * landmark around it; the screens are checked whole once they exist. `color-contrast` is off
 * because jsdom lays nothing out, so axe cannot measure colours here.
 */
export async function axeViolations(container: Element): Promise<string[]> {
  const results = await axe.run(container, {
    resultTypes: ["violations"],
    rules: { region: { enabled: false }, "color-contrast": { enabled: false } },
  });
  return results.violations.map(
    (violation) => `${violation.id} (${violation.impact ?? "unknown"}): ${violation.help}`,
  );
}
