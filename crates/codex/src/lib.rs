//! Planeswalker's offline knowledge base.
//!
//! Owns the reference database (cards, printings, Comprehensive Rules, combos): its schema,
//! the importers that build it from public sources, and every query over it. It holds no
//! user data (decks, sessions, settings live in a separate database owned by other crates)
//! and never reaches the network except through [`download`].

pub mod colors;
pub mod db;
pub mod error;
pub mod model;
pub mod names;
pub mod sources;
mod sql_functions;

pub use colors::Colors;
pub use error::{Error, Result};
