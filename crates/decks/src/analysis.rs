//! What a deck is made of and how it draws: mana curve, card types, roles, colour pips against
//! mana sources with a recommendation per colour, a land count recommendation, drawing odds,
//! and the combos it holds or nearly holds.
//!
//! The deck analysed is the main deck with the commander(s): sideboard, companion and
//! maybeboard are not drawn. Each number counts copies.
//!
//! **Roles** are read from oracle text (all faces), by these rules, in this order; a card may
//! have several roles:
//! - ramp: a nonland card with a mana ability ("Add {…}" or "add one mana"), or one that puts
//!   lands onto the battlefield from a library ("search your library for … land … onto the
//!   battlefield");
//! - draw: "draw(s) … card(s)", other than "each player draws";
//! - removal: "destroy target", "exile target" (not "exile target card" from a graveyard),
//!   "deals N damage to any target / target creature / target planeswalker", "target creature
//!   gets -N/-N", "return target nonland permanent / creature to its owner's hand", "target
//!   player sacrifices";
//! - wipe: "destroy all", "exile all", "each creature" damage or "-N/-N", "return all … to
//!   their owners' hands", "each player sacrifices";
//! - counter: "counter target";
//! - tutor: "search your library for" a card that is not only a land (basic land searches are
//!   ramp).
//!
//! **Colour sources**: a land counts for each colour it can add (the card data's produced
//! mana), and a land that fetches ("search your library for … Plains/Island/…") for the basic
//! land types it names, or for every colour of the deck's basics when it fetches any basic.
//! The recommendation for a colour is the most any card asks: the fewest sources that give a
//! 90 % chance of its coloured pips by the turn equal to its mana value, on the play, given
//! that many lands (Frank Karsten's method, without his mulligan model).
//!
//! **Lands recommended**: Karsten's regressions (2022) on average mana value `m` of the
//! nonland cards and `r` cheap (mana value ≤ 2) ramp and draw cards: 60 cards
//! `19.59 + 1.90m − 0.28r`, 99–100 cards `31.42 + 3.13m − 0.28r`; other sizes scale the
//! 60-card fit by size (40 cards: two thirds).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use codex::card::Card;
use regex::Regex;
use serde::Serialize;

use crate::deck::{Deck, Section};
use crate::odds;
use crate::resolve::CardPool;

/// The chance the colour recommendation asks for.
const ON_CURVE: f64 = 0.9;
/// The curve's last bar counts this mana value and more.
const CURVE_TOP: u32 = 7;
const COLOURS: [char; 5] = ['W', 'U', 'B', 'R', 'G'];

/// A card's job in a deck, from its oracle text (see the module's rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Role {
    /// Makes or fetches mana.
    Ramp,
    /// Draws cards.
    Draw,
    /// Deals with one permanent.
    Removal,
    /// Deals with many at once.
    Wipe,
    /// Counters spells or abilities.
    Counter,
    /// Searches the library for a card.
    Tutor,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 6] = [
        Role::Ramp,
        Role::Draw,
        Role::Removal,
        Role::Wipe,
        Role::Counter,
        Role::Tutor,
    ];

    /// The role's name.
    pub fn name(self) -> &'static str {
        match self {
            Role::Ramp => "Ramp",
            Role::Draw => "Card draw",
            Role::Removal => "Removal",
            Role::Wipe => "Board wipes",
            Role::Counter => "Counterspells",
            Role::Tutor => "Tutors",
        }
    }
}

fn pattern(source: &str) -> Regex {
    Regex::new(source).unwrap_or_else(|error| unreachable!("a constant pattern: {error}"))
}

