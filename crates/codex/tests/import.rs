//! The full import of the real shared data: counts, atomic swap and re-import.

mod common;

use codex::download::CancellationToken;
use codex::import::{ImportProgress, Part, SourceKind, import, import_cancellable};

/// Files an import builds beside the database (`reference.sqlite3.importing-<pid>`).
fn unfinished_builds(data_dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(data_dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("importing"))
        .collect()
}

#[test]
fn the_full_card_set_rules_and_combos_are_imported() {
    let codex = common::reference();
    let stats = codex.stats().unwrap();
    // PROVENANCE.md: 23,711 unique names, 24,160 face objects (2022-04-25 MTGJSON build).
    assert_eq!(stats.cards, 23_711);
    assert_eq!(stats.faces, 24_160);
    assert_eq!(stats.sets, 579);
    assert!(stats.printings > 50_000, "{}", stats.printings);
    assert_eq!(
        stats.meta.get("cards.version").map(String::as_str),
        Some("5.2.0+20220425")
    );
    assert_eq!(
        stats.meta.get("rules_effective_date").map(String::as_str),
        Some("2026-01-16")
    );
    assert_eq!(stats.rules, 3_114);
    assert_eq!(stats.glossary_terms, 725);
    assert_eq!(stats.combos, 31);
}

#[test]
fn every_combo_card_of_the_fixture_is_a_real_card() {
    let codex = common::reference();
    let unlinked: Vec<String> = codex
        .connection()
        .prepare("SELECT name FROM combo_cards WHERE card_id IS NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        unlinked.is_empty(),
        "combo cards not in the card data: {unlinked:?}"
    );
}

#[test]
fn importing_the_same_sources_again_is_a_no_op() {
    common::reference_dir();
    let report = import(
        common::reference_dir(),
        &common::reference_sources(),
        &|_| {},
    )
    .unwrap();
    assert!(report.up_to_date);
    assert_eq!(report.parts, vec![Part::Cards, Part::Rules, Part::Combos]);
}

#[test]
fn importing_one_part_keeps_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let rules = common::sources_of(SourceKind::ComprehensiveRules);
    let combos = common::sources_of(SourceKind::CommanderSpellbook);
    import(dir.path(), &rules, &|_| {}).unwrap();
    let report = import(dir.path(), &combos, &|_| {}).unwrap();
    assert!(!report.up_to_date);
    assert_eq!(
        (report.stats.rules, report.stats.combos, report.stats.cards),
        (3_114, 31, 0)
    );
    // The rules are unchanged, so importing them again does nothing.
    assert!(import(dir.path(), &rules, &|_| {}).unwrap().up_to_date);
}

#[test]
fn a_failed_import_leaves_the_previous_database_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let rules = common::sources_of(SourceKind::ComprehensiveRules);
    import(dir.path(), &rules, &|_| {}).unwrap();
    let broken = dir.path().join("broken-rules.txt");
    std::fs::write(
        &broken,
        "Magic: The Gathering Comprehensive Rules\n\nnothing else",
    )
    .unwrap();
    let err = import(
        dir.path(),
        &[codex::import::SourceFile {
            kind: SourceKind::ComprehensiveRules,
            path: broken,
        }],
        &|_| {},
    );
    assert!(err.is_err());
    let codex = codex::Codex::open(dir.path()).unwrap();
    assert_eq!(codex.stats().unwrap().rules, 3_114);
    let leftovers = unfinished_builds(dir.path());
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_cancelled_import_stops_mid_build_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let rules = common::sources_of(SourceKind::ComprehensiveRules);
    import(dir.path(), &rules, &|_| {}).unwrap();
    let before = std::fs::read(dir.path().join(codex::db::REFERENCE_DB_FILE)).unwrap();

    // Cancelled once the first 2,000 cards are stored, as the app's Cancel button would.
    let cancel = CancellationToken::new();
    let stored = std::sync::Mutex::new(Vec::new());
    let err = import_cancellable(
        dir.path(),
        &common::reference_sources(),
        &|event| {
            if let ImportProgress::Stored { count } = event {
                stored.lock().unwrap().push(count);
                cancel.cancel();
            }
        },
        &cancel,
    )
    .unwrap_err();
    assert!(matches!(err, codex::Error::ImportCancelled), "{err:?}");
    assert_eq!(
        *stored.lock().unwrap(),
        [2_000],
        "nothing is stored after the cancel"
    );
    assert_eq!(
        std::fs::read(dir.path().join(codex::db::REFERENCE_DB_FILE)).unwrap(),
        before,
        "the database in place is untouched"
    );
    let leftovers = unfinished_builds(dir.path());
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_damaged_database_is_reported_as_such_and_a_partial_import_will_not_drop_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(codex::db::REFERENCE_DB_FILE),
        b"not a database at all",
    )
    .unwrap();
    let opened = codex::Codex::open(dir.path());
    assert!(
        matches!(opened, Err(codex::Error::DamagedDatabase { .. })),
        "{:?}",
        opened.err()
    );
    let rules = common::sources_of(SourceKind::ComprehensiveRules);
    let err = import(dir.path(), &rules, &|_| {}).unwrap_err();
    assert!(matches!(err, codex::Error::CannotKeepParts { .. }), "{err}");
    assert!(err.to_string().contains("cards and combos"), "{err}");
    // The damaged file is left for the user to rebuild, not replaced by a rules-only one.
    assert_eq!(
        std::fs::read(dir.path().join(codex::db::REFERENCE_DB_FILE)).unwrap(),
        b"not a database at all"
    );
    // Importing every part rebuilds it.
    let report = import(dir.path(), &common::reference_sources(), &|_| {}).unwrap();
    assert_eq!(report.stats.cards, 23_711);
}

#[test]
fn an_outdated_schema_asks_for_a_full_import() {
    let dir = tempfile::tempdir().unwrap();
    let rules = common::sources_of(SourceKind::ComprehensiveRules);
    import(dir.path(), &rules, &|_| {}).unwrap();
    let path = dir.path().join(codex::db::REFERENCE_DB_FILE);
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 1)
        .unwrap();
    assert!(matches!(
        codex::Codex::open(dir.path()),
        Err(codex::Error::SchemaOutdated { found: 1, .. })
    ));
    assert!(matches!(
        import(dir.path(), &rules, &|_| {}),
        Err(codex::Error::CannotKeepParts { .. })
    ));
}

#[test]
fn queries_on_a_part_not_imported_say_which_part_to_import() {
    let dir = tempfile::tempdir().unwrap();
    import(
        dir.path(),
        &common::sources_of(SourceKind::ComprehensiveRules),
        &|_| {},
    )
    .unwrap();
    let codex = codex::Codex::open(dir.path()).unwrap();
    assert!(matches!(
        codex.card("Lightning Bolt"),
        Err(codex::Error::CardsNotImported)
    ));
    let searched = codex.search("t:goblin", 5);
    assert!(
        matches!(searched, Err(codex::Error::CardsNotImported)),
        "{searched:?}"
    );

    let cards: Vec<_> = common::reference_sources()
        .into_iter()
        .filter(|s| s.kind.part() == Part::Cards)
        .collect();
    import(dir.path(), &cards, &|_| {}).unwrap();
    let codex = codex::Codex::open(dir.path()).unwrap();
    let err = codex
        .combos_with(&["Thassa's Oracle".to_string()], 5)
        .unwrap_err();
    assert!(matches!(err, codex::Error::CombosNotImported), "{err}");
    assert!(
        err.to_string().contains("planeswalker import combos"),
        "{err}"
    );
}
