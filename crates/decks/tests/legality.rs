//! Real decks, legal and illegal on purpose, checked against the real card data (MTGJSON
//! 2022-04 in `../shared/data`): name lookup line by line, then every format's rules.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../codex/tests/common/mod.rs"]
mod common;

use decks::legality::{self, GameFormat, Violation};
use decks::resolve::{self, Resolution};
use decks::{Format, Section, formats};

const BURN: &str = include_str!("decks/modern-burn.txt");
const KRENKO: &str = include_str!("decks/krenko-commander.txt");

/// Reads and resolves `text`; every name must be a card.
fn resolved(text: &str) -> Resolution {
    let (_, read) = formats::read(text, None);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let resolution = resolve::resolve(&common::reference(), &read).unwrap();
    assert!(resolution.problems.is_empty(), "{:#?}", resolution.problems);
    resolution
}

fn violations(text: &str, format: GameFormat) -> Vec<Violation> {
    let resolution = resolved(text);
    let report = legality::check(&resolution.deck, &resolution.cards, format);
    assert_eq!(report.notes, Vec::<String>::new());
    report.violations
}

fn messages(text: &str, format: GameFormat) -> Vec<String> {
    violations(text, format)
        .into_iter()
        .map(|v| v.message)
        .collect()
}

/// `base` with `line` replacing the first line equal to `old`.
fn replaced(base: &str, old: &str, line: &str) -> String {
    assert!(base.lines().any(|l| l == old), "{old} not in the deck");
    base.replacen(old, line, 1)
}

#[test]
fn names_resolve_through_case_accents_and_faces_with_suggestions_for_the_rest() {
    let text = "4 lightning bolt\n1 Lim-Dûl's Vault\n1 LIM-DUL'S VAULT\n1 Delver of Secrets\n\
                2 fire // ice\n1 Lightnig Bolt\n1 Quasiduplicate Zebra\n20 Island\n";
    let (format, read) = formats::read(text, None);
    assert_eq!(format, Format::MtgoText);
    let resolution = resolve::resolve(&common::reference(), &read).unwrap();
    let names: Vec<&str> = resolution
        .deck
        .cards()
        .iter()
        .map(|line| line.card.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Lightning Bolt",
            "Lim-Dûl's Vault",
            "Lim-Dûl's Vault",
            "Delver of Secrets // Insectile Aberration",
            "Fire // Ice",
            "Island"
        ]
    );
    assert_eq!(resolution.problems.len(), 2, "{:#?}", resolution.problems);
    let misspelt = &resolution.problems[0];
    assert_eq!((misspelt.line, misspelt.quantity), (6, 1));
    assert_eq!(
        misspelt.suggestions.first().map(String::as_str),
        Some("Lightning Bolt")
    );
    assert!(
        misspelt
            .to_string()
            .contains("did you mean: Lightning Bolt"),
        "{misspelt}"
    );
    assert_eq!(resolution.problems[1].line, 7);
    assert!(!resolution.problems[1].ambiguous);
}

#[test]
fn a_real_modern_burn_list_is_legal_in_modern_and_legacy_not_in_pauper_or_standard() {
    assert_eq!(violations(BURN, GameFormat::Modern), []);
    assert_eq!(violations(BURN, GameFormat::Legacy), []);
    let pauper = messages(BURN, GameFormat::Pauper);
    assert!(
        pauper.contains(&"Goblin Guide is not legal in Pauper".to_owned()),
        "{pauper:?}"
    );
    assert!(
        !pauper.iter().any(|m| m.contains("Lightning Bolt")),
        "{pauper:?}"
    );
    let standard = messages(BURN, GameFormat::Standard);
    assert!(standard.contains(&"Lightning Bolt is not legal in Standard".to_owned()));
}

