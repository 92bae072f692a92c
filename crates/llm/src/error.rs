//! The crate's errors: each says what went wrong in words a player can act on, and names the
//! model file where one is involved.

use std::path::PathBuf;

/// An error of a model provider.
#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    /// The model file is not there.
    #[error("model file {path} does not exist")]
    ModelNotFound {
        /// The file.
        path: PathBuf,
    },
    /// The file is not a GGUF model.
    #[error("{path} is not a GGUF model file (it does not start with the GGUF signature)")]
    NotGguf {
        /// The file.
        path: PathBuf,
    },
    /// The file is a GGUF model, but damaged or incomplete.
    #[error("model file {path} is damaged or incomplete: {reason}; download it again")]
    CorruptModel {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Not enough memory for the model, or for its context.
    #[error(
        "not enough memory to load {path} ({reason}); close other programs, choose a smaller \
         context size or a smaller model"
    )]
    OutOfMemory {
        /// The file.
        path: PathBuf,
        /// What could not be allocated.
        reason: String,
    },
    /// llama.cpp could not load the model, for a reason other than the above.
    #[error("cannot load the model {path}: {reason}")]
    ModelLoad {
        /// The file.
        path: PathBuf,
        /// llama.cpp's words.
        reason: String,
    },
    /// The model catalogue cannot be read.
    #[error("the model catalogue is invalid: {reason}")]
    Catalog {
        /// What is wrong.
        reason: String,
    },
    /// No model of the catalogue has this id.
    #[error("no model is called {id:?}; the catalogue has: {}", known.join(", "))]
    UnknownModel {
        /// The id asked for.
        id: String,
        /// The ids there are.
        known: Vec<String>,
    },
    /// A setting llama.cpp cannot run with.
    #[error("invalid model settings: {reason}")]
    InvalidSettings {
        /// What is wrong.
        reason: String,
    },
    /// The model carries no chat template, and none was given for it.
    #[error(
        "the model {path} has no chat template in its metadata; it is probably not an instruct \
         model (choose one from `planeswalker models list`)"
    )]
    NoChatTemplate {
        /// The file.
        path: PathBuf,
    },
    /// The model's chat template does not compile, or failed while rendering the conversation.
    #[error("the model's chat template failed: {reason}")]
    Template {
        /// The template engine's words (or the template's own `raise_exception` message).
        reason: String,
    },
    /// The conversation does not fit the context even after the oldest turns were left out.
    #[error(
        "the conversation needs {needed_tokens} tokens but the context holds {context_tokens}; \
         shorten the system prompt or the last message, or raise the context size"
    )]
    ContextLength {
        /// Tokens of the smallest prompt that keeps the system prompt and the last message,
        /// plus the room kept for the answer.
        needed_tokens: u32,
        /// The context's size.
        context_tokens: u32,
    },
    /// The model wrote a tool call that cannot be read.
    #[error("the model wrote a malformed tool call ({reason}): {output}")]
    MalformedToolCall {
        /// What is wrong with it.
        reason: String,
        /// The model's text.
        output: String,
    },
    /// The tools' schemas cannot be turned into a grammar.
    #[error("cannot constrain the output to the tools' schemas: {reason}")]
    Grammar {
        /// Why.
        reason: String,
    },
    /// Inference failed midway.
    #[error("the model failed while answering: {reason}")]
    Inference {
        /// llama.cpp's words.
        reason: String,
    },
    /// The thread running the model has stopped (it panicked or the provider was dropped).
    #[error("the model has stopped; load it again")]
    ModelStopped,
    /// The model's file is not hosted anywhere to download it from.
    #[error(
        "{name} cannot be downloaded: it is not hosted anywhere, but made locally ({how}). In a \
         checkout of Planeswalker, `bash models/fetch-test-models.sh` makes it in \
         ~/.cache/planeswalker/models; copy {file} from there into {}", .models_dir.display()
    )]
    NotDownloadable {
        /// The model's display name.
        name: String,
        /// Its file name.
        file: String,
        /// How it is made (the catalogue's `hash_source`).
        how: String,
        /// Where it is installed.
        models_dir: PathBuf,
    },
    /// Downloading a model failed, was refused or was cancelled; the error says what became of
    /// the bytes already downloaded.
    #[error(transparent)]
    Download(#[from] download::Error),
    /// The SHA-256 of a model's first download could not be recorded beside it.
    #[error("cannot record the SHA-256 of the download in {path}: {source}")]
    HashRecord {
        /// The record's file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}
