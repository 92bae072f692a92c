//! Downloading the public reference sources (MTGJSON, Scryfall bulk data, the Comprehensive
//! Rules, Commander Spellbook), resumably.
//!
//! This module is the crate's only door to the network. It knows where each source lives and
//! what its index and checksum files say; the transfers themselves (resume, retries, checks,
//! cancellation) are the `download` crate's. It fetches files to disk and says where they are;
//! it never parses card data (the importers do) and never draws progress (the CLI and the app
//! do, from [`Progress`]).

pub mod card_images;
pub mod latest;
pub mod scryfall_bulk;
pub mod sources;

use std::path::Path;

use ::download::Expected;
use reqwest::Url;
use tracing::warn;

pub use ::download::{CancellationToken, Fetched, Progress, RetryPolicy};
pub use scryfall_bulk::{BulkFormat, BulkItem, select_bulk_item};
pub use sources::{MtgjsonFile, Sources, rules_txt_link};

use crate::import::remove_if_exists;
use crate::{Error, Result};

/// Downloads the public sources: the `download` crate's client with the URLs it reaches.
#[derive(Debug, Clone)]
pub struct Downloader {
    http: ::download::Downloader,
    sources: Sources,
}

impl Downloader {
    /// A downloader for `sources` with the default [`RetryPolicy`].
    pub fn new(sources: Sources) -> Result<Self> {
        Ok(Downloader {
            http: ::download::Downloader::new()?,
            sources,
        })
    }

    /// The same downloader with another retry policy.
    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.http = self.http.with_retry_policy(retry);
        self
    }

    /// The URLs this downloader reaches.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// The HTTP downloader, for a file at a URL already known.
    pub fn http(&self) -> &::download::Downloader {
        &self.http
    }

    /// Downloads the Scryfall bulk file `item` to `dest` like
    /// [`fetch_to_file`](::download::Downloader::fetch_to_file), then checks its size against the one the
    /// bulk-data index lists for the stored file ([`BulkItem::stored_size`]); a file of another
    /// size is deleted and reported as [`Error::BulkSizeMismatch`].
    pub async fn fetch_bulk_file(
        &self,
        item: &BulkItem,
        dest: &Path,
        progress: &(dyn Fn(Progress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<Fetched> {
        let fetched = self
            .http
            .fetch_to_file(
                &item.download_uri,
                dest,
                &Expected::default(),
                progress,
                cancel,
            )
            .await?;
        if let Some(listed) = item.stored_size().filter(|&listed| listed != fetched.size) {
            remove_if_exists(dest)?;
            return Err(Error::BulkSizeMismatch {
                url: item.download_uri.clone(),
                listed,
                actual: fetched.size,
            });
        }
        Ok(fetched)
    }

    /// Looks up today's Scryfall bulk file of type `kind` (`oracle_cards`, `default_cards`,
    /// `rulings`, ...) in the bulk-data index.
    pub async fn scryfall_bulk_item(
        &self,
        kind: &str,
        cancel: &CancellationToken,
    ) -> Result<BulkItem> {
        let index_url = self.sources.scryfall_bulk_index_url()?;
        let body = self
            .http
            .fetch_small(index_url.as_str(), "application/json", cancel)
            .await?;
        select_bulk_item(&body, kind, index_url.as_str())
    }

    /// The Comprehensive Rules TXT to download: the one linked from the rules page when
    /// [`Sources::discover_rules_txt`] is on and the page links one, else [`Sources::rules_txt`].
    pub async fn rules_txt_url(&self, cancel: &CancellationToken) -> Result<String> {
        if self.sources.discover_rules_txt {
            match self.discover_rules_txt(cancel).await {
                // Cancelling is not a reason to fall back: it stops the whole fetch.
                Err(e @ Error::Download(::download::Error::RequestCancelled { .. })) => {
                    return Err(e);
                }
                Ok(Some(url)) => return Ok(url.into()),
                Ok(None) => warn!(
                    page = %self.sources.rules_page,
                    fallback = %self.sources.rules_txt,
                    "the rules page links no TXT file; using the configured one"
                ),
                Err(e) => warn!(
                    page = %self.sources.rules_page,
                    fallback = %self.sources.rules_txt,
                    error = %e,
                    "could not read the rules page; using the configured TXT"
                ),
            }
        }
        sources::parse_url(&self.sources.rules_txt).map(String::from)
    }

    async fn discover_rules_txt(&self, cancel: &CancellationToken) -> Result<Option<Url>> {
        let page_url = sources::parse_url(&self.sources.rules_page)?;
        let body = self
            .http
            .fetch_small(page_url.as_str(), "text/html", cancel)
            .await?;
        Ok(rules_txt_link(&String::from_utf8_lossy(&body), &page_url))
    }
}
