//! The local provider on a real model: SmolLM2-135M-Instruct (GGUF), fetched by
//! `models/fetch-test-models.sh` into the models cache. Every test runs llama.cpp for real.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a failure is a test failure"
)]

#[path = "../../../tests/common/models.rs"]
mod models;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use llm::providers::local::{LocalModel, LocalSettings};
use llm::{
    ChatEvent, ChatRequest, FinishReason, LlmError, Message, Provider, Sampling, ToolChoice,
    ToolDefinition, Usage,
};
use serde_json::json;
use tokio_util::sync::CancellationToken;

/// One model for the whole test binary (loading takes a moment; tests share it as the app
/// shares one model between conversations).
fn model() -> &'static LocalModel {
    static MODEL: OnceLock<LocalModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        let settings = LocalSettings {
            context_tokens: Some(2048),
            ..LocalSettings::default()
        };
        LocalModel::load(&models::test_chat_model(), settings).unwrap()
    })
}

/// Tests share the model, and its cache counts depend on what ran before: one at a time.
async fn serial() -> tokio::sync::MutexGuard<'static, ()> {
    static LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    LOCK.lock().await
}

/// The answer's text, the calls, the usage and why it ended.
#[derive(Debug, Default)]
struct Answer {
    text: String,
    calls: Vec<llm::ToolCall>,
    usage: Option<Usage>,
    reason: Option<FinishReason>,
    trimmed: usize,
}

async fn ask(request: ChatRequest) -> Result<Answer, LlmError> {
    let mut events = model().chat_stream(request, CancellationToken::new());
    let mut answer = Answer::default();
    while let Some(event) = events.next().await {
        match event? {
            ChatEvent::TextDelta { text } => answer.text.push_str(&text),
            ChatEvent::ToolCall { call } => answer.calls.push(call),
            ChatEvent::Usage(usage) => answer.usage = Some(usage),
            ChatEvent::Done { reason } => answer.reason = Some(reason),
            ChatEvent::ContextTrimmed { dropped_messages } => answer.trimmed = dropped_messages,
            ChatEvent::Timing(_) => {}
        }
    }
    Ok(answer)
}

fn greedy(messages: Vec<Message>, max_tokens: u32) -> ChatRequest {
    ChatRequest {
        sampling: Sampling::greedy(),
        ..ChatRequest::new(messages, max_tokens)
    }
}

#[tokio::test]
async fn streams_a_real_completion_with_usage_and_a_finish_reason() {
    let _serial = serial().await;
    let answer = ask(greedy(
        vec![
            Message::system("You are a helpful assistant."),
            Message::user("What is the capital of France? Answer in one word."),
        ],
        24,
    ))
    .await
    .unwrap();
    assert!(answer.text.contains("Paris"), "{answer:?}");
    let usage = answer.usage.unwrap();
    assert!(usage.prompt_tokens > 10, "{usage:?}");
    assert!(
        usage.generated_tokens >= 1 && usage.generated_tokens <= 24,
        "{usage:?}"
    );
    assert!(
        matches!(
            answer.reason,
            Some(FinishReason::Stop | FinishReason::Length)
        ),
        "{answer:?}"
    );
}

#[tokio::test]
async fn stop_strings_end_the_answer_and_are_not_shown() {
    let _serial = serial().await;
    let messages = vec![Message::user("Count from 1 to 20, one number per line.")];
    let full = ask(greedy(messages.clone(), 60)).await.unwrap();
    // A stop string from the middle of the answer the model gives without one.
    let middle = full.text.len() / 2;
    let stop: String = full.text[full.text.ceil_char_boundary(middle)..]
        .chars()
        .take(3)
        .collect();
    let mut request = greedy(messages, 60);
    request.stop = vec![stop.clone()];
    let stopped = ask(request).await.unwrap();
    assert_eq!(stopped.reason, Some(FinishReason::Stop), "{stopped:?}");
    assert!(!stopped.text.contains(&stop), "{stop:?} in {stopped:?}");
    assert!(
        full.text.starts_with(&stopped.text),
        "{stopped:?} vs {full:?}"
    );
    assert!(!stopped.text.is_empty(), "{stopped:?}");
}

#[tokio::test]
async fn cancel_ends_the_stream_promptly_and_the_model_answers_the_next_request() {
    let _serial = serial().await;
    let cancel = CancellationToken::new();
    let request = ChatRequest {
        sampling: Sampling::default(),
        ..ChatRequest::new(
            vec![Message::user("Write a very long story about a dragon.")],
            2000,
        )
    };
    let mut events = model().chat_stream(request, cancel.clone());
    let mut deltas = 0;
    let mut cancelled_at = None;
    let mut reason = None;
    while let Some(event) = events.next().await {
        match event.unwrap() {
            ChatEvent::TextDelta { .. } => {
                deltas += 1;
                if deltas == 3 {
                    cancel.cancel();
                    cancelled_at = Some(Instant::now());
                }
            }
            ChatEvent::Done { reason: r } => reason = Some(r),
            _ => {}
        }
    }
    assert_eq!(reason, Some(FinishReason::Cancelled));
    // At most the token in hand is finished after the cancel.
    assert!(deltas <= 4, "{deltas} deltas");
    let waited = cancelled_at.unwrap().elapsed();
    assert!(waited < Duration::from_secs(5), "{waited:?}");

    let next = ask(greedy(vec![Message::user("Say hello.")], 8))
        .await
        .unwrap();
    assert!(!next.text.is_empty(), "{next:?}");
}

