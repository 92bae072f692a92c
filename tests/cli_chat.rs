//! `planeswalker chat` and `models` on the real test model, run as a user runs it.

#![allow(clippy::unwrap_used)]

mod common;

use common::models::test_chat_model;
use common::run;

#[test]
fn a_one_shot_question_streams_an_answer_and_prints_its_speed() {
    let dir = tempfile::tempdir().unwrap();
    let model = test_chat_model();
    let answer = run(
        dir.path(),
        &[
            "chat",
            "--model",
            model.to_str().unwrap(),
            "--prompt",
            "What is the capital of France? Answer in one word.",
            "--temperature",
            "0",
            "--max-tokens",
            "16",
        ],
    )
    .succeeded();
    assert!(answer.stdout.contains("Paris"), "{}", answer.stdout);
    assert!(answer.stderr.contains("TTFT "), "{}", answer.stderr);
    assert!(answer.stderr.contains(" tok/s"), "{}", answer.stderr);
}

#[test]
fn json_output_is_one_event_per_line_ending_with_done() {
    let dir = tempfile::tempdir().unwrap();
    let model = test_chat_model();
    let answer = run(
        dir.path(),
        &[
            "--json",
            "chat",
            "--model",
            model.to_str().unwrap(),
            "--prompt",
            "Say hi.",
            "--temperature",
            "0",
            "--max-tokens",
            "8",
        ],
    )
    .succeeded();
    let events: Vec<serde_json::Value> = answer
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(events.last().unwrap()["kind"], "done", "{events:?}");
    assert!(events.iter().any(|e| e["kind"] == "usage"), "{events:?}");
    assert!(
        events.iter().any(|e| e["kind"] == "text_delta"),
        "{events:?}"
    );
}

#[test]
fn a_damaged_model_file_is_named_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(test_chat_model()).unwrap();
    let damaged = dir.path().join("SmolLM2-135M-Instruct.Q4_1.gguf");
    std::fs::write(&damaged, &bytes[..bytes.len() / 3]).unwrap();
    let failed = run(
        dir.path(),
        &[
            "chat",
            "--model",
            damaged.to_str().unwrap(),
            "--prompt",
            "hi",
        ],
    )
    .failed();
    assert!(
        failed.stderr.contains("damaged or incomplete")
            && failed.stderr.contains("download it again"),
        "{}",
        failed.stderr
    );
    assert!(
        failed.stderr.contains(damaged.to_str().unwrap()),
        "{}",
        failed.stderr
    );
}

const TEST_MODEL_ID: &str = "smollm2-135m-instruct-q4_1";

#[test]
fn models_lists_the_catalogue_verifies_an_installed_model_and_chat_takes_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let listed = run(dir.path(), &["--json", "models", "list"])
        .succeeded()
        .json();
    let listed = listed.as_array().unwrap();
    assert!(listed.len() >= 8, "{listed:?}");
    let entry = |listed: &[serde_json::Value]| {
        listed
            .iter()
            .find(|m| m["id"] == TEST_MODEL_ID)
            .cloned()
            .unwrap()
    };
    assert_eq!(entry(listed)["installed"], false);

    // Installed as the app would leave it: the catalogue's file name in <data dir>/models.
    let models = dir.path().join("models");
    std::fs::create_dir_all(&models).unwrap();
    std::os::unix::fs::symlink(
        test_chat_model(),
        models.join("SmolLM2-135M-Instruct.Q4_1.gguf"),
    )
    .unwrap();
    let listed = run(dir.path(), &["--json", "models", "list"])
        .succeeded()
        .json();
    assert_eq!(entry(listed.as_array().unwrap())["installed"], true);
    let verified = run(dir.path(), &["models", "verify"]).succeeded();
    assert!(
        verified.stdout.contains(&format!("{TEST_MODEL_ID}: ok")),
        "{}",
        verified.stdout
    );

    let answer = run(
        dir.path(),
        &[
            "chat",
            "--model",
            TEST_MODEL_ID,
            "--prompt",
            "Say hi.",
            "--max-tokens",
            "4",
        ],
    )
    .succeeded();
    assert!(answer.stderr.contains("TTFT "), "{}", answer.stderr);
}

#[test]
fn a_damaged_install_fails_verification_and_an_unknown_id_lists_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    std::fs::create_dir_all(&models).unwrap();
    let bytes = std::fs::read(test_chat_model()).unwrap();
    std::fs::write(
        models.join("SmolLM2-135M-Instruct.Q4_1.gguf"),
        &bytes[..1000],
    )
    .unwrap();
    let failed = run(dir.path(), &["models", "verify", TEST_MODEL_ID]).failed();
    assert!(
        failed.stderr.contains("damaged or incomplete"),
        "{}",
        failed.stderr
    );

    let unknown = run(dir.path(), &["models", "verify", "gpt-5"]).failed();
    assert!(
        unknown.stderr.contains("no model is called \"gpt-5\"")
            && unknown.stderr.contains("llama-3.2-1b-instruct-q4_k_m"),
        "{}",
        unknown.stderr
    );
}
