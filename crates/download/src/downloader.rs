//! [`Downloader`]: one HTTP client, and the loop that brings the bytes at a URL into a file —
//! resuming, retrying, hashing and checking them on the way.

use std::path::Path;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use reqwest::header::{self, HeaderMap};
use reqwest::{StatusCode, Url};
use serde::Serialize;
use tokio::io::{AsyncWriteExt, BufWriter};
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::checksum::{CatchUp, PartHash};
use crate::content_range::content_range;
use crate::disk_space::ensure_space;
use crate::lock::DownloadLock;
use crate::progress::{Progress, RateMeter};
use crate::resume_state::{PartPaths, ResumeState, source_record_path};
use crate::{Error, Result, RetryPolicy, USER_AGENT};

/// Small responses read into memory (an index, a page, a checksum) are capped at this size, so
/// a wrong URL pointing at a large file fails instead of filling memory.
const MAX_SMALL_BYTES: usize = 32 * 1024 * 1024;

/// What a downloaded file must be; the default accepts any file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expected {
    /// Its exact size in bytes. A server announcing another size is refused before a byte is
    /// written, and the disk-space check can run before the first request.
    pub size: Option<u64>,
    /// Its SHA-256, in hex (either case). Checked once the last byte is in, before the file
    /// appears under its name.
    pub sha256: Option<String>,
}

/// A finished download.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fetched {
    /// The file's size in bytes.
    pub size: u64,
    /// Bytes that were already on disk when this call began (0 for a fresh download).
    pub resumed_from: u64,
    /// The server's ETag for the file, to tell later whether it changed.
    pub etag: Option<String>,
    /// The server's Last-Modified date for the file.
    pub last_modified: Option<String>,
    /// The file's SHA-256, lower-case hex.
    pub sha256: String,
}

/// What [`Downloader::refresh_file`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refreshed {
    /// The server said the file on disk is current (HTTP 304): nothing was downloaded.
    Unchanged,
    /// The file was downloaded (it was missing, changed, or had no validators to ask with).
    Downloaded(Fetched),
}

