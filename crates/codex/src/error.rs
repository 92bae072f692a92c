//! The crate's error type.

use std::path::PathBuf;

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the knowledge base.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No reference database has been built yet.
    #[error("no knowledge base at {path}: run `planeswalker import` first")]
    NoDatabase {
        /// Where the database was looked for.
        path: PathBuf,
    },
    /// The reference database was built by a Planeswalker with another schema.
    #[error("the knowledge base at {} was built by another version of Planeswalker (schema {found}, this one reads {expected}): run `planeswalker import` to rebuild it", .path.display())]
    SchemaOutdated {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The version this build reads.
        expected: i64,
    },
    /// The reference database file cannot be read as a database.
    #[error("the knowledge base at {} is damaged: run `planeswalker import` to rebuild it", .path.display())]
    DamagedDatabase {
        /// The database file.
        path: PathBuf,
        /// SQLite's complaint.
        #[source]
        source: rusqlite::Error,
    },
    /// A partial import cannot keep the other parts, because the current database is unusable.
    #[error(
        "cannot keep the {kept} of the current knowledge base: import everything (`planeswalker import`) to rebuild it"
    )]
    CannotKeepParts {
        /// The parts that would have been kept.
        kept: String,
        /// Why the current database is unusable.
        #[source]
        source: Box<Error>,
    },
    /// The reference database holds no combos yet.
    #[error("no combos have been imported: run `planeswalker import combos` first")]
    CombosNotImported,
    /// The reference database holds no cards yet.
    #[error("no cards have been imported: run `planeswalker import` first")]
    CardsNotImported,
    /// No card has this name; `suggestions` holds the closest names, best first.
    #[error("no card named \"{name}\"{}", did_you_mean(.suggestions))]
    CardNotFound {
        /// The name as asked.
        name: String,
        /// Closest existing card names, best first.
        suggestions: Vec<String>,
    },
    /// An import was asked for with nothing to import.
    #[error(
        "no source files to import: give --from-file or --from-dir, or let Planeswalker download them"
    )]
    NoSources,
    /// Another import is running on the same data directory.
    #[error("another import is already running in {}", .data_dir.display())]
    ImportRunning {
        /// The data directory.
        data_dir: PathBuf,
    },
    /// No rule has this (well-formed) number; `suggestions` holds the nearest existing
    /// numbers, the closest existing ancestor first.
    #[error("{}", rule_not_found(.number, .suggestions))]
    RuleNotFound {
        /// The number as understood (`702.19z` for `CR 702.19Z`).
        number: String,
        /// Nearest existing rule numbers; empty when none is close.
        suggestions: Vec<String>,
    },
    /// Text given as a rule number that is not shaped like one.
    #[error("\"{input}\" is not a rule number: rule numbers look like 7, 702, 702.19 or 702.19b")]
    InvalidRuleNumber {
        /// The text as given.
        input: String,
    },
    /// No glossary entry has this term; `suggestions` holds the closest terms, best first.
    #[error("no glossary entry for \"{term}\"{}", did_you_mean(.suggestions))]
    GlossaryTermNotFound {
        /// The term as asked.
        term: String,
        /// Closest glossary terms, best first.
        suggestions: Vec<String>,
    },
    /// The reference database holds no Comprehensive Rules yet.
    #[error("the Comprehensive Rules have not been imported: run `planeswalker import` first")]
    RulesNotImported,
    /// A source file is not in the format it claims to be.
    #[error("{source_name}: {message}")]
    Format {
        /// Which source (file name or URL).
        source_name: String,
        /// What was wrong.
        message: String,
    },
    /// JSON that does not parse.
    #[error("{source_name}: invalid JSON: {source}")]
    Json {
        /// Which source (file name or URL).
        source_name: String,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// A combo in a Commander Spellbook export that breaks the format.
    #[error("{source_name}: combo {combo_id}: {message}")]
    InvalidCombo {
        /// Which source (file name or URL).
        source_name: String,
        /// Spellbook's id for the combo (variant), as given.
        combo_id: String,
        /// What was wrong.
        message: String,
    },
    /// One element of a bulk file's top-level array could not be read: malformed or truncated
    /// JSON, or an object that is not what the file should hold.
    #[error("{source_name}: element {index} (counting from 0) of the top-level array: {source}")]
    BulkElement {
        /// Which source (file name or URL).
        source_name: String,
        /// Position of the element in the array, counting from 0.
        index: u64,
        /// The parser's error, with line and column.
        #[source]
        source: serde_json::Error,
    },
    /// A search query that does not parse, or names something that does not exist; the
    /// [`ParseError`](crate::query::ParseError) says what and where.
    #[error("invalid search: {0}")]
    InvalidQuery(#[from] crate::query::ParseError),
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The schema could not be migrated.
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A file could not be read or written.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A download source URL (from the settings or from a server's answer) does not parse.
    #[error("\"{url}\" is not a valid download URL: {message}; fix it in the download settings")]
    InvalidUrl {
        /// The URL as written.
        url: String,
        /// Why it does not parse.
        message: String,
    },
    /// A download failed, was refused or was cancelled; the error says what became of the
    /// bytes already downloaded.
    #[error(transparent)]
    Download(#[from] ::download::Error),
    /// An import was cancelled before its new database went in; the old one is untouched.
    #[error("the import was cancelled; the knowledge base was not changed")]
    ImportCancelled,
    /// A card image was asked for by something that is not a Scryfall id.
    #[error("\"{id}\" is not a Scryfall card id")]
    NotAScryfallId {
        /// What was given.
        id: String,
    },
    /// A downloaded Scryfall bulk file is not the size the bulk-data index lists for it.
    #[error(
        "{url} downloaded with {actual} bytes but Scryfall's bulk-data index lists {listed}; the \
         file was deleted, run the command again"
    )]
    BulkSizeMismatch {
        /// The bulk file's URL.
        url: String,
        /// The size the index lists.
        listed: u64,
        /// The size downloaded.
        actual: u64,
    },
    /// A file's SHA-256 could not be computed because the worker thread doing it failed.
    #[error("computing the SHA-256 of {} failed: {source}", .path.display())]
    ChecksumTask {
        /// The file being hashed.
        path: PathBuf,
        /// Why the worker thread failed (it panicked or was cancelled).
        #[source]
        source: tokio::task::JoinError,
    },
    /// Scryfall's bulk-data index lists no file of the requested type.
    #[error(
        "Scryfall's bulk-data index has no \"{kind}\" file (it lists: {}); use one of those types",
        .available.join(", ")
    )]
    BulkKindNotFound {
        /// The type asked for (`oracle_cards`, `default_cards`, `rulings`, ...).
        kind: String,
        /// The types the index does list.
        available: Vec<String>,
    },
    /// Semantic search was asked of a knowledge base whose cards and rules were never
    /// embedded.
    #[error(
        "the knowledge base has no embeddings for semantic search: run `planeswalker import embeddings` (it needs an embedding model: `planeswalker models list`)"
    )]
    EmbeddingsMissing,
    /// The stored vectors were made by another model than the one searching: comparing
    /// them would rank nonsense.
    #[error(
        "the knowledge base's embeddings were made by {stored}, not by {current}: run `planeswalker import embeddings` to embed it with this model"
    )]
    EmbeddingModelMismatch {
        /// The model of the stored vectors.
        stored: String,
        /// The model asked to search.
        current: String,
    },
    /// The embedding step was cancelled; the batches already embedded are kept.
    #[error("embedding was cancelled after {done} of {total} texts; run it again to go on")]
    EmbeddingCancelled {
        /// Texts embedded (and kept) before the cancel.
        done: u64,
        /// Texts the run had to embed.
        total: u64,
    },
    /// The embedding model failed.
    #[error("the embedding model failed: {0}")]
    Embedding(#[from] llm::LlmError),
}

fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean \"{one}\"?"),
        many => format!(
            "; did you mean one of: {}?",
            many.iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn rule_not_found(number: &str, suggestions: &[String]) -> String {
    match suggestions {
        [] => format!(
            "no rule {number} in the Comprehensive Rules, and no rule is numbered close to it"
        ),
        [one] => format!("no rule {number} in the Comprehensive Rules; the nearest is {one}"),
        many => format!(
            "no rule {number} in the Comprehensive Rules; the nearest are {}",
            many.join(", ")
        ),
    }
}

impl Error {
    /// An [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// An [`Error::Format`] for `source_name`.
    pub fn format(source_name: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Format {
            source_name: source_name.into(),
            message: message.into(),
        }
    }
}
