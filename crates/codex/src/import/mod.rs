//! Building the reference database from source files, atomically.
//!
//! An import builds a new database file beside the current one and renames it into place
//! only when complete: a crash or kill at any moment leaves the previous database intact.
//! Parts not being replaced (say, combos when only the rules are imported) are carried over
//! from the current database. Importing sources identical (by SHA-256) to those the current
//! database was built from does nothing.

mod detect;
mod input;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rusqlite::Transaction;

pub use detect::{Part, SourceFile, SourceKind, detect, scan_dir};
pub(crate) use input::sha256_file;
pub use input::{decompress, open_decompressed};

use crate::db::{self, read_meta, reference_db_path, write_meta};
use crate::download::CancellationToken;
use crate::sources::{mtgjson, scryfall};
use crate::{Error, Result, card_store};

/// What an import is doing, for progress displays.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportProgress {
    /// Checking whether the sources changed since the last import.
    Hashing {
        /// The file being hashed.
        path: PathBuf,
    },
    /// Reading one source file.
    Reading {
        /// What it holds.
        kind: SourceKind,
        /// The file.
        path: PathBuf,
    },
    /// Records stored so far from the current file.
    Stored {
        /// Records so far.
        count: u64,
    },
    /// Building indexes and swapping the new database in.
    Finishing,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportReport {
    /// True when the sources matched the current database and nothing was rebuilt.
    pub up_to_date: bool,
    /// The parts that were (or, when up to date, would have been) replaced.
    pub parts: Vec<Part>,
    /// The database's contents afterwards.
    pub stats: crate::stats::Stats,
    /// Wall time of the import.
    #[serde(with = "seconds")]
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub elapsed: Duration,
}

mod seconds {
    pub fn serialize<S: serde::Serializer>(
        d: &std::time::Duration,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_f64(d.as_secs_f64())
    }
}

