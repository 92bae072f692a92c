//! Writing combos into the reference database's combo tables (`0003_combos.sql`).
//!
//! Cards are matched to `cards` rows through the `card_names` key table, so a combo stored
//! after the card import links to its cards; [`link_cards`] links combos stored before it.
//! Call [`store`] inside a transaction when storing many: each combo is a dozen inserts.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params};

use super::{ComboRecord, StartingState, Zone, text_lines};
use crate::Result;
use crate::names::name_key;

/// The `cards` row for a name key: the card whose full name matches exactly when several
/// share the key (a face name equal to another card's name), else the lowest id.
const CARD_FOR_KEY: &str = "SELECT cn.card_id FROM card_names cn JOIN cards c ON c.id = cn.card_id
     WHERE cn.key = ?1 ORDER BY c.name = ?2 DESC, c.id LIMIT 1";

/// Stores one combo, replacing any stored combo with the same Spellbook id.
pub fn store(conn: &Connection, combo: &ComboRecord) -> Result<()> {
    conn.prepare_cached("DELETE FROM combos WHERE spellbook_id = ?1")?
        .execute([&combo.spellbook_id])?;
    let keys: Vec<String> = combo
        .cards
        .iter()
        .map(|card| name_key(&card.name))
        .collect();
    let card_count = keys.iter().collect::<HashSet<_>>().len();
    conn.prepare_cached(
        "INSERT INTO combos (spellbook_id, status, color_identity, card_count, mana_needed,
             mana_value_needed, description, notes, popularity, bracket_tag, spoiler)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        combo.spellbook_id,
        combo.status,
        combo.color_identity.bits(),
        card_count as i64,
        combo.mana_needed,
        combo.mana_value_needed,
        combo.description,
        combo.notes,
        combo.popularity,
        combo.bracket_tag,
        combo.spoiler,
    ])?;
    let combo_id = conn.last_insert_rowid();

    let mut card_for_key = conn.prepare_cached(CARD_FOR_KEY)?;
    let mut insert_card = conn.prepare_cached(
        "INSERT INTO combo_cards (combo_id, position, name, name_key, card_id, spellbook_card_id,
             oracle_id, quantity, zone_locations, battlefield_card_state, exile_card_state,
             library_card_state, graveyard_card_state, must_be_commander)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for (position, (card, key)) in combo.cards.iter().zip(&keys).enumerate() {
        let card_id: Option<i64> = card_for_key
            .query_row(params![key, card.name], |row| row.get(0))
            .optional()?;
        let start = &card.start;
        insert_card.execute(params![
            combo_id,
            position as i64,
            card.name,
            key,
            card_id,
            card.spellbook_id,
            card.oracle_id,
            start.quantity,
            zone_letters(&start.zones),
            start.battlefield_card_state,
            start.exile_card_state,
            start.library_card_state,
            start.graveyard_card_state,
            start.must_be_commander,
        ])?;
    }

    let mut insert_template = conn.prepare_cached(
        "INSERT INTO combo_templates (combo_id, position, name, spellbook_template_id,
             scryfall_query, quantity, zone_locations, battlefield_card_state, exile_card_state,
             library_card_state, graveyard_card_state, must_be_commander)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (position, template) in combo.templates.iter().enumerate() {
        let start: &StartingState = &template.start;
        insert_template.execute(params![
            combo_id,
            position as i64,
            template.name,
            template.spellbook_id,
            template.scryfall_query,
            start.quantity,
            zone_letters(&start.zones),
            start.battlefield_card_state,
            start.exile_card_state,
            start.library_card_state,
            start.graveyard_card_state,
            start.must_be_commander,
        ])?;
    }

    let mut insert_result = conn.prepare_cached(
        "INSERT INTO combo_results (combo_id, position, name, spellbook_feature_id, quantity)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, result) in combo.results.iter().enumerate() {
        insert_result.execute(params![
            combo_id,
            position as i64,
            result.name,
            result.spellbook_id,
            result.quantity,
        ])?;
    }

    // INSERT OR REPLACE: two spellings of one format ("pauper_commander", "pauperCommander")
    // fold to one key; the later one wins.
    let mut insert_legality = conn.prepare_cached(
        "INSERT OR REPLACE INTO combo_legalities (combo_id, format, legal) VALUES (?1, ?2, ?3)",
    )?;
    for (format, legal) in &combo.legalities {
        insert_legality.execute(params![combo_id, format, legal])?;
    }

    let mut insert_prerequisite = conn.prepare_cached(
        "INSERT INTO combo_prerequisites (combo_id, kind, position, text) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (kind, text) in [
        ("easy", &combo.easy_prerequisites),
        ("notable", &combo.notable_prerequisites),
    ] {
        for (position, line) in text_lines(text).enumerate() {
            insert_prerequisite.execute(params![combo_id, kind, position as i64, line])?;
        }
    }

    let mut insert_step = conn
        .prepare_cached("INSERT INTO combo_steps (combo_id, position, text) VALUES (?1, ?2, ?3)")?;
    for (position, line) in text_lines(&combo.description).enumerate() {
        insert_step.execute(params![combo_id, position as i64, line])?;
    }
    Ok(())
}

/// Links stored combo cards that have no `cards` row yet to the card with their name key,
/// for combos stored before the cards were imported. Returns how many were linked.
pub fn link_cards(conn: &Connection) -> Result<usize> {
    let linked = conn.execute(
        "UPDATE combo_cards SET card_id = (
             SELECT cn.card_id FROM card_names cn JOIN cards c ON c.id = cn.card_id
             WHERE cn.key = combo_cards.name_key
             ORDER BY c.name = combo_cards.name DESC, c.id LIMIT 1)
         WHERE card_id IS NULL
           AND EXISTS (SELECT 1 FROM card_names cn WHERE cn.key = combo_cards.name_key)",
        [],
    )?;
    Ok(linked)
}

/// Zones as the letters the database stores ("HG").
fn zone_letters(zones: &[Zone]) -> String {
    zones.iter().map(|zone| zone.letter()).collect()
}
