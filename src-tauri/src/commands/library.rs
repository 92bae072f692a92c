//! The knowledge base itself: whether it exists, and importing it with progress.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use codex::download::latest::{CardProvider, FetchProgress, fetch_latest};
use codex::import::{ImportProgress, ImportReport, Part, scan_dir};
use codex::stats::Stats;
use serde::{Deserialize, Serialize};
use tauri::State;
use tauri::ipc::Channel;

use crate::error::{AppError, ErrorCode};
use crate::state::AppState;

/// Download progress is sent at most this often: a fast connection reports thousands of
/// chunks a second, far more than a progress bar can show.
const BYTES_EVENT_INTERVAL: Duration = Duration::from_millis(100);

/// Whether the knowledge base can answer, and where it lives.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum KnowledgeBaseStatus {
    /// It is there and readable.
    Ready {
        /// The data folder.
        data_dir: String,
        /// What it holds.
        stats: Stats,
    },
    /// It must be imported (first run) or imported again (old schema, damaged file).
    Missing {
        /// The data folder.
        data_dir: String,
        /// Why, in a sentence for the onboarding screen.
        reason: String,
    },
}

/// Where an import takes its sources from.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportSource {
    /// The current files from MTGJSON, Wizards and Commander Spellbook (downloads are kept
    /// in `<data dir>/downloads` and skipped when unchanged).
    PublicSources,
    /// Every card, rules or combo file found in a folder the user picked.
    Folder {
        /// The folder.
        path: String,
    },
}

/// What an import reports while it runs, in order: `started` first, then downloads (public
/// sources only), then the build.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ImportEvent {
    /// The import began; `import_id` is what `cancel_import` takes.
    Started {
        /// This import's id.
        import_id: String,
    },
    /// A file's download began (or resumed).
    Downloading {
        /// What the file holds ("MTGJSON atomic cards").
        what: String,
        /// Where it comes from.
        url: String,
    },
    /// Bytes of the file being downloaded.
    Downloaded {
        /// Bytes so far.
        bytes: u64,
        /// The file's size, when the server announced it.
        total: Option<u64>,
    },
    /// The copy on disk is already the current one; nothing to download.
    Unchanged {
        /// What the file holds.
        what: String,
    },
    /// Checking whether a source changed since the last import.
    Checking {
        /// The file.
        file: String,
    },
    /// Reading one source file into the new database.
    Reading {
        /// What it holds.
        what: String,
        /// The file.
        file: String,
    },
    /// Records stored so far from the current file.
    Stored {
        /// Records so far.
        count: u64,
    },
    /// Building indexes and putting the new database in place.
    Finishing,
}

/// Whether the knowledge base exists and what it holds.
#[tauri::command]
#[specta::specta]
pub async fn knowledge_base_status(
    state: State<'_, AppState>,
) -> Result<KnowledgeBaseStatus, AppError> {
    let data_dir = state.knowledge_base.data_dir().display().to_string();
    match state.knowledge_base.query(|codex| codex.stats()).await {
        Ok(stats) => Ok(KnowledgeBaseStatus::Ready { data_dir, stats }),
        Err(error) if error.code == ErrorCode::NoKnowledgeBase => {
            Ok(KnowledgeBaseStatus::Missing {
                data_dir,
                reason: error.message,
            })
        }
        Err(error) => Err(error),
    }
}

/// Imports the whole knowledge base from `source`, streaming [`ImportEvent`]s to
/// `on_progress`. Cancellable with `cancel_import` at any point until the new database goes
/// in; the previous knowledge base stays in place until the new one is complete.
#[tauri::command]
#[specta::specta]
pub async fn import_knowledge_base(
    state: State<'_, AppState>,
    source: ImportSource,
    on_progress: Channel<ImportEvent>,
) -> Result<ImportReport, AppError> {
    let import = state.imports.register();
    send(
        &on_progress,
        ImportEvent::Started {
            import_id: import.id.clone(),
        },
    );
    let data_dir = state.knowledge_base.data_dir().to_path_buf();
    let sources = match source {
        ImportSource::PublicSources => {
            let downloader = &state.downloader;
            let last_bytes_event = Mutex::new(None::<Instant>);
            let progress = |event: FetchProgress| {
                if let Some(event) = download_event(event, &last_bytes_event) {
                    send(&on_progress, event);
                }
            };
            fetch_latest(
                downloader,
                &Part::ALL,
                CardProvider::Mtgjson,
                &data_dir.join("downloads"),
                &progress,
                &import.token,
            )
            .await?
        }
        ImportSource::Folder { path } => {
            let found = scan_dir(&PathBuf::from(&path))?;
            if found.is_empty() {
                return Err(AppError::new(
                    ErrorCode::ImportFailed,
                    format!("No card, rules or combo files were found in {path}."),
                    None,
                ));
            }
            found
        }
    };
    let channel = on_progress.clone();
    let token = import.token.clone();
    let report = tauri::async_runtime::spawn_blocking(move || {
        codex::import::import_cancellable(
            &data_dir,
            &sources,
            &|event| send(&channel, build_event(event)),
            &token,
        )
    })
    .await
    .map_err(|e| AppError::internal(&e))??;
    state.knowledge_base.reopen_on_next_query();
    Ok(report)
}

/// Cancels the import `import_id` (from its `started` event); false when it is not running.
#[tauri::command]
#[specta::specta]
pub fn cancel_import(state: State<'_, AppState>, import_id: String) -> bool {
    state.imports.cancel(&import_id)
}

/// Sends `event`; a window closed mid-import is no reason to stop the import.
fn send(channel: &Channel<ImportEvent>, event: ImportEvent) {
    if let Err(error) = channel.send(event) {
        tracing::debug!(%error, "import progress not delivered");
    }
}

/// The event for a download report; `None` for byte counts within
/// [`BYTES_EVENT_INTERVAL`] of the last one sent (the final count is always sent).
fn download_event(event: FetchProgress, last_sent: &Mutex<Option<Instant>>) -> Option<ImportEvent> {
    match event {
        FetchProgress::Started { kind, url } => Some(ImportEvent::Downloading {
            what: kind.describe().to_owned(),
            url,
        }),
        FetchProgress::Unchanged { kind } => Some(ImportEvent::Unchanged {
            what: kind.describe().to_owned(),
        }),
        FetchProgress::Bytes(progress) => {
            let mut last_sent = last_sent
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let now = Instant::now();
            let finished = progress.total == Some(progress.downloaded);
            let due = last_sent.is_none_or(|at| now.duration_since(at) >= BYTES_EVENT_INTERVAL);
            (finished || due).then(|| {
                *last_sent = Some(now);
                ImportEvent::Downloaded {
                    bytes: progress.downloaded,
                    total: progress.total,
                }
            })
        }
    }
}

fn build_event(event: ImportProgress) -> ImportEvent {
    let file = |path: &std::path::Path| {
        path.file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    match event {
        ImportProgress::Hashing { path } => ImportEvent::Checking { file: file(&path) },
        ImportProgress::Reading { kind, path } => ImportEvent::Reading {
            what: kind.describe().to_owned(),
            file: file(&path),
        },
        ImportProgress::Stored { count } => ImportEvent::Stored { count },
        ImportProgress::Finishing => ImportEvent::Finishing,
    }
}
