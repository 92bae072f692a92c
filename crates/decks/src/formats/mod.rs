//! Deck list formats. Each reader turns text into a [`ReadDeck`]: the deck and a problem per
//! line it could not read, so nothing is dropped silently. Each writer refuses, with
//! [`WriteError`], a deck the format cannot express rather than leaving cards out.

pub mod arena;

use crate::deck::{Deck, Section};

/// A line a reader could not take, by its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    /// The line's number, from 1.
    pub line: usize,
    /// The line as written.
    pub text: String,
    /// Why it was not read, as a sentence for the player.
    pub reason: String,
}

/// What a reader made of a deck list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadDeck {
    /// Every card line that was read.
    pub deck: Deck,
    /// Every line that was not.
    pub problems: Vec<LineProblem>,
}

/// A deck a format cannot express.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WriteError {
    /// The deck has cards in a section the format lacks.
    #[error("the {format} format has no {section:?} section ({cards} cards there)")]
    NoSuchSection {
        /// The format's name.
        format: &'static str,
        /// The section it lacks.
        section: Section,
        /// How many cards are in that section.
        cards: u32,
    },
    /// A card name the format would read back as something else.
    #[error("the {format} format cannot write the card name {name:?}: {reason}")]
    Name {
        /// The format's name.
        format: &'static str,
        /// The card name.
        name: String,
        /// Why it cannot be written.
        reason: &'static str,
    },
}
