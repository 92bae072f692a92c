//! Decks: the deck model ([`Deck`]); readers and writers for the deck list formats players
//! paste and export ([`formats`]); names matched to the knowledge base's cards ([`resolve`]);
//! legality per format ([`legality`]); analytics ([`analysis`], [`odds`]) and the combos a
//! deck holds ([`combos`]). Reading never fails as a whole: each line that cannot be read, or
//! names no card, is reported with its number and the reason, and the rest of the deck is kept.

pub mod analysis;
pub mod combos;
pub mod deck;
pub mod formats;
pub mod legality;
pub mod odds;
pub mod resolve;
pub mod store;
#[cfg(test)]
mod test_cards;

pub use deck::{CardRef, Deck, DeckCard, Finish, PrintingRef, Section};
pub use formats::{Format, LineProblem, ReadDeck, ReadLine, WriteError};
pub use legality::{GameFormat, Violation};
pub use resolve::{CardPool, NameProblem, Resolution};
pub use store::{DeckStore, DeckSummary, StoreError, StoredDeck};
