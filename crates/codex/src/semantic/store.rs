//! The embedding step: vectors for every card face, rule and glossary entry that lacks one,
//! written in place into the current reference database.
//!
//! It runs after an import (or alone, once a model is installed) and holds the import lock,
//! so no import swaps the file under it. Work is committed a batch at a time: killed or
//! cancelled midway, the database keeps every batch already embedded and the next run goes
//! on from there; searching meanwhile finds what has vectors.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::download::CancellationToken;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::texts::{Corpus, ItemKey, ItemText, item_texts};
use crate::db::{self, read_meta, write_meta};
use crate::import::ImportLock;
use crate::{Error, Result};

use llm::Embedder;

/// Texts given to the model at once: big enough to keep its batches full, small enough that
/// a cancel or a kill loses little work.
const BATCH_TEXTS: usize = 256;

/// `meta` keys of the embedding step.
const MODEL_KEY: &str = "embeddings.model";
const DIMENSIONS_KEY: &str = "embeddings.dimensions";

/// How far the embedding step has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct EmbedProgress {
    /// Texts embedded so far in this run.
    pub done: u64,
    /// Texts this run has to embed (those without a stored vector).
    pub total: u64,
}

/// What the embedding step did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EmbedReport {
    /// The model whose vectors the database now holds ([`Embedder::model_id`]).
    pub model: String,
    /// Card faces with a vector.
    pub card_faces: u64,
    /// Rules and glossary entries with a vector.
    pub rules: u64,
    /// Texts embedded by this run.
    pub embedded: u64,
    /// Items whose vector was already stored (same text, same model).
    pub reused: u64,
    /// Vectors dropped because no item has their text any more.
    pub removed: u64,
    /// Wall time of the step.
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

/// Embeds every card face, rule and glossary entry of the knowledge base in `data_dir` that
/// has no vector of `embedder`'s model yet (all of them after a model change), and drops
/// vectors no item uses any more. `progress` hears after each batch; `cancel` stops between
/// batches with [`Error::EmbeddingCancelled`], keeping what was done.
pub fn embed(
    data_dir: &Path,
    embedder: &dyn Embedder,
    progress: &dyn Fn(EmbedProgress),
    cancel: &CancellationToken,
) -> Result<EmbedReport> {
    let started = Instant::now();
    let _lock = ImportLock::acquire(data_dir)?;
    let mut conn = db::open_reference_writable(data_dir)?;
    prepare_tables(&mut conn, embedder)?;

    let items = item_texts(&conn)?;
    let (pending, reused) = link_known_texts(&mut conn, &items)?;
    let total = pending.len() as u64;
    let mut done = 0u64;
    progress(EmbedProgress { done, total });
    for batch in pending.chunks(BATCH_TEXTS) {
        if cancel.is_cancelled() {
            return Err(Error::EmbeddingCancelled { done, total });
        }
        let texts: Vec<String> = batch.iter().map(|p| p.text.clone()).collect();
        let vectors = embedder.embed(&texts)?;
        if vectors.len() != texts.len() {
            return Err(Error::Embedding(llm::LlmError::Inference {
                reason: format!("{} vectors for {} texts", vectors.len(), texts.len()),
            }));
        }
        let tx = conn.transaction()?;
        for (text, vector) in batch.iter().zip(&vectors) {
            let id = insert_vector(&tx, text.corpus, &text.hash, vector)?;
            for key in &text.items {
                link(&tx, key, id)?;
            }
        }
        tx.commit()?;
        done += batch.len() as u64;
        progress(EmbedProgress { done, total });
    }
    let removed = remove_unused(&mut conn)?;
    let (card_faces, rules) = coverage(&conn)?;
    Ok(EmbedReport {
        model: embedder.model_id().to_owned(),
        card_faces,
        rules,
        embedded: total,
        reused,
        removed,
        elapsed: started.elapsed(),
    })
}

/// The model whose vectors the database holds, if the embedding step ever ran on it.
pub fn embedded_model(conn: &Connection) -> Result<Option<String>> {
    read_meta(conn, MODEL_KEY)
}

/// A distinct text still to embed and the items that read it.
struct PendingText {
    corpus: Corpus,
    hash: [u8; 32],
    text: String,
    items: Vec<ItemKey>,
}

/// Makes the vector tables fit `embedder`: vectors of another model (or of another size) are
/// dropped with their bookkeeping, then the tables are created if missing.
fn prepare_tables(conn: &mut Connection, embedder: &dyn Embedder) -> Result<()> {
    let tx = conn.transaction()?;
    let model = read_meta(&tx, MODEL_KEY)?;
    let dimensions = embedder.dimensions();
    if model.as_deref() != Some(embedder.model_id()) {
        if let Some(previous) = &model {
            tracing::info!(
                previous,
                current = embedder.model_id(),
                "embedding model changed: re-embedding everything"
            );
        }
        for corpus in Corpus::ALL {
            tx.execute_batch(&format!("DROP TABLE IF EXISTS {}", corpus.vector_table()))?;
        }
        tx.execute_batch(
            "DELETE FROM card_face_embeddings; DELETE FROM rule_embeddings;
             DELETE FROM glossary_embeddings; DELETE FROM embedded_texts;",
        )?;
    }
    for corpus in Corpus::ALL {
        // Cosine distance: the vectors are normalised, so it orders exactly as the dot
        // product the model was trained for, and reads as 1 - similarity.
        tx.execute_batch(&format!(
            "CREATE VIRTUAL TABLE IF NOT EXISTS {} USING vec0(embedding float[{dimensions}] distance_metric=cosine)",
            corpus.vector_table()
        ))?;
    }
    write_meta(&tx, MODEL_KEY, embedder.model_id())?;
    write_meta(&tx, DIMENSIONS_KEY, &dimensions.to_string())?;
    tx.commit()?;
    Ok(())
}

