//! Scryfall search syntax: text → typed [`ast::Query`] → parameterised SQL over the
//! reference schema.
//!
//! [`parse`] refuses anything it does not understand (unknown keyword, bad value, broken
//! parentheses) with a [`ParseError`] that points at the offending characters; it never
//! drops a term or runs a different query. [`compile`] turns the tree into a `WHERE` clause
//! with positional parameters and an `ORDER BY` chosen from a closed set: user text only ever
//! reaches SQLite as a bound value. Running the SQL is [`crate::search`]'s job.
//!
//! Supported (Scryfall's meaning unless noted in [`compile`]):
//! - bare words and `"phrases"` (name contains), `!name` / `!"Exact Name"`, `name:` (text or
//!   `/regex/`);
//! - `o:`/`oracle:` (reminder text left out; `~` is the card's name; `/regex/`), `fo:`,
//!   `t:`/`type:` (text or `/regex/`), `kw:`/`keyword:`;
//! - `c:`/`color:` and `id:`/`identity:` with `: = != < <= > >=`, colour letters, names,
//!   guild/shard/wedge/college/four-colour nicknames, `c`, `m`, and colour counts (`c=2`);
//! - `m:`/`mana:` (`{G}{G}`, `2WW`, `{G/U}`, `{G/P}`, `{2/W}`, `X`) with all comparisons,
//!   `produces:`;
//! - `mv`/`cmc`/`manavalue` (numbers, `even`, `odd`), `pow`, `tou`, `pt`, `loy`, `def`
//!   against numbers or each other (`pow>tou`);
//! - `r:`/`rarity:`, `s:`/`e:`/`set:`/`edition:`, `year`, `date` (a day, a year or a set
//!   code);
//! - `f:`/`format:`/`legal:`, `banned:`, `restricted:`, `game:`;
//! - `is:`/`not:` commander, brawler, companion, permanent, spell, historic, vanilla,
//!   party, bear, split, flip, transform, mdfc, dfc, meld, leveler, adventure, reserved,
//!   funny, hybrid, phyrexian, unique, reprint; `has:indicator`;
//! - `-`, `or`, `and`, parentheses; `include:extras`, `order:`, `dir:`.
//!
//! Anything else (prices, artists, flavour text, frames, cubes, tagger tags, ...) is refused
//! as an unknown keyword: the reference data does not hold it.

pub mod ast;
pub mod compile;
mod keywords;
mod lexer;
mod mana;
mod parser;
mod scryfall_regex;

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
