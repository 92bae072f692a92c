//! `planeswalker import` without files downloads the public sources: here from a server on
//! 127.0.0.1 that serves the real reference files under the paths MTGJSON, Scryfall, Wizards and
//! Commander Spellbook use. Nothing here reaches the internet.

// clippy allows unwrap in #[test] functions only; the helpers and the server module panic on a
// failed setup too, which is what a test helper should do.
#![allow(clippy::unwrap_used)]

mod common;
// The download crate's test server; this binary does not use every one of its faults.
#[path = "../crates/download/tests/file_checks/mod.rs"]
mod file_checks;
#[allow(dead_code)]
#[path = "../crates/download/tests/loopback_http/mod.rs"]
mod loopback_http;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::{Run, run_with_env, scryfall_fixture, shared_data};
use file_checks::{file_names, file_sha256, sha256_hex};
use loopback_http::{Fault, LoopbackServer, Route};

const API: &str = "/api/v5/";
const ATOMIC_CARDS: &str = "/api/v5/AtomicCards.json.gz";
const SET_FILES: &str = "/api/v5/AllSetFiles.tar.zst";
const RULES: &str = "/2026/downloads/MagicCompRules%2020260116.txt";
const SPELLBOOK: &str = "/variants.json";

/// The files the mirror serves, with the bytes they must arrive with.
struct Served {
    atomic_cards: Arc<Vec<u8>>,
    set_files: Arc<Vec<u8>>,
    rules: Arc<Vec<u8>>,
    spellbook: Arc<Vec<u8>>,
}

fn read(path: PathBuf) -> Arc<Vec<u8>> {
    Arc::new(std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display())))
}

/// Serves the shared data as MTGJSON (AtomicCards + the per-set files archive), the rules TXT
/// and the Spellbook fixture; no `.sha256` files yet (they answer 404).
fn serve_sources(server: &LoopbackServer) -> Served {
    let data = shared_data();
    let served = Served {
        atomic_cards: read(data.join("cards/AtomicCards-merged-mtgjson-5.2.0+20220425.json.gz")),
        set_files: read(data.join("cards/AllSetFiles-mtgjson-5.2.0+20220425.tar.zst")),
        rules: read(data.join("rules/MagicCompRules-20260116.txt")),
        spellbook: read(common::combos_fixture()),
    };
    for (path, body, content_type) in [
        (ATOMIC_CARDS, &served.atomic_cards, "application/gzip"),
        (SET_FILES, &served.set_files, "application/zstd"),
        (RULES, &served.rules, "text/plain"),
        (SPELLBOOK, &served.spellbook, "application/json"),
    ] {
        let etag = format!("\"{}\"", &sha256_hex(body)[..16]);
        server.serve(path, Route::file(Arc::clone(body), &etag, content_type));
    }
    served
}

/// Serves the `.sha256` files MTGJSON publishes beside its files.
fn serve_checksums(server: &LoopbackServer, served: &Served) {
    for (path, body) in [
        (ATOMIC_CARDS, &served.atomic_cards),
        (SET_FILES, &served.set_files),
    ] {
        let sum = Arc::new(sha256_hex(body).into_bytes());
        server.serve(
            &format!("{path}.sha256"),
            Route::file(sum, "\"sum\"", "text/plain"),
        );
    }
}

/// `import` pointed at the mirror for every source.
fn download_args(server: &LoopbackServer) -> Vec<String> {
    [
        "import",
        "--mtgjson-url",
        &server.url(API),
        "--rules-url",
        &server.url(RULES),
        "--spellbook-url",
        &server.url(SPELLBOOK),
    ]
    .map(String::from)
    .to_vec()
}

/// Runs the binary off the async runtime, whose threads keep serving meanwhile.
async fn planeswalker(data_dir: &Path, args: Vec<String>, env: &[(&str, &str)]) -> Run {
    let data_dir = data_dir.to_path_buf();
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        run_with_env(&data_dir, &env, &args)
    })
    .await
    .unwrap()
}

fn statuses(server: &LoopbackServer, path: &str) -> Vec<u16> {
    server.requests_for(path).iter().map(|r| r.status).collect()
}

