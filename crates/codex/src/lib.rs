//! Planeswalker's offline knowledge base.
//!
//! Owns the reference database (cards, printings, Comprehensive Rules, combos): its schema,
//! the importers that build it from public sources, and every query over it. It holds no
//! user data (decks, sessions, settings live in a separate database owned by other crates)
//! and never reaches the network except through [`download`].

pub mod card;
pub mod card_store;
mod codex;
pub mod colors;
pub mod combos;
pub mod db;
pub mod download;
pub mod error;
pub mod import;
pub mod lookup;
pub mod model;
pub mod names;
pub mod query;
pub mod rules;
pub mod search;
pub mod semantic;
pub mod sources;
mod sql_functions;
pub mod stats;

pub use codex::Codex;
pub use colors::Colors;
pub use error::{Error, Result};
