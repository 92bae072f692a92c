//! Semantic search: card faces and rules found by what they mean, not only by the words they
//! share with the request ("cheap red instant that deals 3 damage" finds Lightning Bolt).
//!
//! An [`Embedder`] (any model of the `llm` crate) turns texts into vectors. The embedding
//! step ([`embed`]) runs after an import: it embeds each card face (name, type line, oracle
//! text) and each rule and glossary entry into sqlite-vec tables of the reference database,
//! reusing the stored vector of every text whose SHA-256 it already knows, so a re-import
//! embeds only what changed. Searching ([`card_ids`], [`rule_hits`]) embeds the request,
//! finds the nearest vectors (exact KNN), and for [`SearchMode::Hybrid`] fuses that list with
//! the BM25 full-text ranking by reciprocal rank fusion ([`fusion`]).
//!
//! This module owns the vector tables and what goes into them; it does not load models (the
//! caller passes one) and never changes cards or rules.

mod fusion;
mod search;
mod store;
mod texts;

pub use llm::Embedder;
pub use search::{SearchMode, card_ids, rule_hits};
pub use store::{EmbedProgress, EmbedReport, embed, embedded_model};
