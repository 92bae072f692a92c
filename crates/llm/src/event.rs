//! What a model sends back while it answers: one closed set of events for every provider.

use std::time::Duration;

use serde::Serialize;

use crate::chat::ToolCall;

/// One event of a streamed answer. A stream ends with exactly one [`ChatEvent::Done`] unless an
/// error ends it first; [`ChatEvent::Usage`] and [`ChatEvent::Timing`] come just before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChatEvent {
    /// More of the answer's text.
    TextDelta {
        /// The new text.
        text: String,
    },
    /// A complete tool call: its arguments parsed as a JSON object.
    ToolCall {
        /// The call.
        call: ToolCall,
    },
    /// The oldest messages were left out so the conversation fits the model's context (see
    /// the provider's trimming policy).
    ContextTrimmed {
        /// How many messages were left out.
        dropped_messages: usize,
    },
    /// Token counts of the request.
    Usage(Usage),
    /// How fast the request was answered.
    Timing(Timing),
    /// The answer is complete.
    Done {
        /// Why generation stopped.
        reason: FinishReason,
    },
}

/// Token counts of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Usage {
    /// Tokens in the prompt, cached ones included.
    pub prompt_tokens: u32,
    /// Prompt tokens that were not evaluated again because an earlier request left them in
    /// the cache.
    pub cached_prompt_tokens: u32,
    /// Tokens generated.
    pub generated_tokens: u32,
}

/// How fast one request was answered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Timing {
    /// From the request to the first generated token.
    #[serde(with = "millis")]
    pub time_to_first_token: Duration,
    /// Prompt tokens evaluated per second (the cached ones not counted).
    pub prompt_tokens_per_second: f64,
    /// Tokens generated per second, after the first.
    pub generation_tokens_per_second: f64,
}

/// Why generation stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FinishReason {
    /// The model ended its answer, or wrote a stop string.
    Stop,
    /// `max_tokens` were generated, or the context is full.
    Length,
    /// The model called tools and waits for their results.
    ToolCalls,
    /// The caller cancelled.
    Cancelled,
}

mod millis {
    use std::time::Duration;

    use serde::Serializer;

    pub fn serialize<S: Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(duration.as_secs_f64() * 1000.0)
    }
}
