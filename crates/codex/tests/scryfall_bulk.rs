//! Reads real Scryfall card and ruling objects (tests/fixtures/scryfall, provenance in its
//! README.md) through the public Scryfall readers and checks what they map to.

// The fixture helpers below are not `#[test]` functions, so clippy's test exemption misses them;
// a fixture that fails to read should fail the test, which is what unwrap does.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::fs::File;
use std::path::PathBuf;

use codex::model::{
    CardRecord, EXTRA_LAYOUTS, FaceRecord, Leadership, Legality, PrintingRecord, Ruling, SetRecord,
    stat_value,
};
use codex::sources::scryfall::{read_cards, read_printings, read_rulings};
use codex::{Colors, Error};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scryfall")
        .join(name)
}

fn all_cards() -> HashMap<String, CardRecord> {
    let mut cards = HashMap::new();
    let file = File::open(fixture("oracle-cards.json")).unwrap();
    let count = read_cards(file, "oracle-cards.json", |card| {
        assert!(
            cards.insert(card.name.clone(), card).is_none(),
            "names are unique in an oracle-cards file"
        );
        Ok(())
    })
    .unwrap();
    assert_eq!(count, cards.len() as u64);
    cards
}

fn card<'a>(cards: &'a HashMap<String, CardRecord>, name: &str) -> &'a CardRecord {
    cards
        .get(name)
        .unwrap_or_else(|| panic!("{name} is in the fixture"))
}

fn colors(letters: &str) -> Colors {
    Colors::from_letters(letters).unwrap()
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| (*w).to_owned()).collect()
}

fn status(card: &CardRecord, format: &str) -> Option<Legality> {
    card.legalities
        .iter()
        .find(|(f, _)| f == format)
        .map(|(_, legality)| *legality)
}

fn leads(commander: bool, brawl: bool, oathbreaker: bool) -> Leadership {
    Leadership {
        commander,
        brawl,
        oathbreaker,
    }
}

#[test]
fn every_fixture_object_maps_to_a_card_with_faces_and_legalities() {
    let cards = all_cards();
    assert_eq!(cards.len(), 32);
    for card in cards.values() {
        assert!(!card.faces.is_empty(), "{} has faces", card.name);
        assert!(!card.legalities.is_empty(), "{} has legalities", card.name);
        assert!(card.oracle_id.is_some(), "{} has an oracle id", card.name);
        assert!(
            card.scryfall_id.is_some(),
            "{} has a Scryfall id",
            card.name
        );
        assert_eq!(card.printings.len(), 1, "{} has its set", card.name);
        if card.faces.len() > 1 {
            let joined: Vec<&str> = card.faces.iter().map(|f| f.name.as_str()).collect();
            assert_eq!(
                card.name,
                joined.join(" // "),
                "face names make the card name"
            );
        }
    }
    let layouts: std::collections::BTreeSet<&str> =
        cards.values().map(|c| c.layout.as_str()).collect();
    assert_eq!(
        layouts.into_iter().collect::<Vec<_>>(),
        [
            "adventure",
            "art_series",
            "augment",
            "flip",
            "meld",
            "modal_dfc",
            "normal",
            "reversible_card",
            "split",
            "token",
            "transform"
        ]
    );
}

