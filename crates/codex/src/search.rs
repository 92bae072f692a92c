//! Card search: runs a Scryfall-syntax query ([`crate::query`]) against the reference
//! database, and BM25 full-text ranking for the descriptions players type
//! (`destroy target artifact`).
//!
//! A query made only of bare words first returns cards whose names contain them (what
//! Scryfall returns), then fills up to the limit with the best full-text hits over name,
//! type line and oracle text. Free text reaches FTS5 only as quoted tokens, so no input can
//! be an FTS syntax error.

use std::collections::HashSet;

use rusqlite::Connection;
use rusqlite::types::Value;

use crate::db::sql_limit;
use crate::query::ast::{Expr, Predicate, ReleaseValue};
use crate::query::{self, ParseError, Query};
use crate::{Error, Result};

/// BM25 column weights for `cards_fts` (name, type_line, oracle_text): a word in the name
/// says far more about what a card is than the same word in its rules text.
const BM25_WEIGHTS: &str = "bm25(cards_fts, 10.0, 2.0, 1.0)";

/// Card ids matching `query` (Scryfall syntax), best first: in the query's `order:` (by
/// name when none), then, for a query of bare words only, full-text hits not already found.
/// At most `limit` ids. A blank query finds nothing.
///
/// # Errors
/// [`Error::InvalidQuery`] when the query does not parse or names a set that does not
/// exist; [`Error::Sqlite`] when the database fails.
pub fn search_ids(conn: &Connection, query: &str, limit: usize) -> Result<Vec<i64>> {
    let parsed = query::parse(query)?;
    let asks_something = parsed.filter.is_some()
        || parsed.order.is_some()
        || parsed.direction.is_some()
        || parsed.include_extras;
    if limit == 0 || !asks_something {
        return Ok(Vec::new());
    }
    check_set_codes(conn, &parsed)?;
    let compiled = query::compile(&parsed);
    let mut params = compiled.params.clone();
    params.push(Value::from(sql_limit(limit)));
    let mut statement = conn.prepare_cached(&compiled.select_ids_sql())?;
    let mut ids = statement
        .query_map(rusqlite::params_from_iter(params), |row| {
            row.get::<_, i64>(0)
        })?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    if ids.len() < limit
        && let Some(words) = parsed.bare_words()
    {
        let found: HashSet<i64> = ids.iter().copied().collect();
        let more = ranked_full_text(conn, &words, limit - ids.len(), &found)?;
        ids.extend(more);
    }
    Ok(ids)
}

/// Card ids ranked by BM25 over name, type line and oracle text, best first; extras
/// (tokens, planes, ...) left out. Cards holding the words as a phrase come first, then
/// cards holding every word, then cards holding some of them. At most `limit` ids; text without any word finds nothing.
///
/// # Errors
/// [`Error::Sqlite`] when the database fails.
pub fn full_text_ids(conn: &Connection, text: &str, limit: usize) -> Result<Vec<i64>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    ranked_full_text(conn, &words, limit, &HashSet::new())
}

/// Words as FTS5 tokens: the tokenizer (unicode61) splits on anything not a letter or digit,
/// so splitting the same way and quoting each piece gives a query that always parses.
fn fts_tokens(word: &str) -> Vec<String> {
    word.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// One FTS5 term per word: a single token (as a prefix when 3+ characters long, so
/// `destroy` finds `destroys`), or a phrase for words the tokenizer splits (`lim-dul`).
fn fts_terms(words: &[&str]) -> Vec<String> {
    words
        .iter()
        .filter_map(|word| {
            let tokens = fts_tokens(word);
            match tokens.as_slice() {
                [] => None,
                [one] if one.chars().count() >= 3 => Some(format!("\"{one}\"*")),
                [one] => Some(format!("\"{one}\"")),
                many => Some(format!("\"{}\"", many.join(" "))),
            }
        })
        .collect()
}

/// Words that say nothing about which card is meant ("cards that destroy artifacts"): left
/// out of the any-word pass, where they would match most of the card pool.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "any", "are", "as", "at", "by", "card", "cards", "find", "for", "from", "i",
    "in", "is", "it", "me", "my", "of", "on", "or", "show", "that", "the", "to", "what", "which",
    "with",
];

