//! The thread that owns a loaded model and its context and answers requests one at a time.
//!
//! llama.cpp's context is not thread-safe and borrows the model, so both live on this thread
//! for its whole life; requests arrive over a channel and events leave over another. The
//! tokens whose keys and values are in the context's cache are remembered between requests,
//! so a follow-up turn evaluates only what differs from the previous prompt (the longest
//! common prefix is kept, the rest of the cache removed).

use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};
use std::time::Instant;

use llama_cpp_2::context::LlamaContext;
use llama_cpp_2::context::params::LlamaContextParams;
use llama_cpp_2::llama_batch::LlamaBatch;
use llama_cpp_2::model::LlamaModel;
use llama_cpp_2::model::params::LlamaModelParams;
use llama_cpp_2::sampling::LlamaSampler;
use llama_cpp_2::token::LlamaToken;
use tokio::sync::mpsc::UnboundedSender;
use tokio_util::sync::CancellationToken;

use super::model_thread::{context_error, or_report};
use super::output::{OutputScanner, Scanned};
use super::prompt::build_prompt;
use super::{LocalSettings, ModelInfo, backend};
use crate::chat::{ChatRequest, Sampling, ToolChoice};
use crate::error::LlmError;
use crate::event::{ChatEvent, FinishReason, Timing, Usage};
use crate::template::{ChatTemplate, TemplateClock};
use crate::tool_calls::{ToolSyntax, call_schema, parse_calls, wrap_call_grammar};

/// One request for the worker.
pub(super) struct Job {
    pub request: ChatRequest,
    pub cancel: CancellationToken,
    pub events: UnboundedSender<Result<ChatEvent, LlmError>>,
    /// When the caller asked: time to first token counts from here.
    pub asked: Instant,
}

/// Tool-call ids are unique within the process.
static NEXT_CALL: AtomicU64 = AtomicU64::new(1);

/// Loads the model, reports on `ready`, then answers `jobs` until the channel closes.
pub(super) fn run(
    path: PathBuf,
    settings: LocalSettings,
    ready: SyncSender<Result<ModelInfo, LlmError>>,
    jobs: Receiver<Job>,
    shutdown: CancellationToken,
) {
    let Some(loaded) = or_report(load(&path, &settings), &ready) else {
        return;
    };
    let context_tokens = settings.context_tokens_for(loaded.model.n_ctx_train());
    // llama.cpp caps the batch at the context size it was asked for; so does this.
    let batch_tokens = settings.batch_tokens.min(context_tokens);
    let params = LlamaContextParams::default()
        .with_n_ctx(NonZeroU32::new(context_tokens))
        .with_n_batch(batch_tokens)
        .with_n_ubatch(batch_tokens)
        .with_n_threads(settings.threads as i32)
        .with_n_threads_batch(settings.threads as i32);
    let created = backend().and_then(|backend| {
        loaded.model.new_context(backend, params).map_err(|error| {
            context_error(
                &path,
                &format!("a context of {context_tokens} tokens"),
                error,
            )
        })
    });
    let Some(mut context) = or_report(created, &ready) else {
        return;
    };
    let info = ModelInfo {
        path: path.clone(),
        context_tokens: context.n_ctx(),
        trained_context_tokens: loaded.model.n_ctx_train(),
        tool_syntax: loaded.syntax,
        template_supports_tools: loaded.template.supports_tools(),
    };
    if ready.send(Ok(info)).is_err() {
        return;
    }
    let mut session = Session {
        model: &loaded.model,
        template: &loaded.template,
        syntax: loaded.syntax,
        bos_text: &loaded.bos_text,
        batch_tokens: (context.n_batch() as usize).max(1),
        cached: Vec::new(),
        shutdown,
    };
    while let Ok(job) = jobs.recv() {
        session.answer(&mut context, job);
    }
}

struct Loaded {
    model: LlamaModel,
    template: ChatTemplate,
    syntax: ToolSyntax,
    bos_text: String,
}

