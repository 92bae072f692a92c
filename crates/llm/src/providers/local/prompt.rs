//! The prompt for a request: the conversation rendered with the model's chat template, tools
//! in the model's convention, trimmed to fit the context.
//!
//! Trimming policy: the system prompt and the latest turn (from the last user message on,
//! with any tool calls and results after it) are always kept. When the prompt and the room
//! kept for the answer (`max_tokens`, at most a quarter of the context) do not fit, the oldest
//! turns after the system prompt are left out whole — a user message with the replies that
//! follow it — one at a time until it fits. A message is never cut in the middle; if the kept
//! part alone does not fit, the request fails with [`LlmError::ContextLength`].

use crate::chat::{ChatRequest, Message, Role};
use crate::error::LlmError;
use crate::template::ChatTemplate;
use crate::tool_calls::messages_for_template_without_tools;

/// A prompt ready to evaluate.
#[derive(Debug, PartialEq)]
pub struct Prompt<T> {
    /// Its tokens.
    pub tokens: Vec<T>,
    /// How many of the request's messages were left out to fit.
    pub dropped_messages: usize,
}

/// The room kept for the answer when the prompt is trimmed.
pub fn answer_room(max_tokens: u32, context_tokens: u32) -> u32 {
    max_tokens.min(context_tokens / 4)
}

/// Builds the prompt of `request` for a context of `context_tokens`; `tokenize` turns the
/// rendered text into tokens.
pub fn build_prompt<T>(
    template: &ChatTemplate,
    request: &ChatRequest,
    context_tokens: u32,
    mut tokenize: impl FnMut(&str) -> Vec<T>,
) -> Result<Prompt<T>, LlmError> {
    let messages = &request.messages;
    let system = messages
        .iter()
        .take_while(|m| m.role == Role::System)
        .count();
    let latest_turn = messages
        .iter()
        .rposition(|m| m.role == Role::User)
        .unwrap_or(system)
        .max(system);
    // The turns that may be left out, each as the index of its first message.
    let turn_starts: Vec<usize> = (system..latest_turn)
        .filter(|&i| i == system || messages[i].role == Role::User)
        .collect();
    let room = answer_room(request.max_tokens, context_tokens) as usize;
    let mut smallest = 0;
    for dropped_turns in 0..=turn_starts.len() {
        let first_kept = turn_starts
            .get(dropped_turns)
            .copied()
            .unwrap_or(latest_turn);
        let kept: Vec<Message> = messages[..system]
            .iter()
            .chain(&messages[first_kept..])
            .cloned()
            .collect();
        let text = render(template, request, &kept)?;
        let tokens = tokenize(&text);
        if tokens.len() + room <= context_tokens as usize {
            return Ok(Prompt {
                tokens,
                dropped_messages: first_kept - system,
            });
        }
        smallest = tokens.len() + room;
    }
    Err(LlmError::ContextLength {
        needed_tokens: u32::try_from(smallest).unwrap_or(u32::MAX),
        context_tokens,
    })
}

fn render(
    template: &ChatTemplate,
    request: &ChatRequest,
    messages: &[Message],
) -> Result<String, LlmError> {
    if template.supports_tools() {
        template.render(messages, &request.tools, true)
    } else {
        template.render(
            &messages_for_template_without_tools(messages, &request.tools),
            &[],
            true,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::TemplateClock;

    /// ChatML, as SmolLM2 and Qwen write it (without tools).
    const CHATML: &str = "{% for message in messages %}<|im_start|>{{ message.role }}\n{{ message.content }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    fn template() -> ChatTemplate {
        ChatTemplate::new(CHATML, "", "<|im_end|>", TemplateClock::Local).unwrap()
    }

    fn conversation() -> Vec<Message> {
        vec![
            Message::system("You are a judge."),
            Message::user("one two three four"),
            Message::assistant("five six seven eight"),
            Message::user("nine ten eleven twelve"),
            Message::assistant("thirteen fourteen"),
            Message::user("what is trample?"),
        ]
    }

    #[test]
    fn a_prompt_that_fits_is_whole() {
        let request = ChatRequest::new(conversation(), 10);
        let prompt = build_prompt(&template(), &request, 1000, words).unwrap();
        assert_eq!(prompt.dropped_messages, 0);
        assert_eq!(
            prompt.tokens.first().map(String::as_str),
            Some("<|im_start|>system")
        );
    }

    #[test]
    fn the_oldest_turns_go_first_and_the_system_prompt_and_last_turn_stay() {
        let request = ChatRequest::new(conversation(), 8);
        let whole = build_prompt(&template(), &request, 1000, words)
            .unwrap()
            .tokens
            .len();
        // Room for all but the first turn (user + assistant, 10 tokens), and 8 for the answer.
        let prompt = build_prompt(&template(), &request, (whole - 10 + 8) as u32, words).unwrap();
        assert_eq!(prompt.dropped_messages, 2);
        let text = prompt.tokens.join(" ");
        assert!(text.contains("judge."), "{text}");
        assert!(!text.contains("one"), "{text}");
        assert!(text.contains("nine") && text.contains("trample?"), "{text}");
    }

    #[test]
    fn when_even_the_kept_part_does_not_fit_it_is_a_context_error() {
        let request = ChatRequest::new(conversation(), 4);
        match build_prompt(&template(), &request, 12, words) {
            Err(LlmError::ContextLength {
                needed_tokens,
                context_tokens: 12,
            }) => assert!(needed_tokens > 12),
            other => panic!("{other:?}"),
        }
    }
}