static MANA_ABILITY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?i)\badd (\{[^}]+\}|one mana|two mana|three mana|an amount of|x mana|mana)")
});
static LAND_TO_BATTLEFIELD: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?i)search your library for [^.]*\blands?\b[^.]*onto the battlefield")
});
static DRAW: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:you )?draws? (?:a|an|one|two|three|four|five|six|seven|x|that many|\d+|cards equal)[^.]*?\bcards?\b",
    )
});
static EACH_PLAYER_DRAWS: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)each (?:player|opponent) draws"));
static REMOVAL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)destroy target|exile target (?:creature|permanent|nonland|artifact|enchantment|planeswalker|battle|attacking|blocking|tapped|nontoken)|deals? (?:\d+|x) damage to (?:any target|target creature|target planeswalker|target attacking|target blocking)|target creature (?:an opponent controls )?gets [-−]\d+/[-−]\d+|return target (?:nonland permanent|creature|permanent)[^.]* to its owner's hand|target (?:player|opponent) sacrifices",
    )
});
static WIPE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)destroy all|exile all|damage to each creature|each creature gets [-−]|all creatures get [-−]|return all [^.]* to (?:their|its) owners?'? hands?|each player sacrifices|each opponent sacrifices",
    )
});
static COUNTER: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)counter target"));
static SEARCH: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)search(?:es)? (?:your|their) library for ([^.]*)"));

/// A card's roles, by the module's rules.
pub fn roles(card: &Card) -> Vec<Role> {
    let text = &card.oracle_text;
    let is_land = is_land(card);
    let mut found = Vec::new();
    let land_search = LAND_TO_BATTLEFIELD.is_match(text);
    if !is_land && (MANA_ABILITY.is_match(text) || land_search) {
        found.push(Role::Ramp);
    }
    if DRAW.is_match(text) && !EACH_PLAYER_DRAWS.is_match(text) {
        found.push(Role::Draw);
    }
    if REMOVAL.is_match(text) {
        found.push(Role::Removal);
    }
    if WIPE.is_match(text) {
        found.push(Role::Wipe);
    }
    if COUNTER.is_match(text) {
        found.push(Role::Counter);
    }
    let tutor = SEARCH
        .captures_iter(text)
        .any(|search| !search[1].to_lowercase().contains("land"));
    if tutor && !is_land {
        found.push(Role::Tutor);
    }
    found
}

/// Whether the card's front face is a land: it is played as one.
fn is_land(card: &Card) -> bool {
    card.faces
        .first()
        .map_or(card.type_line.contains("Land"), |face| {
            face.types.iter().any(|t| t == "Land")
        })
}

/// The card type a card is counted under: its front face's most telling type.
fn main_type(card: &Card) -> &'static str {
    const ORDER: [&str; 9] = [
        "Land",
        "Creature",
        "Planeswalker",
        "Battle",
        "Instant",
        "Sorcery",
        "Artifact",
        "Enchantment",
        "Kindred",
    ];
    let types: Vec<&str> = card
        .faces
        .first()
        .map(|face| face.types.iter().map(String::as_str).collect())
        .unwrap_or_default();
    ORDER
        .into_iter()
        .find(|t| types.contains(t) || (t == &"Kindred" && types.contains(&"Tribal")))
        .unwrap_or("Other")
}

fn is_spell(card: &Card) -> bool {
    matches!(main_type(card), "Instant" | "Sorcery")
}

/// The coloured pips of the mana cost the card is cast for: the front face's, or both halves'
/// of a split card. A hybrid symbol counts for each of its colours.
fn pips(card: &Card) -> BTreeMap<char, u32> {
    let costs: Vec<&str> = if card.layout == "split" {
        card.faces
            .iter()
            .filter_map(|f| f.mana_cost.as_deref())
            .collect()
    } else {
        card.faces
            .first()
            .and_then(|f| f.mana_cost.as_deref())
            .or(card.mana_cost.as_deref())
            .into_iter()
            .collect()
    };
    let mut counted = BTreeMap::new();
    for cost in costs {
        for symbol in cost.split('{').filter_map(|s| s.strip_suffix('}')) {
            for colour in COLOURS {
                if symbol
                    .split('/')
                    .any(|part| part.len() == 1 && part.starts_with(colour))
                {
                    *counted.entry(colour).or_insert(0) += 1;
                }
            }
        }
    }
    counted
}

static FETCHED_TYPE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\b(Plains|Island|Swamp|Mountain|Forest)\b"));

fn colour_of_basic_type(land_type: &str) -> Option<char> {
    Some(match land_type {
        "Plains" => 'W',
        "Island" => 'U',
        "Swamp" => 'B',
        "Mountain" => 'R',
        "Forest" => 'G',
        _ => return None,
    })
}