#[test]
fn a_transform_card_has_both_faces_with_the_back_faces_colour_indicator() {
    let cards = all_cards();
    let witch = card(&cards, "Accursed Witch // Infectious Curse");
    assert_eq!(witch.layout, "transform");
    assert_eq!(witch.mana_value, 4.0);
    assert_eq!(witch.colors, colors("B"));
    assert_eq!(witch.color_identity, colors("B"));
    assert_eq!(witch.keywords, words(&["Transform", "Enchant"]));
    assert_eq!(
        witch.faces,
        vec![
            FaceRecord {
                name: "Accursed Witch".into(),
                mana_cost: Some("{3}{B}".into()),
                mana_value: None,
                type_line: "Creature — Human Shaman".into(),
                supertypes: vec![],
                types: words(&["Creature"]),
                subtypes: words(&["Human", "Shaman"]),
                oracle_text: "Spells your opponents cast that target this creature cost {1} less to cast.\nWhen this creature dies, return it to the battlefield transformed under your control attached to target opponent.".into(),
                colors: colors("B"),
                color_indicator: None,
                power: Some("4".into()),
                toughness: Some("2".into()),
                loyalty: None,
                defense: None,
            },
            FaceRecord {
                name: "Infectious Curse".into(),
                mana_cost: None,
                mana_value: None,
                type_line: "Enchantment — Aura Curse".into(),
                supertypes: vec![],
                types: words(&["Enchantment"]),
                subtypes: words(&["Aura", "Curse"]),
                oracle_text: "Enchant player\nSpells you cast that target enchanted player cost {1} less to cast.\nAt the beginning of enchanted player's upkeep, that player loses 1 life and you gain 1 life.".into(),
                colors: colors("B"),
                color_indicator: Some(colors("B")),
                power: None,
                toughness: None,
                loyalty: None,
                defense: None,
            },
        ]
    );
}

#[test]
fn a_planeswalker_back_face_keeps_its_loyalty_and_colour_indicator() {
    let cards = all_cards();
    let jace = card(&cards, "Jace, Vryn's Prodigy // Jace, Telepath Unbound");
    // This 2019 object has no top-level colours: they come from the faces.
    assert_eq!(jace.colors, colors("U"));
    let back = &jace.faces[1];
    assert_eq!(back.supertypes, words(&["Legendary"]));
    assert_eq!(back.types, words(&["Planeswalker"]));
    assert_eq!(back.subtypes, words(&["Jace"]));
    assert_eq!(back.loyalty.as_deref(), Some("5"));
    assert_eq!(back.color_indicator, Some(colors("U")));
    assert_eq!(jace.faces[0].power.as_deref(), Some("0"));
}

#[test]
fn a_modal_double_faced_card_unions_its_faces_colours() {
    let cards = all_cards();
    let pugilist = card(&cards, "Augmenter Pugilist // Echoing Equation");
    assert_eq!(pugilist.layout, "modal_dfc");
    assert_eq!(pugilist.faces[0].colors, colors("G"));
    assert_eq!(pugilist.faces[1].colors, colors("U"));
    assert_eq!(pugilist.colors, colors("GU"));
    assert_eq!(pugilist.faces[1].mana_cost.as_deref(), Some("{3}{U}{U}"));
    assert_eq!(pugilist.faces[1].types, words(&["Sorcery"]));
}

#[test]
fn a_split_card_gives_each_half_its_own_cost_and_colour() {
    let cards = all_cards();
    let cut = card(&cards, "Cut // Ribbons");
    assert_eq!(cut.layout, "split");
    assert_eq!(cut.mana_value, 4.0);
    assert_eq!(cut.colors, colors("BR"));
    assert_eq!(cut.keywords, words(&["Aftermath"]));
    let names: Vec<&str> = cut.faces.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Cut", "Ribbons"]);
    assert_eq!(cut.faces[0].mana_cost.as_deref(), Some("{1}{R}"));
    assert_eq!(cut.faces[0].colors, colors("R"));
    assert_eq!(cut.faces[1].mana_cost.as_deref(), Some("{X}{B}{B}"));
    assert_eq!(cut.faces[1].colors, colors("B"));
    assert_eq!(
        cut.faces[1].oracle_text,
        "Aftermath (Cast this spell only from your graveyard. Then exile it.)\nEach opponent loses X life."
    );
}

#[test]
fn an_adventure_card_has_the_creature_and_the_adventure_as_faces() {
    let cards = all_cards();
    let virtue = card(&cards, "Virtue of Persistence // Locthwain Scorn");
    assert_eq!(virtue.layout, "adventure");
    assert_eq!(virtue.mana_value, 7.0);
    assert_eq!(virtue.faces[0].types, words(&["Enchantment"]));
    assert_eq!(virtue.faces[0].mana_cost.as_deref(), Some("{5}{B}{B}"));
    assert_eq!(virtue.faces[1].types, words(&["Sorcery"]));
    assert_eq!(virtue.faces[1].subtypes, words(&["Adventure"]));
    assert_eq!(virtue.faces[1].colors, colors("B"));

    let regent = card(&cards, "Marang River Regent // Coil and Catch");
    assert_eq!(regent.faces[0].power.as_deref(), Some("6"));
    assert_eq!(regent.faces[1].subtypes, words(&["Omen"]));
}