#[test]
fn an_illegal_burn_list_lists_every_violation() {
    let fifth_bolt = replaced(BURN, "4 Lightning Bolt", "5 Lightning Bolt");
    let banned = format!("{fifth_bolt}1 Splinter Twin\n");
    let found = violations(&banned, GameFormat::Modern);
    let said: Vec<&str> = found.iter().map(|v| v.message.as_str()).collect();
    assert_eq!(
        said,
        [
            "Splinter Twin is banned in Modern",
            "a Modern sideboard holds at most 15 cards (a companion among them); this one has 16",
            "Lightning Bolt: Modern allows 4 copies at most, this deck has 5",
        ]
    );
    assert_eq!(found[0].card.as_deref(), Some("Splinter Twin"));
    assert_eq!(found[0].rule, "Modern card list");
    assert_eq!(found[2].rule, "CR 100.2a");

    let short = replaced(BURN, "6 Mountain", "5 Mountain");
    assert_eq!(
        messages(&short, GameFormat::Modern),
        ["a Modern deck needs at least 60 main-deck cards; this one has 59"]
    );
}

#[test]
fn restricted_cards_allow_one_copy_in_vintage() {
    let lotus = replaced(BURN, "6 Mountain", "4 Mountain\n2 Black Lotus");
    let found = messages(&lotus, GameFormat::Vintage);
    assert_eq!(
        found,
        ["Black Lotus is restricted in Vintage: one copy at most, this deck has 2"]
    );
    assert!(
        messages(&lotus, GameFormat::Legacy)
            .contains(&"Black Lotus is banned in Legacy".to_owned())
    );
}

#[test]
fn a_real_krenko_deck_is_legal_in_commander() {
    let resolution = resolved(KRENKO);
    assert_eq!(resolution.deck.count(Section::Commander), 1);
    assert_eq!(resolution.deck.count(Section::Main), 99);
    assert_eq!(
        legality::check(&resolution.deck, &resolution.cards, GameFormat::Commander),
        legality::Report::default()
    );
    // Not a 60-card constructed deck.
    assert!(!legality::check(&resolution.deck, &resolution.cards, GameFormat::Modern).is_legal());
}

#[test]
fn commander_violations_name_the_card_and_the_rule() {
    let broken = replaced(
        KRENKO,
        "32 Mountain",
        "29 Mountain\n1 Black Lotus\n1 Counterspell\n1 Sol Ring",
    );
    let found = violations(&broken, GameFormat::Commander);
    let said: Vec<&str> = found.iter().map(|v| v.message.as_str()).collect();
    assert_eq!(
        said,
        [
            "Black Lotus is banned in Commander",
            "Sol Ring: Commander allows one copy of a card, this deck has 2",
            "Counterspell: colour identity U is outside the commander's identity R",
        ]
    );
    let rules: Vec<&str> = found.iter().map(|v| v.rule.as_str()).collect();
    assert_eq!(rules, ["Commander card list", "CR 903.5b", "CR 903.5c"]);
}

#[test]
fn colour_identity_counts_hybrid_symbols_and_back_faces() {
    let golgari = "Commander\n1 Meren of Clan Nel Toth\nDeck\n1 Counterspell\n1 Kitchen Finks\n\
                   1 Daybreak Ranger\n1 Llanowar Elves\n95 Swamp\n";
    let found = messages(golgari, GameFormat::Commander);
    assert_eq!(
        found,
        [
            "Counterspell: colour identity U is outside the commander's identity BG",
            "Kitchen Finks: colour identity WG is outside the commander's identity BG",
            "Daybreak Ranger // Nightfall Predator: colour identity RG is outside the commander's \
             identity BG",
        ]
    );
}

#[test]
fn any_number_and_up_to_seven_cards_named_are_exceptions_to_singleton() {
    let rats =
        "Commander\n1 Rakdos, Lord of Riots\nDeck\n30 Relentless Rats\n7 Seven Dwarves\n62 Swamp\n";
    assert_eq!(messages(rats, GameFormat::Commander), Vec::<String>::new());
    let eight = replaced(rats, "7 Seven Dwarves", "8 Seven Dwarves");
    let eight = replaced(&eight, "62 Swamp", "61 Swamp");
    assert_eq!(
        messages(&eight, GameFormat::Commander),
        ["Seven Dwarves: Commander allows 7 copies at most, this deck has 8"]
    );
}