/// Imports `sources` into the reference database in `data_dir`, replacing the parts they
/// feed and keeping the others. See the module docs for the guarantees.
pub fn import(
    data_dir: &Path,
    sources: &[SourceFile],
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportReport> {
    import_cancellable(data_dir, sources, progress, &CancellationToken::new())
}

/// [`import`] that stops with [`Error::ImportCancelled`] soon after `cancel` fires (it is
/// checked at every progress report, a few times a second); the database in place is then
/// left exactly as it was.
pub fn import_cancellable(
    data_dir: &Path,
    sources: &[SourceFile],
    progress: &dyn Fn(ImportProgress),
    cancel: &CancellationToken,
) -> Result<ImportReport> {
    let progress = &Reporter { progress, cancel };
    let started = Instant::now();
    let mut parts: Vec<Part> = sources.iter().map(|s| s.kind.part()).collect();
    parts.sort();
    parts.dedup();
    if parts.is_empty() {
        return Err(Error::NoSources);
    }
    check_card_sources(sources)?;
    std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
    let _lock = ImportLock::acquire(data_dir)?;

    let mut fingerprints = Vec::new();
    for part in &parts {
        let mut files: Vec<String> = Vec::new();
        for source in sources.iter().filter(|s| s.kind.part() == *part) {
            progress.report(ImportProgress::Hashing {
                path: source.path.clone(),
            })?;
            files.push(format!(
                "{:?}:{}",
                source.kind,
                input::sha256_file(&source.path)?
            ));
        }
        files.sort();
        // A new Planeswalker may read the same files differently: its version is part of
        // what "unchanged" means.
        files.push(format!("codex-{}", env!("CARGO_PKG_VERSION")));
        fingerprints.push((*part, files.join(",")));
    }

    let current = reference_db_path(data_dir);
    let existing = match db::open_reference(data_dir) {
        Ok(conn) => Some(conn),
        Err(Error::NoDatabase { .. }) => None,
        // Rebuilding every part replaces an outdated or damaged file whole.
        Err(_) if parts.len() == Part::ALL.len() => None,
        Err(error) => {
            let kept: Vec<&str> = Part::ALL
                .iter()
                .filter(|p| !parts.contains(p))
                .map(|p| p.name())
                .collect();
            return Err(Error::CannotKeepParts {
                kept: kept.join(" and "),
                source: Box::new(error),
            });
        }
    };
    if let Some(conn) = &existing {
        let mut unchanged = true;
        for (part, fingerprint) in &fingerprints {
            unchanged &=
                read_meta(conn, &source_key(*part))?.as_deref() == Some(fingerprint.as_str());
        }
        if unchanged {
            return Ok(ImportReport {
                up_to_date: true,
                parts,
                stats: crate::stats::stats(conn)?,
                elapsed: started.elapsed(),
            });
        }
    }

    let building = data_dir.join(format!(
        "{}.importing-{}",
        db::REFERENCE_DB_FILE,
        std::process::id()
    ));
    remove_if_exists(&building)?;
    let mut conn = match existing {
        Some(old) => {
            // Carry the parts this import does not replace: start from a copy of the current file.
            drop(old);
            std::fs::copy(&current, &building).map_err(|e| Error::io(&building, e))?;
            db::open_for_rebuild(&building)?
        }
        None => db::create_reference(&building)?,
    };

    let result = (|| {
        let tx = conn.transaction()?;
        for part in &parts {
            clear_part(&tx, *part)?;
            let part_sources: Vec<&SourceFile> =
                sources.iter().filter(|s| s.kind.part() == *part).collect();
            match part {
                Part::Cards => import_cards(&tx, &part_sources, progress)?,
                Part::Rules => import_rules(&tx, &part_sources, progress)?,
                Part::Combos => import_combos(&tx, &part_sources, progress)?,
            }
        }
        progress.report(ImportProgress::Finishing)?;
        if parts.contains(&Part::Cards) {
            card_store::finish_cards(&tx)?;
            // Combos carried over from the previous database point at the old card rows.
            crate::combos::link_cards(&tx)?;
        }
        for (part, fingerprint) in &fingerprints {
            write_meta(&tx, &source_key(*part), fingerprint)?;
        }
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        write_meta(&tx, "imported_at_unix", &now.to_string())?;
        // The last moment a cancel can take effect: after this the new database goes in.
        progress.check()?;
        tx.commit()?;
        conn.execute_batch("ANALYZE; PRAGMA optimize;")?;
        let stats = crate::stats::stats(&conn)?;
        conn.close().map_err(|(_, e)| Error::Sqlite(e))?;
        Ok(stats)
    })();
    let stats = match result {
        Ok(stats) => stats,
        Err(error) => {
            let _ = std::fs::remove_file(&building);
            return Err(error);
        }
    };
    File::open(&building)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(&building, e))?;
    std::fs::rename(&building, &current).map_err(|e| Error::io(&current, e))?;
    // The rename is durable only once the directory entry is on disk.
    if let Ok(dir) = File::open(data_dir) {
        let _ = dir.sync_all();
    }
    Ok(ImportReport {
        up_to_date: false,
        parts,
        stats,
        elapsed: started.elapsed(),
    })
}

/// Passes progress on and stops the import once it is cancelled.
struct Reporter<'a> {
    progress: &'a dyn Fn(ImportProgress),
    cancel: &'a CancellationToken,
}

impl Reporter<'_> {
    /// Reports `event`, or fails with [`Error::ImportCancelled`].
    fn report(&self, event: ImportProgress) -> Result<()> {
        self.check()?;
        (self.progress)(event);
        Ok(())
    }

    fn check(&self) -> Result<()> {
        if self.cancel.is_cancelled() {
            Err(Error::ImportCancelled)
        } else {
            Ok(())
        }
    }
}

