//! [`AppError`]: the one error every command returns, mapped from [`codex::Error`] here and
//! nowhere else.

use serde::Serialize;

/// What kind of failure an [`AppError`] is; the UI branches on it. Closed: a new kind is a
/// change to the bindings, so the UI's `switch` stays exhaustive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// There is no usable knowledge base (never imported, a part missing, an old schema or a
    /// damaged file): offer the import.
    NoKnowledgeBase,
    /// No card has the asked name; `suggestions` holds the closest names.
    CardNotFound,
    /// The search does not parse; `span` marks the offending text.
    InvalidQuery,
    /// No rule or glossary entry matches; `suggestions` holds the nearest ones.
    RuleNotFound,
    /// Downloading or importing the sources failed; `message` says what to do.
    ImportFailed,
    /// The user cancelled the work.
    Cancelled,
    /// No deck has the asked id (deleted meanwhile, say): go back to the deck list.
    DeckNotFound,
    /// The deck changed elsewhere (another window, the CLI) since it was loaded: reload it.
    DeckChanged,
    /// The deck list format cannot hold the deck (MTGO has no commander); `message` says why.
    DeckNotExportable,
    /// No line of an imported list names a card: nothing was stored.
    DeckUnreadable,
    /// Anything else: a bug or a broken installation; `detail` holds the cause.
    Internal,
}

/// Where in the query an [`ErrorCode::InvalidQuery`] points, in UTF-16 code units (the
/// offsets JavaScript strings use), `end` one past the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub struct QuerySpan {
    /// First code unit of the offending text.
    pub start: u32,
    /// One past its last code unit.
    pub end: u32,
}

/// The error of every command.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct AppError {
    /// What kind of failure this is.
    pub code: ErrorCode,
    /// A sentence a player understands.
    pub message: String,
    /// The underlying cause, for logs and bug reports; `None` when `message` says it all.
    pub detail: Option<String>,
    /// Closest card names, rule numbers or glossary terms, best first (may be empty).
    pub suggestions: Vec<String>,
    /// The offending part of the query, for [`ErrorCode::InvalidQuery`].
    pub span: Option<QuerySpan>,
}

impl AppError {
    /// An error with no suggestions and no span.
    pub fn new(code: ErrorCode, message: impl Into<String>, detail: Option<String>) -> Self {
        AppError {
            code,
            message: message.into(),
            detail,
            suggestions: Vec::new(),
            span: None,
        }
    }

    /// An [`ErrorCode::Internal`] error for a failure outside `codex` (a worker thread, the
    /// platform).
    pub fn internal(cause: &dyn std::error::Error) -> Self {
        tracing::error!(error = %chain(cause), "internal error");
        AppError::new(
            ErrorCode::Internal,
            "Something went wrong inside Planeswalker. The log file has the details.",
            Some(chain(cause)),
        )
    }

    /// Converts the span from the character offsets `codex` reports into UTF-16 offsets
    /// within `query`, the text that was searched.
    pub fn in_query(mut self, query: &str) -> Self {
        if let Some(span) = &mut self.span {
            let utf16 = |chars: u32| -> u32 {
                let units: usize = query
                    .chars()
                    .take(chars as usize)
                    .map(char::len_utf16)
                    .sum();
                u32::try_from(units).unwrap_or(u32::MAX)
            };
            *span = QuerySpan {
                start: utf16(span.start),
                end: utf16(span.end),
            };
        }
        self
    }
}

/// `error: cause: cause...`, the whole source chain on one line.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn offset(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

