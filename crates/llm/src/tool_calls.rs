//! Tool calls in a local model's own convention: how the tools are put into the prompt, how
//! the calls are read back from the generated text, and the grammar that constrains the output
//! to a valid call when the caller requires one.
//!
//! Two conventions cover the catalogue:
//! - [`ToolSyntax::Tagged`]: `<tool_call>{"name": …, "arguments": {…}}</tool_call>`, as Qwen 2.5
//!   and Hermes-style templates write it. Models whose template knows no tools (Phi-3.5,
//!   SmolLM2) are taught this one in the system prompt, and their tool results come back as
//!   `<tool_response>` user messages, since such templates drop roles they do not know.
//! - [`ToolSyntax::LlamaJson`]: a bare `{"name": …, "parameters": {…}}` object, possibly after
//!   `<|python_tag|>`, as the Llama 3.1+ templates ask for.

use serde_json::{Value, json};

use crate::chat::{Message, Role, ToolCall, ToolDefinition};
use crate::error::LlmError;

const CALL_OPEN: &str = "<tool_call>";
const CALL_CLOSE: &str = "</tool_call>";
const PYTHON_TAG: &str = "<|python_tag|>";

/// How a model writes tool calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolSyntax {
    /// `<tool_call>` tags around a JSON object with `name` and `arguments`.
    Tagged,
    /// A bare JSON object with `name` and `parameters` (Llama 3.1+).
    LlamaJson,
}

impl ToolSyntax {
    /// The convention a chat template's source asks for.
    pub fn of_template(source: &str) -> ToolSyntax {
        if source.contains(CALL_OPEN) || !source.contains("tools") {
            ToolSyntax::Tagged
        } else if source.contains(PYTHON_TAG) || source.contains("\"parameters\"") {
            ToolSyntax::LlamaJson
        } else {
            ToolSyntax::Tagged
        }
    }

    /// The key holding a call's arguments.
    fn arguments_key(self) -> &'static str {
        match self {
            ToolSyntax::Tagged => "arguments",
            ToolSyntax::LlamaJson => "parameters",
        }
    }

    /// Where a call starts in generated text: the tag, or (Llama) the answer's first `{`.
    pub fn call_marker(self) -> &'static str {
        match self {
            ToolSyntax::Tagged => CALL_OPEN,
            ToolSyntax::LlamaJson => "{",
        }
    }

    /// Whether a call may start anywhere in the answer (a tag), or only at its start.
    pub fn call_anywhere(self) -> bool {
        matches!(self, ToolSyntax::Tagged)
    }
}

/// The conversation as a template that knows no tools can render it: the tools described in
/// the system prompt, earlier calls written out in the tagged syntax, and tool results as
/// user messages.
pub fn messages_for_template_without_tools(
    messages: &[Message],
    tools: &[ToolDefinition],
) -> Vec<Message> {
    let mut out = Vec::with_capacity(messages.len() + 1);
    let instructions = tool_instructions(tools);
    let mut rest = messages;
    match messages.first() {
        Some(first) if first.role == Role::System => {
            out.push(Message::system(if instructions.is_empty() {
                first.content.clone()
            } else {
                format!("{}\n\n{instructions}", first.content)
            }));
            rest = &messages[1..];
        }
        _ if !instructions.is_empty() => out.push(Message::system(instructions)),
        _ => {}
    }
    for message in rest {
        match message.role {
            Role::Assistant if !message.tool_calls.is_empty() => {
                let mut content = message.content.clone();
                for call in &message.tool_calls {
                    if !content.is_empty() {
                        content.push('\n');
                    }
                    content.push_str(&tagged_call(call));
                }
                out.push(Message::assistant(content));
            }
            Role::Tool => out.push(Message::user(format!(
                "<tool_response>\n{}\n</tool_response>",
                message.content
            ))),
            _ => out.push(message.clone()),
        }
    }
    out
}

fn tagged_call(call: &ToolCall) -> String {
    let body = json!({"name": call.name, "arguments": call.arguments});
    format!("{CALL_OPEN}\n{body}\n{CALL_CLOSE}")
}

/// The system prompt's tool section for models whose template has none.
fn tool_instructions(tools: &[ToolDefinition]) -> String {
    if tools.is_empty() {
        return String::new();
    }
    let mut text = String::from(
        "You can call tools to answer. The tools, as JSON function signatures:\n<tools>\n",
    );
    for tool in tools {
        let signature = json!({
            "type": "function",
            "function": {
                "name": tool.name,
                "description": tool.description,
                "parameters": tool.parameters,
            }
        });
        text.push_str(&signature.to_string());
        text.push('\n');
    }
    text.push_str(
        "</tools>\nTo call a tool, answer with only a JSON object with the tool's name and \
         arguments inside tags:\n<tool_call>\n{\"name\": \"<tool name>\", \"arguments\": \
         {<arguments>}}\n</tool_call>",
    );
    text
}

