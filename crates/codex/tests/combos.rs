//! Combos: reading the Commander Spellbook export fixture, storing it, and querying by card.
//! The fixture's provenance is in tests/fixtures/commander-spellbook/README.md.

// Helpers below are outside #[test] fns, where clippy's test exemption does not reach; a
// failed unwrap in them is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use codex::combos::{self, Combo, ComboMatch, ComboRecord, Zone};
use codex::{Colors, Error};
use rusqlite::Connection;

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/commander-spellbook/variants.json")
}

fn fixture_records() -> Vec<ComboRecord> {
    let file = std::fs::File::open(fixture_path()).unwrap();
    let mut records = Vec::new();
    combos::read_variants(file, "variants.json", |combo| {
        records.push(combo);
        Ok(())
    })
    .unwrap();
    records
}

fn database_with_fixture() -> Connection {
    let mut conn = codex::db::in_memory_reference().unwrap();
    let tx = conn.transaction().unwrap();
    let file = std::fs::File::open(fixture_path()).unwrap();
    let stored =
        combos::read_variants(file, "variants.json", |combo| combos::store(&tx, &combo)).unwrap();
    assert_eq!(stored, 31);
    tx.commit().unwrap();
    conn
}

fn ids(found: &[Combo]) -> Vec<&str> {
    found
        .iter()
        .map(|combo| combo.spellbook_id.as_str())
        .collect()
}

fn match_ids(found: &[ComboMatch]) -> Vec<(&str, Vec<&str>)> {
    found
        .iter()
        .map(|m| {
            (
                m.combo.spellbook_id.as_str(),
                m.missing.iter().map(String::as_str).collect(),
            )
        })
        .collect()
}

#[test]
fn the_fixture_holds_31_combos_and_its_export_metadata() {
    let file = std::fs::File::open(fixture_path()).unwrap();
    let info = combos::read_export(file, "variants.json", |_| Ok(())).unwrap();
    assert_eq!(info.combos, 31);
    assert_eq!(info.version.as_deref(), Some("6.2.6"));
    assert!(info.timestamp.is_some_and(|t| t.starts_with("2026-08-24")));
}

#[test]
fn a_captured_record_reads_with_every_field() {
    let records = fixture_records();
    let thoracle = records
        .iter()
        .find(|c| c.spellbook_id == "742-1295")
        .unwrap();
    assert_eq!(thoracle.status, "OK");
    assert_eq!(thoracle.color_identity, Colors::from_letters("UB").unwrap());
    let names: Vec<_> = thoracle.cards.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Demonic Consultation", "Thassa's Oracle"]);
    let consultation = &thoracle.cards[0];
    assert_eq!(consultation.spellbook_id, Some(742));
    assert_eq!(
        consultation.oracle_id.as_deref(),
        Some("9a1412db-45ad-46ea-8f12-a85d203113d8")
    );
    assert_eq!(consultation.start.zones, [Zone::Hand]);
    assert_eq!(consultation.start.quantity, 1);
    assert!(!consultation.start.must_be_commander);
    assert_eq!(consultation.card_id, None);
    let results: Vec<_> = thoracle
        .results
        .iter()
        .map(|r| (r.spellbook_id, r.name.as_str()))
        .collect();
    assert_eq!(
        results,
        [(Some(88), "Exile your library"), (Some(2), "Win the game")]
    );
    assert!(thoracle.templates.is_empty());
    assert_eq!(thoracle.mana_needed, "{U}{U}{B}");
    assert_eq!(thoracle.mana_value_needed, Some(3));
    assert_eq!(thoracle.popularity, Some(147812));
    assert_eq!(thoracle.bracket_tag.as_deref(), Some("R"));
    assert!(!thoracle.spoiler);
    assert!(
        thoracle
            .description
            .starts_with("Cast Demonic Consultation by paying {B}")
    );
    assert_eq!(thoracle.description.lines().count(), 3);
    assert!(
        thoracle
            .legalities
            .contains(&("commander".to_string(), true))
    );
    assert!(
        thoracle
            .legalities
            .contains(&("paupercommandermain".to_string(), false))
    );
    assert_eq!(thoracle.legalities.len(), 16);
}

