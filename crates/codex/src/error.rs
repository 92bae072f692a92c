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
