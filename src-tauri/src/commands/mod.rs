//! The app's commands, one module per area of the UI. Each only adapts `codex` and `decks`:
//! it takes the state, calls the crates, and converts the error.

pub mod cards;
pub mod decks;
pub mod library;
pub mod rules;

include!("names.rs");