/// Cards need exactly one card file; printings and rulings only add to one.
fn check_card_sources(sources: &[SourceFile]) -> Result<()> {
    let card_files = sources
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                SourceKind::MtgjsonAtomicCards | SourceKind::ScryfallOracleCards
            )
        })
        .count();
    let card_extras = sources.iter().any(|s| s.kind.part() == Part::Cards);
    match card_files {
        0 if card_extras => Err(Error::format(
            "import",
            "printings and rulings need a card file (MTGJSON AtomicCards or Scryfall oracle-cards) in the same import",
        )),
        0 | 1 => Ok(()),
        _ => Err(Error::format(
            "import",
            "more than one card file given: import one of MTGJSON AtomicCards or Scryfall oracle-cards",
        )),
    }
}

fn source_key(part: Part) -> String {
    format!("source.{}", part.name())
}

/// Removes `path`; a file already gone is not an error. Shared with the downloader: unlinking
/// one file is a single quick system call, fine to make from async code too.
pub(crate) fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// Empties the tables of one part before it is imported again.
fn clear_part(tx: &Transaction<'_>, part: Part) -> Result<()> {
    match part {
        Part::Cards => tx.execute_batch(
            "DELETE FROM rulings; DELETE FROM printings; DELETE FROM card_keywords;
             DELETE FROM card_legalities; DELETE FROM card_names; DELETE FROM card_faces;
             DELETE FROM cards; DELETE FROM sets;
             INSERT INTO cards_fts(cards_fts) VALUES ('delete-all');
             DELETE FROM meta WHERE key LIKE 'cards.%';",
        )?,
        // The rules store replaces whatever rules it finds.
        Part::Rules => {}
        Part::Combos => {
            tx.execute_batch("DELETE FROM combos; DELETE FROM meta WHERE key LIKE 'combos.%';")?
        }
    }
    Ok(())
}

fn import_cards(
    tx: &Transaction<'_>,
    sources: &[&SourceFile],
    progress: &Reporter<'_>,
) -> Result<()> {
    // Cards first: printings and rulings attach to them.
    let mut ordered: Vec<&&SourceFile> = sources.iter().collect();
    ordered.sort_by_key(|s| {
        !matches!(
            s.kind,
            SourceKind::MtgjsonAtomicCards | SourceKind::ScryfallOracleCards
        )
    });
    for source in ordered {
        progress.report(ImportProgress::Reading {
            kind: source.kind,
            path: source.path.clone(),
        })?;
        let name = source.path.display().to_string();
        let mut count = 0u64;
        let tick = |count: &mut u64| -> Result<()> {
            *count += 1;
            if (*count).is_multiple_of(2000) {
                progress.report(ImportProgress::Stored { count: *count })?;
            }
            Ok(())
        };
        match source.kind {
            SourceKind::MtgjsonAtomicCards => {
                let (meta, _) =
                    mtgjson::read_atomic_cards(open_decompressed(&source.path)?, &name, |card| {
                        card_store::insert_card(tx, &card)?;
                        tick(&mut count)?;
                        Ok(())
                    })?;
                write_meta(tx, "cards.source", "mtgjson")?;
                write_meta(tx, "cards.version", &meta.version)?;
                write_meta(tx, "cards.date", &meta.date)?;
            }
            SourceKind::MtgjsonSets => {
                mtgjson::read_sets(open_decompressed(&source.path)?, &name, |set, printings| {
                    store_set(tx, &set, &printings)?;
                    tick(&mut count)?;
                    Ok(())
                })?;
            }
            SourceKind::MtgjsonSetArchive => {
                input::for_each_tar_entry(&source.path, |entry, reader| {
                    if !entry.ends_with(".json") {
                        return Ok(());
                    }
                    let entry_name = format!("{name}:{entry}");
                    mtgjson::read_sets(reader, &entry_name, |set, printings| {
                        store_set(tx, &set, &printings)?;
                        tick(&mut count)?;
                        Ok(())
                    })
                    .map(|_| ())
                })?;
            }
            SourceKind::ScryfallOracleCards => {
                scryfall::read_cards(open_decompressed(&source.path)?, &name, |card| {
                    card_store::insert_card(tx, &card)?;
                    tick(&mut count)?;
                    Ok(())
                })?;
                write_meta(tx, "cards.source", "scryfall")?;
            }
            SourceKind::ScryfallPrintings => {
                scryfall::read_printings(
                    open_decompressed(&source.path)?,
                    &name,
                    |printing, set| {
                        card_store::upsert_set(tx, &set)?;
                        card_store::insert_printing(tx, &printing)?;
                        tick(&mut count)?;
                        Ok(())
                    },
                )?;
            }
            SourceKind::ScryfallRulings => {
                scryfall::read_rulings(
                    open_decompressed(&source.path)?,
                    &name,
                    |oracle_id, ruling| {
                        card_store::insert_ruling_by_oracle_id(tx, &oracle_id, &ruling)?;
                        tick(&mut count)?;
                        Ok(())
                    },
                )?;
            }
            SourceKind::ComprehensiveRules | SourceKind::CommanderSpellbook => {}
        }
    }
    Ok(())
}

