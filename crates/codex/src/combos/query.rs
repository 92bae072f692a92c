//! Finding stored combos by card name.
//!
//! Names are matched by their lookup key ([`crate::names::name_key`]), so case, accents and
//! punctuation do not matter. Results come most popular first (Spellbook's popularity is the
//! number of EDHREC decks holding the combo); combos without a figure come last, by id.
//! Only named cards are matched: a template requirement ("Permanent Castable for {C}") is
//! shown in [`Combo::templates`] for the player to judge, never counted as missing.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Serialize, Serializer};

use super::{ComboCard, ComboResult, ComboTemplate, StartingState, Zone};
use crate::db::sql_limit;
use crate::names::name_key;
use crate::{Colors, Result};

/// A stored combo, as the CLI prints it (`--json` serialises this).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Combo {
    /// Spellbook's variant id, e.g. `742-1295`.
    pub spellbook_id: String,
    /// The combo's page on Commander Spellbook.
    pub url: String,
    /// The named cards, in Spellbook's order.
    pub cards: Vec<ComboCard>,
    /// Requirements any of several cards can meet.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub templates: Vec<ComboTemplate>,
    /// What the combo produces.
    pub results: Vec<ComboResult>,
    /// Union of the pieces' colour identities; serialised as letters ("UB", "C").
    #[serde(serialize_with = "colors_as_letters")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub color_identity: Colors,
    /// Mana needed to perform it, when Spellbook says.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub mana_needed: String,
    /// Mana value of the mana needed, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mana_value_needed: Option<i64>,
    /// Easy-to-meet conditions before starting.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub easy_prerequisites: Vec<String>,
    /// Conditions worth planning for before starting.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notable_prerequisites: Vec<String>,
    /// The steps, in order.
    pub steps: Vec<String>,
    /// Spellbook's notes.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// How many EDHREC decks hold the combo, when known.
    pub popularity: Option<i64>,
    /// Spellbook's bracket letter, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bracket_tag: Option<String>,
    /// Formats the combo is legal in, by Spellbook's judgement, sorted.
    pub legal_formats: Vec<String>,
}

/// A combo found in (or nearly in) a deck.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ComboMatch {
    /// The combo.
    pub combo: Combo,
    /// Names of the combo's cards the deck lacks; empty when the deck holds them all.
    pub missing: Vec<String>,
}

