//! The Magic: The Gathering Comprehensive Rules: parsing Wizards' text file, storing it in
//! the reference database, and answering questions about it.
//!
//! * [`parse`] reads the official text (UTF-8 with BOM, CR line ends) into
//!   [`ComprehensiveRules`]: sections, chapters, numbered rules and sub-rules with their
//!   examples, and the glossary.
//! * [`store`] writes it into the tables of `migrations/sqlite/reference/0002_rules.sql`,
//!   with FTS5 indexes for [`search`].
//! * [`rule`], [`glossary`], [`lookup`], [`search`] and [`outline`] answer from the database; their result
//!   types are the CLI's `--json` output, so their field names are a stable interface.
//!
//! This module owns the rules tables and nothing else; it never touches card data.

mod number;
mod parse;
mod query;
mod store;

use std::path::Path;

pub use number::RuleLevel;
pub use parse::parse;
pub use query::{
    OutlineSection, Rule, RuleAnswer, RuleHit, RuleHitKind, RuleRef, effective_date, glossary,
    glossary_entries, lookup, outline, rule, search,
};
pub use store::store;

use crate::{Error, Result};

/// The Comprehensive Rules as read from Wizards' text file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ComprehensiveRules {
    /// The date the rules take effect, `YYYY-MM-DD`.
    pub effective_date: String,
    /// Sections, chapters, rules and sub-rules in the document's order; every entry's parent
    /// comes before it.
    pub rules: Vec<RuleEntry>,
    /// Glossary entries in the document's (alphabetical) order.
    pub glossary: Vec<GlossaryEntry>,
}

/// One numbered entry of the rules: a section, a chapter, a rule or a sub-rule.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RuleEntry {
    /// Canonical number: `7`, `702`, `702.19`, `702.19b`.
    pub number: String,
    /// How deep the entry sits.
    pub level: RuleLevel,
    /// The number one level up (`702.19b` → `702.19` → `702` → `7`); `None` for a section.
    pub parent: Option<String>,
    /// The text after the number: a title for sections, chapters and keyword rules
    /// ("Trample"), the rule itself otherwise. Indented continuation lines follow after `\n`.
    pub text: String,
    /// The `Example:` paragraphs printed under the entry, without the `Example:` label.
    pub examples: Vec<String>,
}

/// A glossary term and its definition.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GlossaryEntry {
    /// The term as printed ("State-Based Actions", "Control, Controller").
    pub term: String,
    /// The definition verbatim; terms with several meanings keep their `1.`, `2.` lines,
    /// separated by `\n`.
    pub definition: String,
    /// Rule and section numbers the definition cites ("See rule 702.19"), in order of first
    /// mention, letter ranges ("509.1b–c") expanded; only numbers that exist in the rules.
    pub cited_rules: Vec<String>,
}

/// How many of each thing a parse found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct RuleCounts {
    /// Sections (`1.` to `9.`).
    pub sections: usize,
    /// Chapter headings (`100.` to `905.`).
    pub chapters: usize,
    /// Numbered rules without a letter (`100.1`).
    pub rules: usize,
    /// Lettered sub-rules (`100.1a`).
    pub subrules: usize,
    /// Numbered rule lines: rules plus sub-rules, the figure Wizards' file has one line for each.
    pub numbered_rules: usize,
    /// `Example:` paragraphs.
    pub examples: usize,
    /// Glossary terms.
    pub glossary_terms: usize,
}

impl ComprehensiveRules {
    /// How many sections, chapters, rules, examples and glossary terms were read.
    pub fn counts(&self) -> RuleCounts {
        let at = |level| self.rules.iter().filter(|r| r.level == level).count();
        let rules = at(RuleLevel::Rule);
        let subrules = at(RuleLevel::Subrule);
        RuleCounts {
            sections: at(RuleLevel::Section),
            chapters: at(RuleLevel::Chapter),
            rules,
            subrules,
            numbered_rules: rules + subrules,
            examples: self.rules.iter().map(|r| r.examples.len()).sum(),
            glossary_terms: self.glossary.len(),
        }
    }
}

/// Reads and parses a Comprehensive Rules text file (see [`parse`]).
pub fn read(path: &Path) -> Result<ComprehensiveRules> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&text).map_err(|e| match e {
        // Name the file rather than the generic source, so the player knows what to fix.
        Error::Format { message, .. } => Error::format(path.display().to_string(), message),
        other => other,
    })
}
