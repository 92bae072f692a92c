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
    /// No card has this name; `suggestions` holds the closest names, best first.
    #[error("no card named \"{name}\"{}", did_you_mean(.suggestions))]
    CardNotFound {
        /// The name as asked.
        name: String,
        /// Closest existing card names, best first.
        suggestions: Vec<String>,
    },
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
