//! Decks kept in the user-data database: each with a stable UUID, a name, the game format it is
//! built for, timestamps and a revision that every change raises. Every change is one
//! transaction (an interrupted one leaves the deck as it was), a change made against an older
//! revision than the stored one is refused rather than overwriting the newer (two windows, or
//! the app and the CLI, editing one deck), and a deleted deck stays as a tombstone, ready for
//! sync to carry the deletion to other machines.

use std::path::Path;

use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use uuid::Uuid;

use crate::deck::{CardRef, Deck, Finish, PrintingRef, Section};
use crate::legality::GameFormat;

/// What went wrong with the deck store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened.
    #[error(transparent)]
    Open(#[from] userdata::Error),
    /// SQLite failed.
    #[error("deck store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// No deck has that id (or name, or id prefix).
    #[error("no deck {0:?} (`planeswalker deck list` shows them)")]
    NotFound(String),
    /// Several decks match a name or id prefix.
    #[error("{key:?} could be several decks: {}; give more of the id", .matches.join(", "))]
    Ambiguous {
        /// What was asked.
        key: String,
        /// The matching decks, as "id (name)".
        matches: Vec<String>,
    },
    /// The deck changed since the revision the change was made on.
    #[error(
        "the deck changed elsewhere (now at revision {stored}, this change was made on {base}); \
         reload it and make the change again"
    )]
    Conflict {
        /// The revision the change was made on.
        base: i64,
        /// The stored revision.
        stored: i64,
    },
    /// A stored row no longer reads as a deck (written by a newer Planeswalker?).
    #[error("the stored deck {id} is unreadable: {reason}")]
    Corrupt {
        /// The deck.
        id: String,
        /// What could not be read.
        reason: String,
    },
}

/// Result of the deck store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// A stored deck.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoredDeck {
    /// The deck's id (a UUID).
    pub id: String,
    /// Its name.
    pub name: String,
    /// The game format it is built for, if set.
    pub format: Option<GameFormat>,
    /// When it was created (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
    /// Raised by every change.
    pub revision: i64,
    /// The cards (its `name` is the deck's name).
    #[cfg_attr(feature = "specta", specta(type = crate::deck::DeckLines))]
    pub deck: Deck,
}

/// A line of the deck list: a deck without its cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeckSummary {
    /// The deck's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The game format it is built for, if set.
    pub format: Option<GameFormat>,
    /// When it last changed.
    pub updated_at: String,
    /// Its revision.
    pub revision: i64,
    /// Main-deck cards, copies counted.
    pub main: u32,
    /// Sideboard cards.
    pub sideboard: u32,
    /// The commanders' names.
    pub commanders: Vec<String>,
}

/// The decks of one user-data database.
pub struct DeckStore {
    conn: Connection,
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl DeckStore {
    /// Opens the decks of the user-data database in `data_dir`, creating it if needed.
    pub fn open(data_dir: &Path) -> Result<DeckStore> {
        Ok(DeckStore {
            conn: userdata::open(data_dir)?,
        })
    }

    /// Stores a new deck called `name` and returns it.
    pub fn create(
        &mut self,
        name: &str,
        format: Option<GameFormat>,
        deck: &Deck,
    ) -> Result<StoredDeck> {
        let id = Uuid::new_v4().to_string();
        let at = now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO decks (id, name, format, created_at, updated_at, revision)
             VALUES (?1, ?2, ?3, ?4, ?4, 1)",
            params![id, name, format.map(GameFormat::id), at],
        )?;
        write_cards(&tx, &id, deck)?;
        tx.commit()?;
        self.get(&id)
    }

