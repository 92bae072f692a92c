//! Fetching the current public sources of each knowledge-base part into a folder, skipping
//! files already there and unchanged, so `planeswalker import` needs no file arguments.

use std::path::{Path, PathBuf};

use tracing::{info, warn};

use ::download::{Expected, Refreshed};

use super::{CancellationToken, Downloader, MtgjsonFile, Progress};
use crate::import::{Part, SourceFile, SourceKind, remove_if_exists, sha256_file};
use crate::{Error, Result};

/// Which public card database feeds the cards part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardProvider {
    /// MTGJSON's AtomicCards and printings (the default).
    #[default]
    Mtgjson,
    /// Scryfall's oracle-cards, default-cards and rulings bulk files.
    Scryfall,
}

/// What a fetch reports while it runs.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchProgress {
    /// A file's download began (or resumed).
    Started {
        /// What the file holds.
        kind: SourceKind,
        /// Where it goes.
        url: String,
    },
    /// Bytes of the current file.
    Bytes(Progress),
    /// The file on disk is already the current one.
    Unchanged {
        /// What the file holds.
        kind: SourceKind,
    },
}

/// Downloads the current sources of `parts` into `dir`, returning the files to import.
pub async fn fetch_latest(
    downloader: &Downloader,
    parts: &[Part],
    cards: CardProvider,
    dir: &Path,
    progress: &(dyn Fn(FetchProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<Vec<SourceFile>> {
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| Error::io(dir, e))?;
    let sources = downloader.sources().clone();
    let mut files = Vec::new();
    if parts.contains(&Part::Cards) {
        match cards {
            CardProvider::Mtgjson => {
                let printings_kind = if sources.mtgjson_printings.contains(".tar") {
                    SourceKind::MtgjsonSetArchive
                } else {
                    SourceKind::MtgjsonSets
                };
                for (kind, file_name) in [
                    (
                        SourceKind::MtgjsonAtomicCards,
                        MtgjsonFile::AtomicCards.file_name(),
                    ),
                    (printings_kind, sources.mtgjson_printings.as_str()),
                ] {
                    let url = sources.mtgjson_file_url(file_name)?;
                    let sha256_url = sources.mtgjson_sha256_url(file_name)?;
                    let dest = dir.join(file_name_of_str(url.as_str()));
                    fetch_mtgjson(
                        downloader,
                        kind,
                        (url.as_str(), sha256_url.as_str()),
                        &dest,
                        progress,
                        cancel,
                    )
                    .await?;
                    files.push(SourceFile { kind, path: dest });
                }
            }
            CardProvider::Scryfall => {
                for (kind, bulk) in [
                    (SourceKind::ScryfallOracleCards, "oracle_cards"),
                    (SourceKind::ScryfallPrintings, "default_cards"),
                    (SourceKind::ScryfallRulings, "rulings"),
                ] {
                    let item = downloader.scryfall_bulk_item(bulk, cancel).await?;
                    // Names carry the kind, which detection reads for oracle vs default cards.
                    let prefix = format!("scryfall-{}-", bulk.replace('_', "-"));
                    let dest =
                        dir.join(format!("{prefix}{}", file_name_of_str(&item.download_uri)));
                    let stamp = sidecar(&dest, "updated_at");
                    if dest.exists()
                        && read_string(&stamp).await.as_deref() == Some(item.updated_at.as_str())
                    {
                        progress(FetchProgress::Unchanged { kind });
                    } else {
                        progress(FetchProgress::Started {
                            kind,
                            url: item.download_uri.clone(),
                        });
                        downloader
                            .fetch_bulk_file(
                                &item,
                                &dest,
                                &|p| progress(FetchProgress::Bytes(p)),
                                cancel,
                            )
                            .await?;
                        tokio::fs::write(&stamp, &item.updated_at)
                            .await
                            .map_err(|e| Error::io(&stamp, e))?;
                        remove_older_downloads(dir, &prefix, &dest).await?;
                    }
                    files.push(SourceFile { kind, path: dest });
                }
            }
        }
    }
    if parts.contains(&Part::Rules) {
        let url = downloader.rules_txt_url(cancel).await?;
        let dest = dir.join("MagicCompRules.txt");
        refresh(
            downloader,
            SourceKind::ComprehensiveRules,
            &url,
            &dest,
            progress,
            cancel,
        )
        .await?;
        files.push(SourceFile {
            kind: SourceKind::ComprehensiveRules,
            path: dest,
        });
    }
    if parts.contains(&Part::Combos) {
        let url = sources.spellbook_variants.clone();
        let dest = dir.join(format!("commander-spellbook-{}", file_name_of_str(&url)));
        refresh(
            downloader,
            SourceKind::CommanderSpellbook,
            &url,
            &dest,
            progress,
            cancel,
        )
        .await?;
        files.push(SourceFile {
            kind: SourceKind::CommanderSpellbook,
            path: dest,
        });
    }
    Ok(files)
}

/// MTGJSON publishes a SHA-256 beside each file: when the file on disk has it, skip the download.
/// `urls` are the file's URL and its checksum's.
async fn fetch_mtgjson(
    downloader: &Downloader,
    kind: SourceKind,
    (url, sha256_url): (&str, &str),
    dest: &Path,
    progress: &(dyn Fn(FetchProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<()> {
    if dest.exists() {
        let published = match downloader
            .http()
            .fetch_small(sha256_url, "text/plain", cancel)
            .await
        {
            Ok(body) => published_sha256(&body),
            Err(e @ ::download::Error::RequestCancelled { .. }) => return Err(e.into()),
            Err(e) => {
                warn!(
                    url = sha256_url,
                    error = %e,
                    "could not read MTGJSON's checksum; downloading the file again"
                );
                None
            }
        };
        if let Some(published) = published
            && sha256_of(dest).await? == published
        {
            progress(FetchProgress::Unchanged { kind });
            return Ok(());
        }
    }
    fetch(downloader, kind, url, dest, progress, cancel).await
}

/// The hex digest of a `.sha256` file (the digest, optionally followed by a file name).
fn published_sha256(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let digest = text.split_whitespace().next()?.to_ascii_lowercase();
    (digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit())).then_some(digest)
}

async fn fetch(
    downloader: &Downloader,
    kind: SourceKind,
    url: &str,
    dest: &Path,
    progress: &(dyn Fn(FetchProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<()> {
    progress(FetchProgress::Started {
        kind,
        url: url.to_string(),
    });
    downloader
        .http()
        .fetch_to_file(
            url,
            dest,
            &Expected::default(),
            &|p| progress(FetchProgress::Bytes(p)),
            cancel,
        )
        .await?;
    Ok(())
}

/// Like [`fetch`], but asks the server first whether the file on disk changed (ETag,
/// Last-Modified), for sources that publish no checksum and no build date.
async fn refresh(
    downloader: &Downloader,
    kind: SourceKind,
    url: &str,
    dest: &Path,
    progress: &(dyn Fn(FetchProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<()> {
    progress(FetchProgress::Started {
        kind,
        url: url.to_string(),
    });
    let refreshed = downloader
        .http()
        .refresh_file(url, dest, &|p| progress(FetchProgress::Bytes(p)), cancel)
        .await?;
    if refreshed == Refreshed::Unchanged {
        progress(FetchProgress::Unchanged { kind });
    }
    Ok(())
}

/// Hashes on a blocking thread: hundreds of megabytes would stall the async runtime.
async fn sha256_of(path: &Path) -> Result<String> {
    let owned = path.to_path_buf();
    tokio::task::spawn_blocking(move || sha256_file(&owned))
        .await
        .map_err(|source| Error::ChecksumTask {
            path: path.to_path_buf(),
            source,
        })?
}

/// Deletes the files of earlier Scryfall bulk downloads of one kind (`prefix`, such as
/// `scryfall-oracle-cards-`): Scryfall renames its files daily, so each new one would otherwise
/// leave the previous one (hundreds of megabytes) behind. Files that belong to `current`
/// (itself and its sidecars) are kept.
async fn remove_older_downloads(dir: &Path, prefix: &str, current: &Path) -> Result<()> {
    let Some(current_name) = current.file_name().and_then(|n| n.to_str()) else {
        return Ok(());
    };
    let mut entries = tokio::fs::read_dir(dir)
        .await
        .map_err(|e| Error::io(dir, e))?;
    while let Some(entry) = entries.next_entry().await.map_err(|e| Error::io(dir, e))? {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let is_file = entry.file_type().await.is_ok_and(|t| t.is_file());
        if is_file && name.starts_with(prefix) && !name.starts_with(current_name) {
            info!(file = name, "removing an older Scryfall download");
            remove_if_exists(&entry.path())?;
        }
    }
    Ok(())
}

fn sidecar(dest: &Path, what: &str) -> PathBuf {
    let mut name = dest.as_os_str().to_owned();
    name.push(format!(".{what}"));
    PathBuf::from(name)
}

async fn read_string(path: &Path) -> Option<String> {
    tokio::fs::read_to_string(path).await.ok()
}

/// The last path segment of a URL, without query, made safe as a file name.
fn file_name_of_str(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let last = path.rsplit('/').next().unwrap_or_default();
    let decoded = last.replace("%20", " ");
    let safe: String = decoded
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    if safe.is_empty() {
        "download".to_string()
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::file_name_of_str;

    #[test]
    fn file_names_come_from_the_url_path() {
        assert_eq!(
            file_name_of_str("https://mtgjson.com/api/v5/AtomicCards.json.gz"),
            "AtomicCards.json.gz"
        );
        assert_eq!(
            file_name_of_str(
                "https://data.scryfall.io/oracle-cards/oracle-cards-20260801.json?x=1"
            ),
            "oracle-cards-20260801.json"
        );
        assert_eq!(
            file_name_of_str("https://x/MagicCompRules%2020260116.txt"),
            "MagicCompRules-20260116.txt"
        );
    }
}
