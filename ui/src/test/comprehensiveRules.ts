/**
 * The real Comprehensive Rules from `shared/data`, answered the way the shell's rules commands
 * answer (see `crates/codex/src/rules/query.rs`), so the rules browser's tests read the text
 * players will see. The parse follows the Rust parser's layout rules: the table of contents ends
 * at its `Credits` line, the rules end at `Glossary`, the glossary ends at the last `Credits`.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type {
  AppError,
  GlossaryEntry,
  OutlineSection,
  Rule,
  RuleAnswer,
  RuleHit,
  RuleLevel,
  RuleRef,
} from "../bindings";

const RULES_FILE = resolve(process.cwd(), "../../shared/data/rules/MagicCompRules-20260116.txt");

interface Entry {
  number: string;
  level: RuleLevel;
  parent: string | null;
  text: string;
  examples: string[];
}

interface ParsedRules {
  effectiveDate: string;
  /** Every section, chapter, rule and sub-rule in the document's order. */
  entries: Entry[];
  byNumber: Map<string, Entry>;
  glossary: GlossaryEntry[];
}

let parsed: ParsedRules | undefined;

const SECTION = /^(\d)\.\s+(.+)$/;
const CHAPTER = /^(\d{3})\.\s+(.+)$/;
// `119.1d.` has a period after the letter and `606.5` none after the number: both optional.
const RULE = /^(\d{3}\.\d+)([a-z]*)\.?\s+(.+)$/;

function rules(): ParsedRules {
  if (parsed !== undefined) {
    return parsed;
  }
  const text = readFileSync(RULES_FILE, "utf8").replace(/^\uFEFF/, "");
  const lines = text.split(/\r\n?|\n/);
  const entries: Entry[] = [];
  const byNumber = new Map<string, Entry>();
  const glossary: GlossaryEntry[] = [];
  let effectiveDate = "";
  let part: "preamble" | "contents" | "rules" | "glossary" = "preamble";
  let lastWasExample = false;
  let block: string[] = [];

  const push = (number: string, level: RuleLevel, parent: string | null, body: string) => {
    const entry = { number, level, parent, text: body, examples: [] };
    entries.push(entry);
    byNumber.set(number, entry);
    lastWasExample = false;
  };
  const endBlock = () => {
    const [term, ...definition] = block;
    if (term !== undefined && definition.length > 0) {
      glossary.push({ term: term.trim(), definition: definition.join("\n"), cited_rules: [] });
    }
    block = [];
  };

  for (const raw of lines) {
    const line = raw.trimEnd();
    const trimmed = line.trim();
    if (part === "preamble") {
      const date = /effective as of (.+)\.$/.exec(trimmed);
      if (date?.[1] !== undefined) {
        effectiveDate = new Date(`${date[1]} UTC`).toISOString().slice(0, 10);
      } else if (trimmed === "Contents") {
        part = "contents";
      }
    } else if (part === "contents") {
      if (trimmed === "Credits") {
        part = "rules";
      }
    } else if (part === "rules") {
      if (trimmed === "") {
        continue;
      }
      if (trimmed === "Glossary") {
        part = "glossary";
        continue;
      }
      const last = entries.at(-1);
      const section = SECTION.exec(trimmed);
      const chapter = CHAPTER.exec(trimmed);
      const rule = RULE.exec(trimmed);
      if (trimmed.startsWith("Example:") && last !== undefined) {
        last.examples.push(trimmed.slice("Example:".length).trim());
        lastWasExample = true;
      } else if (section?.[1] !== undefined && section[2] !== undefined) {
        push(section[1], "section", null, section[2]);
      } else if (chapter?.[1] !== undefined && chapter[2] !== undefined) {
        push(chapter[1], "chapter", chapter[1].slice(0, 1), chapter[2]);
      } else if (rule?.[1] !== undefined && rule[2] !== undefined && rule[3] !== undefined) {
        const [base, letters, body] = [rule[1], rule[2], rule[3]];
        if (letters === "") {
          push(base, "rule", base.slice(0, 3), body);
        } else {
          push(`${base}${letters}`, "subrule", base, body);
        }
      } else if (last !== undefined) {
        // Wizards indent the lines that continue the rule or example above them.
        if (lastWasExample && last.examples.length > 0) {
          const index = last.examples.length - 1;
          last.examples[index] = `${last.examples[index] ?? ""}\n${trimmed}`;
        } else {
          last.text = `${last.text}\n${trimmed}`;
        }
      }
    } else if (trimmed === "") {
      endBlock();
    } else if (block.length === 0 && trimmed === "Credits") {
      break;
    } else {
      block.push(line);
    }
  }
  endBlock();
  for (const entry of glossary) {
    entry.cited_rules = citedRules(entry.definition, byNumber);
  }
  parsed = { effectiveDate, entries, byNumber, glossary };
  return parsed;
}