#[tokio::test]
async fn a_follow_up_turn_evaluates_only_its_new_tokens() {
    let _serial = serial().await;
    let mut messages = vec![
        Message::system("You are a Magic: The Gathering rules judge."),
        Message::user("What does trample do?"),
    ];
    let first = ask(greedy(messages.clone(), 32)).await.unwrap();
    let first_usage = first.usage.unwrap();
    messages.push(Message::assistant(first.text.clone()));
    messages.push(Message::user("And deathtouch?"));
    let second = ask(greedy(messages, 16)).await.unwrap();
    let usage = second.usage.unwrap();
    // The whole first prompt is reused, and the first answer but for its last tokens (text
    // re-tokenised may split differently there); what is evaluated is the new message and
    // the template's markers around it.
    assert!(
        usage.cached_prompt_tokens >= first_usage.prompt_tokens,
        "first {first_usage:?}, second {usage:?}"
    );
    let evaluated = usage.prompt_tokens - usage.cached_prompt_tokens;
    assert!(
        evaluated <= 24,
        "{evaluated} evaluated: first {first_usage:?}, second {usage:?}"
    );
}

fn rule_tool() -> ToolDefinition {
    ToolDefinition {
        name: "get_rule".into(),
        description: "Looks up a rule of the Comprehensive Rules by its number.".into(),
        parameters: json!({
            "type": "object",
            "properties": {
                "number": {"type": "string", "description": "A rule number such as 702.19b"}
            },
            "required": ["number"]
        }),
    }
}

#[tokio::test]
async fn a_required_tool_call_is_valid_json_for_the_tools_schema() {
    let _serial = serial().await;
    let card_tool = ToolDefinition {
        name: "search_cards".into(),
        description: "Searches cards with Scryfall syntax.".into(),
        parameters: json!({
            "type": "object",
            "properties": {"query": {"type": "string"}, "limit": {"type": "integer"}},
            "required": ["query", "limit"]
        }),
    };
    let request = ChatRequest {
        tools: vec![rule_tool(), card_tool],
        tool_choice: ToolChoice::Required,
        ..greedy(vec![Message::user("What does rule 702.19b say?")], 96)
    };
    let answer = ask(request).await.unwrap();
    assert_eq!(answer.reason, Some(FinishReason::ToolCalls), "{answer:?}");
    assert_eq!(answer.calls.len(), 1, "{answer:?}");
    let call = &answer.calls[0];
    match call.name.as_str() {
        "get_rule" => assert!(call.arguments["number"].is_string(), "{call:?}"),
        "search_cards" => {
            assert!(call.arguments["query"].is_string(), "{call:?}");
            assert!(call.arguments["limit"].is_i64(), "{call:?}");
        }
        other => panic!("unknown tool {other}"),
    }
    assert!(answer.text.trim().is_empty(), "{answer:?}");
}

#[tokio::test]
async fn a_long_conversation_is_trimmed_to_fit_and_one_that_cannot_fit_is_an_error() {
    let _serial = serial().await;
    let filler = "Lightning Bolt deals 3 damage to any target. ".repeat(40);
    let mut messages = vec![Message::system("You are a judge.")];
    for turn in 0..8 {
        messages.push(Message::user(format!("Question {turn}: {filler}")));
        messages.push(Message::assistant(format!("Answer {turn}: {filler}")));
    }
    messages.push(Message::user("Say yes."));
    let answer = ask(greedy(messages, 8)).await.unwrap();
    assert!(answer.trimmed > 0 && answer.trimmed % 2 == 0, "{answer:?}");
    assert!(answer.usage.unwrap().prompt_tokens <= 2048);

    let huge = Message::user(filler.repeat(10));
    match ask(greedy(vec![huge], 8)).await {
        Err(LlmError::ContextLength { context_tokens, .. }) => assert_eq!(context_tokens, 2048),
        other => panic!("{other:?}"),
    }
}

#[test]
fn damaged_and_foreign_files_are_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(models::test_chat_model()).unwrap();
    let truncated = dir.path().join("truncated.gguf");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    match LocalModel::load(&truncated, LocalSettings::default()) {
        Err(LlmError::CorruptModel { path, reason }) => {
            assert_eq!(path, truncated);
            assert!(reason.contains("incomplete"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let html = dir.path().join("page.gguf");
    std::fs::write(&html, "<html>404</html>").unwrap();
    assert!(matches!(
        LocalModel::load(&html, LocalSettings::default()),
        Err(LlmError::NotGguf { .. })
    ));
    assert!(matches!(
        LocalModel::load(&dir.path().join("missing.gguf"), LocalSettings::default()),
        Err(LlmError::ModelNotFound { .. })
    ));
}