#[test]
fn templates_card_states_and_commanders_are_read() {
    let records = fixture_records();
    let hullbreaker = records
        .iter()
        .find(|c| c.spellbook_id == "513-5034--46")
        .unwrap();
    assert_eq!(hullbreaker.templates.len(), 1);
    let template = &hullbreaker.templates[0];
    assert_eq!(template.name, "Permanent Castable for {C}");
    assert_eq!(template.spellbook_id, Some(46));
    assert_eq!(
        template.scryfall_query.as_deref(),
        Some("mv<=1 (mana={0} or mana={1} or mana={C}) is:permanent")
    );
    assert_eq!(template.start.zones, [Zone::Hand]);

    let scepter = records
        .iter()
        .find(|c| c.spellbook_id == "4821-5261")
        .unwrap();
    assert_eq!(scepter.cards[0].start.zones, [Zone::Exile]);
    assert_eq!(
        scepter.cards[0].start.exile_card_state,
        "exiled by Isochron Scepter"
    );

    let breach = records
        .iter()
        .find(|c| c.spellbook_id == "1368-1414-4856")
        .unwrap();
    assert_eq!(breach.cards[2].start.zones, [Zone::Hand, Zone::Graveyard]);

    let prossh = records
        .iter()
        .find(|c| {
            c.cards
                .iter()
                .any(|card| card.name == "Prossh, Skyraider of Kher")
        })
        .unwrap();
    assert!(prossh.cards[0].start.must_be_commander);
    assert_eq!(prossh.color_identity.to_string(), "BRG");
}

#[test]
fn a_truncated_export_is_a_json_error() {
    let text = std::fs::read_to_string(fixture_path()).unwrap();
    let cut = &text[..text.len() / 2];
    let mut seen = 0;
    let err = combos::read_variants(cut.as_bytes(), "variants.json", |_| {
        seen += 1;
        Ok(())
    })
    .unwrap_err();
    assert!(matches!(err, Error::Json { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("variants.json: invalid JSON"),
        "{err}"
    );
    // Streaming: the combos before the cut were handed on before the error.
    assert!(seen > 0);
}

#[test]
fn combos_with_a_card_come_most_popular_first() {
    let conn = database_with_fixture();
    let found = combos::combos_with(&conn, &["Thassa's Oracle"], 10).unwrap();
    assert_eq!(ids(&found), ["742-1295", "1295-3093"]);
    let found = combos::combos_with(&conn, &["Underworld Breach"], 3).unwrap();
    assert_eq!(
        ids(&found),
        ["1368-1414-4856", "1368-3518-4856", "1368-2706-3518"]
    );
}

#[test]
fn card_names_match_whatever_the_case_accents_and_punctuation() {
    let conn = database_with_fixture();
    let found = combos::combos_with(&conn, &["THASSAS ORACLE"], 10).unwrap();
    assert_eq!(ids(&found), ["742-1295", "1295-3093"]);
    let found = combos::combos_with(&conn, &["Ætherflux Reservoir"], 10).unwrap();
    assert_eq!(ids(&found), ["3966-4740", "2173-4740-5078"]);
    let found = combos::combos_with(&conn, &["kiki jiki mirror breaker"], 10).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].cards[1].name, "Zealous Conscripts");
}

#[test]
fn combos_with_several_cards_need_all_of_them() {
    let conn = database_with_fixture();
    let found =
        combos::combos_with(&conn, &["Underworld Breach", "lion's eye diamond"], 10).unwrap();
    assert_eq!(ids(&found), ["1368-3518-4856", "1368-2706-3518"]);
    let found = combos::combos_with(&conn, &["Thassa's Oracle", "Sol Ring"], 10).unwrap();
    assert!(found.is_empty());
    let found = combos::combos_with(&conn, &["Not A Card"], 10).unwrap();
    assert!(found.is_empty());
}

