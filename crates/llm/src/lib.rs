//! Planeswalker's language models behind one trait.
//!
//! [`Provider`] takes a [`ChatRequest`] (messages, tools as JSON Schema, sampling, limits) and
//! streams [`ChatEvent`]s (text, tool calls, usage, timing, the finish reason), cancellable at
//! any point. [`providers::local`] runs GGUF models through llama.cpp with the model's own chat
//! template ([`template`]) and tool-call convention ([`tool_calls`]); [`Embedder`] turns texts
//! into vectors for semantic search; [`catalog`] lists the models a player can pick and
//! [`model_download`] installs them. This crate knows nothing of cards or rules: the agent
//! gives it the tools, and the knowledge base the texts to embed.

pub mod catalog;
pub mod chat;
pub mod embedder;
pub mod error;
pub mod event;
pub mod gguf;
pub mod model_download;
pub mod provider;
pub mod providers;
pub mod template;
pub mod tool_calls;

pub use chat::{ChatRequest, Message, Role, Sampling, ToolCall, ToolChoice, ToolDefinition};
pub use embedder::Embedder;
pub use error::LlmError;
pub use event::{ChatEvent, FinishReason, Timing, Usage};
pub use provider::{Capabilities, Provider};