/// Reads the tool calls out of the text that followed a call marker (see
/// [`ToolSyntax::call_marker`]). `next_id` numbers the calls.
pub fn parse_calls(
    syntax: ToolSyntax,
    text: &str,
    next_id: &mut impl FnMut() -> String,
) -> Result<Vec<ToolCall>, LlmError> {
    let malformed = |reason: &str| LlmError::MalformedToolCall {
        reason: reason.to_owned(),
        output: text.to_owned(),
    };
    let bodies: Vec<&str> = match syntax {
        ToolSyntax::Tagged => {
            let mut bodies = Vec::new();
            let mut rest = text;
            while let Some(start) = rest.find(CALL_OPEN) {
                let after = &rest[start + CALL_OPEN.len()..];
                // A model that ends its turn right after the object may leave out the close.
                let end = after.find(CALL_CLOSE).unwrap_or(after.len());
                bodies.push(&after[..end]);
                rest = after.get(end + CALL_CLOSE.len()..).unwrap_or("");
            }
            bodies
        }
        ToolSyntax::LlamaJson => {
            let body = text.trim_start();
            let body = body.strip_prefix(PYTHON_TAG).unwrap_or(body);
            // Several calls are separated by `;` in Llama 3.1's built-in format.
            split_json_objects(body).map_err(&malformed)?
        }
    };
    if bodies.is_empty() {
        return Err(malformed("no call found"));
    }
    bodies
        .into_iter()
        .map(|body| {
            let value: Value = serde_json::from_str(body.trim())
                .map_err(|e| malformed(&format!("not JSON: {e}")))?;
            let name = value
                .get("name")
                .and_then(Value::as_str)
                .ok_or_else(|| malformed("no \"name\""))?;
            let arguments = value
                .get(syntax.arguments_key())
                .or_else(|| value.get("arguments"))
                .or_else(|| value.get("parameters"))
                .cloned()
                .unwrap_or_else(|| json!({}));
            // Some models write the arguments as a JSON string.
            let arguments = match arguments {
                Value::String(text) => serde_json::from_str(&text)
                    .map_err(|_| malformed("the arguments are not a JSON object"))?,
                other => other,
            };
            if !arguments.is_object() {
                return Err(malformed("the arguments are not a JSON object"));
            }
            Ok(ToolCall {
                id: next_id(),
                name: name.to_owned(),
                arguments,
            })
        })
        .collect()
}

/// The top-level JSON objects of `text`, separated by whitespace or `;`.
fn split_json_objects(text: &str) -> Result<Vec<&str>, &'static str> {
    let mut objects = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut start = None;
    for (i, c) in text.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => {
                if depth == 0 {
                    start = Some(i);
                }
                depth += 1;
            }
            '}' => {
                depth = depth.checked_sub(1).ok_or("unbalanced braces")?;
                if depth == 0
                    && let Some(s) = start.take()
                {
                    objects.push(&text[s..=i]);
                }
            }
            c if depth == 0 && !(c.is_whitespace() || c == ';') => {
                return Err("text around the call");
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err("the call's JSON is cut off");
    }
    Ok(objects)
}

/// The JSON Schema of one call of any of `tools` in `syntax`: `{"name": <const>, <arguments
/// key>: <the tool's parameters>}`.
pub fn call_schema(syntax: ToolSyntax, tools: &[ToolDefinition]) -> Value {
    let key = syntax.arguments_key();
    let one_of: Vec<Value> = tools
        .iter()
        .map(|tool| {
            json!({
                "type": "object",
                "properties": {
                    "name": {"const": tool.name},
                    key: tool.parameters,
                },
                "required": ["name", key],
                "additionalProperties": false,
            })
        })
        .collect();
    if one_of.len() == 1 {
        one_of.into_iter().next().unwrap_or_default()
    } else {
        json!({ "oneOf": one_of })
    }
}