fn ranked_full_text(
    conn: &Connection,
    words: &[&str],
    limit: usize,
    exclude: &HashSet<i64>,
) -> Result<Vec<i64>> {
    let terms = fts_terms(words);
    if terms.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let mut seen = exclude.clone();
    let mut ids = Vec::new();
    // The words as one phrase first ("destroy target artifact" ranks Shatter above cards
    // that merely mention all three words), then all words anywhere, then any word.
    let all_tokens: Vec<String> = words.iter().flat_map(|w| fts_tokens(w)).collect();
    let mut passes = Vec::new();
    if all_tokens.len() > 1 {
        passes.push(format!("\"{}\"", all_tokens.join(" ")));
    }
    passes.push(terms.join(" AND "));
    let meaningful: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !STOP_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    let any_terms = fts_terms(&meaningful);
    if terms.len() > 1 && !any_terms.is_empty() {
        passes.push(any_terms.join(" OR "));
    }
    let sql = format!(
        "SELECT c.id FROM cards_fts JOIN cards c ON c.id = cards_fts.rowid \
         WHERE cards_fts MATCH ?1 AND c.extra = 0 ORDER BY {BM25_WEIGHTS} LIMIT ?2"
    );
    let mut statement = conn.prepare_cached(&sql)?;
    for expression in passes {
        let wanted = sql_limit(limit - ids.len() + seen.len());
        let rows = statement
            .query_map(rusqlite::params![expression, wanted], |row| {
                row.get::<_, i64>(0)
            })?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        for id in rows {
            if ids.len() == limit {
                break;
            }
            if seen.insert(id) {
                ids.push(id);
            }
        }
        if ids.len() == limit {
            break;
        }
    }
    Ok(ids)
}

/// Refuses set codes the database does not know (`s:xyz`, `date>xyz`), pointing at the
/// term, rather than silently finding nothing. A code is known when the sets table or some
/// printing has it (cards list sets whose set files were not imported). Skipped when no
/// sets are loaded at all.
fn check_set_codes(conn: &Connection, query: &Query) -> Result<()> {
    let mut codes = Vec::new();
    if let Some(filter) = &query.filter {
        collect_set_codes(filter, &mut codes);
    }
    if codes.is_empty() {
        return Ok(());
    }
    let sets_loaded: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sets) OR EXISTS (SELECT 1 FROM printings)",
        [],
        |r| r.get(0),
    )?;
    if !sets_loaded {
        return Ok(());
    }
    let mut statement = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM sets WHERE code = ?1) \
             OR EXISTS (SELECT 1 FROM printings WHERE set_code = ?1)",
    )?;
    for (code, span) in codes {
        let known: bool = statement.query_row([code], |r| r.get(0))?;
        if !known {
            return Err(Error::InvalidQuery(ParseError::new(
                format!("unknown set {code}"),
                span,
            )));
        }
    }
    Ok(())
}

fn collect_set_codes<'a>(expr: &'a Expr, codes: &mut Vec<(&'a str, query::Span)>) {
    match expr {
        Expr::And(operands) | Expr::Or(operands) => {
            for operand in operands {
                collect_set_codes(operand, codes);
            }
        }
        Expr::Not(inner) => collect_set_codes(inner, codes),
        Expr::Predicate { predicate, span } => match predicate {
            Predicate::Set(code)
            | Predicate::Released {
                value: ReleaseValue::SetReleased(code),
                ..
            } => codes.push((code, *span)),
            _ => {}
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_becomes_quoted_fts_terms() {
        assert_eq!(
            fts_terms(&["destroy", "AND", "\"", "lim-dûl's", "of", "x*"]),
            vec![
                "\"destroy\"*",
                "\"and\"*",
                "\"lim dûl s\"",
                "\"of\"",
                "\"x\""
            ]
        );
    }

    #[test]
    fn hostile_text_never_breaks_the_fts_query() {
        let conn = crate::db::in_memory_reference().unwrap();
        for text in [
            "\"",
            "NEAR(a b)",
            "a OR",
            "*",
            "-x",
            "col:x",
            "(((",
            "^a",
            "a\"b",
        ] {
            full_text_ids(&conn, text, 10).unwrap();
            if let Err(e) = search_ids(&conn, text, 10) {
                assert!(matches!(e, Error::InvalidQuery(_)), "{text}: {e}");
            }
        }
    }

    #[test]
    fn blank_query_or_zero_limit_finds_nothing() {
        let conn = crate::db::in_memory_reference().unwrap();
        assert!(search_ids(&conn, "   ", 10).unwrap().is_empty());
        assert!(search_ids(&conn, "t:goblin", 0).unwrap().is_empty());
    }

    #[test]
    fn every_compiled_query_is_valid_sql() {
        let conn = crate::db::in_memory_reference().unwrap();
        for text in crate::query::tests::EVERY_ELEMENT {
            search_ids(&conn, text, 5).unwrap_or_else(|e| panic!("{text}: {e}"));
        }
    }
}
