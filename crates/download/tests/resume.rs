//! The downloader against a real HTTP server on 127.0.0.1: resuming, restarting instead of
//! splicing, retrying, failing clearly and cancelling. Nothing here reaches the internet.

// clippy allows unwrap in #[test] functions only; here the helpers and the server module
// panic on a failed setup too, which is what a test helper should do.
#![allow(clippy::unwrap_used)]

// The shared test server; this binary does not use every one of its faults.
#[allow(dead_code)]
mod loopback_http;
mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use download::{
    CancellationToken, Downloader, Error, Expected, Progress, Refreshed, RetryPolicy, USER_AGENT,
};
use loopback_http::{Fault, LoopbackServer, Route};
use support::{
    cancel_after, downloader, file_bytes, file_names, file_sha256, ignore_progress, part_of,
    sha256_hex,
};

const FILE_PATH: &str = "/files/model%20v1.bin";
/// 3 MB: dozens of network reads, so cuts and cancels land mid-file.
const FILE_LEN: usize = 3 * 1024 * 1024;

fn any_file() -> Expected {
    Expected::default()
}

#[tokio::test]
async fn full_download_is_byte_identical_to_the_source() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(FILE_LEN, 1);
    server.serve(
        FILE_PATH,
        Route::file(body.clone(), "\"v1\"", "application/octet-stream"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("nested/model.bin");
    let last = AtomicU64::new(0);
    let totals = std::sync::Mutex::new(Vec::new());

    let fetched = downloader()
        .fetch_to_file(
            &server.url(FILE_PATH),
            &dest,
            &any_file(),
            &|p: Progress| {
                last.store(p.downloaded, Ordering::SeqCst);
                totals.lock().unwrap().push(p.total);
            },
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), sha256_hex(&body));
    assert_eq!(fetched.sha256, sha256_hex(&body));
    assert_eq!(fetched.size, body.len() as u64);
    assert_eq!(fetched.resumed_from, 0);
    assert_eq!(fetched.etag.as_deref(), Some("\"v1\""));
    assert_eq!(last.load(Ordering::SeqCst), body.len() as u64);
    assert!(
        totals
            .lock()
            .unwrap()
            .iter()
            .all(|t| *t == Some(body.len() as u64))
    );
    assert_eq!(
        file_names(&dir.path().join("nested")),
        ["model.bin"],
        "the part, its state and its lock are gone"
    );
    let requests = server.requests_for(FILE_PATH);
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].header("user-agent"), Some(USER_AGENT));
    assert_eq!(requests[0].header("range"), None);
}

#[tokio::test]
async fn a_connection_dropped_mid_transfer_resumes_with_range() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(FILE_LEN, 2);
    let cut = 1_000_000;
    let mut route = Route::file(body.clone(), "\"v2\"", "application/octet-stream");
    route.faults.push_back(Fault::CutAfter(cut));
    server.serve(FILE_PATH, route);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.bin");

    let fetched = downloader()
        .fetch_to_file(
            &server.url(FILE_PATH),
            &dest,
            &any_file(),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), sha256_hex(&body));
    assert_eq!(
        fetched.sha256,
        sha256_hex(&body),
        "hashed across the resume"
    );
    assert_eq!(fetched.size, body.len() as u64);
    let requests = server.requests_for(FILE_PATH);
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(requests[0].status, 200);
    assert_eq!(
        requests[1].header("range"),
        Some(format!("bytes={cut}-").as_str())
    );
    assert_eq!(requests[1].header("if-range"), Some("\"v2\""));
    assert_eq!(requests[1].status, 206);
}

