//! Whether a deck may be played in a format, with every reason it may not.
//!
//! Ban and restricted lists are the card data's legalities (per card and format), never a list
//! kept here; what the code knows are the deck construction rules of the Comprehensive Rules
//! (CR 100.2a constructed, 100.2b limited, 903 Commander, 903.12 Brawl) and of Oathbreaker (a
//! community format the CR does not cover):
//!
//! - Constructed (Standard, Pioneer, Modern, Legacy, Vintage, Pauper): at least 60 main-deck
//!   cards, at most 15 in the sideboard (a companion counts among them), at most four copies
//!   of a card by name across both, one of a restricted card; no commander.
//! - Commander: exactly 100 cards with the commander(s); one copy of each card; every card's
//!   colour identity (hybrid symbols and back faces included, as the card data computes it)
//!   within the commanders'; the commander a card that can be one (a legendary creature, or
//!   text saying so); two commanders only as a pair: both with Partner, Partner with each
//!   other, both Friends forever, both with the same "Partner—" variant, Choose a Background
//!   with a Background, or Doctor's companion with a Doctor.
//! - Brawl (60 cards) and Historic Brawl (100): as Commander, but the commander may also be a
//!   legendary planeswalker, and the lists are the card data's `brawl`/`historicbrawl`.
//! - Oathbreaker: 60 cards with a legendary planeswalker (the oathbreaker) and an instant or
//!   sorcery (its signature spell) in the commander section; singleton; colour identity.
//! - Limited: at least 40 main-deck cards, any number of copies, any card.
//!
//! Basic lands (and Wastes, Snow-Covered basics) are exempt from copy limits, and so are cards
//! that say "A deck can have any number of cards named …" or "up to seven cards named …"
//! (the number they give).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use codex::Colors;
use codex::card::Card;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::deck::{Deck, Section};
use crate::resolve::CardPool;

/// A format a deck can be checked against. Serialised as its [`GameFormat::id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum GameFormat {
    /// Standard.
    Standard,
    /// Pioneer.
    Pioneer,
    /// Modern.
    Modern,
    /// Legacy.
    Legacy,
    /// Vintage (restricted cards: one copy).
    Vintage,
    /// Pauper.
    Pauper,
    /// Commander (EDH).
    Commander,
    /// Oathbreaker.
    Oathbreaker,
    /// Brawl: Standard-legal cards, 60 cards with the commander.
    Brawl,
    /// Historic Brawl: Arena's cards, 100 cards with the commander.
    #[serde(rename = "historicbrawl")]
    HistoricBrawl,
    /// Limited (draft, sealed).
    Limited,
}

/// The shape of a format's decks.
enum Shape {
    Constructed,
    Singleton { size: u32, leader: Leader },
    Limited,
}

/// What may lead a singleton deck.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Leader {
    Commander,
    BrawlCommander,
    Oathbreaker,
}

impl GameFormat {
    /// Every format.
    pub const ALL: [GameFormat; 11] = [
        GameFormat::Standard,
        GameFormat::Pioneer,
        GameFormat::Modern,
        GameFormat::Legacy,
        GameFormat::Vintage,
        GameFormat::Pauper,
        GameFormat::Commander,
        GameFormat::Oathbreaker,
        GameFormat::Brawl,
        GameFormat::HistoricBrawl,
        GameFormat::Limited,
    ];

    /// The id used on the command line and in the card data's legalities.
    pub fn id(self) -> &'static str {
        match self {
            GameFormat::Standard => "standard",
            GameFormat::Pioneer => "pioneer",
            GameFormat::Modern => "modern",
            GameFormat::Legacy => "legacy",
            GameFormat::Vintage => "vintage",
            GameFormat::Pauper => "pauper",
            GameFormat::Commander => "commander",
            GameFormat::Oathbreaker => "oathbreaker",
            GameFormat::Brawl => "brawl",
            GameFormat::HistoricBrawl => "historicbrawl",
            GameFormat::Limited => "limited",
        }
    }

    /// The format's name.
    pub fn name(self) -> &'static str {
        match self {
            GameFormat::Standard => "Standard",
            GameFormat::Pioneer => "Pioneer",
            GameFormat::Modern => "Modern",
            GameFormat::Legacy => "Legacy",
            GameFormat::Vintage => "Vintage",
            GameFormat::Pauper => "Pauper",
            GameFormat::Commander => "Commander",
            GameFormat::Oathbreaker => "Oathbreaker",
            GameFormat::Brawl => "Brawl",
            GameFormat::HistoricBrawl => "Historic Brawl",
            GameFormat::Limited => "Limited",
        }
    }

    fn shape(self) -> Shape {
        match self {
            GameFormat::Commander => Shape::Singleton {
                size: 100,
                leader: Leader::Commander,
            },
            GameFormat::HistoricBrawl => Shape::Singleton {
                size: 100,
                leader: Leader::BrawlCommander,
            },
            GameFormat::Brawl => Shape::Singleton {
                size: 60,
                leader: Leader::BrawlCommander,
            },
            GameFormat::Oathbreaker => Shape::Singleton {
                size: 60,
                leader: Leader::Oathbreaker,
            },
            GameFormat::Limited => Shape::Limited,
            _ => Shape::Constructed,
        }
    }

    /// The format an imported deck is taken to be built for when the player names none:
    /// Commander when it has a commander, else none.
    pub fn implied_by(deck: &Deck) -> Option<GameFormat> {
        (deck.count(Section::Commander) > 0).then_some(GameFormat::Commander)
    }
}

