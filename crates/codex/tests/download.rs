//! The downloader against a real HTTP server on 127.0.0.1, serving the project's real reference
//! files (shared/data): resuming, restarting, failing clearly, cancelling, and resolving
//! Scryfall's bulk-data index. Nothing here reaches the internet.

// clippy allows unwrap in #[test] functions only; here the helpers and the server module
// panic on a failed setup too, which is what a test helper should do.
#![allow(clippy::unwrap_used)]

mod loopback_http;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use codex::Error;
use codex::download::{
    BulkFormat, CancellationToken, Downloader, Progress, RetryPolicy, Sources, USER_AGENT,
};
use loopback_http::{Fault, LoopbackServer, Route};
use sha2::{Digest, Sha256};

/// sha256 of rules/MagicCompRules-20260116.txt, from shared/data/PROVENANCE.md.
const RULES_SHA256: &str = "abe9528405163b2a296b2b75b713814907e2bb51bbe3ffbbafabe7da01b7f7b5";
/// sha256 of cards/AtomicCards-merged-mtgjson-5.2.0+20220425.json.gz, from PROVENANCE.md.
const CARDS_GZ_SHA256: &str = "b0ec56add7d413d309e531e9d71a9b57b94232e115c62e40c9fd826b3087e1b8";

const RULES_PATH: &str = "/2026/downloads/MagicCompRules%2020260116.txt";
const CARDS_PATH: &str = "/api/v5/AtomicCards.json.gz";

fn shared_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

fn rules_bytes() -> Arc<Vec<u8>> {
    Arc::new(std::fs::read(shared_data().join("rules/MagicCompRules-20260116.txt")).unwrap())
}

fn cards_gz_bytes() -> Arc<Vec<u8>> {
    Arc::new(
        std::fs::read(
            shared_data().join("cards/AtomicCards-merged-mtgjson-5.2.0+20220425.json.gz"),
        )
        .unwrap(),
    )
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn file_sha256(path: &Path) -> String {
    sha256_hex(&std::fs::read(path).unwrap())
}

/// Retries without real waiting: the tests check what is retried, not how long it waits.
fn downloader(sources: Sources) -> Downloader {
    Downloader::new(sources)
        .unwrap()
        .with_retry_policy(RetryPolicy {
            max_retries: 3,
            first_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(5),
        })
}

fn ignore_progress(_: Progress) {}

fn part_of(dest: &Path) -> PathBuf {
    PathBuf::from(format!("{}.part", dest.display()))
}

#[tokio::test]
async fn full_download_is_byte_identical_to_the_source() {
    let server = LoopbackServer::start().await;
    let body = rules_bytes();
    server.serve(
        RULES_PATH,
        Route::file(body.clone(), "\"cr-20260116\"", "text/plain"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("rules/MagicCompRules.txt");
    let last = AtomicU64::new(0);
    let totals = std::sync::Mutex::new(Vec::new());

    let fetched = downloader(Sources::default())
        .fetch_to_file(
            &server.url(RULES_PATH),
            &dest,
            &|p: Progress| {
                last.store(p.downloaded, Ordering::SeqCst);
                totals.lock().unwrap().push(p.total);
            },
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), RULES_SHA256);
    assert_eq!(fetched.size, body.len() as u64);
    assert_eq!(fetched.resumed_from, 0);
    assert_eq!(fetched.etag.as_deref(), Some("\"cr-20260116\""));
    assert_eq!(last.load(Ordering::SeqCst), body.len() as u64);
    assert!(
        totals
            .lock()
            .unwrap()
            .iter()
            .all(|t| *t == Some(body.len() as u64))
    );
    assert!(
        !part_of(&dest).exists(),
        "the part file is renamed, not left behind"
    );
    let requests = server.requests_for(RULES_PATH);
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].header("user-agent"), Some(USER_AGENT));
    assert_eq!(requests[0].header("range"), None);
}

