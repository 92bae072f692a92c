//! Card search over the real reference database (built from ../shared/data): for every
//! syntax element, real cards that must match and real cards that must not.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "helpers here and in common/ run only inside tests: a failure is a test failure"
)]

mod common;

use std::collections::HashSet;

use codex::search::{full_text_ids, search_ids};
use codex::{Codex, Error};

/// Enough to hold every match of any query here.
const ALL: usize = 100_000;

fn names_of(codex: &Codex, ids: &[i64]) -> Vec<String> {
    let mut statement = codex
        .connection()
        .prepare("SELECT name FROM cards WHERE id = ?1")
        .unwrap();
    ids.iter()
        .map(|id| statement.query_row([id], |r| r.get(0)).unwrap())
        .collect()
}

fn search(codex: &Codex, query: &str, limit: usize) -> Vec<String> {
    let ids =
        search_ids(codex.connection(), query, limit).unwrap_or_else(|e| panic!("{query}: {e}"));
    names_of(codex, &ids)
}

/// Each query must find every card of `hits` and none of `misses`.
fn check(cases: &[(&str, &[&str], &[&str])]) {
    let codex = common::reference();
    for (query, hits, misses) in cases {
        let found: HashSet<String> = search(&codex, query, ALL).into_iter().collect();
        for hit in *hits {
            assert!(found.contains(*hit), "{query} should find {hit}");
        }
        for miss in *misses {
            assert!(!found.contains(*miss), "{query} should not find {miss}");
        }
    }
}

#[test]
fn names_words_phrases_exact_names_and_name_regexes() {
    check(&[
        // A filter beside the words keeps these out of the full-text fill (tested below).
        (
            "goblin guide t:creature",
            &["Goblin Guide"],
            &["Goblin Lackey", "Llanowar Elves"],
        ),
        (
            "GUIDE goblin t:creature",
            &["Goblin Guide"],
            &["Goblin Lackey"],
        ),
        (
            "\"sift through\" t:instant",
            &["Sift Through Sands"],
            &["Lightning Bolt"],
        ),
        (
            "jotun grunt t:creature",
            &["Jötun Grunt"],
            &["Goblin Guide"],
        ),
        ("lim-dul's c:b", &["Lim-Dûl's Vault"], &["Dark Ritual"]),
        ("!fire", &["Fire // Ice"], &["Fireball", "Wildfire"]),
        (
            "!\"lightning bolt\"",
            &["Lightning Bolt"],
            &["Lightning Helix"],
        ),
        ("!\"Fire // Ice\"", &["Fire // Ice"], &["Fireball"]),
        (
            "name:/^goblin g/",
            &["Goblin Guide"],
            &["Mogg Fanatic", "Goblin Lackey"],
        ),
        ("name:bolt", &["Lightning Bolt"], &["Shock"]),
    ]);
}

#[test]
fn oracle_text_full_oracle_tilde_and_regex() {
    check(&[
        (
            "o:\"deals 3 damage to any target\"",
            &["Lightning Bolt"],
            &["Shock"],
        ),
        (
            "oracle:haste t:goblin",
            &["Goblin Guide"],
            &["Goblin Lackey"],
        ),
        (
            "o:\"~ deals 3 damage\"",
            &["Lightning Bolt", "Lightning Helix"],
            &["Shock"],
        ),
        (
            "o:\"~ enters the battlefield tapped\"",
            &["Azorius Chancery"],
            &["Hallowed Fountain"],
        ),
        // Reminder text is only in the full oracle text.
        (
            "fo:\"sacrifice this artifact: draw a card\"",
            &["Thraben Inspector"],
            &[],
        ),
        (
            "o:\"sacrifice this artifact: draw a card\"",
            &[],
            &["Thraben Inspector"],
        ),
        (
            "o:/^{T}: Add {G}\\.$/",
            &["Llanowar Elves"],
            &["Birds of Paradise"],
        ),
        (
            "o:/deals \\d damage to any target/",
            &["Lightning Bolt", "Shock"],
            &["Llanowar Elves"],
        ),
    ]);
}