/** Rule numbers a definition cites that exist, in order of first mention (ranges not expanded). */
function citedRules(definition: string, byNumber: Map<string, Entry>): string[] {
  const found: string[] = [];
  for (const match of definition.matchAll(/\b\d{3}(?:\.\d+[a-z]?)?\b|(?<=section )\d\b/g)) {
    if (byNumber.has(match[0]) && !found.includes(match[0])) {
      found.push(match[0]);
    }
  }
  return found;
}

function ref(entry: Entry): RuleRef {
  return { number: entry.number, text: entry.text };
}

function children(number: string): RuleRef[] {
  return rules()
    .entries.filter((entry) => entry.parent === number)
    .map(ref);
}

function refOf(number: string | null): RuleRef | null {
  const entry = number === null ? undefined : rules().byNumber.get(number);
  return entry === undefined ? null : ref(entry);
}

/** The shell's `rules_outline` answer. */
export function rulesOutline(): OutlineSection[] {
  return rules()
    .entries.filter((entry) => entry.level === "section")
    .map((section) => ({ ...ref(section), chapters: children(section.number) }));
}

/** The rules' effective date, `YYYY-MM-DD`. */
export function rulesEffectiveDate(): string {
  return rules().effectiveDate;
}

/** The numbered rules and sub-rules (the figure `Stats.rules` counts). */
export function numberedRuleCount(): number {
  return rules().entries.filter((entry) => entry.level === "rule" || entry.level === "subrule")
    .length;
}

/** The shell's `glossary` answer: every entry, in the document's (alphabetical) order. */
export function glossaryEntries(): GlossaryEntry[] {
  return rules().glossary;
}

/** One rule as `get_rule` returns it for a canonical number; throws if it does not exist. */
export function ruleOf(number: string): Rule {
  const entry = rules().byNumber.get(number);
  if (entry === undefined) {
    throw new Error(`rule ${number} is not in the Comprehensive Rules`);
  }
  const section = number.slice(0, 1);
  return {
    number,
    level: entry.level,
    text: entry.text,
    examples: entry.examples,
    parent: refOf(entry.parent),
    children: children(number),
    section: entry.level === "section" ? null : refOf(section),
    chapter: entry.level === "rule" || entry.level === "subrule" ? refOf(number.slice(0, 3)) : null,
  };
}

/** The glossary entry named `term` exactly; throws if there is none. */
export function glossaryEntry(term: string): GlossaryEntry {
  const entry = rules().glossary.find((candidate) => candidate.term === term);
  if (entry === undefined) {
    throw new Error(`${term} is not in the glossary`);
  }
  return entry;
}

/** What `get_rule` answers for `query`, or the `rule_not_found` error it rejects with. */
export function lookup(query: string): RuleAnswer | AppError {
  const asked = query
    .trim()
    .toLowerCase()
    .replace(/^(rules?|cr)\s*/, "")
    .replace(/\.$/, "");
  if (/^\d/.test(asked)) {
    return rules().byNumber.has(asked)
      ? { kind: "rule", ...ruleOf(asked) }
      : notFound(`no rule ${asked} in the Comprehensive Rules`, ruleSuggestions(asked));
  }
  const key = termKey(asked);
  const entry = rules().glossary.find((candidate) =>
    [candidate.term, ...candidate.term.split(",")].some((name) => {
      const nameKey = termKey(name);
      return nameKey === key || nameKey === `${key}s` || `${nameKey}s` === key;
    }),
  );
  return entry === undefined
    ? notFound(`no glossary entry for "${query.trim()}"`, [])
    : { kind: "glossary", ...entry };
}

