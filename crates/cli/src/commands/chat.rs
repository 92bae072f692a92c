//! `planeswalker chat`: talk to a local model, one-shot (`--prompt`) or line by line, with the
//! answer streamed as it is generated and its speed printed after it.

use std::io::{BufRead, Write};

use anyhow::Context;
use futures_util::StreamExt;
use llm::providers::local::{LocalModel, LocalSettings};
use llm::{ChatEvent, ChatRequest, FinishReason, Message, Provider, Sampling, Timing, Usage};
use tokio_util::sync::CancellationToken;

use super::CommandContext;
use crate::args::ChatArgs;

pub fn run(ctx: &CommandContext, args: ChatArgs) -> anyhow::Result<()> {
    let mut settings = LocalSettings {
        context_tokens: args.context,
        ..LocalSettings::default()
    };
    if let Some(threads) = args.threads {
        settings.threads = threads;
    }
    let path = super::models::resolve_model(ctx, &args.model)?;
    let model = LocalModel::load(&path, settings)
        .with_context(|| format!("cannot use the model {}", path.display()))?;
    let sampling = Sampling {
        temperature: args.temperature,
        seed: args.seed,
        ..Sampling::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let mut messages = Vec::new();
    if let Some(system) = &args.system {
        messages.push(Message::system(system.clone()));
    }
    let ask = |messages: &[Message]| -> anyhow::Result<Option<String>> {
        let request = ChatRequest {
            sampling,
            ..ChatRequest::new(messages.to_vec(), args.max_tokens)
        };
        runtime.block_on(answer(&model, request, ctx.json))
    };
    if let Some(prompt) = &args.prompt {
        messages.push(Message::user(prompt.clone()));
        ask(&messages)?;
        return Ok(());
    }
    let stdin = std::io::stdin();
    let mut line = String::new();
    loop {
        eprint!("> ");
        std::io::stderr().flush()?;
        line.clear();
        if stdin.lock().read_line(&mut line)? == 0 {
            return Ok(());
        }
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        messages.push(Message::user(text));
        match ask(&messages)? {
            Some(reply) => messages.push(Message::assistant(reply)),
            // A cancelled answer is not kept: the next question follows the last whole one.
            None => {
                messages.pop();
            }
        }
    }
}

/// Streams one answer to stdout (or prints its events as JSON lines with `--json`) and its
/// figures to stderr; Ctrl-C stops it. The answer's text, or `None` when it was cancelled.
async fn answer(
    model: &LocalModel,
    request: ChatRequest,
    json: bool,
) -> anyhow::Result<Option<String>> {
    let cancel = CancellationToken::new();
    let on_ctrl_c = cancel.clone();
    let ctrl_c = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.cancel();
        }
    });
    let mut events = model.chat_stream(request, cancel);
    let mut text = String::new();
    let mut usage = Usage::default();
    let mut timing = None;
    let mut reason = None;
    let mut out = std::io::stdout().lock();
    while let Some(event) = events.next().await {
        let event = event?;
        if json {
            serde_json::to_writer(&mut out, &event)?;
            writeln!(out)?;
        }
        match event {
            ChatEvent::TextDelta { text: delta } => {
                if !json {
                    write!(out, "{delta}")?;
                    out.flush()?;
                }
                text.push_str(&delta);
            }
            ChatEvent::ContextTrimmed { dropped_messages } if !json => {
                eprintln!("(the {dropped_messages} oldest messages were left out to fit)");
            }
            ChatEvent::Usage(u) => usage = u,
            ChatEvent::Timing(t) => timing = Some(t),
            ChatEvent::Done { reason: r } => reason = Some(r),
            _ => {}
        }
    }
    ctrl_c.abort();
    if !json {
        writeln!(out)?;
        eprintln!("{}", figures(&usage, timing.as_ref(), reason));
    }
    Ok((reason != Some(FinishReason::Cancelled)).then_some(text))
}

/// "TTFT 120 ms · 48.2 tok/s · prompt 35 tokens (20 cached) · 64 generated · stop".
fn figures(usage: &Usage, timing: Option<&Timing>, reason: Option<FinishReason>) -> String {
    let mut parts = Vec::new();
    if let Some(timing) = timing {
        parts.push(format!(
            "TTFT {:.0} ms",
            timing.time_to_first_token.as_secs_f64() * 1000.0
        ));
        parts.push(format!("{:.1} tok/s", timing.generation_tokens_per_second));
    }
    parts.push(format!(
        "prompt {} tokens ({} cached)",
        usage.prompt_tokens, usage.cached_prompt_tokens
    ));
    parts.push(format!("{} generated", usage.generated_tokens));
    if let Some(reason) = reason {
        parts.push(
            match reason {
                FinishReason::Stop => "done",
                FinishReason::Length => "stopped at the token limit",
                FinishReason::ToolCalls => "tool calls",
                FinishReason::Cancelled => "cancelled",
            }
            .to_owned(),
        );
    }
    parts.join(" · ")
}