#[test]
fn type_line() {
    check(&[
        ("t:goblin c:r", &["Goblin Guide"], &["Llanowar Elves"]),
        (
            "t:legend t:elf",
            &["Ezuri, Renegade Leader"],
            &["Llanowar Elves"],
        ),
        (
            "type:\"legendary creature\"",
            &["Ezuri, Renegade Leader"],
            &["Grizzly Bears"],
        ),
        (
            "t:/^legendary planeswalker/",
            &["Jace, the Mind Sculptor"],
            &["Ezuri, Renegade Leader"],
        ),
        (
            "t:goblin -t:creature",
            &["Boggart Shenanigans"],
            &["Goblin Guide"],
        ),
    ]);
}

#[test]
fn colors_with_every_operator() {
    check(&[
        (
            "c:rg",
            &["Bloodbraid Elf", "Naya Charm"],
            &["Lightning Bolt"],
        ),
        (
            "c=rg",
            &["Bloodbraid Elf"],
            &["Naya Charm", "Lightning Bolt"],
        ),
        (
            "c:red",
            &["Lightning Bolt", "Naya Charm"],
            &["Llanowar Elves"],
        ),
        (
            "c>=uw -c:red",
            &["Sphinx's Revelation", "Esper Charm"],
            &["Lightning Helix"],
        ),
        ("c>uw", &["Esper Charm"], &["Sphinx's Revelation"]),
        (
            "c<=uw",
            &["Counterspell", "Sphinx's Revelation"],
            &["Lightning Helix", "Esper Charm"],
        ),
        (
            "c<uw",
            &["Counterspell", "Sol Ring"],
            &["Sphinx's Revelation"],
        ),
        ("c!=w", &["Counterspell"], &["Swords to Plowshares"]),
        ("c:azorius", &["Sphinx's Revelation"], &["Counterspell"]),
        ("c:m", &["Lightning Helix"], &["Lightning Bolt", "Sol Ring"]),
        ("-c:m", &["Lightning Bolt"], &["Lightning Helix"]),
        ("c:c", &["Sol Ring"], &["Lightning Bolt"]),
        ("c:colorless", &["Sol Ring"], &["Lightning Bolt"]),
        (
            "c=2",
            &["Lightning Helix"],
            &["Naya Charm", "Lightning Bolt"],
        ),
        ("c>=3", &["Naya Charm", "Esper Charm"], &["Lightning Helix"]),
        ("c=0", &["Sol Ring"], &["Lightning Bolt"]),
    ]);
}

#[test]
fn color_identity_with_every_operator() {
    check(&[
        (
            "id:esper",
            &["Esper Charm", "Counterspell", "Sol Ring"],
            &["Lightning Bolt"],
        ),
        (
            "id<=esper t:instant",
            &["Counterspell"],
            &["Lightning Bolt"],
        ),
        (
            "id:c t:land",
            &["Ancient Tomb"],
            &["Azorius Chancery", "Forest"],
        ),
        ("id>=temur", &["Maelstrom Wanderer"], &["Bloodbraid Elf"]),
        (
            "identity=golgari",
            &["Pernicious Deed"],
            &["Llanowar Elves"],
        ),
        (
            "id>1",
            &["Lightning Helix"],
            &["Sol Ring", "Lightning Bolt"],
        ),
        ("id=1 t:land", &["Forest", "Dryad Arbor"], &["Ancient Tomb"]),
        ("id!=g", &["Lightning Bolt"], &["Forest"]),
    ]);
}

#[test]
fn produced_mana() {
    check(&[
        (
            "produces:g",
            &["Llanowar Elves", "Birds of Paradise"],
            &["Sol Ring"],
        ),
        (
            "produces=c",
            &["Sol Ring", "Ancient Tomb"],
            &["Llanowar Elves"],
        ),
        (
            "produces=wu",
            &["Azorius Chancery", "Hallowed Fountain"],
            &["City of Brass"],
        ),
        (
            "produces:wu",
            &["Azorius Chancery", "City of Brass"],
            &["Llanowar Elves"],
        ),
        ("produces>g", &["Birds of Paradise"], &["Llanowar Elves"]),
        (
            "produces<=azorius",
            &["Azorius Chancery"],
            &["City of Brass"],
        ),
    ]);
}

