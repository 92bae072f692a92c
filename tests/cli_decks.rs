//! `planeswalker deck …` end to end: real deck lists imported against the knowledge base built
//! from the real card data, stored, listed, shown, exported, checked, analysed and deleted.

// clippy allows unwrap in #[test] functions only; the helpers panic on a failed setup too.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use common::{knowledge_base, planeswalker, run};

const BURN: &str = include_str!("../crates/decks/tests/decks/modern-burn.txt");
const KRENKO: &str = include_str!("../crates/decks/tests/decks/krenko-commander.txt");

/// Writes `text` to a file named `name` in a fresh folder and imports it; returns the deck's id.
fn import(data_dir: &Path, name: &str, text: &str, extra: &[&str]) -> (serde_json::Value, String) {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join(name);
    std::fs::write(&file, text).unwrap();
    let mut args = vec!["--json", "deck", "import", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    let imported = run(data_dir, &args).succeeded().json();
    let id = imported["deck"]["id"].as_str().unwrap().to_owned();
    (imported, id)
}

#[test]
fn a_list_with_a_misspelt_line_imports_the_rest_and_names_what_it_left_out() {
    let data = knowledge_base();
    let text = BURN
        .replace("4 Lava Spike", "4 Lava Spyke")
        .replace("4 Rift Bolt", "4 RIFT BOLT");
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("Boros Burn.txt");
    std::fs::write(&file, &text).unwrap();
    let out = run(
        data,
        &[
            "deck",
            "import",
            file.to_str().unwrap(),
            "--format",
            "modern",
        ],
    )
    .succeeded();
    assert!(
        out.stdout.starts_with(
            "Imported \"Boros Burn\" (MTGO .txt list): 56 cards + 15 in the sideboard"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("line 5: \"Lava Spyke\" is not a card (did you mean: Lava Spike"),
        "{}",
        out.stdout
    );
    let id = out
        .stdout
        .lines()
        .next()
        .unwrap()
        .rsplit("id ")
        .next()
        .unwrap()
        .to_owned();
    let shown = run(data, &["--json", "deck", "show", &id[..8]])
        .succeeded()
        .json();
    assert_eq!(shown["name"], "Boros Burn");
    assert_eq!(shown["format"], "modern");
    // Names are stored as printed.
    let names: Vec<&str> = shown["deck"]["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line["card"]["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Rift Bolt"), "{names:?}");
    assert!(!names.contains(&"Lava Spyke"));
}

#[test]
fn a_commander_deck_round_trips_through_every_list_format_it_fits() {
    let data = knowledge_base();
    let (imported, id) = import(data, "krenko.txt", KRENKO, &[]);
    assert_eq!(imported["list_format"], "arena");
    assert_eq!(imported["deck"]["format"], "commander");
    assert_eq!(imported["unknown_names"], serde_json::json!([]));
    let original = run(data, &["--json", "deck", "show", &id])
        .succeeded()
        .json();
    for format in ["arena", "moxfield", "plain", "json", "csv"] {
        let exported = run(data, &["deck", "export", &id, "--format", format]).succeeded();
        let (_, again) = import(
            data,
            &format!("krenko.{format}"),
            &exported.stdout,
            &["--from", format],
        );
        let reread = run(data, &["--json", "deck", "show", &again])
            .succeeded()
            .json();
        assert_eq!(
            reread["deck"]["cards"], original["deck"]["cards"],
            "{format}:\n{}",
            exported.stdout
        );
    }
    // MTGO's lists have no commander: refused, not dropped.
    let refused = run(data, &["deck", "export", &id, "--format", "mtgo"]).failed();
    assert!(
        refused.stderr.contains("has no Commander section"),
        "{}",
        refused.stderr
    );
}

#[test]
fn check_lists_every_violation_and_fails_when_illegal() {
    let data = knowledge_base();
    let (_, legal) = import(data, "krenko.txt", KRENKO, &[]);
    let out = run(data, &["deck", "check", &legal]).succeeded();
    assert_eq!(out.stdout, "\"krenko\" is legal in Commander.\n");

    let broken = KRENKO.replace("32 Mountain", "30 Mountain\n1 Counterspell\n1 Black Lotus");
    let (_, illegal) = import(data, "broken krenko.txt", &broken, &[]);
    let out = run(data, &["deck", "check", &illegal]);
    assert!(!out.status.success());
    assert_eq!(
        out.stdout,
        "- Black Lotus is banned in Commander (Commander card list)\n\
         - Counterspell: colour identity U is outside the commander's identity R (CR 903.5c)\n"
    );
    assert!(
        out.stderr
            .contains("is not legal in Commander: 2 problem(s)"),
        "{}",
        out.stderr
    );
    let json = run(
        data,
        &["--json", "deck", "check", &illegal, "--format", "legacy"],
    );
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["legal"], false);
    assert_eq!(report["format"], "legacy");
}

#[test]
fn analyze_prints_the_curve_colours_odds_and_combos() {
    let data = knowledge_base();
    let combo = KRENKO.replace(
        "32 Mountain",
        "30 Mountain\n1 Kiki-Jiki, Mirror Breaker\n1 Zealous Conscripts",
    );
    let (_, id) = import(data, "kiki krenko.txt", &combo, &[]);
    let out = run(data, &["deck", "analyze", &id]).succeeded();
    for expected in [
        "Mana curve (nonland cards;",
        "Colours   Pips  Sources  Recommended",
        "Lands: 35 (recommended",
        "Land drop made by turn",
        "Combo: Kiki-Jiki, Mirror Breaker + Zealous Conscripts → Infinite ETB",
        "Missing Hullbreaker Horror: Hullbreaker Horror + Sol Ring",
    ] {
        assert!(
            out.stdout.contains(expected),
            "{expected:?} in\n{}",
            out.stdout
        );
    }
    let json = run(data, &["--json", "deck", "analyze", &id])
        .succeeded()
        .json();
    assert_eq!(json["analysis"]["cards"], 100);
    let red = &json["analysis"]["colours"][0];
    assert_eq!(red["colour"], "R");
    assert_eq!(red["sources"], 33);
}

#[test]
fn decks_import_from_standard_input_list_and_delete() {
    let data = knowledge_base();
    let mut child = planeswalker(data)
        .args(["deck", "import", "-", "--name", "Piped Burn"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(BURN.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let list = run(data, &["--json", "deck", "list"]).succeeded().json();
    let piped = list
        .as_array()
        .unwrap()
        .iter()
        .find(|deck| deck["name"] == "Piped Burn")
        .expect("the piped deck is listed");
    assert_eq!(
        (piped["main"].as_u64(), piped["sideboard"].as_u64()),
        (Some(60), Some(15))
    );
    let id = piped["id"].as_str().unwrap();
    run(data, &["deck", "delete", id]).succeeded();
    let gone = run(data, &["deck", "show", id]).failed();
    assert!(gone.stderr.contains("no deck"), "{}", gone.stderr);

    let nothing = run(data, &["deck", "import", "/nonexistent/list.txt"]).failed();
    assert!(
        nothing.stderr.contains("reading the deck list"),
        "{}",
        nothing.stderr
    );
}
