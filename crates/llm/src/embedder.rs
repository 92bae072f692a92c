//! The one trait every text-embedding model implements: local GGUF models now
//! ([`crate::providers::local::LocalEmbedder`]), cloud embedding APIs later.
//!
//! The knowledge base stores vectors and searches them; it never needs to know which model
//! made them beyond [`Embedder::model_id`], which tells it when stored vectors are stale.

use crate::error::LlmError;

/// A model that turns texts into vectors whose dot product is their similarity.
pub trait Embedder: Send + Sync {
    /// Names the model exactly: two embedders with the same id make the same vectors, so
    /// vectors stored under one id may be searched with a query vector of the other.
    fn model_id(&self) -> &str;

    /// Values per vector.
    fn dimensions(&self) -> usize;

    /// One L2-normalised vector per text, in order (blocking; texts longer than the model
    /// reads are cut, as the model was trained to read them).
    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, LlmError>;
}
