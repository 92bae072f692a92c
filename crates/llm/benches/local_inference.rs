//! The local runtime's figures on a real model, next to llama.cpp's own `llama-bench` built
//! from the same vendored source: prompt and generation speed (and their ratio to
//! llama-bench's), time to first token of a first turn against a follow-up turn in a long
//! conversation (the prompt cache at work), cancel latency, and embedding throughput over every
//! card face of the reference data.
//!
//! Run: `models/fetch-test-models.sh`, then `cargo bench -p llm --bench local_inference`.
//! `PLANESWALKER_BENCH_MODEL` picks another chat GGUF (default: the SmolLM2 test model);
//! `LLAMA_BENCH` names a `llama-bench` binary to compare with, built by
//! `crates/llm/benches/build-llama-bench.sh` over the llama.cpp sources llama-cpp-sys-2 vendors;
//! without it the comparison is skipped and said so.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark: it panics on a broken setup and prints its figures"
)]

#[path = "../../../tests/common/models.rs"]
mod models;

use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use llm::providers::local::{LocalEmbedder, LocalModel, LocalSettings};
use llm::{ChatEvent, ChatRequest, Embedder, Message, Provider, Sampling, Timing, Usage};
use tokio_util::sync::CancellationToken;

/// Prompt and generation lengths, as llama-bench's `-p` and `-n`.
const PROMPT_TOKENS: usize = 512;
const GENERATED_TOKENS: u32 = 128;
const ROUNDS: usize = 5;
/// Our default prompt batch, passed to llama-bench as its `-b` and `-ub`.
const BATCH_TOKENS: u32 = 512;

struct Measured {
    usage: Usage,
    timing: Timing,
}

async fn run(model: &LocalModel, request: ChatRequest) -> Measured {
    let mut events = model.chat_stream(request, CancellationToken::new());
    let (mut usage, mut timing) = (None, None);
    while let Some(event) = events.next().await {
        match event.unwrap() {
            ChatEvent::Usage(u) => usage = Some(u),
            ChatEvent::Timing(t) => timing = Some(t),
            _ => {}
        }
    }
    Measured {
        usage: usage.unwrap(),
        timing: timing.unwrap(),
    }
}

/// Text of about `tokens` tokens that starts with `tag`, so no two prompts share a prefix.
fn filler(tag: usize, tokens: usize) -> String {
    let sentence =
        "Lightning Bolt deals 3 damage to any target. Counterspell counters target spell. ";
    // About 18 tokens a sentence.
    format!("Run {tag}. {}", sentence.repeat(tokens / 18))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// One llama-bench round on `model` when `$LLAMA_BENCH` is set: prompt tokens/s over as many
/// tokens as our round evaluated (the chat template adds some to the filler, and a prompt one
/// token past a batch costs a second batch) and generation tokens/s after them (`-d`), so both
/// sides do the same work.
fn llama_bench(model: &std::path::Path, threads: u32, prompt_tokens: u32) -> Option<(f64, f64)> {
    let binary = std::env::var_os("LLAMA_BENCH")?;
    let output = std::process::Command::new(binary)
        .arg("-m")
        .arg(model)
        .args(["-t", &threads.to_string()])
        .args([
            "-b",
            &BATCH_TOKENS.to_string(),
            "-ub",
            &BATCH_TOKENS.to_string(),
        ])
        .args(["-p", &prompt_tokens.to_string()])
        .args(["-n", &GENERATED_TOKENS.to_string()])
        .args(["-d", &format!("0,{prompt_tokens}")])
        .args(["-r", "1", "-o", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let runs: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let speed = |prompt: bool| {
        runs.as_array()
            .unwrap()
            .iter()
            .find(|r| {
                let depth = r["n_depth"].as_u64().unwrap();
                if prompt {
                    r["n_prompt"].as_u64().unwrap() > 0 && depth == 0
                } else {
                    r["n_gen"].as_u64().unwrap() > 0 && depth == u64::from(prompt_tokens)
                }
            })
            .map(|r| r["avg_ts"].as_f64().unwrap())
            .unwrap()
    };
    Some((speed(true), speed(false)))
}

/// Every card face's "name, type line, text" in the reference data (MTGJSON AtomicCards).
fn card_texts() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/cards");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("AtomicCards")
        })
        .expect("an MTGJSON AtomicCards file in ../shared/data/cards");
    let mut json = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
        .read_to_string(&mut json)
        .unwrap();
    let atomic: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut texts = Vec::new();
    for faces in atomic["data"].as_object().unwrap().values() {
        for face in faces.as_array().unwrap() {
            let field = |key: &str| face[key].as_str().unwrap_or("");
            let name = face["faceName"].as_str().unwrap_or(field("name"));
            texts.push(format!("{name}. {}. {}", field("type"), field("text")));
        }
    }
    texts
}