#[test]
fn mana_cost_symbols_and_comparisons() {
    check(&[
        (
            "m:{G}{G}",
            &["Garruk Wildspeaker", "Ezuri, Renegade Leader"],
            &["Tarmogoyf"],
        ),
        ("mana:GG", &["Garruk Wildspeaker"], &["Llanowar Elves"]),
        (
            "m:2WW",
            &["Wrath of God", "Serra Angel"],
            &["Swords to Plowshares", "White Knight"],
        ),
        ("m=2WW", &["Wrath of God"], &["Serra Angel"]),
        (
            "m>3WU",
            &["Sphinx of the Steel Wind"],
            &["Dragonlord Ojutai", "Sphinx's Revelation"],
        ),
        (
            "m>=3WU",
            &["Dragonlord Ojutai", "Sphinx of the Steel Wind"],
            &["Esper Charm"],
        ),
        (
            "m<=2WW",
            &["Swords to Plowshares", "Wrath of God", "White Knight"],
            &["Serra Angel"],
        ),
        ("m<2WW", &["Swords to Plowshares"], &["Wrath of God"]),
        ("m!=2WW t:sorcery", &["Damnation"], &["Wrath of God"]),
        (
            "m:{G/W}{g/w}",
            &["Kitchen Finks"],
            &["Knight of the Reliquary"],
        ),
        ("m:{u/w}", &["Azorius Guildmage"], &["Sphinx's Revelation"]),
        ("m:{G/P}", &["Mutagenic Growth"], &["Giant Growth"]),
        ("m:X t:instant", &["Sphinx's Revelation"], &["Counterspell"]),
        ("m:15", &["Emrakul, the Aeons Torn"], &["Serra Angel"]),
        // Per face: neither half of Fire // Ice costs red and blue.
        ("m:RU", &[], &["Fire // Ice"]),
        ("m:1R", &["Fire // Ice", "Bonecrusher Giant // Stomp"], &[]),
    ]);
}

#[test]
fn mana_value_and_stats() {
    check(&[
        ("mv=3", &["Kitchen Finks"], &["Lightning Bolt"]),
        ("cmc>=5", &["Serra Angel"], &["Lightning Bolt"]),
        (
            "manavalue<1",
            &["Black Lotus", "Forest"],
            &["Lightning Bolt"],
        ),
        ("mv!=1 c:r", &["Bloodbraid Elf"], &["Lightning Bolt"]),
        (
            "mv:even",
            &["Tarmogoyf", "Black Lotus"],
            &["Lightning Bolt"],
        ),
        ("mv:odd", &["Lightning Bolt"], &["Tarmogoyf"]),
        ("pow>=8", &["Emrakul, the Aeons Torn"], &["Goblin Guide"]),
        (
            "pow>tou",
            &["Jackal Pup", "Delver of Secrets // Insectile Aberration"],
            &["Goblin Guide", "Llanowar Elves"],
        ),
        ("tou>pow", &["Wall of Omens"], &["Jackal Pup"]),
        (
            "power=3 toughness=2",
            &["Delver of Secrets // Insectile Aberration"],
            &["Goblin Guide"],
        ),
        ("pt=4", &["Goblin Guide"], &["Llanowar Elves"]),
        (
            "powtou>=30",
            &["Emrakul, the Aeons Torn"],
            &["Goblin Guide"],
        ),
        (
            "t:planeswalker loy=3",
            &["Jace, the Mind Sculptor", "Garruk Wildspeaker"],
            &["Karn Liberated"],
        ),
        (
            "loyalty>5",
            &["Karn Liberated"],
            &["Jace, the Mind Sculptor"],
        ),
    ]);
}

#[test]
fn defense_parses_though_no_battle_is_in_the_2022_data() {
    let codex = common::reference();
    assert!(search(&codex, "def>=0", ALL).is_empty());
    assert!(search(&codex, "defense=5", ALL).is_empty());
}

