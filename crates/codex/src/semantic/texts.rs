//! What is embedded for each searchable item, and the hash that identifies that text.
//!
//! A card face reads as a player reads it: name, type line with the mana cost, oracle text
//! (reminder text kept: "can't be blocked except by creatures with flying" is what a player
//! may ask for). Mana symbols are written out in words (`{T}: Add {G}.` reads "tap: Add green
//! mana."): the embedding model learnt English, not `{G}`, and without this "a creature that
//! makes green mana" did not find Llanowar Elves. A rule reads with its number, a glossary
//! entry as "term: definition". Extras (tokens, art series, planes...) are left out, as card
//! search hides them.

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::Result;

/// The two vector collections: card faces, and rules with glossary entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Corpus {
    /// Card faces.
    Cards,
    /// Rules and glossary entries.
    Rules,
}

impl Corpus {
    /// Both collections.
    pub(crate) const ALL: [Corpus; 2] = [Corpus::Cards, Corpus::Rules];

    /// The `corpus` value in `embedded_texts`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Corpus::Cards => "cards",
            Corpus::Rules => "rules",
        }
    }

    /// The vec0 table holding the collection's vectors.
    pub(crate) fn vector_table(self) -> &'static str {
        match self {
            Corpus::Cards => "card_vectors",
            Corpus::Rules => "rule_vectors",
        }
    }
}

/// One searchable item of the reference database.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ItemKey {
    /// A face of a card.
    CardFace {
        /// `cards.id`.
        card_id: i64,
        /// `card_faces.face_index`.
        face_index: i64,
    },
    /// A rule, by number.
    Rule(String),
    /// A glossary entry, by `glossary.id`.
    Glossary(i64),
}

impl ItemKey {
    /// The collection the item's vector belongs to.
    pub(crate) fn corpus(&self) -> Corpus {
        match self {
            ItemKey::CardFace { .. } => Corpus::Cards,
            ItemKey::Rule(_) | ItemKey::Glossary(_) => Corpus::Rules,
        }
    }
}

/// An item with the text embedded for it.
#[derive(Debug, Clone)]
pub(crate) struct ItemText {
    /// Which item.
    pub key: ItemKey,
    /// What the model reads.
    pub text: String,
    /// SHA-256 of `text`.
    pub hash: [u8; 32],
}

impl ItemText {
    fn new(key: ItemKey, text: String) -> ItemText {
        let hash = Sha256::digest(text.as_bytes()).into();
        ItemText { key, text, hash }
    }
}

/// Every item to embed: card faces first, then rules, then glossary entries.
pub(crate) fn item_texts(conn: &Connection) -> Result<Vec<ItemText>> {
    let mut items = Vec::new();
    let mut faces = conn.prepare(
        "SELECT f.card_id, f.face_index, f.name, f.type_line, f.mana_cost, f.oracle_text
         FROM card_faces f JOIN cards c ON c.id = f.card_id
         WHERE c.extra = 0
         ORDER BY f.card_id, f.face_index",
    )?;
    let rows = faces.query_map([], |row| {
        let key = ItemKey::CardFace {
            card_id: row.get(0)?,
            face_index: row.get(1)?,
        };
        let name: String = row.get(2)?;
        let type_line: String = row.get(3)?;
        let mana_cost: Option<String> = row.get(4)?;
        let oracle_text: String = row.get(5)?;
        Ok((
            key,
            card_face_text(&name, &type_line, mana_cost.as_deref(), &oracle_text),
        ))
    })?;
    for row in rows {
        let (key, text) = row?;
        items.push(ItemText::new(key, text));
    }
    let mut rules = conn.prepare("SELECT number, text FROM rules ORDER BY sort_order")?;
    let rows = rules.query_map([], |row| {
        let number: String = row.get(0)?;
        let text: String = row.get(1)?;
        Ok((ItemKey::Rule(number.clone()), format!("{number} {text}")))
    })?;
    for row in rows {
        let (key, text) = row?;
        items.push(ItemText::new(key, text));
    }
    let mut glossary = conn.prepare("SELECT id, term, definition FROM glossary ORDER BY id")?;
    let rows = glossary.query_map([], |row| {
        let term: String = row.get(1)?;
        let definition: String = row.get(2)?;
        Ok((
            ItemKey::Glossary(row.get(0)?),
            format!("{term}: {definition}"),
        ))
    })?;
    for row in rows {
        let (key, text) = row?;
        items.push(ItemText::new(key, text));
    }
    Ok(items)
}

