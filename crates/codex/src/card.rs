//! The card as Planeswalker shows it (and as the CLI's `--json` prints it), loaded from the
//! reference database.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;
use serde::Serialize;

use crate::{Colors, Result};

/// A card with everything a player or the agent needs. Field names are stable: they are the
/// CLI's documented JSON output.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Card {
    /// Full name; "A // B" for multi-faced cards.
    pub name: String,
    /// Layout (`normal`, `transform`, `split`, `adventure`, ...).
    pub layout: String,
    /// Mana cost, faces joined with " // ".
    pub mana_cost: Option<String>,
    /// Mana value.
    pub mana_value: f64,
    /// Type line, faces joined with " // ".
    pub type_line: String,
    /// Oracle text, faces separated by a line "//".
    pub oracle_text: String,
    /// Colours, as WUBRG letters.
    pub colors: Vec<String>,
    /// Colour identity, as WUBRG letters.
    pub color_identity: Vec<String>,
    /// Colour indicator, when a face has one.
    pub color_indicator: Option<Vec<String>>,
    /// Mana this card can produce (symbols without braces), when known.
    pub produced_mana: Option<Vec<String>>,
    /// Keyword abilities and actions.
    pub keywords: Vec<String>,
    /// Front face's power as printed.
    pub power: Option<String>,
    /// Front face's toughness as printed.
    pub toughness: Option<String>,
    /// Front face's loyalty as printed.
    pub loyalty: Option<String>,
    /// Front face's defense as printed.
    pub defense: Option<String>,
    /// Every face in printed order (one for ordinary cards).
    pub faces: Vec<CardFace>,
    /// Format → `legal` / `banned` / `restricted` / `not_legal`.
    pub legalities: BTreeMap<String, String>,
    /// Rarity of the representative printing.
    pub rarity: Option<String>,
    /// EDHREC popularity rank.
    pub edhrec_rank: Option<i64>,
    /// On the Reserved List.
    pub reserved: bool,
    /// Can be your commander.
    pub can_be_commander: bool,
    /// Release date of the first printing.
    pub released_at: Option<String>,
    /// Where some printing can be played: `paper`, `arena`, `mtgo`.
    pub games: Vec<String>,
    /// Scryfall oracle id.
    pub oracle_id: Option<String>,
    /// Scryfall id of the representative printing.
    pub scryfall_id: Option<String>,
    /// Image of the representative printing through Scryfall's API, when its id is known.
    pub image_url: Option<String>,
    /// Non-playable layout (token, art series...).
    pub extra: bool,
    /// Every printing (only in single-card answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printings: Option<Vec<Printing>>,
    /// Official rulings, oldest first (only in single-card answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rulings: Option<Vec<CardRuling>>,
}

/// What a list of search results shows of a card: its name, cost, type line, printed stats
/// and rarity. A search answer can hold thousands of cards, and the full [`Card`] (every face's
/// text, legalities) is many times larger to load, send and parse.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardSummary {
    /// Full name; "A // B" for multi-faced cards.
    pub name: String,
    /// Mana cost, faces joined with " // ".
    pub mana_cost: Option<String>,
    /// Type line, faces joined with " // ".
    pub type_line: String,
    /// Front face's power as printed.
    pub power: Option<String>,
    /// Front face's toughness as printed.
    pub toughness: Option<String>,
    /// Front face's loyalty as printed.
    pub loyalty: Option<String>,
    /// Front face's defense as printed.
    pub defense: Option<String>,
    /// Rarity of the representative printing.
    pub rarity: Option<String>,
}

/// One face of a card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardFace {
    /// The face's name.
    pub name: String,
    /// Mana cost.
    pub mana_cost: Option<String>,
    /// The face's own mana value, when given.
    pub mana_value: Option<f64>,
    /// Type line.
    pub type_line: String,
    /// Supertypes.
    pub supertypes: Vec<String>,
    /// Card types.
    pub types: Vec<String>,
    /// Subtypes.
    pub subtypes: Vec<String>,
    /// Oracle text.
    pub oracle_text: String,
    /// Colours.
    pub colors: Vec<String>,
    /// Colour indicator.
    pub color_indicator: Option<Vec<String>>,
    /// Power as printed.
    pub power: Option<String>,
    /// Toughness as printed.
    pub toughness: Option<String>,
    /// Loyalty as printed.
    pub loyalty: Option<String>,
    /// Defense as printed.
    pub defense: Option<String>,
}

/// A printing of a card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Printing {
    /// Set code.
    pub set_code: String,
    /// Set name, when known.
    pub set_name: Option<String>,
    /// Collector number ("" when only the set is known).
    pub collector_number: String,
    /// Rarity of this printing.
    pub rarity: Option<String>,
    /// Release date.
    pub released_at: Option<String>,
}

/// An official ruling.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardRuling {
    /// Publication date.
    pub published: String,
    /// Text.
    pub text: String,
}

fn letters(bits: i64) -> Vec<String> {
    let colors = Colors::from_bits(bits as u8);
    if colors == Colors::COLORLESS {
        return Vec::new();
    }
    colors.to_string().chars().map(String::from).collect()
}

fn words(s: String) -> Vec<String> {
    s.split_whitespace().map(String::from).collect()
}

