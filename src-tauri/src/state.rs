//! [`AppState`]: what every command shares — the open knowledge base and deck library, the
//! download sources, the card-image cache and the running imports' cancellation tokens.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use codex::Codex;
use codex::download::card_images::CardImages;
use codex::download::{CancellationToken, Downloader, Sources};
use decks::DeckStore;

use crate::error::AppError;

/// Shared by every command (managed by tauri).
pub struct AppState {
    /// The knowledge base in the data folder.
    pub knowledge_base: Arc<KnowledgeBase>,
    /// The player's decks.
    pub decks: Arc<DeckLibrary>,
    /// Where imports download from.
    pub downloader: Downloader,
    /// Card images, cached in `<data dir>/cache/card-images`.
    pub card_images: CardImages,
    /// Cancellation tokens of the running imports.
    pub imports: ImportRegistry,
}

impl AppState {
    /// State for the knowledge base in `data_dir`, downloading from `sources`; nothing is
    /// opened yet. Fails only when the HTTP client cannot be set up (no TLS roots).
    pub fn new(data_dir: PathBuf, sources: Sources) -> codex::Result<Self> {
        let downloader = Downloader::new(sources)?;
        let card_images = CardImages::new(
            data_dir.join("cache").join("card-images"),
            downloader.clone(),
        );
        Ok(AppState {
            knowledge_base: Arc::new(KnowledgeBase::new(data_dir.clone())),
            decks: Arc::new(DeckLibrary::new(data_dir)),
            downloader,
            card_images,
            imports: ImportRegistry::default(),
        })
    }
}

/// A database in the data folder, opened on first use and kept open; used by one command at
/// a time (queries take milliseconds, and a rusqlite connection cannot be shared between
/// threads), always on a blocking thread so SQLite never stalls the async runtime.
pub struct OnDemand<T> {
    data_dir: PathBuf,
    opener: fn(&Path) -> Result<T, AppError>,
    open: Mutex<Option<T>>,
}

/// The knowledge base (its name index is costly to rebuild, hence kept open).
pub type KnowledgeBase = OnDemand<Codex>;
/// The player's decks, in the user-data database.
pub type DeckLibrary = OnDemand<DeckStore>;

impl KnowledgeBase {
    /// The knowledge base in `data_dir`.
    pub fn new(data_dir: PathBuf) -> Self {
        OnDemand::opened_by(data_dir, |dir| Ok(Codex::open(dir)?))
    }
}

impl DeckLibrary {
    /// The decks in `data_dir`'s user-data database (created on first use).
    pub fn new(data_dir: PathBuf) -> Self {
        OnDemand::opened_by(data_dir, |dir| Ok(DeckStore::open(dir)?))
    }
}

impl<T: Send + 'static> OnDemand<T> {
    fn opened_by(data_dir: PathBuf, opener: fn(&Path) -> Result<T, AppError>) -> Self {
        OnDemand {
            data_dir,
            opener,
            open: Mutex::new(None),
        }
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Runs `query` on the open database (opening it if needed) on a blocking thread.
    pub async fn query<R, E, F>(self: &Arc<Self>, query: F) -> Result<R, AppError>
    where
        R: Send + 'static,
        E: Into<AppError>,
        F: FnOnce(&mut T) -> Result<R, E> + Send + 'static,
    {
        let this = Arc::clone(self);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic in an earlier query leaves nothing half-written: the guarded value is
            // only ever replaced whole.
            let mut open = this.open.lock().unwrap_or_else(PoisonError::into_inner);
            let mut database = match open.take() {
                Some(database) => database,
                None => (this.opener)(&this.data_dir)?,
            };
            let answer = query(&mut database).map_err(Into::into);
            *open = Some(database);
            answer
        })
        .await
        .map_err(|e| AppError::internal(&e))
        .and_then(|answer| answer)
    }

    /// Closes the connection, so the next query opens the database an import just put in
    /// place (an open connection would keep reading the replaced file).
    pub fn reopen_on_next_query(&self) {
        *self.open.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

/// Cancellation tokens of the running imports, by id.
#[derive(Default)]
pub struct ImportRegistry {
    next_id: AtomicU64,
    running: Mutex<HashMap<String, CancellationToken>>,
}

impl ImportRegistry {
    /// Registers a new import; the returned guard unregisters it when dropped.
    pub fn register(&self) -> RegisteredImport<'_> {
        let id = format!(
            "import-{}",
            self.next_id.fetch_add(1, Ordering::Relaxed) + 1
        );
        let token = CancellationToken::new();
        self.lock().insert(id.clone(), token.clone());
        RegisteredImport {
            registry: self,
            id,
            token,
        }
    }

    /// Cancels the import `id`; false when no such import is running.
    pub fn cancel(&self, id: &str) -> bool {
        match self.lock().get(id) {
            Some(token) => {
                token.cancel();
                true
            }
            None => false,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, CancellationToken>> {
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running import's id and token, unregistered on drop.
pub struct RegisteredImport<'a> {
    registry: &'a ImportRegistry,
    /// The id `cancel_import` takes.
    pub id: String,
    /// Fired by `cancel_import`.
    pub token: CancellationToken,
}

impl Drop for RegisteredImport<'_> {
    fn drop(&mut self) {
        self.registry.lock().remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancel_fires_only_the_named_running_import() {
        let registry = ImportRegistry::default();
        let first = registry.register();
        let second = registry.register();
        assert_ne!(first.id, second.id);
        assert!(registry.cancel(&second.id));
        assert!(second.token.is_cancelled());
        assert!(!first.token.is_cancelled());
        let id = first.id.clone();
        drop(first);
        assert!(
            !registry.cancel(&id),
            "a finished import is no longer registered"
        );
    }
}