impl fmt::Display for GameFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is none of [`GameFormat::ALL`].
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "unknown format {0:?} (known: standard, pioneer, modern, legacy, vintage, pauper, commander, \
     oathbreaker, brawl, historicbrawl, limited)"
)]
pub struct UnknownGameFormat(pub String);

impl FromStr for GameFormat {
    type Err = UnknownGameFormat;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let folded: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let folded = match folded.as_str() {
            "edh" => "commander",
            other => other,
        };
        GameFormat::ALL
            .into_iter()
            .find(|format| format.id() == folded)
            .ok_or_else(|| UnknownGameFormat(name.to_owned()))
    }
}

/// One reason a deck is not legal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Violation {
    /// The card it is about, when it is about one.
    pub card: Option<String>,
    /// The rule broken: a Comprehensive Rules number, or the format's card list.
    pub rule: String,
    /// What is wrong, as a sentence for the player.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.rule)
    }
}

fn violation(card: Option<&str>, rule: &str, message: String) -> Violation {
    Violation {
        card: card.map(str::to_owned),
        rule: rule.to_owned(),
        message,
    }
}

/// How many copies of a card a deck may hold beyond the format's limit: any number, or a
/// number the card gives.
static ANY_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)a deck can have (any number of|up to (\w+)) cards named")
        .unwrap_or_else(|error| unreachable!("a constant pattern: {error}"))
});

/// The copies of `card` a deck may hold, given the format's limit; `None` is no limit.
fn copy_limit(card: &Card, format_limit: u32) -> Option<u32> {
    let basic = card
        .faces
        .first()
        .is_some_and(|face| face.supertypes.iter().any(|s| s == "Basic"))
        && card.type_line.contains("Land");
    if basic {
        return None;
    }
    match ANY_NUMBER.captures(&card.oracle_text) {
        // "any number" has no number: no limit.
        Some(found) => found
            .get(2)
            .map(|number| number_word(number.as_str()).unwrap_or(format_limit)),
        None => Some(format_limit),
    }
}

fn number_word(word: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let lower = word.to_lowercase();
    WORDS
        .iter()
        .position(|w| *w == lower)
        .map(|i| i as u32 + 1)
        .or_else(|| lower.parse().ok())
}

fn identity(card: &Card) -> Colors {
    Colors::from_list(&card.color_identity)
}

/// What [`check`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Report {
    /// Every reason the deck is not legal, in the deck's order; empty when it is.
    pub violations: Vec<Violation>,
    /// What could not be checked (the card data has no list for the format, say).
    pub notes: Vec<String>,
}

