//! The reference database built from the real data in `../shared/data` (plus the Commander
//! Spellbook fixture), once per test run and shared by every test and test binary.

// Test support: a failure to build the shared database should stop the run loudly.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use codex::import::{SourceFile, SourceKind, import, scan_dir};
use codex::{Codex, Error};

/// `<repo>/../shared/data`, where CI and developers find the reference data.
pub fn shared_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

/// The Commander Spellbook export fixture.
pub fn combos_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/commander-spellbook/variants.json")
}

/// Every source the shared reference database is built from.
pub fn reference_sources() -> Vec<SourceFile> {
    let mut sources = scan_dir(&shared_data()).expect("shared data is readable");
    sources.push(SourceFile {
        kind: SourceKind::CommanderSpellbook,
        path: combos_fixture(),
    });
    sources
}

/// The data directory holding the shared reference database, built on first use. Imports of
/// unchanged sources are no-ops, so later test binaries reuse the file; a binary that finds
/// another one importing waits for it.
pub fn reference_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("reference-shared-data");
        let sources = reference_sources();
        for _ in 0..600 {
            match import(&dir, &sources, &|_| {}) {
                Ok(_) => return dir,
                Err(Error::ImportRunning { .. }) => std::thread::sleep(Duration::from_millis(500)),
                Err(e) => panic!("importing the shared data failed: {e}"),
            }
        }
        panic!("another test process kept the import lock for five minutes");
    })
}

/// A fresh read-only connection to the shared reference database.
pub fn reference() -> Codex {
    Codex::open(reference_dir()).expect("the shared reference database opens")
}
