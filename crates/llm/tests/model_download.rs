//! Installing catalogue models from a mirror on 127.0.0.1 (the catalogue's Hugging Face paths,
//! served by the shared loopback server): verified against the catalogue, resumed after a
//! dropped connection, refused when the hash is wrong, recorded on first use for unverified
//! entries, one download per model at a time. Nothing here reaches the internet.

// clippy allows unwrap in #[test] functions only; the helpers and the server module panic on a
// failed setup too, which is what a test helper should do.
#![allow(clippy::unwrap_used)]

// The download crate's test server; this binary does not use every one of its faults.
#[path = "../../download/tests/file_checks/mod.rs"]
mod file_checks;
#[allow(dead_code)]
#[path = "../../download/tests/loopback_http/mod.rs"]
mod loopback_http;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use download::{CancellationToken, Downloader, RetryPolicy};
use file_checks::{file_names, sha256_hex};
use llm::LlmError;
use llm::catalog::{Catalog, CatalogModel, CheckedAgainst};
use llm::model_download::{InstallOutcome, ModelDownloadEvent, download_model};
use loopback_http::{Fault, LoopbackServer, Route};

const REPO_PATH: &str = "/org/Tiny-GGUF/resolve/main/tiny.Q4_K_M.gguf";
const FILE: &str = "tiny.Q4_K_M.gguf";

/// Bytes standing for a model: the installer checks size and hash, never the format.
fn model_bytes(len: usize, seed: u8) -> Arc<Vec<u8>> {
    Arc::new(
        (0..len)
            .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
            .collect(),
    )
}

/// A catalogue of one model, hosted (as the real ones are) on Hugging Face.
fn catalogue_model(size: u64, sha256: &str, verified: bool) -> CatalogModel {
    let toml = format!(
        "[[model]]\nid = \"tiny\"\nname = \"Tiny\"\nkind = \"chat\"\nfamily = \"llama3\"\n\
         license = \"MIT\"\nparameters = 1\nquantization = \"Q4_K_M\"\ncontext_length = 1\n\
         file = \"{FILE}\"\nsize = {size}\nsha256 = \"{sha256}\"\n\
         url = \"https://huggingface.co{REPO_PATH}\"\nram_needed = 1\n\
         hash_source = \"test\"\nverified = {verified}\n"
    );
    Catalog::parse(&toml).unwrap().models()[0].clone()
}

fn downloader() -> Downloader {
    Downloader::new().unwrap().with_retry_policy(RetryPolicy {
        max_retries: 3,
        first_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
    })
}

fn ignore(_: ModelDownloadEvent) {}

#[tokio::test]
async fn a_model_is_installed_from_a_mirror_resuming_a_dropped_connection() {
    let server = LoopbackServer::start().await;
    let body = model_bytes(3_000_000, 1);
    let mut route = Route::file(body.clone(), "\"t1\"", "application/octet-stream");
    route.faults.push_back(Fault::CutAfter(1_200_000));
    server.serve(REPO_PATH, route);
    let model = catalogue_model(body.len() as u64, &sha256_hex(&body), true);
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    let events = Mutex::new(Vec::new());

    let installed = download_model(
        &downloader(),
        &model,
        &models,
        Some(&server.base()),
        &|e| events.lock().unwrap().push(e),
        &CancellationToken::new(),
    )
    .await
    .unwrap();

    assert_eq!(installed.path, models.join(FILE));
    assert_eq!(installed.sha256, sha256_hex(&body));
    assert_eq!(installed.recorded_hash, None);
    assert!(matches!(
        installed.outcome,
        InstallOutcome::Downloaded { resumed_from: 0 }
    ));
    assert_eq!(std::fs::read(&installed.path).unwrap(), *body);
    assert_eq!(file_names(&models), [FILE]);
    let statuses: Vec<u16> = server
        .requests_for(REPO_PATH)
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [200, 206], "the mirror got the catalogue's path");
    let events = events.into_inner().unwrap();
    let ModelDownloadEvent::Progress(last) = events.last().unwrap() else {
        panic!("{events:?}");
    };
    assert_eq!(last.downloaded, body.len() as u64);
    assert_eq!(
        model.verify(&installed.path).unwrap().against,
        CheckedAgainst::Catalogue
    );

    // Asked again, the installed copy is checked, not downloaded again.
    let events = Mutex::new(Vec::new());
    let again = download_model(
        &downloader(),
        &model,
        &models,
        Some(&server.base()),
        &|e| events.lock().unwrap().push(e),
        &CancellationToken::new(),
    )
    .await
    .unwrap();
    assert_eq!(again.outcome, InstallOutcome::AlreadyInstalled);
    assert_eq!(again.sha256, sha256_hex(&body));
    assert!(matches!(
        events.into_inner().unwrap()[..],
        [ModelDownloadEvent::Checking { .. }]
    ));
    assert_eq!(server.requests_for(REPO_PATH).len(), 2);
}

