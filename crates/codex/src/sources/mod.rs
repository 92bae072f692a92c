//! Readers for the public card-data sources codex imports (Scryfall bulk files, MTGJSON).
//!
//! Each reader maps its source's JSON shape onto the records in [`crate::model`] and hands them
//! to a callback one at a time; none of them touches the database or the network.

pub mod scryfall;
