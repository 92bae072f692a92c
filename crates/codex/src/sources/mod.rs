//! Readers for the public card-data sources codex imports (MTGJSON, Scryfall bulk files).
//!
//! Each reader maps its source's JSON shape onto the records in [`crate::model`] and hands them
//! to a callback one at a time, streaming: none holds a whole file in memory, and none touches
//! the database or the network.

pub mod mtgjson;
pub(crate) mod oracle_text;
pub mod scryfall;
