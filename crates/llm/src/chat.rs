//! What a caller asks of a model: the conversation, the tools it may call and how to sample.
//! Every provider takes the same [`ChatRequest`]; vendor wire formats stay in their folders.

use serde::{Deserialize, Serialize};

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Instructions for the model, ahead of the conversation.
    System,
    /// The player.
    User,
    /// The model.
    Assistant,
    /// The result of a tool call, answering the assistant's call with the same id.
    Tool,
}

impl Role {
    /// The role's name as chat templates and cloud APIs spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::System => "system",
            Role::User => "user",
            Role::Assistant => "assistant",
            Role::Tool => "tool",
        }
    }
}

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// Who wrote it.
    pub role: Role,
    /// Its text (for a tool message, the tool's output).
    pub content: String,
    /// The tools an assistant message called, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tool_calls: Vec<ToolCall>,
    /// For a tool message: the id of the call it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<String>,
}

impl Message {
    /// A message of `role` with `content` and nothing else.
    pub fn new(role: Role, content: impl Into<String>) -> Message {
        Message {
            role,
            content: content.into(),
            tool_calls: Vec::new(),
            tool_call_id: None,
        }
    }

    /// A system message.
    pub fn system(content: impl Into<String>) -> Message {
        Message::new(Role::System, content)
    }

    /// A user message.
    pub fn user(content: impl Into<String>) -> Message {
        Message::new(Role::User, content)
    }

    /// An assistant message.
    pub fn assistant(content: impl Into<String>) -> Message {
        Message::new(Role::Assistant, content)
    }

    /// A tool's `output` for the call `call_id`.
    pub fn tool_result(call_id: impl Into<String>, output: impl Into<String>) -> Message {
        Message {
            tool_call_id: Some(call_id.into()),
            ..Message::new(Role::Tool, output)
        }
    }
}

/// A tool the model may call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolDefinition {
    /// The name the model calls it by.
    pub name: String,
    /// What it does, written for the model.
    pub description: String,
    /// Its arguments as a JSON Schema object.
    pub parameters: serde_json::Value,
}

/// A tool call made by the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCall {
    /// Ties the call to its result message.
    pub id: String,
    /// The tool's name.
    pub name: String,
    /// The arguments, a JSON object.
    pub arguments: serde_json::Value,
}

/// Whether, and how strictly, the model calls tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolChoice {
    /// The model answers in text or calls tools, as it sees fit; its calls are parsed from
    /// its output and a malformed one is an error event.
    #[default]
    Auto,
    /// The model must call one of the tools, and its output is constrained (a grammar built
    /// from the tools' schemas, where the provider supports one) so the call is valid JSON
    /// matching a schema.
    Required,
}

/// How the next token is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Sampling {
    /// 0 picks the likeliest token every time (greedy).
    pub temperature: f32,
    /// Nucleus sampling: keep the likeliest tokens whose probabilities add up to this.
    pub top_p: f32,
    /// Keep only this many likeliest tokens (0: no limit).
    pub top_k: u32,
    /// Drop tokens less likely than this fraction of the likeliest one.
    pub min_p: f32,
    /// Penalty for repeating recent tokens (1: none).
    pub repeat_penalty: f32,
    /// Seed of the random choice, so a run can be repeated.
    pub seed: u32,
}

impl Default for Sampling {
    /// llama.cpp's defaults, which suit the instruct models of the catalogue.
    fn default() -> Self {
        Sampling {
            temperature: 0.8,
            top_p: 0.95,
            top_k: 40,
            min_p: 0.05,
            repeat_penalty: 1.0,
            seed: 0x5EED,
        }
    }
}

impl Sampling {
    /// Always the likeliest token: the same prompt gives the same answer.
    pub fn greedy() -> Sampling {
        Sampling {
            temperature: 0.0,
            ..Sampling::default()
        }
    }
}

/// One request to a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatRequest {
    /// The conversation so far, oldest first.
    pub messages: Vec<Message>,
    /// The tools the model may call.
    #[serde(default)]
    pub tools: Vec<ToolDefinition>,
    /// How tools are called.
    #[serde(default)]
    pub tool_choice: ToolChoice,
    /// How tokens are chosen.
    #[serde(default)]
    pub sampling: Sampling,
    /// The most tokens to generate.
    pub max_tokens: u32,
    /// Generation stops before any of these strings (which are not part of the answer).
    #[serde(default)]
    pub stop: Vec<String>,
}

impl ChatRequest {
    /// A request for `messages`, with default sampling, no tools and at most `max_tokens`.
    pub fn new(messages: Vec<Message>, max_tokens: u32) -> ChatRequest {
        ChatRequest {
            messages,
            tools: Vec::new(),
            tool_choice: ToolChoice::Auto,
            sampling: Sampling::default(),
            max_tokens,
            stop: Vec::new(),
        }
    }
}
