//! Answering questions from the stored rules: a rule by number, a glossary term, either
//! from one query, and BM25 full-text search. Read-only.
//!
//! The result types are the CLI's `--json` output and the agent's tool output: renaming a
//! field is a breaking change.

use rusqlite::{Connection, OptionalExtension, params};

use super::GlossaryEntry;
use super::number::{RuleLevel, RuleNumber, looks_like_rule_number};
use super::store::EFFECTIVE_DATE_KEY;
use crate::names::name_key;
use crate::{Error, Result};

/// How many neighbours a missing rule number suggests (besides its closest ancestor).
const RULE_SUGGESTIONS: usize = 5;
/// How far (in chapter numbers) a missing chapter looks for neighbours: `733` suggests
/// `732`, `999` suggests nothing.
const CHAPTER_REACH: u64 = 3;
/// How many glossary terms a missing term suggests.
const TERM_SUGGESTIONS: usize = 5;
/// Below this similarity (Jaro-Winkler over lookup keys) a term is not suggested.
const TERM_SIMILARITY_FLOOR: f64 = 0.8;

/// A rule or heading named by number only, with its text (for parents, children, context).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RuleRef {
    /// Canonical number, `702.19`.
    pub number: String,
    /// Its text; for sections, chapters and keyword rules, the title ("Trample").
    pub text: String,
}

/// One rule with everything a player needs to read it in place.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Rule {
    /// Canonical number, `702.19b`.
    pub number: String,
    /// Section, chapter, rule or sub-rule.
    pub level: RuleLevel,
    /// The rule's text (a title for sections, chapters and keyword rules).
    pub text: String,
    /// The `Example:` paragraphs under the rule, without the label.
    pub examples: Vec<String>,
    /// The rule one level up; `None` for a section.
    pub parent: Option<RuleRef>,
    /// The rules one level down, in the document's order.
    pub children: Vec<RuleRef>,
    /// The section the rule belongs to (`7`, "Additional Rules"); `None` for a section.
    pub section: Option<RuleRef>,
    /// The chapter the rule belongs to (`702`, "Keyword Abilities"); `None` for a section or
    /// a chapter.
    pub chapter: Option<RuleRef>,
}

/// What [`lookup`] found: a rule (for a number) or a glossary entry (for a term).
/// Serialised with a `kind` tag: `{"kind": "rule", "number": …}`,
/// `{"kind": "glossary", "term": …}`.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum RuleAnswer {
    /// The query was a rule number.
    Rule(Rule),
    /// The query was a glossary term.
    Glossary(GlossaryEntry),
}

/// Where a search hit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum RuleHitKind {
    /// A rule (its text or its examples matched).
    Rule,
    /// A glossary entry (its term or definition matched).
    Glossary,
}

/// One full-text search hit.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RuleHit {
    /// Rule or glossary entry.
    pub kind: RuleHitKind,
    /// The rule's number, for a rule hit.
    pub number: Option<String>,
    /// The glossary term, for a glossary hit.
    pub term: Option<String>,
    /// The rule's whole text or the term's whole definition.
    pub text: String,
    /// The best-matching passage, matched words between `**` and `**`, cuts marked `…`.
    pub snippet: String,
    /// Relevance (SQLite's BM25, negated so that higher is better).
    pub score: f64,
}

/// One section of the rules' outline with its chapters, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OutlineSection {
    /// Section number, `7`.
    pub number: String,
    /// Its title, "Additional Rules".
    pub text: String,
    /// Its chapters in the document's order (`700` "General", `701` "Keyword Actions"...).
    pub chapters: Vec<RuleRef>,
}

/// The rules' table of contents: every section with its chapters, in the document's order.
/// Rules and sub-rules are left out (a chapter's [`rule`] lists them as children).
///
/// Errors: [`Error::RulesNotImported`] when no rules are stored.
pub fn outline(conn: &Connection) -> Result<Vec<OutlineSection>> {
    effective_date(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT number, text FROM rules WHERE level = 'section' ORDER BY sort_order",
    )?;
    let sections = stmt
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    sections
        .into_iter()
        .map(|(number, text)| {
            Ok(OutlineSection {
                chapters: children(conn, &number)?,
                number,
                text,
            })
        })
        .collect()
}