/// The colours a land gives: what it adds, or what it fetches.
fn land_colours(card: &Card, basics: &[char]) -> Vec<char> {
    let mut colours: Vec<char> = card
        .produced_mana
        .iter()
        .flatten()
        .filter_map(|symbol| symbol.chars().next())
        .filter(|c| COLOURS.contains(c))
        .collect();
    for search in SEARCH.captures_iter(&card.oracle_text) {
        let what = &search[1];
        colours.extend(
            FETCHED_TYPE
                .find_iter(what)
                .filter_map(|t| colour_of_basic_type(t.as_str())),
        );
        if what.contains("basic land card") {
            colours.extend(basics);
        }
    }
    colours.sort_unstable();
    colours.dedup();
    colours
}

/// One bar of the mana curve: the nonland cards of one mana value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CurveBar {
    /// The mana value; the last bar ([`CURVE_TOP`]) counts that and more.
    pub mana_value: u32,
    /// Copies of permanent cards.
    pub permanents: u32,
    /// Copies of instants and sorceries.
    pub spells: u32,
    /// Copies by card type (`Creature`, `Instant`, …).
    pub by_type: BTreeMap<String, u32>,
}

/// One colour's demand and supply.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ColourRow {
    /// The colour, as a WUBRG letter.
    pub colour: String,
    /// Coloured pips of that colour over the cards' costs, copies counted.
    pub pips: u32,
    /// Lands that give it.
    pub sources: u32,
    /// Sources recommended (see the module), when a card asks for the colour.
    pub recommended: Option<u32>,
    /// The card that asks the most of the colour.
    pub hardest: Option<String>,
}

/// The deck's cards of one role.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RoleRow {
    /// The role.
    pub role: Role,
    /// Copies with that role.
    pub copies: u32,
    /// Their names.
    pub cards: Vec<String>,
    /// The chance of at least one in the opening hand (seven cards).
    pub in_opening_hand: f64,
}

/// The land count against the recommendation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LandAdvice {
    /// Lands in the deck.
    pub lands: u32,
    /// Lands recommended, rounded.
    pub recommended: u32,
    /// How it was computed, for the player.
    pub basis: String,
}

/// The chance of making each land drop.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LandDrop {
    /// The turn.
    pub turn: u32,
    /// The chance of at least `turn` lands among the cards seen by then, on the play.
    pub on_the_play: f64,
    /// The same on the draw.
    pub on_the_draw: f64,
}

/// Everything [`analyse`] finds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Analysis {
    /// Cards analysed (main deck and commanders), copies counted.
    pub cards: u32,
    /// Cards drawn from: the main deck (a commander starts in the command zone).
    pub library: u32,
    /// Of which lands.
    pub lands: u32,
    /// Average mana value of the nonland cards.
    pub average_mana_value: f64,
    /// The curve, one bar per mana value from 0 to [`CURVE_TOP`] and more.
    pub curve: Vec<CurveBar>,
    /// Copies by card type, all cards.
    pub types: BTreeMap<String, u32>,
    /// Copies by role.
    pub roles: Vec<RoleRow>,
    /// Per colour the deck's costs ask for, WUBRG order.
    pub colours: Vec<ColourRow>,
    /// The land count.
    pub land_advice: LandAdvice,
    /// The chance of exactly 0…7 lands in the opening hand.
    pub opening_hand_lands: Vec<f64>,
    /// The chance of making the land drops of turns 1 to 6.
    pub land_drops: Vec<LandDrop>,
}