impl From<codex::Error> for AppError {
    fn from(error: codex::Error) -> Self {
        use codex::Error as E;
        let detail = Some(chain(&error));
        let (code, message) = match &error {
            E::NoDatabase { .. }
            | E::CardsNotImported
            | E::RulesNotImported
            | E::CombosNotImported => (
                ErrorCode::NoKnowledgeBase,
                "The knowledge base has not been imported yet. Import it to start.".to_owned(),
            ),
            E::SchemaOutdated { .. } | E::DamagedDatabase { .. } | E::CannotKeepParts { .. } => (
                ErrorCode::NoKnowledgeBase,
                "The knowledge base needs to be rebuilt. Import it again.".to_owned(),
            ),
            E::CardNotFound { name, .. } => (
                ErrorCode::CardNotFound,
                format!("No card is named \u{201c}{name}\u{201d}."),
            ),
            E::InvalidQuery(parse) => (ErrorCode::InvalidQuery, parse.message.clone()),
            E::RuleNotFound { .. }
            | E::InvalidRuleNumber { .. }
            | E::GlossaryTermNotFound { .. } => {
                // codex's sentences already name the asked rule or term and why.
                (ErrorCode::RuleNotFound, upper_first(&error.to_string()))
            }
            E::ImportCancelled => (
                ErrorCode::Cancelled,
                "The import was cancelled. The knowledge base was not changed.".to_owned(),
            ),
            // The knowledge base holds no vectors of the model asked to search with: the
            // embedding step (run after an import when a model is installed) makes them.
            E::EmbeddingsMissing | E::EmbeddingModelMismatch { .. } => (
                ErrorCode::NoKnowledgeBase,
                "Search by meaning needs the cards and rules embedded with this model. Import \
                 the knowledge base again with the embedding model installed."
                    .to_owned(),
            ),
            E::EmbeddingCancelled { .. } => (
                ErrorCode::Cancelled,
                "Embedding was cancelled. What was embedded is kept for next time.".to_owned(),
            ),
            E::NoSources
            | E::ImportRunning { .. }
            | E::Format { .. }
            | E::Json { .. }
            | E::InvalidCombo { .. }
            | E::BulkElement { .. }
            | E::InvalidUrl { .. }
            | E::BulkSizeMismatch { .. }
            | E::BulkKindNotFound { .. } => {
                (ErrorCode::ImportFailed, upper_first(&error.to_string()))
            }
            E::Download(download) => download_failure(download),
            // Only the card-image protocol meets it, and it answers with a status, not this.
            E::NotAScryfallId { .. } => (ErrorCode::Internal, upper_first(&error.to_string())),
            E::Embedding(_) => {
                tracing::error!(error = %chain(&error), "embedding model error");
                (
                    ErrorCode::Internal,
                    "The embedding model failed. The log file has the details.".to_owned(),
                )
            }
            E::Sqlite(_) | E::Migration(_) | E::Io { .. } | E::ChecksumTask { .. } => {
                tracing::error!(error = %chain(&error), "knowledge base error");
                (
                    ErrorCode::Internal,
                    "Something went wrong reading the knowledge base. The log file has the details."
                        .to_owned(),
                )
            }
        };
        let suggestions = match &error {
            E::CardNotFound { suggestions, .. }
            | E::RuleNotFound { suggestions, .. }
            | E::GlossaryTermNotFound { suggestions, .. } => suggestions.clone(),
            _ => Vec::new(),
        };
        let span = match &error {
            E::InvalidQuery(parse) => Some(QuerySpan {
                start: offset(parse.start),
                end: offset(parse.end),
            }),
            _ => None,
        };
        AppError {
            code,
            message,
            detail,
            suggestions,
            span,
        }
    }
}

impl From<decks::StoreError> for AppError {
    fn from(error: decks::StoreError) -> Self {
        use decks::StoreError as S;
        match &error {
            S::NotFound(_) => AppError::new(
                ErrorCode::DeckNotFound,
                "This deck no longer exists.",
                Some(chain(&error)),
            ),
            S::Conflict { .. } => AppError::new(
                ErrorCode::DeckChanged,
                "This deck was changed elsewhere. It has been reloaded; make the change again.",
                Some(chain(&error)),
            ),
            S::Ambiguous { .. } | S::Open(_) | S::Sqlite(_) | S::Corrupt { .. } => {
                tracing::error!(error = %chain(&error), "deck store error");
                AppError::new(
                    ErrorCode::Internal,
                    "Something went wrong with the decks database. The log file has the details.",
                    Some(chain(&error)),
                )
            }
        }
    }
}

