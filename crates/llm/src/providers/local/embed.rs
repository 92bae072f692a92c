//! Text embeddings from a local GGUF embedding model (all-MiniLM-L6-v2 and other BERT-style
//! models), through the same llama.cpp runtime as chat.
//!
//! Texts are packed several to a batch, one sequence each, and pooled by the model's own
//! pooling (mean for MiniLM); vectors come back L2-normalised, so a dot product is their
//! cosine similarity. A text longer than the model's context is cut to its first tokens (the
//! end marker kept), as sentence-transformers does.

use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use llama_cpp_2::context::LlamaContext;
use llama_cpp_2::context::params::LlamaContextParams;
use llama_cpp_2::llama_batch::LlamaBatch;
use llama_cpp_2::model::LlamaModel;
use llama_cpp_2::model::params::LlamaModelParams;

use super::backend;
use super::model_thread::{ModelThread, context_error, or_report};
use crate::embedder::Embedder;
use crate::error::LlmError;
use crate::gguf;

/// Tokens evaluated per batch (every sequence of a batch fits in it whole).
const BATCH_TOKENS: u32 = 2048;
/// Sequences per batch.
const BATCH_SEQUENCES: u32 = 64;

/// What an embedding model is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedderInfo {
    /// The GGUF file.
    pub path: PathBuf,
    /// The file's name and the SHA-256 of its bytes (`all-MiniLM-L6-v2.F16.gguf@sha256:…`):
    /// the same weights under another name make the same vectors, other weights under the
    /// same name do not.
    pub model_id: String,
    /// Values per vector.
    pub dimensions: usize,
    /// The longest text it reads, in tokens.
    pub max_tokens: usize,
}

type Reply = SyncSender<Result<Vec<Vec<f32>>, LlmError>>;

/// An embedding model loaded on its own thread.
pub struct LocalEmbedder {
    info: EmbedderInfo,
    thread: ModelThread<(Vec<String>, Reply)>,
}

impl std::fmt::Debug for LocalEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalEmbedder")
            .field("info", &self.info)
            .finish()
    }
}

impl LocalEmbedder {
    /// Loads the embedding model at `path` with `threads` CPU threads (blocking).
    pub fn load(path: &Path, threads: u32) -> Result<LocalEmbedder, LlmError> {
        gguf::read_header(path)?;
        let file_name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let digest = download::sha256_file(path).map_err(|source| LlmError::Io {
            path: path.to_owned(),
            source,
        })?;
        let model_id = format!("{file_name}@sha256:{digest}");
        let thread_path = path.to_owned();
        let (thread, info) = ModelThread::spawn("llm-embed", path, move |ready, requests| {
            run(thread_path, model_id, threads, ready, requests)
        })?;
        Ok(LocalEmbedder { info, thread })
    }

    /// What the model is.
    pub fn info(&self) -> &EmbedderInfo {
        &self.info
    }
}

impl Embedder for LocalEmbedder {
    fn model_id(&self) -> &str {
        &self.info.model_id
    }

    fn dimensions(&self) -> usize {
        self.info.dimensions
    }

    fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, LlmError> {
        let (reply_tx, reply_rx) = sync_channel(1);
        self.thread.send((texts.to_vec(), reply_tx))?;
        reply_rx.recv().map_err(|_| LlmError::ModelStopped)?
    }
}

