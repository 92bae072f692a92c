//! Downloading the public reference sources (MTGJSON, Scryfall bulk data, the Comprehensive
//! Rules, Commander Spellbook), resumably.
//!
//! This module is the crate's only door to the network. It fetches files to disk and says where
//! they are; it never parses card data (the importers do) and never draws progress (the CLI and
//! the app do, from [`Progress`]).
//!
//! A download streams into `<dest>.part`, with the URL and validators of the response kept in
//! `<dest>.part.json`. After a dropped connection, a cancellation or a restart of the program
//! the next request asks only for the missing bytes (`Range`), guarded by `If-Range` so that a
//! file changed on the server is downloaded whole again instead of spliced; a part whose server
//! gave no validator for `If-Range` is downloaded again from the start. `<dest>` appears only
//! once every byte is there.

pub mod card_images;
pub mod latest;
mod resume_state;
pub mod scryfall_bulk;
pub mod sources;

use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::StreamExt;
use reqwest::header::{self, HeaderMap};
use reqwest::{StatusCode, Url};
use tokio::io::{AsyncWriteExt, BufWriter};
use tracing::{info, warn};

pub use scryfall_bulk::{BulkFormat, BulkItem, select_bulk_item};
pub use sources::{MtgjsonFile, Sources, rules_txt_link};
/// Re-exported so callers need no direct `tokio-util` dependency to cancel a download.
pub use tokio_util::sync::CancellationToken;

use crate::import::remove_if_exists;
use crate::{Error, Result};
use resume_state::{PartPaths, ResumeState};

/// The `User-Agent` sent with every request. Scryfall asks API clients to name themselves.
pub const USER_AGENT: &str = concat!("Planeswalker/", env!("CARGO_PKG_VERSION"));

/// Small responses read into memory (the bulk-data index, the rules page, a checksum) are capped
/// at this size, so a wrong URL pointing at a large file fails instead of filling memory.
const MAX_TEXT_BYTES: usize = 32 * 1024 * 1024;

/// How far a download has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of the file on disk so far, including those kept from an earlier attempt.
    pub downloaded: u64,
    /// The file's full size, when the server announced it.
    pub total: Option<u64>,
}

/// How often, and how patiently, a failed transfer is tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Failed requests in a row (dropped connection, time-out, HTTP 429 or 5xx) tried again
    /// before giving up; each retry resumes from the bytes already on disk, and a request that
    /// brought new bytes before failing starts the count again.
    pub max_retries: u32,
    /// The wait before the first retry; it doubles for each further retry.
    pub first_backoff: Duration,
    /// The longest wait between two retries.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 5,
            first_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1 for the first).
    fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.first_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }
}

/// A finished download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The file's size in bytes.
    pub size: u64,
    /// Bytes that were already on disk when this call began (0 for a fresh download).
    pub resumed_from: u64,
    /// The server's ETag for the file, to tell later whether it changed.
    pub etag: Option<String>,
    /// The server's Last-Modified date for the file.
    pub last_modified: Option<String>,
}

/// Downloads files over one HTTP client (one connection pool, one set of headers).
#[derive(Debug, Clone)]
pub struct Downloader {
    client: reqwest::Client,
    sources: Sources,
    retry: RetryPolicy,
}

/// What one request achieved.
enum Step {
    /// The part file holds the whole file.
    Complete(ResumeState),
    /// Progress was made or a stale part was dropped; ask again at once.
    Continue,
    /// The server said the file on disk is current (HTTP 304 to a conditional request).
    NotModified,
}

/// What [`Downloader::refresh_file`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refreshed {
    /// The server said the file on disk is current (HTTP 304): nothing was downloaded.
    Unchanged,
    /// The file was downloaded (it was missing, changed, or had no validators to ask with).
    Downloaded(Fetched),
}

/// Why one request failed.
enum Failure {
    /// Worth retrying: the connection broke or timed out.
    Transport(reqwest::Error),
    /// Worth retrying: the server is busy or failing (HTTP 429, 5xx).
    Status(StatusCode),
    /// Retrying would not help.
    Fatal(Error),
}

