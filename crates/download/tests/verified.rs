//! What makes a download safe to install: the size and SHA-256 checked before the file appears
//! (also across a resume), one download per file at a time, the disk-space check, and progress
//! a bar can show. Against a real HTTP server on 127.0.0.1; nothing reaches the internet.

// clippy allows unwrap in #[test] functions only; the helpers and the server module panic on a
// failed setup too, which is what a test helper should do.
#![allow(clippy::unwrap_used)]

// This binary does not use every fault of the shared test server.
#[allow(dead_code)]
mod loopback_http;
mod support;

use std::sync::Mutex;
use std::time::Duration;

use download::{CancellationToken, Downloader, Error, Expected, Progress, RetryPolicy};
use loopback_http::{Fault, LoopbackServer, Route};
use support::{
    cancel_after, downloader, file_bytes, file_names, file_sha256, ignore_progress, part_of,
    sha256_hex,
};

const MODEL_PATH: &str = "/org/model/resolve/main/model.gguf";
const MODEL_LEN: usize = 2 * 1024 * 1024;

/// The size and hash of `bytes`.
fn exactly(bytes: &[u8]) -> Expected {
    Expected {
        size: Some(bytes.len() as u64),
        sha256: Some(sha256_hex(bytes)),
    }
}

#[tokio::test]
async fn a_wrong_hash_is_rejected_and_leaves_neither_the_file_nor_the_part() {
    let server = LoopbackServer::start().await;
    let served = file_bytes(MODEL_LEN, 1);
    server.serve(
        MODEL_PATH,
        Route::file(served.clone(), "\"m1\"", "application/octet-stream"),
    );
    // The catalogue's file: the same size, other bytes.
    let catalogued = file_bytes(MODEL_LEN, 2);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.gguf");

    let err = downloader()
        .fetch_to_file(
            &server.url(MODEL_PATH),
            &dest,
            &exactly(&catalogued),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();

    let Error::HashMismatch {
        dest: named,
        expected,
        actual,
        ..
    } = &err
    else {
        panic!("expected a hash mismatch, got {err}");
    };
    assert_eq!(named, &dest);
    assert_eq!(expected, &sha256_hex(&catalogued));
    assert_eq!(actual, &sha256_hex(&served));
    let message = err.to_string();
    for part in [
        dest.display().to_string(),
        sha256_hex(&catalogued),
        sha256_hex(&served),
    ] {
        assert!(message.contains(&part), "{message} lacks {part}");
    }
    assert!(
        file_names(dir.path()).is_empty(),
        "no file, part, state or lock is left: {:?}",
        file_names(dir.path())
    );
}

#[tokio::test]
async fn a_dropped_connection_resumes_and_the_whole_file_is_verified() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(MODEL_LEN, 3);
    let mut route = Route::file(body.clone(), "\"m3\"", "application/octet-stream");
    route.faults.push_back(Fault::CutAfter(700_000));
    server.serve(MODEL_PATH, route);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.gguf");

    let fetched = downloader()
        .fetch_to_file(
            &server.url(MODEL_PATH),
            &dest,
            &exactly(&body),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(fetched.sha256, sha256_hex(&body));
    assert_eq!(file_sha256(&dest), sha256_hex(&body));
    let statuses: Vec<u16> = server
        .requests_for(MODEL_PATH)
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [200, 206]);
    assert_eq!(file_names(dir.path()), ["model.gguf"]);
}