fn store_set(
    tx: &Transaction<'_>,
    set: &crate::model::SetRecord,
    printings: &[crate::model::PrintingRecord],
) -> Result<()> {
    card_store::upsert_set(tx, set)?;
    for printing in printings {
        card_store::insert_printing(tx, printing)?;
    }
    Ok(())
}

/// The one source a part takes (rules, combos), announced to `progress`.
fn single_source<'a>(
    sources: &[&'a SourceFile],
    what: &str,
    progress: &Reporter<'_>,
) -> Result<&'a SourceFile> {
    let [source] = sources else {
        return Err(Error::format(
            "import",
            format!("more than one {what} given: import one"),
        ));
    };
    progress.report(ImportProgress::Reading {
        kind: source.kind,
        path: source.path.clone(),
    })?;
    Ok(source)
}

fn import_rules(
    tx: &Transaction<'_>,
    sources: &[&SourceFile],
    progress: &Reporter<'_>,
) -> Result<()> {
    let source = single_source(sources, "Comprehensive Rules file", progress)?;
    let mut text = String::new();
    open_decompressed(&source.path)?
        .read_to_string(&mut text)
        .map_err(|e| Error::io(&source.path, e))?;
    crate::rules::store(tx, &crate::rules::parse(&text)?)
}

fn import_combos(
    tx: &Transaction<'_>,
    sources: &[&SourceFile],
    progress: &Reporter<'_>,
) -> Result<()> {
    let source = single_source(sources, "combo export", progress)?;
    let name = source.path.display().to_string();
    let mut count = 0u64;
    let info = crate::combos::read_export(open_decompressed(&source.path)?, &name, |combo| {
        crate::combos::store(tx, &combo)?;
        count += 1;
        if count.is_multiple_of(2000) {
            progress.report(ImportProgress::Stored { count })?;
        }
        Ok(())
    })?;
    if let Some(version) = &info.version {
        write_meta(tx, "combos.version", version)?;
    }
    if let Some(timestamp) = &info.timestamp {
        write_meta(tx, "combos.timestamp", timestamp)?;
    }
    Ok(())
}

/// An exclusive lock on the data directory for the duration of an import (or of the
/// embedding step), so two never build or swap at once (the OS releases it if the process
/// dies).
pub(crate) struct ImportLock {
    _file: File,
}

impl ImportLock {
    pub(crate) fn acquire(data_dir: &Path) -> Result<ImportLock> {
        let path = data_dir.join("import.lock");
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::ImportRunning {
                    data_dir: data_dir.to_path_buf(),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        // Holding the lock, any leftover build file belongs to an import that died.
        if let Ok(entries) = std::fs::read_dir(data_dir) {
            for entry in entries.flatten() {
                if entry
                    .file_name()
                    .to_string_lossy()
                    .starts_with(&format!("{}.importing-", db::REFERENCE_DB_FILE))
                {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        Ok(ImportLock { _file: file })
    }
}