impl Failure {
    /// The error to report once retries are spent.
    fn into_error(self, url: &str, attempts: u32) -> Error {
        match self {
            Failure::Transport(source) => Error::Network {
                url: url.to_owned(),
                attempts,
                source,
            },
            Failure::Status(status) => Error::HttpStatus {
                url: url.to_owned(),
                status: status.as_u16(),
            },
            Failure::Fatal(e) => e,
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Fatal(e)
    }
}

impl Downloader {
    /// A downloader for `sources` with the default [`RetryPolicy`].
    pub fn new(sources: Sources) -> Result<Self> {
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            // Files are stored exactly as the server sends them: MTGJSON's and Scryfall's gzip
            // files must stay gzip on disk and match Content-Length. Decompression is off even
            // if another crate turns on reqwest's decompression features.
            .no_gzip()
            .no_brotli()
            .no_zstd()
            .no_deflate()
            .connect_timeout(Duration::from_secs(30))
            // A stalled transfer fails and is resumed rather than hanging forever.
            .read_timeout(Duration::from_secs(60))
            .build()
            .map_err(|source| Error::Network {
                url: "(setting up the HTTP client)".to_owned(),
                attempts: 0,
                source,
            })?;
        Ok(Downloader {
            client,
            sources,
            retry: RetryPolicy::default(),
        })
    }

