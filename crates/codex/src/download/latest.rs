//! Fetching the current public sources of each knowledge-base part into a folder, skipping
//! files already there and unchanged, so `planeswalker import` needs no file arguments.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{CancellationToken, Downloader, Progress};
use crate::import::{Part, SourceFile, SourceKind};
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
                let atomic = sources.mtgjson_file_url("AtomicCards.json.gz")?;
                let printings = sources.mtgjson_file_url(&sources.mtgjson_printings)?;
                let printings_kind = if sources.mtgjson_printings.contains(".tar") {
                    SourceKind::MtgjsonSetArchive
                } else {
                    SourceKind::MtgjsonSets
                };
                for (kind, url) in [
                    (SourceKind::MtgjsonAtomicCards, atomic),
                    (printings_kind, printings),
                ] {
                    let dest = dir.join(file_name_of(&url));
                    fetch_mtgjson(downloader, kind, url.as_str(), &dest, progress, cancel).await?;
                    files.push(SourceFile { kind, path: dest });
                }
            }
            CardProvider::Scryfall => {
                for (kind, bulk) in [
                    (SourceKind::ScryfallOracleCards, "oracle_cards"),
                    (SourceKind::ScryfallPrintings, "default_cards"),
                    (SourceKind::ScryfallRulings, "rulings"),
                ] {
                    let item = downloader.scryfall_bulk_item(bulk).await?;
                    // Names carry the kind, which detection reads for oracle vs default cards.
                    let dest = dir.join(format!(
                        "scryfall-{}-{}",
                        bulk.replace('_', "-"),
                        file_name_of_str(&item.download_uri)
                    ));
                    let stamp = sidecar(&dest, "updated_at");
                    if dest.exists()
                        && read_string(&stamp).await.as_deref() == Some(item.updated_at.as_str())
                    {
                        progress(FetchProgress::Unchanged { kind });
                    } else {
                        fetch(
                            downloader,
                            kind,
                            &item.download_uri,
                            &dest,
                            progress,
                            cancel,
                        )
                        .await?;
                        tokio::fs::write(&stamp, &item.updated_at)
                            .await
                            .map_err(|e| Error::io(&stamp, e))?;
                    }
                    files.push(SourceFile { kind, path: dest });
                }
            }
        }
    }
    if parts.contains(&Part::Rules) {
        let url = downloader.rules_txt_url().await?;
        let dest = dir.join("MagicCompRules.txt");
        fetch(
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
        fetch(
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
async fn fetch_mtgjson(
    downloader: &Downloader,
    kind: SourceKind,
    url: &str,
    dest: &Path,
    progress: &(dyn Fn(FetchProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<()> {
    if dest.exists() {
        let published = downloader
            .fetch_small(&format!("{url}.sha256"), "text/plain")
            .await
            .ok();
        let published = published.map(|b| {
            String::from_utf8_lossy(&b)
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        });
        if let Some(published) = published.filter(|p| p.len() == 64)
            && sha256_of(dest).await? == published
        {
            progress(FetchProgress::Unchanged { kind });
            return Ok(());
        }
    }
    fetch(downloader, kind, url, dest, progress, cancel).await
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
        .fetch_to_file(url, dest, &|p| progress(FetchProgress::Bytes(p)), cancel)
        .await?;
    Ok(())
}

async fn sha256_of(path: &Path) -> Result<String> {
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let mut file = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
        let mut hasher = Sha256::new();
        std::io::copy(&mut file, &mut hasher).map_err(|e| Error::io(&path, e))?;
        Ok(hex::encode(hasher.finalize()))
    })
    .await
    .map_err(|e| Error::io(PathBuf::from("sha256"), std::io::Error::other(e)))?
}

fn sidecar(dest: &Path, what: &str) -> PathBuf {
    let mut name = dest.as_os_str().to_owned();
    name.push(format!(".{what}"));
    PathBuf::from(name)
}

async fn read_string(path: &Path) -> Option<String> {
    tokio::fs::read_to_string(path).await.ok()
}

fn file_name_of(url: &reqwest::Url) -> String {
    file_name_of_str(url.as_str())
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
