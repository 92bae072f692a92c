//! `planeswalker import` is atomic: an import killed half-way leaves the previous knowledge base
//! answering, the next import cleans up after it, and importing unchanged files does nothing.

// clippy allows unwrap in #[test] functions only; the helpers panic on a failed setup too.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{combos_fixture, planeswalker, run, shared_data};

/// Files of the data folder that an import is (or was) building.
fn build_files(data_dir: &Path) -> Vec<String> {
    std::fs::read_dir(data_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("reference.sqlite3.importing-"))
        .collect()
}

/// Which file the knowledge base is: an import swaps a new file in, so a rebuild changes it.
#[cfg(unix)]
fn database_identity(data_dir: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    Some(
        std::fs::metadata(data_dir.join("reference.sqlite3"))
            .unwrap()
            .ino(),
    )
}

/// Elsewhere the printed "Already up to date" is the only sign.
#[cfg(not(unix))]
fn database_identity(_data_dir: &Path) -> Option<u64> {
    None
}

#[test]
fn a_killed_import_leaves_the_previous_knowledge_base_answering() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let shared = shared_data();
    let shared = shared.to_str().unwrap();
    run(&data, &["import", "rules", "--from-dir", shared]).succeeded();

    let mut child = planeswalker(&data)
        .args(["import", "--from-dir", shared])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let building = data.join(format!("reference.sqlite3.importing-{}", child.id()));
    // A bound so a broken import fails the test instead of hanging it; the full import takes
    // seconds, and its build file appears long before it ends.
    let give_up = Instant::now() + Duration::from_secs(300);
    while !building.exists() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "the import ended ({status}) before its build file {} was seen",
                building.display()
            );
        }
        assert!(Instant::now() < give_up, "no build file after 5 minutes");
        std::thread::sleep(Duration::from_millis(5));
    }

    // While it runs, a second import is refused instead of racing it for the same files.
    let refused = run(&data, &["import", "rules", "--from-dir", shared]).failed();
    assert!(
        refused.stderr.contains("another import is already running"),
        "{}",
        refused.stderr
    );

    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the import was killed, not finished");
    assert!(
        building.exists(),
        "the kill interrupted the import before its swap"
    );

    // The previous knowledge base (rules only) still answers, untouched.
    let rule = run(&data, &["rule", "702.19b"]).succeeded().stdout;
    assert!(
        rule.contains("702.19b The controller of an attacking creature with trample"),
        "{rule}"
    );
    let stats = run(&data, &["--json", "stats"]).succeeded().json();
    assert_eq!(
        (&stats["cards"], &stats["rules"]),
        (&0.into(), &3_114.into())
    );

    // The next import succeeds and removes what the killed one left.
    let again = run(&data, &["import", "--from-dir", shared]).succeeded();
    assert!(
        again.stdout.starts_with("Imported cards, rules in "),
        "{}",
        again.stdout
    );
    assert_eq!(build_files(&data), Vec::<String>::new());
    let stats = run(&data, &["--json", "stats"]).succeeded().json();
    assert_eq!(
        (&stats["cards"], &stats["rules"]),
        (&23_711.into(), &3_114.into())
    );

    // The same files once more: nothing to do.
    let unchanged = run(&data, &["import", "--from-dir", shared]).succeeded();
    assert!(
        unchanged
            .stdout
            .starts_with("Already up to date: the cards, rules sources are unchanged"),
        "{}",
        unchanged.stdout
    );
}

#[test]
fn importing_the_same_files_again_says_it_is_already_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let rules = shared_data().join("rules/MagicCompRules-20260116.txt");
    let combos = combos_fixture();
    let args = [
        "import",
        "--from-file",
        rules.to_str().unwrap(),
        "--from-file",
        combos.to_str().unwrap(),
    ];
    let first = run(&data, &args).succeeded();
    assert!(
        first.stdout.starts_with("Imported rules, combos in "),
        "{}",
        first.stdout
    );
    let built = database_identity(&data);

    let second = run(&data, &args).succeeded();
    assert!(
        second
            .stdout
            .starts_with("Already up to date: the rules, combos sources are unchanged"),
        "{}",
        second.stdout
    );
    assert_eq!(
        database_identity(&data),
        built,
        "the database file was not replaced"
    );
    let stats = run(&data, &["--json", "stats"]).succeeded().json();
    assert_eq!(
        (&stats["rules"], &stats["combos"]),
        (&3_114.into(), &31.into())
    );

    // --json reports the same, for scripts.
    let report = run(
        &data,
        &[
            "--json",
            "import",
            "rules",
            "--from-file",
            rules.to_str().unwrap(),
        ],
    )
    .succeeded()
    .json();
    assert_eq!(report["up_to_date"], true);
    assert_eq!(report["parts"], serde_json::json!(["rules"]));
}

#[test]
fn importing_files_that_hold_no_source_fails_and_builds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();

    let out = run(&data, &["import", "--from-dir", empty.to_str().unwrap()]).failed();
    assert!(
        out.stderr
            .contains("no card, rules or combo files found in"),
        "{}",
        out.stderr
    );
    let provenance = shared_data().join("PROVENANCE.md");
    let out = run(
        &data,
        &["import", "--from-file", provenance.to_str().unwrap()],
    )
    .failed();
    assert!(
        out.stderr
            .contains("is not a card, rules or combo file Planeswalker can read"),
        "{}",
        out.stderr
    );
    // The rules alone cannot feed `import combos`.
    let rules = shared_data().join("rules/MagicCompRules-20260116.txt");
    let out = run(
        &data,
        &["import", "combos", "--from-file", rules.to_str().unwrap()],
    )
    .failed();
    assert!(
        out.stderr.contains("none of the given files hold combos"),
        "{}",
        out.stderr
    );
    assert!(!data.join("reference.sqlite3").exists());
    run(&data, &["stats"]).failed();
}