#[test]
fn rarity_sets_and_dates_match_printings() {
    check(&[
        ("r:mythic", &["Jace, the Mind Sculptor"], &["Grizzly Bears"]),
        (
            "rarity:common t:goblin",
            &["Mogg Fanatic"],
            &["Goblin Guide"],
        ),
        (
            "r>=rare",
            &["Goblin Guide", "Lightning Bolt"],
            &["Grizzly Bears"],
        ),
        ("r:special", &["Thraben Inspector"], &["Grizzly Bears"]),
        (
            "r<uncommon",
            &["Llanowar Elves"],
            &["Jace, the Mind Sculptor"],
        ),
        ("r!=common t:goblin", &["Goblin Guide"], &[]),
        (
            "s:lea",
            &["Lightning Bolt", "Black Lotus"],
            &["Goblin Guide"],
        ),
        ("e:zen", &["Goblin Guide"], &["Black Lotus"]),
        ("set:LEA", &["Lightning Bolt"], &["Goblin Guide"]),
        // One printing must be both: Lightning Bolt is common in Alpha, rare elsewhere.
        ("s:lea r:rare", &["Black Lotus"], &["Lightning Bolt"]),
        ("s:lea r:common", &["Lightning Bolt"], &["Black Lotus"]),
        (
            "-s:lea t:instant c:r",
            &["Fire // Ice"],
            &["Lightning Bolt"],
        ),
        (
            "year<=1994",
            &["Lightning Bolt", "Black Lotus"],
            &["Goblin Guide"],
        ),
        ("year=2009", &["Goblin Guide"], &["Thraben Inspector"]),
        (
            "year>2015",
            &["Thraben Inspector", "Lightning Bolt"],
            &["Black Lotus"],
        ),
        ("date>=2015-08-18", &["Thraben Inspector"], &["Black Lotus"]),
        ("date>ori", &["Thraben Inspector"], &["Black Lotus"]),
        ("date<lea", &[], &["Lightning Bolt"]),
    ]);
}

#[test]
fn formats_bans_and_restrictions() {
    check(&[
        (
            "f:commander",
            &["Sol Ring", "Lightning Bolt"],
            &["Black Lotus"],
        ),
        ("legal:edh", &["Sol Ring"], &["Black Lotus"]),
        ("format:vintage", &["Black Lotus", "Sol Ring"], &[]),
        ("f:pauper", &["Lightning Bolt"], &["Goblin Guide"]),
        ("banned:commander", &["Black Lotus"], &["Sol Ring"]),
        ("banned:legacy", &["Sol Ring"], &["Lightning Bolt"]),
        (
            "restricted:vintage",
            &["Black Lotus", "Sol Ring"],
            &["Lightning Bolt"],
        ),
    ]);
}

#[test]
fn keywords() {
    check(&[
        ("kw:flying", &["Serra Angel"], &["Goblin Guide"]),
        ("keyword:FLYING", &["Serra Angel"], &["Goblin Guide"]),
        (
            "keyword:\"first strike\"",
            &["White Knight"],
            &["Serra Angel"],
        ),
        ("kw:investigate", &["Thraben Inspector"], &["Serra Angel"]),
    ]);
}

#[test]
fn is_flags() {
    check(&[
        (
            "is:commander",
            &["Ezuri, Renegade Leader"],
            &["Llanowar Elves"],
        ),
        ("is:permanent", &["Sol Ring", "Forest"], &["Lightning Bolt"]),
        (
            "is:spell",
            &["Lightning Bolt", "Sol Ring"],
            &["Forest", "Dryad Arbor"],
        ),
        (
            "is:historic",
            &["Sol Ring", "Ezuri, Renegade Leader"],
            &["Llanowar Elves"],
        ),
        ("is:vanilla", &["Grizzly Bears"], &["Goblin Guide"]),
        (
            "is:bear",
            &["Grizzly Bears"],
            &["Goblin Guide", "Tarmogoyf"],
        ),
        ("is:party", &["Snapcaster Mage"], &["Goblin Guide"]),
        ("is:split", &["Fire // Ice"], &["Lightning Bolt"]),
        (
            "is:flip",
            &["Bushi Tenderfoot // Kenzo the Hardhearted"],
            &["Fire // Ice"],
        ),
        (
            "is:transform",
            &["Delver of Secrets // Insectile Aberration"],
            &["Fire // Ice"],
        ),
        (
            "is:mdfc",
            &["Valakut Awakening // Valakut Stoneforge"],
            &["Delver of Secrets // Insectile Aberration"],
        ),
        (
            "is:dfc",
            &[
                "Delver of Secrets // Insectile Aberration",
                "Valakut Awakening // Valakut Stoneforge",
            ],
            &["Fire // Ice"],
        ),
        (
            "is:meld",
            &["Gisela, the Broken Blade // Brisela, Voice of Nightmares"],
            &["Delver of Secrets // Insectile Aberration"],
        ),
        ("is:leveler", &["Student of Warfare"], &["Goblin Guide"]),
        (
            "is:adventure",
            &["Bonecrusher Giant // Stomp"],
            &["Fire // Ice"],
        ),
        ("is:reserved", &["Black Lotus"], &["Sol Ring"]),
        ("is:funny", &["\"Ach! Hans, Run!\""], &["Lightning Bolt"]),
        (
            "is:hybrid",
            &["Kitchen Finks", "Azorius Guildmage"],
            &["Lightning Helix"],
        ),
        ("is:phyrexian", &["Mutagenic Growth"], &["Giant Growth"]),
        ("is:unique", &["+2 Mace"], &["Lightning Bolt"]),
        ("is:reprint", &["Lightning Bolt"], &["+2 Mace"]),
        ("not:reprint", &["+2 Mace"], &["Lightning Bolt"]),
        ("-not:reprint", &["Lightning Bolt"], &["+2 Mace"]),
        (
            "is:companion",
            &["Kaheera, the Orphanguard"],
            &["Serra Angel"],
        ),
        (
            "has:indicator",
            &["Dryad Arbor", "Delver of Secrets // Insectile Aberration"],
            &["Forest"],
        ),
    ]);
}