/// Combos that use every one of `cards` (and possibly more), most popular first, at most
/// `limit`. With no cards given, every combo qualifies.
pub fn combos_with(conn: &Connection, cards: &[&str], limit: usize) -> Result<Vec<Combo>> {
    let keys = distinct_keys(cards);
    let mut statement = conn.prepare_cached(
        "SELECT c.id FROM combos c
         WHERE ?2 = 0 OR c.id IN (
             SELECT cc.combo_id FROM combo_cards cc
             WHERE cc.name_key IN (SELECT value FROM json_each(?1))
             GROUP BY cc.combo_id
             HAVING count(DISTINCT cc.name_key) = ?2)
         ORDER BY c.popularity DESC NULLS LAST, c.spellbook_id
         LIMIT ?3",
    )?;
    let ids = statement
        .query_map(
            params![keys_json(&keys), keys.len() as i64, sql_limit(limit)],
            |row| row.get::<_, i64>(0),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter().map(|id| load_combo(conn, id)).collect()
}

/// Combos whose cards are all among `cards` (a deck list), or all but at most `max_missing`
/// of them, with the missing names. Only combos using at least one of the given cards are
/// considered. Complete combos come first, then by fewest missing, then most popular; at
/// most `limit`.
pub fn combos_within(
    conn: &Connection,
    cards: &[&str],
    max_missing: usize,
    limit: usize,
) -> Result<Vec<ComboMatch>> {
    let keys = distinct_keys(cards);
    let mut statement = conn.prepare_cached(
        "WITH deck(key) AS (SELECT DISTINCT value FROM json_each(?1)),
         candidates(combo_id) AS (
             SELECT DISTINCT combo_id FROM combo_cards WHERE name_key IN (SELECT key FROM deck)),
         present(combo_id, held) AS (
             SELECT cc.combo_id, count(DISTINCT cc.name_key) FROM combo_cards cc
             WHERE cc.combo_id IN (SELECT combo_id FROM candidates)
               AND cc.name_key IN (SELECT key FROM deck)
             GROUP BY cc.combo_id)
         SELECT c.id, c.card_count - p.held AS missing
         FROM present p JOIN combos c ON c.id = p.combo_id
         WHERE c.card_count - p.held <= ?2
         ORDER BY missing, c.popularity DESC NULLS LAST, c.spellbook_id
         LIMIT ?3",
    )?;
    let ids = statement
        .query_map(
            params![keys_json(&keys), sql_limit(max_missing), sql_limit(limit)],
            |row| row.get::<_, i64>(0),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let deck: HashSet<String> = keys.into_iter().collect();
    ids.into_iter()
        .map(|id| {
            let combo = load_combo(conn, id)?;
            let mut seen = HashSet::new();
            let missing = combo
                .cards
                .iter()
                .filter(|card| {
                    let key = name_key(&card.name);
                    !deck.contains(&key) && seen.insert(key)
                })
                .map(|card| card.name.clone())
                .collect();
            Ok(ComboMatch { combo, missing })
        })
        .collect()
}

/// The combo with Spellbook's variant id (`742-1295`), if stored.
pub fn combo_by_spellbook_id(conn: &Connection, spellbook_id: &str) -> Result<Option<Combo>> {
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM combos WHERE spellbook_id = ?1")?
        .query_row([spellbook_id], |row| row.get(0))
        .optional()?;
    id.map(|id| load_combo(conn, id)).transpose()
}

/// Loads a whole combo from its row id.
fn load_combo(conn: &Connection, id: i64) -> Result<Combo> {
    let mut combo = conn
        .prepare_cached(
            "SELECT spellbook_id, color_identity, mana_needed, mana_value_needed, notes,
                 popularity, bracket_tag
             FROM combos WHERE id = ?1",
        )?
        .query_row([id], |row| {
            let spellbook_id: String = row.get(0)?;
            Ok(Combo {
                url: format!("https://commanderspellbook.com/combo/{spellbook_id}/"),
                spellbook_id,
                cards: Vec::new(),
                templates: Vec::new(),
                results: Vec::new(),
                color_identity: Colors::from_bits(row.get(1)?),
                mana_needed: row.get(2)?,
                mana_value_needed: row.get(3)?,
                easy_prerequisites: Vec::new(),
                notable_prerequisites: Vec::new(),
                steps: Vec::new(),
                notes: row.get(4)?,
                popularity: row.get(5)?,
                bracket_tag: row.get(6)?,
                legal_formats: Vec::new(),
            })
        })?;

    combo.cards = conn
        .prepare_cached(
            "SELECT name, card_id, spellbook_card_id, oracle_id, quantity, zone_locations,
                 battlefield_card_state, exile_card_state, library_card_state,
                 graveyard_card_state, must_be_commander
             FROM combo_cards WHERE combo_id = ?1 ORDER BY position",
        )?
        .query_map([id], |row| {
            Ok(ComboCard {
                name: row.get(0)?,
                card_id: row.get(1)?,
                spellbook_id: row.get(2)?,
                oracle_id: row.get(3)?,
                start: starting_state(row, 4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    combo.templates = conn
        .prepare_cached(
            "SELECT name, spellbook_template_id, scryfall_query, quantity, zone_locations,
                 battlefield_card_state, exile_card_state, library_card_state,
                 graveyard_card_state, must_be_commander
             FROM combo_templates WHERE combo_id = ?1 ORDER BY position",
        )?
        .query_map([id], |row| {
            Ok(ComboTemplate {
                name: row.get(0)?,
                spellbook_id: row.get(1)?,
                scryfall_query: row.get(2)?,
                start: starting_state(row, 3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    combo.results = conn
        .prepare_cached(
            "SELECT name, spellbook_feature_id, quantity FROM combo_results
             WHERE combo_id = ?1 ORDER BY position",
        )?
        .query_map([id], |row| {
            Ok(ComboResult {
                name: row.get(0)?,
                spellbook_id: row.get(1)?,
                quantity: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    let mut prerequisites = conn.prepare_cached(
        "SELECT kind, text FROM combo_prerequisites WHERE combo_id = ?1 ORDER BY kind, position",
    )?;
    let mut rows = prerequisites.query([id])?;
    while let Some(row) = rows.next()? {
        let kind: String = row.get(0)?;
        let text: String = row.get(1)?;
        if kind == "easy" {
            combo.easy_prerequisites.push(text);
        } else {
            combo.notable_prerequisites.push(text);
        }
    }

    combo.steps = conn
        .prepare_cached("SELECT text FROM combo_steps WHERE combo_id = ?1 ORDER BY position")?
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;

    combo.legal_formats = conn
        .prepare_cached(
            "SELECT format FROM combo_legalities WHERE combo_id = ?1 AND legal ORDER BY format",
        )?
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(combo)
}

/// Reads the seven starting-state columns that begin at `first`.
fn starting_state(row: &Row<'_>, first: usize) -> rusqlite::Result<StartingState> {
    let letters: String = row.get(first + 1)?;
    Ok(StartingState {
        quantity: row.get(first)?,
        // The store writes only known letters, so nothing is dropped here.
        zones: letters.chars().filter_map(Zone::from_letter).collect(),
        battlefield_card_state: row.get(first + 2)?,
        exile_card_state: row.get(first + 3)?,
        library_card_state: row.get(first + 4)?,
        graveyard_card_state: row.get(first + 5)?,
        must_be_commander: row.get(first + 6)?,
    })
}

/// The name keys of `cards`, each once, in the order given.
fn distinct_keys(cards: &[&str]) -> Vec<String> {
    let mut seen = HashSet::new();
    cards
        .iter()
        .map(|card| name_key(card))
        .filter(|key| seen.insert(key.clone()))
        .collect()
}

/// Keys as a JSON array for `json_each`, so any number of names binds as one parameter.
fn keys_json(keys: &[String]) -> String {
    serde_json::Value::from(keys.to_vec()).to_string()
}

fn colors_as_letters<S: Serializer>(colors: &Colors, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(colors)
}