#[test]
fn a_flip_cards_bottom_half_keeps_the_cards_colour() {
    let cards = all_cards();
    let budoka = card(&cards, "Budoka Gardener // Dokai, Weaver of Life");
    assert_eq!(budoka.layout, "flip");
    assert_eq!(budoka.faces[1].name, "Dokai, Weaver of Life");
    assert_eq!(budoka.faces[1].mana_cost, None);
    assert_eq!(budoka.faces[1].colors, colors("G"));
    assert_eq!(budoka.faces[1].supertypes, words(&["Legendary"]));
    // Only the unflipped top half exists outside the battlefield, and it isn't legendary.
    assert_eq!(budoka.leadership, Leadership::default());
}

#[test]
fn a_reversible_card_takes_its_oracle_id_and_mana_value_from_its_faces() {
    let cards = all_cards();
    let sol_ring = card(&cards, "Sol Ring // Sol Ring");
    assert_eq!(sol_ring.layout, "reversible_card");
    assert_eq!(
        sol_ring.oracle_id.as_deref(),
        Some("6ad8011d-3471-4369-9d68-b264cc027487")
    );
    assert_eq!(sol_ring.mana_value, 1.0);
    assert_eq!(sol_ring.faces[0].mana_value, Some(1.0));
    assert_eq!(sol_ring.produced_mana, Some(words(&["C"])));
    assert_eq!(sol_ring.edhrec_rank, Some(1));
    assert_eq!(sol_ring.colors, Colors::COLORLESS);

    let stitch = card(&cards, "Stitch in Time // Stitch in Time");
    assert_eq!(stitch.colors, colors("UR"));
    assert_eq!(stitch.mana_value, 3.0);
}

#[test]
fn a_token_is_an_extra_layout_without_the_word_token_as_a_type() {
    let cards = all_cards();
    let spirit = card(&cards, "Spirit");
    assert!(EXTRA_LAYOUTS.contains(&spirit.layout.as_str()));
    assert_eq!(spirit.faces[0].type_line, "Token Creature — Spirit");
    assert_eq!(spirit.faces[0].types, words(&["Creature"]));
    assert_eq!(spirit.faces[0].subtypes, words(&["Spirit"]));
    assert_eq!(spirit.faces[0].power.as_deref(), Some("4"));
    assert_eq!(spirit.faces[0].toughness.as_deref(), Some("5"));
    assert_eq!(spirit.leadership, Leadership::default());
    assert_eq!(spirit.rarity.as_deref(), Some("common"));
}

#[test]
fn printed_stats_that_are_not_numbers_are_kept_as_printed() {
    let cards = all_cards();
    // Unstable's augment cards print their stats as modifiers.
    let half_orc = card(&cards, "Half-Orc, Half-");
    assert_eq!(half_orc.layout, "augment");
    assert_eq!(half_orc.faces[0].power.as_deref(), Some("+3"));
    assert_eq!(half_orc.faces[0].toughness.as_deref(), Some("+1"));
    assert_eq!(stat_value(half_orc.faces[0].power.as_deref()), Some(3.0));
    let brisela = card(&cards, "Brisela, Voice of Nightmares");
    assert_eq!(brisela.faces[0].toughness.as_deref(), Some("10"));
    assert_eq!(brisela.mana_value, 11.0);
}

#[test]
fn a_single_faced_card_can_carry_a_colour_indicator() {
    let cards = all_cards();
    let asmo = card(&cards, "Asmoranomardicadaistinaculdacar");
    assert_eq!(asmo.faces.len(), 1);
    assert_eq!(asmo.faces[0].mana_cost, None);
    assert_eq!(asmo.faces[0].color_indicator, Some(colors("BR")));
    assert_eq!(asmo.colors, colors("BR"));
    assert_eq!(asmo.mana_value, 0.0);
}