#[tokio::test]
async fn a_link_that_keeps_dropping_finishes_while_each_attempt_brings_bytes() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(FILE_LEN, 3);
    let mut route = Route::file(body.clone(), "\"v3\"", "application/octet-stream");
    // More drops than the 3 retries allowed in a row; each one after 100 kB of new bytes.
    route.faults.extend([Fault::CutAfter(100_000); 6]);
    server.serve(FILE_PATH, route);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.bin");

    downloader()
        .fetch_to_file(
            &server.url(FILE_PATH),
            &dest,
            &any_file(),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), sha256_hex(&body));
    let ranges: Vec<Option<String>> = server
        .requests_for(FILE_PATH)
        .iter()
        .map(|r| r.header("range").map(str::to_owned))
        .collect();
    let expected: Vec<Option<String>> = (0..7)
        .map(|i| (i > 0).then(|| format!("bytes={}-", i * 100_000)))
        .collect();
    assert_eq!(ranges, expected);
}

#[tokio::test]
async fn a_server_that_ignores_range_still_yields_the_right_file() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(FILE_LEN, 4);
    let mut route = Route::file(body.clone(), "\"v4\"", "application/octet-stream");
    route.honours_range = false;
    route.faults.push_back(Fault::CutAfter(300_000));
    server.serve(FILE_PATH, route);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.bin");

    let fetched = downloader()
        .fetch_to_file(
            &server.url(FILE_PATH),
            &dest,
            &any_file(),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), sha256_hex(&body));
    assert_eq!(
        fetched.sha256,
        sha256_hex(&body),
        "the hash started over too"
    );
    let requests = server.requests_for(FILE_PATH);
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].header("range"), Some("bytes=300000-"));
    assert_eq!(
        requests[1].status, 200,
        "the whole file came again and replaced the part"
    );
}

#[tokio::test]
async fn a_busy_server_is_retried() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(FILE_LEN, 5);
    let mut route = Route::file(body.clone(), "\"v5\"", "application/octet-stream");
    route.faults.push_back(Fault::Status(503));
    server.serve(FILE_PATH, route);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.bin");

    downloader()
        .fetch_to_file(
            &server.url(FILE_PATH),
            &dest,
            &any_file(),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), sha256_hex(&body));
    let statuses: Vec<u16> = server
        .requests_for(FILE_PATH)
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [503, 200]);
}