#[test]
fn games_and_extras() {
    check(&[
        ("game:arena", &["Lightning Bolt"], &["Black Lotus"]),
        // Games are the union over every printing: Sol Ring's representative printing is
        // paper-only, Black Lotus came to MTGO in Vintage Masters, Chaos Orb never did.
        (
            "game:mtgo",
            &["Goblin Guide", "Sol Ring", "Black Lotus"],
            &["Chaos Orb"],
        ),
        ("game:paper", &["Black Lotus"], &[]),
        ("t:plane", &[], &["Agyrem"]),
        ("t:plane include:extras", &["Agyrem"], &[]),
    ]);
}

#[test]
fn or_parentheses_and_negation() {
    check(&[
        (
            "t:fish or t:bird",
            &["Birds of Paradise"],
            &["Goblin Guide"],
        ),
        ("t:goblin (c:w OR c:g)", &[], &["Goblin Guide"]),
        (
            "t:goblin (c:r or c:b) -t:creature",
            &["Boggart Shenanigans"],
            &["Goblin Guide"],
        ),
        (
            "-fire c:r t:instant",
            &["Lightning Bolt"],
            &["Fireball", "Fire // Ice"],
        ),
        (
            "lightning and bolt c:r",
            &["Lightning Bolt"],
            &["Lightning Helix"],
        ),
        (
            "-(t:creature or t:land) c:r mv=1",
            &["Lightning Bolt"],
            &["Goblin Guide"],
        ),
    ]);
}

