//! A model's own chat template (the Jinja source in its GGUF metadata, as on Hugging Face)
//! rendered with minijinja the way Hugging Face `transformers` renders it, so any instruct
//! model gets the prompt format it was trained on.
//!
//! Fidelity to `transformers`' `apply_chat_template`: blocks trimmed and left-stripped,
//! `loopcontrols`, Python string/dict/list methods (`.strip()`, `.items()`...), and the
//! helpers it adds: `raise_exception`, `strftime_now` and a `tojson` that writes what Python's
//! `json.dumps(ensure_ascii=False)` writes (`", "` and `": "` separators; no HTML escaping).
//! Messages and tools are given in the OpenAI shape templates are written for.

use minijinja::value::{Kwargs, Serde};
use minijinja::{Environment, Error as JinjaError, ErrorKind, Value};
use serde_json::json;

use crate::chat::{Message, ToolDefinition};
use crate::error::LlmError;

const TEMPLATE_NAME: &str = "chat";

/// Where `strftime_now` reads the time: the clock, or a fixed time (tests, reproducible
/// prompts).
#[derive(Debug, Clone, Copy)]
pub enum TemplateClock {
    /// The local time now.
    Local,
    /// Always this time.
    Fixed(chrono::NaiveDateTime),
}

/// A compiled chat template.
pub struct ChatTemplate {
    env: Environment<'static>,
    bos_token: String,
    eos_token: String,
    supports_tools: bool,
}

impl std::fmt::Debug for ChatTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatTemplate")
            .field("bos_token", &self.bos_token)
            .field("eos_token", &self.eos_token)
            .field("supports_tools", &self.supports_tools)
            .finish_non_exhaustive()
    }
}

impl ChatTemplate {
    /// Compiles `source`; `bos_token` and `eos_token` are the model's own (templates print
    /// them).
    pub fn new(
        source: &str,
        bos_token: &str,
        eos_token: &str,
        clock: TemplateClock,
    ) -> Result<ChatTemplate, LlmError> {
        let mut env = Environment::new();
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(template_error)?;
        env.set_syntax(syntax);
        env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
        env.add_function("raise_exception", raise_exception);
        env.add_function("strftime_now", move |format: String| {
            let now = match clock {
                TemplateClock::Local => chrono::Local::now().naive_local(),
                TemplateClock::Fixed(time) => time,
            };
            strftime(now, &format)
        });
        env.add_filter("tojson", tojson);
        env.add_template_owned(TEMPLATE_NAME, source.to_owned())
            .map_err(template_error)?;
        Ok(ChatTemplate {
            env,
            bos_token: bos_token.to_owned(),
            eos_token: eos_token.to_owned(),
            // Templates that take tools read a `tools` variable; the others never mention it.
            supports_tools: source.contains("tools"),
        })
    }

    /// Whether the template writes tool definitions into the prompt itself.
    pub fn supports_tools(&self) -> bool {
        self.supports_tools
    }

    /// The prompt for `messages`, with `tools` when the template takes them, ending with the
    /// assistant's turn opened when `add_generation_prompt`.
    pub fn render(
        &self,
        messages: &[Message],
        tools: &[ToolDefinition],
        add_generation_prompt: bool,
    ) -> Result<String, LlmError> {
        let messages: Vec<serde_json::Value> = messages.iter().map(template_message).collect();
        let tools: Option<Vec<serde_json::Value>> = (!tools.is_empty()).then(|| {
            tools
                .iter()
                .map(|tool| {
                    json!({
                        "type": "function",
                        "function": {
                            "name": tool.name,
                            "description": tool.description,
                            "parameters": tool.parameters,
                        }
                    })
                })
                .collect()
        });
        let template = self
            .env
            .get_template(TEMPLATE_NAME)
            .map_err(template_error)?;
        template
            .render(minijinja::context! {
                messages => Serde(messages),
                tools => Serde(tools),
                add_generation_prompt => add_generation_prompt,
                bos_token => self.bos_token.as_str(),
                eos_token => self.eos_token.as_str(),
            })
            .map_err(template_error)
    }
}

/// A message in the OpenAI shape: tool calls as `{id, type, function: {name, arguments}}`
/// with the arguments an object, as `transformers` passes them.
fn template_message(message: &Message) -> serde_json::Value {
    let mut value = json!({
        "role": message.role.as_str(),
        "content": message.content,
    });
    if !message.tool_calls.is_empty() {
        value["tool_calls"] = message
            .tool_calls
            .iter()
            .map(|call| {
                json!({
                    "id": call.id,
                    "type": "function",
                    "function": { "name": call.name, "arguments": call.arguments },
                })
            })
            .collect();
    }
    if let Some(id) = &message.tool_call_id {
        value["tool_call_id"] = json!(id);
    }
    value
}