impl From<decks::WriteError> for AppError {
    fn from(error: decks::WriteError) -> Self {
        AppError::new(
            ErrorCode::DeckNotExportable,
            upper_first(&error.to_string()),
            None,
        )
    }
}

/// The code and message of a failed download: a cancel keeps what was downloaded; what the
/// network, the server or a full disk did is the import's failure, which the player can act on
/// (the message says how); a file that cannot be written is a broken installation.
fn download_failure(error: &download::Error) -> (ErrorCode, String) {
    use download::Error as D;
    match error {
        D::Io { .. } => {
            tracing::error!(error = %chain(error), "download error");
            (
                ErrorCode::Internal,
                "Something went wrong writing the download. The log file has the details."
                    .to_owned(),
            )
        }
        D::Cancelled { .. } | D::RequestCancelled { .. } => (
            ErrorCode::Cancelled,
            "The import was cancelled. What was downloaded is kept for next time.".to_owned(),
        ),
        D::InvalidUrl { .. }
        | D::Network { .. }
        | D::NotFound { .. }
        | D::HttpStatus { .. }
        | D::UnexpectedResponse { .. }
        | D::SizeMismatch { .. }
        | D::UnexpectedSize { .. }
        | D::HashMismatch { .. }
        | D::AlreadyDownloading { .. }
        | D::NotEnoughSpace { .. } => (ErrorCode::ImportFailed, upper_first(&error.to_string())),
    }
}

/// `text` with its first letter capitalised: codex's messages are clauses ("no card named…"),
/// the UI shows sentences.
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_card_keeps_its_suggestions() {
        let error = AppError::from(codex::Error::CardNotFound {
            name: "Lim-Dul's Vaul".to_owned(),
            suggestions: vec!["Lim-Dûl's Vault".to_owned()],
        });
        assert_eq!(error.code, ErrorCode::CardNotFound);
        assert_eq!(error.suggestions, ["Lim-Dûl's Vault"]);
        assert!(
            error.message.contains("Lim-Dul's Vaul"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_query_span_is_converted_to_utf16_offsets() {
        // "🔥" is one char but two UTF-16 code units: the span after it moves by one.
        let query = "🔥 foo:bar";
        let parse = codex::query::ParseError {
            message: "unknown keyword foo".to_owned(),
            start: 2,
            end: 9,
        };
        let error = AppError::from(codex::Error::InvalidQuery(parse)).in_query(query);
        assert_eq!(error.code, ErrorCode::InvalidQuery);
        assert_eq!(error.span, Some(QuerySpan { start: 3, end: 10 }));
    }

    #[test]
    fn a_cancelled_download_is_a_cancel_and_a_full_disk_an_import_failure() {
        let cancelled = AppError::from(codex::Error::Download(download::Error::Cancelled {
            url: "https://mtgjson.com/api/v5/AtomicCards.json.gz".to_owned(),
            part: "/data/downloads/AtomicCards.json.gz.part".into(),
        }));
        assert_eq!(cancelled.code, ErrorCode::Cancelled);
        assert!(cancelled.message.contains("kept"), "{}", cancelled.message);

        let full = AppError::from(codex::Error::Download(download::Error::NotEnoughSpace {
            dir: "/data/downloads".into(),
            needed: 2_000,
            available: 1_000,
        }));
        assert_eq!(full.code, ErrorCode::ImportFailed);
        assert!(
            full.message.starts_with("Not enough disk space"),
            "{}",
            full.message
        );
    }

    #[test]
    fn a_missing_database_asks_for_the_import() {
        let error = AppError::from(codex::Error::NoDatabase {
            path: "/nowhere".into(),
        });
        assert_eq!(error.code, ErrorCode::NoKnowledgeBase);
        assert!(error.detail.is_some_and(|d| d.contains("/nowhere")));
    }
}