/**
 * The closest existing ancestor, then the five of its children nearest the asked position, in
 * the document's order (as codex does for a rule or sub-rule).
 */
function ruleSuggestions(asked: string): string[] {
  const parent = /^(\d{3}\.\d+)[a-z]+$/.exec(asked)?.[1] ?? /^(\d{3})\.\d+$/.exec(asked)?.[1];
  if (parent === undefined || !rules().byNumber.has(parent)) {
    return [];
  }
  const target = position(asked.slice(parent.length));
  const nearest = children(parent)
    .map((child, order) => ({
      order,
      number: child.number,
      distance: Math.abs(position(child.number.slice(parent.length)) - target),
    }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, 5)
    .sort((a, b) => a.order - b.order);
  return [parent, ...nearest.map((child) => child.number)];
}

/** A rule's number after its chapter (`.19`) or a sub-rule's letters read in base 26. */
function position(tail: string): number {
  if (tail.startsWith(".")) {
    return Number(tail.slice(1));
  }
  let value = 0;
  for (let index = 0; index < tail.length; index += 1) {
    value = value * 26 + tail.charCodeAt(index) - 96;
  }
  return value;
}

function notFound(clause: string, suggestions: string[]): AppError {
  const tail =
    suggestions.length === 0
      ? ""
      : `; the nearest ${suggestions.length === 1 ? "is" : "are"} ${suggestions.join(", ")}`;
  return {
    code: "rule_not_found",
    message: `${clause.charAt(0).toUpperCase()}${clause.slice(1)}${tail}`,
    detail: null,
    suggestions,
    span: null,
  };
}

function termKey(term: string): string {
  return term
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * What `search_rules` answers: entries holding every word (case-insensitive, as prefixes, a
 * stand-in for SQLite's stemming), rules first by how often the words occur, each with a snippet
 * in the shell's format (matched words between `**`, cuts marked `…`).
 */
export function searchRules(text: string, limit: number): RuleHit[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return [];
  }
  const pattern = new RegExp(`\\b(?:${words.map(escapeRegExp).join("|")})\\w*`, "gi");
  const score = (body: string) => {
    const lower = body.toLowerCase();
    return words.every((word) => new RegExp(`\\b${escapeRegExp(word)}`).test(lower))
      ? (body.match(pattern)?.length ?? 0)
      : 0;
  };
  const hits: RuleHit[] = [];
  for (const entry of rules().entries) {
    const body = [entry.text, ...entry.examples].join(" ");
    const found = score(body);
    if (found > 0) {
      const snippetText = score(entry.text) > 0 ? entry.text : body;
      hits.push({
        kind: "rule",
        number: entry.number,
        term: null,
        text: entry.text,
        snippet: snippet(snippetText, pattern),
        score: found,
      });
    }
  }
  for (const entry of rules().glossary) {
    const found = score(`${entry.term} ${entry.term} ${entry.term} ${entry.definition}`);
    if (found > 0) {
      const source = score(entry.definition) > 0 ? entry.definition : entry.term;
      hits.push({
        kind: "glossary",
        number: null,
        term: entry.term,
        text: entry.definition,
        snippet: snippet(source, pattern),
        score: found,
      });
    }
  }
  return hits.sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).slice(0, limit);
}

/** About 24 words around the first match, matches between `**`. */
function snippet(body: string, pattern: RegExp): string {
  const words = body.replace(/\n/g, " ").split(" ");
  const first = Math.max(
    0,
    words.findIndex((word) => new RegExp(pattern.source, "i").test(word)),
  );
  const start = Math.max(0, first - 8);
  const end = Math.min(words.length, start + 24);
  const passage = words
    .slice(start, end)
    .join(" ")
    .replace(pattern, (word) => `**${word}**`);
  return `${start > 0 ? "…" : ""}${passage}${end < words.length ? "…" : ""}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
