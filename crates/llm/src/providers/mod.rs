//! One folder per provider; vendor types never leave their folder.

pub mod local;
