//! What the download tests share: a downloader that retries without waiting, file contents,
//! hashes, and a download cancelled partway.

// Each test binary uses some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

#[path = "../file_checks/mod.rs"]
mod file_checks;

pub use file_checks::{file_names, file_sha256, sha256_hex};

use download::{CancellationToken, Downloader, Error, Expected, Progress, RetryPolicy};

/// Retries without real waiting: the tests check what is retried, not how long it waits.
pub fn downloader() -> Downloader {
    Downloader::new().unwrap().with_retry_policy(RetryPolicy {
        max_retries: 3,
        first_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
    })
}

/// `len` bytes that look random (xorshift64 from `seed`): no two seeds give the same file, and
/// a splice of two files shows in its hash.
pub fn file_bytes(len: usize, seed: u64) -> Arc<Vec<u8>> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let bytes = (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    Arc::new(bytes)
}

pub fn ignore_progress(_: Progress) {}

pub fn part_of(dest: &Path) -> PathBuf {
    PathBuf::from(format!("{}.part", dest.display()))
}

/// Downloads until at least `stop_at` bytes are on disk, then cancels; returns the part size.
pub async fn cancel_after(
    downloader: &Downloader,
    url: &str,
    dest: &Path,
    expected: &Expected,
    stop_at: u64,
) -> u64 {
    let cancel = CancellationToken::new();
    let err = downloader
        .fetch_to_file(
            url,
            dest,
            expected,
            &|p: Progress| {
                if p.downloaded >= stop_at {
                    cancel.cancel();
                }
            },
            &cancel,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Cancelled { .. }), "{err}");
    std::fs::metadata(part_of(dest)).unwrap().len()
}