impl Report {
    /// Whether no violation was found.
    pub fn is_legal(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Checks `deck` against `format`. Cards missing from `cards` (names that matched nothing) are
/// the name lookup's problems, not violations, and are skipped.
pub fn check(deck: &Deck, cards: &CardPool, format: GameFormat) -> Report {
    let mut report = Report::default();
    if format != GameFormat::Limited && !cards.lists_format(format.id()) {
        report.notes.push(format!(
            "the card data has no {format} card list, so banned and not-legal cards were not              checked (a newer import may have it)"
        ));
    } else {
        check_card_lists(deck, cards, format, &mut report.violations);
    }
    report
        .violations
        .extend(deck_violations(deck, cards, format));
    report
}

/// The deck construction rules' violations.
fn deck_violations(deck: &Deck, cards: &CardPool, format: GameFormat) -> Vec<Violation> {
    let mut found = Vec::new();
    let shape = format.shape();
    match shape {
        Shape::Constructed => check_constructed(deck, cards, format, &mut found),
        Shape::Singleton { size, leader } => {
            check_singleton(deck, cards, format, size, leader, &mut found)
        }
        Shape::Limited => {
            let main = deck.count(Section::Main);
            if main < 40 {
                found.push(violation(
                    None,
                    "CR 100.2b",
                    format!("a Limited deck needs at least 40 cards; this one has {main}"),
                ));
            }
        }
    }
    found
}

/// Banned, restricted and not-legal cards, from the card data's legalities.
fn check_card_lists(deck: &Deck, cards: &CardPool, format: GameFormat, found: &mut Vec<Violation>) {
    if format == GameFormat::Limited {
        return;
    }
    let list = format!("{} card list", format.name());
    let mut seen = Vec::new();
    for line in deck.cards() {
        if line.section == Section::Maybeboard || seen.contains(&&line.card.name) {
            continue;
        }
        seen.push(&line.card.name);
        let Some(card) = cards.get(&line.card.name) else {
            continue;
        };
        let status = card
            .legalities
            .get(format.id())
            .map_or("not_legal", String::as_str);
        let name = card.name.as_str();
        let message = match status {
            "banned" => format!("{name} is banned in {format}"),
            "not_legal" => format!("{name} is not legal in {format}"),
            _ => continue,
        };
        found.push(violation(Some(name), &list, message));
    }
}

/// Copies of each card across the given sections, in first-seen order.
fn copies(deck: &Deck, sections: &[Section]) -> Vec<(String, u32)> {
    let mut counted: Vec<(String, u32)> = Vec::new();
    for line in deck
        .cards()
        .iter()
        .filter(|l| sections.contains(&l.section))
    {
        match counted.iter_mut().find(|(name, _)| *name == line.card.name) {
            Some((_, count)) => *count += line.quantity,
            None => counted.push((line.card.name.clone(), line.quantity)),
        }
    }
    counted
}

fn check_copies(
    deck: &Deck,
    cards: &CardPool,
    sections: &[Section],
    limit: u32,
    format: GameFormat,
    found: &mut Vec<Violation>,
) {
    let rule = if limit == 1 { "CR 903.5b" } else { "CR 100.2a" };
    for (name, count) in copies(deck, sections) {
        let Some(card) = cards.get(&name) else {
            continue;
        };
        let restricted = card.legalities.get(format.id()).map(String::as_str) == Some("restricted");
        let allowed = if restricted {
            Some(1)
        } else {
            copy_limit(card, limit)
        };
        if let Some(allowed) = allowed
            && count > allowed
        {
            let why = if restricted {
                format!("{name} is restricted in {format}: one copy at most, this deck has {count}")
            } else if allowed == 1 {
                format!("{name}: {format} allows one copy of a card, this deck has {count}")
            } else {
                format!("{name}: {format} allows {allowed} copies at most, this deck has {count}")
            };
            let rule = if restricted {
                format!("{} card list", format.name())
            } else {
                rule.to_owned()
            };
            found.push(violation(Some(&name), &rule, why));
        }
    }
}

fn check_constructed(
    deck: &Deck,
    cards: &CardPool,
    format: GameFormat,
    found: &mut Vec<Violation>,
) {
    let main = deck.count(Section::Main);
    if main < 60 {
        found.push(violation(
            None,
            "CR 100.2a",
            format!("a {format} deck needs at least 60 main-deck cards; this one has {main}"),
        ));
    }
    let sideboard = deck.count(Section::Sideboard) + deck.count(Section::Companion);
    if sideboard > 15 {
        found.push(violation(
            None,
            "CR 100.4a",
            format!(
                "a {format} sideboard holds at most 15 cards (a companion among them); this one \
                 has {sideboard}"
            ),
        ));
    }
    for line in deck.section(Section::Commander) {
        found.push(violation(
            Some(&line.card.name),
            "CR 903.1",
            format!("{}: {format} decks have no commander", line.card.name),
        ));
    }
    check_copies(
        deck,
        cards,
        &[Section::Main, Section::Sideboard, Section::Companion],
        4,
        format,
        found,
    );
}

fn check_singleton(
    deck: &Deck,
    cards: &CardPool,
    format: GameFormat,
    size: u32,
    leader: Leader,
    found: &mut Vec<Violation>,
) {
    let leaders: Vec<&Card> = deck
        .section(Section::Commander)
        .iter()
        .filter_map(|line| cards.get(&line.card.name))
        .collect();
    let count = deck.count(Section::Main) + deck.count(Section::Commander);
    if count != size {
        found.push(violation(
            None,
            if leader == Leader::Oathbreaker {
                "Oathbreaker rules"
            } else {
                "CR 903.5a"
            },
            format!(
                "a {format} deck has exactly {size} cards with its {}; this one has {count}",
                if leader == Leader::Oathbreaker {
                    "oathbreaker and signature spell"
                } else {
                    "commander"
                }
            ),
        ));
    }
    let identity = match leader {
        Leader::Oathbreaker => check_oathbreaker(deck, &leaders, found),
        Leader::Commander | Leader::BrawlCommander => {
            check_commanders(deck, &leaders, leader, format, found)
        }
    };
    check_copies(
        deck,
        cards,
        &[Section::Main, Section::Commander],
        1,
        format,
        found,
    );
    if let Some(identity) = identity {
        check_identity(deck, cards, identity, found);
    }
}

/// The commanders' checks; their combined colour identity when they can lead the deck.
fn check_commanders(
    deck: &Deck,
    leaders: &[&Card],
    leader: Leader,
    format: GameFormat,
    found: &mut Vec<Violation>,
) -> Option<Colors> {
    let copies = deck.count(Section::Commander);
    if copies == 0 {
        found.push(violation(
            None,
            "CR 903.3",
            format!("a {format} deck needs a commander (put it in the Commander section)"),
        ));
        return None;
    }
    if copies > 2 || leaders.len() > 2 {
        found.push(violation(
            None,
            "CR 903.3",
            format!(
                "a {format} deck has one commander, or two that can partner; this one has {copies}"
            ),
        ));
        return Some(
            leaders
                .iter()
                .fold(Colors::COLORLESS, |all, c| all.union(identity(c))),
        );
    }
    // Whether two commanders may lead together.
    let paired = match leaders {
        [first, second] if first.name == second.name => {
            found.push(violation(
                Some(&first.name),
                "CR 903.5b",
                format!("{}: the two commanders must be different cards", first.name),
            ));
            false
        }
        [first, second] => match pairing_problem(first, second) {
            Some(problem) => {
                found.push(violation(Some(&second.name), "CR 702.124", problem));
                false
            }
            None => true,
        },
        _ => false,
    };
    for card in leaders {
        let can_lead = match leader {
            Leader::Commander => card.can_be_commander,
            _ => card.can_be_commander || is_legendary_planeswalker(card),
        };
        // A Background leads only beside a commander that chooses one.
        let background_in_pair = paired && is_background(card);
        if !can_lead && !background_in_pair {
            let what = if leader == Leader::Commander {
                "a legendary creature or a card that says it can be your commander"
            } else {
                "a legendary creature or planeswalker"
            };
            found.push(violation(
                Some(&card.name),
                if leader == Leader::Commander {
                    "CR 903.3"
                } else {
                    "CR 903.12c"
                },
                format!("{} cannot be your commander: it is not {what}", card.name),
            ));
        }
    }
    Some(
        leaders
            .iter()
            .fold(Colors::COLORLESS, |all, c| all.union(identity(c))),
    )
}

/// A legendary planeswalker card: a Brawl commander (CR 903.12c) or an oathbreaker. Read from
/// the front face rather than the card data's leadership flags, which follow the current
/// Standard for Brawl.
fn is_legendary_planeswalker(card: &Card) -> bool {
    card.faces.first().is_some_and(|face| {
        face.supertypes.iter().any(|s| s == "Legendary")
            && face.types.iter().any(|t| t == "Planeswalker")
    })
}

fn is_background(card: &Card) -> bool {
    card.faces
        .first()
        .is_some_and(|face| face.subtypes.iter().any(|s| s == "Background"))
}

fn has_keyword(card: &Card, keyword: &str) -> bool {
    card.keywords
        .iter()
        .any(|k| k.eq_ignore_ascii_case(keyword))
}

/// The name a "Partner with" card names.
static PARTNER_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^Partner with ([^(\n]+?)\s*(?:\(|$)")
        .unwrap_or_else(|error| unreachable!("a constant pattern: {error}"))
});

/// A "Partner—Survivors" style variant: it pairs only with the same variant.
static PARTNER_VARIANT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^Partner\s*[—-]\s*([^(\n]+?)\s*(?:\(|$)")
        .unwrap_or_else(|error| unreachable!("a constant pattern: {error}"))
});

/// Why two commanders may not lead together, if they may not (CR 702.124 partner and its
/// variants, 702.124i? Friends forever, Choose a Background, Doctor's companion).
fn pairing_problem(first: &Card, second: &Card) -> Option<String> {
    let text = |card: &Card| card.oracle_text.clone();
    let partner_with = |card: &Card| {
        PARTNER_WITH
            .captures(&text(card))
            .map(|found| found[1].trim().to_owned())
    };
    let variant = |card: &Card| {
        PARTNER_VARIANT
            .captures(&text(card))
            .map(|found| found[1].trim().to_lowercase())
    };
    let plain_partner = |card: &Card| {
        has_keyword(card, "Partner") && partner_with(card).is_none() && variant(card).is_none()
    };
    let is_doctor = |card: &Card| {
        card.faces.first().is_some_and(|face| {
            face.subtypes.iter().any(|s| s == "Time") && face.subtypes.iter().any(|s| s == "Doctor")
        })
    };
    let chooses_background = |card: &Card| has_keyword(card, "Choose a Background");
    let doctors_companion = |card: &Card| has_keyword(card, "Doctor's companion");
    let both = |test: &dyn Fn(&Card) -> bool| test(first) && test(second);
    let either_way = |a: &dyn Fn(&Card) -> bool, b: &dyn Fn(&Card) -> bool| {
        (a(first) && b(second)) || (a(second) && b(first))
    };
    let names_each_other = partner_with(first).as_deref() == Some(second.name.as_str())
        && partner_with(second).as_deref() == Some(first.name.as_str());
    let same_variant = variant(first).is_some() && variant(first) == variant(second);
    let pairs = both(&plain_partner)
        || names_each_other
        || same_variant
        || both(&|card| has_keyword(card, "Friends forever"))
        || either_way(&chooses_background, &is_background)
        || either_way(&doctors_companion, &is_doctor);
    (!pairs).then(|| {
        format!(
            "{} and {} cannot both be commanders: two commanders need Partner (or the same \
             Partner variant, or Partner with each other), Friends forever, Choose a Background \
             with a Background, or Doctor's companion with a Doctor",
            first.name, second.name
        )
    })
}

/// The oathbreaker's checks (one legendary planeswalker and one instant or sorcery within its
/// colour identity); the oathbreaker's identity when there is one.
fn check_oathbreaker(deck: &Deck, leaders: &[&Card], found: &mut Vec<Violation>) -> Option<Colors> {
    const RULE: &str = "Oathbreaker rules";
    let is_spell =
        |card: &Card| card.type_line.contains("Instant") || card.type_line.contains("Sorcery");
    let walkers: Vec<&&Card> = leaders
        .iter()
        .filter(|c| is_legendary_planeswalker(c))
        .collect();
    let spells: Vec<&&Card> = leaders.iter().filter(|c| is_spell(c)).collect();
    for card in leaders {
        if !is_legendary_planeswalker(card) && !is_spell(card) {
            found.push(violation(
                Some(&card.name),
                RULE,
                format!(
                    "{}: the command zone holds a legendary planeswalker (the oathbreaker) and an \
                     instant or sorcery (its signature spell), not this card",
                    card.name
                ),
            ));
        }
    }
    if walkers.len() != 1 || spells.len() != 1 || deck.count(Section::Commander) != 2 {
        found.push(violation(
            None,
            RULE,
            "an Oathbreaker deck has one oathbreaker (a legendary planeswalker) and one \
             signature spell (an instant or sorcery) in the commander section"
                .to_owned(),
        ));
    }
    let walker = walkers.first()?;
    let colors = identity(walker);
    for spell in spells {
        if !colors.contains(identity(spell)) {
            found.push(violation(
                Some(&spell.name),
                RULE,
                format!(
                    "{}: the signature spell's colour identity {} is outside the oathbreaker's {}",
                    spell.name,
                    identity(spell),
                    colors
                ),
            ));
        }
    }
    Some(colors)
}

/// Every card whose colour identity is outside the commanders' (CR 903.4, 903.5c).
fn check_identity(deck: &Deck, cards: &CardPool, allowed: Colors, found: &mut Vec<Violation>) {
    let mut reported: BTreeMap<&str, ()> = BTreeMap::new();
    let sections = [Section::Main, Section::Companion, Section::Sideboard];
    for line in deck
        .cards()
        .iter()
        .filter(|l| sections.contains(&l.section))
    {
        let Some(card) = cards.get(&line.card.name) else {
            continue;
        };
        let colors = identity(card);
        if !allowed.contains(colors) && reported.insert(&card.name, ()).is_none() {
            found.push(violation(
                Some(&card.name),
                "CR 903.5c",
                format!(
                    "{}: colour identity {colors} is outside the commander's identity {allowed}",
                    card.name
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::CardRef;
    use crate::test_cards::legend;

    /// Whether `first` and `second` may lead a 100-card Commander deck of Wastes together.
    fn pair_is_legal(first: Card, second: Card) -> Vec<String> {
        let mut deck = Deck::new(None);
        deck.add(Section::Commander, 1, CardRef::named(first.name.clone()));
        deck.add(Section::Commander, 1, CardRef::named(second.name.clone()));
        let mut wastes = crate::test_cards::card("Wastes", "", 0.0, "Land", "{T}: Add {C}.");
        wastes.faces[0].supertypes = vec!["Basic".to_owned()];
        deck.add(Section::Main, 98, CardRef::named("Wastes"));
        let mut cards = vec![first, second, wastes];
        for card in &mut cards {
            card.legalities
                .insert("commander".to_owned(), "legal".to_owned());
        }
        check(&deck, &CardPool::from_cards(cards), GameFormat::Commander)
            .violations
            .into_iter()
            .map(|v| v.message)
            .collect()
    }

    #[test]
    fn partner_variants_pair_only_with_their_kind() {
        let creature = |name: &str, keywords: &[&str], text: &str| {
            legend(name, "Creature", "Human", keywords, text)
        };
        // Choose a Background with a Background (which alone cannot lead).
        let chooser = creature(
            "Wilson, Refined Grizzly",
            &["Choose a Background"],
            "Choose a Background",
        );
        let background = legend("Raised by Giants", "Enchantment", "Background", &[], "");
        assert_eq!(
            pair_is_legal(chooser.clone(), background.clone()),
            Vec::<String>::new()
        );
        let plain = creature("Plain Legend", &[], "");
        assert_eq!(pair_is_legal(plain.clone(), background).len(), 2);
        // Doctor's companion with a Time Lord Doctor.
        let companion = creature("Rose Tyler", &["Doctor's companion"], "Doctor's companion");
        let doctor = legend("The Tenth Doctor", "Creature", "Time Lord Doctor", &[], "");
        assert_eq!(
            pair_is_legal(companion.clone(), doctor),
            Vec::<String>::new()
        );
        assert_eq!(pair_is_legal(companion, plain.clone()).len(), 1);
        // Friends forever, old and new wording; Partner—Survivors only with its own kind.
        let friend = creature("Will the Wise", &["Friends forever"], "Friends forever");
        let friend_too = creature("Lucas", &["Partner"], "Partner—Friends forever");
        let survivor = creature("Survivor", &["Partner"], "Partner—Survivors");
        assert_eq!(
            pair_is_legal(
                friend.clone(),
                creature("Mike", &["Friends forever"], "Friends forever")
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            pair_is_legal(
                friend_too.clone(),
                creature("Max", &["Partner"], "Partner—Friends forever")
            ),
            Vec::<String>::new()
        );
        assert_eq!(pair_is_legal(friend_too, survivor.clone()).len(), 1);
        // Plain partner does not combine with a variant (CR 702.124f).
        let partner = creature("Thrasios", &["Partner"], "Partner");
        assert_eq!(pair_is_legal(partner, survivor).len(), 1);
        // Partner with names each other.
        let pir = creature(
            "Pir",
            &["Partner with"],
            "Partner with Toothy (When this creature enters, …)",
        );
        let toothy = creature(
            "Toothy",
            &["Partner with"],
            "Partner with Pir (When this creature enters, …)",
        );
        assert_eq!(pair_is_legal(pir.clone(), toothy), Vec::<String>::new());
        assert_eq!(pair_is_legal(pir, plain).len(), 1);
    }

    #[test]
    fn format_names_parse() {
        for format in GameFormat::ALL {
            assert_eq!(format.id().parse::<GameFormat>(), Ok(format));
            assert_eq!(
                serde_json::to_value(format).unwrap(),
                serde_json::json!(format.id())
            );
        }
        assert_eq!("EDH".parse::<GameFormat>(), Ok(GameFormat::Commander));
        assert_eq!(
            "Historic Brawl".parse::<GameFormat>(),
            Ok(GameFormat::HistoricBrawl)
        );
        assert!("cube".parse::<GameFormat>().is_err());
    }
}
