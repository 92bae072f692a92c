//! The public sources against a real HTTP server on 127.0.0.1, serving the project's real
//! reference files (shared/data): Scryfall's bulk-data index, the rules page, MTGJSON's
//! checksums, and skipping what has not changed. Nothing here reaches the internet. How a single
//! file is transferred (resume, retries, cancel, checks) is tested in the `download` crate.

// clippy allows unwrap in #[test] functions only; here the helpers and the server module
// panic on a failed setup too, which is what a test helper should do.
#![allow(clippy::unwrap_used)]

// The download crate's test server; this binary does not use every one of its faults.
#[path = "../../download/tests/file_checks/mod.rs"]
mod file_checks;
#[allow(dead_code)]
#[path = "../../download/tests/loopback_http/mod.rs"]
mod loopback_http;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use codex::Error;
use codex::download::latest::{CardProvider, FetchProgress, fetch_latest};
use codex::download::{BulkFormat, CancellationToken, Downloader, Progress, RetryPolicy, Sources};
use codex::import::{Part, SourceKind};
use download::{Expected, USER_AGENT};
use file_checks::{file_sha256, sha256_hex};
use loopback_http::{LoopbackServer, Route};

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

    let item = downloader
        .scryfall_bulk_item("oracle_cards", &CancellationToken::new())
        .await
        .unwrap();

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
        .http()
        .fetch_to_file(
            &item.download_uri,
            &dest,
            &Expected::default(),
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
        .scryfall_bulk_item("oracle-cards", &CancellationToken::new())
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

    let url = with_page
        .rules_txt_url(&CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(url, server.url(RULES_PATH));
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("MagicCompRules.txt");
    with_page
        .http()
        .fetch_to_file(
            &url,
            &dest,
            &Expected::default(),
            &ignore_progress,
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(file_sha256(&dest), RULES_SHA256);

    let fallback = server.url("/fallback.txt");
    let without_page = downloader(Sources {
        rules_page: server.url("/en/no-such-page"),
        rules_txt: fallback.clone(),
        ..Sources::default()
    });
    assert_eq!(
        without_page
            .rules_txt_url(&CancellationToken::new())
            .await
            .unwrap(),
        fallback
    );
}

/// Republished with Unix line ends: same length as the original, other bytes. Splicing its tail
/// onto a kept head of the original would pass any size check.
fn republished_rules(original: &[u8]) -> Vec<u8> {
    let republished: Vec<u8> = original
        .iter()
        .map(|&b| if b == b'\r' { b'\n' } else { b })
        .collect();
    assert_eq!(republished.len(), original.len());
    assert_ne!(republished, original);
    republished
}

#[tokio::test]
async fn fetch_small_with_a_cancelled_token_makes_no_request() {
    let server = LoopbackServer::start().await;
    server.serve(
        "/bulk-data",
        Route::file(
            Arc::new(bulk_index_on(&server)),
            "\"index\"",
            "application/json",
        ),
    );
    let cancel = CancellationToken::new();
    cancel.cancel();
    let downloader = downloader(Sources {
        scryfall_api_base: server.base(),
        ..Sources::default()
    });

    let err = downloader
        .scryfall_bulk_item("oracle_cards", &cancel)
        .await
        .unwrap_err();

    assert!(
        matches!(
            err,
            Error::Download(download::Error::RequestCancelled { .. })
        ),
        "{err}"
    );
    assert!(server.requests_for("/bulk-data").is_empty());
}

const SPELLBOOK_PATH: &str = "/variants.json.gz";

fn spellbook_bytes() -> Arc<Vec<u8>> {
    Arc::new(
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/commander-spellbook/variants.json"),
        )
        .unwrap(),
    )
}

/// Runs `fetch_latest` for `parts` and returns what it reported.
async fn fetch_latest_events(
    downloader: &Downloader,
    parts: &[Part],
    cards: CardProvider,
    dir: &Path,
) -> codex::Result<Vec<FetchProgress>> {
    let events = std::sync::Mutex::new(Vec::new());
    fetch_latest(
        downloader,
        parts,
        cards,
        dir,
        &|event| {
            if !matches!(event, FetchProgress::Bytes(_)) {
                events.lock().unwrap().push(event);
            }
        },
        &CancellationToken::new(),
    )
    .await?;
    Ok(events.into_inner().unwrap())
}

fn unchanged(events: &[FetchProgress]) -> Vec<SourceKind> {
    events
        .iter()
        .filter_map(|e| match e {
            FetchProgress::Unchanged { kind } => Some(*kind),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn rules_and_combos_are_not_downloaded_again_while_the_server_says_unchanged() {
    let server = LoopbackServer::start().await;
    let original = rules_bytes();
    server.serve(
        RULES_PATH,
        Route::file(original.clone(), "\"cr-v1\"", "text/plain"),
    );
    server.serve(
        SPELLBOOK_PATH,
        Route::file(spellbook_bytes(), "\"variants-1\"", "application/json"),
    );
    let downloader = downloader(Sources {
        rules_txt: server.url(RULES_PATH),
        discover_rules_txt: false,
        spellbook_variants: server.url(SPELLBOOK_PATH),
        ..Sources::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let parts = [Part::Rules, Part::Combos];
    let rules = dir.path().join("MagicCompRules.txt");

    let first = fetch_latest_events(&downloader, &parts, CardProvider::Mtgjson, dir.path())
        .await
        .unwrap();
    assert!(unchanged(&first).is_empty(), "{first:?}");
    let second = fetch_latest_events(&downloader, &parts, CardProvider::Mtgjson, dir.path())
        .await
        .unwrap();

    assert_eq!(
        unchanged(&second),
        [
            SourceKind::ComprehensiveRules,
            SourceKind::CommanderSpellbook
        ]
    );
    assert_eq!(file_sha256(&rules), RULES_SHA256);
    let last_rules = server.requests_for(RULES_PATH).pop().unwrap();
    assert_eq!(last_rules.header("if-none-match"), Some("\"cr-v1\""));
    assert_eq!(last_rules.status, 304);
    let last_combos = server.requests_for(SPELLBOOK_PATH).pop().unwrap();
    assert_eq!(last_combos.header("if-none-match"), Some("\"variants-1\""));
    assert_eq!(last_combos.status, 304);

    // Republished: the same request now brings the new file.
    let republished = republished_rules(&original);
    let republished_sha = sha256_hex(&republished);
    server.update(RULES_PATH, |route| {
        route.body = Arc::new(republished);
        route.etag = Some("\"cr-v2\"".to_owned());
    });
    let third = fetch_latest_events(
        &downloader,
        &[Part::Rules],
        CardProvider::Mtgjson,
        dir.path(),
    )
    .await
    .unwrap();
    assert!(unchanged(&third).is_empty(), "{third:?}");
    assert_eq!(file_sha256(&rules), republished_sha);
    assert_eq!(server.requests_for(RULES_PATH).pop().unwrap().status, 200);
}

#[tokio::test]
async fn a_new_scryfall_bulk_file_replaces_the_older_ones_of_its_kind() {
    let server = LoopbackServer::start().await;
    server.serve(
        "/bulk-data",
        Route::file(
            Arc::new(bulk_index_on(&server)),
            "\"index\"",
            "application/json",
        ),
    );
    let scryfall_fixture = |name: &str| {
        Arc::new(
            std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/scryfall")
                    .join(name),
            )
            .unwrap(),
        )
    };
    for (path, body) in [
        (
            "/oracle-cards/oracle-cards-20251119220515.json",
            scryfall_fixture("oracle-cards.json"),
        ),
        (
            "/default-cards/default-cards-20251119222054.json",
            scryfall_fixture("oracle-cards.json"),
        ),
        (
            "/rulings/rulings-20251119220053.json",
            scryfall_fixture("rulings.json"),
        ),
    ] {
        server.serve(path, Route::file(body, "\"bulk\"", "application/json"));
    }
    let dir = tempfile::tempdir().unwrap();
    // Yesterday's oracle file with its stamp, and a file of another part that must stay.
    let older = dir
        .path()
        .join("scryfall-oracle-cards-oracle-cards-20251118220515.json");
    std::fs::write(&older, &*scryfall_fixture("oracle-cards.json")).unwrap();
    std::fs::write(
        format!("{}.updated_at", older.display()),
        "2025-11-18T22:05:15.945+00:00",
    )
    .unwrap();
    let rules = dir.path().join("MagicCompRules.txt");
    std::fs::write(&rules, &*rules_bytes()).unwrap();
    let downloader = downloader(Sources {
        scryfall_api_base: server.base(),
        ..Sources::default()
    });

    fetch_latest_events(
        &downloader,
        &[Part::Cards],
        CardProvider::Scryfall,
        dir.path(),
    )
    .await
    .unwrap();

    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "MagicCompRules.txt",
            "scryfall-default-cards-default-cards-20251119222054.json",
            "scryfall-default-cards-default-cards-20251119222054.json.updated_at",
            "scryfall-oracle-cards-oracle-cards-20251119220515.json",
            "scryfall-oracle-cards-oracle-cards-20251119220515.json.updated_at",
            "scryfall-rulings-rulings-20251119220053.json",
            "scryfall-rulings-rulings-20251119220053.json.updated_at",
        ]
    );
}

/// The recorded 2026-08-02 index (one JSON Lines item with `compressed_size`), on the loopback
/// server, its listed size optionally replaced.
fn jsonl_index_on(server: &LoopbackServer, compressed_size: Option<u64>) -> Vec<u8> {
    let text = include_str!("fixtures/scryfall/bulk-data-oracle-cards-2026-08-02.json")
        .replace("https://data.scryfall.io", &server.base());
    match compressed_size {
        Some(size) => text.replace("24408680", &size.to_string()),
        None => text,
    }
    .into_bytes()
}

#[tokio::test]
async fn a_bulk_file_of_another_size_than_listed_is_an_error_and_deleted() {
    let server = LoopbackServer::start().await;
    let body = cards_gz_bytes();
    assert_ne!(body.len(), 24_408_680);
    server.serve(
        "/bulk-data",
        Route::file(
            Arc::new(jsonl_index_on(&server, None)),
            "\"index\"",
            "application/json",
        ),
    );
    let path = "/oracle-cards/oracle-cards-20260802090231.jsonl.gz";
    server.serve(
        path,
        Route::file(body.clone(), "\"oracle\"", "application/gzip"),
    );
    let downloader = downloader(Sources {
        scryfall_api_base: server.base(),
        ..Sources::default()
    });
    let cancel = CancellationToken::new();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("oracle-cards.jsonl.gz");

    let item = downloader
        .scryfall_bulk_item("oracle_cards", &cancel)
        .await
        .unwrap();
    assert_eq!(item.stored_size(), Some(24_408_680));
    let err = downloader
        .fetch_bulk_file(&item, &dest, &ignore_progress, &cancel)
        .await
        .unwrap_err();

    let Error::BulkSizeMismatch { listed, actual, .. } = &err else {
        panic!("expected a bulk size mismatch, got {err}");
    };
    assert_eq!((*listed, *actual), (24_408_680, body.len() as u64));
    assert!(!dest.exists(), "a file of the wrong size is not kept");

    // Listed with the size served, the same download is accepted.
    let matching = Arc::new(jsonl_index_on(&server, Some(body.len() as u64)));
    server.update("/bulk-data", |route| route.body = matching);
    let item = downloader
        .scryfall_bulk_item("oracle_cards", &cancel)
        .await
        .unwrap();
    downloader
        .fetch_bulk_file(&item, &dest, &ignore_progress, &cancel)
        .await
        .unwrap();
    assert_eq!(file_sha256(&dest), CARDS_GZ_SHA256);
}

/// Log lines written by `tracing` while a test runs, to check what a fallback tells the user.
#[derive(Clone, Default)]
struct LogBuffer(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for LogBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl LogBuffer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// An MTGJSON folder on the loopback server with AtomicCards and the merged printings file
/// (served under AllPrintings' name: only its bytes matter here), and the folder's sources.
fn mtgjson_on(server: &LoopbackServer) -> Sources {
    server.serve(
        CARDS_PATH,
        Route::file(cards_gz_bytes(), "\"atomic\"", "application/gzip"),
    );
    server.serve(
        "/api/v5/AllPrintings.json.gz",
        Route::file(cards_gz_bytes(), "\"printings\"", "application/gzip"),
    );
    Sources {
        // Without the trailing slash: the file and checksum URLs must stay in the folder.
        mtgjson_base: server.url("/api/v5"),
        ..Sources::default()
    }
}

#[tokio::test]
async fn an_mtgjson_file_matching_its_published_checksum_is_not_downloaded_again() {
    let server = LoopbackServer::start().await;
    let downloader = downloader(mtgjson_on(&server));
    let checksum = format!("{CARDS_GZ_SHA256}  AtomicCards.json.gz\n");
    server.serve(
        "/api/v5/AtomicCards.json.gz.sha256",
        Route::file(Arc::new(checksum.into_bytes()), "\"sum\"", "text/plain"),
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("AtomicCards.json.gz"), &*cards_gz_bytes()).unwrap();

    let events = fetch_latest_events(
        &downloader,
        &[Part::Cards],
        CardProvider::Mtgjson,
        dir.path(),
    )
    .await
    .unwrap();

    assert_eq!(unchanged(&events), [SourceKind::MtgjsonAtomicCards]);
    assert!(server.requests_for(CARDS_PATH).is_empty());
    assert_eq!(
        server.requests_for("/api/v5/AllPrintings.json.gz").len(),
        1,
        "a file not on disk yet is downloaded without asking for its checksum"
    );
}

#[tokio::test]
async fn a_missing_mtgjson_checksum_is_logged_and_the_file_downloaded_again() {
    let logs = LogBuffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer({
            let logs = logs.clone();
            move || logs.clone()
        })
        .with_ansi(false)
        .with_max_level(tracing::Level::WARN)
        .finish();
    // tokio::test runs on one thread: the default subscriber sees the whole test.
    let _logging = tracing::subscriber::set_default(subscriber);
    let server = LoopbackServer::start().await;
    let downloader = downloader(mtgjson_on(&server));
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("AtomicCards.json.gz");
    // The rules text under the cards' name: only a download can make it the cards file.
    std::fs::write(&dest, &*rules_bytes()).unwrap();

    let events = fetch_latest_events(
        &downloader,
        &[Part::Cards],
        CardProvider::Mtgjson,
        dir.path(),
    )
    .await
    .unwrap();

    assert!(unchanged(&events).is_empty(), "{events:?}");
    assert_eq!(file_sha256(&dest), CARDS_GZ_SHA256);
    let sha_url = server.url("/api/v5/AtomicCards.json.gz.sha256");
    let log = logs.text();
    assert!(
        log.contains("WARN") && log.contains(&sha_url) && log.contains("not found"),
        "{log}"
    );
}