/// A GBNF grammar for exactly one call in `syntax`, from the grammar `call_grammar` that
/// llama.cpp's `json_schema_to_grammar` made of [`call_schema`] (its rule `root` is renamed so
/// the envelope can be the root).
pub fn wrap_call_grammar(syntax: ToolSyntax, call_grammar: &str) -> String {
    let renamed: String = call_grammar
        .lines()
        .map(|line| match line.strip_prefix("root ::=") {
            Some(rest) => format!("tool-call ::={rest}"),
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let root = match syntax {
        ToolSyntax::Tagged => format!("root ::= \"{CALL_OPEN}\\n\" tool-call \"\\n{CALL_CLOSE}\""),
        ToolSyntax::LlamaJson => "root ::= tool-call".to_owned(),
    };
    format!("{root}\n{renamed}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("call_{n}")
        }
    }

    #[test]
    fn tagged_calls_are_read_with_or_without_the_closing_tag() {
        let text = "<tool_call>\n{\"name\": \"get_rule\", \"arguments\": {\"number\": \"702.19b\"}}\n</tool_call>\n<tool_call>{\"name\": \"search_cards\", \"arguments\": \"{\\\"query\\\": \\\"bolt\\\"}\"}";
        let calls = parse_calls(ToolSyntax::Tagged, text, &mut ids()).unwrap();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "get_rule");
        assert_eq!(calls[0].arguments, json!({"number": "702.19b"}));
        assert_eq!(calls[1].id, "call_2");
        assert_eq!(calls[1].arguments, json!({"query": "bolt"}));
    }

    #[test]
    fn llama_calls_are_bare_objects_after_an_optional_python_tag() {
        let text = "<|python_tag|>{\"name\": \"get_rule\", \"parameters\": {\"number\": \"}\"}}; {\"name\": \"x\", \"parameters\": {}}";
        let calls = parse_calls(ToolSyntax::LlamaJson, text, &mut ids()).unwrap();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].arguments, json!({"number": "}"}));
    }

    #[test]
    fn malformed_calls_are_errors_that_keep_the_text() {
        for (syntax, text) in [
            (
                ToolSyntax::Tagged,
                "<tool_call>{\"name\": \"get_rule\", \"arguments\": {",
            ),
            (
                ToolSyntax::Tagged,
                "<tool_call>{\"arguments\": {}}</tool_call>",
            ),
            (
                ToolSyntax::LlamaJson,
                "{\"name\": \"a\", \"parameters\": [1]}",
            ),
            (ToolSyntax::LlamaJson, "{\"name\": \"a\"} and some prose"),
        ] {
            match parse_calls(syntax, text, &mut ids()) {
                Err(LlmError::MalformedToolCall { output, .. }) => assert_eq!(output, text),
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn templates_without_tools_get_instructions_and_tagged_history() {
        let tool = ToolDefinition {
            name: "get_rule".into(),
            description: "A rule by number.".into(),
            parameters: json!({"type": "object", "properties": {"number": {"type": "string"}}}),
        };
        let mut call = Message::assistant("");
        call.tool_calls.push(ToolCall {
            id: "call_1".into(),
            name: "get_rule".into(),
            arguments: json!({"number": "702.19b"}),
        });
        let messages = [
            Message::user("What is deathtouch?"),
            call,
            Message::tool_result("call_1", "702.2b ..."),
        ];
        let converted = messages_for_template_without_tools(&messages, &[tool]);
        assert_eq!(converted.len(), 4);
        assert_eq!(converted[0].role, Role::System);
        assert!(
            converted[0].content.contains("{\"name\":\"get_rule\""),
            "{converted:?}"
        );
        assert!(converted[2].content.starts_with("<tool_call>\n{"));
        assert_eq!(converted[3].role, Role::User);
        assert_eq!(
            converted[3].content,
            "<tool_response>\n702.2b ...\n</tool_response>"
        );
    }

    #[test]
    fn the_call_grammar_wraps_the_schema_grammar() {
        let grammar = wrap_call_grammar(ToolSyntax::Tagged, "root ::= \"{\" ws \"}\"\nws ::= [ ]*");
        assert_eq!(
            grammar,
            "root ::= \"<tool_call>\\n\" tool-call \"\\n</tool_call>\"\ntool-call ::= \"{\" ws \"}\"\nws ::= [ ]*\n"
        );
    }

    #[test]
    fn template_sources_choose_the_syntax() {
        assert_eq!(
            ToolSyntax::of_template("{{ messages }}"),
            ToolSyntax::Tagged
        );
        assert_eq!(
            ToolSyntax::of_template("{% if tools %}<tool_call>{% endif %}"),
            ToolSyntax::Tagged
        );
        assert_eq!(
            ToolSyntax::of_template(
                "{% if tools %}{\"name\": function name, \"parameters\": …}<|python_tag|>{% endif %}"
            ),
            ToolSyntax::LlamaJson
        );
    }
}
