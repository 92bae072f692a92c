//! The one trait every model provider implements: local llama.cpp models now, cloud APIs later.

use futures_util::stream::BoxStream;
use tokio_util::sync::CancellationToken;

use crate::chat::ChatRequest;
use crate::error::LlmError;
use crate::event::ChatEvent;

/// What a provider's model can do, so callers choose features without knowing the vendor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capabilities {
    /// Tool calls in answers.
    pub tools: bool,
    /// Output constrained by a grammar or schema ([`crate::chat::ToolChoice::Required`]
    /// yields valid JSON).
    pub constrained_output: bool,
    /// The context window, in tokens.
    pub context_tokens: u32,
    /// Text embeddings.
    pub embeddings: bool,
}

/// A model that answers chat requests as a stream of [`ChatEvent`]s.
pub trait Provider: Send + Sync {
    /// What the model can do.
    fn capabilities(&self) -> Capabilities;

    /// Answers `request`. The stream ends with [`ChatEvent::Done`] or an error; cancelling
    /// `cancel` (or dropping the stream) stops generation within one token, and the stream
    /// then ends with [`crate::event::FinishReason::Cancelled`]. The provider stays usable
    /// for the next request either way.
    fn chat_stream(
        &self,
        request: ChatRequest,
        cancel: CancellationToken,
    ) -> BoxStream<'static, Result<ChatEvent, LlmError>>;
}
