//! [`Codex`]: the knowledge base's front door, one open reference database and the caches
//! that serve it.

use std::path::Path;
use std::sync::OnceLock;

use rusqlite::Connection;

use crate::card::{Card, CardSummary, load_card_detail, load_card_summaries, load_cards};
use crate::lookup::NameIndex;
use crate::semantic::{Embedder, SearchMode};
use crate::{Result, db};

/// An open knowledge base.
pub struct Codex {
    conn: Connection,
    names: OnceLock<NameIndex>,
    legality_formats: OnceLock<Vec<String>>,
}

impl Codex {
    /// Opens the reference database in `data_dir` (read-only).
    pub fn open(data_dir: &Path) -> Result<Codex> {
        Ok(Codex {
            conn: db::open_reference(data_dir)?,
            names: OnceLock::new(),
            legality_formats: OnceLock::new(),
        })
    }

    /// The underlying connection.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The name index, loaded on first use (only misses need it).
    fn names(&self) -> Result<&NameIndex> {
        if let Some(index) = self.names.get() {
            return Ok(index);
        }
        let index = NameIndex::load(&self.conn)?;
        Ok(self.names.get_or_init(|| index))
    }

    /// The card called `name` (see [`crate::lookup`]), with printings and rulings; a miss
    /// is [`crate::Error::CardNotFound`] with suggestions.
    pub fn card(&self, name: &str) -> Result<Card> {
        let id = self.resolve(name)?;
        load_card_detail(&self.conn, id)?.ok_or_else(|| crate::Error::CardNotFound {
            name: name.to_string(),
            suggestions: Vec::new(),
        })
    }

    /// The row id of the card called `name`; a miss is [`crate::Error::CardNotFound`] with
    /// suggestions, or [`crate::Error::CardsNotImported`] when there are no cards at all.
    fn resolve(&self, name: &str) -> Result<i64> {
        if let Some(id) = crate::lookup::find_card_id(&self.conn, name)? {
            return Ok(id);
        }
        self.ensure_cards()?;
        Err(crate::Error::CardNotFound {
            name: name.to_string(),
            suggestions: self.names()?.suggest(name),
        })
    }

    /// [`crate::Error::CardsNotImported`] when the database holds no cards.
    fn ensure_cards(&self) -> Result<()> {
        let any: bool = self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM cards)", [], |r| r.get(0))?;
        if any {
            Ok(())
        } else {
            Err(crate::Error::CardsNotImported)
        }
    }

    /// What each of `names` (as typed in a deck list) is; see [`crate::lookup::match_name`].
    pub fn match_names(&self, names: &[&str]) -> Result<Vec<crate::lookup::NameMatch>> {
        self.ensure_cards()?;
        names
            .iter()
            .map(|name| match crate::lookup::match_name(&self.conn, name)? {
                // The index is loaded on the first miss only.
                crate::lookup::NameMatch::Missing(_) => Ok(crate::lookup::NameMatch::Missing(
                    self.names()?.suggest(name),
                )),
                found => Ok(found),
            })
            .collect()
    }

    /// The formats the card data gives legalities for (`commander`, `modern`, …), read once:
    /// every legality check asks, and the answer only changes with an import (which a new
    /// `Codex` reads).
    pub fn legality_formats(&self) -> Result<&[String]> {
        if let Some(formats) = self.legality_formats.get() {
            return Ok(formats);
        }
        let mut statement = self
            .conn
            .prepare("SELECT DISTINCT format FROM card_legalities ORDER BY format")?;
        let formats = statement
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(self.legality_formats.get_or_init(|| formats))
    }

    /// Cards by row id, in order.
    pub fn cards(&self, ids: &[i64]) -> Result<Vec<Card>> {
        load_cards(&self.conn, ids)
    }

    /// Cards matching a Scryfall-syntax query (plain words fall back to full text), best
    /// first; a query that does not parse is [`crate::Error::InvalidQuery`].
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Card>> {
        load_cards(&self.conn, &self.search_ids(query, limit)?)
    }

    /// [`Codex::search`] answering with what a result list shows of each card.
    pub fn search_summaries(&self, query: &str, limit: usize) -> Result<Vec<CardSummary>> {
        load_card_summaries(&self.conn, &self.search_ids(query, limit)?)
    }

    /// The row ids a search finds, best first; no hit at all is
    /// [`crate::Error::CardsNotImported`] when the database holds no cards.
    fn search_ids(&self, query: &str, limit: usize) -> Result<Vec<i64>> {
        let ids = crate::search::search_ids(&self.conn, query, limit)?;
        if ids.is_empty() {
            self.ensure_cards()?;
        }
        Ok(ids)
    }

    /// Cards for a request in plain words, found by meaning or by meaning and words
    /// ([`crate::semantic`]), best first; needs the embedding step to have run with
    /// `embedder`'s model.
    pub fn search_by_meaning(
        &self,
        embedder: &dyn Embedder,
        text: &str,
        limit: usize,
        mode: SearchMode,
    ) -> Result<Vec<Card>> {
        let ids = crate::semantic::card_ids(&self.conn, embedder, text, limit, mode)?;
        if ids.is_empty() {
            self.ensure_cards()?;
        }
        load_cards(&self.conn, &ids)
    }

    /// Rules and glossary entries for a request, found by meaning or by meaning and words
    /// ([`crate::semantic`]), best first.
    pub fn search_rules_by_meaning(
        &self,
        embedder: &dyn Embedder,
        text: &str,
        limit: usize,
        mode: SearchMode,
    ) -> Result<Vec<crate::rules::RuleHit>> {
        crate::semantic::rule_hits(&self.conn, embedder, text, limit, mode)
    }

    /// A rule by number (`702.19b`) or a glossary term (`trample`).
    pub fn rule(&self, query: &str) -> Result<crate::rules::RuleAnswer> {
        crate::rules::lookup(&self.conn, query)
    }

    /// Full-text search over the rules and the glossary, best first.
    pub fn search_rules(&self, text: &str, limit: usize) -> Result<Vec<crate::rules::RuleHit>> {
        crate::rules::search(&self.conn, text, limit)
    }

    /// The rules' table of contents: sections with their chapters.
    pub fn rules_outline(&self) -> Result<Vec<crate::rules::OutlineSection>> {
        crate::rules::outline(&self.conn)
    }

    /// Every glossary entry of the rules, alphabetically by term.
    pub fn glossary(&self) -> Result<Vec<crate::rules::GlossaryEntry>> {
        crate::rules::glossary_entries(&self.conn)
    }

    /// Combos that use every named card, most popular first. Each name is resolved like
    /// [`Codex::card`], so a misspelt one is [`crate::Error::CardNotFound`] with suggestions.
    pub fn combos_with(
        &self,
        card_names: &[String],
        limit: usize,
    ) -> Result<Vec<crate::combos::Combo>> {
        let mut names = Vec::with_capacity(card_names.len());
        for name in card_names {
            let id = self.resolve(name)?;
            let canonical: String =
                self.conn
                    .query_row("SELECT name FROM cards WHERE id = ?1", [id], |r| r.get(0))?;
            names.push(canonical);
        }
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let combos = crate::combos::combos_with(&self.conn, &names, limit)?;
        if combos.is_empty() {
            let any: bool =
                self.conn
                    .query_row("SELECT EXISTS (SELECT 1 FROM combos)", [], |r| r.get(0))?;
            if !any {
                return Err(crate::Error::CombosNotImported);
            }
        }
        Ok(combos)
    }

    /// Counts and provenance.
    pub fn stats(&self) -> Result<crate::stats::Stats> {
        crate::stats::stats(&self.conn)
    }
}