fn run(
    path: PathBuf,
    model_id: String,
    threads: u32,
    ready: SyncSender<Result<EmbedderInfo, LlmError>>,
    requests: Receiver<(Vec<String>, Reply)>,
) {
    let loaded = backend().and_then(|backend| {
        LlamaModel::load_from_file(backend, &path, &LlamaModelParams::default()).map_err(|error| {
            LlmError::ModelLoad {
                path: path.clone(),
                reason: error.to_string(),
            }
        })
    });
    let Some(model) = or_report(loaded, &ready) else {
        return;
    };
    let max_tokens = (model.n_ctx_train() as usize).clamp(1, BATCH_TOKENS as usize);
    let params = LlamaContextParams::default()
        .with_embeddings(true)
        .with_n_ctx(NonZeroU32::new(BATCH_TOKENS))
        .with_n_batch(BATCH_TOKENS)
        .with_n_ubatch(BATCH_TOKENS)
        .with_n_seq_max(BATCH_SEQUENCES)
        // One cache for all sequences (models with a cache would otherwise get
        // n_ctx / n_seq_max tokens each); the batch size already bounds the total.
        .with_kv_unified(true)
        .with_n_threads(threads as i32)
        .with_n_threads_batch(threads as i32);
    let created = backend().and_then(|backend| {
        model
            .new_context(backend, params)
            .map_err(|error| context_error(&path, "an embedding context", error))
    });
    let Some(mut context) = or_report(created, &ready) else {
        return;
    };
    let info = EmbedderInfo {
        path,
        model_id,
        dimensions: model.n_embd() as usize,
        max_tokens,
    };
    if ready.send(Ok(info)).is_err() {
        return;
    }
    while let Ok((texts, reply)) = requests.recv() {
        let _ = reply.send(embed_all(&model, &mut context, &texts, max_tokens));
    }
}

fn embed_all(
    model: &LlamaModel,
    context: &mut LlamaContext<'_>,
    texts: &[String],
    max_tokens: usize,
) -> Result<Vec<Vec<f32>>, LlmError> {
    let vocab = model.vocab();
    let sequences: Vec<Vec<_>> = texts
        .iter()
        .map(|text| {
            let mut tokens = vocab.tokenize(text.as_bytes(), true, false);
            if tokens.len() > max_tokens {
                // Keep the end-of-sequence marker the model was trained to see last.
                let last = tokens[tokens.len() - 1];
                tokens.truncate(max_tokens - 1);
                tokens.push(last);
            }
            tokens
        })
        .collect();
    let mut vectors = Vec::with_capacity(texts.len());
    let mut batch = LlamaBatch::new(BATCH_TOKENS as usize, BATCH_SEQUENCES as i32);
    let mut pending = 0usize;
    let mut start = 0usize;
    let mut batch_tokens = 0usize;
    let failed = |error: String| LlmError::Inference { reason: error };
    for (i, tokens) in sequences.iter().enumerate() {
        if pending == BATCH_SEQUENCES as usize
            || batch_tokens + tokens.len() > BATCH_TOKENS as usize
        {
            flush(context, &mut batch, pending, &mut vectors)?;
            start = i;
            pending = 0;
            batch_tokens = 0;
        }
        batch
            .add_sequence(tokens, (i - start) as i32, true)
            .map_err(|e| failed(e.to_string()))?;
        pending += 1;
        batch_tokens += tokens.len();
    }
    if pending > 0 {
        flush(context, &mut batch, pending, &mut vectors)?;
    }
    Ok(vectors)
}

/// Evaluates the batch of `sequences` sequences and appends their normalised vectors.
fn flush(
    context: &mut LlamaContext<'_>,
    batch: &mut LlamaBatch,
    sequences: usize,
    vectors: &mut Vec<Vec<f32>>,
) -> Result<(), LlmError> {
    context.clear_kv_cache();
    context.decode(batch).map_err(|e| LlmError::Inference {
        reason: e.to_string(),
    })?;
    for sequence in 0..sequences {
        let embedding =
            context
                .embeddings_seq_ith(sequence as i32)
                .map_err(|_| LlmError::Inference {
                    reason: "the model gives no pooled embedding (is it an embedding model?)"
                        .into(),
                })?;
        vectors.push(normalised(embedding));
    }
    batch.clear();
    Ok(())
}

fn normalised(vector: &[f32]) -> Vec<f32> {
    let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        vector.iter().map(|x| x / norm).collect()
    } else {
        vector.to_vec()
    }
}