#[tokio::main]
async fn main() {
    let path = std::env::var_os("PLANESWALKER_BENCH_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(models::test_chat_model);
    let settings = LocalSettings {
        context_tokens: Some(4096),
        batch_tokens: BATCH_TOKENS,
        ..LocalSettings::default()
    };
    let threads = settings.threads;
    let model = LocalModel::load(&path, settings).unwrap();
    println!("model {} · {threads} threads", path.display());

    // Prompt speed: a fresh prompt each round; generation speed: 128 tokens after it. Each
    // round of ours is followed by one of llama-bench's, so both see the same machine load.
    let (mut ours, mut theirs) = ((Vec::new(), Vec::new()), (Vec::new(), Vec::new()));
    for round in 0..ROUNDS {
        let request = ChatRequest {
            sampling: Sampling::default(),
            ..ChatRequest::new(
                vec![Message::user(format!(
                    "{} Now write a long story about a planeswalker.",
                    filler(round, PROMPT_TOKENS)
                ))],
                GENERATED_TOKENS,
            )
        };
        let measured = run(&model, request).await;
        ours.0.push(measured.timing.prompt_tokens_per_second);
        // A round that stopped early (the model ended its story) has too few tokens to time.
        if measured.usage.generated_tokens >= GENERATED_TOKENS / 2 {
            ours.1.push(measured.timing.generation_tokens_per_second);
        }
        let evaluated = measured.usage.prompt_tokens - measured.usage.cached_prompt_tokens;
        if let Some((prompt, generation)) = llama_bench(&path, threads, evaluated) {
            theirs.0.push(prompt);
            theirs.1.push(generation);
        }
    }
    let (prompt, generation) = (median(ours.0), median(ours.1));
    println!("ours: prompt {prompt:.1} tok/s, generation {generation:.1} tok/s");
    if theirs.0.is_empty() {
        println!("llama-bench: skipped (LLAMA_BENCH is not set)");
    } else {
        let (bench_prompt, bench_generation) = (median(theirs.0), median(theirs.1));
        println!(
            "llama-bench: same prompt {bench_prompt:.1} tok/s, tg{GENERATED_TOKENS} after it \
             {bench_generation:.1} tok/s → ratio prompt {:.2}, generation {:.2} (goal ≥ 0.95)",
            prompt / bench_prompt,
            generation / bench_generation
        );
    }

    // Time to first token: a first turn of a long conversation, then its follow-up.
    let mut conversation = vec![Message::system(
        "You are Planeswalker, a Magic: The Gathering rules judge.",
    )];
    for turn in 0..6 {
        conversation.push(Message::user(filler(100 + turn, 120)));
        conversation.push(Message::assistant(filler(200 + turn, 120)));
    }
    conversation.push(Message::user("What does trample do?"));
    let first = run(&model, ChatRequest::new(conversation.clone(), 16)).await;
    conversation.push(Message::assistant(
        "Trample lets excess damage go to the player.",
    ));
    conversation.push(Message::user("And deathtouch?"));
    let follow_up = run(&model, ChatRequest::new(conversation, 16)).await;
    let ttft = |m: &Measured| m.timing.time_to_first_token.as_secs_f64() * 1000.0;
    println!(
        "TTFT: first turn {:.0} ms ({} prompt tokens), follow-up {:.0} ms ({} of {} cached) → {:.3}× (goal ≤ 0.15)",
        ttft(&first),
        first.usage.prompt_tokens,
        ttft(&follow_up),
        follow_up.usage.cached_prompt_tokens,
        follow_up.usage.prompt_tokens,
        ttft(&follow_up) / ttft(&first)
    );

    // Cancel latency: from cancel() to the stream's end.
    let mut latencies = Vec::new();
    for round in 0..5 {
        let cancel = CancellationToken::new();
        let request = ChatRequest::new(vec![Message::user(filler(300 + round, 40))], 1000);
        let mut events = model.chat_stream(request, cancel.clone());
        let mut deltas = 0;
        let mut cancelled_at = None;
        while let Some(event) = events.next().await {
            if let Ok(ChatEvent::TextDelta { .. }) = event {
                deltas += 1;
                if deltas == 5 {
                    cancel.cancel();
                    cancelled_at = Some(Instant::now());
                }
            }
        }
        latencies.push(
            cancelled_at
                .map_or(Duration::ZERO, |at| at.elapsed())
                .as_secs_f64()
                * 1000.0,
        );
    }
    println!(
        "cancel latency: median {:.1} ms, max {:.1} ms",
        median(latencies.clone()),
        latencies.iter().copied().fold(0.0, f64::max)
    );
    drop(model);

    // Embeddings: every card face of the reference data.
    let embedder = LocalEmbedder::load(&models::test_embedding_model(), threads).unwrap();
    let texts = card_texts();
    let started = Instant::now();
    let mut embedded = 0;
    for chunk in texts.chunks(256) {
        embedded += embedder.embed(chunk).unwrap().len();
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "embeddings (all-MiniLM-L6-v2): {embedded} card faces in {seconds:.1} s → {:.0} texts/s",
        embedded as f64 / seconds
    );
}