/// Loads cards by row id, in the order given (ids that do not exist are skipped).
pub fn load_cards(conn: &Connection, ids: &[i64]) -> Result<Vec<Card>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // One JSON parameter, not one per id: SQLite caps the number of bound variables.
    let ids_json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let mut faces: HashMap<i64, Vec<CardFace>> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT card_id, name, mana_cost, mana_value, type_line, supertypes, types, subtypes,
                oracle_text, colors, color_indicator, power, toughness, loyalty, defense
         FROM card_faces WHERE card_id IN (SELECT value FROM json_each(?1)) ORDER BY card_id, face_index")?;
    let mut rows = stmt.query([&ids_json])?;
    while let Some(r) = rows.next()? {
        faces.entry(r.get(0)?).or_default().push(CardFace {
            name: r.get(1)?,
            mana_cost: r.get(2)?,
            mana_value: r.get(3)?,
            type_line: r.get(4)?,
            supertypes: words(r.get(5)?),
            types: words(r.get(6)?),
            subtypes: words(r.get(7)?),
            oracle_text: r.get(8)?,
            colors: letters(r.get(9)?),
            color_indicator: r.get::<_, Option<i64>>(10)?.map(letters),
            power: r.get(11)?,
            toughness: r.get(12)?,
            loyalty: r.get(13)?,
            defense: r.get(14)?,
        });
    }
    let mut legalities: HashMap<i64, BTreeMap<String, String>> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT card_id, format, status FROM card_legalities WHERE card_id IN (SELECT value FROM json_each(?1))")?;
    let mut rows = stmt.query([&ids_json])?;
    while let Some(r) = rows.next()? {
        legalities
            .entry(r.get(0)?)
            .or_default()
            .insert(r.get(1)?, r.get(2)?);
    }
    let mut cards: HashMap<i64, Card> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT id, name, layout, mana_cost, mana_value, type_line, oracle_text, colors, color_identity,
                color_indicator, produced_mana, keywords, power, toughness, loyalty, defense, rarity,
                edhrec_rank, reserved, can_be_commander, released_at, oracle_id, scryfall_id, extra, games
         FROM cards WHERE id IN (SELECT value FROM json_each(?1))")?;
    let mut rows = stmt.query([&ids_json])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let scryfall_id: Option<String> = r.get(22)?;
        let keywords: String = r.get(11)?;
        cards.insert(
            id,
            Card {
                name: r.get(1)?,
                layout: r.get(2)?,
                mana_cost: r.get(3)?,
                mana_value: r.get(4)?,
                type_line: r.get(5)?,
                oracle_text: r.get(6)?,
                colors: letters(r.get(7)?),
                color_identity: letters(r.get(8)?),
                color_indicator: r.get::<_, Option<i64>>(9)?.map(letters),
                produced_mana: r
                    .get::<_, Option<String>>(10)?
                    .map(|p| p.chars().map(String::from).collect()),
                keywords: serde_json::from_str(&keywords).unwrap_or_default(),
                power: r.get(12)?,
                toughness: r.get(13)?,
                loyalty: r.get(14)?,
                defense: r.get(15)?,
                faces: faces.remove(&id).unwrap_or_default(),
                legalities: legalities.remove(&id).unwrap_or_default(),
                rarity: r.get(16)?,
                edhrec_rank: r.get(17)?,
                reserved: r.get(18)?,
                can_be_commander: r.get(19)?,
                released_at: r.get(20)?,
                games: words(r.get(24)?),
                oracle_id: r.get(21)?,
                image_url: scryfall_id.as_ref().map(|id| {
                    format!("https://api.scryfall.com/cards/{id}?format=image&version=normal")
                }),
                scryfall_id,
                extra: r.get(23)?,
                printings: None,
                rulings: None,
            },
        );
    }
    Ok(ids.iter().filter_map(|id| cards.remove(id)).collect())
}

/// Loads card summaries by row id, in the order given (ids that do not exist are skipped).
pub fn load_card_summaries(conn: &Connection, ids: &[i64]) -> Result<Vec<CardSummary>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids_json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, mana_cost, type_line, power, toughness, loyalty, defense, rarity
         FROM cards WHERE id IN (SELECT value FROM json_each(?1))",
    )?;
    let mut summaries: HashMap<i64, CardSummary> = stmt
        .query_map([&ids_json], |r| {
            Ok((
                r.get(0)?,
                CardSummary {
                    name: r.get(1)?,
                    mana_cost: r.get(2)?,
                    type_line: r.get(3)?,
                    power: r.get(4)?,
                    toughness: r.get(5)?,
                    loyalty: r.get(6)?,
                    defense: r.get(7)?,
                    rarity: r.get(8)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids.iter().filter_map(|id| summaries.remove(id)).collect())
}

/// Loads one card with its printings and rulings.
pub fn load_card_detail(conn: &Connection, id: i64) -> Result<Option<Card>> {
    let Some(mut card) = load_cards(conn, &[id])?.pop() else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT p.set_code, s.name, p.collector_number, p.rarity, coalesce(p.released_at, s.released_at)
         FROM printings p LEFT JOIN sets s ON s.code = p.set_code
         WHERE p.card_id = ?1 ORDER BY coalesce(p.released_at, s.released_at), p.set_code, p.collector_number",
    )?;
    let printings = stmt
        .query_map([id], |r| {
            Ok(Printing {
                set_code: r.get(0)?,
                set_name: r.get(1)?,
                collector_number: r.get(2)?,
                rarity: r.get(3)?,
                released_at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT published, text FROM rulings WHERE card_id = ?1 ORDER BY published, rowid",
    )?;
    let rulings = stmt
        .query_map([id], |r| {
            Ok(CardRuling {
                published: r.get(0)?,
                text: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    card.printings = Some(printings);
    card.rulings = Some(rulings);
    Ok(Some(card))
}
