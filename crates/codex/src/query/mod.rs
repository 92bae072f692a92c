//! Scryfall search syntax: text → typed [`ast::Query`] → parameterised SQL over the
//! reference schema.
//!
//! [`parse`] refuses anything it does not understand (unknown keyword, bad value, broken
//! parentheses) with a [`ParseError`] that points at the offending characters; it never
//! drops a term or runs a different query. [`compile`] turns the tree into a `WHERE` clause
//! with positional parameters and an `ORDER BY` chosen from a closed set: user text only ever
//! reaches SQLite as a bound value. Running the SQL is [`crate::search`]'s job.

pub mod ast;
pub mod compile;
mod keywords;
mod lexer;
mod mana;
mod parser;

pub use ast::{Query, Span};
pub use compile::{CompiledQuery, compile};
pub use parser::parse;

/// A query the parser refused: what is wrong and where (char offsets into the query).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at column {})", .start + 1)]
pub struct ParseError {
    /// What is wrong, in words a player understands.
    pub message: String,
    /// First character of the offending text.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
}

impl ParseError {
    /// An error about the text in `span`.
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        ParseError {
            message: message.into(),
            start: span.start,
            end: span.end,
        }
    }

    /// The offending range.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// The query on one line and carets under the offending text, then the message:
    /// ```text
    /// t:goblin c:purple
    ///            ^^^^^^ unknown colour purple (...)
    /// ```
    pub fn render(&self, query: &str) -> String {
        // Tabs and newlines would break the column alignment of the caret line.
        let line: String = query
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let length = line.chars().count();
        let start = self.start.min(length);
        let width = self.end.saturating_sub(start).max(1);
        format!(
            "{line}\n{}{} {}",
            " ".repeat(start),
            "^".repeat(width),
            self.message
        )
    }
}

#[cfg(test)]
pub(crate) mod tests;