/// Analyses the main deck and commanders of `deck`; cards missing from `cards` are left out.
pub fn analyse(deck: &Deck, cards: &CardPool) -> Analysis {
    let lines: Vec<(&Card, u32)> = deck
        .cards()
        .iter()
        .filter(|line| matches!(line.section, Section::Main | Section::Commander))
        .filter_map(|line| cards.get(&line.card.name).map(|card| (card, line.quantity)))
        .collect();
    let total: u32 = lines.iter().map(|(_, q)| q).sum();
    let lands: u32 = lines
        .iter()
        .filter(|(c, _)| is_land(c))
        .map(|(_, q)| q)
        .sum();
    // The library: a commander starts in the command zone, not among the cards drawn.
    let library = deck.count(Section::Main).max(1);

    let mut curve: Vec<CurveBar> = (0..=CURVE_TOP)
        .map(|mana_value| CurveBar {
            mana_value,
            permanents: 0,
            spells: 0,
            by_type: BTreeMap::new(),
        })
        .collect();
    let mut types: BTreeMap<String, u32> = BTreeMap::new();
    let (mut value_sum, mut nonlands) = (0.0, 0u32);
    for (card, quantity) in &lines {
        *types.entry(main_type(card).to_owned()).or_default() += quantity;
        if is_land(card) {
            continue;
        }
        value_sum += card.mana_value * f64::from(*quantity);
        nonlands += quantity;
        let bar = &mut curve[(card.mana_value.max(0.0) as u32).min(CURVE_TOP) as usize];
        if is_spell(card) {
            bar.spells += quantity;
        } else {
            bar.permanents += quantity;
        }
        *bar.by_type.entry(main_type(card).to_owned()).or_default() += quantity;
    }
    let average_mana_value = if nonlands == 0 {
        0.0
    } else {
        value_sum / f64::from(nonlands)
    };

    // Each card's roles, read once (a handful of patterns over its whole text).
    let card_roles: Vec<Vec<Role>> = lines.iter().map(|(card, _)| roles(card)).collect();
    let role_rows: Vec<RoleRow> = Role::ALL
        .into_iter()
        .map(|role| {
            let with: Vec<&(&Card, u32)> = lines
                .iter()
                .zip(&card_roles)
                .filter(|(_, found)| found.contains(&role))
                .map(|(line, _)| line)
                .collect();
            let copies = with.iter().map(|(_, q)| q).sum();
            RoleRow {
                role,
                copies,
                cards: with.iter().map(|(card, _)| card.name.clone()).collect(),
                in_opening_hand: odds::at_least(library, copies, 7, 1),
            }
        })
        .collect();

    let cheap_helpers: u32 = lines
        .iter()
        .zip(&card_roles)
        .filter(|((card, _), found)| {
            !is_land(card)
                && card.mana_value <= 2.0
                && found.iter().any(|r| matches!(r, Role::Ramp | Role::Draw))
        })
        .map(|((_, q), _)| q)
        .sum();
    let land_advice = land_advice(total, lands, average_mana_value, cheap_helpers);
    let colours = colour_rows(&lines, library, lands);

    Analysis {
        cards: total,
        library,
        lands,
        average_mana_value,
        curve,
        types,
        roles: role_rows,
        colours,
        land_advice,
        opening_hand_lands: (0..=7)
            .map(|k| odds::exactly(library, lands, 7, k))
            .collect(),
        land_drops: (1..=6)
            .map(|turn| LandDrop {
                turn,
                on_the_play: odds::at_least(library, lands, odds::cards_seen(turn, true), turn),
                on_the_draw: odds::at_least(library, lands, odds::cards_seen(turn, false), turn),
            })
            .collect(),
    }
}

fn land_advice(total: u32, lands: u32, average: f64, cheap_helpers: u32) -> LandAdvice {
    let helpers = f64::from(cheap_helpers);
    let (value, basis) = if (99..=100).contains(&total) {
        (
            31.42 + 3.13 * average - 0.28 * helpers,
            format!(
                "Karsten's fit for 99-card decks: 31.42 + 3.13 × {average:.2} average mana value \
                 − 0.28 × {cheap_helpers} cheap ramp/draw cards"
            ),
        )
    } else {
        let scale = f64::from(total.max(1)) / 60.0;
        let sixty = 19.59 + 1.90 * average - 0.28 * helpers;
        let basis = format!(
            "Karsten's fit for 60-card decks: 19.59 + 1.90 × {average:.2} average mana value − \
             0.28 × {cheap_helpers} cheap ramp/draw cards{}",
            if total == 60 {
                String::new()
            } else {
                format!(", scaled to {total} cards")
            }
        );
        (sixty * scale, basis)
    };
    LandAdvice {
        lands,
        recommended: value.round().max(0.0) as u32,
        basis,
    }
}

