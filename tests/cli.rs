//! The output contracts of `planeswalker`'s query commands, run as a user runs them, on a
//! knowledge base imported through the CLI from the real data in `../shared/data`.

// clippy allows unwrap in #[test] functions only; the helpers panic on a failed setup too.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{knowledge_base, run};
use serde_json::{Value, json};

/// `card NAME...` on the shared knowledge base.
fn card(name: &[&str]) -> common::Run {
    let mut args = vec!["card"];
    args.extend_from_slice(name);
    run(knowledge_base(), &args)
}

/// `--json card NAME...`, parsed.
fn card_json(name: &[&str]) -> Value {
    let mut args = vec!["--json", "card"];
    args.extend_from_slice(name);
    let value = run(knowledge_base(), &args).succeeded().json();
    assert!(value.is_object(), "one card is one JSON object: {value}");
    value
}

fn set_codes(card: &Value) -> BTreeSet<String> {
    card["printings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["set_code"].as_str().unwrap().to_owned())
        .collect()
}

fn letters(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect()
}

/// The card fields the README promises in `--json` output ("field names are stable").
const CARD_FIELDS: &[&str] = &[
    "name",
    "layout",
    "mana_cost",
    "mana_value",
    "type_line",
    "oracle_text",
    "colors",
    "color_identity",
    "color_indicator",
    "produced_mana",
    "keywords",
    "power",
    "toughness",
    "loyalty",
    "defense",
    "faces",
    "legalities",
    "rarity",
    "edhrec_rank",
    "reserved",
    "can_be_commander",
    "released_at",
    "games",
    "oracle_id",
    "scryfall_id",
    "image_url",
    "extra",
    "printings",
    "rulings",
];

/// The fields of each of a card's `faces`, as the README lists them.
const FACE_FIELDS: &[&str] = &[
    "name",
    "mana_cost",
    "mana_value",
    "type_line",
    "supertypes",
    "types",
    "subtypes",
    "oracle_text",
    "colors",
    "color_indicator",
    "power",
    "toughness",
    "loyalty",
    "defense",
];

/// The fields of each of a card's `printings`, as the README lists them.
const PRINTING_FIELDS: &[&str] = &[
    "set_code",
    "set_name",
    "collector_number",
    "rarity",
    "released_at",
];

#[track_caller]
fn assert_fields(object: &Value, fields: &[&str]) {
    let missing: Vec<&str> = fields
        .iter()
        .copied()
        .filter(|f| object.get(f).is_none())
        .collect();
    assert!(missing.is_empty(), "missing {missing:?} in {object}");
}

/// The formats a card may be played in, with its status there; `not_legal` (or no entry, as
/// MTGJSON leaves it) is left out.
fn playable_in(card: &Value) -> BTreeMap<String, &str> {
    card["legalities"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(format, status)| (format.clone(), status.as_str().unwrap()))
        .filter(|(_, status)| *status != "not_legal")
        .collect()
}

#[test]
fn card_finds_a_name_typed_without_its_accent() {
    let out = card(&["lim-dul's vault"]).succeeded();
    let mut lines = out.stdout.lines();
    assert_eq!(lines.next(), Some("Lim-Dûl's Vault  {U}{B}"));
    assert_eq!(lines.next(), Some("  Instant"));
    assert!(
        out.stdout
            .contains("  Look at the top five cards of your library. As many times as you choose"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Printings (3): ALL C13 ME1"));
}

#[test]
fn card_joins_unquoted_words_and_matches_a_missing_umlaut() {
    let out = card(&["jotun", "grunt"]).succeeded();
    assert!(
        out.stdout
            .starts_with("Jötun Grunt  {1}{W}\n  Creature — Giant Soldier\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("\n  4/4\n"), "{}", out.stdout);
}

#[test]
fn card_finds_a_split_card_by_its_full_name_with_both_halves() {
    let fire_ice = card_json(&["Fire // Ice"]);
    assert_eq!(fire_ice["name"], "Fire // Ice");
    assert_eq!(fire_ice["layout"], "split");
    assert_eq!(fire_ice["mana_cost"], "{1}{R} // {1}{U}");
    assert_eq!(fire_ice["type_line"], "Instant // Instant");
    assert_eq!(letters(&fire_ice["colors"]), letters(&json!(["R", "U"])));
    let faces = fire_ice["faces"].as_array().unwrap();
    assert_eq!(faces.len(), 2);
    assert_eq!(faces[0]["name"], "Fire");
    assert_eq!(faces[0]["mana_cost"], "{1}{R}");
    assert_eq!(
        faces[0]["oracle_text"],
        "Fire deals 2 damage divided as you choose among one or two targets."
    );
    assert_eq!(faces[1]["name"], "Ice");
    assert_eq!(faces[1]["mana_cost"], "{1}{U}");
    assert_eq!(
        faces[1]["oracle_text"],
        "Tap target permanent.\nDraw a card."
    );

    let text = card(&["Fire // Ice"]).succeeded().stdout;
    assert!(
        text.starts_with("Fire  {1}{R}\n  Instant\n"),
        "the text shows the first half first: {text}"
    );
    assert!(text.contains("  //\nIce  {1}{U}\n"), "{text}");
}

#[test]
fn card_finds_a_transforming_card_by_its_back_face() {
    let delver = card_json(&["insectile", "aberration"]);
    assert_eq!(delver["name"], "Delver of Secrets // Insectile Aberration");
    assert_eq!(delver["layout"], "transform");
    assert_eq!(delver["mana_cost"], "{U}");
    let back = &delver["faces"][1];
    assert_eq!(back["name"], "Insectile Aberration");
    assert_eq!(back["mana_cost"], Value::Null);
    assert_eq!(back["type_line"], "Creature — Human Insect");
    assert_eq!(back["oracle_text"], "Flying");
    assert_eq!(
        (&back["power"], &back["toughness"]),
        (&json!("3"), &json!("2"))
    );
    assert_eq!(back["color_indicator"], json!(["U"]));
    assert!(
        set_codes(&delver).is_superset(&BTreeSet::from(["ISD", "MID", "V17"].map(String::from)))
    );
}

#[test]
fn card_finds_a_double_faced_card_whose_source_holds_only_its_front_face() {
    // PROVENANCE.md: MTGJSON links a single face object to 8 two-faced names in this build;
    // players still type the front face's name.
    let alrund = card_json(&["Alrund, God of the Cosmos"]);
    assert_eq!(
        alrund["name"],
        "Alrund, God of the Cosmos // Hakka, Whispering Raven"
    );
    assert_eq!(alrund["faces"][0]["name"], "Alrund, God of the Cosmos");
    let graf_rats = card(&["graf", "rats"]).succeeded().stdout;
    assert!(graf_rats.starts_with("Graf Rats  {1}{B}\n"), "{graf_rats}");
}

#[test]
fn card_json_is_one_object_with_the_stable_fields() {
    let bolt = card_json(&["lightning", "bolt"]);
    assert_fields(&bolt, CARD_FIELDS);
    for face in bolt["faces"].as_array().unwrap() {
        assert_fields(face, FACE_FIELDS);
    }
    for printing in bolt["printings"].as_array().unwrap() {
        assert_fields(printing, PRINTING_FIELDS);
    }
    assert_eq!(bolt["name"], "Lightning Bolt");
    assert_eq!(bolt["mana_cost"], "{R}");
    assert_eq!(bolt["mana_value"], 1.0);
    assert_eq!(bolt["type_line"], "Instant");
    assert_eq!(
        bolt["oracle_text"],
        "Lightning Bolt deals 3 damage to any target."
    );
    assert_eq!(bolt["colors"], json!(["R"]));
    assert_eq!(bolt["games"], json!(["paper", "arena", "mtgo"]));
    assert_eq!(bolt["color_identity"], json!(["R"]));
    assert_eq!(bolt["oracle_id"], "4457ed35-7c10-48c8-9776-456485fdf070");
    assert_eq!(bolt["faces"].as_array().unwrap().len(), 1);
    assert_eq!(bolt["legalities"]["modern"], "legal");
    assert_eq!(bolt["legalities"]["legacy"], "legal");
    assert_eq!(bolt["legalities"]["vintage"], "legal");
    assert!(!playable_in(&bolt).contains_key("standard"));
    let alpha = bolt["printings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["set_code"] == "LEA")
        .unwrap();
    assert_eq!(alpha["set_name"], "Limited Edition Alpha");
    assert!(bolt["rulings"].is_array());

    let vault = card_json(&["Lim-Dûl's Vault"]);
    assert_eq!(vault["name"], "Lim-Dûl's Vault");
    assert_eq!(vault["color_identity"], json!(["U", "B"]));
    assert_eq!(
        playable_in(&vault),
        BTreeMap::from(
            ["commander", "duel", "legacy", "premodern", "vintage"]
                .map(|f| (f.to_owned(), "legal"))
        )
    );
    assert_eq!(
        set_codes(&vault),
        BTreeSet::from(["ALL", "C13", "ME1"].map(String::from))
    );
    let rulings = vault["rulings"].as_array().unwrap();
    assert_eq!(rulings.len(), 3);
    assert!(rulings.iter().all(|r| r["published"] == "2007-09-16"));
}

#[test]
fn a_misspelt_card_fails_and_suggests_the_real_name() {
    let out = card(&["lightening", "bolt"]).failed();
    assert!(
        out.stderr.contains("\"lightening bolt\""),
        "the error repeats what was asked: {}",
        out.stderr
    );
    assert!(
        out.stderr.contains("\"Lightning Bolt\""),
        "suggests Lightning Bolt: {}",
        out.stderr
    );
    // Errors stay on stderr with --json too: stdout holds results only.
    run(knowledge_base(), &["--json", "card", "lightening bolt"]).failed();
}

#[test]
fn rule_shows_a_numbered_rule_with_its_headings_and_examples() {
    let text = run(knowledge_base(), &["rule", "702.19b"])
        .succeeded()
        .stdout;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..2],
        ["7. Additional Rules", "702. Keyword Abilities"]
    );
    assert!(
        lines[2].starts_with(
            "702.19b The controller of an attacking creature with trample first assigns damage"
        ),
        "{text}"
    );
    assert_eq!(lines.len(), 5, "the rule and its two examples: {text}");

    let rule = run(knowledge_base(), &["--json", "rule", "702.19b"])
        .succeeded()
        .json();
    assert_fields(
        &rule,
        &[
            "kind", "number", "level", "text", "examples", "parent", "children", "section",
            "chapter",
        ],
    );
    assert_eq!(rule["kind"], "rule");
    assert_eq!(rule["number"], "702.19b");
    assert_eq!(
        rule["chapter"],
        json!({"number": "702", "text": "Keyword Abilities"})
    );
    assert_eq!(
        rule["parent"],
        json!({"number": "702.19", "text": "Trample"})
    );
    assert_eq!(rule["examples"].as_array().unwrap().len(), 2);
}

#[test]
fn rule_looks_up_a_glossary_term() {
    let text = run(knowledge_base(), &["rule", "trample"])
        .succeeded()
        .stdout;
    assert_eq!(
        text,
        "Trample\n  A keyword ability that modifies how a creature assigns combat damage. \
         See rule 702.19, “Trample.”\n"
    );
    let entry = run(knowledge_base(), &["--json", "rule", "trample"])
        .succeeded()
        .json();
    assert_fields(&entry, &["kind", "term", "definition", "cited_rules"]);
    assert_eq!(entry["kind"], "glossary");
    assert_eq!(entry["term"], "Trample");
    assert_eq!(entry["cited_rules"], json!(["702.19"]));
}

#[test]
fn an_unknown_rule_number_fails_with_the_nearest_numbers() {
    let out = run(knowledge_base(), &["rule", "702.19z"]).failed();
    assert!(out.stderr.contains("702.19z"), "{}", out.stderr);
    assert!(
        out.stderr.contains("702.19,") && out.stderr.contains("702.19c"),
        "names the nearest rules: {}",
        out.stderr
    );
}

#[test]
fn rules_search_finds_the_state_based_actions() {
    let text = run(
        knowledge_base(),
        &["rules", "search", "state-based actions"],
    )
    .succeeded()
    .stdout;
    assert!(
        text.lines().any(|l| l.starts_with("704.1 ")),
        "rule 704.1 is a hit: {text}"
    );

    let hits = run(
        knowledge_base(),
        &[
            "--json",
            "rules",
            "search",
            "state-based",
            "actions",
            "--limit",
            "3",
        ],
    )
    .succeeded()
    .json();
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 3);
    for hit in hits {
        assert_fields(hit, &["kind", "number", "term", "text", "snippet", "score"]);
    }
    assert!(
        hits.iter()
            .any(|h| h["kind"] == "glossary" && h["term"] == "State-Based Actions"),
        "{hits:?}"
    );
    assert!(
        hits.iter()
            .any(|h| h["kind"] == "rule" && h["number"] == "704.1"),
        "{hits:?}"
    );
}

#[test]
fn combos_finds_thassas_oracle_with_demonic_consultation() {
    let text = run(
        knowledge_base(),
        &["combos", "thassa's oracle", "demonic consultation"],
    )
    .succeeded()
    .stdout;
    assert!(
        text.starts_with("Demonic Consultation + Thassa's Oracle  [UB]\n"),
        "{text}"
    );
    assert!(text.contains("Win the game"), "{text}");
    assert!(
        text.contains("https://commanderspellbook.com/combo/742-1295/"),
        "{text}"
    );

    let combos = run(
        knowledge_base(),
        &[
            "--json",
            "combos",
            "Thassa's Oracle",
            "Demonic Consultation",
        ],
    )
    .succeeded()
    .json();
    let combos = combos.as_array().unwrap();
    assert_eq!(combos.len(), 1, "{combos:?}");
    // Empty lists (templates, prerequisites) are left out; these are always there.
    assert_fields(
        &combos[0],
        &[
            "spellbook_id",
            "url",
            "cards",
            "results",
            "color_identity",
            "mana_needed",
            "steps",
            "popularity",
            "legal_formats",
        ],
    );
    assert_eq!(combos[0]["spellbook_id"], "742-1295");
    assert_eq!(combos[0]["color_identity"], "UB");
    let names: BTreeSet<&str> = combos[0]["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["Demonic Consultation", "Thassa's Oracle"])
    );
}

#[test]
fn combos_with_an_unknown_card_fails_with_suggestions() {
    let out = run(
        knowledge_base(),
        &["combos", "thassas oracel", "demonic consultation"],
    )
    .failed();
    assert!(out.stderr.contains("\"thassas oracel\""), "{}", out.stderr);
    assert!(out.stderr.contains("\"Thassa's Oracle\""), "{}", out.stderr);
}

#[test]
fn stats_json_counts_the_whole_knowledge_base() {
    let stats = run(knowledge_base(), &["--json", "stats"])
        .succeeded()
        .json();
    // PROVENANCE.md of shared/data: 23,711 names, 24,160 faces, 579 set files, 3,114 numbered
    // rules; the Spellbook fixture holds 31 combos.
    assert_eq!(stats["cards"], 23_711);
    assert_eq!(stats["faces"], 24_160);
    assert_eq!(stats["sets"], 579);
    assert_eq!(stats["rules"], 3_114);
    assert_eq!(stats["glossary_terms"], 725);
    assert_eq!(stats["combos"], 31);
    assert_eq!(stats["meta"]["cards.version"], "5.2.0+20220425");
    assert_eq!(stats["meta"]["rules_effective_date"], "2026-01-16");

    let text = run(knowledge_base(), &["stats"]).succeeded().stdout;
    assert!(text.contains("  cards      23711\n"), "{text}");
}

#[test]
fn every_query_without_a_knowledge_base_asks_for_an_import() {
    let empty = tempfile::tempdir().unwrap();
    let missing = empty.path().join("never-created");
    let queries: [&[&str]; 7] = [
        &["card", "lightning bolt"],
        &["search", "t:goblin"],
        &["rule", "702.19b"],
        &["rules", "search", "trample"],
        &["combos", "Thassa's Oracle"],
        &["stats"],
        &["--json", "stats"],
    ];
    for dir in [empty.path(), missing.as_path()] {
        for query in queries {
            let out = run(dir, query).failed();
            assert!(
                out.stderr.contains("run `planeswalker import`"),
                "{query:?} in {}: {}",
                dir.display(),
                out.stderr
            );
        }
    }
    assert!(!missing.exists(), "a query creates no data folder");
}

#[test]
fn search_json_is_an_array_of_card_objects_and_takes_negated_terms_as_typed() {
    // `-t:creature` is Scryfall's negation, typed as on Scryfall: not an option.
    let cards = run(
        knowledge_base(),
        &[
            "search",
            "t:goblin",
            "c:r",
            "-t:creature",
            "--json",
            "--limit",
            "50",
        ],
    )
    .succeeded()
    .json();
    let cards = cards.as_array().unwrap();
    assert!(!cards.is_empty() && cards.len() <= 50);
    let names: Vec<&str> = cards.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Boggart Shenanigans"), "{names:?}");
    assert!(!names.contains(&"Goblin Guide"), "{names:?}");
    for card in cards {
        assert_fields(card, &CARD_FIELDS[..CARD_FIELDS.len() - 2]);
        assert!(card.get("printings").is_none() && card.get("rulings").is_none());
    }
}

#[test]
fn search_with_a_syntax_error_shows_the_query_with_a_caret_under_the_bad_token() {
    let out = run(knowledge_base(), &["search", "t:goblin", "foo:bar"]).failed();
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let lines: Vec<&str> = out.stderr.lines().collect();
    let query = lines
        .iter()
        .position(|l| *l == "t:goblin foo:bar")
        .unwrap_or_else(|| panic!("{}", out.stderr));
    assert!(
        lines[query + 1].starts_with("         ^^^ "),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("foo"), "{}", out.stderr);
}

#[test]
fn plain_words_find_cards_by_what_they_do() {
    let cards = run(
        knowledge_base(),
        &[
            "--json", "search", "destroy", "target", "artifact", "--limit", "10",
        ],
    )
    .succeeded()
    .json();
    let names: Vec<&str> = cards
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Shatter"), "{names:?}");
}
