//! Combos from Commander Spellbook's bulk export (`variants.json`): reading it, storing it in
//! the reference database and finding combos by card.
//!
//! Spellbook calls a concrete combo a *variant*: a set of cards (and card *templates* such as
//! "Permanent Castable for {C}", met by any of several cards) that together produce *features*
//! ("Infinite colorless mana"). Here a variant is a [`ComboRecord`] when read and a [`Combo`]
//! when queried. This module holds no game logic of its own: whether a combo works is
//! Spellbook's judgement, passed on as published.
//!
//! - [`reader`] streams the export into [`ComboRecord`]s.
//! - [`store`] writes a record into the combo tables (`0003_combos.sql`).
//! - [`query`] answers "which combos use these cards" and "which combos does this deck hold".

pub mod query;
pub mod reader;
pub mod store;

use serde::Serialize;

use crate::Colors;

pub use query::{Combo, ComboMatch, combo_by_spellbook_id, combos_with, combos_within};
pub use reader::{ExportInfo, read_export, read_variants};
pub use store::{link_cards, store};

/// A zone a combo piece may start in. Spellbook writes them as one letter each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Zone {
    /// `H`
    Hand,
    /// `B`
    Battlefield,
    /// `C`
    CommandZone,
    /// `G`
    Graveyard,
    /// `L`
    Library,
    /// `E`
    Exile,
}

impl Zone {
    /// The zone for Spellbook's letter (`H`, `B`, `C`, `G`, `L`, `E`), if it is one.
    pub fn from_letter(letter: char) -> Option<Zone> {
        match letter.to_ascii_uppercase() {
            'H' => Some(Zone::Hand),
            'B' => Some(Zone::Battlefield),
            'C' => Some(Zone::CommandZone),
            'G' => Some(Zone::Graveyard),
            'L' => Some(Zone::Library),
            'E' => Some(Zone::Exile),
            _ => None,
        }
    }

    /// Spellbook's letter for the zone; the database stores zones as these letters.
    pub fn letter(self) -> char {
        match self {
            Zone::Hand => 'H',
            Zone::Battlefield => 'B',
            Zone::CommandZone => 'C',
            Zone::Graveyard => 'G',
            Zone::Library => 'L',
            Zone::Exile => 'E',
        }
    }
}

/// Where a combo piece must be, and in what state, before the combo starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StartingState {
    /// Copies needed (almost always 1).
    pub quantity: u32,
    /// Zones the piece may start in; several mean "any of these".
    pub zones: Vec<Zone>,
    /// Required state on the battlefield ("without summoning sickness").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub battlefield_card_state: String,
    /// Required state in exile ("exiled by Isochron Scepter").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub exile_card_state: String,
    /// Required state in the library ("on top").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub library_card_state: String,
    /// Required state in the graveyard.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub graveyard_card_state: String,
    /// The piece must be your commander.
    pub must_be_commander: bool,
}

/// A named card a combo uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ComboCard {
    /// The card's full name as Spellbook writes it (faces joined with " // ").
    pub name: String,
    /// The card's row in our `cards` table; `None` straight from the reader, or when the card
    /// is not in the card data (for example, newer than it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_id: Option<i64>,
    /// Spellbook's own id for the card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spellbook_id: Option<i64>,
    /// Scryfall oracle id, when Spellbook gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oracle_id: Option<String>,
    /// Where it starts and in what state.
    #[serde(flatten)]
    pub start: StartingState,
}

/// A requirement any of several cards can meet ("Permanent Castable for {C}").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ComboTemplate {
    /// Spellbook's name for the requirement.
    pub name: String,
    /// Spellbook's id for the template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spellbook_id: Option<i64>,
    /// The Scryfall search that lists the cards meeting it, when Spellbook gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scryfall_query: Option<String>,
    /// Where it starts and in what state.
    #[serde(flatten)]
    pub start: StartingState,
}

/// One thing a combo produces ("Infinite colorless mana", "Win the game").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ComboResult {
    /// Spellbook's feature name.
    pub name: String,
    /// Spellbook's id for the feature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spellbook_id: Option<i64>,
    /// How many times it is produced (1 unless Spellbook says otherwise).
    pub quantity: u32,
}

/// One combo as read from the export, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComboRecord {
    /// Spellbook's variant id, e.g. `742-1295` (the cards' Spellbook ids, sorted).
    pub spellbook_id: String,
    /// Spellbook's review status: `OK`, or `E` for an example variant.
    pub status: String,
    /// The named cards, in Spellbook's order.
    pub cards: Vec<ComboCard>,
    /// Requirements any of several cards can meet.
    pub templates: Vec<ComboTemplate>,
    /// What the combo produces.
    pub results: Vec<ComboResult>,
    /// Union of the pieces' colour identities, as Spellbook computes it.
    pub color_identity: Colors,
    /// Mana needed to perform it ("{U}{U}{B}"); Spellbook sometimes writes prose here.
    pub mana_needed: String,
    /// Mana value of [`ComboRecord::mana_needed`], when given.
    pub mana_value_needed: Option<i64>,
    /// Easy-to-meet conditions, one per line.
    pub easy_prerequisites: String,
    /// Conditions worth planning for, one per line.
    pub notable_prerequisites: String,
    /// The steps, one per line.
    pub description: String,
    /// Spellbook's notes.
    pub notes: String,
    /// How many EDHREC decks hold the combo; `None` when Spellbook has no figure.
    pub popularity: Option<i64>,
    /// Spellbook's bracket letter (`R` ruthless, `S` spicy, `P` powerful, ...).
    pub bracket_tag: Option<String>,
    /// Uses a card not yet released when the export was made.
    pub spoiler: bool,
    /// Format → whether the combo is legal there, formats lower case without underscores
    /// (`commander`, `paupercommandermain`).
    pub legalities: Vec<(String, bool)>,
}

/// Splits Spellbook's multi-line text (steps, prerequisites) into its non-empty lines.
pub(crate) fn text_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|line| !line.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_letters_round_trip() {
        for letter in ['H', 'B', 'C', 'G', 'L', 'E'] {
            let zone = Zone::from_letter(letter);
            assert_eq!(zone.map(Zone::letter), Some(letter));
        }
        assert_eq!(Zone::from_letter('h'), Some(Zone::Hand));
        assert_eq!(Zone::from_letter('X'), None);
    }

    #[test]
    fn text_lines_drop_blank_lines_and_carriage_returns() {
        let lines: Vec<_> = text_lines("Step one.\r\n\r\n Step two. \nRepeat.").collect();
        assert_eq!(lines, ["Step one.", "Step two.", "Repeat."]);
    }
}
