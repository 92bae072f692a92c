/**
 * The `Stats` a knowledge base built from `shared/data` would report: counted from the real
 * MTGJSON cards and Comprehensive Rules, so screens showing stats are tested with real figures.
 * The shared data has no Commander Spellbook export, so it holds no combos.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import type { Stats } from "../bindings";
import { glossaryEntries, numberedRuleCount, rulesEffectiveDate } from "./comprehensiveRules";

const CARDS_FILE = resolve(
  process.cwd(),
  "../../shared/data/cards/AtomicCards-merged-mtgjson-5.2.0+20220425.json.gz",
);

interface AtomicFace {
  printings?: string[];
  rulings?: unknown[];
}

let stats: Stats | undefined;

/** The reference data's counts and provenance, as `knowledge_base_status` would give them. */
export function referenceStats(): Stats {
  if (stats !== undefined) {
    return stats;
  }
  const atomic = JSON.parse(gunzipSync(readFileSync(CARDS_FILE)).toString("utf8")) as {
    meta: { date: string; version: string };
    data: Record<string, AtomicFace[]>;
  };
  const sets = new Set<string>();
  let faces = 0;
  let printings = 0;
  let rulings = 0;
  for (const cardFaces of Object.values(atomic.data)) {
    faces += cardFaces.length;
    const front = cardFaces[0];
    // A face lists its card's printings and rulings; the front face speaks for the card.
    for (const set of front?.printings ?? []) {
      sets.add(set);
      printings += 1;
    }
    rulings += front?.rulings?.length ?? 0;
  }
  stats = {
    cards: Object.keys(atomic.data).length,
    faces,
    sets: sets.size,
    printings,
    rulings,
    rules: numberedRuleCount(),
    glossary_terms: glossaryEntries().length,
    combos: 0,
    meta: {
      "cards.date": atomic.meta.date,
      "cards.source": "mtgjson",
      "cards.version": atomic.meta.version,
      rules_effective_date: rulesEffectiveDate(),
    },
  };
  return stats;
}