fn load(path: &std::path::Path, settings: &LocalSettings) -> Result<Loaded, LlmError> {
    let model = LlamaModel::load_from_file(backend()?, path, &LlamaModelParams::default())
        .map_err(|error| LlmError::ModelLoad {
            path: path.to_owned(),
            reason: format!("{error} (the log file has llama.cpp's own words)"),
        })?;
    let source =
        match &settings.chat_template {
            Some(source) => source.clone(),
            None => model.meta_val_str("tokenizer.chat_template").map_err(|_| {
                LlmError::NoChatTemplate {
                    path: path.to_owned(),
                }
            })?,
        };
    let vocab = model.vocab();
    let token_text = |token: LlamaToken| {
        String::from_utf8_lossy(&vocab.token_to_piece(token, true, None)).into_owned()
    };
    let bos_text = token_text(vocab.bos());
    let template = ChatTemplate::new(
        &source,
        &bos_text,
        &token_text(vocab.eos()),
        TemplateClock::Local,
    )?;
    let syntax = ToolSyntax::of_template(&source);
    Ok(Loaded {
        model,
        template,
        syntax,
        bos_text,
    })
}

/// Why generation ended early.
enum Interrupted {
    /// Cancelled, or nobody listens any more.
    Cancelled,
    Failed(LlmError),
}

impl From<LlmError> for Interrupted {
    fn from(error: LlmError) -> Self {
        Interrupted::Failed(error)
    }
}

struct Session<'m> {
    model: &'m LlamaModel,
    template: &'m ChatTemplate,
    syntax: ToolSyntax,
    batch_tokens: usize,
    /// The BOS token's text, as templates print it.
    bos_text: &'m str,
    /// The tokens whose keys and values are in the context's cache, in order.
    cached: Vec<LlamaToken>,
    shutdown: CancellationToken,
}

