//! The combos a deck holds, and those it misses by one card, from the knowledge base's combos
//! table (Commander Spellbook). Combos that also need a card template ("a permanent castable
//! for {C}") are matched on their named cards only.

use codex::Codex;
use codex::combos::ComboMatch;

use crate::deck::{Deck, Section};

/// Complete combos first, then those missing exactly one card; most popular first within each;
/// at most `limit`. Only the main deck, commanders and companion count as held.
pub fn combos_in(codex: &Codex, deck: &Deck, limit: usize) -> codex::Result<Vec<ComboMatch>> {
    let names: Vec<&str> = deck
        .cards()
        .iter()
        .filter(|line| {
            matches!(
                line.section,
                Section::Main | Section::Commander | Section::Companion
            )
        })
        .map(|line| line.card.name.as_str())
        .collect();
    codex::combos::combos_within(codex.connection(), &names, 1, limit)
}
