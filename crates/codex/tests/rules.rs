//! The Comprehensive Rules end to end: Wizards' real text file parsed, stored in the
//! reference schema, and queried through the public API.
#![allow(
    clippy::unwrap_used,
    reason = "the shared helpers below run only inside tests: a failure is a test failure"
)]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use codex::Error;
use codex::rules::{self, ComprehensiveRules, RuleAnswer, RuleHitKind, RuleLevel};
use rusqlite::Connection;

fn rules_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/rules/MagicCompRules-20260116.txt")
}

/// Parsed once per test binary; each test stores it into its own database.
static PARSED: LazyLock<ComprehensiveRules> = LazyLock::new(|| rules::read(&rules_file()).unwrap());

fn reference() -> Connection {
    let conn = codex::db::in_memory_reference().unwrap();
    rules::store(&conn, &PARSED).unwrap();
    conn
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

const RULE_702_19B: &str = "The controller of an attacking creature with trample first assigns damage to the creature(s) blocking it. Once all those blocking creatures are assigned lethal damage, any excess damage is assigned as its controller chooses among those blocking creatures and the player, planeswalker, or battle the creature is attacking. When checking for assigned lethal damage, take into account damage already marked on the creature and damage from other creatures that’s being assigned during the same combat damage step, but not any abilities or effects that might change the amount of damage that’s actually dealt. The attacking creature’s controller need not assign lethal damage to all those blocking creatures but in that case can’t assign any damage to the player or planeswalker it’s attacking.";

#[test]
fn counts_are_those_of_the_2026_01_16_file() {
    let counts = PARSED.counts();
    assert_eq!(counts.sections, 9);
    assert_eq!(counts.chapters, 146);
    assert_eq!(counts.rules, 1157);
    assert_eq!(counts.subrules, 1957);
    // PROVENANCE's "3,114 numbered rule lines": rules plus sub-rules, no headings.
    assert_eq!(counts.numbered_rules, 3114);
    assert_eq!(counts.examples, 276);
    assert_eq!(counts.glossary_terms, 725);
    assert_eq!(PARSED.effective_date, "2026-01-16");

    let conn = reference();
    assert_eq!(count(&conn, "rules"), 9 + 146 + 3114);
    assert_eq!(count(&conn, "rule_examples"), 276);
    assert_eq!(count(&conn, "glossary"), 725);
    assert_eq!(count(&conn, "rules_fts"), 9 + 146 + 3114);
    assert_eq!(count(&conn, "glossary_fts"), 725);
    assert_eq!(rules::effective_date(&conn).unwrap(), "2026-01-16");
}

#[test]
fn the_table_of_contents_and_credits_are_not_rules_or_terms() {
    // "7. Additional Rules" is in the contents and again before rule 700: one entry only.
    assert_eq!(PARSED.rules.iter().filter(|r| r.number == "7").count(), 1);
    assert_eq!(PARSED.rules[0].number, "1");
    assert_eq!(PARSED.rules[1].number, "100");
    assert_eq!(PARSED.rules[2].number, "100.1");
    assert_eq!(PARSED.glossary.first().unwrap().term, "Abandon");
    assert_eq!(PARSED.glossary.last().unwrap().term, "Zone-Change Triggers");
}

#[test]
fn rules_read_exactly_as_printed() {
    let conn = reference();
    assert_eq!(rules::rule(&conn, "702.19b").unwrap().text, RULE_702_19B);
    assert_eq!(
        rules::rule(&conn, "704.5a").unwrap().text,
        "If a player has 0 or less life, that player loses the game."
    );
    assert_eq!(
        rules::rule(&conn, "100.1").unwrap().text,
        "These Magic rules apply to any Magic game with two or more players, including two-player games and multiplayer games."
    );
    let trample = rules::rule(&conn, "702.19").unwrap();
    assert_eq!(trample.text, "Trample");
    assert_eq!(trample.level, RuleLevel::Rule);
}

#[test]
fn examples_belong_to_the_rule_above_them() {
    let conn = reference();
    let rule = rules::rule(&conn, "702.19b").unwrap();
    assert_eq!(rule.examples.len(), 2);
    assert!(
        rule.examples[0].starts_with(
            "A 2/2 creature that can block an additional creature blocks two attackers"
        ),
        "{:?}",
        rule.examples
    );
    assert!(rule.examples[1].starts_with("A 6/6 green creature with trample"));
    assert!(!rule.text.contains("Example"));
    assert!(rules::rule(&conn, "702.19a").unwrap().examples.is_empty());
    assert!(rules::rule(&conn, "205.4a").unwrap().examples.is_empty());
    assert_eq!(
        rules::rule(&conn, "205.4b").unwrap().examples,
        [
            "An ability reads, “All lands are 1/1 creatures that are still lands.” If any of the affected lands were legendary, they are still legendary."
        ]
    );
}

#[test]
fn rules_know_their_parents_children_and_context() {
    let conn = reference();
    let rule = rules::rule(&conn, "702.19b").unwrap();
    assert_eq!(rule.level, RuleLevel::Subrule);
    let parent = rule.parent.unwrap();
    assert_eq!(
        (parent.number.as_str(), parent.text.as_str()),
        ("702.19", "Trample")
    );
    assert!(rule.children.is_empty());
    let chapter = rule.chapter.unwrap();
    assert_eq!(
        (chapter.number.as_str(), chapter.text.as_str()),
        ("702", "Keyword Abilities")
    );
    let section = rule.section.unwrap();
    assert_eq!(
        (section.number.as_str(), section.text.as_str()),
        ("7", "Additional Rules")
    );

    let trample = rules::rule(&conn, "702.19").unwrap();
    let children: Vec<&str> = trample.children.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(
        children,
        [
            "702.19a", "702.19b", "702.19c", "702.19d", "702.19e", "702.19f", "702.19g"
        ]
    );
    assert_eq!(trample.parent.unwrap().number, "702");

    let keyword_abilities = rules::rule(&conn, "702").unwrap();
    assert_eq!(keyword_abilities.level, RuleLevel::Chapter);
    assert_eq!(keyword_abilities.parent.unwrap().number, "7");
    assert!(keyword_abilities.chapter.is_none());
    assert_eq!(keyword_abilities.children.last().unwrap().number, "702.189");

    let section = rules::rule(&conn, "7").unwrap();
    assert_eq!(section.level, RuleLevel::Section);
    assert!(section.parent.is_none() && section.section.is_none());
    assert_eq!(section.children.len(), 33, "chapters 700 to 732");
    assert_eq!(section.children[4].number, "704");
    assert_eq!(section.children[4].text, "State-Based Actions");
}

#[test]
fn rule_numbers_are_found_in_every_form_players_type() {
    let conn = reference();
    for typed in [
        "702.19b",
        "rule 702.19b",
        "Rule 702.19b",
        "CR 702.19b",
        "cr 702.19b",
        "702.19B",
        "702.19b.",
        " 702.19b ",
    ] {
        let rule = rules::rule(&conn, typed).unwrap_or_else(|e| panic!("{typed:?}: {e}"));
        assert_eq!(rule.number, "702.19b", "{typed:?}");
        match rules::lookup(&conn, typed).unwrap() {
            RuleAnswer::Rule(rule) => assert_eq!(rule.number, "702.19b"),
            other => panic!("{typed:?} looked up {other:?}"),
        }
    }
    assert_eq!(rules::rule(&conn, "rule 702.19.").unwrap().number, "702.19");
    assert_eq!(rules::rule(&conn, "CR 702").unwrap().number, "702");
    assert_eq!(rules::rule(&conn, "7.").unwrap().number, "7");
}

#[test]
fn a_missing_rule_suggests_its_neighbours() {
    let conn = reference();
    let not_found = |number: &str| match rules::rule(&conn, number) {
        Err(Error::RuleNotFound {
            number,
            suggestions,
        }) => (number, suggestions),
        other => panic!("{number}: {other:?}"),
    };
    let (number, suggestions) = not_found("CR 702.19Z");
    assert_eq!(number, "702.19z");
    assert_eq!(
        suggestions,
        [
            "702.19", "702.19c", "702.19d", "702.19e", "702.19f", "702.19g"
        ]
    );
    let (_, suggestions) = not_found("702.999");
    assert_eq!(
        suggestions,
        ["702", "702.185", "702.186", "702.187", "702.188", "702.189"]
    );
    let (_, suggestions) = not_found("999.1");
    assert!(suggestions.is_empty(), "{suggestions:?}");
    let (_, suggestions) = not_found("733");
    assert_eq!(suggestions, ["730", "731", "732"]);
    let (_, suggestions) = not_found("504.1a");
    assert_eq!(suggestions, ["504.1"]);

    let message = rules::rule(&conn, "702.19z").unwrap_err().to_string();
    assert_eq!(
        message,
        "no rule 702.19z in the Comprehensive Rules; the nearest are 702.19, 702.19c, 702.19d, 702.19e, 702.19f, 702.19g"
    );
    let message = rules::rule(&conn, "999.1").unwrap_err().to_string();
    assert_eq!(
        message,
        "no rule 999.1 in the Comprehensive Rules, and no rule is numbered close to it"
    );
    let err = rules::rule(&conn, "1234").unwrap_err();
    assert!(matches!(err, Error::InvalidRuleNumber { .. }), "{err:?}");
    assert!(err.to_string().contains("702.19b"), "{err}");
}

#[test]
fn glossary_terms_are_found_whatever_the_case_and_punctuation() {
    let conn = reference();
    for typed in [
        "State-Based Actions",
        "state-based actions",
        "state based actions",
        "STATE BASED ACTION",
        "statebasedactions",
    ] {
        let entry = rules::glossary(&conn, typed).unwrap_or_else(|e| panic!("{typed:?}: {e}"));
        assert_eq!(entry.term, "State-Based Actions", "{typed:?}");
        assert_eq!(
            entry.definition,
            "Game actions that happen automatically whenever certain conditions are met. See rule 704, “State-Based Actions.”"
        );
        assert_eq!(entry.cited_rules, ["704"]);
    }
    for typed in ["trample", "Trample", "TRAMPLE.", "tramples"] {
        let entry = rules::glossary(&conn, typed).unwrap_or_else(|e| panic!("{typed:?}: {e}"));
        assert_eq!(entry.term, "Trample");
        assert_eq!(
            entry.definition,
            "A keyword ability that modifies how a creature assigns combat damage. See rule 702.19, “Trample.”"
        );
        assert_eq!(entry.cited_rules, ["702.19"]);
    }
    // A term listing several names is found under each.
    assert_eq!(
        rules::glossary(&conn, "controller").unwrap().term,
        "Control, Controller"
    );
    assert_eq!(
        rules::glossary(&conn, "control").unwrap().term,
        "Control, Controller"
    );
    // Several meanings stay verbatim, one line each; sections count as citations.
    let face_down = rules::glossary(&conn, "face-down").unwrap();
    assert_eq!(face_down.term, "Face Down");
    assert_eq!(face_down.definition.lines().count(), 3);
    assert!(face_down.definition.starts_with("1. A card is “face down”"));
    assert_eq!(face_down.cited_rules, ["4", "110.5", "702.37", "708"]);
}

#[test]
fn an_unknown_term_suggests_similar_ones() {
    let conn = reference();
    match rules::glossary(&conn, "deathtuch") {
        Err(Error::GlossaryTermNotFound { term, suggestions }) => {
            assert_eq!(term, "deathtuch");
            assert_eq!(suggestions.first().map(String::as_str), Some("Deathtouch"));
        }
        other => panic!("{other:?}"),
    }
    match rules::glossary(&conn, "tramplee") {
        Err(Error::GlossaryTermNotFound { suggestions, .. }) => {
            assert_eq!(suggestions[..2], ["Trample", "Trample Over Planeswalkers"]);
        }
        other => panic!("{other:?}"),
    }
    let err = rules::glossary(&conn, "xyzzy").unwrap_err();
    assert_eq!(err.to_string(), "no glossary entry for \"xyzzy\"");
    let err = rules::lookup(&conn, "deathtuch").unwrap_err();
    assert_eq!(
        err.to_string(),
        "no glossary entry for \"deathtuch\"; did you mean \"Deathtouch\"?"
    );
}

#[test]
fn lookup_answers_numbers_with_rules_and_words_with_terms() {
    let conn = reference();
    let rule = serde_json::to_value(rules::lookup(&conn, "CR 704.5a").unwrap()).unwrap();
    assert_eq!(rule["kind"], "rule");
    assert_eq!(rule["number"], "704.5a");
    assert_eq!(rule["level"], "subrule");
    assert_eq!(rule["parent"]["number"], "704.5");
    assert_eq!(rule["chapter"]["text"], "State-Based Actions");
    let term = serde_json::to_value(rules::lookup(&conn, "Trample").unwrap()).unwrap();
    assert_eq!(term["kind"], "glossary");
    assert_eq!(term["term"], "Trample");
    assert_eq!(term["cited_rules"][0], "702.19");
}

#[test]
fn search_ranks_the_trample_rules_first_for_damage_assignment() {
    let conn = reference();
    let hits = rules::search(&conn, "damage assignment trample", 10).unwrap();
    assert!(!hits.is_empty());
    let first = &hits[0];
    assert_eq!(first.kind, RuleHitKind::Rule);
    assert!(
        first.number.as_deref().unwrap().starts_with("702.19"),
        "{first:?}"
    );
    let rule_hits: Vec<&str> = hits.iter().filter_map(|h| h.number.as_deref()).collect();
    assert!(rule_hits.contains(&"702.19b"), "{rule_hits:?}");
    assert!(
        rule_hits.iter().all(|n| n.starts_with("702.19")),
        "{rule_hits:?}"
    );
    assert!(first.snippet.contains("**"), "{}", first.snippet);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn search_finds_state_based_actions_in_rule_704() {
    let conn = reference();
    let hits = rules::search(&conn, "state based actions", 10).unwrap();
    let first_rule = hits.iter().find(|h| h.kind == RuleHitKind::Rule).unwrap();
    let number = first_rule.number.as_deref().unwrap();
    assert!(number == "704" || number.starts_with("704."), "{hits:#?}");
    assert!(
        hits.iter()
            .any(|h| h.term.as_deref() == Some("State-Based Actions"))
    );
}

#[test]
fn search_stems_words() {
    let conn = reference();
    let hits = rules::search(&conn, "tramples", 5).unwrap();
    assert!(
        hits.iter().any(|h| h.number.as_deref() == Some("702.19")),
        "{hits:#?}"
    );
}

#[test]
fn search_text_cannot_break_the_fts_query() {
    let conn = reference();
    for hostile in [
        "\"",
        "-",
        "*",
        ":",
        "AND",
        "OR NOT",
        "trample\"",
        "\"trample",
        "NEAR(trample deathtouch)",
        "text:trample",
        "^trample",
        "trample*",
        "(",
        ")",
        "{}",
        "-trample +haste",
        "trample AND",
        "'; DROP TABLE rules; --",
    ] {
        rules::search(&conn, hostile, 5).unwrap_or_else(|e| panic!("{hostile:?}: {e}"));
    }
    let hits = rules::search(&conn, "trample*", 5).unwrap();
    assert!(!hits.is_empty());
    assert!(rules::search(&conn, " - \" ", 5).unwrap().is_empty());
    assert!(rules::search(&conn, "trample", 0).unwrap().is_empty());
    assert_eq!(count(&conn, "rules"), 9 + 146 + 3114);
}

#[test]
fn search_falls_back_to_any_word_when_no_rule_has_them_all() {
    let conn = reference();
    let hits = rules::search(&conn, "how does trample work with deathtouch", 10).unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().any(|h| h.text.contains("trample")));
}

#[test]
fn storing_again_replaces_the_rules() {
    let conn = reference();
    rules::store(&conn, &PARSED).unwrap();
    assert_eq!(count(&conn, "rules"), 9 + 146 + 3114);
    assert_eq!(count(&conn, "rules_fts"), 9 + 146 + 3114);
    assert!(count(&conn, "glossary_keys") >= 725);
    assert_eq!(rules::rule(&conn, "702.19b").unwrap().text, RULE_702_19B);
}

#[test]
fn the_outline_lists_every_section_with_its_chapters_in_order() {
    let outline = rules::outline(&reference()).unwrap();
    let sections: Vec<(&str, &str)> = outline
        .iter()
        .map(|s| (s.number.as_str(), s.text.as_str()))
        .collect();
    assert_eq!(sections.len(), 9);
    assert_eq!(sections[0], ("1", "Game Concepts"));
    assert_eq!(sections[6], ("7", "Additional Rules"));
    assert_eq!(outline.iter().map(|s| s.chapters.len()).sum::<usize>(), 146);
    let first = &outline[0].chapters[0];
    assert_eq!(
        (first.number.as_str(), first.text.as_str()),
        ("100", "General")
    );
    let additional: Vec<&str> = outline[6]
        .chapters
        .iter()
        .map(|c| c.number.as_str())
        .collect();
    assert_eq!(additional[..3], ["700", "701", "702"]);
    assert_eq!(outline[6].chapters[2].text, "Keyword Abilities");
    // Chapters only: rules and sub-rules are read one chapter at a time.
    assert!(
        outline
            .iter()
            .flat_map(|s| &s.chapters)
            .all(|c| c.number.len() == 3)
    );
}

#[test]
fn the_glossary_lists_every_term_alphabetically_with_its_citations() {
    let entries = rules::glossary_entries(&reference()).unwrap();
    assert_eq!(entries.len(), 725);
    let terms: Vec<String> = entries.iter().map(|e| e.term.to_lowercase()).collect();
    let mut sorted = terms.clone();
    sorted.sort();
    assert_eq!(terms, sorted, "alphabetical, ignoring case");
    assert_eq!(entries[0].term, "Abandon");
    let trample = entries.iter().find(|e| e.term == "Trample").unwrap();
    assert_eq!(trample.cited_rules, ["702.19"]);
    let looked_up = rules::glossary(&reference(), "trample").unwrap();
    assert_eq!(
        (&trample.term, &trample.definition),
        (&looked_up.term, &looked_up.definition),
        "the list holds the same entries as the lookup"
    );
}

#[test]
fn a_database_without_rules_says_to_import() {
    let conn = codex::db::in_memory_reference().unwrap();
    for err in [
        rules::rule(&conn, "702.19b").unwrap_err(),
        rules::glossary(&conn, "trample").unwrap_err(),
        rules::search(&conn, "trample", 5).unwrap_err(),
        rules::outline(&conn).unwrap_err(),
        rules::glossary_entries(&conn).unwrap_err(),
    ] {
        assert!(matches!(err, Error::RulesNotImported), "{err:?}");
        assert!(err.to_string().contains("planeswalker import"), "{err}");
    }
}

#[test]
fn a_file_that_is_not_the_rules_is_refused_with_its_name() {
    let cards = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/PROVENANCE.md");
    let err = rules::read(&cards).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("PROVENANCE.md"), "{message}");
    assert!(message.contains("not the Comprehensive Rules"), "{message}");
}

#[test]
fn no_typed_text_makes_search_or_lookup_fail_in_sqlite() {
    let conn = reference();
    proptest::proptest!(|(text in "\\PC{0,30}")| {
        rules::search(&conn, &text, 5).unwrap();
        match rules::lookup(&conn, &text) {
            Ok(_)
            | Err(Error::RuleNotFound { .. })
            | Err(Error::InvalidRuleNumber { .. })
            | Err(Error::GlossaryTermNotFound { .. }) => {}
            Err(other) => panic!("{text:?}: {other}"),
        }
    });
}