/// The effective date (`YYYY-MM-DD`) of the stored rules, or [`Error::RulesNotImported`].
pub fn effective_date(conn: &Connection) -> Result<String> {
    conn.query_row(
        "SELECT value FROM meta WHERE key = ?1",
        [EFFECTIVE_DATE_KEY],
        |row| row.get(0),
    )
    .optional()?
    .ok_or(Error::RulesNotImported)
}

/// One rule by number: `702.19b`, `702.19`, `702`, `7`, and the forms players type
/// (`rule 702.19b`, `CR 702.19b`, `702.19B`, `702.19b.`).
///
/// Errors: [`Error::InvalidRuleNumber`] for text not shaped like a number,
/// [`Error::RuleNotFound`] (with the nearest existing numbers) for a number that does not
/// exist, [`Error::RulesNotImported`] when no rules are stored.
pub fn rule(conn: &Connection, number: &str) -> Result<Rule> {
    effective_date(conn)?;
    let Some(asked) = RuleNumber::from_query(number) else {
        return Err(Error::InvalidRuleNumber {
            input: number.trim().to_owned(),
        });
    };
    let canonical = asked.to_string();
    let Some((level, text)) = conn
        .query_row(
            "SELECT level, text FROM rules WHERE number = ?1",
            [&canonical],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
        )
        .optional()?
    else {
        return Err(Error::RuleNotFound {
            suggestions: rule_suggestions(conn, &asked)?,
            number: canonical,
        });
    };

    let mut examples_stmt = conn.prepare_cached(
        "SELECT text FROM rule_examples WHERE rule_number = ?1 ORDER BY position",
    )?;
    let examples = examples_stmt
        .query_map([&canonical], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    let ancestor = |level: RuleLevel| -> Result<Option<RuleRef>> {
        let mut up = asked.parent();
        while let Some(number) = up {
            if number.level() == level {
                return rule_ref(conn, &number.to_string());
            }
            up = number.parent();
        }
        Ok(None)
    };
    let parent = match asked.parent() {
        Some(parent) => rule_ref(conn, &parent.to_string())?,
        None => None,
    };
    Ok(Rule {
        level: RuleLevel::from_name(&level).unwrap_or(asked.level()),
        text,
        examples,
        parent,
        children: children(conn, &canonical)?,
        section: ancestor(RuleLevel::Section)?,
        chapter: ancestor(RuleLevel::Chapter)?,
        number: canonical,
    })
}

/// A glossary entry by term, ignoring case, accents and punctuation ("state based
/// actions" finds "State-Based Actions"); each name of a term that lists several is found
/// ("controller" finds "Control, Controller"), and a trailing plural `s` is forgiven.
///
/// Errors: [`Error::GlossaryTermNotFound`] with the most similar terms,
/// [`Error::RulesNotImported`] when no rules are stored.
pub fn glossary(conn: &Connection, term: &str) -> Result<GlossaryEntry> {
    effective_date(conn)?;
    let key = name_key(term);
    let not_found = || Error::GlossaryTermNotFound {
        term: term.trim().to_owned(),
        suggestions: Vec::new(),
    };
    if key.is_empty() {
        return Err(not_found());
    }
    let mut candidates = vec![key.clone()];
    match key.strip_suffix('s') {
        Some(singular) if !singular.is_empty() => candidates.push(singular.to_owned()),
        _ => candidates.push(format!("{key}s")),
    }
    let mut stmt = conn.prepare_cached(
        "SELECT g.term, g.definition, g.cited_rules
         FROM glossary_keys k JOIN glossary g ON g.id = k.glossary_id
         WHERE k.key = ?1
         ORDER BY k.whole_term DESC, g.id
         LIMIT 1",
    )?;
    for candidate in &candidates {
        let found = stmt
            .query_row([candidate], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })
            .optional()?;
        if let Some((term, definition, cited)) = found {
            return glossary_entry(term, definition, &cited);
        }
    }
    Err(Error::GlossaryTermNotFound {
        term: term.trim().to_owned(),
        suggestions: term_suggestions(conn, &key)?,
    })
}

/// Every glossary entry, alphabetically by term (case-insensitive), for browsing.
///
/// Errors: [`Error::RulesNotImported`] when no rules are stored.
pub fn glossary_entries(conn: &Connection) -> Result<Vec<GlossaryEntry>> {
    effective_date(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT term, definition, cited_rules FROM glossary ORDER BY term COLLATE NOCASE, id",
    )?;
    let rows = stmt
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(term, definition, cited)| glossary_entry(term, definition, &cited))
        .collect()
}