    /// The same downloader with another retry policy.
    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The URLs this downloader reaches.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// Downloads `url` to `dest`, resuming what an earlier attempt left in `<dest>.part`.
    ///
    /// `progress` is called as bytes arrive; `cancel` stops the download promptly, keeping the
    /// part file for the next call. `dest` is replaced only when the whole file has arrived and
    /// its size matches what the server announced. One download per `dest` at a time: two
    /// concurrent calls for the same `dest` would write the same part file.
    pub async fn fetch_to_file(
        &self,
        url: &str,
        dest: &Path,
        progress: &(dyn Fn(Progress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<Fetched> {
        match self.download(url, dest, None, progress, cancel).await? {
            Some(fetched) => Ok(fetched),
            // Only a conditional request can be answered "not modified", and none was sent.
            None => Err(Error::HttpStatus {
                url: url.to_owned(),
                status: StatusCode::NOT_MODIFIED.as_u16(),
            }),
        }
    }

    /// Brings `dest` up to date with `url` without downloading it again when it is current.
    ///
    /// The ETag and Last-Modified of the response `dest` came from are kept beside it
    /// (`<dest>.source.json`); when they are there and `dest` is too, the request asks the server
    /// with `If-None-Match` / `If-Modified-Since`, and a `304 Not Modified` keeps the file.
    /// Otherwise it downloads like [`fetch_to_file`](Self::fetch_to_file), resuming a part file.
    pub async fn refresh_file(
        &self,
        url: &str,
        dest: &Path,
        progress: &(dyn Fn(Progress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<Refreshed> {
        let normalised = sources::parse_url(url)?;
        let record = resume_state::source_record_path(dest);
        let known = match tokio::fs::try_exists(dest).await {
            Ok(true) => ResumeState::load(&record).await.filter(|state| {
                state.url == normalised.as_str()
                    && (state.etag.is_some() || state.last_modified.is_some())
            }),
            _ => None,
        };
        match self
            .download(url, dest, known.as_ref(), progress, cancel)
            .await?
        {
            None => Ok(Refreshed::Unchanged),
            Some(fetched) => {
                let state = ResumeState {
                    url: normalised.into(),
                    etag: fetched.etag.clone(),
                    last_modified: fetched.last_modified.clone(),
                    total: Some(fetched.size),
                };
                state.save(&record).await?;
                Ok(Refreshed::Downloaded(fetched))
            }
        }
    }

    /// Downloads `url` to `dest`; `None` when `known` (the validators of `dest`) was sent and
    /// the server answered that `dest` is current.
    async fn download(
        &self,
        url: &str,
        dest: &Path,
        known: Option<&ResumeState>,
        progress: &(dyn Fn(Progress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<Option<Fetched>> {
        let parsed = sources::parse_url(url)?;
        let paths = PartPaths::for_dest(dest);
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            tokio::fs::create_dir_all(parent)
                .await
                .map_err(|e| Error::io(parent, e))?;
        }
        let cancelled = || Error::Cancelled {
            url: url.to_owned(),
            part: paths.part.clone(),
        };

        let mut resumed_from = None;
        let mut failures = 0u32;
        loop {
            if cancel.is_cancelled() {
                return Err(cancelled());
            }
            // The normalised URL, as saved beside the part: the same URL written another way
            // (a space for %20, no trailing slash) must still resume.
            let (offset, state) = resumable_part(parsed.as_str(), &paths).await?;
            resumed_from.get_or_insert(offset);
            let step = self
                .request_once(&parsed, &paths, (offset, state), known, progress, cancel)
                .await;
            let failure = match step {
                Ok(Step::Complete(state)) => {
                    let size = finish(&paths, dest).await?;
                    info!(url, dest = %dest.display(), size, "download complete");
                    return Ok(Some(Fetched {
                        size,
                        resumed_from: resumed_from.unwrap_or(0),
                        etag: state.etag,
                        last_modified: state.last_modified,
                    }));
                }
                Ok(Step::Continue) => continue,
                Ok(Step::NotModified) => {
                    info!(url, dest = %dest.display(), "file unchanged on the server");
                    return Ok(None);
                }
                Err(Failure::Fatal(e)) => return Err(e),
                Err(failure) => failure,
            };
            if part_len(&paths).await? > offset {
                // The attempt moved the download forward: only failures in a row count, so a
                // long download over a link that drops now and then still finishes.
                failures = 0;
            }
            failures += 1;
            if failures > self.retry.max_retries {
                return Err(failure.into_error(url, failures));
            }
            let wait = self.retry.backoff(failures);
            match &failure {
                Failure::Transport(e) => {
                    warn!(url, retry = failures, ?wait, error = %e, "download interrupted, resuming")
                }
                Failure::Status(s) => {
                    warn!(url, retry = failures, ?wait, status = %s, "server busy, retrying")
                }
                Failure::Fatal(_) => {}
            }
            tokio::select! {
                biased;
                () = cancel.cancelled() => return Err(cancelled()),
                () = tokio::time::sleep(wait) => {}
            }
        }
    }

    /// One request for the bytes of `url` from `offset` on (the part file's length, with its
    /// `state`), written to the part file; conditional on `known` when starting from byte 0.
    async fn request_once(
        &self,
        url: &Url,
        paths: &PartPaths,
        (offset, state): (u64, Option<ResumeState>),
        known: Option<&ResumeState>,
        progress: &(dyn Fn(Progress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<Step, Failure> {
        let url_text = url.as_str();
        let mut request = self.client.get(url.clone());
        // A part on disk is a newer download in progress: resume it rather than ask whether the
        // finished file is current.
        let conditional = known.filter(|_| offset == 0);
        if offset > 0 {
            request = request.header(header::RANGE, format!("bytes={offset}-"));
            if let Some(validator) = state.as_ref().and_then(ResumeState::if_range) {
                request = request.header(header::IF_RANGE, validator);
            }
        } else if let Some(known) = conditional {
            if let Some(etag) = &known.etag {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(date) = &known.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, date);
            }
        }
        let response = tokio::select! {
            biased;
            () = cancel.cancelled() => return Err(cancelled_failure(url_text, paths)),
            sent = request.send() => sent.map_err(Failure::Transport)?,
        };

        let status = response.status();
        let (append, start, expected, state) = match status {
            StatusCode::PARTIAL_CONTENT => {
                let range = content_range(response.headers())
                    .and_then(|r| r.bytes.map(|(first, last)| (first, last, r.total)))
                    .filter(|&(first, last, _)| last >= first);
                match (range, state) {
                    (Some((0, last, total)), _) if offset == 0 => {
                        // A range sent unasked but from byte 0: a fresh download like a 200.
                        let state = fresh_state(url_text, response.headers(), total);
                        state.save(&paths.state).await?;
                        (false, 0, Some(last + 1), state)
                    }
                    (Some((first, last, total)), Some(state)) if first == offset && offset > 0 => {
                        if matches!((state.total, total), (Some(a), Some(b)) if a != b) {
                            // The file's size changed and no validator said so: splicing would
                            // corrupt it.
                            return discard_part(paths).await;
                        }
                        let state = ResumeState {
                            total: total.or(state.total),
                            ..state
                        };
                        (true, first, Some(last - first + 1), state)
                    }
                    // Not the continuation of our bytes: start over without them.
                    _ if offset > 0 => return discard_part(paths).await,
                    _ => {
                        return Err(Failure::Fatal(Error::format(
                            url_text,
                            "the server answered a request for the whole file with another part \
                             of it (HTTP 206)",
                        )));
                    }
                }
            }
            StatusCode::OK => {
                // A fresh download, or a server that ignored Range, or If-Range telling us the
                // file changed: in every case this body is the whole file.
                if offset > 0 {
                    info!(
                        url = url_text,
                        offset, "server sent the whole file, starting over"
                    );
                }
                let state = fresh_state(url_text, response.headers(), response.content_length());
                state.save(&paths.state).await?;
                (false, 0, state.total, state)
            }
            StatusCode::RANGE_NOT_SATISFIABLE => {
                let total = content_range(response.headers())
                    .and_then(|r| r.total)
                    .or(state.as_ref().and_then(|s| s.total));
                return match state {
                    // Every byte was already here (the last run stopped before the rename).
                    Some(state) if offset > 0 && total == Some(offset) => Ok(Step::Complete(state)),
                    // The part is longer than the file, or its size cannot be checked.
                    _ if offset > 0 => discard_part(paths).await,
                    // No range was asked for: the server is wrong, retrying will not help.
                    _ => Err(Failure::Fatal(Error::HttpStatus {
                        url: url_text.to_owned(),
                        status: status.as_u16(),
                    })),
                };
            }
            StatusCode::NOT_MODIFIED if conditional.is_some() => return Ok(Step::NotModified),
            StatusCode::NOT_FOUND | StatusCode::GONE => {
                return Err(Failure::Fatal(Error::NotFound {
                    url: url_text.to_owned(),
                    status: status.as_u16(),
                }));
            }
            s if s == StatusCode::TOO_MANY_REQUESTS || s.is_server_error() => {
                return Err(Failure::Status(s));
            }
            s => {
                return Err(Failure::Fatal(Error::HttpStatus {
                    url: url_text.to_owned(),
                    status: s.as_u16(),
                }));
            }
        };

        let file = tokio::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(&paths.part)
            .await
            .map_err(|e| Error::io(&paths.part, e))?;
        let mut file = BufWriter::with_capacity(256 * 1024, file);
        let total = state.total;
        let mut downloaded = start;
        let mut received = 0u64;
        progress(Progress { downloaded, total });

        let mut body = response.bytes_stream();
        let outcome = loop {
            let next = tokio::select! {
                biased;
                () = cancel.cancelled() => break Err(cancelled_failure(url_text, paths)),
                next = body.next() => next,
            };
            match next {
                None => break Ok(()),
                Some(Err(e)) => break Err(Failure::Transport(e)),
                Some(Ok(chunk)) => {
                    let len = chunk.len() as u64;
                    if let Some(expected) = expected.filter(|&e| received + len > e) {
                        // More than announced: keep the part as announced, report the rest.
                        break Err(Failure::Fatal(size_mismatch(
                            url_text,
                            paths,
                            expected,
                            received + len,
                        )));
                    }
                    if let Err(e) = file.write_all(&chunk).await {
                        break Err(Failure::Fatal(Error::io(&paths.part, e)));
                    }
                    received += len;
                    downloaded += len;
                    progress(Progress { downloaded, total });
                }
            }
        };
        // Whatever happened, the bytes received so far reach the disk: they are the resume point.
        file.flush().await.map_err(|e| Error::io(&paths.part, e))?;
        outcome?;

        if let Some(expected) = expected.filter(|&e| e != received) {
            // The response ended cleanly but short: the server contradicts its own headers.
            return Err(Failure::Fatal(size_mismatch(
                url_text, paths, expected, received,
            )));
        }
        match total {
            // A server may answer an open range with less than the rest: ask for the rest.
            Some(total) if downloaded < total => Ok(Step::Continue),
            Some(total) if downloaded > total => Err(Failure::Fatal(size_mismatch(
                url_text, paths, total, downloaded,
            ))),
            _ => {
                file.get_ref()
                    .sync_all()
                    .await
                    .map_err(|e| Error::io(&paths.part, e))?;
                Ok(Step::Complete(state))
            }
        }
    }

    /// The body of a small resource (an index, a page, a checksum), retried like a download.
    /// `accept` is the `Accept` header: Scryfall's API asks for `application/json`. `cancel`
    /// stops the request, the body and the wait between retries promptly.
    pub async fn fetch_small(
        &self,
        url: &str,
        accept: &str,
        cancel: &CancellationToken,
    ) -> Result<Vec<u8>> {
        let parsed = sources::parse_url(url)?;
        let cancelled = || Error::RequestCancelled {
            url: url.to_owned(),
        };
        let mut failures = 0u32;
        loop {
            if cancel.is_cancelled() {
                return Err(cancelled());
            }
            let attempt = tokio::select! {
                biased;
                () = cancel.cancelled() => return Err(cancelled()),
                attempt = self.small_once(&parsed, accept) => attempt,
            };
            let failure = match attempt {
                Ok(body) => return Ok(body),
                Err(Failure::Fatal(e)) => return Err(e),
                Err(failure) => failure,
            };
            failures += 1;
            if failures > self.retry.max_retries {
                return Err(failure.into_error(url, failures));
            }
            tokio::select! {
                biased;
                () = cancel.cancelled() => return Err(cancelled()),
                () = tokio::time::sleep(self.retry.backoff(failures)) => {}
            }
        }
    }

    /// One request for a small resource; the caller races it against cancellation, which
    /// drops it whether it waits for the answer or for the body.
    async fn small_once(&self, url: &Url, accept: &str) -> Result<Vec<u8>, Failure> {
        let response = self
            .client
            .get(url.clone())
            .header(header::ACCEPT, accept)
            .send()
            .await
            .map_err(Failure::Transport)?;
        let status = response.status();
        match status {
            s if s.is_success() => {}
            StatusCode::NOT_FOUND | StatusCode::GONE => {
                return Err(Failure::Fatal(Error::NotFound {
                    url: url.to_string(),
                    status: status.as_u16(),
                }));
            }
            s if s == StatusCode::TOO_MANY_REQUESTS || s.is_server_error() => {
                return Err(Failure::Status(s));
            }
            s => {
                return Err(Failure::Fatal(Error::HttpStatus {
                    url: url.to_string(),
                    status: s.as_u16(),
                }));
            }
        }
        let mut body = Vec::new();
        let mut stream = response.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(Failure::Transport)?;
            if body.len() + chunk.len() > MAX_TEXT_BYTES {
                return Err(Failure::Fatal(Error::format(
                    url.as_str(),
                    format!("larger than {MAX_TEXT_BYTES} bytes: not the small resource expected"),
                )));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// Downloads the Scryfall bulk file `item` to `dest` like
    /// [`fetch_to_file`](Self::fetch_to_file), then checks its size against the one the
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
            .fetch_to_file(&item.download_uri, dest, progress, cancel)
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
                Err(e @ Error::RequestCancelled { .. }) => return Err(e),
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
            .fetch_small(page_url.as_str(), "text/html", cancel)
            .await?;
        Ok(rules_txt_link(&String::from_utf8_lossy(&body), &page_url))
    }
}

/// The bytes already downloaded for `url` and where they came from; a part file without a
/// readable state, from another URL, or without a validator to send as `If-Range` is deleted:
/// its origin is unknown, or the server could not tell us the file changed, so resuming it
/// could splice two versions of the file.
async fn resumable_part(url: &str, paths: &PartPaths) -> Result<(u64, Option<ResumeState>)> {
    let len = part_len(paths).await?;
    if len == 0 {
        return Ok((0, None));
    }
    match ResumeState::load(&paths.state).await {
        Some(state) if state.url == url && state.if_range().is_some() => Ok((len, Some(state))),
        state => {
            if state.is_some_and(|s| s.url == url) {
                info!(
                    url,
                    kept = len,
                    "the server gave no ETag or Last-Modified to resume against, starting over"
                );
            }
            remove_if_exists(&paths.part)?;
            remove_if_exists(&paths.state)?;
            Ok((0, None))
        }
    }
}

/// The bytes in the part file; 0 when there is none.
async fn part_len(paths: &PartPaths) -> Result<u64> {
    match tokio::fs::metadata(&paths.part).await {
        Ok(meta) => Ok(meta.len()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
        Err(e) => Err(Error::io(&paths.part, e)),
    }
}

/// Drops a part file that cannot be continued; the next request starts from byte 0.
async fn discard_part(paths: &PartPaths) -> Result<Step, Failure> {
    warn!(part = %paths.part.display(), "partial download cannot be resumed, starting over");
    remove_if_exists(&paths.part)?;
    remove_if_exists(&paths.state)?;
    Ok(Step::Continue)
}

/// Moves the complete part file to `dest` and forgets its resume state.
async fn finish(paths: &PartPaths, dest: &Path) -> Result<u64> {
    // `rename` replaces an existing `dest` on every platform std supports.
    tokio::fs::rename(&paths.part, dest)
        .await
        .map_err(|e| Error::io(dest, e))?;
    remove_if_exists(&paths.state)?;
    let meta = tokio::fs::metadata(dest)
        .await
        .map_err(|e| Error::io(dest, e))?;
    Ok(meta.len())
}

fn cancelled_failure(url: &str, paths: &PartPaths) -> Failure {
    Failure::Fatal(Error::Cancelled {
        url: url.to_owned(),
        part: paths.part.clone(),
    })
}

fn size_mismatch(url: &str, paths: &PartPaths, expected: u64, actual: u64) -> Error {
    Error::SizeMismatch {
        url: url.to_owned(),
        expected,
        actual,
        part: PathBuf::from(&paths.part),
    }
}

/// The resume state of a response that starts the file from byte 0.
fn fresh_state(url: &str, headers: &HeaderMap, total: Option<u64>) -> ResumeState {
    ResumeState {
        url: url.to_owned(),
        etag: header_text(headers, header::ETAG),
        last_modified: header_text(headers, header::LAST_MODIFIED),
        total,
    }
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// A parsed `Content-Range: bytes <first>-<last>/<total>` (or `bytes */<total>` on a 416).
#[derive(Debug, PartialEq, Eq)]
struct ContentRange {
    bytes: Option<(u64, u64)>,
    total: Option<u64>,
}

fn content_range(headers: &HeaderMap) -> Option<ContentRange> {
    parse_content_range(headers.get(header::CONTENT_RANGE)?.to_str().ok()?)
}

fn parse_content_range(value: &str) -> Option<ContentRange> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    let (range, total) = rest.split_once('/')?;
    let total = match total.trim() {
        "*" => None,
        n => Some(n.parse().ok()?),
    };
    let bytes = match range.trim() {
        "*" => None,
        r => {
            let (first, last) = r.split_once('-')?;
            Some((first.trim().parse().ok()?, last.trim().parse().ok()?))
        }
    };
    Some(ContentRange { bytes, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_forms_of_rfc_9110() {
        assert_eq!(
            parse_content_range("bytes 21010-47021/47022"),
            Some(ContentRange {
                bytes: Some((21010, 47021)),
                total: Some(47022)
            })
        );
        assert_eq!(
            parse_content_range("bytes 0-499/*"),
            Some(ContentRange {
                bytes: Some((0, 499)),
                total: None
            })
        );
        assert_eq!(
            parse_content_range("bytes */954522"),
            Some(ContentRange {
                bytes: None,
                total: Some(954_522)
            })
        );
        assert_eq!(parse_content_range("items 0-1/2"), None);
        assert_eq!(parse_content_range("bytes 5-x/9"), None);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy {
            max_retries: 10,
            first_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(3),
        };
        assert_eq!(policy.backoff(1), Duration::from_millis(500));
        assert_eq!(policy.backoff(2), Duration::from_secs(1));
        assert_eq!(policy.backoff(3), Duration::from_secs(2));
        assert_eq!(policy.backoff(4), Duration::from_secs(3));
        assert_eq!(policy.backoff(40), Duration::from_secs(3));
    }

    #[test]
    fn user_agent_names_the_app_and_its_version() {
        assert_eq!(
            USER_AGENT,
            format!("Planeswalker/{}", env!("CARGO_PKG_VERSION"))
        );
    }
}