#[tokio::test]
async fn a_kept_part_damaged_on_disk_fails_the_hash_after_the_resume() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(MODEL_LEN, 4);
    server.serve(
        MODEL_PATH,
        Route::file(body.clone(), "\"m4\"", "application/octet-stream"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.gguf");
    let downloader = downloader();
    let url = server.url(MODEL_PATH);
    let kept = cancel_after(&downloader, &url, &dest, &exactly(&body), 500_000).await;
    // One byte of the kept part flips on disk: the resume must read the part, not trust it.
    let mut part = std::fs::read(part_of(&dest)).unwrap();
    part[1000] ^= 1;
    std::fs::write(part_of(&dest), &part).unwrap();

    let err = downloader
        .fetch_to_file(
            &url,
            &dest,
            &exactly(&body),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();

    assert!(matches!(err, Error::HashMismatch { .. }), "{err}");
    let last = server.requests_for(MODEL_PATH).pop().unwrap();
    assert_eq!(
        last.header("range"),
        Some(format!("bytes={kept}-").as_str())
    );
    assert!(file_names(dir.path()).is_empty());

    // The next call starts over and gets the right file.
    downloader
        .fetch_to_file(
            &url,
            &dest,
            &exactly(&body),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(file_sha256(&dest), sha256_hex(&body));
}

#[tokio::test]
async fn a_server_file_of_another_size_is_refused_before_a_byte_is_written() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(MODEL_LEN, 5);
    server.serve(
        MODEL_PATH,
        Route::file(body.clone(), "\"m5\"", "application/octet-stream"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.gguf");
    let expected = Expected {
        size: Some(MODEL_LEN as u64 + 1),
        sha256: None,
    };

    let err = downloader()
        .fetch_to_file(
            &server.url(MODEL_PATH),
            &dest,
            &expected,
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();

    let Error::UnexpectedSize {
        expected, actual, ..
    } = &err
    else {
        panic!("expected a size refusal, got {err}");
    };
    assert_eq!(
        (*expected, *actual),
        (MODEL_LEN as u64 + 1, MODEL_LEN as u64)
    );
    assert!(file_names(dir.path()).is_empty());
}

#[tokio::test]
async fn a_file_larger_than_the_disk_is_refused_before_any_request() {
    let server = LoopbackServer::start().await;
    server.serve(
        MODEL_PATH,
        Route::file(file_bytes(1000, 6), "\"m6\"", "application/octet-stream"),
    );
    let dir = tempfile::tempdir().unwrap();
    // More than any disk holds (8 EiB).
    let expected = Expected {
        size: Some(1 << 63),
        sha256: None,
    };

    let err = downloader()
        .fetch_to_file(
            &server.url(MODEL_PATH),
            &dir.path().join("model.gguf"),
            &expected,
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();

    let Error::NotEnoughSpace {
        needed, available, ..
    } = &err
    else {
        panic!("expected a disk-space refusal, got {err}");
    };
    assert_eq!(*needed, 1 << 63);
    let message = err.to_string();
    assert!(
        message.contains(&needed.to_string()) && message.contains(&available.to_string()),
        "{message}"
    );
    assert!(server.requests_for(MODEL_PATH).is_empty());
    assert!(file_names(dir.path()).is_empty());
}

#[tokio::test]
async fn a_second_download_of_the_same_file_is_refused_while_the_first_runs() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(MODEL_LEN, 7);
    let mut route = Route::file(body.clone(), "\"m7\"", "application/octet-stream");
    // The first transfer stalls after 600 kB and stays open: it is still running when the
    // second one starts.
    route.faults.push_back(Fault::StallAfter(600_000));
    server.serve(MODEL_PATH, route);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.gguf");
    let downloader = downloader();
    let url = server.url(MODEL_PATH);
    let first_cancel = CancellationToken::new();
    let reached = CancellationToken::new();
    let expected = exactly(&body);
    let until_stalled = |p: Progress| {
        if p.downloaded >= 600_000 {
            reached.cancel();
        }
    };

    let (first, ()) = tokio::join!(
        downloader.fetch_to_file(&url, &dest, &expected, &until_stalled, &first_cancel),
        async {
            reached.cancelled().await;
            let second = downloader
                .fetch_to_file(
                    &url,
                    &dest,
                    &exactly(&body),
                    &ignore_progress,
                    &CancellationToken::new(),
                )
                .await;
            let err = second.unwrap_err();
            assert!(matches!(err, Error::AlreadyDownloading { .. }), "{err}");
            assert!(
                err.to_string()
                    .contains(&format!("{} is already being downloaded", dest.display())),
                "{err}"
            );
            // The refused download touched nothing: the first one's bytes are all there.
            assert_eq!(server.requests_for(MODEL_PATH).len(), 1);
            first_cancel.cancel();
        },
    );

    assert!(matches!(first, Err(Error::Cancelled { .. })), "{first:?}");
    assert_eq!(
        std::fs::read(part_of(&dest)).unwrap(),
        body[..600_000],
        "the part holds exactly the first download's bytes"
    );
    let fetched = downloader
        .fetch_to_file(
            &url,
            &dest,
            &exactly(&body),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(fetched.resumed_from, 600_000);
    assert_eq!(file_sha256(&dest), sha256_hex(&body));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_downloads_started_together_give_one_good_file() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(MODEL_LEN, 8);
    server.serve(
        MODEL_PATH,
        Route::file(body.clone(), "\"m8\"", "application/octet-stream"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.gguf");
    let downloader = downloader();
    let url = server.url(MODEL_PATH);
    let expected = exactly(&body);
    let cancel = CancellationToken::new();
    let fetch = || downloader.fetch_to_file(&url, &dest, &expected, &ignore_progress, &cancel);

    let (a, b) = tokio::join!(fetch(), fetch());

    // Whichever took the lock finished; the other was refused or, if it came after, finished
    // too. Never two writers on one part.
    for outcome in [&a, &b] {
        match outcome {
            Ok(fetched) => assert_eq!(fetched.sha256, sha256_hex(&body)),
            Err(Error::AlreadyDownloading { .. }) => {}
            Err(e) => panic!("unexpected outcome: {e}"),
        }
    }
    assert!(a.is_ok() || b.is_ok());
    assert_eq!(file_sha256(&dest), sha256_hex(&body));
    assert_eq!(file_names(dir.path()), ["model.gguf"]);
}

#[tokio::test]
async fn progress_climbs_to_the_total_with_a_rate_and_a_time_left() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(MODEL_LEN, 9);
    let mut route = Route::file(body.clone(), "\"m9\"", "application/octet-stream");
    route.faults.push_back(Fault::CutAfter(1_000_000));
    server.serve(MODEL_PATH, route);
    let dir = tempfile::tempdir().unwrap();
    // The wait before the retry is long enough for the rate's first sample to end in it, so
    // the resumed transfer reports a rate however fast loopback is.
    let downloader = Downloader::new().unwrap().with_retry_policy(RetryPolicy {
        max_retries: 1,
        first_backoff: Duration::from_millis(600),
        max_backoff: Duration::from_millis(600),
    });
    let events = Mutex::new(Vec::new());

    downloader
        .fetch_to_file(
            &server.url(MODEL_PATH),
            &dir.path().join("model.gguf"),
            &exactly(&body),
            &|p| events.lock().unwrap().push(p),
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    let events = events.into_inner().unwrap();
    let total = MODEL_LEN as u64;
    assert!(events.len() > 10, "{} events", events.len());
    assert!(events.iter().all(|p| p.total == Some(total)));
    assert!(
        events
            .windows(2)
            .all(|w| w[0].downloaded <= w[1].downloaded),
        "downloaded never goes back"
    );
    assert_eq!(events.first().unwrap().downloaded, 0);
    assert_eq!(events.last().unwrap().downloaded, total);
    let after_retry = events
        .iter()
        .find(|p| p.downloaded > 1_000_000)
        .copied()
        .unwrap();
    let rate = after_retry.bytes_per_second.unwrap();
    assert!(rate > 0, "{after_retry:?}");
    assert!(after_retry.eta_seconds.is_some(), "{after_retry:?}");
    // Plain data for a progress bar or a window.
    let json = serde_json::to_value(events.last().unwrap()).unwrap();
    assert_eq!(json["downloaded"], total);
    assert_eq!(json["total"], total);
    assert!(json.get("bytes_per_second").is_some() && json.get("eta_seconds").is_some());
}