/// An entry from its stored columns (`cited` is the JSON array of rule numbers).
fn glossary_entry(term: String, definition: String, cited: &str) -> Result<GlossaryEntry> {
    let cited_rules = serde_json::from_str(cited).map_err(|source| Error::Json {
        source_name: format!("glossary citations of {term}"),
        source,
    })?;
    Ok(GlossaryEntry {
        term,
        definition,
        cited_rules,
    })
}

/// A rule when `query` looks like a rule number (`702.19b`, `CR 702.19b`), a glossary entry
/// otherwise; errors as [`rule`] and [`glossary`].
pub fn lookup(conn: &Connection, query: &str) -> Result<RuleAnswer> {
    if looks_like_rule_number(query) {
        rule(conn, query).map(RuleAnswer::Rule)
    } else {
        glossary(conn, query).map(RuleAnswer::Glossary)
    }
}

/// Full-text search over rules (text and examples) and the glossary (terms and
/// definitions), BM25-ranked, best first, at most `limit` hits.
///
/// Every word must match (stemmed: "tramples" finds "trample"); if no entry holds them all,
/// entries holding any of them are returned instead. Any text is safe: quotes, `-`, `*`,
/// `:` and FTS5 operators such as `AND` are searched as plain words.
pub fn search(conn: &Connection, text: &str, limit: usize) -> Result<Vec<RuleHit>> {
    effective_date(conn)?;
    let words = fts_words(text);
    if words.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let hits = ranked_hits(conn, &words.join(" "), limit)?;
    if !hits.is_empty() || words.len() == 1 {
        return Ok(hits);
    }
    ranked_hits(conn, &words.join(" OR "), limit)
}

/// Each whitespace-separated word of `text` as an FTS5 string (`"trample"`), so no
/// character the user types is read as query syntax; words with nothing to index
/// (`-`, `"`, `*`) are dropped.
fn fts_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
        .collect()
}