/// A card face as the model reads it: its name, its type line and cost, then its text, with
/// mana symbols in words.
fn card_face_text(
    name: &str,
    type_line: &str,
    mana_cost: Option<&str>,
    oracle_text: &str,
) -> String {
    let mut text = format!("{name}\n{type_line}");
    if let Some(cost) = mana_cost.filter(|c| !c.is_empty()) {
        text.push_str(", costs ");
        text.push_str(&mana_in_words(cost));
    }
    if !oracle_text.is_empty() {
        text.push('\n');
        text.push_str(&mana_in_words(oracle_text));
    }
    text
}

/// `text` with each run of mana symbols written out: `{2}{G}{G}` is "2 green green mana",
/// `{T}` "tap", `{W/U}` "white or blue mana", `{B/P}` "phyrexian black mana". Symbols it does
/// not know are kept as they are.
fn mana_in_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        // A run of consecutive symbols: `{1}{G}` is one cost, said once with "mana".
        let mut words = Vec::new();
        let mut is_mana = false;
        while let Some(end) = rest.strip_prefix('{').and_then(|r| r.find('}')) {
            let symbol = &rest[1..=end];
            match symbol_words(symbol) {
                Some((word, mana)) => {
                    words.push(word);
                    is_mana |= mana;
                }
                None => words.push(format!("{{{symbol}}}")),
            }
            rest = &rest[end + 2..];
        }
        if words.is_empty() {
            // A lone `{` without its `}`.
            out.push('{');
            rest = &rest[1..];
            continue;
        }
        out.push_str(&words.join(" "));
        if is_mana {
            out.push_str(" mana");
        }
    }
    out.push_str(rest);
    out
}

/// One symbol's words, and whether it is mana (said with "mana" after its run).
fn symbol_words(symbol: &str) -> Option<(String, bool)> {
    let colour = |letter: &str| match letter {
        "W" => Some("white"),
        "U" => Some("blue"),
        "B" => Some("black"),
        "R" => Some("red"),
        "G" => Some("green"),
        "C" => Some("colorless"),
        "S" => Some("snow"),
        _ => None,
    };
    let word = match symbol {
        "T" => return Some(("tap".to_owned(), false)),
        "Q" => return Some(("untap".to_owned(), false)),
        "E" => return Some(("energy".to_owned(), false)),
        "X" | "Y" | "Z" => symbol.to_owned(),
        number if number.chars().all(|c| c.is_ascii_digit()) => number.to_owned(),
        single => match colour(single) {
            Some(name) => name.to_owned(),
            None => {
                let parts: Vec<&str> = single.split('/').collect();
                match parts.as_slice() {
                    [one, "P"] => format!("phyrexian {}", colour(one)?),
                    [one, other] => {
                        let say = |part: &str| {
                            colour(part).map(str::to_owned).or_else(|| {
                                part.chars()
                                    .all(|c| c.is_ascii_digit())
                                    .then(|| part.to_owned())
                            })
                        };
                        format!("{} or {}", say(one)?, say(other)?)
                    }
                    _ => return None,
                }
            }
        },
    };
    Some((word, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_face_reads_name_type_cost_and_text_and_a_vanilla_face_has_no_empty_line() {
        assert_eq!(
            card_face_text(
                "Lightning Bolt",
                "Instant",
                Some("{R}"),
                "Lightning Bolt deals 3 damage to any target."
            ),
            "Lightning Bolt\nInstant, costs red mana\nLightning Bolt deals 3 damage to any target."
        );
        assert_eq!(
            card_face_text("Grizzly Bears", "Creature — Bear", Some("{1}{G}"), ""),
            "Grizzly Bears\nCreature — Bear, costs 1 green mana"
        );
        assert_eq!(
            card_face_text("Forest", "Basic Land — Forest", None, "({T}: Add {G}.)"),
            "Forest\nBasic Land — Forest\n(tap: Add green mana.)"
        );
    }

    #[test]
    fn mana_symbols_are_said_in_words_a_run_at_a_time() {
        assert_eq!(
            mana_in_words("{1}{G}, {T}: Add {G}{G}. {W/U}{2/B}{R/P}: untap. {Q}{E}{X}"),
            "1 green mana, tap: Add green green mana. white or blue 2 or black phyrexian red mana: \
             untap. untap energy X mana"
        );
        assert_eq!(mana_in_words("{HW} and { and {"), "{HW} and { and {");
        assert_eq!(mana_in_words("no symbols"), "no symbols");
    }

    #[test]
    fn the_hash_is_the_sha256_of_the_text() {
        let item = ItemText::new(ItemKey::Glossary(1), "abc".to_owned());
        assert_eq!(
            hex::encode(item.hash),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