/// Points every item whose text already has a vector at it, in one transaction, and returns
/// the distinct texts still to embed (with the items reading each) and how many items were
/// linked.
fn link_known_texts(conn: &mut Connection, items: &[ItemText]) -> Result<(Vec<PendingText>, u64)> {
    let tx = conn.transaction()?;
    let mut pending: Vec<PendingText> = Vec::new();
    let mut pending_index: HashMap<(Corpus, [u8; 32]), usize> = HashMap::new();
    let mut reused = 0u64;
    {
        let mut known = tx
            .prepare_cached("SELECT id FROM embedded_texts WHERE corpus = ?1 AND text_hash = ?2")?;
        for item in items {
            let corpus = item.key.corpus();
            let id: Option<i64> = known
                .query_row(params![corpus.name(), item.hash], |r| r.get(0))
                .optional()?;
            if let Some(id) = id {
                link(&tx, &item.key, id)?;
                reused += 1;
                continue;
            }
            match pending_index.get(&(corpus, item.hash)) {
                Some(&index) => pending[index].items.push(item.key.clone()),
                None => {
                    pending_index.insert((corpus, item.hash), pending.len());
                    pending.push(PendingText {
                        corpus,
                        hash: item.hash,
                        text: item.text.clone(),
                        items: vec![item.key.clone()],
                    });
                }
            }
        }
    }
    tx.commit()?;
    Ok((pending, reused))
}

/// Stores one text's vector; returns its id.
fn insert_vector(
    tx: &Transaction<'_>,
    corpus: Corpus,
    hash: &[u8; 32],
    vector: &[f32],
) -> Result<i64> {
    tx.prepare_cached("INSERT INTO embedded_texts (corpus, text_hash) VALUES (?1, ?2)")?
        .execute(params![corpus.name(), hash])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached(&format!(
        "INSERT INTO {} (rowid, embedding) VALUES (?1, ?2)",
        corpus.vector_table()
    ))?
    .execute(params![id, vector_blob(vector)])?;
    Ok(id)
}

/// Points `item` at the vector `text_id`, replacing what it pointed at before.
fn link(tx: &Transaction<'_>, item: &ItemKey, text_id: i64) -> Result<()> {
    match item {
        ItemKey::CardFace { card_id, face_index } => tx
            .prepare_cached(
                "INSERT OR REPLACE INTO card_face_embeddings (card_id, face_index, text_id) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![card_id, face_index, text_id])?,
        ItemKey::Rule(number) => tx
            .prepare_cached("INSERT OR REPLACE INTO rule_embeddings (rule_number, text_id) VALUES (?1, ?2)")?
            .execute(params![number, text_id])?,
        ItemKey::Glossary(id) => tx
            .prepare_cached("INSERT OR REPLACE INTO glossary_embeddings (glossary_id, text_id) VALUES (?1, ?2)")?
            .execute(params![id, text_id])?,
    };
    Ok(())
}

/// Drops the vectors no item points at (texts that changed or went away); returns how many.
fn remove_unused(conn: &mut Connection) -> Result<u64> {
    let tx = conn.transaction()?;
    tx.execute_batch(
        "CREATE TEMP TABLE unused_texts AS
             SELECT id, corpus FROM embedded_texts t
             WHERE NOT EXISTS (SELECT 1 FROM card_face_embeddings e WHERE e.text_id = t.id)
               AND NOT EXISTS (SELECT 1 FROM rule_embeddings e WHERE e.text_id = t.id)
               AND NOT EXISTS (SELECT 1 FROM glossary_embeddings e WHERE e.text_id = t.id)",
    )?;
    for corpus in Corpus::ALL {
        tx.execute(
            &format!(
                "DELETE FROM {} WHERE rowid IN (SELECT id FROM unused_texts WHERE corpus = ?1)",
                corpus.vector_table()
            ),
            [corpus.name()],
        )?;
    }
    let removed = tx.execute(
        "DELETE FROM embedded_texts WHERE id IN (SELECT id FROM unused_texts)",
        [],
    )?;
    tx.execute_batch("DROP TABLE unused_texts")?;
    tx.commit()?;
    Ok(removed as u64)
}

/// Card faces, and rules with glossary entries, that have a vector.
fn coverage(conn: &Connection) -> Result<(u64, u64)> {
    let (faces, rules): (i64, i64) = conn.query_row(
        "SELECT (SELECT count(*) FROM card_face_embeddings),
                (SELECT count(*) FROM rule_embeddings) + (SELECT count(*) FROM glossary_embeddings)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // Counts are never negative.
    Ok((faces.unsigned_abs(), rules.unsigned_abs()))
}

/// A vector as sqlite-vec reads a `float[N]` value: N little-endian 32-bit floats.
pub(crate) fn vector_blob(vector: &[f32]) -> Vec<u8> {
    vector.iter().flat_map(|x| x.to_le_bytes()).collect()
}
