//! `planeswalker import embeddings`, the embedding step after `import`, and `search` /
//! `rules search` with `--semantic` and `--hybrid`, on real cards (those printed in Magic 2010)
//! and the real all-MiniLM-L6-v2 model, run as a user runs them.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::card_subset::{printed_in, write_atomic_cards};
use common::models::test_embedding_model;
use common::{run, shared_data};

/// An AtomicCards file of the cards printed in Magic 2010, in `dir`.
fn magic_2010_cards(dir: &Path) -> PathBuf {
    let path = dir.join("AtomicCards-M10.json");
    let source = shared_data().join("cards/AtomicCards-merged-mtgjson-5.2.0+20220425.json.gz");
    write_atomic_cards(
        &source,
        &path,
        &|_, faces| printed_in(faces, &["M10"]),
        |_| {},
    );
    path
}

#[test]
fn an_import_with_an_embedding_model_makes_cards_searchable_by_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let cards = magic_2010_cards(dir.path());
    let model = test_embedding_model();
    let model = model.to_str().unwrap();

    let imported = run(
        &data,
        &[
            "--json",
            "import",
            "cards",
            "--from-file",
            cards.to_str().unwrap(),
            "--embedding-model",
            model,
        ],
    )
    .succeeded()
    .json();
    let faces = imported["embeddings"]["card_faces"].as_u64().unwrap();
    assert!(faces > 200, "{imported}");
    assert_eq!(imported["embeddings"]["embedded"].as_u64().unwrap(), faces);
    assert_eq!(imported["stats"]["cards"].as_u64().unwrap(), faces);

    let found = run(
        &data,
        &[
            "search",
            "--semantic",
            "--embedding-model",
            model,
            "cheap",
            "red",
            "instant",
            "that",
            "deals",
            "3",
            "damage",
            "--limit",
            "5",
        ],
    )
    .succeeded();
    assert!(found.stdout.contains("Lightning Bolt"), "{}", found.stdout);

    let hybrid = run(
        &data,
        &[
            "--json",
            "search",
            "--hybrid",
            "a creature that makes green mana",
            "--embedding-model",
            model,
        ],
    )
    .succeeded()
    .json();
    let names: Vec<&str> = hybrid
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 20, "the default limit: {names:?}");
    assert!(names.contains(&"Llanowar Elves"), "{names:?}");

    // Nothing changed: the step runs again and embeds nothing.
    let again = run(&data, &["import", "embeddings", "--embedding-model", model]).succeeded();
    assert!(
        again.stdout.contains(&format!("{faces} card faces")),
        "{}",
        again.stdout
    );
    assert!(again.stdout.contains("0 embedded now"), "{}", again.stdout);

    // The rules were never imported.
    let rules = run(
        &data,
        &[
            "rules",
            "search",
            "--semantic",
            "trample",
            "--embedding-model",
            model,
        ],
    )
    .failed();
    assert!(
        rules.stderr.contains("planeswalker import"),
        "{}",
        rules.stderr
    );
}

#[test]
fn without_an_embedding_model_the_import_says_how_to_turn_semantic_search_on() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let cards = magic_2010_cards(dir.path());
    let imported = run(
        &data,
        &["import", "cards", "--from-file", cards.to_str().unwrap()],
    )
    .succeeded();
    assert!(
        imported.stdout.contains("Semantic search is off"),
        "{}",
        imported.stdout
    );

    let search = run(&data, &["search", "--hybrid", "burn spell"]).failed();
    assert!(
        search.stderr.contains("embedding model"),
        "{}",
        search.stderr
    );
    let step = run(&data, &["import", "embeddings"]).failed();
    assert!(
        step.stderr.contains("no embedding model is installed"),
        "{}",
        step.stderr
    );

    // A model given but the step never run on this knowledge base.
    let model = test_embedding_model();
    let search = run(
        &data,
        &[
            "search",
            "--semantic",
            "burn",
            "--embedding-model",
            model.to_str().unwrap(),
        ],
    )
    .failed();
    assert!(
        search.stderr.contains("planeswalker import embeddings"),
        "{}",
        search.stderr
    );
}

#[test]
fn semantic_and_hybrid_cannot_be_asked_together() {
    let dir = tempfile::tempdir().unwrap();
    let both = run(dir.path(), &["search", "--semantic", "--hybrid", "bolt"]);
    assert!(!both.status.success());
    assert!(
        both.stderr.contains("cannot be used with"),
        "{}",
        both.stderr
    );
}