#[test]
fn every_format_is_kept_including_not_legal() {
    let cards = all_cards();
    let sol_ring = card(&cards, "Sol Ring // Sol Ring");
    assert_eq!(sol_ring.legalities.len(), 22);
    assert_eq!(
        sol_ring.legalities.first(),
        Some(&("standard".to_owned(), Legality::NotLegal))
    );
    assert_eq!(status(sol_ring, "vintage"), Some(Legality::Restricted));
    assert_eq!(status(sol_ring, "legacy"), Some(Legality::Banned));
    assert_eq!(status(sol_ring, "commander"), Some(Legality::Legal));
    // A 2018 object lists the formats Scryfall had then.
    let cinder_wall = card(&cards, "Cinder Wall");
    assert_eq!(cinder_wall.legalities.len(), 11);
    assert_eq!(status(cinder_wall, "frontier"), Some(Legality::NotLegal));
}

#[test]
fn commander_brawl_and_oathbreaker_follow_the_rules() {
    let cards = all_cards();
    let cases = [
        ("Elrond, Lord of Rivendell", leads(true, true, false)),
        ("Atraxa, Praetors' Voice", leads(true, true, false)),
        ("Urza, Lord Protector", leads(true, true, false)),
        (
            "Emet-Selch, Unsundered // Hades, Sorcerer of Eld",
            leads(true, true, false),
        ),
        (
            "Jace, Vryn's Prodigy // Jace, Telepath Unbound",
            leads(true, true, false),
        ),
        // A planeswalker whose text says it can be your commander.
        ("Rowan Kenrith", leads(true, true, true)),
        // The melded back half is never a card in a deck.
        ("Brisela, Voice of Nightmares", leads(false, false, false)),
        ("Hellkite Overlord", leads(false, false, false)),
        (
            "Virtue of Persistence // Locthwain Scorn",
            leads(false, false, false),
        ),
        ("Spirit", leads(false, false, false)),
        (
            "Clearwater Pathway // Clearwater Pathway",
            leads(false, false, false),
        ),
    ];
    for (name, expected) in cases {
        assert_eq!(card(&cards, name).leadership, expected, "{name}");
    }
}

#[test]
fn un_cards_are_funny_by_acorn_stamp_or_silver_border() {
    let cards = all_cards();
    for name in [
        "Form of the Approach of the Second Sun",
        "Aesthetic Consultation",
        "Half-Orc, Half-",
    ] {
        assert!(card(&cards, name).funny, "{name} is funny");
    }
    for name in [
        "Elrond, Lord of Rivendell",
        "Mox Pearl",
        "Sol Ring // Sol Ring",
    ] {
        assert!(!card(&cards, name).funny, "{name} is not funny");
    }
}

#[test]
fn card_level_fields_come_from_the_representative_printing() {
    let cards = all_cards();
    let mox = card(&cards, "Mox Pearl");
    assert!(mox.reserved);
    assert_eq!(mox.printings, words(&["LEA"]));
    assert_eq!(mox.rarity.as_deref(), Some("rare"));
    assert_eq!(mox.released_at.as_deref(), Some("1993-08-05"));
    assert_eq!(mox.games, words(&["paper", "mtgo"]));
    assert_eq!(mox.produced_mana, Some(words(&["W"])));
    assert_eq!(mox.color_identity, colors("W"));
    assert_eq!(mox.colors, Colors::COLORLESS);
    assert_eq!(
        mox.scryfall_id.as_deref(),
        Some("8ebe4be7-e12a-4596-a899-fbd5b152e879")
    );
    assert_eq!(mox.faces[0].mana_cost.as_deref(), Some("{0}"));
    assert_eq!(mox.faces[0].mana_value, Some(0.0));
    assert_eq!(status(mox, "commander"), Some(Legality::Banned));

    let forest = card(&cards, "Snow-Covered Forest");
    assert_eq!(forest.faces[0].supertypes, words(&["Basic", "Snow"]));
    assert_eq!(forest.faces[0].types, words(&["Land"]));
    assert_eq!(forest.faces[0].subtypes, words(&["Forest"]));
    assert_eq!(forest.faces[0].mana_cost, None);

    let sire = card(&cards, "Sire of Seven Deaths");
    assert_eq!(sire.keywords.len(), 7);
    assert_eq!(sire.edhrec_rank, Some(4803));
    assert_eq!(sire.games, words(&["paper", "arena", "mtgo"]));
}

