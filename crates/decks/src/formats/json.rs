//! Planeswalker's own deck JSON, version 1 (the README documents it):
//!
//! ```json
//! {
//!   "planeswalker_deck": 1,
//!   "name": "Mono-Red Goblins",
//!   "cards": [
//!     { "section": "commander", "quantity": 1, "name": "Krenko, Mob Boss",
//!       "set": "M13", "collector_number": "141", "finish": "foil" },
//!     { "section": "main", "quantity": 20, "name": "Mountain" }
//!   ]
//! }
//! ```
//!
//! `section` is one of `commander`, `companion`, `main`, `sideboard`, `maybeboard`; `set`,
//! `collector_number` and `finish` (`foil`, `etched`) may be left out; unknown fields are
//! ignored, so later versions can add some.

use serde::{Deserialize, Serialize};

use super::{LineProblem, ReadDeck, ReadLine};
use crate::deck::{CardRef, Deck, DeckCard, Finish, PrintingRef, Section};

/// The version this code writes, and the newest it reads.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct JsonDeck {
    planeswalker_deck: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    cards: Vec<JsonCard>,
}

#[derive(Serialize, Deserialize)]
struct JsonCard {
    section: Section,
    quantity: u32,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    set: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    collector_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    finish: Option<Finish>,
}

impl JsonCard {
    fn into_deck_card(self) -> Result<DeckCard, String> {
        if self.quantity == 0 {
            return Err(format!("{}: the quantity must be at least 1", self.name));
        }
        if self.name.trim().is_empty() {
            return Err("a card needs a name".to_owned());
        }
        let printing = match (self.set, self.collector_number) {
            (Some(set), collector_number) => Some(PrintingRef {
                set,
                collector_number,
            }),
            (None, None) => None,
            (None, Some(_)) => {
                return Err(format!("{}: a collector number needs a set", self.name));
            }
        };
        Ok(DeckCard {
            section: self.section,
            quantity: self.quantity,
            card: CardRef {
                name: self.name,
                printing,
                finish: self.finish,
            },
        })
    }
}

/// Reads a deck in Planeswalker's JSON. A card that breaks a rule of the format is reported by
/// its position in `cards`; a document that is not the format at all, at the line where it
/// stops being so.
pub fn read(text: &str) -> ReadDeck {
    let mut read = ReadDeck::default();
    let document: JsonDeck = match serde_json::from_str(text) {
        Ok(document) => document,
        Err(error) => {
            read.problems.push(LineProblem {
                line: error.line(),
                text: text
                    .lines()
                    .nth(error.line().saturating_sub(1))
                    .unwrap_or_default()
                    .to_owned(),
                reason: format!("not a Planeswalker deck (JSON): {error}"),
            });
            return read;
        }
    };
    if document.planeswalker_deck > VERSION {
        read.problems.push(LineProblem {
            line: 1,
            text: format!("\"planeswalker_deck\": {}", document.planeswalker_deck),
            reason: format!(
                "written by a newer Planeswalker (deck format {}; this one reads up to {VERSION})",
                document.planeswalker_deck
            ),
        });
        return read;
    }
    read.name = document.name;
    for (index, card) in document.cards.into_iter().enumerate() {
        let text = serde_json::to_string(&card).unwrap_or_default();
        match card.into_deck_card() {
            Ok(card) => read.lines.push(ReadLine {
                line: index + 1,
                card,
            }),
            Err(reason) => read.problems.push(LineProblem {
                line: index + 1,
                text,
                reason,
            }),
        }
    }
    read
}

/// Writes `deck` in Planeswalker's JSON, pretty-printed.
pub fn write(deck: &Deck) -> String {
    let document = JsonDeck {
        planeswalker_deck: VERSION,
        name: deck.name.clone(),
        cards: deck
            .cards()
            .iter()
            .map(|line| JsonCard {
                section: line.section,
                quantity: line.quantity,
                name: line.card.name.clone(),
                set: line.card.printing.as_ref().map(|p| p.set.clone()),
                collector_number: line
                    .card
                    .printing
                    .as_ref()
                    .and_then(|p| p.collector_number.clone()),
                finish: line.card.finish,
            })
            .collect(),
    };
    // Plain strings, numbers and enums: serialising them cannot fail.
    let mut text = serde_json::to_string_pretty(&document)
        .unwrap_or_else(|error| unreachable!("a deck always serialises: {error}"));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::formats::tests::{deck_strategy, sections_of};

    #[test]
    fn the_documented_example_reads() {
        let text = r#"{
          "planeswalker_deck": 1,
          "name": "Mono-Red Goblins",
          "cards": [
            { "section": "commander", "quantity": 1, "name": "Krenko, Mob Boss",
              "set": "M13", "collector_number": "141", "finish": "foil" },
            { "section": "main", "quantity": 20, "name": "Mountain", "comment": "ignored" },
            { "section": "main", "quantity": 0, "name": "Shock" }
          ]
        }"#;
        let read = read(text);
        let deck = read.deck();
        assert_eq!(deck.name.as_deref(), Some("Mono-Red Goblins"));
        assert_eq!(
            deck.section(Section::Commander)[0].card.finish,
            Some(Finish::Foil)
        );
        assert_eq!(deck.count(Section::Main), 20);
        assert_eq!(read.problems.len(), 1);
        assert_eq!(read.problems[0].line, 3);
    }

    #[test]
    fn other_json_and_newer_versions_are_reported_not_guessed() {
        let other = read("{\"deck\": [1, 2]}");
        assert!(other.problems[0].reason.contains("not a Planeswalker deck"));
        let newer = read("{\"planeswalker_deck\": 2, \"cards\": []}");
        assert!(newer.problems[0].reason.contains("newer Planeswalker"));
    }

    proptest! {
        #[test]
        fn json_round_trips(deck in deck_strategy(sections_of(&Section::ALL), true, true, true)) {
            let read = read(&write(&deck));
            prop_assert!(read.problems.is_empty(), "{:?}", read.problems);
            prop_assert_eq!(read.deck(), deck);
        }
    }
}