fn template_error(error: JinjaError) -> LlmError {
    let reason = match (error.kind(), error.detail()) {
        // The template's own words, from raise_exception.
        (ErrorKind::InvalidOperation, Some(detail)) => detail.to_owned(),
        _ => error.to_string(),
    };
    LlmError::Template { reason }
}

fn raise_exception(message: String) -> Result<Value, JinjaError> {
    Err(JinjaError::new(ErrorKind::InvalidOperation, message))
}

/// Python's `time.strftime`, for the directives templates use; chrono's own format strings
/// are a superset of C's, so they are passed through.
fn strftime(time: chrono::NaiveDateTime, format: &str) -> Result<String, JinjaError> {
    use std::fmt::Write as _;
    let mut out = String::new();
    write!(out, "{}", time.format(format)).map_err(|_| {
        JinjaError::new(
            ErrorKind::InvalidOperation,
            format!("strftime_now: unsupported format {format:?}"),
        )
    })?;
    Ok(out)
}

/// `tojson` as `transformers` defines it: `json.dumps(value, ensure_ascii=False,
/// indent=indent, sort_keys=sort_keys)`.
fn tojson(value: &Value, indent: Option<usize>, kwargs: Kwargs) -> Result<Value, JinjaError> {
    let indent = match indent {
        Some(indent) => Some(indent),
        None => kwargs.get::<Option<usize>>("indent")?,
    };
    let sort_keys = kwargs.get::<Option<bool>>("sort_keys")?.unwrap_or(false);
    // Accepted for compatibility; the output is never ASCII-escaped, as in transformers.
    let _: Option<bool> = kwargs.get("ensure_ascii")?;
    kwargs.assert_all_used()?;
    let json = serde_json::to_value(value).map_err(|e| {
        JinjaError::new(ErrorKind::InvalidOperation, "tojson: not serialisable").with_source(e)
    })?;
    let mut out = String::new();
    python_json(&json, indent.map(|n| (n, 0)), sort_keys, &mut out);
    Ok(Value::from_safe_string(out))
}