#[tokio::test]
async fn cancelling_keeps_the_part_file_and_a_later_call_completes_it() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(FILE_LEN, 6);
    server.serve(
        FILE_PATH,
        Route::file(body.clone(), "\"v6\"", "application/octet-stream"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.bin");
    let downloader = downloader();
    // Spelt with a literal space: it is the same URL as %20 and resumes.
    let url = server.url("/files/model v1.bin");
    let expected = Expected {
        size: Some(body.len() as u64),
        sha256: Some(sha256_hex(&body)),
    };

    let kept = cancel_after(&downloader, &url, &dest, &expected, 200_000).await;
    assert!(
        kept >= 200_000 && kept < body.len() as u64,
        "kept {kept} bytes"
    );
    assert!(
        !dest.exists(),
        "an incomplete download never appears under its final name"
    );
    assert_eq!(
        &std::fs::read(part_of(&dest)).unwrap()[..],
        &body[..kept as usize]
    );

    let fetched = downloader
        .fetch_to_file(
            &url,
            &dest,
            &expected,
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(fetched.resumed_from, kept);
    assert_eq!(
        fetched.sha256,
        sha256_hex(&body),
        "the kept bytes were hashed before the new ones"
    );
    assert_eq!(file_sha256(&dest), sha256_hex(&body));
    let requests = server.requests_for(FILE_PATH);
    assert_eq!(
        requests.last().unwrap().header("range"),
        Some(format!("bytes={kept}-").as_str())
    );
    assert_eq!(requests.last().unwrap().status, 206);
}

#[tokio::test]
async fn an_already_cancelled_token_stops_before_any_request() {
    let server = LoopbackServer::start().await;
    server.serve(
        FILE_PATH,
        Route::file(file_bytes(1000, 7), "\"v7\"", "application/octet-stream"),
    );
    let dir = tempfile::tempdir().unwrap();
    let cancel = CancellationToken::new();
    cancel.cancel();

    let err = downloader()
        .fetch_to_file(
            &server.url(FILE_PATH),
            &dir.path().join("model.bin"),
            &any_file(),
            &ignore_progress,
            &cancel,
        )
        .await
        .unwrap_err();

    assert!(matches!(err, Error::Cancelled { .. }), "{err}");
    assert!(err.to_string().contains("kept"), "{err}");
    assert!(server.requests_for(FILE_PATH).is_empty());
}

/// The file republished: same length, other bytes. Splicing its tail onto a kept head of the
/// original would pass any size check, so only If-Range (or the hash) can catch it.
fn republished(original: &[u8]) -> Vec<u8> {
    let republished: Vec<u8> = original.iter().map(|b| b ^ 0x5A).collect();
    assert_eq!(republished.len(), original.len());
    republished
}

#[tokio::test]
async fn a_file_changed_on_the_server_restarts_instead_of_splicing() {
    let server = LoopbackServer::start().await;
    let original = file_bytes(FILE_LEN, 8);
    server.serve(
        FILE_PATH,
        Route::file(original.clone(), "\"v1\"", "application/octet-stream"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.bin");
    let downloader = downloader();
    let url = server.url(FILE_PATH);
    let kept = cancel_after(&downloader, &url, &dest, &any_file(), 300_000).await;

    let republished = republished(&original);
    let republished_sha = sha256_hex(&republished);
    server.update(FILE_PATH, |route| {
        route.body = Arc::new(republished);
        route.etag = Some("\"v2\"".to_owned());
    });

    let fetched = downloader
        .fetch_to_file(
            &url,
            &dest,
            &any_file(),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), republished_sha);
    assert_eq!(fetched.sha256, republished_sha);
    assert_eq!(fetched.etag.as_deref(), Some("\"v2\""));
    let last = server.requests_for(FILE_PATH).pop().unwrap();
    assert_eq!(
        last.header("range"),
        Some(format!("bytes={kept}-").as_str())
    );
    assert_eq!(last.header("if-range"), Some("\"v1\""));
    assert_eq!(last.status, 200);
}

#[tokio::test]
async fn a_response_shorter_than_announced_is_an_error_and_keeps_the_part() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(FILE_LEN, 9);
    server.serve(
        FILE_PATH,
        Route::file(body.clone(), "\"v9\"", "application/octet-stream"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.bin");
    let downloader = downloader();
    let url = server.url(FILE_PATH);
    let kept = cancel_after(&downloader, &url, &dest, &any_file(), 100_000).await;
    server.update(FILE_PATH, |route| {
        route.faults.push_back(Fault::ShortChunked(1000))
    });

    let err = downloader
        .fetch_to_file(
            &url,
            &dest,
            &any_file(),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();

    let Error::SizeMismatch {
        expected,
        actual,
        part,
        ..
    } = &err
    else {
        panic!("expected a size mismatch, got {err}");
    };
    assert_eq!(*expected, body.len() as u64 - kept);
    assert_eq!(*actual, 1000);
    assert_eq!(part, &part_of(&dest));
    assert!(err.to_string().contains("run the command again"), "{err}");
    assert_eq!(
        std::fs::metadata(part_of(&dest)).unwrap().len(),
        kept + 1000
    );
    assert!(!dest.exists());

    // The kept bytes are good ones: the next call resumes from them and completes the file.
    let fetched = downloader
        .fetch_to_file(
            &url,
            &dest,
            &any_file(),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(fetched.resumed_from, kept + 1000);
    assert_eq!(file_sha256(&dest), sha256_hex(&body));
}

#[tokio::test]
async fn a_part_that_was_already_complete_is_finished_through_416() {
    let server = LoopbackServer::start().await;
    let body = file_bytes(FILE_LEN, 10);
    server.serve(
        FILE_PATH,
        Route::file(body.clone(), "\"v10\"", "application/octet-stream"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.bin");
    let downloader = downloader();
    let url = server.url(FILE_PATH);
    // Cancelled right after the last byte: the part is whole but was never renamed.
    let kept = cancel_after(&downloader, &url, &dest, &any_file(), body.len() as u64).await;
    assert_eq!(kept, body.len() as u64);

    let fetched = downloader
        .fetch_to_file(
            &url,
            &dest,
            &Expected {
                size: Some(body.len() as u64),
                sha256: Some(sha256_hex(&body)),
            },
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), sha256_hex(&body));
    assert_eq!(fetched.sha256, sha256_hex(&body));
    let last = server.requests_for(FILE_PATH).pop().unwrap();
    assert_eq!(
        last.header("range"),
        Some(format!("bytes={kept}-").as_str())
    );
    assert_eq!(last.status, 416);
}

#[tokio::test]
async fn not_found_is_a_clear_error_naming_the_url() {
    let server = LoopbackServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.bin");
    let url = server.url("/files/missing.bin");

    let err = downloader()
        .fetch_to_file(
            &url,
            &dest,
            &any_file(),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();

    assert!(matches!(err, Error::NotFound { status: 404, .. }), "{err}");
    assert!(
        err.to_string().contains(&format!("not found at {url}")),
        "{err}"
    );
    assert_eq!(
        server.requests_for("/files/missing.bin").len(),
        1,
        "404 is not retried"
    );
    assert!(file_names(dir.path()).is_empty(), "nothing is left behind");
}

#[tokio::test]
async fn an_unreachable_server_is_a_network_error_after_the_retries() {
    // A port that was just free: nothing listens there any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{port}/variants.json.gz");

    let err = downloader()
        .fetch_to_file(
            &url,
            &dir.path().join("variants.json.gz"),
            &any_file(),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();

    assert!(matches!(err, Error::Network { attempts: 4, .. }), "{err}");
    assert!(
        err.to_string().contains("check the network connection"),
        "{err}"
    );
}

#[tokio::test]
async fn a_part_without_validators_is_downloaded_again_instead_of_spliced() {
    let server = LoopbackServer::start().await;
    let original = file_bytes(FILE_LEN, 11);
    let mut route = Route::file(original.clone(), "\"unused\"", "application/octet-stream");
    // No ETag and no Last-Modified: nothing to send as If-Range.
    route.etag = None;
    server.serve(FILE_PATH, route);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("model.bin");
    let downloader = downloader();
    let url = server.url(FILE_PATH);
    let kept = cancel_after(&downloader, &url, &dest, &any_file(), 300_000).await;
    assert!(kept > 0);
    let republished = republished(&original);
    let republished_sha = sha256_hex(&republished);
    server.update(FILE_PATH, |route| route.body = Arc::new(republished));

    let fetched = downloader
        .fetch_to_file(
            &url,
            &dest,
            &any_file(),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), republished_sha, "not spliced");
    assert_eq!(fetched.resumed_from, 0);
    let last = server.requests_for(FILE_PATH).pop().unwrap();
    assert_eq!(last.header("range"), None);
    assert_eq!(last.status, 200);
}

#[tokio::test]
async fn refresh_asks_with_the_validators_and_keeps_a_current_file() {
    let server = LoopbackServer::start().await;
    let original = file_bytes(100_000, 12);
    server.serve(
        FILE_PATH,
        Route::file(original.clone(), "\"r1\"", "text/plain"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("rules.txt");
    let downloader = downloader();
    let url = server.url(FILE_PATH);
    let refresh = || async {
        downloader
            .refresh_file(&url, &dest, &ignore_progress, &CancellationToken::new())
            .await
            .unwrap()
    };

    assert!(matches!(refresh().await, Refreshed::Downloaded(_)));
    assert_eq!(refresh().await, Refreshed::Unchanged);
    let last = server.requests_for(FILE_PATH).pop().unwrap();
    assert_eq!(last.header("if-none-match"), Some("\"r1\""));
    assert_eq!(last.status, 304);
    assert_eq!(file_sha256(&dest), sha256_hex(&original));

    let republished = republished(&original);
    let republished_sha = sha256_hex(&republished);
    server.update(FILE_PATH, |route| {
        route.body = Arc::new(republished);
        route.etag = Some("\"r2\"".to_owned());
    });
    let Refreshed::Downloaded(fetched) = refresh().await else {
        panic!("the changed file was not downloaded");
    };
    assert_eq!(fetched.sha256, republished_sha);
    assert_eq!(file_sha256(&dest), republished_sha);
    assert_eq!(
        file_names(dir.path()),
        ["rules.txt", "rules.txt.source.json"]
    );
}

/// Cancels `cancel` once the server has seen a request for `path`.
async fn cancel_once_requested(server: &LoopbackServer, path: &str, cancel: &CancellationToken) {
    while server.requests_for(path).is_empty() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    cancel.cancel();
}

/// Bounds a call that must end by cancellation, so a regression fails instead of hanging the
/// suite. Generous: it is a guard, not a timing assertion.
async fn within_guard<T>(call: impl std::future::Future<Output = T>) -> T {
    match tokio::time::timeout(Duration::from_secs(120), call).await {
        Ok(result) => result,
        Err(_) => panic!("the call ignored its cancellation token"),
    }
}

#[tokio::test]
async fn fetch_small_stops_when_cancelled_while_the_server_stalls() {
    let server = LoopbackServer::start().await;
    let mut route = Route::file(file_bytes(1000, 13), "\"s\"", "text/plain");
    route.faults.push_back(Fault::Hang);
    server.serve(FILE_PATH, route);
    let cancel = CancellationToken::new();
    let downloader = downloader();
    let url = server.url(FILE_PATH);

    let (result, ()) = tokio::join!(
        within_guard(downloader.fetch_small(&url, "text/plain", &cancel)),
        cancel_once_requested(&server, FILE_PATH, &cancel),
    );

    let err = result.unwrap_err();
    assert!(matches!(err, Error::RequestCancelled { .. }), "{err}");
    assert_eq!(server.requests_for(FILE_PATH).len(), 1);
}

#[tokio::test]
async fn fetch_small_stops_when_cancelled_between_retries() {
    let server = LoopbackServer::start().await;
    let mut route = Route::file(file_bytes(1000, 14), "\"s\"", "text/plain");
    route.faults.push_back(Fault::Status(503));
    server.serve(FILE_PATH, route);
    let cancel = CancellationToken::new();
    // A wait far longer than the test: only cancellation can end it.
    let downloader = Downloader::new().unwrap().with_retry_policy(RetryPolicy {
        max_retries: 3,
        first_backoff: Duration::from_secs(3600),
        max_backoff: Duration::from_secs(3600),
    });
    let url = server.url(FILE_PATH);

    let (result, ()) = tokio::join!(
        within_guard(downloader.fetch_small(&url, "text/plain", &cancel)),
        cancel_once_requested(&server, FILE_PATH, &cancel),
    );

    let err = result.unwrap_err();
    assert!(matches!(err, Error::RequestCancelled { .. }), "{err}");
    assert_eq!(server.requests_for(FILE_PATH).len(), 1, "not retried");
}

#[tokio::test]
async fn fetch_small_with_a_cancelled_token_makes_no_request() {
    let server = LoopbackServer::start().await;
    server.serve(
        FILE_PATH,
        Route::file(file_bytes(1000, 15), "\"s\"", "application/json"),
    );
    let cancel = CancellationToken::new();
    cancel.cancel();

    let err = downloader()
        .fetch_small(&server.url(FILE_PATH), "application/json", &cancel)
        .await
        .unwrap_err();

    assert!(matches!(err, Error::RequestCancelled { .. }), "{err}");
    assert!(server.requests_for(FILE_PATH).is_empty());
}
