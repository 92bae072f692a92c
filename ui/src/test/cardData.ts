/**
 * Real cards in the shape the shell sends (`Card` in the bindings), built from the MTGJSON
 * faces in the repository's sibling `shared/data` the way codex's MTGJSON importer builds them
 * (crates/codex/src/sources/mtgjson.rs), so search and card tests answer with real cards.
 * The file is parsed once per test file, on first use.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import type { Card, CardFace, CardSummary, Printing } from "../bindings";

// npm runs the tests from ui/; the data sits beside the repository root (see referenceData.ts).
const CARDS_FILE = resolve(
  process.cwd(),
  "../../shared/data/cards/AtomicCards-merged-mtgjson-5.2.0+20220425.json.gz",
);

/** The fields of an MTGJSON face object that the importer reads. */
interface AtomicFace {
  name: string;
  faceName?: string;
  side?: string;
  layout: string;
  manaCost?: string;
  manaValue?: number;
  convertedManaCost?: number;
  faceManaValue?: number;
  type: string;
  supertypes: string[];
  types: string[];
  subtypes: string[];
  text?: string;
  colors: string[];
  colorIdentity: string[];
  colorIndicator?: string[];
  power?: string;
  toughness?: string;
  loyalty?: string;
  defense?: string;
  keywords?: string[];
  legalities: Record<string, string>;
  rulings?: { date: string; text: string }[];
  printings?: string[];
  setCode?: string;
  number?: string;
  rarity?: string;
  edhrecRank?: number;
  isReserved?: boolean;
  leadershipSkills?: { commander?: boolean };
  availability?: string[];
  identifiers: { scryfallId?: string; scryfallOracleId?: string };
}

const EXTRA_LAYOUTS = [
  "token",
  "double_faced_token",
  "emblem",
  "art_series",
  "vanguard",
  "scheme",
  "planar",
];
const WUBRG = ["W", "U", "B", "R", "G"];

let atomicCards: Record<string, AtomicFace[]> | undefined;

function data(): Record<string, AtomicFace[]> {
  if (atomicCards === undefined) {
    const parsed = JSON.parse(gunzipSync(readFileSync(CARDS_FILE)).toString("utf8")) as {
      data: Record<string, AtomicFace[]>;
    };
    atomicCards = parsed.data;
  }
  return atomicCards;
}

function inWubrgOrder(letters: Iterable<string>): string[] {
  const set = new Set(letters);
  return WUBRG.filter((letter) => set.has(letter));
}

function faceOf(face: AtomicFace, single: boolean): CardFace {
  return {
    name: face.faceName ?? face.name,
    mana_cost: face.manaCost === undefined || face.manaCost === "" ? null : face.manaCost,
    mana_value: face.faceManaValue ?? (single ? (face.manaValue ?? null) : null),
    type_line: face.type,
    supertypes: face.supertypes,
    types: face.types,
    subtypes: face.subtypes,
    oracle_text: face.text ?? "",
    colors: inWubrgOrder(face.colors),
    color_indicator: face.colorIndicator === undefined ? null : inWubrgOrder(face.colorIndicator),
    power: face.power ?? null,
    toughness: face.toughness ?? null,
    loyalty: face.loyalty ?? null,
    defense: face.defense ?? null,
  };
}

/** The printings MTGJSON's atomic file knows: every set code, the representative one in full. */
function printingsOf(front: AtomicFace): Printing[] {
  return (front.printings ?? []).map((setCode) => {
    const representative = setCode === front.setCode;
    return {
      set_code: setCode,
      set_name: null,
      collector_number: representative ? (front.number ?? "") : "",
      rarity: representative ? (front.rarity ?? null) : null,
      released_at: null,
    };
  });
}

/** A name's faces in printed order (MTGJSON's `side`); throws if the name is absent. */
function facesOf(name: string): [AtomicFace, ...AtomicFace[]] {
  const faces = [...(data()[name] ?? [])].sort((a, b) =>
    (a.side ?? "").localeCompare(b.side ?? ""),
  );
  const [front, ...rest] = faces;
  if (front === undefined) {
    throw new Error(`${name} is not in the reference card data`);
  }
  return [front, ...rest];
}

function cardOf(name: string): Card {
  const faces = facesOf(name);
  const front = faces[0];
  const single = faces.length === 1;
  const shaped = faces.map((face) => faceOf(face, single));
  const join = (parts: (string | null)[], separator: string) => {
    const present = parts.filter((part): part is string => part !== null);
    return present.length === 0 ? null : present.join(separator);
  };
  const indicators = shaped.flatMap((face) => face.color_indicator ?? []);
  return {
    name,
    layout: front.layout,
    mana_cost: join(
      shaped.map((face) => face.mana_cost),
      " // ",
    ),
    mana_value: front.manaValue ?? front.convertedManaCost ?? 0,
    type_line: shaped.map((face) => face.type_line).join(" // "),
    oracle_text: shaped.map((face) => face.oracle_text).join("\n//\n"),
    colors: inWubrgOrder(faces.flatMap((face) => face.colors)),
    color_identity: inWubrgOrder(front.colorIdentity),
    color_indicator: shaped.some((face) => face.color_indicator !== null)
      ? inWubrgOrder(indicators)
      : null,
    produced_mana: null,
    keywords: [...new Set(faces.flatMap((face) => face.keywords ?? []))],
    power: front.power ?? null,
    toughness: front.toughness ?? null,
    loyalty: front.loyalty ?? null,
    defense: front.defense ?? null,
    faces: shaped,
    legalities: Object.fromEntries(
      Object.entries(front.legalities).map(([format, status]) => [
        format.toLowerCase(),
        status.toLowerCase().replace(" ", "_"),
      ]),
    ),
    rarity: front.rarity ?? null,
    edhrec_rank: front.edhrecRank ?? null,
    reserved: front.isReserved ?? false,
    can_be_commander: front.leadershipSkills?.commander ?? false,
    released_at: null,
    games: front.availability ?? [],
    oracle_id: front.identifiers.scryfallOracleId ?? null,
    scryfall_id: front.identifiers.scryfallId ?? null,
    image_url: null,
    extra: EXTRA_LAYOUTS.includes(front.layout),
  };
}

/** What `search_cards` answers of a card: the fields of a result row. */
export function summaryOf(card: Card): CardSummary {
  const { name, mana_cost, type_line, power, toughness, loyalty, defense, rarity } = card;
  return { name, mana_cost, type_line, power, toughness, loyalty, defense, rarity };
}

/** One card as `get_card` answers it, with its printings and rulings; throws if absent. */
export function fullCard(name: string): Card {
  const front = facesOf(name)[0];
  return {
    ...cardOf(name),
    printings: printingsOf(front),
    rulings: (front.rulings ?? []).map((ruling) => ({
      published: ruling.date,
      text: ruling.text,
    })),
  };
}

/** The cards `keep` accepts, in the data's (alphabetical) order, at most `limit`. */
export function cardsWhere(keep: (card: Card) => boolean, limit = Infinity): Card[] {
  const found: Card[] = [];
  for (const name of Object.keys(data())) {
    if (found.length >= limit) {
      break;
    }
    const card = cardOf(name);
    if (keep(card)) {
      found.push(card);
    }
  }
  return found;
}
