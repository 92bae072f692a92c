import { useEffect, useState } from "react";
import type { OutlineSection, Rule, RuleRef } from "../../../bindings";
import { useRules } from "../rulesStore";
import { isTitle, levelOf } from "../ruleNumbers";

export interface RulesTreeProps {
  outline: OutlineSection[];
  /** The rule shown in the reading pane, if any. */
  selected: string | null;
  onOpen: (number: string) => void;
}

/** One row of the tree as it is shown now. */
interface VisibleNode {
  ref: RuleRef;
  number: string;
  parent: string | null;
  /** Depth (1 for sections), position among its siblings (from 1) and their count. */
  level: number;
  position: number;
  siblings: number;
  expandable: boolean;
  expanded: boolean;
}

/** The DOM id of a rule's tree item. */
function treeItemId(number: string): string {
  return `rules-tree-${number}`;
}

/** A node's children as far as they are known: a section's from the outline, others' fetched. */
function childrenOf(
  number: string,
  outline: OutlineSection[],
  rules: Record<string, Rule>,
): RuleRef[] | null {
  if (levelOf(number) === "section") {
    return outline.find((section) => section.number === number)?.chapters ?? [];
  }
  return rules[number]?.children ?? null;
}

/** Whether a node can open: sub-rules never; others until their fetched children say none. */
function isExpandable(number: string, outline: OutlineSection[], rules: Record<string, Rule>) {
  if (levelOf(number) === "subrule") {
    return false;
  }
  const children = childrenOf(number, outline, rules);
  return children === null || children.length > 0;
}

/**
 * The Comprehensive Rules as an ARIA tree: sections, chapters, rules and sub-rules, each level
 * fetched when first opened. One item is tabbable at a time; the arrows move, open and close,
 * Home and End jump, Enter opens the rule in the reading pane.
 */
export function RulesTree({ outline, selected, onOpen }: RulesTreeProps) {
  const rules = useRules((state) => state.rules);
  const expanded = useRules((state) => state.expanded);
  const loading = useRules((state) => state.loading);
  const expand = useRules((state) => state.expand);
  const collapse = useRules((state) => state.collapse);
  const [active, setActive] = useState<string | null>(selected);
  const [shownSelection, setShownSelection] = useState(selected);

  // A rule opened from elsewhere (a link, the jump box) becomes the tree's current item.
  if (selected !== shownSelection) {
    setShownSelection(selected);
    setActive(selected);
  }

  const visible: VisibleNode[] = [];
  const walk = (refs: RuleRef[], parent: string | null, level: number) => {
    refs.forEach((ref, index) => {
      const open = expanded[ref.number] === true;
      visible.push({
        ref,
        number: ref.number,
        parent,
        level,
        position: index + 1,
        siblings: refs.length,
        expandable: isExpandable(ref.number, outline, rules),
        expanded: open,
      });
      const children = open ? childrenOf(ref.number, outline, rules) : null;
      if (children !== null) {
        walk(children, ref.number, level + 1);
      }
    });
  };
  walk(outline, null, 1);
  const byNumber = new Map(visible.map((node) => [node.number, node]));
  const current = (active === null ? undefined : byNumber.get(active)) ?? visible[0];

  // Bring the selected rule into view when it changes, and when the tree comes back.
  useEffect(() => {
    if (selected !== null) {
      document.getElementById(treeItemId(selected))?.scrollIntoView({ block: "nearest" });
    }
  }, [selected]);

  const focus = (node: VisibleNode | undefined) => {
    if (node !== undefined) {
      setActive(node.number);
      document.getElementById(treeItemId(node.number))?.focus();
    }
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (current === undefined) {
      return;
    }
    const index = visible.indexOf(current);
    switch (event.key) {
      case "ArrowDown":
        focus(visible[index + 1]);
        break;
      case "ArrowUp":
        focus(visible[index - 1]);
        break;
      case "Home":
        focus(visible[0]);
        break;
      case "End":
        focus(visible.at(-1));
        break;
      case "ArrowRight":
        if (current.expanded) {
          focus(visible[index + 1]);
        } else if (current.expandable) {
          void expand(current.number);
        }
        break;
      case "ArrowLeft":
        if (current.expanded) {
          collapse(current.number);
        } else {
          focus(current.parent === null ? undefined : byNumber.get(current.parent));
        }
        break;
      case "Enter":
      case " ":
        onOpen(current.number);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const onClick = (event: React.MouseEvent) => {
    const target = event.target as Element;
    const item = target.closest<HTMLElement>('[role="treeitem"]');
    const number = item?.dataset.number;
    const node = number === undefined ? undefined : byNumber.get(number);
    if (node === undefined) {
      return;
    }
    setActive(node.number);
    if (target.closest("[data-toggle]") !== null) {
      if (node.expanded) {
        collapse(node.number);
      } else {
        void expand(node.number);
      }
      return;
    }
    // A click opens a rule and shows what it holds; on the rule already open, it folds.
    if (node.number !== selected) {
      onOpen(node.number);
      if (node.expandable && !node.expanded) {
        void expand(node.number);
      }
    } else if (node.expanded) {
      collapse(node.number);
    } else if (node.expandable) {
      void expand(node.number);
    }
  };

  // A flat list of items with their level, position and set size, as ARIA allows for trees:
  // nested groups would make each item's name (its content) include all its children's.
  const items = visible.map((node) => {
    const { ref, level } = node;
    const isSelected = ref.number === selected;
    return (
      <div
        key={ref.number}
        id={treeItemId(ref.number)}
        data-number={ref.number}
        role="treeitem"
        aria-level={level}
        aria-posinset={node.position}
        aria-setsize={node.siblings}
        aria-expanded={node.expandable ? node.expanded : undefined}
        aria-selected={isSelected}
        aria-busy={loading[ref.number] === true || undefined}
        tabIndex={node === current ? 0 : -1}
        className="outline-none focus-visible:[&>div]:outline-2 focus-visible:[&>div]:-outline-offset-2 focus-visible:[&>div]:outline-sky-600 dark:focus-visible:[&>div]:outline-sky-400"
      >
        <div
          className={`flex cursor-pointer items-baseline gap-1.5 rounded py-1 pr-2 text-sm ${isSelected ? "bg-sky-100 text-sky-950 dark:bg-sky-950 dark:text-sky-50" : "hover:bg-stone-100 dark:hover:bg-stone-900"}`}
          style={{ paddingLeft: `${String(0.25 + (level - 1) * 0.875)}rem` }}
        >
          <span
            data-toggle
            aria-hidden="true"
            className={`inline-block w-4 shrink-0 text-center text-xs text-stone-400 transition-transform dark:text-stone-500 ${node.expandable ? "" : "invisible"} ${node.expanded ? "rotate-90" : ""} ${loading[ref.number] === true ? "animate-pulse" : ""}`}
          >
            ▶
          </span>
          <span className="shrink-0 font-mono text-xs text-stone-600 tabular-nums dark:text-stone-400">
            {levelOf(ref.number) === "section" || levelOf(ref.number) === "chapter"
              ? `${ref.number}.`
              : ref.number}
          </span>{" "}
          <span className={`truncate ${isTitle(ref) ? "font-medium" : ""}`}>
            {firstLine(ref.text)}
          </span>
        </div>
      </div>
    );
  });

  return (
    <div
      role="tree"
      aria-label="Contents of the Comprehensive Rules"
      // Keys and clicks are handled here for every item; the items take the focus.
      tabIndex={-1}
      className="py-1 outline-none"
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      {items}
    </div>
  );
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? text;
}