impl Session<'_> {
    fn answer(&mut self, context: &mut LlamaContext<'_>, job: Job) {
        match self.generate(context, &job) {
            Ok(()) => {}
            Err(Interrupted::Cancelled) => {
                let _ = job.events.send(Ok(ChatEvent::Done {
                    reason: FinishReason::Cancelled,
                }));
            }
            Err(Interrupted::Failed(error)) => {
                let _ = job.events.send(Err(error));
            }
        }
    }

    fn generate(&mut self, context: &mut LlamaContext<'_>, job: &Job) -> Result<(), Interrupted> {
        let request = &job.request;
        let shutdown = self.shutdown.clone();
        let stopped =
            || job.cancel.is_cancelled() || shutdown.is_cancelled() || job.events.is_closed();
        let send = |event: ChatEvent| {
            job.events
                .send(Ok(event))
                .map_err(|_| Interrupted::Cancelled)
        };
        let vocab = self.model.vocab();
        let context_tokens = context.n_ctx();
        let prompt = build_prompt(self.template, request, context_tokens, |text| {
            // Templates that print the BOS token themselves must not get a second one.
            let add_bos = vocab.should_add_bos() && !text.starts_with(self.bos_text);
            vocab.tokenize(text.as_bytes(), add_bos, true)
        })?;
        if prompt.dropped_messages > 0 {
            send(ChatEvent::ContextTrimmed {
                dropped_messages: prompt.dropped_messages,
            })?;
        }
        let mut sampler = self.sampler(request)?;
        let tokens = prompt.tokens;
        if tokens.is_empty() {
            return Err(Interrupted::Failed(LlmError::Template {
                reason: "the conversation renders to an empty prompt".into(),
            }));
        }

        // Keep the cache's longest common prefix with this prompt; at least one token is
        // evaluated, for its logits.
        let reuse = common_prefix(&self.cached, &tokens).min(tokens.len().saturating_sub(1));
        let removed = context.clear_kv_cache_seq(Some(0), Some(reuse as u32), None);
        if !matches!(removed, Ok(true)) {
            context.clear_kv_cache();
            self.cached.clear();
        }
        let reuse = reuse.min(self.cached.len());
        self.cached.truncate(reuse);
        let prompt_started = Instant::now();
        let mut batch = LlamaBatch::new(self.batch_tokens, 1);
        let mut last_logits = 0;
        for chunk_start in (reuse..tokens.len()).step_by(self.batch_tokens) {
            if stopped() {
                return Err(Interrupted::Cancelled);
            }
            let chunk_end = (chunk_start + self.batch_tokens).min(tokens.len());
            batch.clear();
            for (position, token) in tokens.iter().enumerate().take(chunk_end).skip(chunk_start) {
                let logits = position + 1 == tokens.len();
                add(&mut batch, *token, position, logits)?;
            }
            self.decode(context, &mut batch)?;
            self.cached
                .extend_from_slice(&tokens[chunk_start..chunk_end]);
            last_logits = batch.n_tokens() - 1;
        }
        let prompt_seconds = prompt_started.elapsed().as_secs_f64();
        let evaluated = tokens.len() - reuse;

        let tools = (!request.tools.is_empty()).then_some(self.syntax);
        let mut scanner = OutputScanner::new(&request.stop, tools);
        let mut utf8 = Utf8Pieces::default();
        let mut generated = 0u32;
        let mut first_token_at = None;
        let mut reason = FinishReason::Length;
        let mut stopped_by_string = false;
        while generated < request.max_tokens {
            if stopped() {
                return Err(Interrupted::Cancelled);
            }
            let token = sampler.sample(context, last_logits);
            generated += 1;
            first_token_at.get_or_insert_with(Instant::now);
            if vocab.is_eog(token) {
                reason = FinishReason::Stop;
                break;
            }
            let text = utf8.push(&vocab.token_to_piece(token, true, None));
            match scanner.push(&text) {
                Scanned::Continue { text } => {
                    if !text.is_empty() {
                        send(ChatEvent::TextDelta { text })?;
                    }
                }
                Scanned::Stop { text } => {
                    if !text.is_empty() {
                        send(ChatEvent::TextDelta { text })?;
                    }
                    reason = FinishReason::Stop;
                    stopped_by_string = true;
                    break;
                }
            }
            let position = self.cached.len();
            // The last allowed token is never decoded: nothing would read its logits, and
            // decoding it would put one uncounted decode in the generation time.
            if generated == request.max_tokens || position >= context_tokens as usize {
                break;
            }
            batch.clear();
            add(&mut batch, token, position, true)?;
            self.decode(context, &mut batch)?;
            self.cached.push(token);
            last_logits = 0;
        }
        let finished = Instant::now();

        let (mut rest, call_text) = scanner.finish();
        // Bytes after a stop string are not part of the answer.
        if !stopped_by_string {
            rest.push_str(&utf8.finish());
        }
        if !rest.is_empty() && call_text.is_none() {
            send(ChatEvent::TextDelta { text: rest })?;
        }
        if let Some(call_text) = call_text {
            let mut next_id = || format!("call_{}", NEXT_CALL.fetch_add(1, Ordering::Relaxed));
            match parse_calls(self.syntax, &call_text, &mut next_id) {
                Ok(calls) => {
                    for call in calls {
                        send(ChatEvent::ToolCall { call })?;
                    }
                    reason = FinishReason::ToolCalls;
                }
                // Free to answer in text, the model wrote text that only looked like a call
                // (a Llama answer that is a JSON object): it is the answer.
                Err(_) if request.tool_choice == ToolChoice::Auto => {
                    send(ChatEvent::TextDelta { text: call_text })?;
                }
                Err(error) => return Err(Interrupted::Failed(error)),
            }
        }
        send(ChatEvent::Usage(Usage {
            prompt_tokens: tokens.len() as u32,
            cached_prompt_tokens: reuse as u32,
            generated_tokens: generated,
        }))?;
        let first = first_token_at.unwrap_or(finished);
        let generation_seconds = finished.duration_since(first).as_secs_f64();
        send(ChatEvent::Timing(Timing {
            time_to_first_token: first.duration_since(job.asked),
            prompt_tokens_per_second: per_second(evaluated, prompt_seconds),
            generation_tokens_per_second: per_second(
                generated.saturating_sub(1) as usize,
                generation_seconds,
            ),
        }))?;
        send(ChatEvent::Done { reason })?;
        Ok(())
    }

    fn decode(
        &mut self,
        context: &mut LlamaContext<'_>,
        batch: &mut LlamaBatch,
    ) -> Result<(), Interrupted> {
        context.decode(batch).map_err(|error| {
            // The cache may hold part of the batch: start the next request from nothing.
            context.clear_kv_cache();
            self.cached.clear();
            Interrupted::Failed(LlmError::Inference {
                reason: error.to_string(),
            })
        })
    }

    /// The sampler chain for `request`: the tool-call grammar first when a call is required.
    fn sampler(&self, request: &ChatRequest) -> Result<LlamaSampler, LlmError> {
        let mut chain = Vec::new();
        if request.tool_choice == ToolChoice::Required && !request.tools.is_empty() {
            let schema = call_schema(self.syntax, &request.tools).to_string();
            let call_grammar = llama_cpp_2::json_schema_to_grammar(&schema).map_err(|error| {
                LlmError::Grammar {
                    reason: error.to_string(),
                }
            })?;
            let grammar = wrap_call_grammar(self.syntax, &call_grammar);
            chain.push(
                LlamaSampler::grammar(self.model, &grammar, "root").map_err(|error| {
                    LlmError::Grammar {
                        reason: error.to_string(),
                    }
                })?,
            );
        }
        let Sampling {
            temperature,
            top_p,
            top_k,
            min_p,
            repeat_penalty,
            seed,
        } = request.sampling;
        if repeat_penalty != 1.0 {
            chain.push(LlamaSampler::penalties(
                self.model.n_vocab(),
                64,
                repeat_penalty,
                0.0,
                0.0,
            ));
        }
        if temperature <= 0.0 {
            chain.push(LlamaSampler::greedy());
        } else {
            if top_k > 0 {
                chain.push(LlamaSampler::top_k(top_k as i32));
            }
            chain.push(LlamaSampler::top_p(top_p, 1));
            chain.push(LlamaSampler::min_p(min_p, 1));
            chain.push(LlamaSampler::temp(temperature));
            chain.push(LlamaSampler::dist(seed));
        }
        Ok(LlamaSampler::chain_simple(chain))
    }
}