#[test]
fn a_queried_combo_has_its_steps_prerequisites_and_formats() {
    let conn = database_with_fixture();
    let pact = combos::combo_by_spellbook_id(&conn, "1295-3093")
        .unwrap()
        .unwrap();
    assert_eq!(pact.url, "https://commanderspellbook.com/combo/1295-3093/");
    assert_eq!(pact.steps.len(), 3);
    assert_eq!(
        pact.steps[0],
        "Cast Tainted Pact by paying {1}{B}, exiling your library."
    );
    assert_eq!(
        pact.easy_prerequisites,
        ["No two cards in library share a name."]
    );
    assert!(pact.notable_prerequisites.is_empty());
    assert_eq!(
        pact.legal_formats,
        [
            "commander",
            "competitivebrawl",
            "legacy",
            "oathbreaker",
            "vintage"
        ]
    );
    let tithe = combos::combo_by_spellbook_id(&conn, "1368-2706-4682")
        .unwrap()
        .unwrap();
    assert_eq!(tithe.notable_prerequisites.len(), 2);
    assert_eq!(tithe.color_identity.to_string(), "WR");
    assert!(
        combos::combo_by_spellbook_id(&conn, "1-2-3")
            .unwrap()
            .is_none()
    );
}

#[test]
fn combos_within_a_deck_list_the_complete_ones_first_then_the_near_misses() {
    let conn = database_with_fixture();
    let deck = [
        "Underworld Breach",
        "Lion's Eye Diamond",
        "Brain Freeze",
        "Wheel of Fortune",
        "Lotus Petal",
        "Sol Ring",
    ];
    let complete = combos::combos_within(&conn, &deck, 0, 50).unwrap();
    assert_eq!(
        match_ids(&complete),
        [
            ("1368-1414-4856", vec![]),
            ("1368-3518-4856", vec![]),
            ("1368-2706-3518", vec![]),
        ]
    );
    let near = combos::combos_within(&conn, &deck, 1, 50).unwrap();
    assert_eq!(
        match_ids(&near)[3..],
        [
            ("513-5034--46", vec!["Hullbreaker Horror"]),
            ("1368-3698--44", vec!["Grinding Station"]),
            ("1368-2706-4682", vec!["Smothering Tithe"]),
            ("3518-900028", vec!["Auriok Salvagers"]),
        ]
    );
    let limited = combos::combos_within(&conn, &deck, 1, 2).unwrap();
    assert_eq!(limited.len(), 2);
}

#[test]
fn a_three_card_combo_reports_each_missing_card() {
    let conn = database_with_fixture();
    let found = combos::combos_within(&conn, &["Viscera Seer"], 2, 10).unwrap();
    assert_eq!(
        match_ids(&found),
        [(
            "900034-900035-900036",
            vec!["Melira, Sylvok Outcast", "Kitchen Finks"]
        )]
    );
    assert!(
        combos::combos_within(&conn, &["Viscera Seer"], 1, 10)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn storing_a_combo_again_replaces_it() {
    let conn = database_with_fixture();
    let records = fixture_records();
    let thoracle = records
        .iter()
        .find(|c| c.spellbook_id == "742-1295")
        .unwrap();
    combos::store(&conn, thoracle).unwrap();
    let count: i64 = conn
        .query_row("SELECT count(*) FROM combos", [], |row| row.get(0))
        .unwrap();
    assert_eq!(count, 31);
    let found = combos::combos_with(&conn, &["Demonic Consultation"], 10).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].cards.len(), 2);
}

#[test]
fn the_json_output_names_zones_and_colours_in_words_players_read() {
    let conn = database_with_fixture();
    let scepter = combos::combo_by_spellbook_id(&conn, "4821-5261")
        .unwrap()
        .unwrap();
    let json = serde_json::to_value(&scepter).unwrap();
    assert_eq!(json["color_identity"], "U");
    assert_eq!(json["cards"][0]["name"], "Dramatic Reversal");
    assert_eq!(json["cards"][0]["zones"], serde_json::json!(["exile"]));
    assert_eq!(
        json["cards"][0]["exile_card_state"],
        "exiled by Isochron Scepter"
    );
    assert!(json["cards"][1].get("exile_card_state").is_none());
    assert_eq!(json["results"][2]["name"], "Infinite storm count");
    assert_eq!(json["popularity"], 104167);
}
