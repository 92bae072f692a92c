//! The reference database built from the real data in `../shared/data` (plus the Commander
//! Spellbook fixture), once per test run and shared by every test and test binary. The decks
//! crate's tests include this file by path, so paths here start from `crates/<crate>`.

// Test support: a failure to build the shared database should stop the run loudly.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use codex::Codex;
use codex::import::{SourceFile, SourceKind, import, scan_dir};

/// `<repo>/../shared/data`, where CI and developers find the reference data.
pub fn shared_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

/// The Commander Spellbook export fixture.
pub fn combos_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../codex/tests/fixtures/commander-spellbook/variants.json")
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

/// The reference sources of one kind.
pub fn sources_of(kind: SourceKind) -> Vec<SourceFile> {
    reference_sources()
        .into_iter()
        .filter(|s| s.kind == kind)
        .collect()
}

/// The data directory holding the reference database, built once per test process and
/// shared by its tests. It is rebuilt from scratch by every process (never reused from an
/// earlier run), so a change to the importer is always what the tests see.
pub fn reference_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test binary has a path");
        let stem = exe
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("reference-{stem}"));
        match std::fs::remove_dir_all(&dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                panic!("cannot clear {}: {e}", dir.display())
            }
            _ => {}
        }
        import(&dir, &reference_sources(), &|_| {}).expect("importing the shared data");
        dir
    })
}

/// A fresh read-only connection to the shared reference database.
pub fn reference() -> Codex {
    Codex::open(reference_dir()).expect("the shared reference database opens")
}
