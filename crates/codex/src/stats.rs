//! What the reference database holds: counts and the sources it was built from.

use rusqlite::Connection;

use crate::Result;

/// Counts and provenance of the reference database (the CLI's `stats`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Stats {
    /// Cards (one per name), extras (tokens, art series...) included.
    pub cards: i64,
    /// Card faces.
    pub faces: i64,
    /// Sets.
    pub sets: i64,
    /// Printings (card × set × collector number).
    pub printings: i64,
    /// Rulings.
    pub rulings: i64,
    /// Numbered rules and sub-rules of the Comprehensive Rules (section and chapter
    /// headings not counted).
    pub rules: i64,
    /// Glossary terms.
    pub glossary_terms: i64,
    /// Combos.
    pub combos: i64,
    /// Every `meta` entry: source fingerprints, versions, dates.
    pub meta: std::collections::BTreeMap<String, String>,
}

/// Reads the database's counts.
pub fn stats(conn: &Connection) -> Result<Stats> {
    let count = |table: &str| -> Result<i64> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    let mut meta = std::collections::BTreeMap::new();
    let mut stmt = conn.prepare("SELECT key, value FROM meta ORDER BY key")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (key, value) = row?;
        meta.insert(key, value);
    }
    Ok(Stats {
        cards: count("cards")?,
        faces: count("card_faces")?,
        sets: count("sets")?,
        printings: count("printings")?,
        rulings: count("rulings")?,
        rules: conn.query_row(
            "SELECT count(*) FROM rules WHERE level IN ('rule', 'subrule')",
            [],
            |r| r.get(0),
        )?,
        glossary_terms: count("glossary")?,
        combos: count("combos")?,
        meta,
    })
}
