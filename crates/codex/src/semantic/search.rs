//! Searching by meaning: the request's vector against the stored ones (exact KNN in
//! sqlite-vec), alone or fused with the BM25 full-text ranking.

use std::collections::HashSet;

use rusqlite::{Connection, params};

use super::fusion::reciprocal_rank_fusion;
use super::store::{embedded_model, vector_blob};
use crate::db::sql_limit;
use crate::rules::{RuleHit, RuleHitKind};
use crate::{Error, Result};

use llm::Embedder;

/// How many candidates each ranking brings to a hybrid fusion: deep enough that a card
/// ranked low by one method and high by the other still meets itself in the fusion.
const FUSION_DEPTH: usize = 100;

/// vec0 refuses a KNN query for more neighbours than this (its default `k` limit).
const MAX_NEIGHBOURS: usize = 4096;

/// Words of a rule shown as the snippet of a hit found by meaning alone.
const SNIPPET_WORDS: usize = 24;

/// How a request is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchMode {
    /// By meaning only: the nearest vectors.
    Semantic,
    /// By meaning and by words: the nearest vectors and the BM25 ranking, fused by
    /// reciprocal rank.
    Hybrid,
}

/// Card ids for the request `text`, best first, at most `limit`. A card is as near as its
/// nearest face.
///
/// # Errors
/// [`Error::EmbeddingsMissing`] when the embedding step never ran, [`Error::EmbeddingModelMismatch`]
/// when its vectors are another model's, [`Error::Embedding`] when the model fails.
pub fn card_ids(
    conn: &Connection,
    embedder: &dyn Embedder,
    text: &str,
    limit: usize,
    mode: SearchMode,
) -> Result<Vec<i64>> {
    check_model(conn, embedder)?;
    if text.trim().is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let query = query_vector(embedder, text)?;
    match mode {
        SearchMode::Semantic => nearest_cards(conn, &query, limit),
        SearchMode::Hybrid => {
            let depth = limit.max(FUSION_DEPTH);
            let lexical = crate::search::full_text_ids(conn, text, depth)?;
            let semantic = nearest_cards(conn, &query, depth)?;
            Ok(reciprocal_rank_fusion(&[lexical, semantic])
                .into_iter()
                .take(limit)
                .map(|(id, _)| id)
                .collect())
        }
    }
}

/// Rules and glossary entries for the request `text`, best first, at most `limit`. A hit's
/// score is its cosine similarity (semantic) or its fused score (hybrid); a hit found only
/// by meaning has the opening words of its text as snippet.
///
/// # Errors
/// As [`card_ids`], and [`Error::RulesNotImported`] when there are no rules.
pub fn rule_hits(
    conn: &Connection,
    embedder: &dyn Embedder,
    text: &str,
    limit: usize,
    mode: SearchMode,
) -> Result<Vec<RuleHit>> {
    crate::rules::effective_date(conn)?;
    check_model(conn, embedder)?;
    if text.trim().is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let query = query_vector(embedder, text)?;
    match mode {
        SearchMode::Semantic => nearest_rules(conn, &query, limit),
        SearchMode::Hybrid => {
            let depth = limit.max(FUSION_DEPTH);
            let lexical = crate::rules::search(conn, text, depth)?;
            let semantic = nearest_rules(conn, &query, depth)?;
            let keys = |hits: &[RuleHit]| hits.iter().map(rule_key).collect::<Vec<_>>();
            let fused = reciprocal_rank_fusion(&[keys(&lexical), keys(&semantic)]);
            Ok(fused
                .into_iter()
                .take(limit)
                .filter_map(|(key, score)| {
                    // The full-text hit first: its snippet marks the matched words.
                    let hit = lexical
                        .iter()
                        .chain(&semantic)
                        .find(|h| rule_key(h) == key)?;
                    Some(RuleHit {
                        score,
                        ..hit.clone()
                    })
                })
                .collect())
        }
    }
}