#[test]
fn printings_name_their_set_in_upper_case() {
    let mut printings: Vec<(PrintingRecord, SetRecord)> = Vec::new();
    let file = File::open(fixture("oracle-cards.json")).unwrap();
    let count = read_printings(file, "oracle-cards.json", |printing, set| {
        printings.push((printing, set));
        Ok(())
    })
    .unwrap();
    assert_eq!(count, 32);

    let (wastes, ogw) = printings
        .iter()
        .find(|(p, _)| p.card_name == "Wastes")
        .unwrap();
    assert_eq!(
        wastes,
        &PrintingRecord {
            card_name: "Wastes".into(),
            oracle_id: Some("05d24b0c-904a-46b6-b42a-96a4d91a0dd4".into()),
            set_code: "OGW".into(),
            collector_number: "183a".into(),
            rarity: Some("common".into()),
            released_at: Some("2016-01-22".into()),
            scryfall_id: Some("9cc070d3-4b83-4684-9caf-063e5c473a77".into()),
            games: vec!["paper".into(), "mtgo".into()],
        }
    );
    assert_eq!(
        ogw,
        &SetRecord {
            code: "OGW".into(),
            name: "Oath of the Gatewatch".into(),
            set_type: Some("expansion".into()),
            released_at: None,
        }
    );

    // A 2018 object has no set_type; a reversible card's Oracle id is on its faces.
    let (_, isd) = printings
        .iter()
        .find(|(p, _)| p.card_name == "Reckless Waif // Merciless Predator")
        .unwrap();
    assert_eq!(isd.set_type, None);
    let (stitch, sld) = printings
        .iter()
        .find(|(p, _)| p.card_name == "Stitch in Time // Stitch in Time")
        .unwrap();
    assert_eq!(
        stitch.oracle_id.as_deref(),
        Some("59b2a90e-542f-4fb0-b290-ac79dc2892a4")
    );
    assert_eq!(sld.set_type.as_deref(), Some("box"));
}

#[test]
fn rulings_come_with_their_oracle_id() {
    let mut rulings: Vec<(String, Ruling)> = Vec::new();
    let file = File::open(fixture("rulings.json")).unwrap();
    let count = read_rulings(file, "rulings.json", |oracle_id, ruling| {
        rulings.push((oracle_id, ruling));
        Ok(())
    })
    .unwrap();
    assert_eq!(count, 2);
    assert_eq!(rulings[0].0, "22f1a4a4-c423-4d1c-8775-0ed604a9fa51");
    assert_eq!(rulings[0].1.published, "2016-06-08");
    assert_eq!(
        rulings[0].1.text,
        "Because the first ability requires a target, it is not a mana ability. It uses the stack and can be responded to."
    );
    assert!(
        rulings[1]
            .1
            .text
            .starts_with("If the target of any of Deathrite Shaman’s")
    );
}

#[test]
fn a_truncated_file_is_an_error_naming_the_broken_element() {
    let bytes = std::fs::read(fixture("oracle-cards.json")).unwrap();
    // Cut inside the third object: the first two are read, the third fails.
    let third_starts = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(2)
        .map(|(i, _)| i)
        .unwrap();
    let truncated = &bytes[..third_starts + 100];
    let mut read = 0;
    let outcome = read_cards(truncated, "oracle-cards.json", |_| {
        read += 1;
        Ok(())
    });
    assert_eq!(read, 2);
    match outcome {
        Err(error @ Error::BulkElement { index: 2, .. }) => {
            let message = error.to_string();
            assert!(
                message.starts_with("oracle-cards.json: element 2"),
                "{message}"
            );
            assert!(message.contains("EOF"), "{message}");
        }
        other => panic!("expected a BulkElement error, got {other:?}"),
    }

    // Cut right after a complete element: the array itself is unterminated.
    let after_first = bytes.iter().position(|b| *b == b'\n').unwrap();
    let second_ends = bytes[after_first + 1..]
        .iter()
        .position(|b| *b == b'\n')
        .unwrap()
        + after_first
        + 1;
    let outcome = read_cards(&bytes[..second_ends], "oracle-cards.json", |_| Ok(()));
    assert!(
        matches!(outcome, Err(Error::BulkElement { index: 1, .. })),
        "{outcome:?}"
    );
}

