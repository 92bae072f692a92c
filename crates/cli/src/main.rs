//! `planeswalker`: the knowledge base, headless.

fn main() {}
