//! Opening the reference database: the sqlite-vec extension, pragmas and schema migrations.
//!
//! The reference database is one SQLite file (`reference.sqlite3` in the data directory),
//! rebuilt by every import and swapped in atomically; see [`crate::import`].

use std::path::{Path, PathBuf};
use std::sync::Once;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use rusqlite_migration::{M, Migrations};

use crate::{Error, Result};

/// File name of the reference database inside the data directory.
pub const REFERENCE_DB_FILE: &str = "reference.sqlite3";

/// Where the reference database lives in `data_dir`.
pub fn reference_db_path(data_dir: &Path) -> PathBuf {
    data_dir.join(REFERENCE_DB_FILE)
}

/// The reference schema, oldest first. Files are forward-only: never edit one that shipped.
const REFERENCE_MIGRATIONS: &[&str] = &[
    include_str!("../../../migrations/sqlite/reference/0001_cards.sql"),
    include_str!("../../../migrations/sqlite/reference/0002_rules.sql"),
    include_str!("../../../migrations/sqlite/reference/0003_combos.sql"),
    include_str!("../../../migrations/sqlite/reference/0004_search_indexes.sql"),
    include_str!("../../../migrations/sqlite/reference/0005_name_words.sql"),
    include_str!("../../../migrations/sqlite/reference/0006_embeddings.sql"),
];

/// The reference schema's migrations.
pub fn reference_migrations() -> Migrations<'static> {
    Migrations::new(REFERENCE_MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// Registers sqlite-vec with SQLite once per process, so every connection opened afterwards
/// has `vec0` tables and `vec_*` functions.
fn register_sqlite_vec() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_vec_init is the extension's entry point with the signature SQLite
        // expects of an auto-extension; the crate declares it without arguments, hence the
        // cast. Registration happens before any connection is opened through this module.
        #[allow(unsafe_code)]
        unsafe {
            rusqlite::ffi::sqlite3_auto_extension(Some(std::mem::transmute::<
                *const (),
                unsafe extern "C" fn(
                    *mut rusqlite::ffi::sqlite3,
                    *mut *mut std::os::raw::c_char,
                    *const rusqlite::ffi::sqlite3_api_routines,
                ) -> std::os::raw::c_int,
            >(
                sqlite_vec::sqlite3_vec_init as *const (),
            )));
        }
    });
}

/// A count bound as an SQL integer (`LIMIT ?`); counts beyond i64 mean "no limit".
pub(crate) fn sql_limit(count: usize) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

/// A value of the `meta` table, `None` when the key is not there.
pub(crate) fn read_meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// Sets a value of the `meta` table.
pub(crate) fn write_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
        [key, value],
    )?;
    Ok(())
}

/// Applies the pragmas every connection uses.
fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    crate::sql_functions::register(conn)?;
    Ok(())
}

/// Opens an existing reference database read-only, migrating nothing: an out-of-date
/// schema is reported as needing a new import.
pub fn open_reference(data_dir: &Path) -> Result<Connection> {
    open_checked(data_dir, OpenFlags::SQLITE_OPEN_READ_ONLY)
}

/// Opens the reference database in `data_dir` with `mode` (read-only or read-write),
/// refusing a missing file and one of another schema version.
fn open_checked(data_dir: &Path, mode: OpenFlags) -> Result<Connection> {
    let path = reference_db_path(data_dir);
    if !path.exists() {
        return Err(Error::NoDatabase { path });
    }
    register_sqlite_vec();
    let conn = Connection::open_with_flags(
        &path,
        mode | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
    )?;
    configure(&conn)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|source| Error::DamagedDatabase {
            path: path.clone(),
            source,
        })?;
    if version != REFERENCE_MIGRATIONS.len() as i64 {
        return Err(Error::SchemaOutdated {
            path,
            found: version,
            expected: REFERENCE_MIGRATIONS.len() as i64,
        });
    }
    Ok(conn)
}

/// Opens the existing reference database for writing in place (the embedding step), with
/// the same checks as [`open_reference`]; every write must be a transaction of its own.
pub fn open_reference_writable(data_dir: &Path) -> Result<Connection> {
    open_checked(data_dir, OpenFlags::SQLITE_OPEN_READ_WRITE)
}

/// Creates a new, empty reference database at `path` (which must not exist), migrated to the
/// current schema and tuned for a bulk load.
pub fn create_reference(path: &Path) -> Result<Connection> {
    register_sqlite_vec();
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    // A database under construction is thrown away if anything fails, so durability of
    // each intermediate write is not needed; the final file is synced before the swap.
    conn.pragma_update(None, "journal_mode", "OFF")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    reference_migrations().to_latest(&mut conn)?;
    Ok(conn)
}

/// Opens a copy of the reference database that an import will rebuild in part, tuned for a
/// bulk load like [`create_reference`]. The copy must be of the current schema.
pub fn open_for_rebuild(path: &Path) -> Result<Connection> {
    register_sqlite_vec();
    let conn = Connection::open(path)?;
    configure(&conn)?;
    conn.pragma_update(None, "journal_mode", "OFF")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    Ok(conn)
}

/// Opens an in-memory database with the current reference schema (tests, scratch work).
pub fn in_memory_reference() -> Result<Connection> {
    register_sqlite_vec();
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    reference_migrations().to_latest(&mut conn)?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        reference_migrations().validate().unwrap();
    }

    #[test]
    fn empty_database_migrates_to_head() {
        let conn = in_memory_reference().unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, REFERENCE_MIGRATIONS.len() as i64);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('cards', 'card_faces', 'cards_fts', 'printings')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 4);
    }

    #[test]
    fn sqlite_vec_is_loaded_on_every_connection() {
        let conn = in_memory_reference().unwrap();
        let version: String = conn
            .query_row("SELECT vec_version()", [], |r| r.get(0))
            .unwrap();
        assert!(version.starts_with('v'), "{version}");
        conn.execute_batch(
            "CREATE VIRTUAL TABLE v USING vec0(embedding float[3]);
             INSERT INTO v(rowid, embedding) VALUES (1, '[1, 0, 0]'), (2, '[0, 1, 0]');",
        )
        .unwrap();
        let nearest: i64 = conn
            .query_row(
                "SELECT rowid FROM v WHERE embedding MATCH '[0.9, 0.1, 0]' ORDER BY distance LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(nearest, 1);
    }

    #[test]
    fn opening_a_missing_database_says_to_import() {
        let dir = tempfile::tempdir().unwrap();
        let err = open_reference(dir.path()).unwrap_err();
        assert!(err.to_string().contains("planeswalker import"), "{err}");
    }
}
