//! Card images from Scryfall, cached on disk so a card seen once shows offline too.
//!
//! An image is fetched through Scryfall's API (`/cards/<id>?format=image`, which redirects to
//! the image CDN) and written to `<cache>/<id>-<side>.jpg` by a rename from a temporary file,
//! so a cancelled or failed fetch never leaves a half image that later reads as cached.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::{CancellationToken, Downloader, RetryPolicy};
use crate::{Error, Result};

/// Which side of a printing to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The front (the only side of most cards).
    Front,
    /// The back of a double-faced card.
    Back,
}

impl Side {
    /// The side named `front` or `back`.
    pub fn parse(text: &str) -> Option<Side> {
        match text {
            "front" => Some(Side::Front),
            "back" => Some(Side::Back),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Side::Front => "front",
            Side::Back => "back",
        }
    }
}

/// Scryfall's image sizes: `normal` (488 × 680 JPEG, about 100 KB) is sharp on a card page
/// without the 0.5 MB of `large`.
const VERSION: &str = "normal";

/// An image is shown on a card page a player is looking at: one quick retry, not the
/// patient schedule of a bulk download (the page draws a text frame meanwhile).
const IMAGE_RETRY: RetryPolicy = RetryPolicy {
    max_retries: 1,
    first_backoff: Duration::from_millis(500),
    max_backoff: Duration::from_millis(500),
};

/// Card images on disk, fetched on a miss.
#[derive(Debug, Clone)]
pub struct CardImages {
    dir: PathBuf,
    downloader: Downloader,
}

/// Distinguishes the temporary files of concurrent fetches within this process.
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

impl CardImages {
    /// Images cached in `dir`, fetched from `downloader`'s Scryfall API base.
    pub fn new(dir: PathBuf, downloader: Downloader) -> Self {
        CardImages {
            dir,
            downloader: downloader.with_retry_policy(IMAGE_RETRY),
        }
    }

    /// The cache folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The JPEG of `side` of the printing `scryfall_id`: from the cache, or fetched and cached.
    ///
    /// Errors: [`Error::NotAScryfallId`] for anything but a Scryfall id (it becomes a file
    /// name, so nothing else may pass); network and HTTP errors when it is not cached and
    /// cannot be fetched; [`Error::Io`] when the cache cannot be written.
    pub async fn image(
        &self,
        scryfall_id: &str,
        side: Side,
        cancel: &CancellationToken,
    ) -> Result<Vec<u8>> {
        if !is_scryfall_id(scryfall_id) {
            return Err(Error::NotAScryfallId {
                id: scryfall_id.to_owned(),
            });
        }
        let path = self.dir.join(format!(
            "{}-{}.jpg",
            scryfall_id.to_ascii_lowercase(),
            side.name()
        ));
        match tokio::fs::read(&path).await {
            Ok(bytes) => return Ok(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
        let url = self.url(scryfall_id, side);
        let bytes = self
            .downloader
            .http()
            .fetch_small(&url, "image/*", cancel)
            .await?;
        self.store(&path, &bytes).await?;
        Ok(bytes)
    }

    fn url(&self, scryfall_id: &str, side: Side) -> String {
        let base = self
            .downloader
            .sources()
            .scryfall_api_base
            .trim_end_matches('/');
        let face = match side {
            Side::Front => "",
            Side::Back => "&face=back",
        };
        format!("{base}/cards/{scryfall_id}?format=image&version={VERSION}{face}")
    }

    /// Writes `bytes` to `path` whole or not at all.
    async fn store(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        tokio::fs::create_dir_all(&self.dir)
            .await
            .map_err(|e| Error::io(&self.dir, e))?;
        let temp = path.with_extension(format!(
            "part-{}-{}",
            std::process::id(),
            NEXT_TEMP.fetch_add(1, Ordering::Relaxed)
        ));
        let written = async {
            tokio::fs::write(&temp, bytes).await?;
            tokio::fs::rename(&temp, path).await
        }
        .await;
        if let Err(e) = written {
            // Best effort: the temporary name is never read as an image either way.
            let _ = tokio::fs::remove_file(&temp).await;
            return Err(Error::io(path, e));
        }
        Ok(())
    }
}

/// Whether `text` is a UUID as Scryfall writes ids (8-4-4-4-12 hex digits).
fn is_scryfall_id(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_uuids_pass_as_ids() {
        assert!(is_scryfall_id("e3285e6b-3e79-4d7c-bf96-d920f973b122"));
        assert!(is_scryfall_id("E3285E6B-3E79-4D7C-BF96-D920F973B122"));
        for bad in [
            "",
            "../../etc/passwd",
            "e3285e6b-3e79-4d7c-bf96-d920f973b12",
            "e3285e6b-3e79-4d7c-bf96-d920f973b1222",
            "e3285e6b3e794d7cbf96d920f973b122",
            "e3285e6b-3e79-4d7c-bf96-d920f973b12g",
            "e3285e6b-3e79-4d7c-bf96/d920f973b122",
        ] {
            assert!(!is_scryfall_id(bad), "{bad}");
        }
    }

    #[test]
    fn sides_parse_from_their_names() {
        assert_eq!(Side::parse("front"), Some(Side::Front));
        assert_eq!(Side::parse("back"), Some(Side::Back));
        assert_eq!(Side::parse("Back"), None);
    }
}