#[tokio::test]
async fn a_download_with_the_wrong_hash_installs_nothing() {
    let server = LoopbackServer::start().await;
    let served = model_bytes(500_000, 2);
    server.serve(
        REPO_PATH,
        Route::file(served.clone(), "\"t2\"", "application/octet-stream"),
    );
    let catalogued = model_bytes(500_000, 3);
    let model = catalogue_model(500_000, &sha256_hex(&catalogued), true);
    let dir = tempfile::tempdir().unwrap();

    let err = download_model(
        &downloader(),
        &model,
        dir.path(),
        Some(&server.base()),
        &ignore,
        &CancellationToken::new(),
    )
    .await
    .unwrap_err();

    assert!(
        matches!(
            err,
            LlmError::Download(download::Error::HashMismatch { .. })
        ),
        "{err}"
    );
    let message = err.to_string();
    assert!(
        message.contains(&sha256_hex(&catalogued))
            && message.contains(&sha256_hex(&served))
            && message.contains(FILE),
        "{message}"
    );
    assert!(
        file_names(dir.path()).is_empty(),
        "{:?}",
        file_names(dir.path())
    );
}

#[tokio::test]
async fn an_unverified_entry_records_the_hash_of_its_first_download() {
    let server = LoopbackServer::start().await;
    let body = model_bytes(400_000, 4);
    server.serve(
        REPO_PATH,
        Route::file(body.clone(), "\"t4\"", "application/octet-stream"),
    );
    // The catalogue's best guesses are both off: they must not stop the download.
    let model = catalogue_model(399_000, &"0".repeat(64), false);
    let dir = tempfile::tempdir().unwrap();

    let installed = download_model(
        &downloader(),
        &model,
        dir.path(),
        Some(&server.base()),
        &ignore,
        &CancellationToken::new(),
    )
    .await
    .unwrap();

    let record = dir.path().join(format!("{FILE}.sha256"));
    assert_eq!(installed.recorded_hash.as_deref(), Some(record.as_path()));
    assert_eq!(
        std::fs::read_to_string(&record).unwrap(),
        format!("{}  {FILE}\n", sha256_hex(&body)),
        "in sha256sum's format"
    );
    let verified = model.verify(&installed.path).unwrap();
    assert_eq!(verified.against, CheckedAgainst::RecordedHash);
    assert_eq!(verified.sha256, sha256_hex(&body));

    // A damaged copy fails against the record.
    let mut damaged = body.to_vec();
    damaged[10] ^= 1;
    std::fs::write(&installed.path, &damaged).unwrap();
    let err = model.verify(&installed.path).unwrap_err();
    assert!(
        err.to_string().contains("when it was first downloaded"),
        "{err}"
    );

    // Downloading it again must give the recorded file: a changed one is refused.
    std::fs::remove_file(&installed.path).unwrap();
    server.update(REPO_PATH, |route| {
        route.body = model_bytes(400_000, 5);
        route.etag = Some("\"t5\"".to_owned());
    });
    let err = download_model(
        &downloader(),
        &model,
        dir.path(),
        Some(&server.base()),
        &ignore,
        &CancellationToken::new(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, LlmError::Download(download::Error::HashMismatch { ref expected, .. }) if *expected == sha256_hex(&body)),
        "{err}"
    );
}

#[tokio::test]
async fn a_second_download_of_a_model_being_downloaded_is_refused_and_the_first_resumes() {
    let server = LoopbackServer::start().await;
    let body = model_bytes(2_000_000, 6);
    let mut route = Route::file(body.clone(), "\"t6\"", "application/octet-stream");
    route.faults.push_back(Fault::StallAfter(800_000));
    server.serve(REPO_PATH, route);
    let model = catalogue_model(body.len() as u64, &sha256_hex(&body), true);
    let dir = tempfile::tempdir().unwrap();
    let downloader = downloader();
    let mirror = server.base();
    let first_cancel = CancellationToken::new();
    let stalled = CancellationToken::new();
    let until_stalled = |e: ModelDownloadEvent| {
        if matches!(e, ModelDownloadEvent::Progress(p) if p.downloaded >= 800_000) {
            stalled.cancel();
        }
    };

    let (first, ()) = tokio::join!(
        download_model(
            &downloader,
            &model,
            dir.path(),
            Some(&mirror),
            &until_stalled,
            &first_cancel,
        ),
        async {
            stalled.cancelled().await;
            let err = download_model(
                &downloader,
                &model,
                dir.path(),
                Some(&mirror),
                &ignore,
                &CancellationToken::new(),
            )
            .await
            .unwrap_err();
            assert!(
                matches!(
                    err,
                    LlmError::Download(download::Error::AlreadyDownloading { .. })
                ),
                "{err}"
            );
            first_cancel.cancel();
        },
    );

    assert!(
        matches!(
            first,
            Err(LlmError::Download(download::Error::Cancelled { .. }))
        ),
        "{first:?}"
    );
    let installed = download_model(
        &downloader,
        &model,
        dir.path(),
        Some(&mirror),
        &ignore,
        &CancellationToken::new(),
    )
    .await
    .unwrap();
    assert_eq!(
        installed.outcome,
        InstallOutcome::Downloaded {
            resumed_from: 800_000
        }
    );
    assert_eq!(std::fs::read(&installed.path).unwrap(), *body);
}

#[tokio::test]
async fn an_entry_made_locally_says_how_to_get_it() {
    let catalog = Catalog::builtin().unwrap();
    let minilm = catalog.find("all-minilm-l6-v2-f16").unwrap();
    let dir = tempfile::tempdir().unwrap();

    let err = download_model(
        &downloader(),
        minilm,
        dir.path(),
        None,
        &ignore,
        &CancellationToken::new(),
    )
    .await
    .unwrap_err();

    assert!(matches!(err, LlmError::NotDownloadable { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("models/fetch-test-models.sh")
            && message.contains(&minilm.file)
            && message.contains(&dir.path().display().to_string()),
        "{message}"
    );
}
