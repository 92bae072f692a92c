//! What every end-to-end test of the `planeswalker` binary needs: running it hermetically, the
//! real reference data's paths, and one knowledge base built per test binary.

// Not every test binary uses every helper.
#![allow(dead_code)]

pub mod card_subset;
pub mod models;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Output};
use std::sync::OnceLock;

/// Environment variables the CLI reads: a developer's own settings must not leak into a test
/// (and must never send a test to the internet).
const CLI_ENV: &[&str] = &[
    "PLANESWALKER_DATA_DIR",
    "PLANESWALKER_MTGJSON_URL",
    "PLANESWALKER_MTGJSON_PRINTINGS",
    "PLANESWALKER_SCRYFALL_URL",
    "PLANESWALKER_RULES_URL",
    "PLANESWALKER_SPELLBOOK_URL",
    "PLANESWALKER_MODEL",
    "PLANESWALKER_EMBEDDING_MODEL",
    "PLANESWALKER_MODELS_MIRROR",
    // Log lines on stderr would make the error-message assertions depend on the caller's shell.
    "RUST_LOG",
];

/// `<repo>/../shared/data`, where CI and developers keep the real reference data.
pub fn shared_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

/// The real Commander Spellbook export fixture of the codex crate.
pub fn combos_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../codex/tests/fixtures/commander-spellbook/variants.json")
}

/// A real Scryfall fixture of the codex crate (see its README for provenance).
pub fn scryfall_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../codex/tests/fixtures/scryfall")
        .join(name)
}

/// The binary, set up to use `data_dir` and nothing of the caller's environment.
pub fn planeswalker(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_planeswalker"));
    for name in CLI_ENV {
        command.env_remove(name);
    }
    // The download tests talk to 127.0.0.1 only; a proxy configured on the machine must not
    // intercept that.
    command.env("NO_PROXY", "127.0.0.1,localhost");
    command.arg("--data-dir").arg(data_dir);
    command
}

/// How one run of the binary ended.
#[derive(Debug)]
pub struct Run {
    /// The exit status.
    pub status: ExitStatus,
    /// Everything printed on stdout.
    pub stdout: String,
    /// Everything printed on stderr.
    pub stderr: String,
}

impl Run {
    fn from_output(args: &[&str], output: Output) -> Run {
        let run = Run {
            status: output.status,
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        };
        // Printed only when a test fails: which command gave what.
        eprintln!("$ planeswalker {}\n{run:#?}", args.join(" "));
        run
    }

    /// Asserts the command succeeded.
    #[track_caller]
    pub fn succeeded(self) -> Run {
        assert!(
            self.status.success(),
            "expected success, got {}\nstderr: {}",
            self.status,
            self.stderr
        );
        self
    }

    /// Asserts the command failed with a message on stderr and printed nothing on stdout.
    #[track_caller]
    pub fn failed(self) -> Run {
        assert!(
            !self.status.success(),
            "expected a failure, got success\nstdout: {}",
            self.stdout
        );
        assert_eq!(self.stdout, "", "a failed command prints no result");
        assert!(
            self.stderr.starts_with("error: "),
            "the error is on stderr: {:?}",
            self.stderr
        );
        self
    }

    /// Stdout parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

/// Runs the binary on `data_dir` with `args` and waits for it.
pub fn run(data_dir: &Path, args: &[&str]) -> Run {
    let output = planeswalker(data_dir).args(args).output().unwrap();
    Run::from_output(args, output)
}

/// Runs the binary with extra environment variables.
pub fn run_with_env(data_dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let output = planeswalker(data_dir)
        .envs(env.iter().copied())
        .args(args)
        .output()
        .unwrap();
    Run::from_output(args, output)
}

/// The knowledge base built from the real data (cards, printings, rules) and the combo fixture,
/// through the CLI, once per test binary; every test of the binary reads it.
pub fn knowledge_base() -> &'static Path {
    static KNOWLEDGE_BASE: OnceLock<(PrivateDir, PathBuf)> = OnceLock::new();
    &KNOWLEDGE_BASE
        .get_or_init(|| {
            let owner = PrivateDir::create("knowledge-base");
            let data_dir = owner.path.join("data");
            let shared = shared_data();
            let combos = combos_fixture();
            run(
                &data_dir,
                &["import", "--from-dir", shared.to_str().unwrap()],
            )
            .succeeded();
            run(
                &data_dir,
                &["import", "combos", "--from-file", combos.to_str().unwrap()],
            )
            .succeeded();
            (owner, data_dir)
        })
        .1
}

/// A folder under the target directory that this process owns until it exits.
///
/// A `TempDir` in a `static` is never dropped, so it would leave a knowledge base (60 MB) behind
/// after every run; a fixed folder would be shared by concurrent test runs of several worktrees
/// (they share one target directory). Instead each process creates its own folder and holds a
/// lock on a file in it; the OS releases the lock when the process ends, so the next run removes
/// the folders whose owner is gone.
struct PrivateDir {
    path: PathBuf,
    _lock: File,
}

const OWNER_LOCK: &str = "owner.lock";

impl PrivateDir {
    fn create(prefix: &str) -> PrivateDir {
        let parent = Path::new(env!("CARGO_TARGET_TMPDIR")).join("planeswalker-cli-tests");
        std::fs::create_dir_all(&parent).unwrap();
        for entry in std::fs::read_dir(&parent).unwrap().flatten() {
            // No lock file yet: being created; locked: its owner runs.
            if let Ok(lock) = File::options()
                .write(true)
                .open(entry.path().join(OWNER_LOCK))
                && lock.try_lock().is_ok()
            {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        let path = tempfile::Builder::new()
            .prefix(&format!("{prefix}-"))
            .tempdir_in(&parent)
            .unwrap()
            .keep();
        // Locked before it gets its final name, so no other process sees it unlocked.
        let pending = path.join("owner.lock.new");
        let lock = File::create(&pending).unwrap();
        lock.lock().unwrap();
        std::fs::rename(&pending, path.join(OWNER_LOCK)).unwrap();
        PrivateDir { path, _lock: lock }
    }
}