#[test]
fn default_order_is_by_name_and_extras_are_hidden() {
    let codex = common::reference();
    let names = search(&codex, "t:goblin c:r", 200);
    assert_eq!(names.len(), 200);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let extras: i64 = codex
        .connection()
        .query_row(
            "SELECT count(*) FROM cards WHERE extra = 1 AND type_line LIKE '%plane%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(extras > 0);
}

/// The values of `column` for the cards found, in result order.
fn column_in_order(codex: &Codex, query: &str, column: &str) -> Vec<Option<f64>> {
    let ids = search_ids(codex.connection(), query, 500).unwrap();
    let sql = format!("SELECT {column} FROM cards c WHERE c.id = ?1");
    ids.iter()
        .map(|id| {
            codex
                .connection()
                .query_row(&sql, [id], |r| r.get(0))
                .unwrap()
        })
        .collect()
}

fn is_sorted_with_nulls_last(values: &[Option<f64>], descending: bool) -> bool {
    values.windows(2).all(|pair| match (pair[0], pair[1]) {
        (Some(a), Some(b)) => {
            if descending {
                a >= b
            } else {
                a <= b
            }
        }
        (None, Some(_)) => false,
        _ => true,
    })
}

#[test]
fn order_and_direction() {
    let codex = common::reference();
    let cases = [
        ("t:goblin order:cmc", "c.mana_value", false),
        ("t:goblin order:cmc dir:desc", "c.mana_value", true),
        ("t:goblin order:mv dir:asc", "c.mana_value", false),
        ("t:elf order:edhrec", "c.edhrec_rank", false),
        (
            "t:elf order:power",
            "(SELECT power_value FROM card_faces WHERE card_id = c.id AND face_index = 0)",
            true,
        ),
        (
            "t:elf order:toughness dir:asc",
            "(SELECT toughness_value FROM card_faces WHERE card_id = c.id AND face_index = 0)",
            false,
        ),
        ("t:elf order:released", "julianday(c.released_at)", true),
        (
            "t:elf order:rarity",
            "CASE c.rarity WHEN 'common' THEN 0 WHEN 'uncommon' THEN 1 WHEN 'rare' THEN 2 WHEN 'special' THEN 3 WHEN 'mythic' THEN 4 WHEN 'bonus' THEN 5 END",
            true,
        ),
        ("c:m order:color", "c.colors", false),
    ];
    for (query, column, descending) in cases {
        let values = column_in_order(&codex, query, column);
        assert!(values.len() > 20, "{query}");
        assert!(
            is_sorted_with_nulls_last(&values, descending),
            "{query}: {values:?}"
        );
    }
    let by_color = search(&codex, "t:elf order:color", 2000);
    let first_green = by_color.iter().position(|n| n == "Llanowar Elves").unwrap();
    let first_multi = by_color.iter().position(|n| n == "Bloodbraid Elf").unwrap();
    assert!(first_green < first_multi);
}

#[test]
fn bare_words_return_name_matches_then_full_text_hits() {
    let codex = common::reference();
    let names = search(&codex, "lightning bolt", 20);
    assert_eq!(names.len(), 20);
    assert_eq!(names[0], "Lightning Bolt");
    // The rest holds the words in their text: cards that mention Lightning Bolt, or deal
    // lightning damage; none repeats.
    let unique: HashSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len());

    let described = search(&codex, "destroy target artifact", 20);
    assert!(described.contains(&"Shatter".to_string()), "{described:?}");
    assert!(
        described.contains(&"Naturalize".to_string()),
        "{described:?}"
    );

    // A keyword anywhere makes it a filter query: no full-text fill.
    assert!(search(&codex, "destroy target artifact t:instant", 20).is_empty());
}

