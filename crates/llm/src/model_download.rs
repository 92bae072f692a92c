//! Installing a catalogue model: its file downloaded into the models folder, resumably, and
//! checked against the catalogue's size and SHA-256 before it appears there.
//!
//! The transfer (resume, retries, hashing while streaming, the lock, the disk-space check) is
//! the `download` crate's; this module decides what the file must be and where it goes. An
//! entry whose values the catalogue could not confirm (`verified = false`) is downloaded without
//! a hash to check, and the hash of its first complete download is recorded beside it
//! (`<file>.sha256`); later downloads and `verify` must match that record.

use std::path::{Path, PathBuf};

use download::{CancellationToken, Downloader, Expected, Progress};
use serde::Serialize;
use tracing::{info, warn};

use crate::catalog::{CatalogModel, hash_record_line};
use crate::error::LlmError;

/// What a model download reports while it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ModelDownloadEvent {
    /// A copy already in the models folder is being checked (it is read whole).
    Checking {
        /// The installed file.
        path: PathBuf,
    },
    /// Bytes of the file arrived.
    Progress(Progress),
}

/// How the model came to be installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum InstallOutcome {
    /// The file was already there and checked out; nothing was downloaded.
    AlreadyInstalled,
    /// The file was downloaded.
    Downloaded {
        /// Bytes kept from an earlier, interrupted download.
        resumed_from: u64,
    },
}

/// A model installed in the models folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstalledModel {
    /// The model's catalogue id.
    pub id: String,
    /// The installed file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, lower-case hex.
    pub sha256: String,
    /// Whether it was downloaded now.
    #[serde(flatten)]
    pub outcome: InstallOutcome,
    /// Where the SHA-256 of this first download was recorded, for an entry the catalogue could
    /// not verify; `None` when the catalogue's (or an earlier record's) hash was checked.
    pub recorded_hash: Option<PathBuf>,
}

/// Downloads `model` into `models_dir` (from `mirror` instead of the catalogue's host when
/// given, see [`CatalogModel::download_url`]), unless a good copy is already there.
///
/// The file appears under its name only once its size and SHA-256 are the catalogue's (or, for
/// an unverified entry, the recorded ones); an interrupted or cancelled download keeps its part
/// for the next call to resume. Fails with [`LlmError::NotDownloadable`] for an entry without a
/// URL, and with [`LlmError::Download`] for what the transfer met (a wrong hash, no disk space,
/// another download of the same model running, a cancel).
pub async fn download_model(
    downloader: &Downloader,
    model: &CatalogModel,
    models_dir: &Path,
    mirror: Option<&str>,
    progress: &(dyn Fn(ModelDownloadEvent) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<InstalledModel, LlmError> {
    let url = model
        .download_url(mirror)
        .ok_or_else(|| LlmError::NotDownloadable {
            name: model.name.clone(),
            file: model.file.clone(),
            how: model.hash_source.clone(),
            models_dir: models_dir.to_path_buf(),
        })?;
    let dest = model.installed_path(models_dir);
    if let Some(installed) = check_installed(model, &dest, progress).await? {
        return Ok(installed);
    }

    let sha256 = model.expected_sha256(models_dir)?;
    let record =
        (!model.verified && sha256.is_none()).then(|| model.recorded_hash_path(models_dir));
    let expected = Expected {
        // An unverified size is a best guess: the hash recorded later is what counts.
        size: model.verified.then_some(model.size),
        sha256,
    };
    info!(id = %model.id, %url, dest = %dest.display(), "downloading a model");
    let fetched = downloader
        .fetch_to_file(
            &url,
            &dest,
            &expected,
            &|p| progress(ModelDownloadEvent::Progress(p)),
            cancel,
        )
        .await?;
    if let Some(record) = &record {
        if fetched.size != model.size {
            warn!(
                id = %model.id,
                catalogue = model.size,
                downloaded = fetched.size,
                "the catalogue's unverified size is not the downloaded file's"
            );
        }
        tokio::fs::write(record, hash_record_line(&fetched.sha256, &model.file))
            .await
            .map_err(|source| LlmError::HashRecord {
                path: record.clone(),
                source,
            })?;
    }
    Ok(InstalledModel {
        id: model.id.clone(),
        path: dest,
        size: fetched.size,
        sha256: fetched.sha256,
        outcome: InstallOutcome::Downloaded {
            resumed_from: fetched.resumed_from,
        },
        recorded_hash: record,
    })
}

/// The installed model when `dest` is already a good copy of `model`; `None` when there is no
/// copy, or one that fails the check (the download then replaces it).
async fn check_installed(
    model: &CatalogModel,
    dest: &Path,
    progress: &(dyn Fn(ModelDownloadEvent) + Send + Sync),
) -> Result<Option<InstalledModel>, LlmError> {
    if !tokio::fs::try_exists(dest).await.unwrap_or(false) {
        return Ok(None);
    }
    progress(ModelDownloadEvent::Checking {
        path: dest.to_path_buf(),
    });
    // Hashing gigabytes would stall the async runtime: a blocking thread does it.
    let (owned_model, owned_dest) = (model.clone(), dest.to_path_buf());
    let checked = tokio::task::spawn_blocking(move || owned_model.verify(&owned_dest))
        .await
        .map_err(|e| LlmError::Io {
            path: dest.to_path_buf(),
            source: std::io::Error::other(e),
        })?;
    match checked {
        Ok(verified) => Ok(Some(InstalledModel {
            id: model.id.clone(),
            path: dest.to_path_buf(),
            size: verified.size,
            sha256: verified.sha256,
            outcome: InstallOutcome::AlreadyInstalled,
            recorded_hash: None,
        })),
        Err(LlmError::CorruptModel { reason, .. }) => {
            warn!(path = %dest.display(), reason, "the installed copy is not the model; downloading it again");
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