    /// The deck with this id (not a deleted one).
    pub fn get(&self, id: &str) -> Result<StoredDeck> {
        let row = self
            .conn
            .query_row(
                "SELECT id, name, format, created_at, updated_at, revision FROM decks
                 WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, i64>(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((id, name, format, created_at, updated_at, revision)) = row else {
            return Err(StoreError::NotFound(id.to_owned()));
        };
        let format = match format {
            None => None,
            Some(format) => Some(format.parse().map_err(|_| StoreError::Corrupt {
                id: id.clone(),
                reason: format!("unknown format {format:?}"),
            })?),
        };
        let mut deck = read_cards(&self.conn, &id)?;
        deck.name = Some(name.clone());
        Ok(StoredDeck {
            id,
            name,
            format,
            created_at,
            updated_at,
            revision,
            deck,
        })
    }

    /// The deck a player means by `key`: its id, the start of its id (four characters or more),
    /// or its name (any case).
    pub fn find(&self, key: &str) -> Result<StoredDeck> {
        let key = key.trim();
        let mut statement = self.conn.prepare_cached(
            "SELECT id, name FROM decks WHERE deleted_at IS NULL
             AND (id = ?1 OR (length(?1) >= 4 AND id LIKE ?2 ESCAPE '\\')
                  OR name = ?1 COLLATE NOCASE)
             ORDER BY id = ?1 DESC, name = ?1 COLLATE NOCASE DESC",
        )?;
        // The prefix matched literally: `%` and `_` are LIKE's wildcards.
        let prefix = format!(
            "{}%",
            key.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let found = statement
            .query_map([key, prefix.as_str()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        match found.as_slice() {
            [] => Err(StoreError::NotFound(key.to_owned())),
            [(id, _)] => self.get(id),
            [(id, _), ..] if id == key => self.get(id),
            many => Err(StoreError::Ambiguous {
                key: key.to_owned(),
                matches: many
                    .iter()
                    .map(|(id, name)| format!("{id} ({name})"))
                    .collect(),
            }),
        }
    }

    /// Every deck that is not deleted, most recently changed first.
    pub fn list(&self) -> Result<Vec<DeckSummary>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT d.id, d.name, d.format, d.updated_at, d.revision,
                    coalesce(sum(c.quantity) FILTER (WHERE c.section = 'main'), 0),
                    coalesce(sum(c.quantity) FILTER (WHERE c.section = 'sideboard'), 0),
                    coalesce(json_group_array(c.name) FILTER (WHERE c.section = 'commander'), '[]')
             FROM decks d LEFT JOIN deck_cards c ON c.deck_id = d.id
             WHERE d.deleted_at IS NULL
             GROUP BY d.id ORDER BY d.updated_at DESC, d.id DESC",
        )?;
        let rows = statement.query_map([], |r| {
            Ok((
                DeckSummary {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    format: None,
                    updated_at: r.get(3)?,
                    revision: r.get(4)?,
                    main: r.get(5)?,
                    sideboard: r.get(6)?,
                    commanders: Vec::new(),
                },
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        rows.map(|row| {
            let (mut summary, format, commanders) = row?;
            summary.format = format.and_then(|f| f.parse().ok());
            summary.commanders = serde_json::from_str(&commanders).unwrap_or_default();
            Ok(summary)
        })
        .collect()
    }

    /// Replaces the deck's name, format and cards, as one change made on revision `base`.
    pub fn save(
        &mut self,
        id: &str,
        base: i64,
        name: &str,
        format: Option<GameFormat>,
        deck: &Deck,
    ) -> Result<StoredDeck> {
        let tx = self.conn.transaction()?;
        bump(&tx, id, base)?;
        tx.execute(
            "UPDATE decks SET name = ?2, format = ?3 WHERE id = ?1",
            params![id, name, format.map(GameFormat::id)],
        )?;
        tx.execute("DELETE FROM deck_cards WHERE deck_id = ?1", [id])?;
        write_cards(&tx, id, deck)?;
        tx.commit()?;
        self.get(id)
    }

    /// Deletes the deck, made on revision `base`: its row stays as a tombstone (with a new
    /// revision) so the deletion can be synced; its cards are dropped.
    pub fn delete(&mut self, id: &str, base: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        bump(&tx, id, base)?;
        tx.execute(
            "UPDATE decks SET deleted_at = updated_at WHERE id = ?1",
            [id],
        )?;
        tx.execute("DELETE FROM deck_cards WHERE deck_id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }
}

/// Raises the revision of deck `id` from `base`, or refuses: the deck is gone, or changed since.
fn bump(tx: &Transaction, id: &str, base: i64) -> Result<()> {
    let stored: Option<i64> = tx
        .query_row(
            "SELECT revision FROM decks WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match stored {
        None => Err(StoreError::NotFound(id.to_owned())),
        Some(stored) if stored != base => Err(StoreError::Conflict { base, stored }),
        Some(_) => {
            tx.execute(
                "UPDATE decks SET revision = revision + 1, updated_at = ?2 WHERE id = ?1",
                params![id, now()],
            )?;
            Ok(())
        }
    }
}

fn write_cards(tx: &Transaction, id: &str, deck: &Deck) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO deck_cards (deck_id, position, section, quantity, name, set_code,
                                 collector_number, finish)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (position, line) in deck.cards().iter().enumerate() {
        let printing = line.card.printing.as_ref();
        insert.execute(params![
            id,
            position as i64,
            line.section.id(),
            line.quantity,
            line.card.name,
            printing.map(|p| p.set.as_str()),
            printing.and_then(|p| p.collector_number.as_deref()),
            line.card.finish.map(|f| match f {
                Finish::Foil => "foil",
                Finish::Etched => "etched",
            }),
        ])?;
    }
    Ok(())
}

fn read_cards(conn: &Connection, id: &str) -> Result<Deck> {
    let mut statement = conn.prepare_cached(
        "SELECT section, quantity, name, set_code, collector_number, finish FROM deck_cards
         WHERE deck_id = ?1 ORDER BY position",
    )?;
    let mut rows = statement.query([id])?;
    let mut deck = Deck::new(None);
    while let Some(row) = rows.next()? {
        let section: String = row.get(0)?;
        let finish: Option<String> = row.get(5)?;
        let corrupt = |reason: String| StoreError::Corrupt {
            id: id.to_owned(),
            reason,
        };
        let section =
            Section::from_id(&section).ok_or_else(|| corrupt(format!("section {section:?}")))?;
        let finish = match finish.as_deref() {
            None => None,
            Some("foil") => Some(Finish::Foil),
            Some("etched") => Some(Finish::Etched),
            Some(other) => return Err(corrupt(format!("finish {other:?}"))),
        };
        let set: Option<String> = row.get(3)?;
        let collector_number: Option<String> = row.get(4)?;
        deck.add(
            section,
            row.get(1)?,
            CardRef {
                name: row.get(2)?,
                printing: set.map(|set| PrintingRef {
                    set,
                    collector_number,
                }),
                finish,
            },
        );
    }
    Ok(deck)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn burn() -> Deck {
        let mut deck = Deck::new(None);
        deck.add(Section::Main, 4, CardRef::named("Lightning Bolt"));
        deck.add(
            Section::Main,
            4,
            CardRef {
                name: "Goblin Guide".into(),
                printing: Some(PrintingRef {
                    set: "ZEN".into(),
                    collector_number: Some("126★".into()),
                }),
                finish: Some(Finish::Foil),
            },
        );
        deck.add(Section::Sideboard, 2, CardRef::named("Path to Exile"));
        deck
    }

    fn store() -> (tempfile::TempDir, DeckStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = DeckStore::open(dir.path()).unwrap();
        (dir, store)
    }

    #[test]
    fn a_stored_deck_reads_back_whole_and_is_listed() {
        let (dir, mut store) = store();
        let created = store
            .create("Burn", Some(GameFormat::Modern), &burn())
            .unwrap();
        assert_eq!(created.revision, 1);
        assert_eq!(created.deck.cards(), burn().cards());
        assert_eq!(created.deck.name.as_deref(), Some("Burn"));
        assert!(Uuid::parse_str(&created.id).is_ok());
        // Another connection (the CLI beside the app) sees it.
        let other = DeckStore::open(dir.path()).unwrap();
        assert_eq!(other.get(&created.id).unwrap(), created);
        let list = other.list().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!((list[0].main, list[0].sideboard), (8, 2));
        assert_eq!(list[0].format, Some(GameFormat::Modern));
    }

    #[test]
    fn decks_are_found_by_id_prefix_or_name() {
        let (_dir, mut store) = store();
        let burn = store.create("Burn", None, &burn()).unwrap();
        let other = store.create("burn", None, &Deck::new(None)).unwrap();
        assert_eq!(store.find(&burn.id).unwrap().id, burn.id);
        assert_eq!(store.find(&other.id[..13]).unwrap().id, other.id);
        assert!(matches!(
            store.find("BURN"),
            Err(StoreError::Ambiguous { .. })
        ));
        assert!(matches!(store.find("nope"), Err(StoreError::NotFound(_))));
        // Too short to be a prefix, and wildcards are literal.
        assert!(matches!(store.find("0"), Err(StoreError::NotFound(_))));
        assert!(matches!(store.find("%%%%"), Err(StoreError::NotFound(_))));
    }

    #[test]
    fn a_save_raises_the_revision_and_a_stale_one_is_refused() {
        let (_dir, mut store) = store();
        let created = store.create("Burn", None, &burn()).unwrap();
        let mut more = burn();
        more.add(Section::Main, 20, CardRef::named("Mountain"));
        let saved = store
            .save(&created.id, 1, "Burn v2", Some(GameFormat::Modern), &more)
            .unwrap();
        assert_eq!((saved.revision, saved.name.as_str()), (2, "Burn v2"));
        assert_eq!(saved.deck.count(Section::Main), 28);
        let stale = store.save(&created.id, 1, "Burn v3", None, &burn());
        assert!(matches!(
            stale,
            Err(StoreError::Conflict { base: 1, stored: 2 })
        ));
        assert_eq!(store.get(&created.id).unwrap(), saved);
    }

    #[test]
    fn a_failed_save_leaves_the_deck_as_it_was() {
        let (_dir, mut store) = store();
        let created = store.create("Burn", None, &burn()).unwrap();
        let mut broken = burn();
        // The schema refuses a line without copies, after the old lines were deleted and the
        // first new ones written: the whole change must roll back.
        broken.add(Section::Sideboard, 0, CardRef::named("Pyroblast"));
        assert!(store.save(&created.id, 1, "Broken", None, &broken).is_err());
        assert_eq!(store.get(&created.id).unwrap(), created);
    }

    #[test]
    fn a_deleted_deck_leaves_a_tombstone() {
        let (_dir, mut store) = store();
        let created = store.create("Burn", None, &burn()).unwrap();
        assert!(matches!(
            store.delete(&created.id, 0),
            Err(StoreError::Conflict { .. })
        ));
        store.delete(&created.id, 1).unwrap();
        assert!(matches!(
            store.get(&created.id),
            Err(StoreError::NotFound(_))
        ));
        assert!(store.list().unwrap().is_empty());
        let (revision, deleted): (i64, Option<String>) = store
            .conn
            .query_row(
                "SELECT revision, deleted_at FROM decks WHERE id = ?1",
                [&created.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(revision, 2);
        assert!(deleted.is_some());
    }
}