#[tokio::test]
async fn a_connection_dropped_mid_transfer_resumes_with_range() {
    let server = LoopbackServer::start().await;
    let body = cards_gz_bytes();
    let cut = 10 * 1024 * 1024;
    let mut route = Route::file(body.clone(), "\"atomic-5.2.0\"", "application/gzip");
    route.faults.push_back(Fault::CutAfter(cut));
    server.serve(CARDS_PATH, route);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("AtomicCards.json.gz");

    let fetched = downloader(Sources::default())
        .fetch_to_file(
            &server.url(CARDS_PATH),
            &dest,
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), CARDS_GZ_SHA256);
    assert_eq!(fetched.size, body.len() as u64);
    let requests = server.requests_for(CARDS_PATH);
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(requests[0].status, 200);
    assert_eq!(
        requests[1].header("range"),
        Some(format!("bytes={cut}-").as_str())
    );
    assert_eq!(requests[1].header("if-range"), Some("\"atomic-5.2.0\""));
    assert_eq!(requests[1].status, 206);
}

#[tokio::test]
async fn a_link_that_keeps_dropping_finishes_while_each_attempt_brings_bytes() {
    let server = LoopbackServer::start().await;
    let mut route = Route::file(rules_bytes(), "\"cr-20260116\"", "text/plain");
    // More drops than the 3 retries allowed in a row; each one after 100 kB of new bytes.
    route.faults.extend([Fault::CutAfter(100_000); 6]);
    server.serve(RULES_PATH, route);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("rules.txt");

    downloader(Sources::default())
        .fetch_to_file(
            &server.url(RULES_PATH),
            &dest,
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), RULES_SHA256);
    let ranges: Vec<Option<String>> = server
        .requests_for(RULES_PATH)
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
    let body = rules_bytes();
    let mut route = Route::file(body, "\"cr-20260116\"", "text/plain");
    route.honours_range = false;
    route.faults.push_back(Fault::CutAfter(300_000));
    server.serve(RULES_PATH, route);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("rules.txt");

    downloader(Sources::default())
        .fetch_to_file(
            &server.url(RULES_PATH),
            &dest,
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), RULES_SHA256);
    let requests = server.requests_for(RULES_PATH);
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
    let mut route = Route::file(rules_bytes(), "\"cr-20260116\"", "text/plain");
    route.faults.push_back(Fault::Status(503));
    server.serve(RULES_PATH, route);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("rules.txt");

    downloader(Sources::default())
        .fetch_to_file(
            &server.url(RULES_PATH),
            &dest,
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), RULES_SHA256);
    let statuses: Vec<u16> = server
        .requests_for(RULES_PATH)
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [503, 200]);
}

