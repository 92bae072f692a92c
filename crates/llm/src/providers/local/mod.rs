//! Local models: GGUF files run by llama.cpp (through `llama-cpp-2`) on this machine.
//!
//! [`LocalModel::load`] checks the file, then starts a thread that loads the model and keeps
//! it with one context (see [`worker`]); requests queue there and are answered one at a time.

mod embed;
mod model_thread;
mod output;
mod prompt;
mod worker;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::task::Poll;
use std::time::Instant;

use futures_util::stream::{self, BoxStream, StreamExt};
use llama_cpp_2::llama_backend::LlamaBackend;
use tokio_util::sync::CancellationToken;

pub use embed::{EmbedderInfo, LocalEmbedder};
pub use prompt::answer_room;

use crate::chat::ChatRequest;
use crate::error::LlmError;
use crate::event::ChatEvent;
use crate::gguf;
use crate::provider::{Capabilities, Provider};
use crate::tool_calls::ToolSyntax;
use model_thread::ModelThread;

/// The context size used when the settings give none: models are trained for up to 128K
/// tokens, whose cache would take gigabytes; 8K holds a long rules conversation.
pub const DEFAULT_CONTEXT_TOKENS: u32 = 8192;

/// How a local model runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalSettings {
    /// The context size in tokens; `None` for the model's trained size, at most
    /// [`DEFAULT_CONTEXT_TOKENS`]. Never more than the model was trained for.
    pub context_tokens: Option<u32>,
    /// CPU threads for inference.
    pub threads: u32,
    /// Tokens evaluated per batch while reading a prompt.
    pub batch_tokens: u32,
    /// A chat template to use instead of the model's own (for a model that has none).
    pub chat_template: Option<String>,
}

impl Default for LocalSettings {
    /// One thread per core, as llama.cpp's own tools default to, and its 512-token batches.
    fn default() -> Self {
        LocalSettings {
            context_tokens: None,
            threads: std::thread::available_parallelism()
                .map(|n| n.get() as u32)
                .unwrap_or(4),
            batch_tokens: 512,
            chat_template: None,
        }
    }
}

impl LocalSettings {
    /// Settings llama.cpp cannot run with are refused before it sees them.
    fn check(&self) -> Result<(), LlmError> {
        let refuse = |reason: &str| {
            Err(LlmError::InvalidSettings {
                reason: reason.to_owned(),
            })
        };
        if self.context_tokens == Some(0) {
            return refuse("the context size must be at least one token");
        }
        if self.batch_tokens == 0 {
            return refuse("the batch size must be at least one token");
        }
        if self.threads == 0 {
            return refuse("at least one thread is needed");
        }
        Ok(())
    }

    /// The context size for a model trained with `trained` tokens.
    fn context_tokens_for(&self, trained: u32) -> u32 {
        let trained = if trained == 0 { u32::MAX } else { trained };
        self.context_tokens
            .unwrap_or(DEFAULT_CONTEXT_TOKENS)
            .min(trained)
    }
}

/// What a loaded model is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelInfo {
    /// The GGUF file.
    pub path: PathBuf,
    /// The context in use, in tokens (llama.cpp rounds the size asked for up to a multiple
    /// of 256).
    pub context_tokens: u32,
    /// The context the model was trained with.
    pub trained_context_tokens: u32,
    /// How the model writes tool calls.
    pub tool_syntax: ToolSyntax,
    /// Whether its chat template writes tool definitions itself.
    pub template_supports_tools: bool,
}

/// llama.cpp's backend, initialised once per process; its log goes to `tracing`.
fn backend() -> Result<&'static LlamaBackend, LlmError> {
    static BACKEND: OnceLock<Result<LlamaBackend, String>> = OnceLock::new();
    BACKEND
        .get_or_init(|| {
            llama_cpp_2::send_logs_to_tracing(llama_cpp_2::LogOptions::default());
            // Fails only when something else in the process initialised llama.cpp first.
            LlamaBackend::init().map_err(|error| error.to_string())
        })
        .as_ref()
        .map_err(|reason| LlmError::Inference {
            reason: format!("llama.cpp could not start: {reason}"),
        })
}