#[test]
fn commanders_must_be_able_to_lead_and_pairs_must_partner() {
    let deck =
        |commanders: &str, lands: u32| format!("Commander\n{commanders}\nDeck\n{lands} Wastes\n");
    assert_eq!(
        messages(
            &deck("1 Thrasios, Triton Hero\n1 Tymna the Weaver", 98),
            GameFormat::Commander
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        messages(
            &deck("1 Pir, Imaginative Rascal\n1 Toothy, Imaginary Friend", 98),
            GameFormat::Commander
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        messages(
            &deck("1 Teferi, Temporal Archmage", 99),
            GameFormat::Commander
        ),
        Vec::<String>::new()
    );
    let mismatched = violations(
        &deck("1 Pir, Imaginative Rascal\n1 Thrasios, Triton Hero", 98),
        GameFormat::Commander,
    );
    assert_eq!(mismatched.len(), 1, "{mismatched:?}");
    assert_eq!(mismatched[0].rule, "CR 702.124");
    assert!(mismatched[0].message.starts_with(
        "Pir, Imaginative Rascal and Thrasios, Triton Hero cannot both be commanders"
    ));
    assert_eq!(
        messages(&deck("1 Lightning Bolt", 99), GameFormat::Commander),
        [
            "Lightning Bolt cannot be your commander: it is not a legendary creature or a card that says it can be your commander"
        ]
    );
    assert_eq!(
        messages(
            &deck("1 Jace, the Mind Sculptor", 99),
            GameFormat::Commander
        ),
        [
            "Jace, the Mind Sculptor cannot be your commander: it is not a legendary creature or a card that says it can be your commander"
        ]
    );
    assert_eq!(
        messages(&deck("", 100), GameFormat::Commander),
        ["a Commander deck needs a commander (put it in the Commander section)"]
    );
    assert_eq!(
        messages(&deck("1 Krenko, Mob Boss", 98), GameFormat::Commander),
        ["a Commander deck has exactly 100 cards with its commander; this one has 99"]
    );
}

#[test]
fn brawl_and_oathbreaker_take_planeswalkers_to_lead() {
    let walker = "Commander\n1 Chandra, Acolyte of Flame\nDeck\n99 Mountain\n";
    assert_eq!(
        messages(walker, GameFormat::HistoricBrawl),
        Vec::<String>::new()
    );
    // The 2022 card data has no Oathbreaker list: the deck rules are checked, and the report
    // says the card list was not.
    let oathbreaker =
        "Commander\n1 Chandra, Acolyte of Flame\n1 Lightning Bolt\nDeck\n58 Mountain\n";
    let oathbreaker_report = |text: &str| {
        let resolution = resolved(text);
        legality::check(&resolution.deck, &resolution.cards, GameFormat::Oathbreaker)
    };
    let report = oathbreaker_report(oathbreaker);
    assert!(report.is_legal(), "{report:?}");
    assert_eq!(report.notes.len(), 1);
    assert!(
        report.notes[0].contains("no Oathbreaker card list"),
        "{report:?}"
    );
    let off_colour = replaced(oathbreaker, "1 Lightning Bolt", "1 Counterspell");
    let found: Vec<String> = oathbreaker_report(&off_colour)
        .violations
        .into_iter()
        .map(|v| v.message)
        .collect();
    assert_eq!(
        found,
        ["Counterspell: the signature spell's colour identity U is outside the oathbreaker's R"]
    );
    let two_walkers = replaced(
        oathbreaker,
        "1 Lightning Bolt",
        "1 Chandra, Torch of Defiance",
    );
    assert!(!oathbreaker_report(&two_walkers).is_legal());
}

#[test]
fn limited_needs_forty_cards_and_nothing_else() {
    let forty = "17 Mountain\n23 Goblin Guide\n\n5 Lightning Bolt\n";
    assert_eq!(messages(forty, GameFormat::Limited), Vec::<String>::new());
    let short = "16 Mountain\n23 Goblin Guide\n";
    assert_eq!(
        messages(short, GameFormat::Limited),
        ["a Limited deck needs at least 40 cards; this one has 39"]
    );
}
