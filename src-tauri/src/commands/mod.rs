//! The app's commands, one module per area of the UI. Each only adapts `codex`: it takes
//! the state, calls one function, and converts the error.

pub mod cards;
pub mod library;
pub mod rules;

include!("names.rs");
