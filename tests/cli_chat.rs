//! `planeswalker chat` on the real test model, run as a user runs it.

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