#[test]
fn input_that_is_not_an_array_of_objects_is_an_error() {
    let not_an_array = read_cards(&br#""cards""#[..], "one.json", |_| Ok(()));
    match not_an_array {
        Err(error @ Error::Json { .. }) => {
            assert!(
                error
                    .to_string()
                    .contains("expected a JSON array of Scryfall card objects")
            )
        }
        other => panic!("expected a Json error, got {other:?}"),
    }

    let numbers = read_cards(&b"[1, 2]"[..], "numbers.json", |_| Ok(()));
    match numbers {
        Err(error @ Error::BulkElement { index: 0, .. }) => {
            assert!(
                error.to_string().contains("a Scryfall card object"),
                "{error}"
            )
        }
        other => panic!("expected a BulkElement error, got {other:?}"),
    }

    let nameless = read_cards(
        &br#"[{"object":"card","layout":"normal"}]"#[..],
        "x",
        |_| Ok(()),
    );
    assert!(
        matches!(&nameless, Err(e @ Error::BulkElement { .. }) if e.to_string().contains("missing field `name`")),
        "{nameless:?}"
    );

    let trailing = read_rulings(&b"[] []"[..], "rulings.json", |_, _| Ok(()));
    assert!(matches!(trailing, Err(Error::Json { .. })), "{trailing:?}");

    let ruling_without_oracle_id = read_rulings(
        // A real ruling object from the Scryfall API before rulings carried an Oracle id
        // (crookedneighbor/scryfall-client test/fixtures/list-of-rulings.ts).
        r#"[{"object":"ruling","source":"wotc","published_at":"2004-12-01","comment":"Budoka Gardener flips if you control ten or more lands when its ability resolves, even if you don’t use its ability to put a land onto the battlefield."}]"#.as_bytes(),
        "rulings.json",
        |_, _| Ok(()),
    );
    assert!(
        matches!(&ruling_without_oracle_id, Err(e @ Error::BulkElement { index: 0, .. }) if e.to_string().contains("oracle_id")),
        "{ruling_without_oracle_id:?}"
    );

    assert!(matches!(
        read_cards(&b""[..], "empty.json", |_| Ok(())),
        Err(Error::Json { .. })
    ));
}

#[test]
fn json_lines_bulk_files_read_the_same_cards_as_arrays() {
    // Since 2026 Scryfall also serves bulk files as JSON Lines (`jsonl_download_uri`): the same
    // objects, one per line, without the enclosing array.
    // The fixture holds one compact object per line inside `[` … `]`.
    let text = std::fs::read_to_string(fixture("oracle-cards.json")).unwrap();
    let objects: Vec<&str> = text
        .lines()
        .map(|l| l.trim().trim_end_matches(','))
        .filter(|l| l.starts_with('{'))
        .collect();
    let lines: String = objects.iter().map(|o| format!("{o}\n")).collect();
    let mut from_lines = HashMap::new();
    let count = read_cards(lines.as_bytes(), "oracle-cards.jsonl", |card| {
        from_lines.insert(card.name.clone(), card);
        Ok(())
    })
    .unwrap();
    assert_eq!(count, objects.len() as u64);
    assert_eq!(from_lines, all_cards());
}

#[test]
fn a_broken_json_lines_file_names_the_bad_element() {
    let text = "{\"object\": \"ruling\", \"oracle_id\": \"a\", \"source\": \"wotc\", \"published_at\": \"2020-01-01\", \"comment\": \"x\"}\n{\"object\": ";
    let err = read_rulings(text.as_bytes(), "rulings.jsonl", |_, _| Ok(())).unwrap_err();
    assert!(matches!(err, Error::BulkElement { index: 1, .. }), "{err}");
}
