//! Finding a card by the name a player typed: exact, then folded (case, accents,
//! punctuation; either face; the full "A // B" name), then ranked suggestions.

use rusqlite::{Connection, OptionalExtension};

use crate::Result;
use crate::names::{name_key, name_words};

/// How many suggestions a miss offers.
const SUGGESTIONS: usize = 5;
/// Below this similarity a name is not worth suggesting.
const MIN_SIMILARITY: f64 = 0.84;

/// Every playable card's lookup keys, loaded once to rank suggestions for a miss.
#[derive(Debug, Default)]
pub struct NameIndex {
    entries: Vec<NameEntry>,
}

/// One lookup key of a card.
#[derive(Debug)]
struct NameEntry {
    /// The folded key ([`name_key`]).
    key: String,
    /// The card's name as printed, for display.
    display: String,
    /// The card's name folded with word breaks kept, padded with spaces (" lightning bolt ").
    words: String,
    /// EDHREC rank, for tie-breaks: popular cards first.
    rank: i64,
}

impl NameIndex {
    /// Loads the keys of every non-extra card.
    pub fn load(conn: &Connection) -> Result<NameIndex> {
        let mut stmt = conn.prepare(
            "SELECT n.key, c.name, coalesce(c.edhrec_rank, 1000000)
             FROM card_names n JOIN cards c ON c.id = n.card_id WHERE c.extra = 0",
        )?;
        let entries = stmt
            .query_map([], |r| {
                let display: String = r.get(1)?;
                Ok(NameEntry {
                    key: r.get(0)?,
                    words: format!(" {} ", name_words(&display)),
                    display,
                    rank: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(NameIndex { entries })
    }

    /// The closest card names to `name`, best first: names starting with or holding what was
    /// typed as whole words ("bolt" → Lightning Bolt), then names holding it inside a word,
    /// then by Jaro-Winkler similarity of the keys; popular cards first among equals.
    pub fn suggest(&self, name: &str) -> Vec<String> {
        let query = name_key(name);
        if query.is_empty() {
            return Vec::new();
        }
        let typed_words = format!(" {} ", name_words(name));
        let mut scored: Vec<(f64, i64, &str)> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let score = if entry.key.starts_with(&query) || entry.words.contains(&typed_words) {
                    0.99
                } else if query.len() >= 3 && entry.key.contains(&query) {
                    0.97
                } else {
                    strsim::jaro_winkler(&query, &entry.key)
                };
                (score >= MIN_SIMILARITY).then_some((score, entry.rank, entry.display.as_str()))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2)));
        let mut names: Vec<String> = Vec::new();
        for (_, _, display) in scored {
            if !names.iter().any(|n| n == display) {
                names.push(display.to_string());
            }
            if names.len() == SUGGESTIONS {
                break;
            }
        }
        names
    }
}

/// What a name typed in a deck list is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    /// One playable card: its row id.
    Card(i64),
    /// The folded name is several playable cards' (different cards whose names differ only
    /// in case, accents or punctuation, or a face name shared by two cards): their names.
    Ambiguous(Vec<String>),
    /// No playable card: the closest names, best first (none from [`match_name`], which
    /// leaves ranking them to a [`NameIndex`]).
    Missing(Vec<String>),
}

/// The playable card (not a token or other extra) called `name`: the exact name first, then
/// the folded key (case, accents, punctuation, either face, "A // B"); a key several cards
/// share is [`NameMatch::Ambiguous`].
pub fn match_name(conn: &Connection, name: &str) -> Result<NameMatch> {
    let exact = conn
        .prepare_cached("SELECT id FROM cards WHERE name = ?1 AND extra = 0 ORDER BY id LIMIT 1")?
        .query_row([name.trim()], |r| r.get(0))
        .optional()?;
    if let Some(id) = exact {
        return Ok(NameMatch::Card(id));
    }
    let mut statement = conn.prepare_cached(
        "SELECT c.id, c.name FROM card_names n JOIN cards c ON c.id = n.card_id
         WHERE n.key = ?1 AND c.extra = 0
         ORDER BY c.edhrec_rank IS NULL, c.edhrec_rank, c.id",
    )?;
    let found = statement
        .query_map([name_key(name)], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut names: Vec<String> = Vec::new();
    for (_, card) in &found {
        if !names.contains(card) {
            names.push(card.clone());
        }
    }
    Ok(match (found.first(), names.len()) {
        (Some(&(id, _)), 1) => NameMatch::Card(id),
        (Some(_), _) => NameMatch::Ambiguous(names),
        (None, _) => NameMatch::Missing(Vec::new()),
    })
}

/// The row id of the card called `name`, if any: the exact name first, then the folded key
/// (playable cards before tokens of the same name).
pub fn find_card_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    let exact = conn
        .prepare_cached("SELECT id FROM cards WHERE name = ?1 ORDER BY extra, id LIMIT 1")?
        .query_row([name.trim()], |r| r.get(0))
        .optional()?;
    let key = name_key(name);
    // A name of only punctuation folds to nothing; only the exact match above can be meant.
    if exact.is_some() || key.is_empty() {
        return Ok(exact);
    }
    Ok(conn
        .prepare_cached(
            "SELECT c.id FROM card_names n JOIN cards c ON c.id = n.card_id
             WHERE n.key = ?1 ORDER BY c.extra, c.edhrec_rank IS NULL, c.edhrec_rank, c.id LIMIT 1",
        )?
        .query_row([key], |r| r.get(0))
        .optional()?)
}