/// Downloads until at least `stop_at` bytes are on disk, then cancels; returns the part size.
async fn cancel_after(downloader: &Downloader, url: &str, dest: &Path, stop_at: u64) -> u64 {
    let cancel = CancellationToken::new();
    let err = downloader
        .fetch_to_file(
            url,
            dest,
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

#[tokio::test]
async fn cancelling_keeps_the_part_file_and_a_later_call_completes_it() {
    let server = LoopbackServer::start().await;
    let body = rules_bytes();
    server.serve(
        RULES_PATH,
        Route::file(body.clone(), "\"cr-20260116\"", "text/plain"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("rules.txt");
    let downloader = downloader(Sources::default());
    // Spelt with the literal space Wizards' page uses: it is the same URL as %20 and resumes.
    let url = server.url("/2026/downloads/MagicCompRules 20260116.txt");

    let kept = cancel_after(&downloader, &url, &dest, 200_000).await;
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
        .fetch_to_file(&url, &dest, &ignore_progress, &CancellationToken::new())
        .await
        .unwrap();

    assert_eq!(fetched.resumed_from, kept);
    assert_eq!(file_sha256(&dest), RULES_SHA256);
    let requests = server.requests_for(RULES_PATH);
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
        RULES_PATH,
        Route::file(rules_bytes(), "\"cr-20260116\"", "text/plain"),
    );
    let dir = tempfile::tempdir().unwrap();
    let cancel = CancellationToken::new();
    cancel.cancel();

    let err = downloader(Sources::default())
        .fetch_to_file(
            &server.url(RULES_PATH),
            &dir.path().join("r.txt"),
            &ignore_progress,
            &cancel,
        )
        .await
        .unwrap_err();

    assert!(matches!(err, Error::Cancelled { .. }), "{err}");
    assert!(err.to_string().contains("kept"), "{err}");
    assert!(server.requests_for(RULES_PATH).is_empty());
}

#[tokio::test]
async fn a_file_changed_on_the_server_restarts_instead_of_splicing() {
    let server = LoopbackServer::start().await;
    let original = rules_bytes();
    server.serve(
        RULES_PATH,
        Route::file(original.clone(), "\"cr-v1\"", "text/plain"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("rules.txt");
    let downloader = downloader(Sources::default());
    let url = server.url(RULES_PATH);
    let kept = cancel_after(&downloader, &url, &dest, 300_000).await;

    // Republished with Unix line ends: same length, other bytes, new ETag. Splicing its tail
    // onto the kept head would pass any size check, so only If-Range can catch it.
    let republished: Vec<u8> = original
        .iter()
        .map(|&b| if b == b'\r' { b'\n' } else { b })
        .collect();
    assert_eq!(republished.len(), original.len());
    assert_ne!(republished, *original);
    let republished_sha = sha256_hex(&republished);
    server.update(RULES_PATH, |route| {
        route.body = Arc::new(republished);
        route.etag = Some("\"cr-v2\"".to_owned());
    });

    let fetched = downloader
        .fetch_to_file(&url, &dest, &ignore_progress, &CancellationToken::new())
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), republished_sha);
    assert_eq!(fetched.etag.as_deref(), Some("\"cr-v2\""));
    let last = server.requests_for(RULES_PATH).pop().unwrap();
    assert_eq!(
        last.header("range"),
        Some(format!("bytes={kept}-").as_str())
    );
    assert_eq!(last.header("if-range"), Some("\"cr-v1\""));
    assert_eq!(last.status, 200);
}

#[tokio::test]
async fn a_response_shorter_than_announced_is_an_error_and_keeps_the_part() {
    let server = LoopbackServer::start().await;
    let body = rules_bytes();
    server.serve(
        RULES_PATH,
        Route::file(body.clone(), "\"cr-20260116\"", "text/plain"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("rules.txt");
    let downloader = downloader(Sources::default());
    let url = server.url(RULES_PATH);
    let kept = cancel_after(&downloader, &url, &dest, 100_000).await;
    server.update(RULES_PATH, |route| {
        route.faults.push_back(Fault::ShortChunked(1000))
    });

    let err = downloader
        .fetch_to_file(&url, &dest, &ignore_progress, &CancellationToken::new())
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
        .fetch_to_file(&url, &dest, &ignore_progress, &CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(fetched.resumed_from, kept + 1000);
    assert_eq!(file_sha256(&dest), RULES_SHA256);
}

#[tokio::test]
async fn a_part_that_was_already_complete_is_finished_through_416() {
    let server = LoopbackServer::start().await;
    let body = rules_bytes();
    server.serve(
        RULES_PATH,
        Route::file(body.clone(), "\"cr-20260116\"", "text/plain"),
    );
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("rules.txt");
    let downloader = downloader(Sources::default());
    let url = server.url(RULES_PATH);
    // Cancelled right after the last byte: the part is whole but was never renamed.
    let kept = cancel_after(&downloader, &url, &dest, body.len() as u64).await;
    assert_eq!(kept, body.len() as u64);

    downloader
        .fetch_to_file(&url, &dest, &ignore_progress, &CancellationToken::new())
        .await
        .unwrap();

    assert_eq!(file_sha256(&dest), RULES_SHA256);
    let last = server.requests_for(RULES_PATH).pop().unwrap();
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
    let dest = dir.path().join("AllPrintings.json.gz");
    let url = server.url("/api/v5/AllPrintings.json.gz");

    let err = downloader(Sources::default())
        .fetch_to_file(&url, &dest, &ignore_progress, &CancellationToken::new())
        .await
        .unwrap_err();

    assert!(matches!(err, Error::NotFound { status: 404, .. }), "{err}");
    assert!(
        err.to_string().contains(&format!("not found at {url}")),
        "{err}"
    );
    assert_eq!(
        server.requests_for("/api/v5/AllPrintings.json.gz").len(),
        1,
        "404 is not retried"
    );
    assert!(!dest.exists() && !part_of(&dest).exists());
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

    let err = downloader(Sources::default())
        .fetch_to_file(
            &url,
            &dir.path().join("variants.json.gz"),
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

/// The recorded 2025-11-19 bulk-data index, its file URLs pointed at the loopback server.
fn bulk_index_on(server: &LoopbackServer) -> Vec<u8> {
    include_str!("fixtures/scryfall/bulk-data-2025-11-19.json")
        .replace("https://data.scryfall.io", &server.base())
        .into_bytes()
}

#[tokio::test]
async fn scryfall_bulk_index_resolves_a_file_that_downloads_as_sent() {
    let server = LoopbackServer::start().await;
    server.serve(
        "/bulk-data",
        Route::file(
            Arc::new(bulk_index_on(&server)),
            "\"index\"",
            "application/json; charset=utf-8",
        ),
    );
    // Scryfall serves its bulk JSON with Content-Encoding: gzip; the stored file must stay gzip.
    let oracle_path = "/oracle-cards/oracle-cards-20251119220515.json";
    let mut oracle = Route::file(cards_gz_bytes(), "\"oracle-20251119\"", "application/json");
    oracle.content_encoding = Some("gzip");
    server.serve(oracle_path, oracle);
    let sources = Sources {
        scryfall_api_base: server.base(),
        ..Sources::default()
    };
    let downloader = downloader(sources);

    let item = downloader.scryfall_bulk_item("oracle_cards").await.unwrap();

    assert_eq!(item.download_uri, server.url(oracle_path));
    assert_eq!(item.format, BulkFormat::JsonArray);
    assert_eq!(item.size, Some(166_326_785));
    assert_eq!(item.updated_at, "2025-11-19T22:05:15.945+00:00");
    assert_eq!(item.content_encoding.as_deref(), Some("gzip"));
    let index_request = &server.requests_for("/bulk-data")[0];
    assert_eq!(index_request.header("accept"), Some("application/json"));
    assert_eq!(index_request.header("user-agent"), Some(USER_AGENT));

    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("oracle-cards.json.gz");
    downloader
        .fetch_to_file(
            &item.download_uri,
            &dest,
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(
        file_sha256(&dest),
        CARDS_GZ_SHA256,
        "stored as sent, not decompressed"
    );

    let err = downloader
        .scryfall_bulk_item("oracle-cards")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::BulkKindNotFound { .. }), "{err}");
}

#[tokio::test]
async fn rules_txt_is_found_on_the_rules_page_or_falls_back_to_the_configured_one() {
    let server = LoopbackServer::start().await;
    server.serve(
        RULES_PATH,
        Route::file(rules_bytes(), "\"cr-20260116\"", "text/plain"),
    );
    // Linked the way Wizards links it: a literal space in the file name.
    let page = r#"<a href="/2026/downloads/MagicCompRules 20260116.txt">TXT</a>"#;
    server.serve(
        "/en/rules",
        Route::file(Arc::new(page.as_bytes().to_vec()), "\"p\"", "text/html"),
    );
    let with_page = downloader(Sources {
        rules_page: server.url("/en/rules"),
        ..Sources::default()
    });

    let url = with_page.rules_txt_url().await.unwrap();
    assert_eq!(url, server.url(RULES_PATH));
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("MagicCompRules.txt");
    with_page
        .fetch_to_file(&url, &dest, &ignore_progress, &CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(file_sha256(&dest), RULES_SHA256);

    let fallback = server.url("/fallback.txt");
    let without_page = downloader(Sources {
        rules_page: server.url("/en/no-such-page"),
        rules_txt: fallback.clone(),
        ..Sources::default()
    });
    assert_eq!(without_page.rules_txt_url().await.unwrap(), fallback);
}