/// Downloads files over one HTTP client (one connection pool, one set of headers).
#[derive(Debug, Clone)]
pub struct Downloader {
    client: reqwest::Client,
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

/// What one download call carries from request to request: the hash of the part and the rate.
struct Transfer {
    hash: PartHash,
    meter: RateMeter,
    /// Bytes received by this call, over every request: what the rate is measured on.
    received: u64,
}

impl Transfer {
    fn progress(&mut self, downloaded: u64, total: Option<u64>) -> Progress {
        self.meter
            .progress(self.received, downloaded, total, Instant::now())
    }
}

impl Downloader {
    /// A downloader with the default [`RetryPolicy`].
    pub fn new() -> Result<Self> {
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            // Files are stored exactly as the server sends them: MTGJSON's and Scryfall's gzip
            // files must stay gzip on disk and match Content-Length and their checksums.
            // Decompression is off even if another crate turns on reqwest's decompression.
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
            retry: RetryPolicy::default(),
        })
    }

    /// The same downloader with another retry policy.
    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Downloads `url` to `dest`, resuming what an earlier attempt left in `<dest>.part`.
    ///
    /// `progress` is called as bytes arrive; `cancel` stops the download promptly, keeping the
    /// part file for the next call. `dest` is replaced only when the whole file has arrived, its
    /// size matches what the server announced, and its size and SHA-256 are as `expected`; a
    /// file that is not is deleted ([`Error::UnexpectedSize`], [`Error::HashMismatch`]).
    /// Fails at once with [`Error::AlreadyDownloading`] while another download of `dest` runs,
    /// and with [`Error::NotEnoughSpace`] when the rest of the file does not fit on the disk.
    pub async fn fetch_to_file(
        &self,
        url: &str,
        dest: &Path,
        expected: &Expected,
        progress: &(dyn Fn(Progress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<Fetched> {
        let _lock = lock(dest).await?;
        match self
            .download(url, dest, expected, None, progress, cancel)
            .await?
        {
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
        let normalised = parse_url(url)?;
        let _lock = lock(dest).await?;
        let record = source_record_path(dest);
        let known = match tokio::fs::try_exists(dest).await {
            Ok(true) => ResumeState::load(&record).await.filter(|state| {
                state.url == normalised.as_str()
                    && (state.etag.is_some() || state.last_modified.is_some())
            }),
            _ => None,
        };
        match self
            .download(
                url,
                dest,
                &Expected::default(),
                known.as_ref(),
                progress,
                cancel,
            )
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

    /// Downloads `url` to `dest` (whose lock the caller holds); `None` when `known` (the
    /// validators of `dest`) was sent and the server answered that `dest` is current.
    async fn download(
        &self,
        url: &str,
        dest: &Path,
        expected: &Expected,
        known: Option<&ResumeState>,
        progress: &(dyn Fn(Progress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<Option<Fetched>> {
        let parsed = parse_url(url)?;
        let paths = PartPaths::for_dest(dest);
        let cancelled = || Error::Cancelled {
            url: url.to_owned(),
            part: paths.part.clone(),
        };

        let mut transfer = Transfer {
            hash: PartHash::default(),
            meter: RateMeter::new(Instant::now()),
            received: 0,
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
            if let Some(size) = expected.size {
                // Before asking the server anything; checked again with the size it announces.
                ensure_space(paths.dir(), size.saturating_sub(offset), 0)?;
            }
            if let CatchUp::Cancelled = transfer.hash.catch_up(&paths.part, offset, cancel).await? {
                return Err(cancelled());
            }
            let step = self
                .request_once(
                    &parsed,
                    &paths,
                    (offset, state),
                    (known, expected),
                    &mut transfer,
                    progress,
                    cancel,
                )
                .await;
            let failure = match step {
                Ok(Step::Complete(state)) => {
                    let size = transfer.hash.len();
                    let sha256 = transfer.hash.hex();
                    check_expected(url, &paths, expected, size, &sha256)?;
                    finish(&paths).await?;
                    info!(url, dest = %dest.display(), size, sha256, "download complete");
                    return Ok(Some(Fetched {
                        size,
                        resumed_from: resumed_from.unwrap_or(0),
                        etag: state.etag,
                        last_modified: state.last_modified,
                        sha256,
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
    #[allow(clippy::too_many_arguments)] // each is one piece of the call's state, used here
    async fn request_once(
        &self,
        url: &Url,
        paths: &PartPaths,
        (offset, state): (u64, Option<ResumeState>),
        (known, expected): (Option<&ResumeState>, &Expected),
        transfer: &mut Transfer,
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
        // Whether the body continues the part, where it starts in the file, how many bytes it
        // announces, and the state of the file it belongs to.
        let (append, start, announced, state) = match status {
            StatusCode::PARTIAL_CONTENT => {
                let range = content_range(response.headers())
                    .and_then(|r| r.bytes.map(|(first, last)| (first, last, r.total)))
                    .filter(|&(first, last, _)| last >= first);
                match (range, state) {
                    (Some((0, last, total)), _) if offset == 0 => {
                        // A range sent unasked but from byte 0: a fresh download like a 200.
                        let state = fresh_state(url_text, response.headers(), total);
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
                        return Err(Failure::Fatal(Error::UnexpectedResponse {
                            url: url_text.to_owned(),
                            reason: "the server answered a request for the whole file with \
                                     another part of it (HTTP 206)"
                                .to_owned(),
                        }));
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

        let total = state.total;
        if let (Some(want), Some(total)) = (expected.size, total)
            && want != total
        {
            // Another file than the one expected: whatever part there is belongs to it too.
            remove_part(paths)?;
            return Err(Failure::Fatal(Error::UnexpectedSize {
                url: url_text.to_owned(),
                dest: paths.dest.clone(),
                expected: want,
                actual: total,
            }));
        }
        if let Some(total) = total {
            // A part about to be replaced gives its space back first.
            let freed = if append { 0 } else { offset };
            ensure_space(paths.dir(), total.saturating_sub(start), freed)?;
        }
        if !append {
            // Saved only once the checks passed and just before the part is truncated: a state
            // beside bytes of another response would let the next run splice the two.
            state.save(&paths.state).await?;
            transfer.hash.restart();
        }

        let file = tokio::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(&paths.part)
            .await
            .map_err(|e| Error::io(&paths.part, e))?;
        let mut file = BufWriter::with_capacity(256 * 1024, file);
        let mut downloaded = start;
        let mut received = 0u64;
        progress(transfer.progress(downloaded, total));

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
                    if let Some(announced) = announced.filter(|&a| received + len > a) {
                        // More than announced: keep the part as announced, report the rest.
                        break Err(Failure::Fatal(size_mismatch(
                            url_text,
                            paths,
                            announced,
                            received + len,
                        )));
                    }
                    if let Err(e) = file.write_all(&chunk).await {
                        break Err(Failure::Fatal(Error::io(&paths.part, e)));
                    }
                    // Hashed as written: the hash always covers exactly the part's bytes.
                    transfer.hash.update(&chunk);
                    transfer.received += len;
                    received += len;
                    downloaded += len;
                    progress(transfer.progress(downloaded, total));
                }
            }
        };
        // Whatever happened, the bytes received so far reach the disk: they are the resume point.
        file.flush().await.map_err(|e| Error::io(&paths.part, e))?;
        outcome?;

        if let Some(announced) = announced.filter(|&a| a != received) {
            // The response ended cleanly but short: the server contradicts its own headers.
            return Err(Failure::Fatal(size_mismatch(
                url_text, paths, announced, received,
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
        let parsed = parse_url(url)?;
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
            if body.len() + chunk.len() > MAX_SMALL_BYTES {
                return Err(Failure::Fatal(Error::UnexpectedResponse {
                    url: url.to_string(),
                    reason: format!(
                        "larger than {MAX_SMALL_BYTES} bytes: not the small resource expected"
                    ),
                }));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// Parses `url`, reporting a bad one as [`Error::InvalidUrl`].
fn parse_url(url: &str) -> Result<Url> {
    Url::parse(url).map_err(|e| Error::InvalidUrl {
        url: url.to_owned(),
        message: e.to_string(),
    })
}

/// Creates `dest`'s folder and takes its download lock.
async fn lock(dest: &Path) -> Result<DownloadLock> {
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        tokio::fs::create_dir_all(parent)
            .await
            .map_err(|e| Error::io(parent, e))?;
    }
    DownloadLock::acquire(dest)
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
            remove_part(paths)?;
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

/// Removes `path`; a file already gone is not an error. Unlinking one file is a single quick
/// system call, fine to make from async code.
fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// Deletes the part file and its resume state.
fn remove_part(paths: &PartPaths) -> Result<()> {
    remove_if_exists(&paths.part)?;
    remove_if_exists(&paths.state)
}

/// Drops a part file that cannot be continued; the next request starts from byte 0.
async fn discard_part(paths: &PartPaths) -> Result<Step, Failure> {
    warn!(part = %paths.part.display(), "partial download cannot be resumed, starting over");
    remove_part(paths)?;
    Ok(Step::Continue)
}

/// Checks the complete part (`size` bytes, hashing to `sha256`) against `expected`; a part that
/// is another file is deleted, so it is neither installed nor resumed.
fn check_expected(
    url: &str,
    paths: &PartPaths,
    expected: &Expected,
    size: u64,
    sha256: &str,
) -> Result<()> {
    if let Some(want) = expected.size.filter(|&want| want != size) {
        remove_part(paths)?;
        return Err(Error::UnexpectedSize {
            url: url.to_owned(),
            dest: paths.dest.clone(),
            expected: want,
            actual: size,
        });
    }
    if let Some(want) = expected
        .sha256
        .as_deref()
        .filter(|want| !want.eq_ignore_ascii_case(sha256))
    {
        remove_part(paths)?;
        return Err(Error::HashMismatch {
            url: url.to_owned(),
            dest: paths.dest.clone(),
            expected: want.to_ascii_lowercase(),
            actual: sha256.to_owned(),
        });
    }
    Ok(())
}

/// Moves the complete part file to its destination and forgets its resume state.
async fn finish(paths: &PartPaths) -> Result<()> {
    // `rename` replaces an existing `dest` on every platform std supports.
    tokio::fs::rename(&paths.part, &paths.dest)
        .await
        .map_err(|e| Error::io(&paths.dest, e))?;
    remove_if_exists(&paths.state)
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
        part: paths.part.clone(),
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