#[test]
fn full_text_ranks_by_bm25_with_name_weighted_highest() {
    let codex = common::reference();
    let ids = full_text_ids(codex.connection(), "destroy target artifact", 10).unwrap();
    let names = names_of(&codex, &ids);
    assert!(names.contains(&"Shatter".to_string()), "{names:?}");
    let ids = full_text_ids(codex.connection(), "bolt", 5).unwrap();
    let names = names_of(&codex, &ids);
    assert!(
        names.iter().all(|n| n.to_lowercase().contains("bolt")),
        "{names:?}"
    );
    assert!(
        full_text_ids(codex.connection(), "\" * ( NEAR", 5)
            .unwrap()
            .len()
            <= 5
    );
    assert!(
        full_text_ids(codex.connection(), "!!!", 5)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn refusals_name_the_bad_part_and_where_it_is() {
    let codex = common::reference();
    let cases = [
        ("t:goblin c:purple", "purple", 11),
        ("mv>abc", "abc", 3),
        ("r:ultra", "ultra", 2),
        ("frob:3", "frob", 0),
        ("s:xyz", "xyz", 0),
        ("t:elf date>qqq", "qqq", 6),
    ];
    for (query, named, start) in cases {
        match search_ids(codex.connection(), query, 10) {
            Err(Error::InvalidQuery(err)) => {
                assert!(err.message.contains(named), "{query}: {}", err.message);
                assert_eq!(err.start, start, "{query}: {}", err.render(query));
            }
            other => panic!("{query}: {other:?}"),
        }
    }
}

#[test]
fn produced_mana_comparisons_need_some_produced_mana() {
    check(&[
        // +2 Mace produces no mana: "at most white and blue" says nothing about it.
        (
            "produces<=wu",
            &["Azorius Chancery", "Plains"],
            &["+2 Mace", "Lightning Bolt", "City of Brass"],
        ),
        ("produces<wu", &["Plains"], &["+2 Mace", "Azorius Chancery"]),
        (
            "produces!=wu",
            &["Plains", "City of Brass"],
            &["+2 Mace", "Azorius Chancery"],
        ),
    ]);
}

#[test]
fn mana_cost_comparisons_need_a_face_with_a_cost() {
    check(&[
        // O-Kagachi Made Manifest (the back face) has no cost; The Kami War costs five colours.
        (
            "m<=2WW t:dragon",
            &["Icingdeath, Frost Tyrant", "Nadaar, Selfless Paladin"],
            &["The Kami War // O-Kagachi"],
        ),
        ("m<2WW", &["Swords to Plowshares"], &["Forest", "Plains"]),
        (
            "m!=X",
            &["Lightning Bolt", "Sol Ring"],
            &["Forest", "Azorius Chancery"],
        ),
        ("m<=2WW", &["+2 Mace"], &["Forest"]),
    ]);
}

#[test]
fn bare_words_match_whole_words_of_the_name() {
    check(&[
        // A filter beside each word keeps the full-text fill out.
        ("bolt t:instant", &["Lightning Bolt"], &["Shock"]),
        ("rift bolt t:sorcery", &["Rift Bolt"], &[]),
        ("tbolt t:sorcery", &[], &["Rift Bolt"]),
        ("eice t:instant", &[], &["Fire // Ice"]),
        ("ice t:instant", &["Fire // Ice"], &[]),
        ("lim-dul t:instant", &["Lim-Dûl's Vault"], &[]),
        ("limdul t:instant", &["Lim-Dûl's Vault"], &[]),
        (
            "\"lightning bolt\" c:r",
            &["Lightning Bolt"],
            &["Rift Bolt"],
        ),
        ("\"lightningbolt\" c:r", &[], &["Lightning Bolt"]),
        ("jotun t:creature", &["Jötun Grunt"], &[]),
    ]);
}

#[test]
fn nested_printing_terms_bind_to_one_printing() {
    check(&[
        // Lightning Bolt is in Alpha (common) and rare elsewhere: no Alpha printing of it
        // is rare or uncommon.
        (
            "s:lea (r:rare or r:uncommon)",
            &["Black Lotus"],
            &["Lightning Bolt"],
        ),
        ("s:lea -r:common", &["Black Lotus"], &["Lightning Bolt"]),
        (
            "(s:lea or s:leb) r:common",
            &["Lightning Bolt"],
            &["Black Lotus"],
        ),
        // Alone, a negated printing term still means "no printing".
        (
            "-s:lea t:instant c:r",
            &["Fire // Ice"],
            &["Lightning Bolt"],
        ),
    ]);
}

#[test]
fn refusals_list_what_would_be_accepted() {
    let codex = common::reference();
    let cases: [(&str, &[&str]); 4] = [
        ("is:foo", &["commander", "reprint"]),
        ("is:permanant", &["did you mean permanent"]),
        ("f:foo", &["commander", "vintage", "edh"]),
        ("f:modren", &["did you mean modern"]),
    ];
    for (query, expected) in cases {
        match search_ids(codex.connection(), query, 10) {
            Err(Error::InvalidQuery(err)) => {
                for part in expected {
                    assert!(err.message.contains(part), "{query}: {}", err.message);
                }
            }
            other => panic!("{query}: {other:?}"),
        }
    }
}

#[test]
fn summaries_are_the_full_answers_fields_in_the_same_order() {
    let codex = common::reference();
    for query in [
        "t:planeswalker c:g",
        "fire // ice",
        "t:battle include:extras",
        "bolt",
    ] {
        let cards = codex.search(query, 50).unwrap();
        let summaries = codex.search_summaries(query, 50).unwrap();
        assert_eq!(cards.len(), summaries.len(), "{query}");
        for (card, summary) in cards.iter().zip(&summaries) {
            assert_eq!(
                (
                    &card.name,
                    &card.mana_cost,
                    &card.type_line,
                    &card.power,
                    &card.toughness,
                    &card.loyalty,
                    &card.rarity
                ),
                (
                    &summary.name,
                    &summary.mana_cost,
                    &summary.type_line,
                    &summary.power,
                    &summary.toughness,
                    &summary.loyalty,
                    &summary.rarity
                ),
                "{query}"
            );
            assert_eq!(card.defense, summary.defense, "{query}");
        }
    }
    assert!(
        !codex
            .search_summaries("t:planeswalker c:g", 50)
            .unwrap()
            .is_empty(),
        "the comparison above must compare something"
    );
}
