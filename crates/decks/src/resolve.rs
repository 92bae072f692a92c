//! Names as typed → the knowledge base's cards. A list's names go through the codex's name
//! lookup (exact, then case, accents, punctuation, either face, "A // B"); the deck that comes
//! out carries each card's printed name, and every line that names no card, or several, is a
//! [`NameProblem`] with suggestions while the rest of the deck is kept.

use std::collections::{BTreeSet, HashMap};

use codex::Codex;
use codex::card::Card;
use codex::lookup::NameMatch;
use serde::Serialize;

use crate::deck::{CardRef, Deck};
use crate::formats::{ReadDeck, ReadLine};

/// A deck line whose name is no card, or more than one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NameProblem {
    /// The line's number in the list (for a stored deck, the line's position, from 1).
    pub line: usize,
    /// The name as written.
    pub name: String,
    /// How many copies the line asked for.
    pub quantity: u32,
    /// `true` when the name is several cards', `false` when it is none.
    pub ambiguous: bool,
    /// The names it could mean, or the closest names, best first.
    pub suggestions: Vec<String>,
}

impl std::fmt::Display for NameProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.ambiguous {
            "could be several cards"
        } else {
            "is not a card"
        };
        write!(f, "line {}: {:?} {what}", self.line, self.name)?;
        if !self.suggestions.is_empty() {
            let label = if self.ambiguous {
                "which one"
            } else {
                "did you mean"
            };
            write!(f, " ({label}: {}?)", self.suggestions.join(", "))?;
        }
        Ok(())
    }
}

/// The cards a deck names, by their printed names, and the formats the card data has
/// legalities for.
#[derive(Debug, Clone, Default)]
pub struct CardPool {
    cards: HashMap<String, Card>,
    formats: BTreeSet<String>,
}

impl CardPool {
    /// The card printed as `name`.
    pub fn get(&self, name: &str) -> Option<&Card> {
        self.cards.get(name)
    }

    /// Whether the card data lists cards' legality in `format` (an id such as `modern`); when
    /// it does not, a card without an entry is not known to be illegal.
    pub fn lists_format(&self, format: &str) -> bool {
        self.formats.contains(format)
    }

    /// A pool of the given cards, knowing the formats their legalities name.
    pub fn from_cards(cards: impl IntoIterator<Item = Card>) -> Self {
        let cards: HashMap<String, Card> = cards
            .into_iter()
            .map(|card| (card.name.clone(), card))
            .collect();
        let formats = cards
            .values()
            .flat_map(|card| card.legalities.keys().cloned())
            .collect();
        CardPool { cards, formats }
    }
}

/// A list matched against the knowledge base.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// The deck of the lines that name one card each, by printed names; printings, finishes,
    /// quantities and sections as the list gave them.
    pub deck: Deck,
    /// Those cards.
    pub cards: CardPool,
    /// Every line that names no card or several.
    pub problems: Vec<NameProblem>,
}

/// Matches every line of `read` to a card.
pub fn resolve(codex: &Codex, read: &ReadDeck) -> codex::Result<Resolution> {
    let names: Vec<&str> = read
        .lines
        .iter()
        .map(|line| line.card.card.name.as_str())
        .collect();
    let matches = codex.match_names(&names)?;
    let mut ids: Vec<i64> = matches
        .iter()
        .filter_map(|found| match found {
            NameMatch::Card(id) => Some(*id),
            _ => None,
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let loaded: HashMap<i64, Card> = ids.iter().copied().zip(codex.cards(&ids)?).collect();
    let mut resolution = Resolution {
        deck: Deck::new(read.name.clone()),
        cards: CardPool {
            cards: HashMap::new(),
            formats: codex.legality_formats()?.iter().cloned().collect(),
        },
        problems: Vec::new(),
    };
    for (line, found) in read.lines.iter().zip(matches) {
        let problem = |ambiguous, suggestions| NameProblem {
            line: line.line,
            name: line.card.card.name.clone(),
            quantity: line.card.quantity,
            ambiguous,
            suggestions,
        };
        match found {
            NameMatch::Card(id) => {
                // Matched ids exist: `cards` skips none of them.
                let Some(card) = loaded.get(&id) else {
                    continue;
                };
                resolution.deck.add(
                    line.card.section,
                    line.card.quantity,
                    CardRef {
                        name: card.name.clone(),
                        ..line.card.card.clone()
                    },
                );
                resolution
                    .cards
                    .cards
                    .insert(card.name.clone(), card.clone());
            }
            NameMatch::Ambiguous(names) => resolution.problems.push(problem(true, names)),
            NameMatch::Missing(names) => resolution.problems.push(problem(false, names)),
        }
    }
    Ok(resolution)
}

/// Matches a stored deck's lines to cards again (after a new import, say); problems carry the
/// line's position in the deck.
pub fn resolve_deck(codex: &Codex, deck: &Deck) -> codex::Result<Resolution> {
    let read = ReadDeck {
        name: deck.name.clone(),
        lines: deck
            .cards()
            .iter()
            .enumerate()
            .map(|(index, card)| ReadLine {
                line: index + 1,
                card: card.clone(),
            })
            .collect(),
        problems: Vec::new(),
    };
    resolve(codex, &read)
}