async fn stats(data_dir: &Path) -> serde_json::Value {
    planeswalker(data_dir, vec!["--json".into(), "stats".into()], &[])
        .await
        .succeeded()
        .json()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_downloads_every_source_and_skips_what_mtgjson_says_is_unchanged() {
    let server = LoopbackServer::start().await;
    let served = serve_sources(&server);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut args = download_args(&server);
    args.extend(["--mtgjson-printings".into(), "AllSetFiles.tar.zst".into()]);

    let first = planeswalker(&data, args.clone(), &[]).await.succeeded();
    assert!(
        first
            .stdout
            .starts_with("Imported cards, rules, combos in "),
        "{}",
        first.stdout
    );
    let counts = stats(&data).await;
    assert_eq!(counts["cards"], 23_711);
    assert_eq!(counts["faces"], 24_160);
    assert_eq!(counts["sets"], 579);
    assert_eq!(counts["rules"], 3_114);
    assert_eq!(counts["glossary_terms"], 725);
    assert_eq!(counts["combos"], 31);
    assert_eq!(counts["meta"]["cards.version"], "5.2.0+20220425");

    // Every download landed whole in <data>/downloads, and nothing half-done is left there.
    // (Beside them, `.source.json` sidecars keep the validators for the next conditional request.)
    let downloads = data.join("downloads");
    let names = file_names(&downloads);
    assert!(!names.iter().any(|n| n.contains(".part")), "{names:?}");
    assert_eq!(
        names
            .into_iter()
            .filter(|n| !n.ends_with(".source.json"))
            .collect::<Vec<_>>(),
        [
            "AllSetFiles.tar.zst",
            "AtomicCards.json.gz",
            "MagicCompRules.txt",
            "commander-spellbook-variants.json",
        ]
    );
    for (name, body) in [
        ("AtomicCards.json.gz", &served.atomic_cards),
        ("AllSetFiles.tar.zst", &served.set_files),
        ("MagicCompRules.txt", &served.rules),
        ("commander-spellbook-variants.json", &served.spellbook),
    ] {
        assert_eq!(
            file_sha256(&downloads.join(name)),
            sha256_hex(body),
            "{name}"
        );
    }
    for path in [ATOMIC_CARDS, SET_FILES, RULES, SPELLBOOK] {
        assert_eq!(statuses(&server, path), [200], "{path}");
    }

    // Without MTGJSON's checksums (404) the files are fetched again; the import then sees the
    // same bytes and rebuilds nothing.
    let second = planeswalker(&data, args.clone(), &[]).await.succeeded();
    assert!(
        second
            .stdout
            .starts_with("Already up to date: the cards, rules, combos sources are unchanged"),
        "{}",
        second.stdout
    );
    assert_eq!(statuses(&server, ATOMIC_CARDS), [200, 200]);
    assert_eq!(statuses(&server, &format!("{ATOMIC_CARDS}.sha256")), [404]);

    // With checksums that match the files on disk, MTGJSON's files are not downloaded again.
    serve_checksums(&server, &served);
    let third = planeswalker(&data, args, &[]).await.succeeded();
    assert!(
        third.stdout.starts_with("Already up to date: "),
        "{}",
        third.stdout
    );
    assert_eq!(
        statuses(&server, &format!("{ATOMIC_CARDS}.sha256")),
        [404, 200]
    );
    assert_eq!(
        statuses(&server, &format!("{SET_FILES}.sha256")),
        [404, 200]
    );
    assert_eq!(statuses(&server, ATOMIC_CARDS), [200, 200]);
    assert_eq!(statuses(&server, SET_FILES), [200, 200]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_cut_in_the_middle_of_the_card_file_is_resumed() {
    let server = LoopbackServer::start().await;
    let served = serve_sources(&server);
    let half = served.atomic_cards.len() as u64 / 2;
    server.update(ATOMIC_CARDS, |route| {
        route.faults.push_back(Fault::CutAfter(half))
    });
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    // The printings file named through the environment this time.
    let out = planeswalker(
        &data,
        download_args(&server),
        &[("PLANESWALKER_MTGJSON_PRINTINGS", "AllSetFiles.tar.zst")],
    )
    .await
    .succeeded();
    assert!(
        out.stdout.starts_with("Imported cards, rules, combos in "),
        "{}",
        out.stdout
    );
    assert_eq!(stats(&data).await["cards"], 23_711);

    let requests = server.requests_for(ATOMIC_CARDS);
    assert_eq!(requests.len(), 2, "one cut, one resumed: {requests:?}");
    assert_eq!(requests[0].header("range"), None);
    let resumed_from: u64 = requests[1]
        .header("range")
        .and_then(|r| r.strip_prefix("bytes="))
        .and_then(|r| r.strip_suffix('-'))
        .and_then(|r| r.parse().ok())
        .unwrap_or_else(|| panic!("the second request resumes: {:?}", requests[1]));
    assert!(
        resumed_from > 0 && resumed_from <= half,
        "resumed from byte {resumed_from}"
    );
    assert_eq!(requests[1].status, 206);
    assert_eq!(
        file_sha256(&data.join("downloads/AtomicCards.json.gz")),
        sha256_hex(&served.atomic_cards)
    );
}

/// Scryfall's real bulk-data index (2025-11-19) with its file host moved to the mirror.
const SCRYFALL_FILE_HOST: &str = "https://data.scryfall.io";
const ORACLE_CARDS: &str = "/oracle-cards/oracle-cards-20251119220515.json";
const DEFAULT_CARDS: &str = "/default-cards/default-cards-20251119222054.json";
const RULINGS: &str = "/rulings/rulings-20251119220053.json";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_from_scryfall_follows_the_bulk_data_index() {
    let server = LoopbackServer::start().await;
    let index = std::fs::read_to_string(scryfall_fixture("bulk-data-2025-11-19.json")).unwrap();
    assert!(index.contains(&format!("{SCRYFALL_FILE_HOST}{ORACLE_CARDS}")));
    let index = index.replace(SCRYFALL_FILE_HOST, &server.base());
    server.serve(
        "/bulk-data",
        Route::file(
            Arc::new(index.into_bytes()),
            "\"index\"",
            "application/json",
        ),
    );
    let oracle_cards = read(scryfall_fixture("oracle-cards.json"));
    server.serve(
        ORACLE_CARDS,
        Route::file(Arc::clone(&oracle_cards), "\"oracle\"", "application/json"),
    );
    // The fixture's objects are printings too (one per card): its README has it serve the
    // default-cards reader as well.
    server.serve(
        DEFAULT_CARDS,
        Route::file(Arc::clone(&oracle_cards), "\"default\"", "application/json"),
    );
    server.serve(
        RULINGS,
        Route::file(
            read(scryfall_fixture("rulings.json")),
            "\"rulings\"",
            "application/json",
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let args: Vec<String> = [
        "import",
        "cards",
        "--cards-from",
        "scryfall",
        "--scryfall-url",
        &server.base(),
    ]
    .map(String::from)
    .to_vec();

    let out = planeswalker(&data, args.clone(), &[]).await.succeeded();
    assert!(
        out.stdout.starts_with("Imported cards in "),
        "{}",
        out.stdout
    );
    // Every object of the file becomes one card, playable or extra (tokens, art series).
    let objects: Vec<serde_json::Value> = serde_json::from_slice(&oracle_cards).unwrap();
    let counts = stats(&data).await;
    assert_eq!(counts["cards"], objects.len());
    assert_eq!(counts["cards"], 32);
    assert_eq!(counts["meta"]["cards.source"], "scryfall");
    let jace = planeswalker(
        &data,
        ["--json", "card", "jace, telepath unbound"]
            .map(String::from)
            .to_vec(),
        &[],
    )
    .await
    .succeeded()
    .json();
    assert_eq!(
        jace["name"],
        "Jace, Vryn's Prodigy // Jace, Telepath Unbound"
    );
    assert_eq!(jace["layout"], "transform");

    // The index still lists the same files: nothing is downloaded again.
    let again = planeswalker(&data, args, &[]).await.succeeded();
    assert!(
        again
            .stdout
            .starts_with("Already up to date: the cards sources"),
        "{}",
        again.stdout
    );
    for path in [ORACLE_CARDS, DEFAULT_CARDS, RULINGS] {
        assert_eq!(statuses(&server, path), [200], "{path}");
    }
}