fn colour_rows(lines: &[(&Card, u32)], library: u32, lands: u32) -> Vec<ColourRow> {
    let basics: Vec<char> = lines
        .iter()
        .filter(|(card, _)| card.type_line.starts_with("Basic"))
        .flat_map(|(card, _)| land_colours(card, &[]))
        .collect();
    COLOURS
        .into_iter()
        .filter_map(|colour| {
            let pips_total: u32 = lines
                .iter()
                .map(|(card, q)| pips(card).get(&colour).copied().unwrap_or(0) * q)
                .sum();
            let sources: u32 = lines
                .iter()
                .filter(|(card, _)| is_land(card) && land_colours(card, &basics).contains(&colour))
                .map(|(_, q)| q)
                .sum();
            // A land giving colours the deck never asks for (Command Tower) says nothing.
            if pips_total == 0 {
                return None;
            }
            // The card asking most: the most sources needed for its pips on its turn.
            let mut hardest: Option<(u32, &str)> = None;
            for (card, _) in lines.iter().filter(|(card, _)| !is_land(card)) {
                let Some(&needed_pips) = pips(card).get(&colour) else {
                    continue;
                };
                let turn = (card.mana_value as u32).max(1).max(needed_pips);
                let needed = (0..=lands)
                    .find(|&s| {
                        odds::colour_on_curve(library, lands, s, needed_pips, turn, true)
                            >= ON_CURVE
                    })
                    .unwrap_or(lands);
                if hardest.is_none_or(|(most, _)| needed > most) {
                    hardest = Some((needed, card.name.as_str()));
                }
            }
            Some(ColourRow {
                colour: colour.to_string(),
                pips: pips_total,
                sources,
                recommended: hardest.map(|(needed, _)| needed),
                hardest: hardest.map(|(_, name)| name.to_owned()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_cards::card;

    #[test]
    fn roles_follow_the_documented_rules() {
        let cases = [
            ("{T}: Add {G}.", "Creature", vec![Role::Ramp]),
            (
                "Search your library for a basic land card, put it onto the battlefield tapped, then shuffle.",
                "Sorcery",
                vec![Role::Ramp],
            ),
            ("Draw two cards.", "Sorcery", vec![Role::Draw]),
            ("Each player draws three cards.", "Sorcery", vec![]),
            (
                "Destroy target creature. It can't be regenerated.",
                "Instant",
                vec![Role::Removal],
            ),
            (
                "Lightning Bolt deals 3 damage to any target.",
                "Instant",
                vec![Role::Removal],
            ),
            (
                "Destroy all creatures. They can't be regenerated.",
                "Sorcery",
                vec![Role::Wipe],
            ),
            ("Counter target spell.", "Instant", vec![Role::Counter]),
            (
                "Search your library for a card, put that card into your hand, then shuffle. You lose 2 life.",
                "Sorcery",
                vec![Role::Tutor],
            ),
            ("{T}: Add {R}.", "Land", vec![]),
            ("Exile target card from a graveyard.", "Instant", vec![]),
        ];
        for (text, types, expected) in cases {
            assert_eq!(
                roles(&card("X", "{1}", 1.0, types, text)),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn hybrid_and_phyrexian_pips_count_for_their_colours() {
        let finks = card("Kitchen Finks", "{1}{G/W}{G/W}", 3.0, "Creature", "");
        assert_eq!(pips(&finks), BTreeMap::from([('W', 2), ('G', 2)]));
        let mutagenic = card("Mutagenic Growth", "{G/P}", 1.0, "Instant", "");
        assert_eq!(pips(&mutagenic), BTreeMap::from([('G', 1)]));
        let reaper = card("Spectral Procession", "{2/W}{2/W}{2/W}", 6.0, "Sorcery", "");
        assert_eq!(pips(&reaper), BTreeMap::from([('W', 3)]));
    }

    #[test]
    fn land_advice_uses_the_fit_for_the_deck_size() {
        let sixty = land_advice(60, 24, 2.5, 0);
        assert_eq!(sixty.recommended, 24); // 19.59 + 4.75 = 24.34
        let commander = land_advice(100, 37, 3.0, 10);
        assert_eq!(commander.recommended, 38); // 31.42 + 9.39 − 2.8 = 38.01
        let limited = land_advice(40, 17, 3.0, 0);
        assert_eq!(limited.recommended, 17); // (19.59 + 5.7) × 2/3 = 16.86
    }
}
