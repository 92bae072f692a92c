//! The user-data database: one SQLite file (`user.sqlite3` in the data directory) holding what
//! the player made — decks now, chat sessions and settings later. Unlike the reference
//! database it is never rebuilt, so its schema only moves forward through migrations
//! (`migrations/sqlite/user`), and it is opened for durability: write-ahead log with a full
//! sync at every commit, so a committed change survives a crash or power loss and an
//! interrupted one leaves the previous state.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

/// File name of the user-data database inside the data directory.
pub const USER_DB_FILE: &str = "user.sqlite3";

/// The user-data schema, oldest first. Files are forward-only: never edit one that shipped.
const USER_MIGRATIONS: &[&str] = &[include_str!(
    "../../../migrations/sqlite/user/0001_decks.sql"
)];

/// How long a write waits for another process (the app and the CLI at once) to finish its own.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Why the user-data database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data directory could not be created.
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// SQLite failed.
    #[error("user-data database {path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// Why.
        source: rusqlite::Error,
    },
    /// The schema could not be brought up to date (or the file is from a newer Planeswalker).
    #[error("user-data database {path}: cannot update its schema: {source}")]
    Migration {
        /// The database file.
        path: PathBuf,
        /// Why.
        source: rusqlite_migration::Error,
    },
}

/// Where the user-data database lives in `data_dir`.
pub fn user_db_path(data_dir: &Path) -> PathBuf {
    data_dir.join(USER_DB_FILE)
}

/// The user-data schema's migrations.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(USER_MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// Opens (creating it if needed) the user-data database in `data_dir`, with its schema up to
/// date.
pub fn open(data_dir: &Path) -> Result<Connection, Error> {
    std::fs::create_dir_all(data_dir).map_err(|source| Error::DataDir {
        path: data_dir.to_owned(),
        source,
    })?;
    let path = user_db_path(data_dir);
    let sqlite = |source| Error::Sqlite {
        path: path.clone(),
        source,
    };
    let mut conn = Connection::open(&path).map_err(sqlite)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(sqlite)?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(sqlite)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(sqlite)?;
    migrations()
        .to_latest(&mut conn)
        .map_err(|source| Error::Migration {
            path: path.clone(),
            source,
        })?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }

    #[test]
    fn opening_creates_the_file_and_reopening_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("nested/data");
        let conn = open(&data).unwrap();
        conn.execute(
            "INSERT INTO decks (id, name, created_at, updated_at) VALUES ('a', 'Burn', 't', 't')",
            [],
        )
        .unwrap();
        drop(conn);
        let conn = open(&data).unwrap();
        let name: String = conn
            .query_row("SELECT name FROM decks", [], |r| r.get(0))
            .unwrap();
        assert_eq!(name, "Burn");
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
}