/// [`Error::EmbeddingsMissing`] or [`Error::EmbeddingModelMismatch`] unless the stored
/// vectors are `embedder`'s.
fn check_model(conn: &Connection, embedder: &dyn Embedder) -> Result<()> {
    match embedded_model(conn)? {
        None => Err(Error::EmbeddingsMissing),
        Some(stored) if stored != embedder.model_id() => Err(Error::EmbeddingModelMismatch {
            stored,
            current: embedder.model_id().to_owned(),
        }),
        Some(_) => Ok(()),
    }
}

fn query_vector(embedder: &dyn Embedder, text: &str) -> Result<Vec<u8>> {
    let vectors = embedder.embed(&[text.to_owned()])?;
    match vectors.as_slice() {
        [vector] => Ok(vector_blob(vector)),
        _ => Err(Error::Embedding(llm::LlmError::Inference {
            reason: format!("{} vectors for one text", vectors.len()),
        })),
    }
}

/// The cards of the faces nearest `query`, nearest first, at most `limit`.
fn nearest_cards(conn: &Connection, query: &[u8], limit: usize) -> Result<Vec<i64>> {
    // Both faces of a card may be among the nearest: ask for room to spare.
    let neighbours = limit.saturating_mul(2).min(MAX_NEIGHBOURS);
    let mut statement = conn.prepare_cached(
        "SELECT e.card_id
         FROM (SELECT rowid, distance FROM card_vectors WHERE embedding MATCH ?1 AND k = ?2) v
         JOIN card_face_embeddings e ON e.text_id = v.rowid
         ORDER BY v.distance",
    )?;
    let rows = statement.query_map(params![query, sql_limit(neighbours)], |r| r.get(0))?;
    let mut seen = HashSet::new();
    let mut ids = Vec::new();
    for id in rows {
        let id: i64 = id?;
        if seen.insert(id) {
            ids.push(id);
            if ids.len() == limit {
                break;
            }
        }
    }
    Ok(ids)
}

/// The rules and glossary entries nearest `query`, nearest first, at most `limit`.
fn nearest_rules(conn: &Connection, query: &[u8], limit: usize) -> Result<Vec<RuleHit>> {
    let mut statement = conn.prepare_cached(
        "WITH knn AS MATERIALIZED (
             SELECT rowid, distance FROM rule_vectors WHERE embedding MATCH ?1 AND k = ?2)
         SELECT knn.distance, r.number, NULL, r.text
             FROM knn JOIN rule_embeddings e ON e.text_id = knn.rowid
             JOIN rules r ON r.number = e.rule_number
         UNION ALL
         SELECT knn.distance, NULL, g.term, g.definition
             FROM knn JOIN glossary_embeddings e ON e.text_id = knn.rowid
             JOIN glossary g ON g.id = e.glossary_id
         ORDER BY 1
         LIMIT ?2",
    )?;
    let neighbours = sql_limit(limit.min(MAX_NEIGHBOURS));
    let hits = statement
        .query_map(params![query, neighbours], |row| {
            let number: Option<String> = row.get(1)?;
            let text: String = row.get(3)?;
            Ok(RuleHit {
                kind: if number.is_some() {
                    RuleHitKind::Rule
                } else {
                    RuleHitKind::Glossary
                },
                number,
                term: row.get(2)?,
                snippet: opening_words(&text),
                text,
                score: 1.0 - row.get::<_, f64>(0)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(hits)
}

/// What identifies a hit across the two rankings.
fn rule_key(hit: &RuleHit) -> (RuleHitKind, String) {
    let name = hit.number.as_ref().or(hit.term.as_ref());
    (hit.kind, name.cloned().unwrap_or_default())
}

/// The first [`SNIPPET_WORDS`] words of `text`, `…` marking a cut, like full-text snippets.
fn opening_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= SNIPPET_WORDS {
        words.join(" ")
    } else {
        format!("{}…", words[..SNIPPET_WORDS].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_to_their_opening_words() {
        assert_eq!(opening_words("Trample  is\nkeyword"), "Trample is keyword");
        let long = (0..30).map(|i| i.to_string()).collect::<Vec<_>>().join(" ");
        let snippet = opening_words(&long);
        assert!(snippet.ends_with("23…"), "{snippet}");
    }
}
