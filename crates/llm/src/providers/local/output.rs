//! Turns the generated pieces into what the caller sees: text deltas that never show a stop
//! string or the start of a tool call, and the tool-call text kept aside for parsing.

use crate::tool_calls::ToolSyntax;

/// What the scanner says after a piece.
#[derive(Debug, PartialEq, Eq)]
pub enum Scanned {
    /// Generation goes on; `text` (maybe empty) can be shown.
    Continue {
        /// Text safe to show.
        text: String,
    },
    /// A stop string was written: show `text` and stop.
    Stop {
        /// The text before the stop string.
        text: String,
    },
}

/// Splits generated text into shown text and tool-call text.
#[derive(Debug)]
pub struct OutputScanner {
    stop: Vec<String>,
    /// The tool syntax, when the request has tools.
    tools: Option<ToolSyntax>,
    /// Text not shown yet: it may be the start of a stop string or of a call.
    pending: String,
    /// Whether any non-blank text was shown (a Llama call must start the answer).
    shown_any: bool,
    /// The text from the call marker on, once a call has started.
    call_text: Option<String>,
}

impl OutputScanner {
    /// A scanner for `stop` strings and, when `tools` is given, calls in that syntax.
    pub fn new(stop: &[String], tools: Option<ToolSyntax>) -> OutputScanner {
        OutputScanner {
            stop: stop.iter().filter(|s| !s.is_empty()).cloned().collect(),
            tools,
            pending: String::new(),
            shown_any: false,
            call_text: None,
        }
    }

    /// Takes the next piece of generated text.
    pub fn push(&mut self, piece: &str) -> Scanned {
        self.pending.push_str(piece);
        if let Some(call) = &mut self.call_text {
            call.push_str(&self.pending);
            self.pending.clear();
            // Stop strings still end generation inside a call.
            if let Some(at) = self.stop.iter().filter_map(|s| call.find(s.as_str())).min() {
                call.truncate(at);
                return Scanned::Stop {
                    text: String::new(),
                };
            }
            return Scanned::Continue {
                text: String::new(),
            };
        }
        if let Some(at) = self
            .stop
            .iter()
            .filter_map(|s| self.pending.find(s.as_str()))
            .min()
        {
            self.pending.truncate(at);
            let text = self.take_text_before_call();
            return Scanned::Stop { text };
        }
        let text = self.take_text_before_call();
        if self.call_text.is_some() {
            // Blank space before a call is the model's layout, not something to show.
            let text = if text.trim().is_empty() {
                String::new()
            } else {
                text
            };
            return Scanned::Continue { text };
        }
        // Hold back what could still become a stop string or a call marker.
        let keep = self.held_back_len();
        let cut = self.pending.len() - keep;
        let mut shown: String = self.pending.drain(..cut).collect();
        if !text.is_empty() {
            shown.insert_str(0, &text);
        }
        if !shown.trim().is_empty() {
            self.shown_any = true;
        }
        Scanned::Continue { text: shown }
    }

    /// Moves a started call out of `pending` into `call_text`, returning the text before it.
    fn take_text_before_call(&mut self) -> String {
        let Some(syntax) = self.tools else {
            return String::new();
        };
        let marker = syntax.call_marker();
        let start = if syntax.call_anywhere() {
            self.pending.find(marker)
        } else if !self.shown_any {
            let trimmed = self.pending.trim_start();
            let offset = self.pending.len() - trimmed.len();
            (trimmed.starts_with(marker) || trimmed.starts_with("<|python_tag|>")).then_some(offset)
        } else {
            None
        };
        let Some(start) = start else {
            return String::new();
        };
        let call = self.pending.split_off(start);
        self.call_text = Some(call);
        std::mem::take(&mut self.pending)
    }

    /// The length of the longest end of `pending` that begins a stop string or a call marker.
    fn held_back_len(&self) -> usize {
        let mut markers: Vec<&str> = self.stop.iter().map(String::as_str).collect();
        match self.tools {
            Some(syntax) if syntax.call_anywhere() => markers.push(syntax.call_marker()),
            // Until the answer shows text, a Llama call may still begin it.
            Some(_) if !self.shown_any && self.pending.trim().is_empty() => {
                return self.pending.len();
            }
            Some(_) if !self.shown_any => markers.push("<|python_tag|>"),
            _ => {}
        }
        let mut keep = 0;
        for marker in markers {
            for (i, _) in self.pending.char_indices() {
                let tail = &self.pending[i..];
                if tail.len() > keep && marker.starts_with(tail) {
                    keep = tail.len();
                    break;
                }
            }
        }
        keep
    }

    /// At the end of generation: the text still held back (nothing turned out to start there)
    /// and the call text, if a call started.
    pub fn finish(self) -> (String, Option<String>) {
        (self.pending, self.call_text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(scanner: &mut OutputScanner, pieces: &[&str]) -> (String, bool) {
        let mut shown = String::new();
        for piece in pieces {
            match scanner.push(piece) {
                Scanned::Continue { text } => shown.push_str(&text),
                Scanned::Stop { text } => {
                    shown.push_str(&text);
                    return (shown, true);
                }
            }
        }
        (shown, false)
    }

    #[test]
    fn stop_strings_split_across_pieces_are_never_shown() {
        let mut scanner = OutputScanner::new(&["\nUser:".into()], None);
        let (shown, stopped) = run(&mut scanner, &["Bolt deals 3.", "\nUs", "er: more"]);
        assert_eq!(shown, "Bolt deals 3.");
        assert!(stopped);
    }

    #[test]
    fn text_that_only_looked_like_a_stop_string_is_shown() {
        let mut scanner = OutputScanner::new(&["</s>".into()], None);
        let (shown, _) = run(&mut scanner, &["a <", "/b> c"]);
        assert_eq!(shown, "a </b> c");
        assert_eq!(scanner.finish(), (String::new(), None));
    }

    #[test]
    fn a_tagged_call_is_kept_aside_from_the_text() {
        let mut scanner = OutputScanner::new(&[], Some(ToolSyntax::Tagged));
        let (shown, _) = run(
            &mut scanner,
            &[
                "Let me check.",
                "<tool",
                "_call>\n{\"name\": \"get_rule\"}",
                "\n</tool_call>",
            ],
        );
        assert_eq!(shown, "Let me check.");
        let (rest, call) = scanner.finish();
        assert_eq!(rest, "");
        assert_eq!(
            call.as_deref(),
            Some("<tool_call>\n{\"name\": \"get_rule\"}\n</tool_call>")
        );
    }

    #[test]
    fn a_llama_call_must_start_the_answer() {
        let mut scanner = OutputScanner::new(&[], Some(ToolSyntax::LlamaJson));
        let (shown, _) = run(&mut scanner, &[" ", "{\"name\": ", "\"x\"}"]);
        assert_eq!(shown, "");
        assert_eq!(scanner.finish().1.as_deref(), Some("{\"name\": \"x\"}"));

        let mut prose = OutputScanner::new(&[], Some(ToolSyntax::LlamaJson));
        let (shown, _) = run(&mut prose, &["Use ", "{braces} freely"]);
        assert_eq!(shown, "Use {braces} freely");
        assert_eq!(prose.finish().1, None);
    }
}