/// Rule and glossary hits for an FTS5 `query`, merged by score.
fn ranked_hits(conn: &Connection, query: &str, limit: usize) -> Result<Vec<RuleHit>> {
    let limit_sql = crate::db::sql_limit(limit);
    // Column weights: a word in the rule's own text counts double a word in its examples;
    // a word in a glossary term counts triple a word in the definition.
    let mut rules_stmt = conn.prepare_cached(
        "SELECT r.number, r.text,
                snippet(rules_fts, -1, '**', '**', '…', 24),
                bm25(rules_fts, 2.0, 1.0) AS rank
         FROM rules_fts JOIN rules r ON r.sort_order = rules_fts.rowid
         WHERE rules_fts MATCH ?1
         ORDER BY rank
         LIMIT ?2",
    )?;
    let mut hits = rules_stmt
        .query_map(params![query, limit_sql], |row| {
            Ok(RuleHit {
                kind: RuleHitKind::Rule,
                number: Some(row.get(0)?),
                term: None,
                text: row.get(1)?,
                snippet: row.get(2)?,
                score: -row.get::<_, f64>(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut glossary_stmt = conn.prepare_cached(
        "SELECT g.term, g.definition,
                snippet(glossary_fts, -1, '**', '**', '…', 24),
                bm25(glossary_fts, 3.0, 1.0) AS rank
         FROM glossary_fts JOIN glossary g ON g.id = glossary_fts.rowid
         WHERE glossary_fts MATCH ?1
         ORDER BY rank
         LIMIT ?2",
    )?;
    let glossary_hits = glossary_stmt.query_map(params![query, limit_sql], |row| {
        Ok(RuleHit {
            kind: RuleHitKind::Glossary,
            number: None,
            term: Some(row.get(0)?),
            text: row.get(1)?,
            snippet: row.get(2)?,
            score: -row.get::<_, f64>(3)?,
        })
    })?;
    for hit in glossary_hits {
        hits.push(hit?);
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    hits.truncate(limit);
    Ok(hits)
}

fn rule_ref(conn: &Connection, number: &str) -> Result<Option<RuleRef>> {
    let mut stmt = conn.prepare_cached("SELECT text FROM rules WHERE number = ?1")?;
    Ok(stmt
        .query_row([number], |row| row.get(0))
        .optional()?
        .map(|text| RuleRef {
            number: number.to_owned(),
            text,
        }))
}

fn children(conn: &Connection, number: &str) -> Result<Vec<RuleRef>> {
    let mut stmt = conn
        .prepare_cached("SELECT number, text FROM rules WHERE parent = ?1 ORDER BY sort_order")?;
    let children = stmt
        .query_map([number], |row| {
            Ok(RuleRef {
                number: row.get(0)?,
                text: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(children)
}

/// The existing numbers nearest a missing one: its closest existing ancestor below the
/// section (`702.19` for `702.19z`), then that ancestor's children nearest the asked
/// position, in the document's order. A missing chapter suggests chapters of its section
/// at most [`CHAPTER_REACH`] away.
fn rule_suggestions(conn: &Connection, asked: &RuleNumber) -> Result<Vec<String>> {
    let mut below = asked.clone();
    while let Some(ancestor) = below.parent() {
        if ancestor.level() == RuleLevel::Section {
            break;
        }
        let ancestor_number = ancestor.to_string();
        if rule_ref(conn, &ancestor_number)?.is_some() {
            let target = below.position_among_siblings();
            let mut nearest: Vec<(usize, u64, String)> = children(conn, &ancestor_number)?
                .into_iter()
                .enumerate()
                .filter_map(|(order, child)| {
                    let position = RuleNumber::parse(&child.number)?.position_among_siblings();
                    Some((order, position.abs_diff(target), child.number))
                })
                .collect();
            nearest.sort_by_key(|(order, distance, _)| (*distance, *order));
            nearest.truncate(RULE_SUGGESTIONS);
            nearest.sort_by_key(|(order, _, _)| *order);
            return Ok(std::iter::once(ancestor_number)
                .chain(nearest.into_iter().map(|(_, _, number)| number))
                .collect());
        }
        below = ancestor;
    }
    // No ancestor below the section exists, so the chapter itself is missing.
    let Some(chapter) = asked.chapter else {
        return Ok(Vec::new());
    };
    let section = asked.section.to_string();
    Ok(children(conn, &section)?
        .into_iter()
        .filter(|c| {
            RuleNumber::parse(&c.number)
                .and_then(|n| n.chapter)
                .is_some_and(|n| u64::from(n).abs_diff(u64::from(chapter)) <= CHAPTER_REACH)
        })
        .map(|c| c.number)
        .collect())
}

/// Glossary terms most similar to `key`, best first: Jaro-Winkler similarity between keys
/// (a term's best key counts), a term containing the asked key (or contained in it) ranking
/// as a close match.
fn term_suggestions(conn: &Connection, key: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.id, g.term, k.key
         FROM glossary_keys k JOIN glossary g ON g.id = k.glossary_id
         ORDER BY g.id",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    let mut best: Vec<(i64, String, f64)> = Vec::new();
    for row in rows {
        let (id, term, term_key) = row?;
        let mut score = strsim::jaro_winkler(key, &term_key);
        let shorter = key.len().min(term_key.len());
        if shorter >= 4 && (term_key.contains(key) || key.contains(&term_key)) {
            score = score.max(0.9);
        }
        // Rows come grouped by term, so a term's other keys follow its first.
        match best.last_mut().filter(|(seen, _, _)| *seen == id) {
            Some(entry) => entry.2 = entry.2.max(score),
            None => best.push((id, term, score)),
        }
    }
    best.retain(|(_, _, score)| *score >= TERM_SIMILARITY_FLOOR);
    best.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    Ok(best
        .into_iter()
        .take(TERM_SUGGESTIONS)
        .map(|(_, term, _)| term)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::fts_words;

    #[test]
    fn user_text_becomes_quoted_fts_strings() {
        assert_eq!(
            fts_words("state-based actions"),
            ["\"state-based\"", "\"actions\""]
        );
        assert_eq!(
            fts_words("say \"hi\" - * : AND NEAR( x*"),
            [
                "\"say\"",
                "\"\"\"hi\"\"\"",
                "\"AND\"",
                "\"NEAR(\"",
                "\"x*\""
            ]
        );
        assert!(fts_words(" - \" * ").is_empty());
    }
}
