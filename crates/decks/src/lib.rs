//! Decks: the deck model ([`Deck`]) and readers and writers for the deck list formats players
//! paste and export ([`formats`]). Reading never fails as a whole: each line that cannot be
//! read is reported with its number and the reason, and the rest of the deck is kept.

pub mod deck;
pub mod formats;

pub use deck::{CardRef, Deck, DeckCard, Finish, Printing, Section};
pub use formats::{Format, LineProblem, ReadDeck, ReadLine, WriteError};