/// Writes `value` as Python's `json.dumps` does: `", "` and `": "` between items on one line,
/// or one item per line indented by `indent.0` spaces (then `","` ends a line).
fn python_json(
    value: &serde_json::Value,
    indent: Option<(usize, usize)>,
    sort_keys: bool,
    out: &mut String,
) {
    use serde_json::Value as J;
    let newline = |out: &mut String, depth: usize| {
        if let Some((width, _)) = indent {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', width * depth));
        }
    };
    let depth = indent.map_or(0, |(_, depth)| depth);
    let inner = indent.map(|(width, depth)| (width, depth + 1));
    let separator = if indent.is_some() { "," } else { ", " };
    match value {
        J::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(separator);
                }
                newline(out, depth + 1);
                python_json(item, inner, sort_keys, out);
            }
            newline(out, depth);
            out.push(']');
        }
        J::Object(map) if !map.is_empty() => {
            let mut entries: Vec<(&String, &serde_json::Value)> = map.iter().collect();
            if sort_keys {
                entries.sort_by(|a, b| a.0.cmp(b.0));
            }
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(separator);
                }
                newline(out, depth + 1);
                out.push_str(&J::String(key.clone()).to_string());
                out.push_str(": ");
                python_json(item, inner, sort_keys, out);
            }
            newline(out, depth);
            out.push('}');
        }
        // Scalars, `[]` and `{}` are written the same by both.
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::ToolCall;

    fn fixed_clock() -> TemplateClock {
        TemplateClock::Fixed(
            chrono::NaiveDate::from_ymd_opt(2024, 7, 26)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .unwrap(),
        )
    }

    /// The fixtures: real templates and what `transformers` renders for each conversation
    /// (see tests/fixtures/chat_templates/SOURCES.md).
    fn fixture(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/chat_templates")
            .join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// A conversation of the fixtures, in the OpenAI shape, as our types.
    fn fixture_messages(messages: &serde_json::Value) -> Vec<Message> {
        messages
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let role: crate::chat::Role = serde_json::from_value(m["role"].clone()).unwrap();
                let mut message = Message::new(role, m["content"].as_str().unwrap_or(""));
                message.tool_call_id = m["tool_call_id"].as_str().map(str::to_owned);
                for call in m["tool_calls"].as_array().into_iter().flatten() {
                    message.tool_calls.push(ToolCall {
                        id: call["id"].as_str().unwrap_or("").to_owned(),
                        name: call["function"]["name"].as_str().unwrap().to_owned(),
                        arguments: call["function"]["arguments"].clone(),
                    });
                }
                message
            })
            .collect()
    }

    #[test]
    fn real_templates_render_what_transformers_renders() {
        let manifest: serde_json::Value =
            serde_json::from_str(&fixture("expected/manifest.json")).unwrap();
        let conversations: serde_json::Value =
            serde_json::from_str(&fixture("conversations.json")).unwrap();
        let mut compared = 0;
        for case in manifest["cases"].as_array().unwrap() {
            let conversation = conversations["conversations"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["id"] == case["conversation"])
                .unwrap();
            // Our messages always have content ("" when none), so the fixture whose tool-call
            // message has no content key at all is the one case they cannot express; its twin
            // with `"content": ""` is compared instead.
            let messages = conversation["messages"].as_array().unwrap();
            if messages.iter().any(|m| m.get("content").is_none()) {
                continue;
            }
            let tools: Vec<ToolDefinition> = match conversation["tools"].as_str() {
                Some(set) => conversations["tool_sets"][set]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| ToolDefinition {
                        name: t["function"]["name"].as_str().unwrap().to_owned(),
                        description: t["function"]["description"].as_str().unwrap().to_owned(),
                        parameters: t["function"]["parameters"].clone(),
                    })
                    .collect(),
                None => Vec::new(),
            };
            let template = ChatTemplate::new(
                &fixture(case["template"].as_str().unwrap()),
                case["bos_token"].as_str().unwrap_or(""),
                case["eos_token"].as_str().unwrap_or(""),
                fixed_clock(),
            )
            .unwrap();
            let rendered = template.render(
                &fixture_messages(&conversation["messages"]),
                &tools,
                case["add_generation_prompt"].as_bool().unwrap(),
            );
            let name = format!("{} × {}", case["model"], case["conversation"]);
            match case["output"].as_str() {
                Some(output) => {
                    let expected = fixture(&format!("expected/{output}"));
                    assert_eq!(rendered.unwrap(), expected, "{name}");
                }
                None => assert!(rendered.is_err(), "{name} should fail"),
            }
            compared += 1;
        }
        assert!(compared >= 35, "only {compared} cases compared");
    }

    #[test]
    fn tojson_writes_what_python_json_dumps_writes() {
        let value = json!({"b": [1, 2.5, "Lim-Dûl's \"Vault\"\n"], "a": {}, "c": [], "d": null});
        let mut compact = String::new();
        python_json(&value, None, false, &mut compact);
        assert_eq!(
            compact,
            r#"{"b": [1, 2.5, "Lim-Dûl's \"Vault\"\n"], "a": {}, "c": [], "d": null}"#
        );
        let mut indented = String::new();
        python_json(
            &json!({"a": [1, {"b": true}]}),
            Some((2, 0)),
            false,
            &mut indented,
        );
        assert_eq!(
            indented,
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": true\n    }\n  ]\n}"
        );
    }

    #[test]
    fn raise_exception_is_an_error_with_the_templates_words() {
        let template = ChatTemplate::new(
            "{{ raise_exception('Only user and assistant roles are supported!') }}",
            "",
            "",
            fixed_clock(),
        )
        .unwrap();
        let error = template
            .render(&[Message::user("hi")], &[], true)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "the model's chat template failed: Only user and assistant roles are supported!"
        );
    }

    #[test]
    fn a_template_that_does_not_compile_is_a_template_error() {
        let error = ChatTemplate::new("{% if %}", "", "", fixed_clock()).unwrap_err();
        assert!(matches!(error, LlmError::Template { .. }), "{error:?}");
    }

    #[test]
    fn python_methods_dates_and_tool_calls_render() {
        let source = "{{ bos_token }}{{ strftime_now('%d %b %Y') }}|\
            {% for m in messages %}{{ m.role }}:{{ m.content.strip() }}\
            {% for c in m.tool_calls or [] %}[{{ c.function.name }} {{ c.function.arguments | tojson }}]{% endfor %}\
            {% endfor %}{% if tools %}{{ tools[0] | tojson }}{% endif %}";
        let template = ChatTemplate::new(source, "<s>", "</s>", fixed_clock()).unwrap();
        let mut call = Message::assistant("");
        call.tool_calls.push(ToolCall {
            id: "call_1".into(),
            name: "get_rule".into(),
            arguments: json!({"number": "702.19b"}),
        });
        let tool = ToolDefinition {
            name: "get_rule".into(),
            description: "A rule by number.".into(),
            parameters: json!({"type": "object"}),
        };
        let rendered = template
            .render(&[Message::user("  trample?  "), call], &[tool], true)
            .unwrap();
        assert_eq!(
            rendered,
            "<s>26 Jul 2024|user:trample?assistant:[get_rule {\"number\": \"702.19b\"}]\
             {\"type\": \"function\", \"function\": {\"name\": \"get_rule\", \"description\": \
             \"A rule by number.\", \"parameters\": {\"type\": \"object\"}}}"
        );
    }
}
