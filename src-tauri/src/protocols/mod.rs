//! Custom URI schemes the web view loads from, registered in [`crate::run`].

pub mod card_image;