/// A GGUF model loaded on its own thread.
pub struct LocalModel {
    info: ModelInfo,
    /// Stops the request in hand when the model is dropped.
    shutdown: CancellationToken,
    thread: ModelThread<worker::Job>,
}

impl std::fmt::Debug for LocalModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalModel")
            .field("info", &self.info)
            .finish()
    }
}

impl LocalModel {
    /// Loads the GGUF model at `path`. Blocks for as long as loading takes (seconds for a
    /// large model): call it from a blocking task. A missing, truncated or foreign file is
    /// reported as such before llama.cpp reads it.
    pub fn load(path: &Path, settings: LocalSettings) -> Result<LocalModel, LlmError> {
        settings.check()?;
        gguf::read_header(path)?;
        let shutdown = CancellationToken::new();
        let worker_shutdown = shutdown.clone();
        let thread_path = path.to_owned();
        let (thread, info) = ModelThread::spawn("llm-local", path, move |ready, jobs| {
            worker::run(thread_path, settings, ready, jobs, worker_shutdown)
        })?;
        Ok(LocalModel {
            info,
            shutdown,
            thread,
        })
    }

    /// What the model is.
    pub fn info(&self) -> &ModelInfo {
        &self.info
    }
}

impl Drop for LocalModel {
    fn drop(&mut self) {
        // The request in hand stops at its next token; the thread ends when `thread` drops.
        self.shutdown.cancel();
    }
}

impl Provider for LocalModel {
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            tools: true,
            constrained_output: true,
            context_tokens: self.info.context_tokens,
            embeddings: false,
        }
    }

    fn chat_stream(
        &self,
        request: ChatRequest,
        cancel: CancellationToken,
    ) -> BoxStream<'static, Result<ChatEvent, LlmError>> {
        let (events, mut received) = tokio::sync::mpsc::unbounded_channel();
        let job = worker::Job {
            request,
            cancel,
            events,
            asked: Instant::now(),
        };
        if let Err(error) = self.thread.send(job) {
            return stream::once(async { Err(error) }).boxed();
        }
        // A worker that died mid-answer drops its sender: say so rather than end quietly.
        let mut ended = false;
        stream::poll_fn(move |cx| {
            if ended {
                return Poll::Ready(None);
            }
            let item = match received.poll_recv(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(item)) => item,
                Poll::Ready(None) => Err(LlmError::ModelStopped),
            };
            ended = matches!(item, Ok(ChatEvent::Done { .. }) | Err(_));
            Poll::Ready(Some(item))
        })
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_llama_cpp_cannot_run_with_are_refused_before_loading() {
        for settings in [
            LocalSettings {
                batch_tokens: 0,
                ..LocalSettings::default()
            },
            LocalSettings {
                context_tokens: Some(0),
                ..LocalSettings::default()
            },
            LocalSettings {
                threads: 0,
                ..LocalSettings::default()
            },
        ] {
            let refused = LocalModel::load(Path::new("/nonexistent.gguf"), settings);
            assert!(
                matches!(refused, Err(LlmError::InvalidSettings { .. })),
                "{refused:?}"
            );
        }
    }

    #[test]
    fn the_context_defaults_to_8k_and_never_exceeds_the_trained_size() {
        let settings = LocalSettings::default();
        assert_eq!(settings.context_tokens_for(131_072), 8192);
        assert_eq!(settings.context_tokens_for(2048), 2048);
        let asked = LocalSettings {
            context_tokens: Some(16_384),
            ..LocalSettings::default()
        };
        assert_eq!(asked.context_tokens_for(131_072), 16_384);
        assert_eq!(asked.context_tokens_for(4096), 4096);
    }
}