fn add(
    batch: &mut LlamaBatch,
    token: LlamaToken,
    position: usize,
    logits: bool,
) -> Result<(), Interrupted> {
    batch
        .add(token, position as i32, &[0], logits)
        .map_err(|error| {
            Interrupted::Failed(LlmError::Inference {
                reason: error.to_string(),
            })
        })
}

fn common_prefix(a: &[LlamaToken], b: &[LlamaToken]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

fn per_second(count: usize, seconds: f64) -> f64 {
    if seconds > 0.0 {
        count as f64 / seconds
    } else {
        0.0
    }
}

/// Token pieces are bytes, and a character can be split across two tokens: text is released
/// only up to the last complete character.
#[derive(Default)]
struct Utf8Pieces {
    pending: Vec<u8>,
}

impl Utf8Pieces {
    fn push(&mut self, bytes: &[u8]) -> String {
        self.pending.extend_from_slice(bytes);
        let mut text = String::new();
        loop {
            match std::str::from_utf8(&self.pending) {
                Ok(valid) => {
                    text.push_str(valid);
                    self.pending.clear();
                    return text;
                }
                Err(error) => {
                    let valid = error.valid_up_to();
                    text.push_str(&String::from_utf8_lossy(&self.pending[..valid]));
                    match error.error_len() {
                        // An invalid sequence (not merely an incomplete one) is shown as
                        // U+FFFD, and what follows is decoded on its own.
                        Some(invalid) => {
                            text.push('\u{fffd}');
                            self.pending.drain(..valid + invalid);
                        }
                        // The start of a character whose other bytes come with the next token.
                        None => {
                            self.pending.drain(..valid);
                            return text;
                        }
                    }
                }
            }
        }
    }

    fn finish(self) -> String {
        String::from_utf8_lossy(&self.pending).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::Utf8Pieces;

    #[test]
    fn characters_split_across_tokens_come_out_whole() {
        let mut pieces = Utf8Pieces::default();
        let bytes = "Dû".as_bytes();
        assert_eq!(pieces.push(&bytes[..2]), "D");
        assert_eq!(pieces.push(&bytes[2..]), "û");
        assert_eq!(pieces.push(&[0xff]), "\u{fffd}");
        // An invalid byte, then a character split across two tokens.
        assert_eq!(pieces.push(&[0x96, 0xe4, 0xb8]), "\u{fffd}");
        assert_eq!(pieces.push(&[0x96]), "世");
        assert_eq!(pieces.finish(), "");
    }
}
