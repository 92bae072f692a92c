/**
 * Real reference data for tests, read from the repository's sibling `shared/data` (see its
 * PROVENANCE.md): MTGJSON card faces and the Comprehensive Rules. Tests render what players will
 * see, not invented cards.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";

// npm runs the tests from ui/ (jsdom replaces import.meta.url with a page URL, so it cannot be
// used); the data sits beside the repository root, where CI expects it too.
const DATA_DIR = `${resolve(process.cwd(), "../../shared/data")}/`;

/** The parts of an MTGJSON face object these tests read. */
export interface MtgjsonFace {
  name: string;
  manaCost?: string;
  text?: string;
  legalities: Record<string, string>;
}

let atomicCards: Record<string, MtgjsonFace[]> | undefined;

/** The MTGJSON faces of one card name, in printed order; throws if the name is absent. */
export function cardFaces(name: string): MtgjsonFace[] {
  if (atomicCards === undefined) {
    const gz = readFileSync(`${DATA_DIR}cards/AtomicCards-merged-mtgjson-5.2.0+20220425.json.gz`);
    const parsed = JSON.parse(gunzipSync(gz).toString("utf8")) as {
      data: Record<string, MtgjsonFace[]>;
    };
    atomicCards = parsed.data;
  }
  const faces = atomicCards[name];
  if (faces === undefined) {
    throw new Error(`${name} is not in the reference card data`);
  }
  return faces;
}

/** The text of one numbered Comprehensive Rule (without its number); throws if absent. */
export function ruleText(number: string): string {
  const rules = readFileSync(`${DATA_DIR}rules/MagicCompRules-20260116.txt`, "utf8");
  const prefix = `${number} `;
  const line = rules.split(/\r\n?|\n/).find((candidate) => candidate.startsWith(prefix));
  if (line === undefined) {
    throw new Error(`rule ${number} is not in the Comprehensive Rules`);
  }
  return line.slice(prefix.length);
}
